"""The glossary (termbase) and the terminology check: Korean terms matched through particles
and spacing, their approved English found or missing, forbidden English variants flagged."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from desktop_app.domain.text import BilingualText


class Scope(Enum):
    """Where a term's rule applies."""

    ALL = "all"  # every document
    UN = "un"  # UN-facing documents only (UPR briefs)


@dataclass(frozen=True)
class Term:
    """One glossary entry: a Korean term, its approved English, and English to avoid."""

    ko: str
    en: str
    note: str = ""
    forbidden: tuple[str, ...] = ()  # English variants not to use, e.g. "Vietnam"
    exceptions: tuple[str, ...] = ()  # phrases where a forbidden variant is right: "Vietnam War"
    scope: Scope = Scope.ALL
    alternatives: tuple[str, ...] = ()  # other acceptable English: "Refugee Convention"

    def accepted_english(self) -> tuple[str, ...]:
        """The approved English, its accepted alternatives, and a bracketed abbreviation.

        "UN Refugee Agency (UNHCR)" is also satisfied by "UNHCR" or "UN Refugee Agency".
        """
        accepted = [self.en, *self.alternatives]
        bracket = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", self.en.strip())
        if bracket:
            accepted += [bracket.group(1), bracket.group(2)]
        return tuple(a for a in accepted if a.strip())


# Particles (조사) and endings that may follow a noun inside the same 어절, longest first.
_PARTICLE_TEXT = """
    은 는 이 가 을 를 의 에 에서 에게 에게서 께 께서 한테 으로 로 으로서 로서 으로써 로써
    와 과 도 만 까지 부터 이나 나 이며 며 이고 고 이다 다 입니다 이라 라 이란 란 이라는 라는
    이라고 라고 처럼 보다 마저 조차 밖에 이든 든 이야 야 인 에는 에서는 에게는 으로는 로는
    과는 와는 과의 와의 에의 에서의 으로의 로의 께는 까지는 부터는 만은 들"""
PARTICLES = sorted(set(_PARTICLE_TEXT.split()), key=len, reverse=True)
_HANGUL = "\uac00-\ud7a3"
_PARTICLE_RE = "|".join(PARTICLES)


def korean_pattern(term: str) -> re.Pattern[str]:
    """A pattern for `term` at the start of a word, spacing free inside, particles allowed after.

    "탈북민" matches in "탈북민을", "탈북민들은", "탈북 민이"; it does not match inside
    "남탈북민" or before a non-particle syllable ("탈북민촌").
    """
    letters = [re.escape(ch) for ch in term if not ch.isspace()]
    body = r"\s*".join(letters)
    return re.compile(rf"(?<![{_HANGUL}])({body})(?:들)?(?:{_PARTICLE_RE})?(?![{_HANGUL}])")


def english_contains(text: str, term: str) -> bool:
    """True when `text` has `term` as words: case, plural "s", hyphens for spaces, and for a
    single long word its other forms ("ratification" → "ratify", "ratifying") all count."""
    words = term.replace("-", " ").split()
    if not words:
        return False
    if len(words) == 1 and len(words[0]) >= 8 and words[0].isalpha():
        pattern = rf"(?<!\w){re.escape(words[0][:5])}\w*"
        return re.search(pattern, text, re.IGNORECASE) is not None
    parts = [re.escape(w) for w in words]
    last = words[-1]
    if last.endswith("s") and len(last) > 3 and last[-2].isalpha():
        parts[-1] = re.escape(last[:-1]) + "(?:s|es)?"
    elif last[-1:].isalpha():
        parts[-1] += "(?:s|es)?"
    pattern = r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def forbidden_hits(text: str, variant: str, exceptions: Iterable[str]) -> list[int]:
    """Offsets of `variant` in `text` as a whole word, outside the `exceptions` phrases."""
    masked = text
    for phrase in sorted(exceptions, key=len, reverse=True):
        masked = re.sub(re.escape(phrase), lambda m: " " * len(m.group(0)), masked, flags=re.I)
    return [m.start() for m in re.finditer(rf"\b{re.escape(variant)}\b", masked)]


class FindingKind(Enum):
    """What the terminology check found."""

    MISSING_APPROVED = "missing_approved"  # Korean term present, its English absent
    FORBIDDEN = "forbidden"  # a forbidden English variant used


@dataclass(frozen=True)
class TermFinding:
    """One terminology finding in one field."""

    kind: FindingKind
    term: Term
    offset: int  # in the Korean text (MISSING_APPROVED) or the English (FORBIDDEN)
    length: int
    variant: str = ""  # the forbidden variant found


class Glossary:
    """A set of terms with their compiled patterns; checks bilingual text against them."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = tuple(t for t in terms if t.ko.strip() or t.forbidden)

    @cached_property
    def _korean(self) -> list[tuple[Term, re.Pattern[str]]]:
        return [(t, korean_pattern(t.ko)) for t in self.terms if t.ko.strip()]

    @cached_property
    def _index(self) -> dict[str, list[tuple[Term, re.Pattern[str]]]]:
        """Terms by their first syllable: a 2,000-term glossary tries only a few per text."""
        index: dict[str, list[tuple[Term, re.Pattern[str]]]] = {}
        for term, pattern in self._korean:
            first = next(ch for ch in term.ko if not ch.isspace())
            index.setdefault(first, []).append((term, pattern))
        return index

    def korean_matches(self, text: str) -> Iterator[tuple[Term, re.Match[str]]]:
        """Every glossary term found in Korean `text`, with where."""
        seen: set[str] = set()
        for ch in set(text):
            for term, pattern in self._index.get(ch, ()):
                if term.ko in seen:
                    continue
                seen.add(term.ko)
                for match in pattern.finditer(text):
                    yield term, match

    def check(self, text: BilingualText, *, un_facing: bool) -> list[TermFinding]:
        """Approved English missing for Korean terms present; forbidden variants used."""
        findings: list[TermFinding] = []
        if text.ko.strip() and text.en.strip():
            # Longer terms first, so that "베트남전 국군포로" answers for "국군포로" inside it.
            covered: list[tuple[int, int]] = []
            reported: set[str] = set()
            matches = sorted(self.korean_matches(text.ko), key=lambda tm: -len(tm[0].ko))
            for term, match in matches:
                start, end = match.span(1)
                if any(a <= start and end <= b for a, b in covered):
                    continue
                covered.append((start, end))
                if term.ko in reported or not term.en:
                    continue
                if not any(english_contains(text.en, e) for e in term.accepted_english()):
                    reported.add(term.ko)
                    findings.append(
                        TermFinding(FindingKind.MISSING_APPROVED, term, start, end - start)
                    )
        if text.en.strip():
            for term in self.terms:
                if term.scope is Scope.UN and not un_facing:
                    continue
                exceptions = (*term.exceptions, *(t.en for t in self.terms if t.en))
                for variant in term.forbidden:
                    allowed = [e for e in exceptions if variant.lower() in e.lower()]
                    for offset in forbidden_hits(text.en, variant, allowed):
                        findings.append(
                            TermFinding(FindingKind.FORBIDDEN, term, offset, len(variant), variant)
                        )
        return sorted(findings, key=lambda f: (f.kind.value, f.offset))


def term_to_json(term: Term) -> dict[str, Any]:
    """A term as a plain dict (storage, clause/glossary bundles)."""
    return {
        "ko": term.ko,
        "en": term.en,
        "note": term.note,
        "forbidden": list(term.forbidden),
        "exceptions": list(term.exceptions),
        "scope": term.scope.value,
        "alternatives": list(term.alternatives),
    }


def term_from_json(data: dict[str, Any]) -> Term:
    """The inverse of term_to_json (missing keys are empty)."""
    return Term(
        ko=str(data.get("ko", "")),
        en=str(data.get("en", "")),
        note=str(data.get("note", "")),
        forbidden=tuple(str(v) for v in data.get("forbidden", ())),
        exceptions=tuple(str(v) for v in data.get("exceptions", ())),
        scope=Scope(data.get("scope", "all")),
        alternatives=tuple(str(v) for v in data.get("alternatives", ())),
    )


@dataclass(frozen=True)
class FieldTermFinding:
    """A terminology finding with the path of the field it is in."""

    path: str
    finding: TermFinding


def check_terms(document: Any, glossary: Glossary) -> list[FieldTermFinding]:
    """Terminology findings in every bilingual field of a document."""
    from desktop_app.domain.checks import iter_texts
    from desktop_app.domain.upr import UprBrief

    un_facing = isinstance(document, UprBrief)
    return [
        FieldTermFinding(path, finding)
        for path, text in iter_texts(document)
        for finding in glossary.check(text, un_facing=un_facing)
    ]


def describe_term_finding(item: FieldTermFinding, translate: Any = None) -> str:
    """A sentence: what was found where, and the approved term."""
    from desktop_app.domain.checks import field_label

    _ = translate or (lambda s: s)
    field = field_label(item.path, _)
    finding = item.finding
    if finding.kind is FindingKind.FORBIDDEN:
        return str(_("{field}: “{variant}” — use “{approved}”.")).format(
            field=field, variant=finding.variant, approved=finding.term.en
        )
    return str(
        _("{field}: “{ko}” is usually “{en}” in English, which the English text lacks.")
    ).format(field=field, ko=finding.term.ko, en=finding.term.en)


def translation_status(document: Any) -> tuple[int, int]:
    """Percent of the document's non-empty bilingual fields filled in Korean and in English."""
    from desktop_app.domain.checks import iter_texts

    texts = [t for _path, t in iter_texts(document) if not t.is_empty()]
    if not texts:
        return 0, 0
    ko = sum(1 for t in texts if t.ko.strip())
    en = sum(1 for t in texts if t.en.strip())
    return round(100 * ko / len(texts)), round(100 * en / len(texts))
