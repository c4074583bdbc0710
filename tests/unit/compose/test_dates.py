"""Dates in each language's style."""

from datetime import date

from desktop_app.compose import DateStyle, format_date

DAY = date(2024, 4, 18)


def test_korean_official_date() -> None:
    assert format_date(DAY, "ko") == "2024. 4. 18."
    assert format_date(DAY, "ko", weekday=True) == "2024. 4. 18.(목)"
    assert format_date(date(2024, 10, 1), "ko") == "2024. 10. 1."


def test_english_un_and_us_styles() -> None:
    assert format_date(DAY, "en") == "18 April 2024"
    assert format_date(DAY, "en", DateStyle.US) == "April 18, 2024"
    assert format_date(date(2024, 5, 7), "en") == "7 May 2024"
