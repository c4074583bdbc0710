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
    assert by_label["이영환 / Lee Younghwan"] == "conflict"
    assert by_label["강제송환금지 / Non-refoulement"] == "updated"
    assert outcome.entry_conflicts == 1
    assert b.contacts.get(Person, director_b.id).note == "B가 고친 메모"  # never overwritten
    assert any(o.phone == "02-2100-2114" for o in b.contacts.all(BookOrganisation))
    assert b.clauses.list()[0].clause.tags == ("난민",)
    lines = describe(outcome.entries, lambda s: s, lambda one, many, n: one if n == 1 else many)
    waits = (
        "Changed here and in the bundle, kept as it is here until you choose: the person "
        "“이영환 / Lee Younghwan”."
    )
    assert waits in lines
    # still waiting the next time, and still B's until B chooses
    again = _send(a, b, [draft], tmp_path / "3.age", with_contacts=True)
    assert {e.label: e.outcome for e in again.entries}["이영환 / Lee Younghwan"] == "conflict"
    assert b.contacts.get(Person, director_b.id).note == "B가 고친 메모"
    (waiting,) = b.bundles.entry_conflicts()
    assert [(f.name, f.mine, f.theirs) for f in waiting.fields] == [
        ("note", "B가 고친 메모", "A가 고친 메모")
    ]


def test_an_entry_changed_only_here_is_kept_and_named(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    ids = _book(a)
    draft = _letter(a, ids)
    _send(a, b, [draft], tmp_path / "1.age", with_contacts=True)
    (director_b,) = [p for p in b.contacts.all(Person) if p.name.en == "Lee Younghwan"]
    b.contacts.save(replace(director_b, note="B가 고친 메모"))
    # A sends the same entries again: A's is the one both had, B's is newer
    outcome = _send(a, b, [draft], tmp_path / "2.age", with_contacts=True)
    assert {e.label: e.outcome for e in outcome.entries}["이영환 / Lee Younghwan"] == "kept"
    assert b.bundles.entry_conflicts() == []
    assert b.contacts.get(Person, director_b.id).note == "B가 고친 메모"
    lines = describe(outcome.entries, lambda s: s, lambda one, many, n: one if n == 1 else many)
    assert (
        "Kept as it is here, different from the bundle's: the person “이영환 / Lee Younghwan”."
        in lines
    )
    # and B's goes back to A, where it replaces the one A has not changed since
    back = _send(b, a, [outcome.drafts[0].draft_id], tmp_path / "3.age", with_contacts=True)
    assert {e.label: e.outcome for e in back.entries}["이영환 / Lee Younghwan"] == "updated"
    assert a.contacts.get(Person, ids["director"]).note == "B가 고친 메모"


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


def _minister_b(b: Services) -> tuple[Person, Appointment]:
    (cho,) = [p for p in b.contacts.all(Person) if p.name.ko == "조태열"]
    (term,) = [t for t in b.contacts.all(Appointment) if t.person_id == cho.id]
    return cho, term


def test_an_entry_changed_on_both_sides_is_chosen_field_by_field_mine_or_theirs(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    ids = _book(a)
    draft = _letter(a, ids)
    _send(a, b, [draft], tmp_path / "1.age", with_contacts=True, with_clauses=True)
    # A: the minister's romanisation, a note, his start day; a clause's English title
    (cho_a,) = [p for p in a.contacts.all(Person) if p.name.ko == "조태열"]
    a.contacts.save(replace(cho_a, name=BilingualText("조태열", "Cho Tae-yeol"), note="A"))
    (term_a,) = [t for t in a.contacts.all(Appointment) if t.person_id == cho_a.id]
    a.contacts.save(replace(term_a, start=OfficeDate.parse("2024-01-10")))
    stored = a.clauses.list()[0]
    title = BilingualText("강제송환금지", "The non-refoulement principle")
    a.clauses.update(stored.id, replace(stored.clause, title=title))
    # B: the same fields otherwise, a partial date marked unverified
    cho_b, term_b = _minister_b(b)
    b.contacts.save(replace(cho_b, name=BilingualText("조태열", "Cho Taeyul"), note="B"))
    b.contacts.save(replace(term_b, start=OfficeDate.parse("2024 [U]")))
    clause_b = b.clauses.list()[0]
    spaced = BilingualText("강제송환 금지", "Non-refoulement")
    b.clauses.update(clause_b.id, replace(clause_b.clause, title=spaced))
    before = (b.contacts.all(Person), b.contacts.all(Appointment), b.clauses.list())
    outcome = _send(a, b, [draft], tmp_path / "2.age", with_contacts=True, with_clauses=True)
    by_kind = {(e.kind, e.outcome) for e in outcome.entries if e.outcome == "conflict"}
    assert by_kind == {("person", "conflict"), ("appointment", "conflict"), ("clause", "conflict")}
    # until B chooses, nothing of B's changed
    assert (b.contacts.all(Person), b.contacts.all(Appointment), b.clauses.list()) == before
    waiting = {c.kind: c for c in b.bundles.entry_conflicts()}
    person, term, clause = waiting["person"], waiting["appointment"], waiting["clause"]
    assert person.label == "조태열 / Cho Taeyul" and person.local_id == cho_b.id
    assert [(f.name, f.mine, f.theirs) for f in person.fields] == [
        ("name_en", "Cho Taeyul", "Cho Tae-yeol"),
        ("note", "B", "A"),
    ]
    assert [(f.name, f.mine, f.theirs) for f in term.fields] == [
        ("start", "2024 [U]", "2024-01-10")
    ]
    assert [(f.name, f.mine, f.theirs) for f in clause.fields] == [
        ("title_ko", "강제송환 금지", "강제송환금지"),
        ("title_en", "Non-refoulement", "The non-refoulement principle"),
    ]
    assert person.fields[0].path == f"contact:{person.uid}/name_en"
    assert clause.fields[1].path == f"clause:{clause.uid}/title_en"
    # theirs for the romanisation and the clause's English title, mine for the rest
    changes = b.bundles.resolve_entries(
        {
            f"contact:{person.uid}/name_en": "theirs",
            f"contact:{person.uid}/note": "mine",
            f"contact:{term.uid}/start": "mine",
            f"clause:{clause.uid}/title_ko": "mine",
            f"clause:{clause.uid}/title_en": "theirs",
        }
    )
    assert changes.contacts
    assert b.bundles.entry_conflicts() == []
    cho_now, term_now = _minister_b(b)
    assert (cho_now.name.en, cho_now.note, cho_now.id) == ("Cho Tae-yeol", "B", cho_b.id)
    assert str(term_now.start) == "2024 [U]" and term_now.start is not None
    assert not term_now.start.verified and term_now.start.month is None
    chosen = BilingualText("강제송환 금지", "The non-refoulement principle")
    assert b.clauses.list()[0].clause.title == chosen
    # the bundle's versions are now the ones both had: the same bundle's entries again
    # keep B's choices without asking, and B's go back to A
    again = _send(a, b, [draft], tmp_path / "3.age", with_contacts=True, with_clauses=True)
    assert "conflict" not in {e.outcome for e in again.entries}
    assert _minister_b(b)[0].note == "B"
    back = _send(b, a, [outcome.drafts[0].draft_id], tmp_path / "4.age", with_contacts=True)
    mine_there = {e.label: e.outcome for e in back.entries}
    assert mine_there["조태열 / Cho Tae-yeol"] == "conflict"  # A changed them too: A's say
    assert mine_there["2024 [U] – …"] == "conflict"
    (there,) = [c for c in a.bundles.entry_conflicts() if c.kind == "appointment"]
    assert [(f.mine, f.theirs) for f in there.fields] == [("2024-01-10", "2024 [U]")]


def test_choosing_some_fields_leaves_the_others_waiting_and_a_wrong_path_is_a_sentence(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    ids = _book(a)
    draft = _letter(a, ids)
    _send(a, b, [draft], tmp_path / "1.age", with_contacts=True)
    a.contacts.save(replace(a.contacts.get(Person, ids["director"]), note="A", phone="010-1"))
    (director_b,) = [p for p in b.contacts.all(Person) if p.name.en == "Lee Younghwan"]
    b.contacts.save(replace(director_b, note="B", phone="010-2"))
    _send(a, b, [draft], tmp_path / "2.age", with_contacts=True)
    (conflict,) = b.bundles.entry_conflicts()
    assert [f.name for f in conflict.fields] == ["phone", "note"]
    b.bundles.resolve_entries({f"contact:{conflict.uid}/phone": "theirs"})
    (left,) = b.bundles.entry_conflicts()
    assert [f.name for f in left.fields] == ["note"]
    assert b.contacts.get(Person, director_b.id).phone == "010-1"
    with pytest.raises(DariError, match=r"contact:nothing/note is no conflict waiting"):
        b.bundles.resolve_entries({"contact:nothing/note": "theirs"})
    with pytest.raises(DariError, match=r"is no conflict waiting"):
        b.bundles.resolve_entries({f"contact:{conflict.uid}/phone": "theirs"})  # decided
    b.bundles.resolve_entries({f"contact:{conflict.uid}/note": "mine"})
    assert b.bundles.entry_conflicts() == []
    assert b.contacts.get(Person, director_b.id).note == "B"
    # an entry deleted here while its conflict waited: the conflict goes with it
    a.contacts.save(replace(a.contacts.get(Person, ids["director"]), note="A again"))
    b.contacts.save(replace(b.contacts.get(Person, director_b.id), note="B again"))
    _send(a, b, [draft], tmp_path / "3.age", with_contacts=True)
    assert len(b.bundles.entry_conflicts()) == 1
    b.contacts.delete(Person, director_b.id)
    assert b.bundles.entry_conflicts() == []
    assert b._db.bundles.entry_conflicts() == {}


def _rewritten(a: Services, b: Services, path: Path, change: object) -> Path:
    """The bundle at `path` with its signed document changed by `change`, signed again by A
    and encrypted to B (what a newer or broken Dari could send)."""
    import base64
    import json
    import zlib

    from pyrage import encrypt, x25519

    document, _signer = b.bundles.open(path)
    assert callable(change)
    change(document)
    signed = zlib.compress(json.dumps(document, ensure_ascii=False).encode("utf-8"), 6)
    envelope = {
        "bundle": base64.b64encode(signed).decode("ascii"),
        "signature": a.bundles.keys.signing_key().sign(signed).hex(),
        "signer": a.bundles.keys.own().text,
    }
    recipient = x25519.Recipient.from_str(parse_public_key(b.bundles.keys.own().text).recipient)
    out = path.with_name("rewritten.age")
    out.write_bytes(encrypt(json.dumps(envelope).encode("ascii"), [recipient]))
    return out


def test_a_failed_drafts_write_leaves_none_of_the_bundles_entries(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    from desktop_app.storage.errors import StorageError

    a, b = laptops
    ids = _book(a)
    draft = _letter(a, ids)
    first = _send(a, b, [draft], tmp_path / "1.age", with_contacts=True)
    (director_b,) = [p for p in b.contacts.all(Person) if p.name.en == "Lee Younghwan"]
    b.contacts.save(replace(director_b, note="B"))
    a.contacts.save(replace(a.contacts.get(Person, ids["director"]), note="A"))
    a.contacts.save(replace(a.contacts.get(BookOrganisation, ids["mofa"]), phone="02-2100-2114"))
    new_text = BilingualText("새 조항 본문", "New text")
    a.clauses.add(Clause(BilingualText("새 조항", "New"), new_text))
    other = _letter(a, ids)  # a new draft for B, holding the clause too
    loaded = a.drafts.load(other)
    body = (*loaded.document.body, BodyItem(new_text))
    a.drafts.save(other, replace(loaded.document, body=body), expected_version=loaded.version)
    to = parse_public_key(b.bundles.keys.own().text)
    path = a.bundles.export(
        [other], tmp_path / "2.age", to=to, with_contacts=True, with_clauses=True
    )

    def twice(document: dict[str, object]) -> None:  # the same new draft twice: its uid
        drafts = document["drafts"]  # is unique, so the second insert fails
        assert isinstance(drafts, list)
        drafts.append(drafts[0])

    before = (_counts(b), b.contacts.all(BookOrganisation), b.contacts.all(Person))
    with pytest.raises(StorageError):
        b.bundles.import_file(_rewritten(a, b, path, twice))
    # nothing of it: no entry added or updated, no conflict waiting, no draft
    assert (_counts(b), b.contacts.all(BookOrganisation), b.contacts.all(Person)) == before
    assert b.bundles.entry_conflicts() == []
    assert [d.id for d in b.drafts.list()] == [first.drafts[0].draft_id]
    # the bundle as sent imports whole
    outcome = b.bundles.import_file(path)
    assert {e.outcome for e in outcome.entries} >= {"added", "updated", "conflict"}
    assert len(b.drafts.list()) == 2
