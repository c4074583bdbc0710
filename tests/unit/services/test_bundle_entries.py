"""Bundles carrying the clauses and address-book entries their drafts use, between two real
databases: the references mean the same entries there, the same entry is never a second
copy, a changed one replaces only an entry unchanged since it was shared, dates of office
keep their partial dates and [U] marks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.domain.clauses import Clause
from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactId,
    ContactKind,
    OfficeDate,
    OrganisationKind,
    Person,
    Position,
)
from desktop_app.domain.letter import BodyItem, Letter
from desktop_app.services import DariError, Services, services_for
from desktop_app.services.bundle_entries import describe
from desktop_app.services.bundle_keys import parse_public_key
from desktop_app.services.bundles import ImportOutcome
from desktop_app.storage import Database
from tests.helpers.samples import sample_letter

NON_REFOULEMENT = BilingualText(
    "강제송환금지 원칙은 국제관습법입니다.", "Non-refoulement is custom."
)


def _book(services: Services) -> dict[str, int]:
    """외교부 with its minister (two terms, partial and unverified dates), our
    organisation and a person signing for it, and a clause; their ids."""
    save = services.contacts.save
    _, mofa = save(BookOrganisation(BilingualText("외교부", "Ministry of Foreign Affairs")))
    _, ours = save(
        BookOrganisation(BilingualText("전환기정의워킹그룹", "TJWG"), kind=OrganisationKind.OURS)
    )
    _, minister = save(Position(mofa.id, title=BilingualText("외교부 장관", "Minister")))
    _, old = save(Person(BilingualText("박진", "Park Jin")))
    _, new = save(
        Person(BilingualText("조태열", "Cho Tae-yul"), family_name=BilingualText("조", "Cho"))
    )
    _, director = save(
        Person(BilingualText("이영환", "Lee Younghwan"), organisation_id=ours.id, note="A의 메모")
    )
    save(
        Appointment(
            minister.id, old.id, OfficeDate.parse("2022-05"), OfficeDate.parse("2024-01 [U]")
        )
    )
    save(Appointment(minister.id, new.id, OfficeDate.parse("2024-01 [U]"), None))
    clause = services.clauses.add(
        Clause(BilingualText("강제송환금지", "Non-refoulement"), NON_REFOULEMENT)
    )
    services.clauses.add(
        Clause(BilingualText("쓰지 않은 조항", "Unused"), BilingualText("없음", "none"))
    )
    return {
        "mofa": mofa.id,
        "ours": ours.id,
        "minister": minister.id,
        "director": director.id,
        "clause": clause.id,
    }


def _letter(services: Services, ids: dict[str, int]) -> int:
    """A letter to the minister on 2024-04-30, from us, signed by our director, with the
    clause inserted into its first paragraph."""
    day = date(2024, 4, 30)
    recipient = services.contacts.resolve(ContactId(ContactKind.POSITION, ids["minister"]), day)
    letter = sample_letter()
    body = list(letter.body)
    body[0] = BodyItem(BilingualText(body[0].text.ko + " " + NON_REFOULEMENT.ko, body[0].text.en))
    letter = replace(
        letter,
        date=day,
        recipients=(recipient.recipient,),
        senders=(services.contacts.sender(ids["ours"]),),
        signatories=(services.contacts.signatory(ids["ours"], ids["director"]),),
        body=tuple(body),
    )
    return services.drafts.create(letter).id


def _send(a: Services, b: Services, ids: list[int], out: Path, **options: bool) -> ImportOutcome:
    to = parse_public_key(b.bundles.keys.own().text)
    return b.bundles.import_file(a.bundles.export(ids, out, to=to, overwrite=True, **options))


def _counts(services: Services) -> tuple[int, ...]:
    c = services.contacts
    return (
        len(c.all(BookOrganisation)),
        len(c.all(Person)),
        len(c.all(Position)),
        len(c.all(Appointment)),
        len(services.clauses.list()),
    )


def test_the_entries_a_draft_uses_arrive_with_their_dates_and_its_references_mean_them(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    b.contacts.save(BookOrganisation(BilingualText("국가인권위원회", "NHRCK")))  # ids differ there
    ids = _book(a)
    draft = _letter(a, ids)
    outcome = _send(a, b, [draft], tmp_path / "1.age", with_contacts=True, with_clauses=True)
    added = sorted((e.kind, e.label) for e in outcome.entries if e.outcome == "added")
    assert added == [
        ("appointment", "2022-05 – 2024-01 [U]"),
        ("appointment", "2024-01 [U] – …"),
        ("clause", "강제송환금지 / Non-refoulement"),
        ("org", "외교부 / Ministry of Foreign Affairs"),
        ("org", "전환기정의워킹그룹 / TJWG"),
        ("person", "박진 / Park Jin"),
        ("person", "이영환 / Lee Younghwan"),
        ("person", "조태열 / Cho Tae-yul"),
        ("position", "외교부 장관 / Minister"),
    ]
    assert [c.clause.title.en for c in b.clauses.list()] == ["Non-refoulement"]  # not "Unused"
    (minister,) = b.contacts.all(Position)
    terms = b.contacts.appointments(minister.id)
    assert [(str(t.start), str(t.end) if t.end else None) for t in terms] == [
        ("2022-05", "2024-01 [U]"),
        ("2024-01 [U]", None),
    ]
    here = b.drafts.load(outcome.drafts[0].draft_id).document
    assert isinstance(here, Letter)
    (recipient,) = here.recipients
    assert recipient.book is not None and recipient.book.position == minister.id
    assert b.contacts.get(Person, recipient.book.person or 0).name.en == "Cho Tae-yul"
    assert here.signatories[0].book is not None
    assert b.contacts.get(Person, here.signatories[0].book.person or 0).note == "A의 메모"
    # every copy equals the book there: "Update from the address book" finds nothing
    assert b.contacts.updates(here) == []
    lines = describe(outcome.entries, lambda s: s, lambda one, many, n: one if n == 1 else many)
    assert lines == ["8 address-book entries added.", "1 clause added."]


def test_the_same_entries_again_change_nothing_and_are_never_a_second_copy(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    ids = _book(a)
    # B typed 외교부 by hand before: the same organisation by its names, not a second one
    b.contacts.save(BookOrganisation(BilingualText("외교부", "Ministry of Foreign Affairs")))
    draft = _letter(a, ids)
    first = _send(a, b, [draft], tmp_path / "1.age", with_contacts=True, with_clauses=True)
    assert ("org", "unchanged") in {(e.kind, e.outcome) for e in first.entries}
    counts = _counts(b)
    assert counts == (2, 3, 1, 2, 1)
    second = _send(a, b, [draft], tmp_path / "2.age", with_contacts=True, with_clauses=True)
    assert {e.outcome for e in second.entries} == {"unchanged"}
    assert _counts(b) == counts
    # and back: A's book is not doubled either
    back = _send(b, a, [second.drafts[0].draft_id], tmp_path / "3.age", with_contacts=True)
    assert {e.outcome for e in back.entries} == {"unchanged"}
    assert _counts(a)[:4] == counts[:4]


def test_an_entry_changed_there_replaces_one_unchanged_here_but_never_one_changed_here(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    ids = _book(a)
    draft = _letter(a, ids)
    _send(a, b, [draft], tmp_path / "1.age", with_contacts=True, with_clauses=True)
    # A: the ministry's phone and the director's note; B: the director's note too
    a.contacts.save(replace(a.contacts.get(BookOrganisation, ids["mofa"]), phone="02-2100-2114"))
    a.contacts.save(replace(a.contacts.get(Person, ids["director"]), note="A가 고친 메모"))
    (director_b,) = [p for p in b.contacts.all(Person) if p.name.en == "Lee Younghwan"]
    b.contacts.save(replace(director_b, note="B가 고친 메모"))
    clause = a.clauses.list()[0]
    a.clauses.update(clause.id, replace(clause.clause, tags=("난민",)))
    outcome = _send(a, b, [draft], tmp_path / "2.age", with_contacts=True, with_clauses=True)
    by_label = {e.label: e.outcome for e in outcome.entries}
    assert by_label["외교부 / Ministry of Foreign Affairs"] == "updated"
    assert by_label["이영환 / Lee Younghwan"] == "kept"
    assert by_label["강제송환금지 / Non-refoulement"] == "updated"
    assert b.contacts.get(Person, director_b.id).note == "B가 고친 메모"  # never overwritten
    assert any(o.phone == "02-2100-2114" for o in b.contacts.all(BookOrganisation))
    assert b.clauses.list()[0].clause.tags == ("난민",)
    lines = describe(outcome.entries, lambda s: s, lambda one, many, n: one if n == 1 else many)
    kept = "Kept as it is here, different from the bundle's: the person “이영환 / Lee Younghwan”."
    assert kept in lines
    # still kept the next time, though B's note is unchanged since: they differ, B decides
    again = _send(a, b, [draft], tmp_path / "3.age", with_contacts=True)
    assert {e.label: e.outcome for e in again.entries}["이영환 / Lee Younghwan"] == "kept"
    assert b.contacts.get(Person, director_b.id).note == "B가 고친 메모"


def test_without_the_entries_references_to_unknown_ones_are_dropped_and_the_copies_stay(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    b.contacts.save(BookOrganisation(BilingualText("다른 곳", "Elsewhere")))  # id 1 there
    ids = _book(a)
    draft = _letter(a, ids)
    outcome = _send(a, b, [draft], tmp_path / "1.age")
    assert outcome.entries == ()
    here = b.drafts.load(outcome.drafts[0].draft_id).document
    assert isinstance(here, Letter)
    assert here.senders[0].book is None  # never "Elsewhere", whose id there is A's 외교부's
    assert (
        here.senders[0].name.ko == "전환기정의워킹그룹"
        and here.recipients[0].name.en == "Cho Tae-yul"
    )
    assert _counts(b) == (1, 0, 0, 0, 0)
    # B edits the subject and sends it back: A's links are not lost on the way
    loaded = b.drafts.load(outcome.drafts[0].draft_id)
    edited = replace(loaded.document, subject=BilingualText("B가 고친 제목", "B's subject"))
    b.drafts.save(loaded.id, edited, expected_version=loaded.version)
    back = _send(b, a, [loaded.id], tmp_path / "back.age")
    assert back.drafts[0].outcome == "updated"
    mine = a.drafts.load(draft).document
    assert isinstance(mine, Letter) and mine.subject.ko == "B가 고친 제목"
    assert mine.senders[0].book is not None and mine.senders[0].book.organisation == ids["ours"]
    assert mine.recipients[0].book is not None
    assert mine.recipients[0].book.position == ids["minister"]
    # entries B has from an earlier bundle are referred to again
    _send(a, b, [draft], tmp_path / "2.age", with_contacts=True)
    other = _letter(a, ids)
    later = _send(a, b, [other], tmp_path / "3.age")
    there = b.drafts.load(later.drafts[0].draft_id).document
    assert isinstance(there, Letter) and there.senders[0].book is not None
    assert (
        b.contacts.get(BookOrganisation, there.senders[0].book.organisation or 0).name.en == "TJWG"
    )


def test_an_entry_that_cannot_be_read_is_said_in_a_sentence(
    laptops: tuple[Services, Services], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import bundles

    a, b = laptops
    ids = _book(a)
    draft = _letter(a, ids)

    def broken(_db: object, _payloads: object) -> list[dict[str, object]]:
        return [{"kind": "appointment", "uid": "0" * 32, "value": {"start": "sometime"}}]

    monkeypatch.setattr(bundles, "contacts_used", broken)
    with pytest.raises(DariError, match=r"address-book entry or clause in .* cannot be read"):
        _send(a, b, [draft], tmp_path / "1.age", with_contacts=True)
    assert b.drafts.list() == []


def test_the_entries_arrive_in_either_database(db: Database, tmp_path: Path) -> None:
    from desktop_app.services import build_services

    b = build_services(db)  # SQLite or the office's PostgreSQL
    with services_for(tmp_path / "a") as a:
        b.bundles.keys.add_colleague("A", a.bundles.keys.own().text)
        ids = _book(a)
        draft = _letter(a, ids)
        first = _send(a, b, [draft], tmp_path / "1.age", with_contacts=True, with_clauses=True)
        assert {e.outcome for e in first.entries} == {"added"} and len(first.entries) == 9
        again = _send(a, b, [draft], tmp_path / "2.age", with_contacts=True, with_clauses=True)
        assert {e.outcome for e in again.entries} == {"unchanged"}
        assert _counts(b) == (2, 3, 1, 2, 1)
        here = b.drafts.load(first.drafts[0].draft_id).document
        assert b.contacts.updates(here) == []
