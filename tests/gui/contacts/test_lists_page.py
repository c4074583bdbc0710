"""Issue 11: the address book's Lists page: create, rename, delete (asked), add members from
the type-ahead, reorder, remove; each member as addressed on a chosen date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from desktop_app.domain.contacts import Appointment, ContactId, ContactKind, OfficeDate, Person
from desktop_app.gui.contacts.dialog import AddressBookDialog
from tests.gui.contacts.test_address_book_dialog import minister
from tests.helpers.qt import forbid_window_questions, type_text

# The suggestions' popup is a real window: offscreen cannot raise it or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing|propagateSizeHints)"
)


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def rows(dialog: AddressBookDialog) -> list[list[str]]:
    tree = dialog.lists.members
    return [
        [tree.topLevelItem(i).text(c) for c in range(2)] for i in range(tree.topLevelItemCount())
    ]


def names(dialog: AddressBookDialog) -> list[str]:
    return [dialog.lists.names.item(i).text() for i in range(dialog.lists.names.count())]


def pick(dialog: AddressBookDialog, text: str, label_part: str) -> None:
    """Type into the list's type-ahead and take the suggestion whose line has `label_part`."""
    picker = dialog.lists.picker
    picker.setFocus()
    type_text(picker, text)
    [row] = [i for i, s in enumerate(picker.found) if label_part in s.label]
    popup = picker.picker.popup()
    assert popup.isVisible()
    popup.setCurrentIndex(picker.picker.completionModel().index(row, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)


def set_day(dialog: AddressBookDialog, day: date) -> None:
    dialog.lists.day.setDate(QDate(day.year, day.month, day.day))


def test_make_a_list_add_offices_and_people_reorder_and_remove(qtbot, open_window) -> None:
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.lists)
    page = dialog.lists
    assert not page.picker.isEnabled()  # no list chosen yet
    page.name.setText("UPR 46 ministers")
    page.create_button.click()
    assert names(dialog) == ["UPR 46 ministers  (0)"]
    assert page.chosen() == "UPR 46 ministers"
    pick(dialog, "foreign", "Minister of Foreign Affairs")
    pick(dialog, "조태", "— person")
    assert page.picker.found == []  # the popup is emptied after a choice
    set_day(dialog, date(2024, 4, 18))
    assert rows(dialog)[0][1] == "⚠ 조태열 / Cho Tae-yul"  # the holder on that day, a doubt
    assert "unverified" in page.warnings.text() or "2024-01" in page.warnings.text()
    set_day(dialog, date(2025, 8, 1))
    assert [r[1] for r in rows(dialog)] == ["조현 / Cho Hyun", "조태열 / Cho Tae-yul"]
    assert not page.warnings_area.isVisibleTo(dialog)
    assert page.members.headerItem().text(1) == "Addressed on 2025-08-01"
    stored = service.get_list("UPR 46 ministers").members
    assert [m.kind for m in stored] == [ContactKind.POSITION, ContactKind.PERSON]
    # the person up, above the office
    page.members.setCurrentItem(page.members.topLevelItem(1))
    page.up.click()
    assert [m.kind for m in service.get_list("UPR 46 ministers").members] == [
        ContactKind.PERSON,
        ContactKind.POSITION,
    ]
    assert page.current_member() == stored[1]  # the moved member stays selected
    page.down.click()
    assert service.get_list("UPR 46 ministers").members == stored
    page.members.setCurrentItem(page.members.topLevelItem(0))
    page.remove_button.click()
    assert service.get_list("UPR 46 ministers").members == stored[1:]
    assert names(dialog) == ["UPR 46 ministers  (1)"]
    assert dialog.changes  # written, for whoever opened the dialog


def test_rename_and_delete_a_list_asking_first(qtbot, open_window, monkeypatch) -> None:
    from desktop_app.gui import errors

    asked: list[str] = []
    answer = [False]

    def confirm(_parent, _ui, _title, text, _action) -> bool:
        asked.append(text)
        return answer[0]

    said: list[str] = []
    monkeypatch.setattr(errors, "confirm", confirm)
    monkeypatch.setattr(errors, "show_error", lambda _p, ui, e: said.append(errors.sentence(e, ui)))
    window = open_window("ko")
    service = window.services.contacts
    service.create_list("파트너")
    service.create_list("장관")
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(1) == "목록"
    page = dialog.lists
    page.names.setCurrentRow(1)
    assert page.chosen() == "파트너"
    page.name.setText("장관")
    page.rename_button.click()  # taken: a sentence, nothing renamed
    assert said and "장관" in said[0]
    assert [lst.name for lst in service.lists()] == ["장관", "파트너"]
    page.name.setText("협력 단체")
    page.rename_button.click()
    assert [lst.name for lst in service.lists()] == ["장관", "협력 단체"]
    assert page.chosen() == "협력 단체"
    page.delete_button.click()  # asked, and answered no
    assert asked and "협력 단체" in asked[0]
    assert len(service.lists()) == 2
    answer[0] = True
    page.delete_button.click()
    assert [lst.name for lst in service.lists()] == ["장관"]
    assert page.chosen() is None
    page.name.setText("   ")
    page.create_button.click()  # no name: a sentence
    assert len(said) == 2
    assert len(service.lists()) == 1


def test_two_holders_on_the_date_are_a_warning_naming_them(qtbot, open_window) -> None:
    window = open_window()
    service = window.services.contacts
    service.import_sample()
    position = minister(service)
    [cho] = [p for p in service.all(Person) if p.name.ko == "조태열"]
    service.save(
        Appointment(position.id, cho.id, OfficeDate.parse("2025-08"), OfficeDate.parse("2025-09"))
    )
    service.create_list("Ministers")
    service.add_to_list("Ministers", [str(ContactId(ContactKind.POSITION, position.id))])
    dialog = AddressBookDialog(service, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.lists)
    dialog.lists.names.setCurrentRow(0)
    set_day(dialog, date(2025, 8, 15))
    [[_office, addressed]] = rows(dialog)
    assert "조태열" in addressed and "조현" in addressed
    text = dialog.lists.warnings.text()
    assert "overlap" in text and "조태열" in text and "조현" in text
    assert dialog.lists.warnings_area.isVisibleTo(dialog)
    set_day(dialog, date(2025, 10, 1))
    assert rows(dialog)[0][1] == "조현 / Cho Hyun"
    assert "overlap" not in dialog.lists.warnings.text()
