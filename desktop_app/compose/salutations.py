"""The salutation a letter opens with, derived from its recipient (LETTERS.md).

`Dear Minister Cho,` / `존경하는 조태열 장관님,`: the office's rank and the person's
family name in English, the full name and the rank with 님 in Korean. Mail merge
uses it for each recipient whose own salutation (`Recipient.salutation`) is empty;
an empty result means "nothing can be derived": the letter's own salutation stays.
"""

from __future__ import annotations

import re

from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import Recipient
from desktop_app.domain.text import Lang, close_bidi, is_blank

# English ranks addressed with the family name: `Dear Minister Cho,`, `Dear Ambassador Yoon,`.
# Any other office is addressed by itself: `Dear High Commissioner,`.
RANKS_WITH_NAME = frozenset(
    {
        "Ambassador",
        "Deputy Minister",
        "Governor",
        "Mayor",
        "Minister",
        "President",
        "Prime Minister",
        "Senator",
        "Vice Minister",
    }
)
# Where an English title's rank ends: `Minister| of Foreign Affairs`, `Ambassador|, Permanent …`.
_RANK_END = re.compile(r",|;|\(| of | for | to | in | at | on ", re.IGNORECASE)
_UN_PREFIX = re.compile(r"^(?:the\s+)?(?:United Nations|UN)\s+", re.IGNORECASE)
# Forms of address the English salutation keeps (`H.E.` and `His Excellency` it does not).
_COURTESY = ("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mr", "Ms", "Mrs", "Dr")
_HANGUL = re.compile("[\uac00-\ud7a3]")


def salutation_for(recipient: Recipient, lang: Lang, preset: StylePreset | None = None) -> str:
    """The salutation for `recipient` in `lang`, or "" when nothing can be derived.

    The 공문 (`preset.official`) prints no salutation: "" there.
    """
    if preset is not None and preset.official:
        return ""
    return _korean(recipient) if lang == "ko" else _english(recipient)


def english_rank(title: str) -> str:
    """`Minister of Foreign Affairs` → `Minister`; `United Nations High Commissioner for
    Refugees` → `High Commissioner`."""
    title = _UN_PREFIX.sub("", close_bidi(title.strip()))
    return _RANK_END.split(title, maxsplit=1)[0].strip()


def family_name_en(name_en: str, name_ko: str = "") -> str:
    """The family name in a romanised or Western name: first for a Korean name
    (`Cho Tae-yul`, the order MOFA and the person write it), last otherwise."""
    words = close_bidi(name_en.strip()).split()
    if not words:
        return ""
    return words[0] if _HANGUL.search(name_ko) else words[-1]


def _english(recipient: Recipient) -> str:
    rank = english_rank(recipient.title.en) if not is_blank(recipient.title.en) else ""
    surname = family_name_en(recipient.name.en, recipient.name.ko)
    if rank and surname and rank in RANKS_WITH_NAME:
        return f"Dear {rank} {surname},"
    if rank:
        return f"Dear {rank},"
    courtesy = next((word for word in recipient.honorific.en.split() if word in _COURTESY), "")
    if courtesy and surname:
        return f"Dear {courtesy} {surname},"
    name = close_bidi(recipient.name.en.strip())
    return f"Dear {name}," if name else ""


def korean_rank(recipient: Recipient) -> str:
    """`외교부 장관` → `장관`; `주제네바 대한민국 대표부 대사` → `대사`: the title's last word."""
    words = close_bidi(recipient.title.ko.strip()).split()
    rank = words[-1] if words else ""
    return rank.removesuffix("님")


def _korean(recipient: Recipient) -> str:
    name = close_bidi(recipient.name.ko.strip())
    rank = korean_rank(recipient)
    if rank:
        return f"존경하는 {name} {rank}님," if name else f"존경하는 {rank}님,"
    return f"존경하는 {name} 님," if name else ""
