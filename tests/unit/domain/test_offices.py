"""Dated offices: the holder of a position is computed for a date, every doubt said."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.contacts import (
    Appointment,
    ContactError,
    ContactId,
    ContactKind,
    OfficeDate,
    Person,
    Position,
    parse_office_date,
)
from desktop_app.domain.offices import Doubt, holder_on, timeline_warnings
from desktop_app.domain.text import BilingualText

MINISTER = Position(1, BilingualText.of("외교부 장관", "Minister of Foreign Affairs"), id=10)
CHO_TAE_YUL = Person(BilingualText.of("조태열", "Cho Tae-yul"), id=1)
CHO_HYUN = Person(BilingualText.of("조현", "Cho Hyun"), id=2)
PEOPLE = {1: CHO_TAE_YUL, 2: CHO_HYUN}
# CONTACTS.md: Cho Tae-yul from 2024-01 [U] until 2025-07-21 [V]; Cho Hyun from 2025-07-21.
TERMS = (
    Appointment(10, 1, OfficeDate.parse("2024-01 [U]"), OfficeDate.parse("2025-07-21"), id=1),
    Appointment(10, 2, OfficeDate.parse("2025-07-21"), None, id=2),
)


def test_the_foreign_minister_on_18_april_2024_is_cho_tae_yul() -> None:
    holding = holder_on(MINISTER, TERMS, date(2024, 4, 18), PEOPLE)
    assert holding.person_id == CHO_TAE_YUL.id
    # the start date is from memory: said, not hidden
    assert holding.doubts() == {Doubt.UNVERIFIED}
    assert "2024-01 [U]" in str(holding.warnings[0])


def test_the_foreign_minister_on_1_august_2025_is_cho_hyun() -> None:
    holding = holder_on(MINISTER, TERMS, date(2025, 8, 1), PEOPLE)
    assert holding.person_id == CHO_HYUN.id and holding.warnings == ()


def test_overlapping_appointments_give_no_holder_and_a_warning_naming_the_dates() -> None:
    intruder = Person(BilingualText.of("홍길동", "Hong Gildong"), id=3)
    terms = (*TERMS, Appointment(10, 3, OfficeDate.parse("2025-06-01"), None, id=3))
    holding = holder_on(MINISTER, terms, date(2025, 6, 15), {**PEOPLE, 3: intruder})
    assert holding.person_id is None and holding.doubts() == {Doubt.OVERLAP}
    assert {a.person_id for a in holding.candidates} == {1, 3}
    text = str(holding.warnings[0])
    assert "2025-06-15" in text and "2024-01 [U] – 2025-07-21" in text
    assert "2025-06-01 – …" in text and "조태열 (Cho Tae-yul)" in text
    timeline = timeline_warnings(MINISTER, terms, PEOPLE)
    assert [w.doubt for w in timeline] == [Doubt.OVERLAP, Doubt.OVERLAP]


def test_the_handover_day_itself_is_an_overlap_but_not_in_the_timeline() -> None:
    holding = holder_on(MINISTER, TERMS, date(2025, 7, 21), PEOPLE)
    assert holding.person_id is None and holding.doubts() == {Doubt.OVERLAP}
    assert timeline_warnings(MINISTER, TERMS, PEOPLE) == []


def test_a_gap_names_the_dates_around_it() -> None:
    terms = (
        Appointment(10, 1, OfficeDate.parse("2024-01-10"), OfficeDate.parse("2024-03-31"), id=1),
        Appointment(10, 2, OfficeDate.parse("2024-05-02"), None, id=2),
    )
    holding = holder_on(MINISTER, terms, date(2024, 4, 18), PEOPLE)
    assert holding.person_id is None and holding.doubts() == {Doubt.GAP}
    assert "2024-03-31" in str(holding.warnings[0]) and "2024-05-02" in str(holding.warnings[0])
    [gap] = timeline_warnings(MINISTER, terms, PEOPLE)
    assert gap.doubt is Doubt.GAP and "2024-03-31" in str(gap)


def test_a_date_inside_a_partial_start_is_uncertain_and_before_it_vacant() -> None:
    inside = holder_on(MINISTER, TERMS, date(2024, 1, 10), PEOPLE)
    assert inside.person_id == 1 and Doubt.UNCERTAIN in inside.doubts()
    before = holder_on(MINISTER, TERMS, date(2023, 12, 31), PEOPLE)
    assert before.person_id is None and before.doubts() == {Doubt.VACANT}


def test_an_unknown_start_is_a_doubt_not_a_silent_answer() -> None:
    terms = (Appointment(10, 1, None, None, note="in office on 2024-04-30 [V]", id=1),)
    holding = holder_on(MINISTER, terms, date(2024, 4, 30), PEOPLE)
    assert holding.person_id == 1 and holding.doubts() == {Doubt.UNCERTAIN}


@pytest.mark.parametrize(
    ("text", "shown", "earliest", "latest"),
    [
        ("2024-01 [U]", "2024-01 [U]", date(2024, 1, 1), date(2024, 1, 31)),
        ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022", "2022", date(2022, 1, 1), date(2022, 12, 31)),
        (" 2025-7-21 ", "2025-07-21", date(2025, 7, 21), date(2025, 7, 21)),
        ("2025-07-21?", "2025-07-21 [U]", date(2025, 7, 21), date(2025, 7, 21)),
    ],
)
def test_office_dates_may_be_partial_or_unverified(
    text: str, shown: str, earliest: date, latest: date
) -> None:
    parsed = OfficeDate.parse(text)
    assert (str(parsed), parsed.earliest(), parsed.latest()) == (shown, earliest, latest)
    assert OfficeDate.parse(str(parsed)) == parsed


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "April 2024", "24-01"])
def test_a_bad_office_date_is_a_sentence(text: str) -> None:
    with pytest.raises(ContactError, match="date"):
        OfficeDate.parse(text)


def test_empty_and_dash_are_no_date() -> None:
    assert parse_office_date("") is None and parse_office_date(" — ") is None


def test_contact_ids_are_one_id_space_with_a_prefix() -> None:
    assert ContactId.parse("Position-7") == ContactId(ContactKind.POSITION, 7)
    assert str(ContactId(ContactKind.ORGANISATION, 3)) == "org-3"
    for bad in ("7", "pos-7", "person-", "person-x", "person-07"):
        with pytest.raises(ContactError, match="contact id"):
            ContactId.parse(bad)
