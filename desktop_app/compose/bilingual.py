"""Two single-language layouts into one document: one after the other, or side by side."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.compose.layout import (
    Align,
    Block,
    Cell,
    LayoutDocument,
    PageBreak,
    Paragraph,
    Table,
)
from desktop_app.domain.text import is_blank


def _tag(blocks: tuple[Block, ...], lang: str) -> tuple[Block, ...]:
    """Mark every paragraph (also inside tables) with its language."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(replace(block, lang=lang))
        elif isinstance(block, Table):
            rows = tuple(
                tuple(Cell(tuple(replace(p, lang=lang) for p in c.paragraphs)) for c in row)
                for row in block.rows
            )
            out.append(replace(block, rows=rows))
        else:
            out.append(block)
    return tuple(out)


def _merged_header(ko: LayoutDocument, en: LayoutDocument) -> tuple[Paragraph, ...]:
    header = _tag(ko.header, ko.language) + _tag(en.header, en.language)
    return tuple(p for p in header if isinstance(p, Paragraph) and not is_blank(p.text))


def combine(ko: LayoutDocument, en: LayoutDocument) -> LayoutDocument:
    """Korean, a page break, then English; page setup and fonts from the Korean side."""
    return LayoutDocument(
        language=ko.language,
        languages=(ko.language, en.language),
        blocks=(*_tag(ko.blocks, ko.language), PageBreak(), *_tag(en.blocks, en.language)),
        page=ko.page,
        font=ko.font,
        header=_merged_header(ko, en),
        footer=ko.footer,
    )


def _groups(blocks: tuple[Block, ...]) -> dict[str, list[Paragraph]]:
    groups: dict[str, list[Paragraph]] = {}
    for block in blocks:
        if isinstance(block, Paragraph) and block.key and not is_blank(block.text):
            groups.setdefault(block.key, []).append(block)
    return groups


def _merged_keys(ko_keys: list[str], en_keys: list[str]) -> list[str]:
    """Korean order; an English-only key goes after the English key before it."""
    merged = list(ko_keys)
    previous: str | None = None
    for key in en_keys:
        if key not in merged:
            at = merged.index(previous) + 1 if previous is not None else 0
            merged.insert(at, key)
        previous = key
    return merged


def _in_column(paragraph: Paragraph, lang: str) -> Paragraph:
    """A paragraph for a half-width column: justified text makes rivers there."""
    align = Align.LEFT if paragraph.align is Align.JUSTIFY else paragraph.align
    return replace(paragraph, lang=lang, align=align)


def side_by_side(ko: LayoutDocument, en: LayoutDocument) -> LayoutDocument:
    """A two-column table, Korean left and English right, element by element.

    Elements are paired by their layout key ("subject", "body[3]", …) so a
    Korean paragraph always sits beside its English counterpart.
    """
    ko_groups, en_groups = _groups(ko.blocks), _groups(en.blocks)
    rows = []
    for key in _merged_keys(list(ko_groups), list(en_groups)):
        left = tuple(_in_column(p, ko.language) for p in ko_groups.get(key, []))
        right = tuple(_in_column(p, en.language) for p in en_groups.get(key, []))
        empty = (Paragraph(runs=()),)
        rows.append((Cell(left or empty), Cell(right or empty)))
    table = Table(rows=tuple(rows), widths=(1.0, 1.0), borders=False, key="side-by-side")
    return LayoutDocument(
        language=ko.language,
        languages=(ko.language, en.language),
        blocks=(table,),
        page=ko.page,
        font=ko.font,
        header=_merged_header(ko, en),
        footer=ko.footer,
    )
