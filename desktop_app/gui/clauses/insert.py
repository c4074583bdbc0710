"""Where an inserted clause goes, and the field's new value with the clause in it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop_app.domain import LANGS, BilingualText, Lang
from desktop_app.gui.widgets.bilingual_editor import BilingualEditor

if TYPE_CHECKING:
    from desktop_app.gui.forms.base import DocumentForm


def insertion_target(
    form: DocumentForm, focus: QWidget | None
) -> tuple[BilingualEditor | None, Lang | None, str | None]:
    """(field, language, None) when `focus` is in a bilingual field of `form`;
    (None, None, section) when it is elsewhere in one of the form's lists; else (None, None, None).
    """
    if focus is None or not form.isAncestorOf(focus):
        return None, None, None
    widget: QWidget | None = focus
    while widget is not None and widget is not form:
        if isinstance(widget, BilingualEditor):
            lang: Lang = next(
                (lang for lang, e in widget.editors.items() if e is focus or e.isAncestorOf(focus)),
                "ko",
            )
            return widget, lang, None
        widget = widget.parentWidget()
    section = next((name for name, s in form.sections.items() if s.isAncestorOf(focus)), None)
    return None, None, section


def insert_at(text: str, position: int, addition: str) -> tuple[str, int]:
    """`addition` put into `text` at `position`, spaced from the words around it; the new text
    and the position just after the addition."""
    position = max(0, min(position, len(text)))
    before, after = text[:position], text[position:]
    if before and not before[-1].isspace():
        addition = " " + addition
    end = len(before) + len(addition)
    if after and not after[0].isspace():
        addition += " "
    return before + addition + after, end


def caret(editor: QWidget) -> int:
    if isinstance(editor, QPlainTextEdit):
        return editor.textCursor().position()
    if isinstance(editor, QLineEdit):
        return editor.cursorPosition()
    return 0


def insert_into_field(field: BilingualEditor, text: BilingualText, at: Lang | None) -> None:
    """Put a copy of `text` into the field: at the caret on the side the person was typing
    in (`at`), at the end on the other side (where the matching place is not known), as one
    edit. With no `at`, at the end of both.

    Both sides change together, so neither is marked out of date by it; a side that
    already was stays marked.
    """
    value = field.value()
    when = datetime.now(UTC)
    new = value
    ends: dict[Lang, int] = {}
    for lang in LANGS:
        addition = text.get(lang).strip()
        if not addition:
            continue
        if not field.long:
            addition = " ".join(addition.split())  # one line
        editor = field.editors[lang]
        current = editor.text()
        position = caret(editor) if lang == at else len(current)
        combined, ends[lang] = insert_at(current, position, addition)
        new = new.with_text(lang, combined, when)
    if new == value:
        return
    field.replace_value(replace(new, stale=value.stale))
    for lang, end in ends.items():  # each side's caret just after what was put in
        editor = field.editors[lang]
        if isinstance(editor, QPlainTextEdit):
            cursor = editor.textCursor()
            cursor.setPosition(min(end, len(editor.toPlainText())))
            editor.setTextCursor(cursor)
        elif isinstance(editor, QLineEdit):
            editor.setCursorPosition(end)
    side = at if at is not None and at in ends else next(iter(ends))
    field.editors[side].setFocus(Qt.FocusReason.OtherFocusReason)
