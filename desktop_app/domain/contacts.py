"""The address book: organisations, people, the offices they hold, and when they held them.

Plain values, as the rest of the domain. There is no "current" flag anywhere: who holds
an office is computed for a date (`domain/offices.py::holder_on`). Ids are the address
book's (storage gives them); a value not yet stored has id 0.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import Enum

from desktop_app.domain.messages import N_, TranslatableError
from desktop_app.domain.text import BilingualText


class OrganisationKind(Enum):
    """Whose it is: one of ours (a sender), a partner, an office of a State or of the UN."""

    OURS = "ours"
    PARTNER = "partner"
    GOVERNMENT = "government"
    UN = "un"
    OTHER = "other"


class ContactError(TranslatableError):
    """Bad address-book input (a date, a contact id): a sentence for the user."""


class ContactWarning(TranslatableError):
    """A warning about the address book's data (never raised): `user_message` says it."""


_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*(\[U\]|\?)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class OfficeDate:
    """A date of office that may be partial (a year, or a year and month) or unverified.

    Written `2025-07-21`, `2024-01`, `2024`; `[U]` after it marks a date not read in a
    primary or official source (CONTACTS.md), shown with it wherever it is shown. A partial
    date stands for its whole span: `2024-01` is some day from 1 to 31 January 2024.
    """

    year: int
    month: int | None = None
    day: int | None = None
    verified: bool = True

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ContactError(N_("A date with a day needs its month too."))
        try:
            date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            raise ContactError(N_("“{text}” is not a date."), text=self.iso()) from None

    @classmethod
    def parse(cls, text: str) -> OfficeDate:
        """`2024-01-15`, `2024-01`, `2024`, each maybe followed by `[U]` (or `?`): unverified."""
        match = _DATE.match(text)
        if match is None:
            raise ContactError(
                N_(
                    "“{text}” is not a date of office: write 2024-01-15, 2024-01 or 2024, "
                    "with [U] after it when it is not verified."
                ),
                text=text.strip(),
            )
        year, month, day, mark = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            verified=mark is None,
        )

    @classmethod
    def of(cls, day: date, *, verified: bool = True) -> OfficeDate:
        return cls(day.year, day.month, day.day, verified)

    def iso(self) -> str:
        """`2024-01-15`, `2024-01` or `2024` (without the mark)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        """As stored and shown: `2024-01 [U]` when unverified."""
        return self.iso() if self.verified else f"{self.iso()} [U]"

    @property
    def exact(self) -> bool:
        """A whole date, verified: nothing about it is uncertain."""
        return self.day is not None and self.verified

    def earliest(self) -> date:
        """The first day this date may be."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this date may be."""
        month = self.month or 12
        return date(self.year, month, self.day or monthrange(self.year, month)[1])


def parse_office_date(text: str) -> OfficeDate | None:
    """An OfficeDate, or None for an empty text (or `—`): not known / still in office."""
    stripped = text.strip()
    if stripped in ("", "-", "—"):
        return None
    return OfficeDate.parse(stripped)


@dataclass(frozen=True)
class BookOrganisation:
    """An organisation in the address book: ours (a sender), a partner, a ministry, a mission."""

    name: BilingualText = BilingualText()  # 외교부 / Ministry of Foreign Affairs
    short_name: BilingualText = BilingualText()  # 약칭: TJWG
    kind: OrganisationKind = OrganisationKind.OTHER
    country: BilingualText = BilingualText()  # 대한민국 / Republic of Korea
    address: BilingualText = BilingualText()
    postcode: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    website: str = ""
    note: str = ""
    id: int = 0


@dataclass(frozen=True)
class Person:
    """A person; the English name is their own romanisation (MOFA's "Cho Tae-yul")."""

    name: BilingualText = BilingualText()  # 조태열 / Cho Tae-yul
    family_name: BilingualText = BilingualText()  # 조 / Cho: "Dear Minister Cho,"
    courtesy: BilingualText = BilingualText()  # "" / Mr., Ms.: after H.E. in "H.E. Mr."
    organisation_id: int | None = None  # where they work, when they hold no office here
    role: BilingualText = BilingualText()  # 대표 / Director: as a signatory
    email: str = ""
    phone: str = ""
    note: str = ""
    id: int = 0


@dataclass(frozen=True)
class Position:
    """An office within an organisation, whoever holds it: 외교부 장관 / Minister of Foreign
    Affairs.

    `salutation` is a pattern per language in which `{name}` and `{family_name}` (only
    these, replaced literally) stand for the holder's: `존경하는 {name} 장관님,` /
    `Dear Minister {family_name},`.
    """

    organisation_id: int
    title: BilingualText = BilingualText()
    honorific: BilingualText = BilingualText()  # 귀하 / H.E.
    salutation: BilingualText = BilingualText()
    department: BilingualText = BilingualText()  # the 공문 수신's office in charge
    note: str = ""
    id: int = 0


@dataclass(frozen=True)
class Appointment:
    """A person holds a position from `start` until `end` (the last day in office).

    `start` None: not known; `end` None: still in office (no end recorded). Either may be
    partial or unverified (OfficeDate).
    """

    position_id: int
    person_id: int
    start: OfficeDate | None = None
    end: OfficeDate | None = None
    note: str = ""  # "in office on 2024-04-30 [V]"
    id: int = 0

    def span(self) -> str:
        """`2024-01 [U] – 2025-07-21`, `from 2025-07-21`, `? – 2025-07-21` (language-neutral)."""
        start = str(self.start) if self.start else "?"
        end = str(self.end) if self.end else "…"
        return f"{start} – {end}"


class ContactKind(Enum):
    """The three kinds of address-book entry that have a contact id."""

    ORGANISATION = "org"
    PERSON = "person"
    POSITION = "position"


@dataclass(frozen=True, order=True)
class ContactId:
    """One id space over the address book: `org-3`, `person-12`, `position-7`.

    What `dari contacts list` prints first and what lists, `dari lists add` and the merge's
    `--to` take. A position stands for whoever holds it on the letter's date.
    """

    kind: ContactKind
    number: int

    @classmethod
    def parse(cls, text: str) -> ContactId:
        prefix, _, number = text.strip().lower().partition("-")
        kinds = {kind.value: kind for kind in ContactKind}
        if prefix in kinds and number.isdigit() and not number.startswith("0"):
            return cls(kinds[prefix], int(number))
        raise ContactError(
            N_(
                "“{text}” is not a contact id: ids look like org-3, person-12 or position-7 "
                "(`dari contacts list` shows them)."
            ),
            text=text.strip(),
        )

    def __str__(self) -> str:
        return f"{self.kind.value}-{self.number}"


@dataclass(frozen=True)
class ContactList:
    """A named, ordered group of recipients: each member a position or a person."""

    name: str
    members: tuple[ContactId, ...] = ()
    id: int = 0


__all__ = [
    "Appointment",
    "BookOrganisation",
    "ContactError",
    "ContactId",
    "ContactKind",
    "ContactList",
    "ContactWarning",
    "OfficeDate",
    "OrganisationKind",
    "Person",
    "Position",
    "parse_office_date",
]
