"""The address book on a real SQLite file: entries, type-ahead search, lists, the migration."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactId,
    OfficeDate,
    OrganisationKind,
    Person,
    Position,
)
from desktop_app.domain.text import BilingualText
from desktop_app.storage import Database
from desktop_app.storage.errors import ContactListExists, ContactListNotFound, ItemNotFound
from desktop_app.storage.migrate import downgrade


def _book(db: Database) -> tuple[BookOrganisation, Position, Person, Person]:
    mofa = db.contacts.save(
        BookOrganisation(
            name=BilingualText.of("외교부", "Ministry of Foreign Affairs"),
            kind=OrganisationKind.GOVERNMENT,
            postcode="03172",
        )
    )
    minister = db.contacts.save(
        Position(mofa.id, BilingualText.of("외교부 장관", "Minister of Foreign Affairs"))
    )
    tae_yul = db.contacts.save(Person(BilingualText.of("조태열", "Cho Tae-yul")))
    hyun = db.contacts.save(Person(BilingualText.of("조현", "Cho Hyun")))
    db.contacts.save_all(
        [
            Appointment(
                minister.id,
                tae_yul.id,
                OfficeDate.parse("2024-01 [U]"),
                OfficeDate.parse("2025-07-21"),
            ),
            Appointment(minister.id, hyun.id, OfficeDate.parse("2025-07-21")),
        ]
    )
    return mofa, minister, tae_yul, hyun


def test_entries_are_stored_and_read_back_equal(db: Database) -> None:
    mofa, minister, tae_yul, _hyun = _book(db)
    assert mofa.id and db.contacts.get(BookOrganisation, mofa.id) == mofa
    assert db.contacts.get(Position, minister.id) == minister
    terms = db.contacts.appointments(position_id=minister.id)
    assert [(str(a.start), str(a.end)) for a in terms] == [
        ("2024-01 [U]", "2025-07-21"),
        ("2025-07-21", "None"),
    ]
    renamed = db.contacts.save(Person(BilingualText.of("조태열", "Cho Tae-yeol"), id=tae_yul.id))
    assert db.contacts.get(Person, tae_yul.id) == renamed
    with pytest.raises(ItemNotFound, match="person-999"):
        db.contacts.get(Person, 999)


@pytest.mark.parametrize(
    ("query", "people", "positions"),
    [
        ("조태", ["조태열"], []),
        ("CHO", ["조태열", "조현"], []),
        ("cho hyun", ["조현"], []),
        ("외교부", [], ["외교부 장관"]),  # a position is found by its organisation's name
        ("minister", [], ["외교부 장관"]),
        ("없는", [], []),
    ],
)
def test_type_ahead_finds_korean_or_english_substrings_in_any_case(
    db: Database, query: str, people: list[str], positions: list[str]
) -> None:
    _book(db)
    hits = db.contacts.search(query)
    assert [p.name.ko for p in hits.people] == people
    assert [p.title.ko for p in hits.positions] == positions


def test_lists_keep_their_members_in_order(db: Database) -> None:
    _mofa, minister, tae_yul, _hyun = _book(db)
    db.contacts.create_list("Permanent missions, UPR session 46")
    with pytest.raises(ContactListExists):
        db.contacts.create_list("Permanent missions, UPR session 46")
    members = [ContactId.parse(f"person-{tae_yul.id}"), ContactId.parse(f"position-{minister.id}")]
    stored = db.contacts.set_members("Permanent missions, UPR session 46", members)
    assert stored.members == tuple(members)
    assert db.contacts.get_list("Permanent missions, UPR session 46").members == tuple(members)
    db.contacts.delete(Position, minister.id)  # its appointments and list places go with it
    assert db.contacts.appointments(position_id=minister.id) == []
    assert db.contacts.get_list("Permanent missions, UPR session 46").members == (members[0],)
    with pytest.raises(ContactListNotFound, match="nowhere"):
        db.contacts.get_list("nowhere")


def test_a_0002_database_upgrades_keeping_every_draft(tmp_path: Path) -> None:
    path = tmp_path / "dari.sqlite3"
    with Database.open(path) as db:
        ids = [
            db.drafts.create(
                "letter",
                {"format": 5, "kind": "letter", "n": n},
                format_version=5,
                title_ko=f"초안 {n}",
            ).id
            for n in range(3)
        ]
    downgrade(path, "0002")
    with Database.open(path) as db:
        assert db.migration_backup is not None
        assert [db.drafts.get(i).payload["n"] for i in ids] == [0, 1, 2]
        assert [db.drafts.get(i).title_ko for i in ids] == ["초안 0", "초안 1", "초안 2"]
        _book(db)  # the new tables are there
        assert len(db.contacts.all(Person)) == 2
