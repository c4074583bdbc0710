"""Footnotes in the layout: inline `^[…]` notes in composed text become note runs.

Every field of a document may carry notes (`domain/notes.py`); composers build runs
from fields as ever, and this pass splits each run's text into its plain stretches and
one note run per note. Before composing, each field's never-closed `^[` is made
literal, so that joining fields into one line (a theme before its question, a person
after an organisation) can never take one field's text into another field's note.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import Any

from desktop_app.compose.layout import Block, Cell, Paragraph, Run, Table
from desktop_app.domain import notes
from desktop_app.domain.text import BilingualText, clean_text, close_bidi


def literal_stray_marks(document: Any) -> Any:
    """`document` with every text's never-closed `^[` escaped (as `notes.literal_unclosed`)."""
    if isinstance(document, BilingualText):
        ko, en = notes.literal_unclosed(document.ko), notes.literal_unclosed(document.en)
        if (ko, en) == (document.ko, document.en):
            return document
        return replace(document, ko=ko, en=en)
    if isinstance(document, str):
        return notes.literal_unclosed(document)
    if isinstance(document, tuple):
        return tuple(literal_stray_marks(item) for item in document)
    if dataclasses.is_dataclass(document) and not isinstance(document, type):
        changes = {}
        for f in dataclasses.fields(document):
            value = getattr(document, f.name)
            new = literal_stray_marks(value)
            if new is not value and new != value:
                changes[f.name] = new
        return replace(document, **changes) if changes else document
    return document


def note_text(text: str) -> str:
    """A note's text as it is printed: the text rule, its bidi closed, ends stripped."""
    return close_bidi(clean_text(text).strip())


def split_run(run: Run, *, inline: bool = False) -> list[Run]:
    """`run` as its plain stretches and note runs; `inline` (headers, footers, where a
    word processor has no footnotes) prints each note in parentheses instead."""
    if run.field is not None or run.note is not None or not notes.has_marks(run.text):
        return [run]
    out: list[Run] = []
    for segment in notes.parse(run.text).segments:
        if not segment.note:
            out.append(replace(run, text=segment.text))
        elif inline:
            out.append(replace(run, text=f" ({note_text(segment.text)})"))
        else:
            out.append(Run("", size_pt=run.size_pt, note=note_text(segment.text)))
    return out or [replace(run, text="")]


def paragraph_notes(paragraph: Paragraph, *, inline: bool = False) -> Paragraph:
    """A paragraph with its runs' notes split out (see `split_run`)."""
    if not any(notes.has_marks(run.text) for run in paragraph.runs):
        return paragraph
    runs = tuple(part for run in paragraph.runs for part in split_run(run, inline=inline))
    return replace(paragraph, runs=runs)


def block_notes(blocks: tuple[Block, ...] | list[Block]) -> tuple[Block, ...]:
    """Body blocks with every note split out, in tables too (cell notes are allowed)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(paragraph_notes(block))
        elif isinstance(block, Table):
            rows = tuple(
                tuple(Cell(tuple(paragraph_notes(p) for p in cell.paragraphs)) for cell in row)
                for row in block.rows
            )
            out.append(replace(block, rows=rows))
        else:
            out.append(block)
    return tuple(out)
