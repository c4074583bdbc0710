"""UPR hints: action categories, the advance-question window, UN naming, word counts."""

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain import BilingualText, Finding, check, describe
from desktop_app.domain.checks import describe_category, describe_window
from desktop_app.domain.upr import Recommendation, UprBrief
from desktop_app.domain.upr_checks import (
    CATEGORY_VERBS,
    WindowState,
    action_category,
    question_window,
    vietnam_spellings,
    word_count,
)
from tests.helpers.samples import sample_upr_brief

# Each verb of each list in UPR.md gets its category.
UPR_MD_VERBS = {
    1: ["call on", "seek", "share"],
    2: ["continue", "maintain", "pursue"],
    3: ["consider", "envisage", "explore", "review", "study"],
    4: ["ensure", "guarantee", "promote", "strengthen", "take measures"],
    5: ["adopt", "amend", "establish", "investigate", "ratify", "accede", "abolish", "implement"],
}


@pytest.mark.parametrize(
    ("category", "verb"), [(c, v) for c, verbs in UPR_MD_VERBS.items() for v in verbs]
)
def test_every_listed_verb_gets_its_category(category: int, verb: str) -> None:
    text = f"{verb.capitalize()} the relevant measures"
    assert action_category(text).category == category


def test_every_verb_in_the_tables_is_classified_as_its_own_category() -> None:
    for category, verbs in CATEGORY_VERBS.items():
        for verb in verbs:
            found = action_category(f"{verb} something").category
            assert (found is not None and found >= category) or verb == "establish"


def test_consider_ratifying_is_considering_not_specific() -> None:
    assert action_category("Ratify the 1951 Convention").category == 5
    assert action_category("Consider ratifying the 1951 Convention").category == 3
    assert action_category("  ratifies the Convention").category == 5


def test_a_recommendation_without_a_verb_is_a_hint_not_an_error() -> None:
    assert action_category("The Government should ratify").category is None
    brief = replace(
        sample_upr_brief(),
        recommendations=(Recommendation(BilingualText.of("비준", "The Government should act")),),
    )
    findings = check(brief)
    assert Finding("not_a_verb", "recommendations[0].text", "en", "The") in findings
    assert "should start with an action verb" in describe(findings[-1])
    assert (
        describe_category(action_category("Ratify it")) == "Category 5 specific action (“Ratify”)"
    )


@pytest.mark.parametrize(
    ("today", "state", "days"),
    [
        (date(2024, 4, 26), WindowState.NOT_OPEN, 1),  # 11 days before
        (date(2024, 4, 27), WindowState.OPEN, 9),  # exactly 10 days before: opens
        (date(2024, 5, 6), WindowState.OPEN, 0),  # 24 hours before: last day
        (date(2024, 5, 7), WindowState.CLOSED, 1),  # the review day itself: too late
    ],
)
def test_advance_question_window_edges(today: date, state: WindowState, days: int) -> None:
    window = question_window(date(2024, 5, 7), today)
    assert (window.opens, window.closes) == (date(2024, 4, 27), date(2024, 5, 6))
    assert (window.state, window.days) == (state, days)


def test_window_sentences() -> None:
    iso = date.isoformat
    opened = question_window(date(2024, 5, 7), date(2024, 5, 1))
    assert (
        describe_window(opened, iso)
        == "Advance questions can be sent until 2024-05-06: 5 days left."
    )
    last = question_window(date(2024, 5, 7), date(2024, 5, 6))
    assert "today is the last day" in describe_window(last, iso)
    closed = question_window(date(2024, 5, 7), date(2026, 11, 28))
    assert describe_window(closed, iso).startswith(
        "The advance-question window closed on 2024-05-06"
    )


def test_vietnam_is_flagged_except_in_vietnam_war() -> None:
    assert vietnam_spellings("the Vietnam War and the Vietnam War") == []
    assert vietnam_spellings("Viet Nam and Vietnamese officials") == []
    assert vietnam_spellings("Vietnam should; in Vietnam. Vietnam War") == [0, 19]
    brief = replace(
        sample_upr_brief(), summary=BilingualText.of("요약", "Vietnam has not ratified")
    )
    assert Finding("vietnam", "summary", "en") in check(brief)
    assert check(sample_upr_brief()) == []  # the sample says "Vietnam War" only


def test_word_counts_per_language() -> None:
    assert word_count("탈북민을 보호하기 위해 어떤 조치를") == 5
    assert word_count("What measures does Viet Nam take?") == 6
    assert word_count("") == 0


def test_an_empty_brief_lists_what_is_missing() -> None:
    messages = [describe(f) for f in check(UprBrief())]
    assert "There is no State under review." in messages
    assert "There is no review date." in messages
    assert "Korean issue is empty." in messages
