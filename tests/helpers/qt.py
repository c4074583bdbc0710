"""Driving real widgets in tests: typing Hangul the way a keyboard does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character (qtbot.keyClicks aborts the process on Hangul)."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def type_at_end(widget: QWidget, text: str) -> None:
    """Move to the end of the text (Ctrl+End), then type."""
    QTest.keyClick(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def forbid_questions(monkeypatch: Any, *places: tuple[object, tuple[str, ...]]) -> None:
    """Make every listed message-box function (module, names) fail the test instead of
    waiting for an answer offscreen: an unexpected question is a test failure, not a hang."""

    def unexpected(*args: object) -> None:
        raise AssertionError(f"unexpected question or message box: {args[1:]!r}")

    for module, names in places:
        for name in names:
            monkeypatch.setattr(module, name, unexpected)


def forbid_window_questions(monkeypatch: Any, *more: tuple[object, tuple[str, ...]]) -> None:
    """`forbid_questions` for the window's own message boxes (errors, confirmations, bugs,
    the save-conflict question), and for `more` (a dialog's own questions)."""
    from desktop_app.gui import errors
    from desktop_app.gui.window import autosave

    forbid_questions(
        monkeypatch,
        (errors, ("show_error", "confirm", "show_bug")),
        (autosave, ("ask_conflict_choice",)),
        *more,
    )
