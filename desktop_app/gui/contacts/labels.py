"""Address-book entries in words for lists and suggestions (Qt-free, language-aware)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain.contacts import (
    BookOrganisation,
    ContactId,
    ContactKind,
    OrganisationKind,
    Person,
    Position,
)
from desktop_app.domain.messages import N_
from desktop_app.domain.text import BilingualText

Translate = Callable[[str], str]

ORGANISATION_KINDS = {
    OrganisationKind.OURS: N_("One of ours"),
    OrganisationKind.PARTNER: N_("A partner"),
    OrganisationKind.GOVERNMENT: N_("An office of a government"),
    OrganisationKind.UN: N_("An office of the UN"),
    OrganisationKind.OTHER: N_("Other"),
}


def both(text: BilingualText) -> str:
    """`외교부 장관 / Minister of Foreign Affairs` (one side when the other is empty)."""
    ko, en = text.ko.strip(), text.en.strip()
    if ko and en:
        return f"{ko} / {en}"
    return ko or en


@dataclass(frozen=True)
class Suggestion:
    """One line of the type-ahead: what it says, and the entry it stands for."""

    label: str
    contact: ContactId
    ours: bool = False  # an organisation of ours (a sender and a signatory)
    also_signs: bool = False  # in the senders' picker: add it as a signatory too


def organisation_label(organisation: BookOrganisation, _: Translate) -> str:
    return _("{name} — organisation").format(name=both(organisation.name) or str(organisation.id))


def person_label(person: Person, _: Translate) -> str:
    return _("{name} — person").format(name=both(person.name) or f"person-{person.id}")


def position_label(position: Position, organisation: BookOrganisation | None, _: Translate) -> str:
    """`외교부 장관 / Minister of Foreign Affairs (외교부) — office: its holder on the letter's
    date`."""
    where = organisation.name.ko or organisation.name.en if organisation else ""
    title = both(position.title) or f"position-{position.id}"
    if where:
        title = f"{title} ({where})"
    return _("{office} — office: its holder on the letter’s date").format(office=title)


def is_ours(organisation: BookOrganisation) -> bool:
    return organisation.kind is OrganisationKind.OURS


def contact_of(entry: BookOrganisation | Person | Position) -> ContactId:
    kind = {
        BookOrganisation: ContactKind.ORGANISATION,
        Person: ContactKind.PERSON,
        Position: ContactKind.POSITION,
    }[type(entry)]
    return ContactId(kind, entry.id)
