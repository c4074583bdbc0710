"""Fixtures for the window's tests: real windows built as app.py builds them, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.app import build_main_window
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.settings import Settings
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import Services
from desktop_app.storage import Database


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    """The window's tests run over a SQLite file in the data folder the window opens (the
    shared-database case is the storage and services suites', on both databases); this
    replaces the top-level `db`, which runs each test on both."""
    database = Database.open(data_dir / "dari.sqlite3")
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _no_quit_left_over(qapp: QApplication) -> Iterator[None]:
    """After each test, forget a QApplication.exit() that a test made without a running main
    loop (a window whose database cannot be opened quits the application): Qt keeps that
    request and every later event loop (a dialog's exec, say) would return at once. A short
    exec() of the application consumes it."""
    yield
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()


def settings_file(tmp_path: Path) -> QSettings:
    """The test's throwaway settings file (every window of one test shares it)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ui(qapp: QApplication) -> Iterator[UiLanguage]:
    """The UI language object, English; set back to English after the test."""
    language = UiLanguage(qapp, "en")
    yield language
    language.set_language("en")
    language.deleteLater()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The settings the test's windows read and write."""
    return Settings(settings_file(tmp_path))


def show_active(qtbot, window: MainWindow) -> MainWindow:
    """Show a built window, wait until it is the active one; closed with the test by qtbot."""
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def close_windows(built: list[tuple[MainWindow, Services]]) -> None:
    """Close each window (English again) and its database."""
    for window, services in built:
        window.close()
        window.ui.set_language("en")  # Qt's Korean translator leaves the shared app
        window.ui.deleteLater()
        services.close()


@pytest.fixture
def open_window(qtbot, tmp_path: Path, data_dir: Path) -> Iterator[Callable[..., MainWindow]]:
    """Builds real windows over the test's database file and settings file, as app.py does.

    `open_window(language)` shows the window, waits until it is active and returns it;
    each window and its database are closed after the test.
    """
    built: list[tuple[MainWindow, Services]] = []

    def build(language: str = "en") -> MainWindow:
        window, services = build_main_window(
            QApplication.instance(), data_dir, settings_file(tmp_path)
        )
        built.append((window, services))
        window.ui.set_language(language)
        return show_active(qtbot, window)

    yield build
    close_windows(built)
