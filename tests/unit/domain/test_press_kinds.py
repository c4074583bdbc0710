"""The two press kinds in the draft format (format 6) and their checks."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date, datetime

import jsonschema
import pytest

from desktop_app.domain import FORMAT_VERSION, BilingualText, DraftFormatError, from_json, to_json
from desktop_app.domain.checks import check, describe
from desktop_app.domain.letter import Signatory
from desktop_app.domain.press import PressNotice, ProgrammeItem, ProgrammeKind, Statement
from desktop_app.domain.press_checks import date_time_problems
from desktop_app.domain.schema import json_schema
from desktop_app.i18n import translator
from tests.helpers.samples import sample_payload, sample_press_notice, sample_statement

START = datetime(2024, 4, 18, 11, 0)


def test_the_samples_round_trip_and_satisfy_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    for document in (sample_press_notice(), sample_statement()):
        data = to_json(document)
        assert data["format"] == FORMAT_VERSION == 6
        validator.validate(data)
        assert from_json(json.loads(json.dumps(data, ensure_ascii=False))) == document
    assert to_json(sample_press_notice())["starts"] == "2024-04-18T11:00"
    assert to_json(sample_press_notice())["embargo"] is None


def test_a_format_5_letter_upgrades_to_format_6_unchanged() -> None:
    old = {**sample_payload(), "format": 5}  # as Dari 5 wrote the founding-case letter
    again = to_json(from_json(copy.deepcopy(old)))
    assert again == {**old, "format": 6}


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2024-04-18T11:00", True), ("2024-04-18T11:00:00", True), ("2024-04-18 11:00", False),
     ("2024-04-18", False), ("2024-04-18T25:00", False), (1713438000, False)],
)  # fmt: skip
def test_a_date_and_time_is_read_exactly_or_refused_saying_where(value: object, ok: bool) -> None:
    data = {**to_json(PressNotice()), "starts": value}
    if ok:
        assert from_json(data).starts == START
    else:
        with pytest.raises(DraftFormatError, match="like 2024-04-18T11:00 at 'starts'"):
            from_json(data)


def test_a_statement_refuses_an_unknown_demand_style() -> None:
    with pytest.raises(DraftFormatError, match="numbered, triangle at 'demand_style'"):
        from_json({**to_json(Statement()), "demand_style": "stars"})


# -------------------------------------------------------------------------- date and time


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2024. 4. 18.(목) 11:00, 외교부 청사 앞", []),
        ("일시: 2024.04.18 11:00", [("date", "2024.04.18", "2024. 4. 18.")]),
        ("2024-04-18에", [("date", "2024-04-18", "2024. 4. 18.")]),
        ("2024. 04. 18.", [("date", "2024. 04. 18.", "2024. 4. 18.")]),
        ("11:0에 시작", [("time", "11:0", "11:00")]),
        ("9:30", [("time", "9:30", "09:30")]),
        ("15:00~17:00", []),
        ("25:00", [("time", "25:00", "")]),
        ("A/HRC/41/7, para. 115.63", []),
    ],
)
def test_dates_and_times_in_text_follow_the_convention(text: str, found: list) -> None:
    assert [(p.kind, p.found, p.suggestion) for p in date_time_problems(text)] == found


def test_malformed_dates_and_times_in_any_field_are_findings() -> None:
    notice = replace(
        sample_press_notice(),
        place=BilingualText.of("외교부 청사 앞, 2024.04.18", "In front of the Ministry"),
        programme=(
            ProgrammeItem(ProgrammeKind.OTHER, topic=BilingualText.of("11:0 개회", "11:0 opening")),
        ),
    )
    findings = [f for f in check(notice) if f.code in ("date_form", "time_form")]
    assert [(f.code, f.path, f.lang) for f in findings] == [
        ("date_form", "place", "ko"),
        ("time_form", "programme[0].topic", "en"),
        ("time_form", "programme[0].topic", "ko"),
    ]
    assert describe(findings[0]) == "Korean place: write the date “2024.04.18” as “2024. 4. 18.”."
    ko = translator("ko").gettext
    assert "2024. 4. 18." in describe(findings[0], ko) and "장소" in describe(findings[0], ko)
    statement = replace(
        sample_statement(), closing=BilingualText.of("2024-04-18 발표", "Issued 2024-04-18")
    )
    assert {(f.code, f.path) for f in check(statement)} == {("date_form", "closing")}


def test_an_embargo_after_the_start_is_a_warning_and_one_at_the_start_is_not() -> None:
    notice = sample_press_notice()
    assert check(notice) == []
    at_start = replace(notice, embargo=START)
    assert check(at_start) == []
    late = replace(notice, embargo=datetime(2024, 4, 18, 12, 0))
    [finding] = check(late)
    assert finding.code == "embargo_after_start"
    assert "after the press conference begins" in describe(finding)
    assert "기자회견" in describe(finding, translator("ko").gettext)
    assert check(replace(late, starts=None)) == [
        f for f in check(replace(late, starts=None)) if f.code == "no_items"
    ]


def test_a_blank_notice_and_statement_say_what_they_lack() -> None:
    assert {f.path for f in check(PressNotice()) if f.code == "no_items"} == {
        "starts", "organisers", "programme", "contacts"
    }  # fmt: skip
    assert {f.path for f in check(Statement()) if f.code == "no_items"} == {
        "body", "date", "signatories"
    }  # fmt: skip


@pytest.mark.parametrize(("count", "others"), [(0, 0), (1, 0), (3, 2), (25, 24)])
def test_n_is_the_named_signatories_after_the_first(count: int, others: int) -> None:
    named = tuple(
        Signatory(organisation=BilingualText.of(f"단체{i}", f"Org {i}")) for i in range(count)
    )
    blank = (Signatory(),)  # a blank card is no signatory
    assert Statement(signatories=named + blank).others() == others
    assert sample_statement().others() == 2
    assert sample_statement().date == date(2024, 4, 18)
