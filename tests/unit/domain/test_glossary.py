"""Term matching through particles and spacing, approved English, forbidden variants."""

from __future__ import annotations

import pytest

from desktop_app.domain import BilingualText
from desktop_app.domain.glossary import (
    FindingKind,
    Glossary,
    Scope,
    Term,
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
