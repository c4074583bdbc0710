"""Fixtures shared by the Export dialog's tests (the dialog itself, its worker, the check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.settings import Settings

QUESTIONS = ("inform", "ask", "show_exported", "choose_folder", "open_folder", "open_document")


@pytest.fixture
def no_unexpected_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang the test: fail instead. (The export tests'
    modules use it for every test, `pytestmark = pytest.mark.usefixtures(…)`.)"""

    def unexpected(parent: object, title: str, text: str, *args: object, **kw: object) -> None:
        raise AssertionError(f"unexpected message: {text}")

    for name in QUESTIONS:
        monkeypatch.setattr(export_dialog, name, unexpected)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder the test's exports go to."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def settings(settings: Settings, out: Path) -> Settings:
    """The window's settings (tests/gui/conftest.py) with the export folder at `out`."""
    settings.export_folder = str(out)
    return settings
