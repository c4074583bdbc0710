"""The rule above all, for UPR briefs: no style silently drops a part of the draft.

A brief is built by walking the domain dataclasses (tests/helpers/marking.py), so a field
added later is covered without touching this test (a field without text stops the walk
until it is explained in NOT_TEXT). For every UPR style of each language — the briefing
paper and the OHCHR-style list — and every layout, the brief is exported through the real
export path and read back; each marker must be in the file or named by the export check,
never both. The briefing paper prints every part (the check names nothing); the OHCHR list
prints the questions and recommendations only, and the check names exactly the rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.compose import PRESETS
from desktop_app.compose.upr import LABELS, RESPONSES
from desktop_app.domain.dates import DateStyle
from desktop_app.domain.letter import PartyRef
from desktop_app.domain.text import Lang
from desktop_app.domain.upr import Response, UprBrief
from desktop_app.reference import shipped_states
from desktop_app.services.export import ExportRequest, export_omissions
from tests.helpers.marking import (
    Marked,
    export_separately,
    omitted,
    style_keys,
    style_pairs,
    two_language_problems,
)

TODAY = date(2024, 5, 20)
REVIEW = date(2024, 5, 7)
MANY = 3
STATES = shipped_states()
TARGETS = ("DE", "NO", "FR")
# Per item: for every target State, for one of them, for a State outside the targets.
ASSIGNED: tuple[tuple[str, ...], ...] = ((), ("NO",), ("CL",))
PRIOR_STATES = (("BR",), ("CL", "BR"), ("FR",))
NOT_TEXT = {
    "UprBrief.state": "a State code: checked by its effect, the State's name in the title",
    "UprBrief.cycle": "checked by its effect: `제5주기` / `fifth cycle`",
    "UprBrief.session": "checked by its effect: `제46차` / `46th session`",
    "UprBrief.review_date": "checked by its effect: the formatted review date",
    "UprBrief.date": "checked by its effect: the paper's formatted date",
    "UprBrief.target_states": "State codes: checked by their effect, each State's name",
    "Question.states": "State codes: checked by their effect, `(to: …)` or the State's section",
    "Recommendation.states": "as Question.states",
    "PriorRecommendation.states": "State codes: checked by their effect, `(Brazil)`",
    "PriorRecommendation.response": "checked by its effect: `— Noted —` / `— 유의 —`",
    "BodyItem.level": "a layout choice (marker and indent), checked in tests/unit/compose",
    # UN and no weekday here, so the dates read as `effects` expects; the US style and the
    # weekday are checked by the letter walker and tests/e2e/test_date_style.py.
    "UprBrief.date_style": "checked by its effect: every English date in the UN style",
    "UprBrief.korean_weekday": "checked by its effect: Korean dates without a weekday",
    "Organisation.book": "address-book ids, not printed: the organisation's copy is",
}
# What the OHCHR list may name (it prints the questions and recommendations only).
OHCHR_NAMES = (
    "review_date",
    "date",
    "organisations[",
    "issue",
    "summary",
    "background[",
    "prior_recommendations[",
    "sources[",
    "contact",
)
OHCHR_QUESTION_NAMES = (".theme", ".rationale")


class BriefMarked(Marked):
    not_text = NOT_TEXT

    def __init__(self, count: int, noted: Any = None) -> None:
        super().__init__(UprBrief, count, noted)
        self.brief: UprBrief = self.document

    def special(self, name: str, index: int) -> Any:
        values: dict[str, Any] = {
            "UprBrief.state": "VN",
            "UprBrief.cycle": 5,
            "UprBrief.session": 46,
            "UprBrief.review_date": REVIEW,
            "UprBrief.date": TODAY,
            "UprBrief.target_states": TARGETS[: self.count],
            "Question.states": ASSIGNED[index % 3],
            "Recommendation.states": ASSIGNED[index % 3],
            "PriorRecommendation.states": PRIOR_STATES[index % 3],
            "PriorRecommendation.response": (Response.NOTED, None, Response.SUPPORTED)[index % 3],
            "BodyItem.level": (0, 1, 2)[index % 3],
            "UprBrief.date_style": DateStyle.UN,
            "UprBrief.korean_weekday": False,
            "Organisation.book": PartyRef(organisation=index + 1),
        }
        if name not in values:
            raise AssertionError(f"{name}: listed in NOT_TEXT but given no value")
        return values[name]


def name(code: str, lang: Lang) -> str:
    return STATES.name(code, lang)


def effects(lang: Lang, marked: BriefMarked, ohchr: bool) -> dict[str, str]:
    """What the fields without text print, by their path (in the style of `lang`)."""
    brief = marked.brief
    ko = lang == "ko"
    when = {"ko": ("2024. 5. 7.", "2024. 5. 20."), "en": ("7 May 2024", "20 May 2024")}[lang]
    out = {
        "state": name("VN", lang),
        "cycle": "제5주기" if ko else ("Fifth cycle" if ohchr else "fifth cycle"),
        "session": "제46차" if ko else "46th session",
        "review_date": f"{LABELS['review'][lang]}: {when[0]}",
        "date": f"{LABELS['date'][lang]}: {when[1]}",
    }
    for i, code in enumerate(brief.target_states):
        out[f"target_states[{i}]"] = name(code, lang).upper() if ohchr else name(code, lang)
    for field in ("questions", "recommendations"):
        for i, item in enumerate(getattr(brief, field)):
            if item.states:
                names = ", ".join(name(c, lang) for c in item.states)
                shown = names.upper() if ohchr else f"({LABELS['to'][lang]}: {names})"
                out[f"{field}[{i}].states"] = shown
    for i, prior in enumerate(brief.prior_recommendations):
        path = f"prior_recommendations[{i}]"
        out[f"{path}.states"] = " ".join(f"({name(c, lang)})" for c in prior.states)
        if prior.response:
            symbol = marked.markers[lang][f"{path}.symbol"]
            out[f"{path}.response"] = f" — {RESPONSES[prior.response][lang]} — {symbol}"
    return out


def expected(lang: Lang, marked: BriefMarked, ohchr: bool) -> dict[str, str]:
    out = dict(marked.markers[lang])
    out.update(effects(lang, marked, ohchr))
    return out


def may_be_named(path: str, ohchr: bool) -> bool:
    """Whether the check may name `path`: in the OHCHR list the paper's other parts only."""
    if not ohchr:
        return False
    if path.startswith("questions["):
        return path.endswith(OHCHR_QUESTION_NAMES)
    if path.startswith("organisations["):
        return not path.endswith(".name")  # the names are in the page header
    return path.startswith(OHCHR_NAMES)


STYLE_PAIRS = style_pairs("upr-brief")


def test_the_walk_reaches_every_field_and_every_non_text_field_is_explained() -> None:
    marked = BriefMarked(MANY)
    assert set(NOT_TEXT) <= marked.seen
    ko = marked.markers["ko"]
    for part in ("organisations", "background", "prior_recommendations", "questions"):
        assert any(p.startswith(f"{part}[{MANY - 1}].") for p in ko), part
    assert any(p.startswith(f"sources[{MANY - 1}]") for p in ko)
    assert len(set(ko.values())) == len(ko)
    assert {"upr-brief-ko", "upr-ohchr-ko"} <= set(style_keys("upr-brief", "ko"))
    assert {"upr-brief-en", "upr-ohchr-en"} <= set(style_keys("upr-brief", "en"))


def _check_language(
    text: str, lang: Lang, marked: BriefMarked, named: set[str], ohchr: bool
) -> list[str]:
    problems = []
    for path, marker in expected(lang, marked, ohchr).items():
        printed = marker in text
        if not printed and path not in named:
            problems.append(f"{lang} {path} ({marker}) dropped silently")
        if printed and path in named:
            problems.append(f"{lang} {path} ({marker}) printed, yet the check says it is not")
        if not printed and not may_be_named(path, ohchr):
            problems.append(f"{lang} {path} ({marker}) not printed: the style must print it")
    return problems


@pytest.mark.parametrize("in_notes", [False, True], ids=["text", "in-footnotes"])
@pytest.mark.parametrize("count", [1, MANY])
@pytest.mark.parametrize(("ko_style", "en_style"), STYLE_PAIRS)
def test_every_part_of_a_brief_is_printed_or_named_in_every_style_and_layout(
    tmp_path: Path, ko_style: str, en_style: str, count: int, in_notes: bool
) -> None:
    # in-footnotes: every text's marker is the text of a footnote in that field (the
    # background, the questions and recommendations, their themes and rationales …).
    marked = BriefMarked(count, (lambda path: True) if in_notes else None)
    brief = marked.brief
    styles: dict[Lang, str] = {"ko": ko_style, "en": en_style}
    ohchr = {lang: PRESETS[key].variant == "ohchr" for lang, key in styles.items()}
    separate, by_lang = export_separately(brief, styles, tmp_path / "separate", TODAY)
    problems: list[str] = []
    for lang in ("ko", "en"):
        named = omitted(brief, separate, lang)
        found = _check_language(by_lang[lang], lang, marked, named, ohchr[lang])
        problems += [f"separate: {p}" for p in found]
    neutral = set(marked.markers["ko"].values())
    problems += two_language_problems(
        brief, styles, lambda lang: marked.markers[lang], neutral, by_lang, tmp_path, TODAY
    )
    assert "\n".join(problems) == ""


def test_the_ohchr_check_says_what_is_left_out_in_a_sentence_per_part() -> None:
    marked = BriefMarked(MANY)
    request = ExportRequest("en", styles={"en": "upr-ohchr-en"})
    found = export_omissions(marked.brief, request)
    sentences = [o.describe() for o in found]
    assert len(sentences) == len({o.path + ";".join(o.parts) for o in found})
    assert (
        "The Advance questions, OHCHR list (English) style prints the questions and "
        "recommendations only; the rationale of question 2 is not printed — use the "
        "briefing paper style to send it." in sentences
    )
    assert any("the theme of question 1 is not printed" in s for s in sentences)
    for part in ("the summary", "the contact", "the background paragraph 3", "the source 2"):
        assert any(f"{part} is not printed" in s for s in sentences), part
    assert any("the earlier recommendation 1 is not printed" in s for s in sentences)
    paper = ExportRequest("both", styles={"ko": "upr-brief-ko", "en": "upr-brief-en"})
    assert export_omissions(marked.brief, paper) == []
