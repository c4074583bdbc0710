"""Footnotes written in the form: Ctrl+Alt+F (as in Word) or the context menu writes `^[]`
with the caret inside, around the selection if any; the note's text shows subdued."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop_app.gui.glossary.marks import NOTE_COLOUR
from desktop_app.gui.widgets.bilingual_editor import BilingualEditor, LongTextEdit
from tests.helpers.qt import forbid_window_questions, type_text


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def ctrl_alt_f(widget: QWidget) -> None:
    QTest.keyClick(
        widget,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )


def test_ctrl_alt_f_writes_a_note_that_is_saved_and_previewed(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    assert window.loaded is not None
    draft_id = window.loaded.id
    salutation = window.form.fields["salutation"]
    english = salutation.editors["en"]
    assert isinstance(english, QLineEdit)
    english.setFocus()
    type_text(english, "Dear Minister")
    ctrl_alt_f(english)
    assert english.text() == "Dear Minister^[]"
    assert english.cursorPosition() == len("Dear Minister^[")
    type_text(english, "UN Doc A/HRC/55/1")
    assert english.text() == "Dear Minister^[UN Doc A/HRC/55/1]"
    window.flush()
    saved = window.service.load(draft_id).document
    assert saved.salutation.en == "Dear Minister^[UN Doc A/HRC/55/1]"
    window.preview.set_mode("en")
    window.preview.refresh_now()
    shown = window.preview.browser.toPlainText()
    assert "Dear Minister1" in shown  # the mark, superscript, where the note was written
    assert "UN Doc A/HRC/55/1" in shown.split("Dear Minister1", 1)[1]  # the note, listed after
    assert "^[" not in shown
    # The window's undo takes the note back as typing is taken back.
    window.commands["undo"].trigger()
    assert english.text() != saved.salutation.en


def test_the_note_wraps_the_selection_and_is_subdued(qtbot, ui) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    field = BilingualEditor(ui, long=True, parent=holder)
    with qtbot.waitActive(holder):  # a shortcut fires in the active window only
        holder.show()
        holder.activateWindow()
    korean = field.editors["ko"]
    assert isinstance(korean, LongTextEdit)
    korean.setFocus()
    type_text(korean, "본문 출처 끝")
    cursor = korean.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)  # "출처"
    korean.setTextCursor(cursor)
    ctrl_alt_f(korean)
    assert korean.toPlainText() == "본문 ^[출처] 끝"
    assert korean.textCursor().position() == len("본문 ^[출처")
    QApplication.processEvents()
    formats = korean.document().firstBlock().layout().formats()
    subdued = [f for f in formats if f.format.foreground().color() == QColor(NOTE_COLOUR)]
    assert [(f.start, f.length) for f in subdued] == [(3, len("^[출처]"))]


def test_the_context_menu_offers_insert_footnote_in_both_languages(qtbot, ui) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    field = BilingualEditor(ui, long=False, parent=holder)
    for lang in ("ko", "en"):
        actions = field.marker_actions(lang)
        note = field.note_actions[lang]
        assert note in actions
        assert note.text() == "Insert &footnote"
    ui.set_language("ko")
    field.retranslate()
    assert field.note_actions["ko"].text() != "Insert &footnote"
    assert "(&F)" in field.note_actions["ko"].text()
    field.note_actions["en"].trigger()
    assert field.editors["en"].text() == "^[]"
