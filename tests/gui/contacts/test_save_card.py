"""Issue 11, "entered once": a recipient typed by hand in the letter form is saved to the
address book in one step, and can then be picked in the next letter."""

from __future__ import annotations

import pytest

from desktop_app.domain.contacts import BookOrganisation, Person, Position
from tests.helpers.qt import forbid_window_questions, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def type_into(card, field: str, ko: str, en: str) -> None:
    for lang, text in (("ko", ko), ("en", en)):
        editor = card.editors[field].editors[lang]
        editor.setFocus()
        type_text(editor, text)


def test_a_typed_recipient_saved_in_one_step_then_picked(qtbot, open_window) -> None:
    window = open_window()
    tools = window.contact_tools
    window.commands["new"].trigger()
    form = window.form
    form.sections["recipients"].add_button.click()
    card = form.sections["recipients"].rows[0]
    # A made-up party (a sample for the test, not a real office holder).
    type_into(card, "name", "홍길동", "Hong Gil-dong")
    type_into(card, "title", "시험 과장", "Test Director")
    type_into(card, "organisation", "(예시) 시험 기관", "(Sample) Test Agency")
    form.end_typing()
    typed = form.document.recipients[0]
    menu = tools.save_buttons["recipients"].menu()
    menu.aboutToShow.emit()
    [action] = [a for a in menu.actions() if a.isEnabled()]
    assert action.text().startswith("Recipient 1: 홍길동 / Hong Gil-dong")
    action.trigger()
    saved = form.document.recipients[0]
    assert saved.book is not None and saved.book.position is not None
    assert saved.name == typed.name and saved.title == typed.title  # the copy as typed
    service = window.services.contacts
    assert [o.name.en for o in service.all(BookOrganisation)] == ["(Sample) Test Agency"]
    assert [p.title.ko for p in service.all(Position)] == ["시험 과장"]
    assert [p.name.ko for p in service.all(Person)] == ["홍길동"]
    assert "Saved" in window.statusBar().currentMessage()
    menu.aboutToShow.emit()  # saved: nothing left to save in this section
    assert [a.isEnabled() for a in menu.actions()] == [False]
    window.commands["undo"].trigger()  # one edit: the reference goes, the entries stay
    assert form.document.recipients[0].book is None

    window.commands["new"].trigger()
    picker = tools.pickers["recipients"]
    picker.setFocus()
    type_text(picker, "홍길")
    [row] = [i for i, s in enumerate(picker.found) if "office" in s.label]
    picker.choose(row)
    assert window.form.document.recipients[0].name.en == "Hong Gil-dong"
