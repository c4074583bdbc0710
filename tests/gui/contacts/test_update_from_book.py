"""Issue 11, snapshots: "Update from the address book" shows what would change and applies
only what is ticked, as one undoable edit."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.domain.contacts import BookOrganisation, ContactId, ContactKind, Position
from desktop_app.gui.contacts import updates as update_dialog
from tests.helpers.qt import forbid_window_questions


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def letter_with_two_copies(window):
    """A letter to the Foreign Minister and, in copy, the Minister of Unification; then one
    ministry's postcode and the other's English name change in the address book."""
    service = window.services.contacts
    service.import_sample()
    offices = {p.title.en: p for p in service.all(Position)}
    day = date(2024, 4, 18)
    to = service.resolve(
        ContactId(ContactKind.POSITION, offices["Minister of Foreign Affairs"].id), day
    )
    cc = service.resolve(
        ContactId(ContactKind.POSITION, offices["Minister of Unification"].id), day
    )
    window.commands["new"].trigger()
    window.form.set_fields({"date": day, "recipients": (to.recipient,), "cc": (cc.recipient,)})
    mofa = service.get(BookOrganisation, offices["Minister of Foreign Affairs"].organisation_id)
    service.save(dataclasses.replace(mofa, postcode="99999"))
    unification = service.get(BookOrganisation, offices["Minister of Unification"].organisation_id)
    renamed = dataclasses.replace(unification.name, en="Ministry of Unification (test name)")
    service.save(dataclasses.replace(unification, name=renamed))
    return window.form.document


def test_only_the_ticked_party_is_taken_in_one_undo_step(qtbot, open_window, monkeypatch) -> None:
    window = open_window()
    before = letter_with_two_copies(window)
    shown: list[update_dialog.UpdateDialog] = []

    def untick_the_cc(dialog: update_dialog.UpdateDialog) -> int:
        shown.append(dialog)
        names = [item.text(0) for item in dialog.items]
        assert names == ["Recipient 1", "Copy 1"]
        fields = [dialog.items[0].child(i).text(0) for i in range(dialog.items[0].childCount())]
        assert "Address (Korean)" in fields and "Address (English)" in fields
        dialog.items[1].setCheckState(0, Qt.CheckState.Unchecked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(update_dialog.UpdateDialog, "exec", untick_the_cc)
    window.commands["update_from_book"].trigger()
    assert shown
    after = window.form.document
    assert "99999" in after.recipients[0].address.en
    assert after.cc == before.cc  # not ticked: the copy stays as it was
    card = window.form.sections["recipients"].rows[0]
    assert "99999" in card.editors["address"].editors["en"].toPlainText()
    window.commands["undo"].trigger()
    assert window.form.document == before


def test_nothing_to_update_says_so_without_a_dialog(qtbot, open_window, monkeypatch) -> None:
    window = open_window()
    window.services.contacts.import_sample()
    window.commands["new"].trigger()
    monkeypatch.setattr(
        update_dialog.UpdateDialog, "exec", lambda _d: pytest.fail("no dialog expected")
    )
    window.commands["update_from_book"].trigger()
    assert "as it is there now" in window.statusBar().currentMessage()
