"""Text sanitising shared by every renderer: XML-safe, NFC, breaks made explicit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from enum import Enum

REPLACEMENT = "\ufffd"

# Everything XML 1.0 refuses (#x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF
# are allowed). "\x0c" is excluded from the class: it survives as the page-break mark.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\n\t\f])")


class Piece(Enum):
    """What a stretch of sanitised text becomes in a document."""

    TEXT = "text"
    LINE_BREAK = "line"
    TAB = "tab"
    PAGE_BREAK = "page"


def xml_safe(s: str) -> str:
    """Return `s` as NFC text every renderer can emit, with its breaks made explicit.

    Lone surrogates and characters outside XML 1.0's allowed set become U+FFFD
    (visible, never silently dropped); a valid surrogate pair is joined into its
    character. "\\r\\n", "\\r" and "\\x0b" (Word's manual line break) become "\\n";
    "\\x0c" stays as the one control left, meaning "page break" ("\\f"), which the
    writers turn into a real page break. Tabs and newlines pass through.
    """
    if not s:
        return ""
    # Join surrogate pairs that arrived as two code points; lone halves -> U+FFFD.
    text = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    text = _NOT_XML.sub(REPLACEMENT, text)
    return unicodedata.normalize("NFC", text)


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


def plain(s: str) -> str:
    """Sanitised text with no control characters at all (for names and attributes)."""
    return " ".join(_BREAKS.sub(" ", xml_safe(s)).split())
