"""Issue 11, "entered once": a party typed by hand in a draft saved to the address book in
one step (ContactService.save_party), and the drafts that use an entry (used_in)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactId,
    ContactKind,
    OrganisationKind,
    Person,
    Position,
)
from desktop_app.domain.letter import Letter, Organisation, Recipient, Signatory
from desktop_app.domain.text import BilingualText
from desktop_app.services import Services
from desktop_app.services.errors import DariError

T = BilingualText.of


def counts(services: Services) -> tuple[int, ...]:
    c = services.contacts
    return tuple(len(c.all(k)) for k in (BookOrganisation, Person, Position, Appointment))


# A made-up party for the test (a sample, not a real office holder).
TYPED = Recipient(
    name=T("홍길동", "Hong Gil-dong"),
    title=T("시험 과장", "Test Director"),
    organisation=T("(예시) 시험 기관", "(Sample) Test Agency"),
    address=T("(예시) 서울", "(Sample) Seoul"),
    honorific=T("귀하", "Mr."),
)


def test_a_typed_recipient_becomes_entries_and_its_copy_is_what_the_book_gives(
    services: Services,
) -> None:
    changes, saved = services.contacts.save_party(TYPED)
    assert changes.contacts
    assert saved.book is not None and None not in (
        saved.book.organisation,
        saved.book.person,
        saved.book.position,
    )
    assert saved == Recipient(**{**TYPED.__dict__, "book": saved.book})  # the copy unchanged
    letter = Letter(date=date(2024, 4, 18), recipients=(saved,))
    assert services.contacts.updates(letter) == []  # taken again: nothing would change
    resolved = services.contacts.resolve(
        ContactId(ContactKind.POSITION, saved.book.position), date(2024, 4, 18)
    )
    assert resolved.recipient.name == TYPED.name
    assert resolved.warnings  # the appointment's dates are not known, and it says so
    [term] = services.contacts.appointments(saved.book.position)
    assert (term.start, term.end) == (None, None)


def test_the_same_organisation_and_office_are_linked_not_created_twice(
    services: Services,
) -> None:
    services.contacts.import_sample()
    before = counts(services)
    typed = Recipient(
        name=T("조태열", "Cho Tae-yul"),
        title=T("외교부 장관", "Minister of Foreign Affairs"),
        organisation=T("외교부", "Ministry of Foreign Affairs, Republic of Korea"),
    )
    _changes, saved = services.contacts.save_party(typed)
    assert counts(services) == before  # everything was there already
    [minister] = [p for p in services.contacts.all(Position) if p.title.ko == "외교부 장관"]
    assert saved.book.position == minister.id


def test_another_name_in_a_recorded_office_gets_no_invented_appointment(
    services: Services,
) -> None:
    services.contacts.import_sample()
    [minister] = [p for p in services.contacts.all(Position) if p.title.ko == "외교부 장관"]
    terms = services.contacts.appointments(minister.id)
    typed = Recipient(
        name=T("홍길동", "Hong Gil-dong"),
        title=T("외교부 장관", "Minister of Foreign Affairs"),
        organisation=T("외교부", "Ministry of Foreign Affairs, Republic of Korea"),
    )
    _changes, saved = services.contacts.save_party(typed)
    assert services.contacts.appointments(minister.id) == terms
    assert saved.book.position is None and saved.book.person is not None
    person = services.contacts.get(Person, saved.book.person)
    assert person.role == typed.title


def test_our_sender_and_a_partner_signatory(services: Services) -> None:
    sender = Organisation(name=T("(예시) 우리 단체", "(Sample) Our Group"), phone="02-000-0000")
    _c, saved_sender = services.contacts.save_party(sender, ours=True)
    ours = services.contacts.get(BookOrganisation, saved_sender.book.organisation)
    assert ours.kind is OrganisationKind.OURS and ours.phone == "02-000-0000"
    signer = Signatory(
        organisation=T("(예시) 협력 단체", "(Sample) Partner"), person=T("김", "Kim")
    )
    _c, saved_signer = services.contacts.save_party(signer)
    partner = services.contacts.get(BookOrganisation, saved_signer.book.organisation)
    assert partner.kind is OrganisationKind.PARTNER
    letter = Letter(senders=(saved_sender,), signatories=(saved_signer,))
    assert services.contacts.updates(letter) == []


def test_an_empty_card_is_a_sentence_and_writes_nothing(services: Services) -> None:
    with pytest.raises(DariError, match="name or the title"):
        services.contacts.save_party(Recipient())
    with pytest.raises(DariError, match="organisation first"):
        services.contacts.save_party(Recipient(title=T("장관", "Minister")))
    assert counts(services) == (0, 0, 0, 0)


def test_used_in_finds_the_drafts_with_the_entry_and_leaves_out_the_trash(
    services: Services,
) -> None:
    _c, saved = services.contacts.save_party(TYPED)
    using = services.drafts.create(Letter(recipients=(saved,)))
    services.drafts.create(Letter(recipients=(TYPED,)))  # typed by hand: no reference
    trashed = services.drafts.create(Letter(cc=(saved,)))
    services.drafts.trash(trashed.id)
    for kind, number in (
        (ContactKind.ORGANISATION, saved.book.organisation),
        (ContactKind.PERSON, saved.book.person),
        (ContactKind.POSITION, saved.book.position),
    ):
        found = services.contacts.used_in(ContactId(kind, number))
        assert [draft_id for draft_id, _ko, _en in found] == [using.id]
    assert services.contacts.used_in(ContactId(ContactKind.PERSON, 999)) == []
