"""Term matching through particles and spacing, approved English, forbidden variants."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.domain import BilingualText
from desktop_app.domain.glossary import (
    FindingKind,
    Glossary,
    Scope,
    Term,
    check_terms,
    english_contains,
    translation_status,
)
from tests.helpers.samples import sample_letter

TERMS = [
    Term("탈북민", "North Korean escapees"),
    Term("가입", "accession"),
    Term("비준", "ratification"),
    Term("국군포로", "South Korean prisoners of war", alternatives=("POWs",)),
    Term("베트남전 국군포로", "South Korean prisoners of war from the Vietnam War"),
    Term("강제송환금지 원칙", "principle of non-refoulement"),
    Term("유엔난민기구", "UN Refugee Agency (UNHCR)"),
    Term("베트남", "Viet Nam", forbidden=("Vietnam",), exceptions=("Vietnam War",), scope=Scope.UN),
    Term("이산가족", "separated families"),
]
GLOSSARY = Glossary(TERMS)


def found(korean: str) -> list[str]:
    return sorted({term.ko for term, _match in GLOSSARY.korean_matches(korean)})


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("탈북민을 보호해야 합니다", "탈북민"),
        ("탈북민들은 위험에 처해 있다", "탈북민"),
        ("탈북민에게서 들은 증언", "탈북민"),
        ("탈북 민의 인권", "탈북민"),  # spacing inside the term
        ("강제송환 금지원칙을 지켜야", "강제송환금지 원칙"),  # spacing moved
        ("강제송환금지원칙은", "강제송환금지 원칙"),  # spacing dropped
        ("협약 가입과 비준", "가입"),
        ("(탈북민)", "탈북민"),
        ("유엔난민기구의 지침", "유엔난민기구"),
    ],
)
def test_korean_terms_match_through_particles_and_spacing(text: str, term: str) -> None:
    assert term in found(text)


# Near misses: words that contain a term's letters but are other words.
NEAR_MISSES = [
    "가입자 수가 늘었다",  # subscriber, not accession
    "비준서를 기탁했다",  # instrument of ratification: its own word
    "남북이산가족찾기",  # inside a longer compound
    "탈북민촌에 살았다",  # a place name built on the word
    "베트남전에 참전했다",  # the war, not the country
    "국군포로수용소",  # a camp, a longer compound
    "가입국",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_no_false_hits_on_near_misses(text: str) -> None:
    flagged = found(text)
    assert not flagged, flagged


def test_missing_approved_english_is_reported_once_per_field() -> None:
    text = BilingualText.of("탈북민을 돕고 탈북민의 송환을 막아야", "help the defectors")
    (finding,) = GLOSSARY.check(text, un_facing=False)
    assert finding.kind is FindingKind.MISSING_APPROVED
    assert finding.term.ko == "탈북민" and text.ko[finding.offset :].startswith("탈북민")


def test_approved_english_in_other_forms_is_accepted() -> None:
    assert english_contains("help North Korean escapee", "North Korean escapees")
    assert english_contains("Ratifying the Convention", "ratification")
    assert english_contains("in the fourth-cycle review", "fourth cycle")
    assert english_contains("with UNHCR's office", "UNHCR")
    checked = GLOSSARY.check(
        BilingualText.of("유엔난민기구와 국군포로", "UNHCR and the POWs"), un_facing=False
    )
    assert checked == []


def test_the_longer_term_answers_for_the_shorter_inside_it() -> None:
    text = BilingualText.of(
        "베트남전 국군포로의 생사", "South Korean prisoners of war from the Vietnam War"
    )
    assert GLOSSARY.check(text, un_facing=True) == []


def test_forbidden_variant_with_the_vietnam_war_exception() -> None:
    def forbidden(english: str, un_facing: bool = True) -> list[int]:
        findings = GLOSSARY.check(BilingualText.of("", english), un_facing=un_facing)
        return [f.offset for f in findings if f.kind is FindingKind.FORBIDDEN]

    assert forbidden("Vietnam has not ratified") == [0]
    assert forbidden("veterans of the Vietnam War") == []
    assert forbidden("the Vietnam War and Vietnam today") == [20]
    assert forbidden("Viet Nam and Vietnamese officials") == []
    assert forbidden("Vietnam has not ratified", un_facing=False) == []  # UN-facing only


def test_translation_status_counts_filled_fields_per_language() -> None:
    assert translation_status(sample_letter()) == (100, 100)
    letter = sample_letter()
    from dataclasses import replace

    half = replace(letter, subject=BilingualText.of("제목", ""), closing=BilingualText.of("", "x"))
    ko, en = translation_status(half)
    assert ko < 100 and en < 100


def test_a_variant_to_avoid_is_reported_once_and_only_where_it_is_avoided() -> None:
    text = BilingualText.of("베트남 정부는", "The Government of Vietnam")
    assert GLOSSARY.check(text, un_facing=False) == []  # a letter: "Vietnam" is fine
    (finding,) = GLOSSARY.check(text, un_facing=True)  # a UN text: one finding, not two
    assert finding.kind is FindingKind.FORBIDDEN and finding.variant == "Vietnam"


def test_repeated_checks_of_the_same_text_come_from_the_cache() -> None:
    glossary = Glossary(TERMS)
    text = BilingualText.of("탈북민을", "help")
    first = glossary.check(text, un_facing=False)
    first.clear()  # callers may change the list they get
    assert len(glossary.check(text, un_facing=False)) == 1


# -- issue 10: precise enough not to nag on ordinary letters ----------------------------


def seed_glossary() -> Glossary:
    from desktop_app.services.glossary_files import read_terms
    from desktop_app.services.library import seed_glossary_path

    return Glossary(read_terms(seed_glossary_path()))


def test_a_salutation_is_not_asked_for_the_ministry_s_name() -> None:
    from desktop_app.domain import Letter, Recipient

    minister = Recipient(
        title=BilingualText.of("외교부 장관", "Minister of Foreign Affairs"),
        organisation=BilingualText.of("외교부", "Ministry of Foreign Affairs"),
        honorific=BilingualText.of("외교부 장관님 귀하", "H.E."),
    )
    letter = Letter(
        recipients=(minister,),
        subject=BilingualText.of("외교부의 조치 요청", "Request for action by the Ministry"),
        salutation=BilingualText.of("존경하는 외교부 장관님,", "Dear Minister,"),
        body=(),
        closing=BilingualText.of("외교부의 답변을 기다립니다.", "Yours sincerely,"),
    )
    glossary = seed_glossary()
    found = [(f.path, f.finding.term.ko) for f in check_terms(letter, glossary)]
    assert found == [("subject", "외교부")]  # the subject translates; the formulas do not
    wrong = BilingualText.of("존경하는 베트남 대사님,", "Dear Ambassador of Vietnam,")
    assert glossary.check(wrong, un_facing=True, formulaic=True) != []  # variants: still checked


def test_the_shipped_samples_have_no_term_findings() -> None:
    from desktop_app.domain.serialize import from_json
    from desktop_app.paths import sample_path

    glossary = seed_glossary()
    for name in ("founding-case-letter.json", "founding-case-upr-brief.json"):
        document = from_json(json.loads(sample_path(name).read_text(encoding="utf-8")))
        assert check_terms(document, glossary) == [], name


def test_paragraphs_that_correspond_are_checked_pair_by_pair() -> None:
    glossary = seed_glossary()
    text = BilingualText.of(
        "탈북민을 보호해야 합니다.\n외교부는 답해야 합니다.",
        "The Ministry of Foreign Affairs must act.\nIt must answer.",
    )
    # 외교부 is in the second Korean paragraph; its English is only in the first English one
    found = [(f.term.ko, f.offset) for f in glossary.check(text, un_facing=False)]
    assert ("탈북민", 0) in found
    assert ("외교부", text.ko.index("외교부")) in found
    uneven = BilingualText.of(text.ko, "The Ministry of Foreign Affairs must protect escapees.")
    assert [f.term.ko for f in glossary.check(uneven, un_facing=False)] == ["탈북민"]


# -- issue 10: a finding dismissed in its text ------------------------------------------


def test_a_dismissed_finding_is_left_out_of_its_text_only() -> None:
    from dataclasses import replace

    from desktop_app.domain import Letter
    from desktop_app.domain.glossary import dismissal_of
    from desktop_app.domain.text import DismissedTerm

    text = BilingualText.of("탈북민과 이산가족", "escapees and families")
    assert [f.term.ko for f in GLOSSARY.check(text, un_facing=False)] == ["탈북민", "이산가족"]
    (escapees, _families) = GLOSSARY.check(text, un_facing=False)
    assert dismissal_of(escapees) == DismissedTerm("탈북민")
    dismissed = replace(text, dismissed=(DismissedTerm("탈북민"),))
    assert [f.term.ko for f in GLOSSARY.check(dismissed, un_facing=False)] == ["이산가족"]
    every = GLOSSARY.check(dismissed, un_facing=False, with_dismissed=True)
    assert [f.term.ko for f in every] == ["탈북민", "이산가족"]
    # The same term in another field is still reported: the dismissal belongs to its text.
    letter = Letter(subject=dismissed, closing=BilingualText.of("", ""), contact=text)
    assert [(f.path, f.finding.term.ko) for f in check_terms(letter, GLOSSARY)] == [
        ("subject", "이산가족"),
        ("contact", "탈북민"),
        ("contact", "이산가족"),
    ]


def test_a_kept_variant_is_only_that_variant() -> None:
    from dataclasses import replace

    from desktop_app.domain.text import DismissedTerm

    text = BilingualText.of("베트남 정부", "“Vietnam”, the Government of Vietnam said")
    assert len(GLOSSARY.check(text, un_facing=True)) == 2  # both places are reported
    kept = replace(text, dismissed=(DismissedTerm("베트남", "Vietnam"),))
    assert GLOSSARY.check(kept, un_facing=True) == []
    # Dismissing the missing English of 베트남 does not keep a forbidden variant.
    other = replace(text, dismissed=(DismissedTerm("베트남"),))
    assert len(GLOSSARY.check(other, un_facing=True)) == 2


def test_dismissed_count_counts_only_dismissals_still_found() -> None:
    from dataclasses import replace

    from desktop_app.domain import Letter
    from desktop_app.domain.glossary import dismissed_count
    from desktop_app.domain.text import DismissedTerm

    text = BilingualText.of("탈북민", "escapees")
    gone = DismissedTerm("이산가족")  # its term is no longer in the text: nothing is hidden
    letter = Letter(subject=replace(text, dismissed=(DismissedTerm("탈북민"), gone)))
    assert dismissed_count(letter, GLOSSARY) == 1 and check_terms(letter, GLOSSARY) == []
    assert len(check_terms(letter, GLOSSARY, with_dismissed=True)) == 1


# -- the autosave's one walk ---------------------------------------------------------------


def _three_walks(document: Any, glossary: Glossary) -> tuple[int, int, int]:
    """What the draft list's figures were before translation_summary: three walks."""
    from desktop_app.domain.checks import iter_texts

    ko, en = translation_status(document)
    stale = sum(1 for _path, text in iter_texts(document) if text.stale_side())
    return ko, en, stale + len(check_terms(document, glossary))


def _variants(document: Any) -> list[Any]:
    """The document, one with stale sides (one blank), one with a side emptied per field,
    one with a forbidden spelling, and an empty one."""
    import dataclasses

    from desktop_app.domain.checks import iter_texts

    def replace_texts(obj: Any, change: Any) -> Any:
        if isinstance(obj, BilingualText):
            return change(obj)
        if isinstance(obj, tuple):
            return tuple(replace_texts(item, change) for item in obj)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return dataclasses.replace(
                obj,
                **{
                    f.name: replace_texts(getattr(obj, f.name), change)
                    for f in dataclasses.fields(obj)
                    if f.init
                },
            )
        return obj

    count = iter(range(10_000))
    stale = replace_texts(
        document,
        lambda t: dataclasses.replace(t, stale=("ko", "en")[next(count) % 2]),
    )
    halves = replace_texts(
        document, lambda t: BilingualText(t.ko, "") if next(count) % 3 else BilingualText("", t.en)
    )
    vietnam = replace_texts(document, lambda t: BilingualText(t.ko, t.en + " Vietnam"))
    empty = replace_texts(document, lambda t: BilingualText("", ""))
    assert any(t.stale_side() for _p, t in iter_texts(stale))
    return [document, stale, halves, vietnam, empty]


def test_the_one_walk_counts_what_the_three_did() -> None:
    from desktop_app.domain.glossary import translation_summary
    from tests.helpers.samples import (
        sample_press_notice,
        sample_statement,
        sample_upr_brief,
    )

    glossary = seed_glossary()
    seen = set()
    for sample in (sample_letter(), sample_upr_brief(), sample_press_notice(), sample_statement()):
        for document in _variants(sample):
            expected = _three_walks(document, glossary)
            assert translation_summary(document, glossary) == expected
            seen.add(expected)
    assert len(seen) > 8  # the variants differ: the comparison is not of one figure
    assert any(warnings for _ko, _en, warnings in seen)
