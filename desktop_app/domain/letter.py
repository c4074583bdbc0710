"""The letter: every part a real bilingual advocacy letter to a minister has."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import ClassVar

from desktop_app.domain.dates import DateStyle
from desktop_app.domain.text import BilingualText


class Disclosure(Enum):
    """공개 구분 of the Korean official style."""

    PUBLIC = "public"
    PARTIAL = "partial"
    PRIVATE = "private"


@dataclass(frozen=True)
class PartyRef:
    """Where a party's copy came from in the address book (ids there); the copy is the truth.

    A draft keeps its own copy of each party, so editing the address book never changes
    it; "Update from the address book" compares the copy with the book through these ids.
    """

    organisation: int | None = None
    person: int | None = None
    position: int | None = None


# A party's optional address-book reference is omitted from the JSON when there is none,
# so a party typed by hand is written exactly as before (serialize.py reads this mark).
OMIT_IF_NONE = {"omit_if_none": True}


@dataclass(frozen=True)
class Organisation:
    """A sending organisation: its names and the contact details a letterhead shows."""

    name: BilingualText = BilingualText()
    short_name: BilingualText = BilingualText()  # 약칭, e.g. TJWG; used in 문서번호
    address: BilingualText = BilingualText()
    postcode: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    website: str = ""
    book: PartyRef | None = field(default=None, metadata=OMIT_IF_NONE)


@dataclass(frozen=True)
class Recipient:
    """An addressee (or a cc): a person in an office."""

    name: BilingualText = BilingualText()  # 조태열 / Cho Tae-yul
    title: BilingualText = BilingualText()  # 외교부 장관 / Minister of Foreign Affairs
    organisation: BilingualText = BilingualText()  # 외교부 / Republic of Korea
    address: BilingualText = BilingualText()
    honorific: BilingualText = BilingualText()  # 귀하 / H.E. Mr.
    department: BilingualText = BilingualText()  # 인권사회과장: the 공문 수신 (office in charge)
    # Mail merge: this recipient's own salutation ("Dear Ambassador," / "존경하는 대사님,");
    # empty: derived from the recipient (compose.salutation_for). A single export prints
    # the letter's own salutation.
    salutation: BilingualText = BilingualText()
    book: PartyRef | None = field(default=None, metadata=OMIT_IF_NONE)


@dataclass(frozen=True)
class BodyItem:
    """A body paragraph; level 0 is running text, 1–8 a numbered item at that depth."""

    text: BilingualText = BilingualText()
    level: int = 0


MAX_LEVEL = 8


@dataclass(frozen=True)
class Enclosure:
    """붙임: an enclosed document and how many copies."""

    name: BilingualText = BilingualText()
    quantity: int = 1


class SignatoryKind(Enum):
    """Whether a signatory signs as an organisation (its person signs for it) or as a person."""

    ORGANISATION = "organisation"
    INDIVIDUAL = "individual"


@dataclass(frozen=True)
class Signatory:
    """One co-signer: an organisation, a person, or a person for an organisation."""

    organisation: BilingualText = BilingualText()
    person: BilingualText = BilingualText()
    role: BilingualText = BilingualText()  # 대표 / Director; or a relationship
    country: BilingualText = BilingualText()
    kind: SignatoryKind | None = None  # None: derived, see resolved_kind
    book: PartyRef | None = field(default=None, metadata=OMIT_IF_NONE)

    @property
    def resolved_kind(self) -> SignatoryKind:
        """The chosen kind; unchosen, an individual when a person signs without an organisation."""
        if self.kind is not None:
            return self.kind
        return derived_kind(self.organisation, self.person)


def derived_kind(organisation: BilingualText, person: BilingualText) -> SignatoryKind:
    """Individual when a person is given without an organisation, else organisation."""
    has_organisation = bool(organisation.ko.strip() or organisation.en.strip())
    has_person = bool(person.ko.strip() or person.en.strip())
    if has_person and not has_organisation:
        return SignatoryKind.INDIVIDUAL
    return SignatoryKind.ORGANISATION


@dataclass(frozen=True)
class Letter:
    """A letter, in both languages at once; compose picks one side."""

    senders: tuple[Organisation, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    cc: tuple[Recipient, ...] = ()
    via: BilingualText = BilingualText()  # (경유)
    date: date | None = None
    reference: BilingualText = BilingualText()  # 문서번호 / Ref.
    subject: BilingualText = BilingualText()
    salutation: BilingualText = BilingualText()
    body: tuple[BodyItem, ...] = ()
    closing: BilingualText = BilingualText()
    enclosures: tuple[Enclosure, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    contact: BilingualText = BilingualText()
    disclosure: Disclosure = Disclosure.PUBLIC
    # Korean styles: `○○○ 외 N개 단체 일동` above the list of signatories.
    signatory_summary: bool = False
    date_style: DateStyle = DateStyle.UN  # English dates: 30 April 2024 / April 30, 2024
    korean_weekday: bool = False  # Korean dates: 2024. 4. 30.(화)

    KIND: ClassVar[str] = "letter"

    @property
    def title(self) -> BilingualText:
        """What the draft list shows: the subject."""
        return self.subject
