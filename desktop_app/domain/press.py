"""Press documents: the press conference notice (기자회견 안내 · 보도자료) and the statement
read at it (기자회견문), each in both languages at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import ClassVar

from desktop_app.domain.dates import DateStyle
from desktop_app.domain.letter import BodyItem, Organisation, Signatory
from desktop_app.domain.text import BilingualText


class ProgrammeKind(Enum):
    """What an item of the programme (순서) is; each has its Korean and English label."""

    HOST = "host"  # 사회
    SPEECH = "speech"  # 발언 n: speaker, affiliation, topic
    STATEMENT = "statement"  # 기자회견문 낭독
    LETTER = "letter"  # 서한 전달
    QUESTIONS = "questions"  # 질의응답
    INTERPRETATION = "interpretation"  # 통역
    OTHER = "other"  # its topic is its label


@dataclass(frozen=True)
class ProgrammeItem:
    """One item of the order of the programme, with who does it (and for whom, about what)."""

    kind: ProgrammeKind = ProgrammeKind.SPEECH
    speaker: BilingualText = BilingualText()
    affiliation: BilingualText = BilingualText()
    topic: BilingualText = BilingualText()


@dataclass(frozen=True)
class PressContact:
    """The person journalists call (문의): name, role or organisation, telephone, e-mail."""

    name: BilingualText = BilingualText()
    role: BilingualText = BilingualText()  # 사무국장 / Secretary General, or the organisation
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PressNotice:
    """A press conference notice / media advisory: when and where, who, why, in what order."""

    title: BilingualText = BilingualText()  # printed `[기자회견] …` / `Media advisory: …`
    starts: datetime | None = None  # the event's local date and time (2024-04-18T11:00)
    place: BilingualText = BilingualText()  # 외교부 청사 앞 / in front of the Ministry …
    organisers: tuple[Organisation, ...] = ()  # 주최
    co_organisers: tuple[Organisation, ...] = ()  # 주관
    purpose: tuple[BilingualText, ...] = ()  # 취지, one bullet each
    programme: tuple[ProgrammeItem, ...] = ()  # 순서
    contacts: tuple[PressContact, ...] = ()  # 문의
    embargo: datetime | None = None  # None: for immediate release (즉시 보도 가능)
    date: date | None = None  # of the notice
    date_style: DateStyle = DateStyle.UN  # English dates: 18 April 2024 / April 18, 2024
    korean_weekday: bool = True  # a notice writes 2024. 4. 18.(목)

    KIND: ClassVar[str] = "press-notice"

    def embargo_after_start(self) -> bool:
        """Whether the embargo lifts only after the event has begun (journalists there could
        not report what they see)."""
        return self.embargo is not None and self.starts is not None and self.embargo > self.starts


class DemandStyle(Enum):
    """How a statement marks its demands: `1.` `2.` or `△`."""

    NUMBERED = "numbered"
    TRIANGLE = "triangle"


@dataclass(frozen=True)
class Statement:
    """A statement (기자회견문): body in the first person plural, the demands, the date, and the
    signatories — `○○○ 외 N개 단체 일동` and then every one of them."""

    title: BilingualText = BilingualText()
    body: tuple[BodyItem, ...] = ()
    demands: tuple[BilingualText, ...] = ()
    demand_style: DemandStyle = DemandStyle.NUMBERED
    closing: BilingualText = BilingualText()  # a last paragraph after the demands
    date: date | None = None
    signatories: tuple[Signatory, ...] = ()
    date_style: DateStyle = DateStyle.UN
    korean_weekday: bool = False

    KIND: ClassVar[str] = "statement"

    def others(self) -> int:
        """N of `○○○ 외 N개 단체 일동`: the signatories with a name after the first."""
        return max(0, len(named_signatories(self.signatories)) - 1)


def named_signatories(signatories: tuple[Signatory, ...]) -> list[Signatory]:
    """The signatories that name an organisation or a person in either language."""
    return [s for s in signatories if not (s.organisation.is_empty() and s.person.is_empty())]
