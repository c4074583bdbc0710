"""The letter: every part a real bilingual advocacy letter to a minister has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import ClassVar

from desktop_app.domain.text import BilingualText


class Disclosure(Enum):
    """공개 구분 of the Korean official style."""

    PUBLIC = "public"
    PARTIAL = "partial"
    PRIVATE = "private"


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


@dataclass(frozen=True)
class Recipient:
    """An addressee (or a cc): a person in an office."""

    name: BilingualText = BilingualText()  # 조태열 / Cho Tae-yul
    title: BilingualText = BilingualText()  # 외교부 장관 / Minister of Foreign Affairs
    organisation: BilingualText = BilingualText()  # 외교부 / Republic of Korea
    address: BilingualText = BilingualText()
    honorific: BilingualText = BilingualText()  # 귀하 / H.E. Mr.


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


@dataclass(frozen=True)
class Signatory:
    """One co-signer: an organisation, a person, or a person for an organisation."""

    organisation: BilingualText = BilingualText()
    person: BilingualText = BilingualText()
    role: BilingualText = BilingualText()  # 대표 / Director; or a relationship
    country: BilingualText = BilingualText()


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

    KIND: ClassVar[str] = "letter"

    @property
    def title(self) -> BilingualText:
        """What the draft list shows: the subject."""
        return self.subject
