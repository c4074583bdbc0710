"""Undo and redo: one QUndoStack per open draft in a QUndoGroup, and one for the window's
own operations (moving a draft to the trash), plus the status bar's "Undo" notice.

A draft's stack holds old/new document values and is kept while the window is
open, so switching to another draft and back keeps its history. It is dropped
when the draft is reloaded from the database (a restored revision, a conflict),
so that undo never writes stale values over it. A colleague's change that reaches
the open draft (gui/window/live.py) is no such reload: it is pushed as one step
of its own (`record_applied`), so Ctrl+Z takes it back (an edit, saved as any
other) and then one's own earlier typing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

Apply = Callable[[Any, bool], None]
"""Puts a document into the window: (document, widgets_already_show_it)."""

_TYPING = 1001  # the id shared by commands that may merge (consecutive typing)
NOTICE_MS = 15000  # how long the status bar offers "Undo"


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


class AppliedCommand(DocumentCommand):
    """A change already shown and already saved (a colleague's, taken in by the live
    reload): its first redo, inside push(), does nothing — it is no edit of this window's
    and nothing is to be saved. Its undo, and a redo after that, are edits like any other."""

    def redo(self) -> None:
        if self._pushed:
            self._apply(self.new, False)
        self._pushed = True

    def id(self) -> int:
        return -1  # never merges with typing before or after it


class OperationCommand(QUndoCommand):
    """A step already done through the services (e.g. trash); undo and redo call them again."""

    def __init__(self, text: str, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        super().__init__(text)
        self._undo, self._redo = undo, redo
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:  # the first redo runs inside push(): the operation is already done
            self._redo()
        self._pushed = True

    def undo(self) -> None:
        self._undo()


class EditHistory(QObject):
    """The window's undo stacks (one per draft, one for operations) and the typing barrier."""

    def __init__(self, apply: Apply, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self.operations = QUndoStack(self)  # active while no draft is open
        self.group.addStack(self.operations)
        self.group.setActiveStack(self.operations)
        self.draft_id = 0  # the draft whose stack is active (0: none)
        self._stacks: dict[int, QUndoStack] = {}
        self._shown: dict[int, Any] = {}  # the document each draft's stack last put on screen
        self._apply = apply
        self._generation = 0

    @property
    def stack(self) -> QUndoStack:
        """The active stack: the open draft's, or the operations' when none is open."""
        active = self.group.activeStack()
        return active if active is not None else self.operations

    def activate(self, draft_id: int, document: Any) -> None:
        """The draft is open showing `document`: make its stack active (a new one if needed).

        A kept stack whose last document is not `document` (the draft was changed
        elsewhere meanwhile) is dropped: its values are stale.
        """
        if draft_id in self._stacks and self._shown.get(draft_id) != document:
            self.drop(draft_id)
        stack = self._stacks.get(draft_id)
        if stack is None:
            stack = self._stacks[draft_id] = QUndoStack(self)
            self.group.addStack(stack)
        self._shown[draft_id] = document
        self.draft_id = draft_id
        self.group.setActiveStack(stack)
        self.break_merge()

    def deactivate(self) -> None:
        """No draft is open: Undo and Redo act on the window's operations."""
        self.draft_id = 0
        self.group.setActiveStack(self.operations)
        self.break_merge()

    def drop(self, draft_id: int) -> None:
        """Forget a draft's steps (it was reloaded from the database, or is gone)."""
        stack = self._stacks.pop(draft_id, None)
        self._shown.pop(draft_id, None)
        if stack is not None:
            self.group.removeStack(stack)
            stack.deleteLater()
        if draft_id == self.draft_id:
            self.draft_id = 0
            self.group.setActiveStack(self.operations)

    def record(self, text: str, old: Any, new: Any, merge_key: Hashable | None = None) -> None:
        """Push an edit the form already shows; `merge_key` lets typing in one field merge."""
        if not self.draft_id:
            return
        key = None if merge_key is None else (self._generation, merge_key)
        if merge_key is None:
            self.break_merge()
        draft_id = self.draft_id
        self._shown[draft_id] = new

        def apply(document: Any, shown: bool) -> None:
            self._shown[draft_id] = document
            self._apply(document, shown)

        self._stacks[draft_id].push(DocumentCommand(text, old, new, apply, key))

    def record_applied(self, text: str, old: Any, new: Any) -> None:
        """Push a change the form already shows that is saved already (a colleague's):
        one step, which typing after it never merges into."""
        if not self.draft_id:
            return
        self.break_merge()
        draft_id = self.draft_id
        self._shown[draft_id] = new

        def apply(document: Any, shown: bool) -> None:
            self._shown[draft_id] = document
            self._apply(document, shown)

        self._stacks[draft_id].push(AppliedCommand(text, old, new, apply, None))

    def push_operation(self, text: str, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        """Record an operation just done (its undo and redo call the services again)."""
        self.operations.push(OperationCommand(text, undo, redo))

    def break_merge(self) -> None:
        """The next typing starts a new undo step (focus moved, a pause, a structural edit)."""
        self._generation += 1

    def forget_all(self) -> None:
        """Forget every draft's steps and the operations' (the window is being locked)."""
        for draft_id in list(self._stacks):
            self.drop(draft_id)
        self.operations.clear()
        self.deactivate()

    def clear(self) -> None:
        """Forget the open draft's steps (it was reloaded from the database)."""
        if self.draft_id:
            self._stacks[self.draft_id].clear()
        self.break_merge()


class UndoNotice(QWidget):
    """The status bar's "Moved … to the trash. Undo": a sentence and a button, for a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setObjectName("undoNoticeText")
        self.button = QPushButton(self)
        self.button.setObjectName("undoNoticeButton")
        self.button.setFlat(True)
        self.button.setStyleSheet(
            "QPushButton { color: palette(link); text-decoration: underline; border: none;"
            " padding: 0 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.button)
        self.timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self.timer.timeout.connect(self.hide)
        self.button.clicked.connect(self.hide)
        self.hide()

    def show_notice(self, text: str, button: str) -> None:
        self.text.setText(text)
        self.button.setText(button)
        self.button.setAccessibleName(button)
        self.show()
        self.timer.start()


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
