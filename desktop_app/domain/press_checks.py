"""Date and time text in a press document, checked against the conventions (LETTERS.md):
`2024. 4. 18.(목) 11:00` is right; `2024.04.18`, `2024-04-18` and `11:0` are findings."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A date written with numerals and dots, dashes or slashes: `2024. 4. 18.`, `2024.04.18`,
# `2024-04-18`, `2024/4/18`. Only the first is the convention.
_DATE = re.compile(r"(?<![\d.])(\d{4})\s*([.\-/])\s*(\d{1,2})\s*\2\s*(\d{1,2})(\s*\.)?(?![\d])")
# A time with a colon: `11:00` is right; `11:0`, `9:00`, `25:00` are not.
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{1,3})(?![\d:])")


@dataclass(frozen=True)
class DateTimeProblem:
    """A date or time in `text` that is not written as the conventions write it."""

    kind: str  # "date" or "time"
    found: str  # as written
    suggestion: str  # as it should be written ("" when it is no date or time at all)


def right_date(year: int, month: int, day: int) -> str:
    """`2024. 4. 18.`: a space after each dot, no leading zeros, a dot after the day."""
    return f"{year}. {month}. {day}."


def date_time_problems(text: str) -> list[DateTimeProblem]:
    """Every malformed date and time in `text`, in order."""
    problems: list[tuple[int, DateTimeProblem]] = []
    for match in _DATE.finditer(text):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
        found = match[0].strip()
        valid = 1 <= month <= 12 and 1 <= day <= 31
        suggestion = right_date(year, month, day) if valid else ""
        if found != suggestion:
            problems.append((match.start(), DateTimeProblem("date", found, suggestion)))
    for match in _TIME.finditer(text):
        hours, minutes = match[1], match[2]
        valid = int(hours) <= 24 and len(minutes) <= 2 and int(minutes) <= 59
        suggestion = f"{int(hours):02d}:{int(minutes):02d}" if valid else ""
        if match[0] != suggestion:
            problems.append((match.start(), DateTimeProblem("time", match[0], suggestion)))
    return [problem for _start, problem in sorted(problems, key=lambda p: p[0])]
