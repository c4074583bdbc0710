"""Undo and redo of document edits through one QUndoStack of old/new document values."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack

Apply = Callable[[Any, bool], None]
"""Puts a document into the window: (document, widgets_already_show_it)."""

_TYPING = 1001  # the id shared by commands that may merge (consecutive typing)


class DocumentCommand(QUndoCommand):
    """One edit: the document before and after. Undo/redo hand a value back to `apply`.

    Commands with the same `merge_key` (typing in one field, without a pause
    in between that the form marks) merge into one step.
    """

    def __init__(self, text: str, old: Any, new: Any, apply: Apply, merge_key: Hashable) -> None:
        super().__init__(text)
        self.old = old
        self.new = new
        self.merge_key = merge_key
        self._apply = apply
        self._pushed = False

    def redo(self) -> None:
        # The first redo runs inside push(): the form already shows the new text.
        self._apply(self.new, not self._pushed)
        self._pushed = True

    def undo(self) -> None:
        self._apply(self.old, False)

    def id(self) -> int:
        return _TYPING if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DocumentCommand) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class EditHistory(QObject):
    """The window's one undo stack, and the barrier that stops typing from merging."""

    def __init__(self, apply: Apply, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._apply = apply
        self._generation = 0

    def record(self, text: str, old: Any, new: Any, merge_key: Hashable | None = None) -> None:
        """Push an edit the form already shows; `merge_key` lets typing in one field merge."""
        key = None if merge_key is None else (self._generation, merge_key)
        if merge_key is None:
            self.break_merge()
        self.stack.push(DocumentCommand(text, old, new, self._apply, key))

    def break_merge(self) -> None:
        """The next typing starts a new undo step (focus moved, a pause, a structural edit)."""
        self._generation += 1

    def clear(self) -> None:
        """Forget every step (another draft, or a draft reloaded from the database)."""
        self.stack.clear()
        self.break_merge()


class UndoKeyFilter(QObject):
    """Keeps Ctrl+Z / Ctrl+Shift+Z from an editor's own undo: the window's stack gets them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()  # not overridden: the window's shortcut fires
            return True
        return False
