"""Issue 10: a glossary finding dismissed for this draft, in its field, shown and brought back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.domain.glossary import FindingKind
from desktop_app.domain.text import DismissedTerm
from desktop_app.domain.upr import UprBrief
from desktop_app.gui.glossary import marks as term_marks
from desktop_app.gui.glossary.marks import TermMarks
from tests.helpers.qt import forbid_window_questions, type_text


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def menu_texts(marks: TermMarks) -> list[str]:
    """What the field's glossary button menu offers, as the person sees it when it opens."""
    marks.menu.aboutToShow.emit()
    return [a.text() for a in marks.menu.actions() if not a.isSeparator() or a.text()]


def choose(marks: TermMarks, text: str) -> None:
    marks.menu.aboutToShow.emit()
    [action] = [a for a in marks.menu.actions() if a.text() == text]
    action.trigger()


def write(field, ko: str, en: str) -> None:
    field.editors["en"].setFocus()
    type_text(field.editors["en"], en)
    field.editors["ko"].setFocus()
    type_text(field.editors["ko"], ko)
    field.terms.refresh()


def test_dismiss_from_the_menu_is_saved_undone_and_restored(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    assert window.loaded is not None
    draft_id = window.loaded.id
    subject = window.form.fields["subject"]
    write(subject, "탈북민 보호", "Protection")
    marks = subject.terms
    [finding] = marks.findings
    assert menu_texts(marks) == [
        "Copy “North Korean escapees”",
        "Dismiss “탈북민” in this field",
    ]

    choose(marks, "Dismiss “탈북민” in this field")
    assert marks.findings == [] and marks.highlighters["ko"].spans == []
    assert window.form.document.subject.dismissed == (DismissedTerm("탈북민"),)
    assert window.form.document.subject.ko == "탈북민 보호"  # the words are untouched
    assert marks.button.isVisible()  # quietly says what is dismissed here
    assert marks.button.text() == "1 glossary finding dismissed"
    assert window.flush()
    stored = window.service.load(draft_id).document
    assert stored.subject.dismissed == (DismissedTerm("탈북민"),)
    assert window.services.glossary.check(stored) == []  # the export check agrees

    korean = subject.editors["ko"]
    korean.setFocus()
    QTest.keyClick(korean, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert window.form.document.subject.dismissed == ()
    assert marks.findings == [finding]
    assert [s.text for s in marks.highlighters["ko"].spans] == ["탈북민"]
    assert marks.button.text().startswith("⚠ Copy")
    assert korean.text() == "탈북민 보호"  # the undo took back the dismissal, not the typing

    window.commands["redo"].trigger()
    assert marks.findings == []
    assert menu_texts(marks) == [
        "Dismissed in this field",
        "Show again: “탈북민” → “North Korean escapees”",
    ]
    choose(marks, "Show again: “탈북민” → “North Korean escapees”")
    assert marks.findings == [finding] and window.form.document.subject.dismissed == ()
    assert window.flush()
    assert window.service.load(draft_id).document.subject.dismissed == ()


def test_a_dismissal_is_of_its_field_only_and_moves_with_its_paragraph(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    body = window.form.sections["body"]
    body.structure_requested.emit("add", 0, 0)
    body.structure_requested.emit("add", 1, 0)
    first, second = (row.editors["text"] for row in body.rows)
    write(first, "탈북민의 증언", "Testimony")
    write(second, "탈북민의 증언", "Testimony")
    choose(first.terms, "Dismiss “탈북민” in this field")
    assert first.terms.findings == [] and len(second.terms.findings) == 1
    body.structure_requested.emit("move", 0, 1)  # the dismissed paragraph goes second
    first, second = (row.editors["text"] for row in body.rows)
    assert [item.text.dismissed for item in window.form.document.body] == [
        (),
        (DismissedTerm("탈북민"),),
    ]
    assert len(first.terms.findings) == 1 and second.terms.findings == []


def test_vietnam_in_a_quotation_is_kept_from_the_context_menu(qtbot, ui, open_window, monkeypatch):
    window = open_window()
    window.commands["new_upr"].trigger()
    assert isinstance(window.form.document, UprBrief)
    issue = window.form.fields["issue"]
    write(issue, "베트남 정부의 입장", "“Vietnam will not return them,” the Government said")
    marks = issue.terms
    [forbidden] = marks.findings
    assert forbidden.kind is FindingKind.FORBIDDEN and forbidden.variant == "Vietnam"
    offered: list[list[str]] = []
    pick: list[str] = ["Keep “Vietnam” in this field"]

    def run(menu: QMenu, where: object) -> None:
        actions = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        offered.append([a.text() for a in actions])
        [chosen] = [a for a in actions if a.text() == pick[0]]
        if chosen.menu() is not None:
            [chosen] = chosen.menu().actions()
        chosen.trigger()

    monkeypatch.setattr(term_marks, "run_menu", run)
    english = issue.editors["en"]

    def right_click_at(position: int) -> None:
        cursor = english.textCursor()
        cursor.setPosition(position)
        where = english.cursorRect(cursor).center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, english.mapToGlobal(where))
        QApplication.sendEvent(english.viewport(), event)

    right_click_at(3)  # on "Vietnam"
    assert offered[0][:2] == ["Use “Viet Nam”", "Keep “Vietnam” in this field"]
    assert marks.findings == [] and marks.highlighters["en"].spans == []
    assert window.form.document.issue.dismissed == (DismissedTerm("베트남", "Vietnam"),)
    assert window.form.document.issue.en.startswith("“Vietnam")  # kept as quoted

    pick[0] = "Dismissed in this field"  # the submenu, then its one entry
    right_click_at(30)
    assert "Dismissed in this field" in offered[1]
    assert marks.findings == [forbidden]
    assert window.form.document.issue.dismissed == ()


def test_the_menus_speak_korean(qtbot, open_window) -> None:
    window = open_window("ko")
    window.commands["new"].trigger()
    subject = window.form.fields["subject"]
    write(subject, "탈북민 보호", "Protection")
    texts = menu_texts(subject.terms)
    assert texts[1] == "이 칸에서 “탈북민” 무시"
    choose(subject.terms, texts[1])
    assert subject.terms.button.text() == "무시한 용어집 지적 1건"
    assert menu_texts(subject.terms) == [
        "이 칸에서 무시한 지적",
        "다시 표시: “탈북민” → “North Korean escapees”",
    ]
    assert isinstance(subject.terms.menu.actions()[1], QAction)
