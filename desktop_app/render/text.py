"""Text as every renderer emits it: the domain's one rule, then breaks made explicit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from enum import Enum

from desktop_app.domain.text import REPLACEMENT, clean_text, close_bidi

__all__ = ["REPLACEMENT", "Piece", "close_bidi", "needs_isolation", "pieces", "plain", "xml_safe"]

# Bidi classes that can change the order of what follows: right-to-left letters,
# and the embedding, override and isolate controls.
_BIDI_CLASSES = frozenset(
    {"R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"}
)

_BREAKS = re.compile("([\n\t\f])")


class Piece(Enum):
    """What a stretch of sanitised text becomes in a document."""

    TEXT = "text"
    LINE_BREAK = "line"
    TAB = "tab"
    PAGE_BREAK = "page"


def xml_safe(s: str) -> str:
    """The renderers' last line of defence: the domain's own rule (`clean_text`), again.

    Text that entered through the domain is already clean and comes back
    unchanged; text built some other way (a layout made by hand, a field the
    domain never saw) gets exactly what it would have got on the way in, so the
    two paths cannot disagree. "\\f" is the one control left, meaning "page
    break", which the writers turn into a real page break.
    """
    return clean_text(s)


def pieces(s: str) -> Iterator[tuple[Piece, str]]:
    """Split sanitised text into plain stretches and explicit breaks, in order."""
    for part in _BREAKS.split(xml_safe(s)):
        if part == "\n":
            yield Piece.LINE_BREAK, part
        elif part == "\t":
            yield Piece.TAB, part
        elif part == "\f":
            yield Piece.PAGE_BREAK, part
        elif part:
            yield Piece.TEXT, part


def needs_isolation(s: str) -> bool:
    """True when `s` has right-to-left letters or bidi controls (so the preview isolates it)."""
    return any(unicodedata.bidirectional(ch) in _BIDI_CLASSES for ch in s)


def plain(s: str) -> str:
    """Sanitised text with no control characters at all (for names and attributes)."""
    return " ".join(_BREAKS.sub(" ", xml_safe(s)).split())
