"""Issue 11: parties picked from the address book in the letter form, for the letter's date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.domain.contacts import BookOrganisation, OrganisationKind
from desktop_app.domain.text import BilingualText
from tests.helpers.qt import forbid_window_questions, type_text

# The suggestions' popup is a real window: offscreen cannot raise it or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def new_letter_dated(window, day: date):
    window.services.contacts.import_sample()
    window.commands["new"].trigger()
    form = window.form
    form.set_fields({"date": day})
    return form


def pick(window, section: str, text: str, row_text: str) -> None:
    """Type `text` into the section's picker and take the suggestion containing `row_text`
    with the keyboard, as a person would (Down to it in the popup, Enter)."""
    picker = window.contact_tools.pickers[section]
    picker.setFocus()
    type_text(picker, text)
    labels = [s.label for s in picker.found]
    [row] = [i for i, label in enumerate(labels) if row_text in label]
    popup = picker.picker.popup()
    assert popup.isVisible()
    popup.setCurrentIndex(picker.picker.completionModel().index(row, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("day", "ko", "en"),
    [(date(2024, 4, 18), "조태열", "Cho Tae-yul"), (date(2025, 8, 1), "조현", "Cho Hyun")],
)
def test_typing_korean_picks_the_office_holder_of_the_letters_date(
    qtbot, open_window, day, ko, en
) -> None:
    window = open_window()
    form = new_letter_dated(window, day)
    pick(window, "recipients", "조태", "office: its holder")
    [recipient] = form.document.recipients
    assert (recipient.name.ko, recipient.name.en) == (ko, en)
    assert recipient.title.en == "Minister of Foreign Affairs"
    assert recipient.book is not None and recipient.book.position is not None
    card = form.sections["recipients"].rows[0]
    assert card.editors["name"].editors["ko"].text() == ko
    assert card.editors["name"].editors["en"].text() == en
    assert "for " + day.isoformat() in window.statusBar().currentMessage()
    window.commands["undo"].trigger()  # one edit, one undo step
    assert form.document.recipients == () and form.document.date == day


def test_english_type_ahead_and_a_person_pick(qtbot, open_window) -> None:
    window = open_window()
    form = new_letter_dated(window, date(2024, 4, 18))
    pick(window, "cc", "cho", "Cho Hyun — person")
    [cc] = form.document.cc
    assert cc.name.ko == "조현"  # the person chosen, whatever the date


def test_an_organisation_is_no_recipient_and_says_so(qtbot, open_window, monkeypatch) -> None:
    from desktop_app.gui import errors

    said: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda _p, ui, e: said.append(errors.sentence(e, ui)))
    window = open_window()
    form = new_letter_dated(window, date(2024, 4, 18))
    before = form.document
    pick(window, "recipients", "외교부", "— organisation")
    assert form.document == before
    assert "is an organisation" in said[0]


def test_one_of_ours_as_sender_and_signatory_at_once(qtbot, open_window) -> None:
    window = open_window()
    _changes, ours = window.services.contacts.save(
        BookOrganisation(
            name=BilingualText.of("다리 시험 단체", "Dari Test Group"),
            kind=OrganisationKind.OURS,
        )
    )
    form = new_letter_dated(window, date(2024, 4, 18))
    senders_before = len(form.document.senders)
    pick(window, "senders", "Dari Test", "and as a signatory too")
    assert form.document.senders[-1].name.en == "Dari Test Group"
    assert form.document.senders[-1].book.organisation == ours.id
    assert form.document.signatories[-1].organisation.en == "Dari Test Group"
    assert len(form.document.senders) in (senders_before, senders_before + 1)
