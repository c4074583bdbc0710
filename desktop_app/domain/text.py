"""Bilingual text values and the cleaning every human-typed string goes through."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

_LINE_BREAKS = {"\x0b": "\n", "\r\n": "\n", "\r": "\n", "\u2028": "\n"}


def _allowed(code: int) -> bool:
    """XML 1.0's character set, minus the form feed which we keep as a page break."""
    return (
        code in (0x9, 0xA, 0xC)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def clean_text(value: str) -> str:
    """Make typed or pasted text safe to keep, search and export, losing nothing visible.

    NFC (conjoining jamo become syllables), Word's vertical tab and CR/LF
    become "\\n", a form feed stays (a page break), and anything XML cannot
    hold — NUL, other C0 controls, lone surrogates, U+FFFE/U+FFFF — becomes
    U+FFFD so the user sees where something was, instead of it vanishing.
    """
    if not value:
        return ""
    for old, new in _LINE_BREAKS.items():
        value = value.replace(old, new)
    # Lone surrogates cannot be normalised; replace them first.
    value = "".join(ch if _allowed(ord(ch)) else "\ufffd" for ch in value)
    return unicodedata.normalize("NFC", value)


@dataclass(frozen=True)
class BilingualText:
    """A piece of text in Korean and English, with when each side last changed.

    `stale` names a side that may be out of date: the other side was edited
    while both were in step. It clears when that side is edited or confirmed.
    """

    ko: str = ""
    en: str = ""
    ko_changed: datetime | None = None
    en_changed: datetime | None = None
    stale: Lang | None = None

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
        if self.stale == lang or not self.get(other).strip() or not self.get(lang).strip():
            stale = None if self.stale == lang else self.stale
        else:
            stale = other
        if lang == "ko":
            return replace(self, ko=text, ko_changed=when or self.ko_changed, stale=stale)
        return replace(self, en=text, en_changed=when or self.en_changed, stale=stale)

    def confirmed(self) -> BilingualText:
        """A copy with the stale mark cleared: someone checked both sides agree."""
        return replace(self, stale=None)

    def is_empty(self) -> bool:
        """True when neither side has any visible text."""
        return not self.ko.strip() and not self.en.strip()

    def stale_side(self) -> Lang | None:
        """The side that may be out of date, if it still has text."""
        if self.stale is not None and self.get(self.stale).strip():
            return self.stale
        return None

    @staticmethod
    def of(ko: str = "", en: str = "") -> BilingualText:
        """Build from two strings, cleaned, with no change times."""
        return BilingualText(clean_text(ko), clean_text(en))
