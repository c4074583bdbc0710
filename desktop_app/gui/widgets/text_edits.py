"""Putting a new text into an editor the person may be reading or typing in (issue 14).

`put_text` replaces only the span that differs between the editor's text and the new one
(the longest common start and end stay), as one edit block: the cursor, the selection and
the scroll position outside that span stay where they were, inside it they keep their
offset as far as the new span allows. `Composition` follows an input method's preedit
(a Korean syllable being composed) in the editors it watches, so that nothing changes an
editor's text under it.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import isValid


class Span(NamedTuple):
    """The part that differs, in UTF-16 code units as Qt counts positions: it starts at
    `start`, ends at `old_end` in the old text and at `new_end` in the new one."""

    start: int
    old_end: int
    new_end: int

    def moved(self, position: int) -> int:
        """Where a position of the old text is in the new one."""
        if position <= self.start:
            return position
        if position >= self.old_end:
            return position + self.new_end - self.old_end
        return min(position, self.new_end)  # inside: its offset, as far as the new span goes


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def changed_span(old: str, new: str) -> tuple[int, int, int] | None:
    """(start, old_end, new_end) of the one span that differs, in characters; None when
    the texts are the same."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(old) - end, len(new) - end


def _span(old: str, new: str) -> tuple[Span, str] | None:
    """The span in Qt's positions, and the text that replaces it."""
    found = changed_span(old, new)
    if found is None:
        return None
    start, old_end, new_end = found
    head = _units(old[:start])
    span = Span(head, head + _units(old[start:old_end]), head + _units(new[start:new_end]))
    return span, new[start:new_end]


Editor = QLineEdit | QPlainTextEdit | QTextEdit


def editor_text(editor: Editor) -> str:
    return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()


def put_text(editor: Editor, text: str) -> bool:
    """Show `text` in `editor` changing only what differs; False when nothing did. The
    editor's own signals fire as for any programmatic change (callers that must not take
    it for typing block them, as `BilingualEditor.set_value` does)."""
    found = _span(editor_text(editor), text)
    if found is None:
        return False
    span, middle = found
    if isinstance(editor, QLineEdit):
        _put_line(editor, text, span)
    else:
        _put_document(editor, middle, span)
    return True


def _put_line(editor: QLineEdit, text: str, span: Span) -> None:
    position = editor.cursorPosition()
    anchor = position
    if editor.hasSelectedText():
        start = editor.selectionStart()
        end = editor.selectionEnd()
        anchor = end if position == start else start
    editor.setText(text)
    anchor, position = span.moved(anchor), span.moved(position)
    if anchor != position:
        editor.setSelection(anchor, position - anchor)  # a negative length: caret at its start
    else:
        editor.setCursorPosition(position)


def _put_document(editor: QPlainTextEdit | QTextEdit, middle: str, span: Span) -> None:
    bars = (editor.verticalScrollBar(), editor.horizontalScrollBar())
    scrolled = [bar.value() for bar in bars]
    cursor = editor.textCursor()
    anchor, position = cursor.anchor(), cursor.position()
    edit = QTextCursor(editor.document())
    edit.beginEditBlock()
    edit.setPosition(span.start)
    edit.setPosition(span.old_end, QTextCursor.MoveMode.KeepAnchor)
    edit.insertText(middle)  # a "\n" becomes a new block, as typed
    edit.endEditBlock()
    length = editor.document().characterCount() - 1
    cursor = editor.textCursor()
    cursor.setPosition(min(span.moved(anchor), length))
    cursor.setPosition(min(span.moved(position), length), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    for bar, value in zip(bars, scrolled, strict=True):
        bar.setValue(value)


class Place(NamedTuple):
    """Where the person is in an editor: the selection's anchor, the caret, the scroll."""

    anchor: int
    position: int
    scrolled: tuple[int, int] = (0, 0)


def place_of(editor: QWidget) -> Place | None:
    """The caret, selection and scroll of a text editor (None for any other widget)."""
    if isinstance(editor, QLineEdit):
        position = editor.cursorPosition()
        anchor = position
        if editor.hasSelectedText():
            start, end = editor.selectionStart(), editor.selectionEnd()
            anchor = end if position == start else start
        return Place(anchor, position)
    if isinstance(editor, QPlainTextEdit | QTextEdit):
        cursor = editor.textCursor()
        bars = (editor.verticalScrollBar().value(), editor.horizontalScrollBar().value())
        return Place(cursor.anchor(), cursor.position(), bars)
    return None


def put_place(editor: QWidget, place: Place) -> None:
    """Put the caret, selection and scroll back (as far as the text now allows)."""
    if isinstance(editor, QLineEdit):
        length = len(editor.text().encode("utf-16-le")) // 2
        anchor, position = min(place.anchor, length), min(place.position, length)
        if anchor != position:
            editor.setSelection(anchor, position - anchor)
        else:
            editor.setCursorPosition(position)
    elif isinstance(editor, QPlainTextEdit | QTextEdit):
        length = editor.document().characterCount() - 1
        cursor = editor.textCursor()
        cursor.setPosition(min(place.anchor, length))
        cursor.setPosition(min(place.position, length), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.verticalScrollBar().setValue(place.scrolled[0])
        editor.horizontalScrollBar().setValue(place.scrolled[1])


class Composition(QObject):
    """Which watched editors an input method is composing in (a preedit shown, not yet
    committed); `ended` fires once a composition committed or was cancelled, on the next
    turn of the event loop (after the editor took the commit in). One for the application
    (`composition()`): each window asks about the editors of its own form."""

    ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._composing: dict[int, QWidget] = {}

    def watch(self, editor: QWidget) -> None:
        editor.installEventFilter(self)
        key = id(editor)
        editor.destroyed.connect(lambda _obj=None: self._end(key))

    def composing_in(self, root: QWidget) -> bool:
        """True while an input method composes in an editor inside `root`."""
        return any(
            isValid(editor) and (editor is root or root.isAncestorOf(editor))
            for editor in self._composing.values()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if kind == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            if event.preeditString():
                if isinstance(watched, QWidget):
                    self._composing[id(watched)] = watched
            else:  # committed (or cancelled): the editor takes it in, then it has ended
                self._end(id(watched))
        elif kind == QEvent.Type.FocusOut:  # the input method commits or drops it there
            self._end(id(watched))
        return False

    def _end(self, key: int) -> None:
        if self._composing.pop(key, None) is not None:
            QTimer.singleShot(0, self.ended.emit)


_COMPOSITION: Composition | None = None


def composition() -> Composition:
    """The application's watcher of input-method compositions."""
    global _COMPOSITION
    if _COMPOSITION is None:
        _COMPOSITION = Composition()
    return _COMPOSITION
