"""Two single-language layouts into one document: one after the other, or side by side.

Each language keeps its own style in both layouts: its fonts and sizes (a
paragraph of the second language carries that style's `font`), and the order
its composer gave its parts.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.compose.blocks import signatory_columns
from desktop_app.compose.layout import (
    Align,
    Block,
    Cell,
    FontSpec,
    LayoutDocument,
    PageBreak,
    Paragraph,
    Table,
)
from desktop_app.domain.text import is_blank


def _retag(paragraph: Paragraph, lang: str, font: FontSpec | None) -> Paragraph:
    return replace(paragraph, lang=lang, font=font if font is not None else paragraph.font)


def _tag(blocks: tuple[Block, ...], lang: str, font: FontSpec | None = None) -> tuple[Block, ...]:
    """Mark every paragraph (also inside tables) with its language (and its style's font)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(_retag(block, lang, font))
        elif isinstance(block, Table):
            rows = tuple(
                tuple(Cell(tuple(_retag(p, lang, font) for p in c.paragraphs)) for c in row)
                for row in block.rows
            )
            out.append(replace(block, rows=rows))
        else:
            out.append(block)
    return tuple(out)


def _own_font(doc: LayoutDocument, base: LayoutDocument) -> FontSpec | None:
    """`doc`'s font where it differs from the font of the document it goes into."""
    return doc.font if doc.font != base.font else None


def _merged_header(
    ko: LayoutDocument,
    en: LayoutDocument,
    ko_header: tuple[Paragraph, ...] | None = None,
    en_header: tuple[Paragraph, ...] | None = None,
) -> tuple[Paragraph, ...]:
    """Both languages' page headers (or the ones given), each in its own style (each fits
    its one line)."""
    ko_header = ko.header if ko_header is None else ko_header
    en_header = en.header if en_header is None else en_header
    header = _tag(ko_header, ko.language) + _tag(en_header, en.language, _own_font(en, ko))
    return tuple(
        replace(p, space_after_pt=0)
        for p in header
        if isinstance(p, Paragraph) and not is_blank(p.text)
    )


def _first_page_header(
    ko: LayoutDocument, en: LayoutDocument, *, both_on_page_one: bool
) -> tuple[Paragraph, ...] | None:
    """Page 1's header: a language whose page 1 opens with a letterhead shows no running
    header there. Side by side, page 1 holds both languages' first pages; one after the
    other, only the Korean's (the English one starts on a later page, under the running
    header)."""
    if not both_on_page_one:
        return (
            None
            if ko.first_page_header is None
            else _merged_header(ko, en, ko.first_page_header, ())
        )
    if ko.first_page_header is None and en.first_page_header is None:
        return None
    return _merged_header(ko, en, ko.first_page_header, en.first_page_header)


def combine(ko: LayoutDocument, en: LayoutDocument) -> LayoutDocument:
    """Korean, a page break, then English; page setup from the Korean side.

    The English part keeps the English style's fonts and sizes.
    """
    return LayoutDocument(
        language=ko.language,
        languages=(ko.language, en.language),
        blocks=(
            *_tag(ko.blocks, ko.language),
            PageBreak(),
            *_tag(en.blocks, en.language, _own_font(en, ko)),
        ),
        page=ko.page,
        font=ko.font,
        header=_merged_header(ko, en),
        footer=ko.footer,
        first_page_header=_first_page_header(ko, en, both_on_page_one=False),
    )


def _groups(blocks: tuple[Block, ...], side: str) -> dict[str, list[Paragraph]]:
    """Non-empty paragraphs by key, in order; those inside tables too.

    A paragraph without a key gets one of its own (it stands alone, never dropped).
    """
    groups: dict[str, list[Paragraph]] = {}
    flat: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            flat.append(block)
        elif isinstance(block, Table):
            flat.extend(p for row in block.rows for cell in row for p in cell.paragraphs)
    for n, paragraph in enumerate(flat):
        if not is_blank(paragraph.text):
            groups.setdefault(paragraph.key or f"{side}#{n}", []).append(paragraph)
    return groups


def _common_order(ko_keys: list[str], en_keys: list[str]) -> set[str]:
    """The keys of a longest sequence that both languages have in the same order."""
    n, m = len(ko_keys), len(en_keys)
    length = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if ko_keys[i] == en_keys[j]:
                length[i][j] = length[i + 1][j + 1] + 1
            else:
                length[i][j] = max(length[i + 1][j], length[i][j + 1])
    common: set[str] = set()
    i = j = 0
    while i < n and j < m:
        if ko_keys[i] == en_keys[j]:
            common.add(ko_keys[i])
            i, j = i + 1, j + 1
        elif length[i + 1][j] >= length[i][j + 1]:
            i += 1
        else:
            j += 1
    return common


def _pairing(ko_keys: list[str], en_keys: list[str]) -> list[tuple[str, str]]:
    """Rows of (Korean key, English key), each column in its own style's order.

    Keys the two styles have in the same order sit side by side; a part that one
    style puts elsewhere (the English date above the address, the Korean after
    the closing) gets a row of its own in each column where that style has it.
    """
    common = _common_order(ko_keys, en_keys)
    rows: list[tuple[str, str]] = []
    i = j = 0
    while i < len(ko_keys) or j < len(en_keys):
        while i < len(ko_keys) and ko_keys[i] not in common:
            rows.append((ko_keys[i], ""))
            i += 1
        while j < len(en_keys) and en_keys[j] not in common:
            rows.append(("", en_keys[j]))
            j += 1
        if i < len(ko_keys) and j < len(en_keys):
            rows.append((ko_keys[i], en_keys[j]))
            i, j = i + 1, j + 1
    return rows


def _in_column(paragraph: Paragraph, lang: str, font: FontSpec | None) -> Paragraph:
    """A paragraph for a half-width column: justified text makes rivers there."""
    align = Align.LEFT if paragraph.align is Align.JUSTIFY else paragraph.align
    return replace(_retag(paragraph, lang, font), align=align)


def _is_signatory(key: str) -> bool:
    return key.startswith("signatories[")


def side_by_side(ko: LayoutDocument, en: LayoutDocument) -> LayoutDocument:
    """A two-column table, Korean left and English right, element by element.

    Elements are paired by their layout key ("subject", "body[3]", …) so a
    Korean paragraph always sits beside its English counterpart, and each column
    reads in its own style's order. Many signatories go in a table of their own,
    two across in each language's half, so that they stay compact.
    """
    ko_groups, en_groups = _groups(ko.blocks, "ko"), _groups(en.blocks, "en")
    en_font = _own_font(en, ko)

    def cell(
        groups: dict[str, list[Paragraph]], key: str, lang: str, font: FontSpec | None
    ) -> Cell:
        paragraphs = tuple(_in_column(p, lang, font) for p in groups.get(key, []))
        return Cell(paragraphs or (Paragraph(runs=(), lang=lang),))

    pairs = _pairing(list(ko_groups), list(en_groups))
    signers = [pair for pair in pairs if _is_signatory(pair[0] or pair[1])]
    across = signatory_columns(len(signers), wide=False)
    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []

    def flush() -> None:
        if rows:
            key = "side-by-side" if not blocks else f"side-by-side.{len(blocks)}"
            blocks.append(Table(rows=tuple(rows), widths=(1.0, 1.0), borders=False, key=key))
            rows.clear()

    index = 0
    while index < len(pairs):
        ko_key, en_key = pairs[index]
        if across > 1 and _is_signatory(ko_key or en_key):
            run = []
            while index < len(pairs) and _is_signatory(pairs[index][0] or pairs[index][1]):
                run.append(pairs[index])
                index += 1
            flush()
            sign_rows = []
            for start in range(0, len(run), across):
                chunk = run[start : start + across]
                chunk += [("", "")] * (across - len(chunk))
                left = [cell(ko_groups, k, ko.language, None) for k, _ in chunk]
                right = [cell(en_groups, e, en.language, en_font) for _, e in chunk]
                sign_rows.append((*left, *right))
            blocks.append(
                Table(rows=tuple(sign_rows), widths=(1.0,) * (2 * across), key="signatories")
            )
            continue
        rows.append(
            (
                cell(ko_groups, ko_key, ko.language, None),
                cell(en_groups, en_key, en.language, en_font),
            )
        )
        index += 1
    flush()
    return LayoutDocument(
        language=ko.language,
        languages=(ko.language, en.language),
        blocks=tuple(blocks),
        page=ko.page,
        font=ko.font,
        header=_merged_header(ko, en),
        footer=ko.footer,
        first_page_header=_first_page_header(ko, en, both_on_page_one=True),
    )
