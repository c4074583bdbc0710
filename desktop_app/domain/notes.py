"""Footnotes written inline in a text, as Pandoc's inline notes: `^[the note's text]`.

The one parser for compose, the preview, plain text, search and the checks. A note is
written where its mark goes; brackets inside a note nest when they are balanced
(`^[see [2], p. 4]`); `\\^[` is a literal "^[" (never a note, in or out of a note). A
`^[` that is never closed is no note: it is printed literally, as typed, and the check
says so. A note that shows nothing (`^[ ]`, `is_blank`) is no note either: it gets no
mark and no number, and the check says so. Notes do not nest: inside a note, `^[` is
two characters like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.text import is_blank

if TYPE_CHECKING:
    from collections.abc import Iterator

OPEN = "^["
ESCAPED = "\\^["


@dataclass(frozen=True)
class Segment:
    """A stretch of plain text, or one note (`note` True: `text` is the note's text)."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Parsed:
    """A text split into segments, with what was not a note although it looked like one."""

    segments: tuple[Segment, ...]
    unclosed: int = 0  # "^[" never closed, printed literally
    blank: int = 0  # notes that show nothing, left out

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes' texts, in order."""
        return tuple(s.text for s in self.segments if s.note)


def _close(text: str, start: int) -> int:
    """The index of the "]" closing the note whose text starts at `start`, or -1."""
    depth = 0
    i = start
    while i < len(text):
        if text.startswith(ESCAPED, i):
            i += len(ESCAPED)
            continue
        ch = text[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _unescape(text: str) -> str:
    return text.replace(ESCAPED, OPEN)


def _tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """`text` scanned once: ("escaped" | "note" | "unclosed" | "char", start, end)."""
    i = 0
    while i < len(text):
        if text.startswith(ESCAPED, i):
            yield "escaped", i, i + len(ESCAPED)
            i += len(ESCAPED)
        elif text.startswith(OPEN, i):
            end = _close(text, i + len(OPEN))
            if end < 0:
                yield "unclosed", i, i + len(OPEN)
                i += len(OPEN)
            else:
                yield "note", i, end + 1
                i = end + 1
        else:
            yield "char", i, i + 1
            i += 1


def parse(text: str) -> Parsed:
    """`text` as plain stretches and notes, in order (see the module's rule)."""
    if OPEN not in text:
        return Parsed((Segment(text),) if text else ())
    segments: list[Segment] = []
    plain: list[str] = []
    unclosed = blank = 0
    for kind, start, end in _tokens(text):
        if kind == "note":
            note = _unescape(text[start + len(OPEN) : end - 1])
            if is_blank(note):
                blank += 1
                continue
            if plain:
                segments.append(Segment("".join(plain)))
                plain = []
            segments.append(Segment(note, note=True))
        else:
            unclosed += kind == "unclosed"
            plain.append(OPEN if kind != "char" else text[start])
    if plain:
        segments.append(Segment("".join(plain)))
    return Parsed(tuple(segments), unclosed, blank)


def has_marks(text: str) -> bool:
    """True when `text` holds anything this parser changes (a note, an escape, a stray mark)."""
    return OPEN in text


def notes(text: str) -> tuple[str, ...]:
    """The notes of `text` (non-blank), in order."""
    return parse(text).notes


def without_notes(text: str) -> str:
    """The text as it reads in the line: notes taken out, escapes resolved."""
    return "".join(s.text for s in parse(text).segments if not s.note)


def literal_unclosed(text: str) -> str:
    """`text` with every never-closed `^[` escaped (`\\^[`), blank notes kept as written.

    Compose applies it to each field before joining fields into one line, so a stray
    `^[` in one field can never take the next field's text into a note.
    """
    if OPEN not in text:
        return text
    return "".join(
        ESCAPED if kind == "unclosed" else text[start:end] for kind, start, end in _tokens(text)
    )


def numbered(text: str, first: int = 1) -> tuple[str, tuple[str, ...]]:
    """`text` with each note replaced by `[n]` (from `first`), and the notes in order.

    For plain text (revisions, search): `Body[1] more.` and the notes listed after.
    """
    parsed = parse(text)
    line: list[str] = []
    found: list[str] = []
    for segment in parsed.segments:
        if segment.note:
            found.append(segment.text)
            line.append(f"[{first + len(found) - 1}]")
        else:
            line.append(segment.text)
    return "".join(line), tuple(found)


def note_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each closed note is written in `text`: (start, end) offsets, `^[` to `]` included.

    For an editor that shows the notes apart from the text around them (blank notes too:
    they are written there, even if they print nothing).
    """
    if OPEN not in text:
        return ()
    return tuple((start, end) for kind, start, end in _tokens(text) if kind == "note")


def escape_marks(text: str) -> str:
    """Every `^[` made literal (`\\^[`): how a text written before notes existed reads now."""
    return text.replace(OPEN, ESCAPED)


__all__ = [
    "ESCAPED",
    "OPEN",
    "Parsed",
    "Segment",
    "escape_marks",
    "has_marks",
    "literal_unclosed",
    "note_spans",
    "notes",
    "numbered",
    "parse",
    "without_notes",
]
