"""The glossary (termbase) and the terminology check: Korean terms matched through particles
and spacing, their approved English found or missing, forbidden English variants flagged."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property, lru_cache
from typing import Any

from desktop_app.domain.text import BilingualText, DismissedTerm


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


_SUFFIX = re.compile(rf"(?:들)?(?:{_PARTICLE_RE})?(?![{_HANGUL}])")


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@dataclass(frozen=True)
class KoreanMatch:
    """Where a term stands in the Korean text: `start`–`end` is the term, `particle_end` with
    its particles."""

    start: int
    end: int
    particle_end: int


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each kept character its index in `text`."""
    where = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in where), where


def _match_at(text: str, where: list[int], position: int, length: int) -> KoreanMatch | None:
    start = where[position]
    if start > 0 and _is_hangul(text[start - 1]):
        return None  # inside a longer word
    end = where[position + length - 1] + 1
    suffix = _SUFFIX.match(text, end)
    if suffix is None:
        return None  # followed by a syllable that is not a particle
    return KoreanMatch(start, end, suffix.end())


def english_contains(text: str, term: str) -> bool:
    """True when `text` has `term` as words: case, plural "s", hyphens for spaces, and for a
    single long word its other forms ("ratification" → "ratify", "ratifying") all count."""
    pattern = _english_pattern(term)
    return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=8192)
def _english_pattern(term: str) -> re.Pattern[str] | None:
    words = term.replace("-", " ").split()
    if not words:
        return None
    if len(words) == 1 and len(words[0]) >= 8 and words[0].isalpha():
        return re.compile(rf"(?<!\w){re.escape(words[0][:5])}\w*", re.IGNORECASE)
    parts = [re.escape(w) for w in words]
    last = words[-1]
    if last.endswith("s") and len(last) > 3 and last[-2].isalpha():
        parts[-1] = re.escape(last[:-1]) + "(?:s|es)?"
    elif last[-1:].isalpha():
        parts[-1] += "(?:s|es)?"
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)", re.IGNORECASE)


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


def dismissal_of(finding: TermFinding) -> DismissedTerm:
    """What dismissing `finding` records in its text: the term, and a forbidden variant kept."""
    return DismissedTerm(finding.term.ko, finding.variant)


def is_dismissed(finding: TermFinding, dismissed: Iterable[DismissedTerm]) -> bool:
    """True when the person dismissed this finding in its text (the one rule: the live marks,
    the export dialog, the draft list's count and `dari check` all go through `Glossary.check`).
    """
    return dismissal_of(finding) in set(dismissed)


# Fields whose English is a formula of its own, not a translation of the Korean words:
# "존경하는 외교부 장관님," is "Dear Minister," and "외교부의 답변을 기다립니다." may close as
# "Yours sincerely,". A Korean term there asks nothing of the English (a forbidden variant
# is still flagged).
FORMULAIC_FIELDS = frozenset({"salutation", "closing", "honorific"})


def is_formulaic(path: str) -> bool:
    """True for a field (by its path, "recipients[0].honorific") whose English is a formula."""
    return path.rsplit(".", 1)[-1].split("[", 1)[0] in FORMULAIC_FIELDS


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of `text`."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _english_for(ko: str, en: str) -> Callable[[int], str]:
    """The English that answers for a Korean offset: the paragraph in the same place when
    both sides have as many paragraphs (more than one), else all of it."""
    ko_spans, en_spans = _paragraphs(ko), _paragraphs(en)
    if len(ko_spans) < 2 or len(ko_spans) != len(en_spans):
        return lambda _offset: en

    def paragraph(offset: int) -> str:
        for (_ko_start, ko_end), (en_start, en_end) in zip(ko_spans, en_spans, strict=True):
            if offset < ko_end:
                return en[en_start:en_end]
        return en

    return paragraph


class Glossary:
    """A set of terms with their compiled patterns; checks bilingual text against them."""

    CACHE_SIZE = 4096

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = tuple(t for t in terms if t.ko.strip() or t.forbidden)
        # Findings by field text: an autosave re-checks every field of the draft, but typing
        # changes one, so the others come from here.
        self._cache: dict[tuple[str, str, bool, bool], list[TermFinding]] = {}

    @cached_property
    def _index(self) -> dict[str, list[tuple[Term, str]]]:
        """Terms (with their spaceless key) by first character, so a 2,000-term glossary
        looks at only the few terms that can start at each word."""
        index: dict[str, list[tuple[Term, str]]] = {}
        for term in self.terms:
            key = "".join(term.ko.split())
            if key:
                index.setdefault(key[0], []).append((term, key))
        return index

    @cached_property
    def _forbidding(self) -> list[tuple[Term, list[tuple[str, list[str]]]]]:
        """Terms with forbidden variants, each variant with the phrases that excuse it."""
        approved = [t.en for t in self.terms if t.en]
        out = []
        for term in self.terms:
            variants = []
            for variant in term.forbidden:
                allowed = [e for e in (*term.exceptions, *approved) if variant.lower() in e.lower()]
                variants.append((variant, allowed))
            if variants:
                out.append((term, variants))
        return out

    def korean_matches(self, text: str) -> Iterator[tuple[Term, KoreanMatch]]:
        """Every glossary term found in Korean `text`, with where."""
        compact, where = _compact(text)
        for position, ch in enumerate(compact):
            for term, key in self._index.get(ch, ()):
                if compact.startswith(key, position):
                    match = _match_at(text, where, position, len(key))
                    if match is not None:
                        yield term, match

    def check(
        self,
        text: BilingualText,
        *,
        un_facing: bool,
        formulaic: bool = False,
        with_dismissed: bool = False,
    ) -> list[TermFinding]:
        """Approved English missing for Korean terms present (not in a `formulaic` field,
        see FORMULAIC_FIELDS); forbidden variants used. Findings dismissed in `text` are left
        out, unless `with_dismissed` (to show the person what they dismissed)."""
        key = (text.ko, text.en, un_facing, formulaic)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[key] = self._check(text, un_facing, formulaic)
        if with_dismissed or not text.dismissed:
            return list(cached)
        return [f for f in cached if not is_dismissed(f, text.dismissed)]

    def _check(self, text: BilingualText, un_facing: bool, formulaic: bool) -> list[TermFinding]:
        findings: list[TermFinding] = []
        if text.ko.strip() and text.en.strip() and not formulaic:
            english_at = _english_for(text.ko, text.en)
            # Longer terms first, so that "베트남전 국군포로" answers for "국군포로" inside it.
            covered: list[tuple[int, int]] = []
            reported: set[str] = set()
            matches = sorted(self.korean_matches(text.ko), key=lambda tm: -len(tm[0].ko))
            for term, match in matches:
                start, end = match.start, match.end
                if any(a <= start and end <= b for a, b in covered):
                    continue
                covered.append((start, end))
                if term.ko in reported or not term.en:
                    continue
                # A variant to avoid ("Vietnam") still translates the term: outside UN texts
                # it is fine, inside them the FORBIDDEN finding below says what to change.
                accepted = (*term.accepted_english(), *term.forbidden)
                english = english_at(start)
                if not any(english_contains(english, e) for e in accepted):
                    reported.add(term.ko)
                    findings.append(
                        TermFinding(FindingKind.MISSING_APPROVED, term, start, end - start)
                    )
        if text.en.strip():
            for term, variants in self._forbidding:
                if term.scope is Scope.UN and not un_facing:
                    continue
                for variant, allowed in variants:
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


def check_terms(
    document: Any, glossary: Glossary, *, with_dismissed: bool = False
) -> list[FieldTermFinding]:
    """Terminology findings in every bilingual field of a document (those dismissed in their
    field left out, unless `with_dismissed`)."""
    from desktop_app.domain.checks import iter_texts
    from desktop_app.domain.upr import UprBrief

    un_facing = isinstance(document, UprBrief)
    return [
        FieldTermFinding(path, finding)
        for path, text in iter_texts(document)
        for finding in glossary.check(
            text, un_facing=un_facing, formulaic=is_formulaic(path), with_dismissed=with_dismissed
        )
    ]


def dismissed_count(document: Any, glossary: Glossary) -> int:
    """How many findings the person dismissed in the document's fields that are still there."""
    return len(check_terms(document, glossary, with_dismissed=True)) - len(
        check_terms(document, glossary)
    )


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


def translation_summary(document: Any, glossary: Glossary) -> tuple[int, int, int]:
    """(Korean %, English %, open warnings) — `translation_status`, the stale sides and
    `check_terms`' findings in one walk over the document's texts (every autosave asks)."""
    from desktop_app.domain.checks import iter_texts
    from desktop_app.domain.upr import UprBrief

    un_facing = isinstance(document, UprBrief)
    filled = ko = en = warnings = 0
    for path, text in iter_texts(document):
        ko_blank, en_blank = text.is_blank("ko"), text.is_blank("en")
        if not (ko_blank and en_blank):
            filled += 1
            ko += not ko_blank
            en += not en_blank
        if text.stale is not None and not (ko_blank if text.stale == "ko" else en_blank):
            warnings += 1  # text.stale_side()
        warnings += len(glossary.check(text, un_facing=un_facing, formulaic=is_formulaic(path)))
    if not filled:
        return 0, 0, warnings
    return round(100 * ko / filled), round(100 * en / filled), warnings


def translation_status(document: Any) -> tuple[int, int]:
    """Percent of the document's non-empty bilingual fields filled in Korean and in English."""
    from desktop_app.domain.checks import iter_texts

    texts = [t for _path, t in iter_texts(document) if not t.is_empty()]
    if not texts:
        return 0, 0
    ko = sum(1 for t in texts if not t.is_blank("ko"))
    en = sum(1 for t in texts if not t.is_blank("en"))
    return round(100 * ko / len(texts)), round(100 * en / len(texts))
