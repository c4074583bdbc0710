"""Questions, messages and file choosers of the glossary and clause library; tests replace them.

Callers use them through the module (`prompts.ask(...)`), so a test's
monkeypatch answers them instead of a person.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

# Qt's own file dialogs, not the system's: their text follows Dari's UI language.
FILE_DIALOG_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def ask(
    parent: QWidget | None, title: str, text: str, yes: str, *, default_yes: bool = False
) -> bool:
    """A yes/no question whose yes button says what happens; Cancel is the default unless
    `default_yes` (when going on is what the person most likely wants)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(go if default_yes else cancel)
    box.exec()
    return box.clickedButton() is go


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Say what happened, or what went wrong and what to do."""
    QMessageBox.information(parent, title, text)


def open_file(parent: QWidget | None, title: str, filters: str) -> str:
    """A file to read; "" when the person cancels."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, title, "", filters, options=FILE_DIALOG_OPTIONS
    )
    return str(path)


def save_file(parent: QWidget | None, title: str, name: str, filters: str) -> str:
    """Where to write a file; "" when the person cancels. A name typed without an
    extension gets the one of the chosen file type."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, name, filters, options=FILE_DIALOG_OPTIONS
    )
    extension = re.search(r"\*(\.\w+)", chosen or "")
    if path and not Path(path).suffix and extension:
        path += extension.group(1)
    return str(path)
