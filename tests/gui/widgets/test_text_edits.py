"""Putting a new text into an editor the person is in (issue 14's live reload, undo): only the
span that differs changes, and the caret, the selection and the scroll stay; an input
method's composition is seen while it lasts."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from desktop_app.gui.widgets.bilingual_editor import BilingualEditor
from desktop_app.gui.widgets.text_edits import changed_span, composition, put_text


def test_the_changed_span_is_what_lies_between_the_common_start_and_end() -> None:
    assert changed_span("abc", "abc") is None
    assert changed_span("Dear Minister Cho,", "Dear Minister Ana,") == (14, 17, 17)
    assert changed_span("aaa", "aaaa") == (3, 3, 4)  # start and end never overlap
    assert changed_span("장관님께", "존경하는 장관님께") == (0, 0, 5)
    assert changed_span("x", "") == (0, 1, 0)


def test_a_line_keeps_its_caret_after_a_change_before_it_and_its_selection(qtbot) -> None:
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.setText("Dear Minister Cho, greetings")
    editor.setCursorPosition(20)
    assert put_text(editor, "Dear Honourable Minister Cho, greetings")
    assert editor.cursorPosition() == 20 + len("Honourable ")
    editor.setSelection(5, 10)  # "Honourable", the caret after it
    assert put_text(editor, "My Dear Honourable Minister Cho, greetings")
    assert editor.selectedText() == "Honourable"
    assert editor.cursorPosition() == editor.selectionEnd()
    assert not put_text(editor, editor.text())  # nothing differs: nothing done


def test_a_paragraph_keeps_selection_and_scroll_and_counts_as_qt_does(qtbot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.resize(300, 120)
    editor.show()
    lines = [f"line {n} 😀 한국어" for n in range(80)]  # an emoji is two UTF-16 units
    editor.setPlainText("\n".join(lines))
    bar = editor.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    cursor = editor.textCursor()
    start = editor.toPlainText().index("line 70")
    cursor.setPosition(_units(editor.toPlainText()[:start]))
    cursor.setPosition(cursor.position() + 7, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    scrolled = bar.value()

    lines[3] = "line 3 😀😀 changed 한국어"  # before the selection, on one line
    assert put_text(editor, "\n".join(lines))
    assert editor.toPlainText() == "\n".join(lines)
    assert editor.textCursor().selectedText() == "line 70"
    assert bar.value() == scrolled

    lines.insert(1, "a new line")  # a new paragraph, typed as a new block
    assert put_text(editor, "\n".join(lines))
    assert editor.document().blockCount() == len(lines)
    assert editor.textCursor().selectedText() == "line 70"


def test_a_caret_inside_the_changed_span_stays_inside_it(qtbot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("one two three")
    cursor = editor.textCursor()
    cursor.setPosition(6)  # inside "two"
    editor.setTextCursor(cursor)
    put_text(editor, "one 2 three")
    assert editor.textCursor().position() == 5  # the end of the shorter replacement
    put_text(editor, "")
    assert editor.textCursor().position() == 0


def test_the_bilingual_editor_shows_a_value_without_reporting_it(qtbot, ui) -> None:
    from desktop_app.domain import BilingualText

    field = BilingualEditor(ui, long=True)
    qtbot.addWidget(field)
    typed: list[tuple[str, str]] = []
    field.edited.connect(lambda lang, text: typed.append((lang, text)))
    field.set_value(BilingualText.of("가나다", "abc"))
    field.editors["en"].setFocus()
    cursor = field.editors["en"].textCursor()
    cursor.setPosition(2)
    field.editors["en"].setTextCursor(cursor)
    field.set_value(BilingualText.of("가나다", "Xabc"))
    assert typed == []
    assert field.editors["en"].textCursor().position() == 3


def test_composition_is_seen_from_the_preedit_to_the_commit(qtbot) -> None:
    editor = QLineEdit()
    qtbot.addWidget(editor)
    composition().watch(editor)
    editor.show()
    editor.setFocus()
    QApplication.sendEvent(editor, QInputMethodEvent("ㅎ", []))
    assert composition().composing_in(editor)
    with qtbot.waitSignal(composition().ended, timeout=2000):
        commit = QInputMethodEvent()
        commit.setCommitString("한")
        QApplication.sendEvent(editor, commit)
        assert not composition().composing_in(editor)
    assert editor.text() == "한"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_an_item_is_found_again_after_items_added_removed_or_changed_around_it() -> None:
    from desktop_app.gui.widgets.list_editors import moved_index

    old = ("a", "b", "c", "d")
    assert moved_index(old, ("new", "a", "b", "c", "d"), 2) == 3  # one added before
    assert moved_index(old, ("b", "c", "d"), 2) == 1  # one removed before
    assert moved_index(old, ("a", "c", "b", "d"), 1) == 2  # two swapped
    assert moved_index(old, ("a", "B", "c", "d"), 1) == 1  # changed in place
    assert moved_index(old, ("a", "c", "d"), 1) is None  # gone
    assert moved_index(("x", "x"), ("y", "x", "x"), 1) == 2  # equal items keep their order
