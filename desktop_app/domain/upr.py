"""The UPR brief: suggested advance questions and recommendations to a State under review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import ClassVar

from desktop_app.domain.dates import DateStyle
from desktop_app.domain.letter import BodyItem, Organisation
from desktop_app.domain.text import BilingualText


class Response(Enum):
    """How the State under review answered a recommendation: there is no third answer."""

    SUPPORTED = "supported"
    NOTED = "noted"


@dataclass(frozen=True)
class PriorRecommendation:
    """A recommendation from an earlier cycle, as the Working Group report lists it."""

    symbol: str = ""  # A/HRC/41/7
    paragraph: str = ""  # 115.63
    states: tuple[str, ...] = ()  # recommending States, ISO 3166 alpha-2 codes
    response: Response | None = None
    text: BilingualText = BilingualText()

    def reference(self) -> str:
        """`A/HRC/41/7, para. 115.63`."""
        if self.symbol and self.paragraph:
            return f"{self.symbol}, para. {self.paragraph}"
        return self.symbol or self.paragraph


@dataclass(frozen=True)
class Question:
    """A suggested advance question: 1–3 neutral sentences, with an optional theme and why."""

    text: BilingualText = BilingualText()
    theme: BilingualText = BilingualText()
    rationale: BilingualText = BilingualText()
    states: tuple[str, ...] = ()  # the target States it is for, ISO alpha-2; empty: all

    def is_for(self, code: str) -> bool:
        """Whether the State `code` is asked to put this question (empty `states`: every one)."""
        return not self.states or code.upper() in (c.upper() for c in self.states)


@dataclass(frozen=True)
class Recommendation:
    """A suggested recommendation, starting with an action verb."""

    text: BilingualText = BilingualText()
    previously: str = ""  # "as previously recommended": symbol and paragraph
    states: tuple[str, ...] = ()  # the target States it is for, ISO alpha-2; empty: all

    def is_for(self, code: str) -> bool:
        """Whether the State `code` is asked to make this recommendation (empty: every one)."""
        return not self.states or code.upper() in (c.upper() for c in self.states)


@dataclass(frozen=True)
class UprBrief:
    """Suggested advance questions and recommendations, sent to missions that can submit them."""

    state: str = ""  # State under review, ISO 3166 alpha-2
    cycle: int = 4
    session: int | None = None
    review_date: date | None = None
    date: date | None = None  # of the paper
    organisations: tuple[Organisation, ...] = ()
    issue: BilingualText = BilingualText()
    summary: BilingualText = BilingualText()
    background: tuple[BodyItem, ...] = ()
    prior_recommendations: tuple[PriorRecommendation, ...] = ()
    questions: tuple[Question, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    target_states: tuple[str, ...] = ()  # States the paper is meant for, ISO alpha-2
    sources: tuple[BilingualText, ...] = ()
    contact: BilingualText = BilingualText()
    date_style: DateStyle = DateStyle.UN  # English dates: 30 April 2024 / April 30, 2024
    korean_weekday: bool = False  # Korean dates: 2024. 4. 30.(화)

    KIND: ClassVar[str] = "upr-brief"

    @property
    def title(self) -> BilingualText:
        """What the draft list shows: the issue."""
        return self.issue
