"""Issue 11: a UPR brief's submitting organisations from the address book — picked with the
same type-ahead as a letter's senders, saved to the book when typed by hand, and covered by
"Update from the address book"."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from desktop_app.domain.contacts import BookOrganisation, OrganisationKind
from desktop_app.domain.upr import UprBrief
from desktop_app.gui.contacts import updates as update_dialog
from tests.helpers.qt import forbid_window_questions, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def new_brief(window):
    window.services.contacts.import_sample()
    window.commands["new_upr"].trigger()
    assert window.loaded.record.kind == UprBrief.KIND
    return window.form


def pick(window, text: str, row_text: str) -> list[str]:
    picker = window.contact_tools.pickers["organisations"]
    picker.setFocus()
    type_text(picker, text)
    labels = [s.label for s in picker.found]
    [row] = [i for i, label in enumerate(labels) if row_text in label]
    popup = picker.picker.popup()
    assert popup.isVisible()
    popup.setCurrentIndex(picker.picker.completionModel().index(row, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)
    return labels


def test_pick_a_submitting_organisation_then_update_it(qtbot, open_window, monkeypatch) -> None:
    window = open_window()
    form = new_brief(window)
    service = window.services.contacts
    labels = pick(window, "tjwg", "Transitional Justice Working Group")
    assert all("organisation" in label for label in labels)  # no offices, no people
    [org] = form.document.organisations
    assert org.name.en == "Transitional Justice Working Group" and org.short_name.en == "TJWG"
    [tjwg] = [o for o in service.all(BookOrganisation) if o.name.en == org.name.en]
    assert org.book is not None and org.book.organisation == tjwg.id
    assert "Added" in window.statusBar().currentMessage()
    assert window.flush()
    stored = window.services.drafts.load(window.loaded.id).document
    assert stored.organisations[0].book == org.book  # the id is kept in the draft
    # the book changes: the draft's copy does not, until asked
    service.save(dataclasses.replace(tjwg, email="info@example.org"))
    assert form.document.organisations[0].email == org.email
    shown: list[list[str]] = []

    def accept(dialog: update_dialog.UpdateDialog) -> int:
        shown.append([item.text(0) for item in dialog.items])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(update_dialog.UpdateDialog, "exec", accept)
    window.commands["update_from_book"].trigger()
    assert shown == [["Organisation 1"]]
    assert form.document.organisations[0].email == "info@example.org"
    window.commands["undo"].trigger()
    assert form.document.organisations[0].email == org.email


def test_an_office_is_no_submitting_organisation(qtbot, open_window, monkeypatch) -> None:
    window = open_window()
    form = new_brief(window)
    picker = window.contact_tools.pickers["organisations"]
    picker.setFocus()
    type_text(picker, "조태")  # a person and his office: nothing to submit a brief
    assert picker.found == []
    assert form.document.organisations == ()


def test_a_typed_organisation_saved_to_the_address_book(qtbot, open_window) -> None:
    window = open_window("ko")
    form = new_brief(window)
    section = form.sections["organisations"]
    section.add_button.click()
    card = section.rows[0]
    for lang, text in (("ko", "(예시) 시험 연대"), ("en", "(Sample) Test Coalition")):
        editor = card.editors["name"].editors[lang]
        editor.setFocus()
        type_text(editor, text)
    form.end_typing()
    menu = window.contact_tools.save_buttons["organisations"].menu()
    menu.aboutToShow.emit()
    [action] = [a for a in menu.actions() if a.isEnabled()]
    assert "(예시) 시험 연대" in action.text()
    action.trigger()
    saved = form.document.organisations[0]
    service = window.services.contacts
    [made] = [o for o in service.all(BookOrganisation) if o.name.en == "(Sample) Test Coalition"]
    assert saved.book is not None and saved.book.organisation == made.id
    assert made.kind is not OrganisationKind.GOVERNMENT
    assert window.contact_tools.save_buttons["organisations"].text() == "주소록에 저장"
