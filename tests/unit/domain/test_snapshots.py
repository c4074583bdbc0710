"""Party copies from the address book, in the draft format (5) and field-by-field changes."""

from __future__ import annotations

import copy
import dataclasses

import jsonschema

from desktop_app.domain import from_json, to_json
from desktop_app.domain.contacts import BookOrganisation, OrganisationKind, Person, Position
from desktop_app.domain.letter import Letter, PartyRef, Recipient, SignatoryKind
from desktop_app.domain.schema import json_schema
from desktop_app.domain.snapshots import (
    party_changes,
    recipient_from,
    salutation_for,
    sender_from,
    signatory_from,
)
from desktop_app.domain.text import BilingualText
from tests.helpers.samples import sample_letter, sample_payload

MOFA = BookOrganisation(
    name=BilingualText.of("외교부", "Ministry of Foreign Affairs, Republic of Korea"),
    kind=OrganisationKind.GOVERNMENT,
    address=BilingualText.of(
        "서울특별시 종로구 사직로8길 60", "60 Sajik-ro 8-gil, Jongno-gu, Seoul"
    ),
    postcode="03172",
    id=4,
)
MINISTER = Position(
    4,
    BilingualText.of("외교부 장관", "Minister of Foreign Affairs"),
    honorific=BilingualText.of("귀하", "H.E."),
    salutation=BilingualText.of("존경하는 {name} 장관님,", "Dear Minister {family_name},"),
    id=9,
)
CHO = Person(
    BilingualText.of("조태열", "Cho Tae-yul"),
    family_name=BilingualText.of("조", "Cho"),
    courtesy=BilingualText.of("", "Mr."),
    id=2,
)


def test_a_recipient_copy_is_the_sample_letters_recipient_with_its_ids() -> None:
    made = recipient_from(MINISTER, MOFA, CHO)
    assert dataclasses.replace(made, book=None) == sample_letter().recipients[0]
    assert made.book == PartyRef(organisation=4, person=2, position=9)
    assert salutation_for(MINISTER, CHO) == sample_letter().salutation


def test_a_vacant_office_gives_its_title_and_no_name_and_no_salutation() -> None:
    made = recipient_from(MINISTER, MOFA, None)
    assert made.name == BilingualText() and made.title.en == "Minister of Foreign Affairs"
    assert made.honorific == BilingualText.of("귀하", "H.E.")
    assert salutation_for(MINISTER, None) == BilingualText()


def test_a_salutation_pattern_is_replaced_literally_never_formatted() -> None:
    sneaky = dataclasses.replace(
        MINISTER, salutation=BilingualText.of("{0.__class__} {name}", "{{ 7*7 }} {family_name}")
    )
    assert salutation_for(sneaky, CHO) == BilingualText.of("{0.__class__} 조태열", "{{ 7*7 }} Cho")


def test_senders_and_signatories_come_from_our_organisations() -> None:
    ours = BookOrganisation(
        name=BilingualText.of("(사)물망초", "Mulmangcho"),
        short_name=BilingualText.of("물망초", "Mulmangcho"),
        country=BilingualText.of("대한민국", "Republic of Korea"),
        kind=OrganisationKind.OURS,
        id=2,
    )
    sample = sample_letter()
    assert dataclasses.replace(sender_from(ours), book=None) == sample.senders[1]
    signatory = signatory_from(ours)
    assert dataclasses.replace(signatory, book=None) == sample.signatories[1]
    assert signatory.book == PartyRef(organisation=2)
    assert signatory_from(None, CHO).kind is SignatoryKind.INDIVIDUAL


def test_party_refs_round_trip_and_satisfy_the_schema() -> None:
    letter = sample_letter()
    letter = dataclasses.replace(
        letter,
        recipients=(recipient_from(MINISTER, MOFA, CHO),),
        cc=(Recipient(name=BilingualText.of("김", "Kim")),),
    )
    data = to_json(letter)
    assert data["recipients"][0]["book"] == {"organisation": 4, "person": 2, "position": 9}
    assert "book" not in data["cc"][0]  # typed by hand: written as before
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert from_json(copy.deepcopy(data)) == letter


def test_a_format_5_file_without_refs_reads_as_before_and_is_written_unchanged() -> None:
    letter = from_json(sample_payload())
    assert isinstance(letter, Letter) and letter.recipients[0].book is None
    assert to_json(letter) == sample_payload()


def test_changes_are_listed_field_by_field_per_language() -> None:
    old = recipient_from(MINISTER, MOFA, CHO)
    hyun = Person(
        BilingualText.of("조현", "Cho Hyun"),
        family_name=BilingualText.of("조", "Cho"),
        courtesy=BilingualText.of("", "Mr."),
        id=3,
    )
    new = recipient_from(MINISTER, MOFA, hyun)
    changes = party_changes("recipients[0]", old, new)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("name.ko", "조태열", "조현"),
        ("name.en", "Cho Tae-yul", "Cho Hyun"),
    ]
    assert party_changes("recipients[0]", old, old) == []
