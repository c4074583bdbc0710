"""Bilingual text values and the one rule for text (`clean_text`): what enters the
domain and, applied again by the renderers, what reaches a document."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

REPLACEMENT = "\ufffd"
PAGE_BREAK = "\f"
# CR/LF, CR, Word's vertical tab (its manual line break), and Unicode's line and
# paragraph separators are all a line break inside the field ("\n"): a field's
# paragraphs are the document's structure (body items), not characters in it.
_LINE_BREAKS = ("\r\n", "\r", "\x0b", "\u2028", "\u2029")
# What becomes U+FFFD: every control but tab, newline and form feed (C0, DEL and
# C1 — U+0085 too, which is more often a mis-decoded "…" than a line end), lone
# surrogates, and U+FFFE/U+FFFF. What is left is within XML 1.0's character set
# (#x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF), plus the form feed.
_REPLACED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Make typed or pasted text safe to keep, search and export, losing nothing visible.

    The one rule for text, applied where text enters the domain (typed, pasted,
    imported) and again by every renderer as its last line of defence:

    - a surrogate pair that arrived as two code points is joined into its character;
    - "\\r\\n", "\\r", "\\x0b", U+2028 and U+2029 become "\\n" (a line break);
    - tab and newline stay; a form feed stays, meaning a page break;
    - every other control character (C0, DEL U+007F, C1 U+0080–U+009F), lone
      surrogates and U+FFFE/U+FFFF become U+FFFD, so the user sees where
      something was instead of it vanishing;
    - the result is NFC (conjoining jamo become syllables).

    The result is unchanged by a second pass.
    """
    if not value:
        return ""
    # Pairs joined, lone halves to U+FFFD (one each); nothing else changes here.
    value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    for old in _LINE_BREAKS:
        value = value.replace(old, "\n")
    value = _REPLACED.sub(REPLACEMENT, value)
    return unicodedata.normalize("NFC", value)


# Characters that draw nothing although they are not whitespace: Hangul fillers (a
# "blank" Korean IME character), the combining grapheme joiner and variation
# selectors. Format characters (category Cf: zero-width space and joiners, bidi
# controls, BOM, soft hyphen, tags) are invisible too, except the prepended
# concatenation marks (U+0600–U+0605 …), which draw a sign.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f") | frozenset(
    chr(c) for c in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))
)
_VISIBLE_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)


def _invisible(ch: str) -> bool:
    if ch.isspace() or ch in _INVISIBLE:
        return True
    return unicodedata.category(ch) == "Cf" and ch not in _VISIBLE_FORMAT


def is_blank(text: str) -> bool:
    """True when `text` shows nothing: the one emptiness test for every field.

    Blank is empty, or only whitespace (spaces, tabs, NBSP, the ideographic space
    U+3000, line and page breaks — everything `str.isspace` knows) and characters
    that draw nothing (zero-width spaces and joiners, bidi controls, BOM, soft
    hyphen, Hangul fillers, variation selectors). U+FFFD is visible, so not blank.
    A blank item gets no marker and no number, and counts as missing in the checks.
    """
    return all(_invisible(ch) for ch in text)


# Bidi controls: embeddings and overrides end with PDF, isolates with PDI.
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
PDF, PDI = "\u202c", "\u2069"
_BIDI = _EMBEDDINGS | _ISOLATES | {PDF, PDI}


def close_bidi(text: str) -> str:
    """`text` with every embedding, override and isolate it opens closed at its end.

    A field's bidi controls stay inside the field: an unpaired U+202E (RLO) would
    otherwise reverse whatever follows it on the line — the next field, a label,
    "끝.". The closers (PDF U+202C for embeddings and overrides, PDI U+2069 for
    isolates) are appended innermost first, as the Unicode Bidirectional Algorithm
    pairs them (a PDI also closes the embeddings opened inside its isolate; a PDF
    or PDI with nothing to close is left as it is, the algorithm ignores it). Text
    with nothing open comes back unchanged, so a second pass changes nothing. Line
    and paragraph ends close everything anyway; the rule is for what shares a line.
    """
    if not _BIDI.intersection(text):
        return text
    stack: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS:
            stack.append(PDF)
        elif ch in _ISOLATES:
            stack.append(PDI)
        elif ch == PDF:
            # A PDF closes the innermost embedding, never across an open isolate.
            if stack and stack[-1] == PDF:
                stack.pop()
        elif ch == PDI and PDI in stack:
            while stack.pop() != PDI:
                pass
    return text + "".join(reversed(stack))


@dataclass(frozen=True, order=True)
class DismissedTerm:
    """A glossary finding the person dismissed in one text: the term, by its Korean, and for
    English to avoid, the variant kept there (a quotation may need "Vietnam")."""

    ko: str
    variant: str = ""  # "": the approved English may be missing; else this variant may stay


@dataclass(frozen=True)
class BilingualText:
    """A piece of text in Korean and English, with when each side last changed.

    `stale` names a side that may be out of date: the other side was edited
    while both were in step. It clears when that side is edited or confirmed.
    `dismissed` holds the glossary findings the person dismissed in this text; they
    travel with it (a moved paragraph keeps them) and are not a change of its words.
    """

    ko: str = ""
    en: str = ""
    ko_changed: datetime | None = None
    en_changed: datetime | None = None
    stale: Lang | None = None
    dismissed: tuple[DismissedTerm, ...] = ()

    def get(self, lang: Lang) -> str:
        """The text in one language."""
        return self.ko if lang == "ko" else self.en

    def with_text(self, lang: Lang, text: str, when: datetime | None = None) -> BilingualText:
        """A copy with one side replaced (cleaned), stamped `when` if the text changed.

        Editing a side that was in step with a non-empty other side marks the
        other side stale; editing the stale side (or an empty other side)
        brings the two back in step.
        """
        text = clean_text(text)
        if text == self.get(lang):
            return self
        other: Lang = "en" if lang == "ko" else "ko"
        if self.stale == lang or self.is_blank(other) or self.is_blank(lang):
            stale = None if self.stale == lang else self.stale
        else:
            stale = other
        if lang == "ko":
            return replace(self, ko=text, ko_changed=when or self.ko_changed, stale=stale)
        return replace(self, en=text, en_changed=when or self.en_changed, stale=stale)

    def confirmed(self) -> BilingualText:
        """A copy with the stale mark cleared: someone checked both sides agree."""
        return replace(self, stale=None)

    def is_blank(self, lang: Lang) -> bool:
        """True when the side in `lang` shows nothing (`is_blank`: whitespace, invisibles)."""
        return is_blank(self.get(lang))

    def is_empty(self) -> bool:
        """True when neither side has any visible text."""
        return self.is_blank("ko") and self.is_blank("en")

    def stale_side(self) -> Lang | None:
        """The side that may be out of date, if it still has text."""
        if self.stale is not None and not self.is_blank(self.stale):
            return self.stale
        return None

    @staticmethod
    def of(ko: str = "", en: str = "") -> BilingualText:
        """Build from two strings, cleaned, with no change times."""
        return BilingualText(clean_text(ko), clean_text(en))
