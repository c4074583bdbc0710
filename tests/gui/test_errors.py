"""Errors in the window: a slot that raises reaches the hook; known errors are sentences."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.gui import errors
from desktop_app.gui.i18n import UiLanguage
from desktop_app.services import DatabaseUnavailable, DraftNotFound


@pytest.fixture
def ui(qapp: QApplication) -> Iterator[UiLanguage]:
    language = UiLanguage(qapp, "ko")
    yield language
    language.set_language("en")  # Qt's Korean translator leaves the shared app
    language.deleteLater()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the hook showed: ("bug", details) or ("error", the sentence)."""
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(errors, "show_bug", lambda _p, _ui, details: said.append(("bug", details)))
    monkeypatch.setattr(
        errors, "show_error", lambda _p, ui, e: said.append(("error", errors.sentence(e, ui)))
    )
    return said


@pytest.fixture
def hook(ui: UiLanguage) -> Iterator[None]:
    previous = errors.install_excepthook(ui)
    yield
    sys.excepthook = previous


@pytest.mark.qt_no_exception_capture  # the window's own hook is what is tested
@pytest.mark.usefixtures("hook")
def test_a_bug_in_a_slot_is_logged_and_shown_as_a_bug(
    qtbot, shown: list[tuple[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    def slot() -> None:
        raise KeyError("a bug in a slot")

    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(slot)
    with caplog.at_level(logging.ERROR):
        QTimer.singleShot(0, button.click)  # from the event loop, as a person's click is
        qtbot.waitUntil(lambda: bool(shown))
    kind, details = shown[0]
    assert kind == "bug"
    assert "Traceback" in details and "KeyError: 'a bug in a slot'" in details
    assert "bug (uncaught exception)" in caplog.text and "KeyError" in caplog.text


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hook")
def test_a_known_error_in_a_slot_is_a_sentence_in_the_ui_language(
    qtbot, shown: list[tuple[str, str]]
) -> None:
    def slot() -> None:
        raise DraftNotFound(5)

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [("error", "5번 초안을 찾을 수 없습니다. 영구 삭제되었을 수 있습니다.")]


def test_a_failed_save_says_that_the_text_is_kept(ui: UiLanguage) -> None:
    error = DatabaseUnavailable(Path("/data/dari.sqlite3"), "SQLite reported: disk I/O error")
    said = errors.sentence(error, ui)
    assert said.startswith("다리가 데이터베이스 파일 “/data/dari.sqlite3”을(를) 읽거나 쓰지")
    assert said.endswith(" 입력한 내용은 창에 그대로 있습니다.")
    ui.set_language("en")
    assert errors.sentence(error, ui) == str(error) + " Your text is still in the window."
