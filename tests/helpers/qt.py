"""Driving real widgets in tests: typing Hangul the way a keyboard does."""

from __future__ import annotations

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
