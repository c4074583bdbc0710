"""How a document writes its dates: a choice kept in the draft."""

from __future__ import annotations

from enum import Enum


class DateStyle(Enum):
    """How English dates are written; Korean always uses the official style."""

    UN = "un"  # 18 April 2024
    US = "us"  # April 18, 2024


__all__ = ["DateStyle"]
