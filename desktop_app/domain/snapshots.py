"""Copies of address-book parties for a draft, and what would change if they were taken again.

A draft keeps its own copy of each party (`Recipient`, `Organisation` as a sender,
`Signatory`) with the address-book ids in `book`; nothing here reads the book by itself,
so the copy never changes unless an update is asked for and applied.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.contacts import BookOrganisation, Person, Position
from desktop_app.domain.letter import Organisation, PartyRef, Recipient, Signatory, SignatoryKind
from desktop_app.domain.text import LANGS, BilingualText


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p.strip())


def _address(organisation: BookOrganisation | None) -> BilingualText:
    """The address with its postcode: before it in Korean, after it in English (unless there)."""
    if organisation is None:
        return BilingualText()
    address, postcode = organisation.address, organisation.postcode.strip()
    ko, en = address.ko.strip(), address.en.strip()
    if postcode and ko and postcode not in ko:
        ko = f"{postcode} {ko}"
    if postcode and en and postcode not in en:
        en = f"{en} {postcode}"
    return BilingualText.of(ko, en)


def _fill(pattern: str, person: Person | None, lang: str) -> str:
    """A salutation pattern with `{name}` and `{family_name}` replaced literally (no format)."""
    if person is None:
        if "{name}" in pattern or "{family_name}" in pattern:
            return ""
        return pattern
    name = person.name.ko if lang == "ko" else person.name.en
    family = person.family_name.ko if lang == "ko" else person.family_name.en
    return pattern.replace("{family_name}", family.strip()).replace("{name}", name.strip())


def salutation_for(position: Position | None, person: Person | None) -> BilingualText:
    """`존경하는 조태열 장관님,` / `Dear Minister Cho,` from the position's patterns.

    A pattern naming the holder gives nothing when there is none (the letter's own
    salutation stays); no pattern, nothing.
    """
    if position is None:
        return BilingualText()
    pattern = position.salutation
    return BilingualText.of(_fill(pattern.ko, person, "ko"), _fill(pattern.en, person, "en"))


def recipient_from(
    position: Position | None,
    organisation: BookOrganisation | None,
    person: Person | None,
) -> Recipient:
    """A recipient's copy: the holder (if any) in the office, the office's organisation."""
    courtesy = person.courtesy if person else BilingualText()
    honorific = position.honorific if position else BilingualText()
    return Recipient(
        name=person.name if person else BilingualText(),
        title=position.title if position else (person.role if person else BilingualText()),
        organisation=organisation.name if organisation else BilingualText(),
        address=_address(organisation),
        honorific=BilingualText.of(
            _join(honorific.ko, courtesy.ko), _join(honorific.en, courtesy.en)
        ),
        department=position.department if position else BilingualText(),
        book=PartyRef(
            organisation=organisation.id if organisation else None,
            person=person.id if person else None,
            position=position.id if position else None,
        ),
    )


def sender_from(organisation: BookOrganisation) -> Organisation:
    """One of our organisations as a sender: names and the letterhead's contact details."""
    return Organisation(
        name=organisation.name,
        short_name=organisation.short_name,
        address=organisation.address,
        postcode=organisation.postcode,
        phone=organisation.phone,
        fax=organisation.fax,
        email=organisation.email,
        website=organisation.website,
        book=PartyRef(organisation=organisation.id),
    )


def signatory_from(
    organisation: BookOrganisation | None, person: Person | None = None
) -> Signatory:
    """A co-signer: an organisation (its person signing for it, if given) or a person."""
    return Signatory(
        organisation=organisation.name if organisation else BilingualText(),
        person=person.name if person else BilingualText(),
        role=person.role if person else BilingualText(),
        country=organisation.country if organisation else BilingualText(),
        kind=SignatoryKind.ORGANISATION if organisation else SignatoryKind.INDIVIDUAL,
        book=PartyRef(
            organisation=organisation.id if organisation else None,
            person=person.id if person else None,
        ),
    )


@dataclass(frozen=True)
class FieldChange:
    """One field of one party that an update from the address book would change."""

    party: str  # "recipients[0]", "senders[1]", "signatories[2]", "cc[0]"
    field: str  # "name.ko", "address.en", "phone"
    old: str
    new: str


def party_changes(party: str, old: Any, new: Any) -> list[FieldChange]:
    """Field by field (each language of a bilingual text apart), what differs; `book` aside."""
    changes: list[FieldChange] = []
    for f in dataclasses.fields(old):
        if f.name == "book":
            continue
        before, after = getattr(old, f.name), getattr(new, f.name)
        if isinstance(before, BilingualText):
            for lang in LANGS:
                a, b = before.get(lang), after.get(lang)
                if a != b:
                    changes.append(FieldChange(party, f"{f.name}.{lang}", a, b))
        elif before != after:
            changes.append(FieldChange(party, f.name, _text(before), _text(after)))
    return changes


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "value", value))


__all__ = [
    "FieldChange",
    "party_changes",
    "recipient_from",
    "salutation_for",
    "sender_from",
    "signatory_from",
]
