"""The address book's services on a real database: the sample, dated resolution, copies that
never change by themselves, the explicit update, lists, CSV round trip and bad rows."""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.contacts import (
    Appointment,
    ContactError,
    ContactId,
    OfficeDate,
    Person,
    Position,
)
from desktop_app.domain.letter import Letter
from desktop_app.services import ExportRequest, Services
from desktop_app.services.errors import DariError
from desktop_app.storage.errors import ContactListExists, ContactListNotFound
from tests.helpers.samples import sample_letter


@pytest.fixture
def services(services: Services) -> Services:
    """The test's services (both databases) with the shipped sample address book."""
    services.contacts.import_sample()
    return services


def _minister(services: Services) -> Position:
    [position] = [p for p in services.contacts.all(Position) if p.title.ko == "외교부 장관"]
    return position


def test_the_sample_resolves_the_foreign_minister_by_the_letters_date(services: Services) -> None:
    contact = ContactId.parse(f"position-{_minister(services).id}")
    april = services.contacts.resolve(contact, date(2024, 4, 18))
    assert (april.recipient.name.ko, april.recipient.name.en) == ("조태열", "Cho Tae-yul")
    assert april.recipient == dataclasses.replace(
        sample_letter().recipients[0], book=april.recipient.book
    )
    assert april.salutation == sample_letter().salutation
    assert any("[U]" in str(w) for w in april.warnings)  # the start date is unverified
    august = services.contacts.resolve(contact, date(2025, 8, 1))
    assert august.recipient.name.en == "Cho Hyun" and august.warnings == ()
    with pytest.raises(DariError, match="2025-07-21"):  # the handover day: two holders
        services.contacts.resolve(contact, date(2025, 7, 21))


def test_an_organisation_is_no_recipient(services: Services) -> None:
    with pytest.raises(DariError, match="is an organisation"):
        services.contacts.resolve("org-1", date(2024, 4, 18))


def _docx_bytes(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def test_a_draft_keeps_its_copy_until_an_update_is_asked_for_and_applied(
    services: Services, tmp_path: Path
) -> None:
    minister = _minister(services)
    april = services.contacts.resolve(ContactId.parse(f"position-{minister.id}"), date(2024, 4, 18))
    letter = dataclasses.replace(sample_letter(), recipients=(april.recipient,))
    draft = services.drafts.create(letter)
    request = ExportRequest(languages="en")
    [before] = services.drafts.export(draft.id, request, tmp_path / "one")
    # the address book changes: Cho Tae-yul's appointment is corrected to start in 2023
    [term] = [a for a in services.contacts.appointments(minister.id) if a.end is not None]
    services.contacts.save(dataclasses.replace(term, start=OfficeDate.parse("2023-12")))
    tae_yul = services.contacts.get(Person, term.person_id)
    services.contacts.save(dataclasses.replace(tae_yul, courtesy=tae_yul.courtesy.of("", "Dr.")))
    assert services.drafts.load(draft.id).document == letter
    [again] = services.drafts.export(draft.id, request, tmp_path / "two")
    assert again.read_bytes() == before.read_bytes()
    # asked: the differences, field by field; nothing written yet
    updates, changes = services.contacts.update_draft(draft.id)
    assert [(c.field, c.old, c.new) for u in updates for c in u.changes] == [
        ("honorific.en", "H.E. Mr.", "H.E. Dr.")
    ]
    assert changes.draft is None and services.drafts.load(draft.id).document == letter
    _applied, changes = services.contacts.update_draft(draft.id, apply=True)
    assert changes.draft == draft.id
    document = services.drafts.load(draft.id).document
    assert isinstance(document, Letter) and document.recipients[0].honorific.en == "H.E. Dr."
    assert services.contacts.update_draft(draft.id)[0] == []


def test_lists_resolve_each_member_for_the_date_in_order(services: Services) -> None:
    minister = _minister(services)
    _changes, ngo_person = services.contacts.save(Person(Person().name.of("김", "Kim")))
    services.contacts.create_list("Ministers")
    ids = [f"position-{minister.id}", f"person-{ngo_person.id}"]
    _changes, stored = services.contacts.add_to_list("Ministers", [*ids, ids[0]])
    assert [str(m) for m in stored.members] == ids  # one already there stays put
    resolved = services.contacts.resolve_list("Ministers", date(2025, 8, 1))
    assert [r.recipient.name.en for r in resolved] == ["Cho Hyun", "Kim"]
    with pytest.raises(DariError, match="organisation"):
        services.contacts.add_to_list("Ministers", ["org-1"])


def test_lists_rename_reorder_remove_and_delete(services: Services) -> None:
    minister = _minister(services)
    _changes, kim = services.contacts.save(Person(Person().name.of("김", "Kim")))
    _changes, lee = services.contacts.save(Person(Person().name.of("이", "Lee")))
    services.contacts.create_list("Ministers")
    services.contacts.create_list("Partners")
    ids = [f"position-{minister.id}", f"person-{kim.id}", f"person-{lee.id}"]
    services.contacts.add_to_list("Ministers", ids)
    _changes, renamed = services.contacts.rename_list("Ministers", "  장관들 ")
    assert renamed.name == "장관들"
    assert [str(m) for m in renamed.members] == ids
    assert [lst.name for lst in services.contacts.lists()] == ["Partners", "장관들"]
    with pytest.raises(ContactListExists, match="exists already"):
        services.contacts.rename_list("장관들", "Partners")
    with pytest.raises(DariError, match="needs a name"):
        services.contacts.rename_list("장관들", "  ")
    with pytest.raises(ContactListNotFound, match="no list named"):
        services.contacts.rename_list("Ministers", "Other")
    lee_id = ContactId.parse(ids[2])
    _changes, moved = services.contacts.move_in_list("장관들", lee_id, -1)
    assert [str(m) for m in moved.members] == [ids[0], ids[2], ids[1]]
    _changes, moved = services.contacts.move_in_list("장관들", lee_id, -5)  # stops at the top
    assert [str(m) for m in moved.members] == [ids[2], ids[0], ids[1]]
    _changes, moved = services.contacts.move_in_list("장관들", lee_id, 1)
    assert [str(m) for m in moved.members] == [ids[0], ids[2], ids[1]]
    _changes, fewer = services.contacts.remove_from_list("장관들", lee_id)
    assert [str(m) for m in fewer.members] == [ids[0], ids[1]]
    services.contacts.get(Person, lee.id)  # the entry stays in the book
    with pytest.raises(DariError, match="is not in the list"):
        services.contacts.move_in_list("장관들", lee_id, 1)
    services.contacts.delete_list("장관들")
    assert [lst.name for lst in services.contacts.lists()] == ["Partners"]
    services.contacts.get(Position, minister.id)


def test_csv_export_then_import_changes_nothing(
    services: Services, fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    path = tmp_path / "book.csv"
    rows = services.contacts.export_csv(path)
    assert rows >= 19
    report = services.contacts.import_csv(path)
    assert (report.added, report.problems, report.unchanged) == (0, [], rows)
    fresh = fresh_services("other")
    first = fresh.contacts.import_csv(path, dry_run=True)
    assert first.added > 0 and fresh.contacts.all(Person) == []  # a dry run writes nothing
    assert fresh.contacts.import_csv(path).added == first.added
    assert len(fresh.contacts.all(Appointment)) == len(services.contacts.all(Appointment))


def test_a_bad_row_is_reported_by_its_number_and_the_rest_imported(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "organisation_ko,organisation_en,position_en,person_en,from,until\n"
        "단체,Group,,Ms. A,,\n"
        ",,Director,,,\n"
        "기관,Office,Head,Mr. B,2024-13,\n",
        encoding="utf-8",
    )
    report = services.contacts.import_csv(path)
    assert [(p.number, str(p.problem)) for p in report.problems] == [
        (3, "a position needs its organisation"),
        (4, "“2024-13” is not a date."),
    ]
    assert report.organisations == 1 and report.people == 1
    # neither UTF-8 nor CP949 (0xFF is no CP949 lead byte): refused naming the row
    path.write_bytes("organisation_ko\n단체\n".encode("cp949") + b"\xff\xfe\n")
    with pytest.raises(ContactError, match=r"Row 3 \(byte 21\) is neither UTF-8 nor CP949"):
        services.contacts.import_csv(path)
