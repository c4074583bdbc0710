"""Dates as each language and house style writes them (through Babel, patterns pinned)."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as babel_format_date

from desktop_app.domain.dates import DateStyle

# Pinned rather than taken from CLDR's "medium"/"long", which may change.
_PATTERNS = {
    ("ko", DateStyle.UN): ("y. M. d.", "ko_KR"),
    ("ko", DateStyle.US): ("y. M. d.", "ko_KR"),
    ("en", DateStyle.UN): ("d MMMM y", "en_GB"),
    ("en", DateStyle.US): ("MMMM d, y", "en_US"),
}


def format_date(
    value: date, lang: str, style: DateStyle = DateStyle.UN, *, weekday: bool = False
) -> str:
    """`2024. 4. 18.` in Korean (with `(목)` when asked), `18 April 2024` or `April 18, 2024`."""
    pattern, locale = _PATTERNS[(lang, style)]
    text = babel_format_date(value, pattern, locale=locale)
    if weekday and lang == "ko":
        text += "(" + babel_format_date(value, "E", locale="ko_KR") + ")"
    return text


_WEEKDAY_PATTERNS = {
    DateStyle.UN: ("EEEE, d MMMM y", "en_GB"),
    DateStyle.US: ("EEEE, MMMM d, y", "en_US"),
}


def format_date_time(value: datetime, lang: str, style: DateStyle = DateStyle.UN) -> str:
    """An event's date and time, weekday always: `2024. 4. 18.(목) 11:00`, English
    `Thursday, 18 April 2024, 11:00` (US style `Thursday, April 18, 2024, 11:00`); the time
    24-hour and zero-padded in both (LETTERS.md)."""
    time = f"{value.hour:02d}:{value.minute:02d}"
    if lang == "ko":
        return f"{format_date(value.date(), 'ko', weekday=True)} {time}"
    pattern, locale = _WEEKDAY_PATTERNS[style]
    return f"{babel_format_date(value.date(), pattern, locale=locale)}, {time}"


__all__ = ["DateStyle", "format_date", "format_date_time"]
