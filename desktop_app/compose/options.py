"""Choices a person makes at export time that change how a document is composed."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.compose.dates import DateStyle
from desktop_app.compose.layout import PageSetup
from desktop_app.domain.states import StateRegistry
from desktop_app.domain.upr_sessions import SessionCalendar


@dataclass(frozen=True)
class ComposeOptions:
    """Date style, weekday, margins override, and how English signatories are named."""

    date_style: DateStyle = DateStyle.UN
    korean_weekday: bool = False
    page: PageSetup | None = None  # None: the preset's margins
    korean_names_in_english: bool = True  # "Mulmangcho (사단법인 물망초)"
    states: StateRegistry | None = None  # None: the shipped data
    sessions: SessionCalendar | None = None  # None: the shipped data
