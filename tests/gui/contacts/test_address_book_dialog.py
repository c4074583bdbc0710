"""Issue 11: the address-book window: search, edit, a position's timeline, used in drafts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.contacts import Appointment, ContactId, ContactKind, Person, Position
from desktop_app.gui.contacts.dialog import AddressBookDialog
from tests.helpers.qt import forbid_window_questions, type_text


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def entries(dialog: AddressBookDialog) -> list[str]:
    return [
        dialog.tree.topLevelItem(g).child(i).text(0)
        for g in range(dialog.tree.topLevelItemCount())
        for i in range(dialog.tree.topLevelItem(g).childCount())
    ]


def select(dialog: AddressBookDialog, contact: ContactId) -> None:
    for g in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(g)
        for i in range(group.childCount()):
            if group.child(i).data(0, Qt.ItemDataRole.UserRole) == str(contact):
                dialog.tree.setCurrentItem(group.child(i))
                return
    raise AssertionError(f"{contact} is not listed")


def minister(service) -> Position:
    [position] = [p for p in service.all(Position) if p.title.en == "Minister of Foreign Affairs"]
    return position


def test_search_in_korean_and_the_ministers_timeline(qtbot, open_window) -> None:
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.search.setFocus()
    type_text(dialog.search, "조태")
    assert entries(dialog) == ["조태열 / Cho Tae-yul"]
    dialog.search.clear()
    type_text(dialog.search, "foreign")
    position = minister(service)
    select(dialog, ContactId(ContactKind.POSITION, position.id))
    assert dialog.timeline.isVisibleTo(dialog)
    rows = [
        [dialog.timeline.tree.topLevelItem(i).text(c) for c in range(2)]
        for i in range(dialog.timeline.tree.topLevelItemCount())
    ]
    assert rows == [
        ["2024-01 [U] – 2025-07-21", "조태열 / Cho Tae-yul"],
        ["2025-07-21 – …", "조현 / Cho Hyun"],
    ]


def test_an_overlap_is_said_in_words_in_the_timeline(qtbot, open_window) -> None:
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    position = minister(service)
    [cho] = [p for p in service.all(Person) if p.name.ko == "조태열"]
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    select(dialog, ContactId(ContactKind.POSITION, position.id))
    index = dialog.timeline.person.findData(cho.id)
    dialog.timeline.person.setCurrentIndex(index)
    dialog.timeline.start.setText("2025-08")
    dialog.timeline.end.setText("2025-09")
    dialog.timeline.add.click()  # 조태열 again while 조현 is in office: an overlap
    terms, warnings = service.timeline(position.id)
    assert len(terms) == 3 and warnings
    text = dialog.timeline.warnings.text()
    assert "조현" in text and "2025-08" in text
    assert dialog.timeline.warnings.isVisibleTo(dialog)


def test_a_bad_date_of_office_is_a_sentence_and_adds_nothing(
    qtbot, open_window, monkeypatch
) -> None:
    from desktop_app.gui import errors

    said: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda _p, ui, e: said.append(errors.sentence(e, ui)))
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    position = minister(service)
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    select(dialog, ContactId(ContactKind.POSITION, position.id))
    dialog.timeline.start.setText("2024-13")
    dialog.timeline.add.click()
    assert "is not a date" in said[0]
    assert len(service.timeline(position.id)[0]) == 2


def test_edit_an_organisation_in_both_languages(qtbot, open_window) -> None:
    window = open_window("ko")
    service = window.services.contacts
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.new_buttons[ContactKind.ORGANISATION].click()
    ko, en = dialog.editor.boxes["name"]
    type_text(ko, "시험 단체")
    type_text(en, "Test Group")
    dialog.save_button.click()
    [saved] = service.search("시험").organisations
    assert saved.name.en == "Test Group"
    assert dialog.current == ContactId(ContactKind.ORGANISATION, saved.id)
    assert "시험 단체 / Test Group" in entries(dialog)
    assert dialog.windowTitle() == "주소록"


def test_used_in_drafts_lists_the_letter_that_picked_the_office(qtbot, open_window) -> None:
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    position = minister(service)
    resolved = service.resolve(ContactId(ContactKind.POSITION, position.id), date(2024, 4, 18))
    window.commands["new"].trigger()
    window.form.set_fields({"recipients": (resolved.recipient,)})
    assert window.flush()
    draft_id = window.loaded.id
    window.commands["new"].trigger()  # a second draft, without the office
    dialog = AddressBookDialog(service, window.ui, window, open_draft=window.open_draft)
    qtbot.addWidget(dialog)
    select(dialog, ContactId(ContactKind.POSITION, position.id))
    assert dialog.used.count() == 1
    item = dialog.used.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == draft_id
    [cho] = [p for p in service.all(Person) if p.name.ko == "조태열"]
    assert [d for d, _ko, _en in service.used_in(ContactId(ContactKind.PERSON, cho.id))] == [
        draft_id
    ]
    [other] = [p for p in service.all(Person) if p.name.ko == "조현"]
    assert service.used_in(ContactId(ContactKind.PERSON, other.id)) == []
    dialog.used.itemActivated.emit(item)
    assert window.loaded.id == draft_id


def test_tools_menu_opens_the_address_book(qtbot, open_window, monkeypatch) -> None:
    window = open_window()
    opened: list[AddressBookDialog] = []
    monkeypatch.setattr(window.contact_tools, "_run", lambda d: opened.append(d))
    assert window.commands["address_book"] in window.commands.menus["tools"].actions()
    window.commands["address_book"].trigger()
    assert isinstance(opened[0], AddressBookDialog)
    opened[0].deleteLater()


def test_new_from_sample_brings_the_sample_address_book_once(qtbot, open_window) -> None:
    window = open_window()
    service = window.services.contacts
    assert service.all(Person) == []
    window.commands["new_sample"].trigger()
    people = len(service.all(Person))
    assert people > 0
    window.commands["new_sample"].trigger()
    assert len(service.all(Person)) == people
    assert isinstance(service.all(Appointment), list)


def test_an_appointment_edited_in_place_dates_and_holder(qtbot, open_window, monkeypatch) -> None:
    from desktop_app.gui import errors

    said: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda _p, ui, e: said.append(errors.sentence(e, ui)))
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    position = minister(service)
    [hyun] = [p for p in service.all(Person) if p.name.ko == "조현"]
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    select(dialog, ContactId(ContactKind.POSITION, position.id))
    timeline = dialog.timeline
    assert not timeline.change.isEnabled()  # nothing selected yet
    timeline.tree.setCurrentItem(timeline.tree.topLevelItem(0))  # 조태열, 2024-01 [U] – 2025-07-21
    assert (timeline.start.text(), timeline.end.text()) == ("2024-01 [U]", "2025-07-21")
    assert timeline.person.currentText() == "조태열 / Cho Tae-yul"
    [before] = [a for a in service.appointments(position.id) if a.person_id != hyun.id]
    # a partial end date leaves days before 조현's start: a gap, said with its dates
    timeline.start.setText("2024-01-10")
    timeline.end.setText("2025-06")
    timeline.change.click()
    after = service.get(Appointment, before.id)
    assert (str(after.start), str(after.end), after.note) == ("2024-01-10", "2025-06", before.note)
    assert len(service.appointments(position.id)) == 2  # changed, not added
    text = timeline.warnings.text()
    assert "2025-06" in text and "2025-07-21" in text
    assert timeline.selected() == after  # still selected after the write
    # a bad date: a sentence, nothing changed
    timeline.end.setText("2025-13")
    timeline.change.click()
    assert "is not a date" in said[0]
    assert service.get(Appointment, before.id) == after
    # a later end and another holder: an overlap with 조현's term, named with the dates
    timeline.end.setText("2025-08")
    timeline.person.setCurrentIndex(timeline.person.findData(hyun.id))
    timeline.change.click()
    assert service.get(Appointment, before.id).person_id == hyun.id
    text = timeline.warnings.text()
    assert "overlap" in text and "2024-01-10 – 2025-08" in text and "2025-07-21" in text
