"""Choices a person makes at export time that change how a document is composed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from desktop_app.compose.dates import DateStyle
from desktop_app.compose.layout import PageSetup
from desktop_app.domain.states import StateRegistry
from desktop_app.domain.upr_sessions import SessionCalendar


@dataclass(frozen=True)
class ComposeOptions:
    """Date style and weekday overrides, margins override, and how English signatories are
    named. A `None` date style or weekday means the document's own (kept in the draft)."""

    date_style: DateStyle | None = None  # None: the draft's
    korean_weekday: bool | None = None  # None: the draft's
    page: PageSetup | None = None  # None: the preset's margins
    korean_names_in_english: bool = True  # "Mulmangcho (사단법인 물망초)"
    states: StateRegistry | None = None  # None: the shipped data
    sessions: SessionCalendar | None = None  # None: the shipped data

    @property
    def english_style(self) -> DateStyle:
        """The English date style once resolved against a document (see `resolved`)."""
        return self.date_style or DateStyle.UN

    @property
    def weekday(self) -> bool:
        """Whether Korean dates carry the weekday, once resolved against a document."""
        return bool(self.korean_weekday)

    def resolved(self, document: Any) -> ComposeOptions:
        """These options with the document's own date style and weekday where none is given."""
        return replace(
            self,
            date_style=date_style_for(document, self),
            korean_weekday=korean_weekday_for(document, self),
        )


def date_style_for(document: Any, options: ComposeOptions) -> DateStyle:
    """The English date style: the export's override, else the document's own."""
    if options.date_style is not None:
        return options.date_style
    style = getattr(document, "date_style", DateStyle.UN)
    return style if isinstance(style, DateStyle) else DateStyle.UN


def korean_weekday_for(document: Any, options: ComposeOptions) -> bool:
    """Whether Korean dates carry the weekday: the export's override, else the document's."""
    if options.korean_weekday is not None:
        return options.korean_weekday
    return bool(getattr(document, "korean_weekday", False))
