"""Two single-language layouts into one document: one after the other, or side by side.

Each language keeps its own style in both layouts: its fonts and sizes (a
paragraph of the second language carries that style's `font`), and the order
its composer gave its parts.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from desktop_app.compose.blocks import (
    STACKED_SIGNATORIES,
    fit_parts,
    signatory_columns,
    text_width_em,
)
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


SIGNING_BLOCK = "signatories"  # a style's signatories as one block (the 공문's 발신명의)


def _signing_block(groups: dict[str, list[Paragraph]]) -> dict[str, list[Paragraph]]:
    """`groups` with its signatories, one key each, as one block where they first stand."""
    out: dict[str, list[Paragraph]] = {}
    for key, paragraphs in groups.items():
        name = SIGNING_BLOCK if _is_signatory(key) else key
        out.setdefault(name, []).extend(paragraphs)
    return out


def _common_order(
    ko_keys: list[str], en_keys: list[str], weight: dict[str, int] | None = None
) -> set[str]:
    """The keys of a heaviest sequence that both languages have in the same order (each
    key weighs `weight[key]`, 1 by default: where the two orders cross, the larger part
    sits beside its translation)."""
    weight = weight or {}
    n, m = len(ko_keys), len(en_keys)
    length = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if ko_keys[i] == en_keys[j]:
                length[i][j] = length[i + 1][j + 1] + weight.get(ko_keys[i], 1)
            else:
                length[i][j] = max(length[i + 1][j], length[i][j + 1])
    common: set[str] = set()
    i = j = 0
    while i < n and j < m:
        if ko_keys[i] == en_keys[j] and length[i][j] == length[i + 1][j + 1] + weight.get(
            ko_keys[i], 1
        ):
            common.add(ko_keys[i])
            i, j = i + 1, j + 1
        elif length[i + 1][j] >= length[i][j + 1]:
            i += 1
        else:
            j += 1
    return common


def _pairing(
    ko_keys: list[str], en_keys: list[str], weight: dict[str, int] | None = None
) -> list[tuple[str, str]]:
    """Rows of (Korean key, English key), each column in its own style's order.

    Keys the two styles have in the same order sit side by side; a part that one
    style puts elsewhere (the English date above the address, the Korean after
    the closing) goes in its column where that style has it, sharing its row with
    the other style's own part there, if any.
    """
    common = _common_order(ko_keys, en_keys, weight)
    rows: list[tuple[str, str]] = []
    i = j = 0
    while i < len(ko_keys) or j < len(en_keys):
        # Between two parts both have, each side's own parts share rows, in each side's
        # order (the English close `Yours sincerely,` beside the 공문's `붙임 … 끝.`), so no
        # row has a part beside an empty cell that the other side could fill.
        ko_own: list[str] = []
        en_own: list[str] = []
        while i < len(ko_keys) and ko_keys[i] not in common:
            ko_own.append(ko_keys[i])
            i += 1
        while j < len(en_keys) and en_keys[j] not in common:
            en_own.append(en_keys[j])
            j += 1
        for ko_key, en_key in itertools.zip_longest(ko_own, en_own, fillvalue=""):
            if ko_key and en_key and _is_signatory(ko_key) != _is_signatory(en_key):
                rows += [(ko_key, ""), ("", en_key)]  # signatories go in their own table
            else:
                rows.append((ko_key, en_key))
        if i < len(ko_keys) and j < len(en_keys):
            rows.append((ko_keys[i], en_keys[j]))
            i, j = i + 1, j + 1
    return rows


def _in_column(
    paragraph: Paragraph, lang: str, font: FontSpec | None, width_pt: float, body_pt: float
) -> Paragraph:
    """A paragraph for a column `width_pt` wide: justified text makes rivers there, and a
    title set large (a letterhead, the 발신명의) is made no larger than fits its longest
    line, never smaller than the body text (`body_pt`); a footer line (the 공문's) breaks
    between its whole parts (`blocks.fit_parts`)."""
    align = Align.LEFT if paragraph.align is Align.JUSTIFY else paragraph.align
    paragraph = replace(_retag(paragraph, lang, font), align=align)
    if paragraph.role == "footer":  # the 공문's footer lines break between whole parts
        return replace(
            paragraph,
            runs=tuple(
                replace(
                    run, text=fit_parts(run.text, size_pt=run.size_pt or body_pt, width_pt=width_pt)
                )
                if run.field is None and run.note is None
                else run
                for run in paragraph.runs
            ),
        )
    if paragraph.role != "title":
        return paragraph
    runs = []
    for run in paragraph.runs:
        widest = max((text_width_em(line) for line in run.text.split("\n")), default=0.0)
        size = run.size_pt or body_pt
        if widest > 0 and size > body_pt:
            size = max(body_pt, min(size, math.floor(width_pt / widest * 2) / 2))
        runs.append(replace(run, size_pt=size) if run.size_pt is not None else run)
    return replace(paragraph, runs=tuple(runs))


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
    # A style that signs in one block (the 공문's 발신명의) has its block beside the other
    # style's signatories, however many.
    if SIGNING_BLOCK in ko_groups or SIGNING_BLOCK in en_groups:
        ko_groups, en_groups = _signing_block(ko_groups), _signing_block(en_groups)
    en_font = _own_font(en, ko)
    # Each column is half the text width less the cell margins (5.4 pt a side).
    half = ko.page.text_width_pt / 2 - 10.8
    body_pt = {ko.language: ko.font.size_pt, en.language: en.font.size_pt}

    def column(
        groups: dict[str, list[Paragraph]], key: str, lang: str, font: FontSpec | None, width: float
    ) -> tuple[Paragraph, ...]:
        return tuple(_in_column(p, lang, font, width, body_pt[lang]) for p in groups.get(key, []))

    # Whether each column's last paragraph so far keeps with the next one on its side: an
    # empty cell in a column's keep chain (the 공문's closing block, say) keeps too, so the
    # row it is in stays with the next row and the chain holds across the other side's rows.
    keeps = {ko.language: False, en.language: False}

    def cell(
        groups: dict[str, list[Paragraph]], key: str, lang: str, font: FontSpec | None
    ) -> Cell:
        paragraphs = column(groups, key, lang, font, half)
        if paragraphs:
            keeps[lang] = paragraphs[-1].keep_with_next
            return Cell(paragraphs)
        return Cell((Paragraph(runs=(), lang=lang, keep_with_next=keeps[lang]),))

    weight = {
        key: max(len(ko_groups.get(key, ())), len(en_groups.get(key, ())))
        for key in (*ko_groups, *en_groups)
    }
    pairs = _pairing(list(ko_groups), list(en_groups), weight)
    signers = [pair for pair in pairs if _is_signatory(pair[0] or pair[1])]
    across = signatory_columns(len(signers), wide=False)
    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []

    def flush() -> None:
        if rows:
            key = "side-by-side" if not blocks else f"side-by-side.{len(blocks)}"
            blocks.append(Table(rows=tuple(rows), widths=(1.0, 1.0), borders=False, key=key))
            rows.clear()

    def signing_table(key: str) -> Table:
        """One side's signing block beside the other side's signatories, these two across,
        row by row (the order reads right across a page break), when there are many."""
        sides: list[list[tuple[Paragraph, ...]]] = []
        for groups, lang, font in (
            (ko_groups, ko.language, None),
            (en_groups, en.language, en_font),
        ):
            paragraphs = groups.get(key, [])
            if len(paragraphs) <= STACKED_SIGNATORIES or any(p.role == "title" for p in paragraphs):
                sides.append([column(groups, key, lang, font, half)])
            else:
                narrow = [_in_column(p, lang, font, half / 2, body_pt[lang]) for p in paragraphs]
                sides.append([(p,) for p in narrow])
        widths = tuple(1.0 / (1 if len(side) == 1 else 2) for side in sides for _ in side[:2])
        height = max((len(side) + 1) // 2 if len(side) > 1 else 1 for side in sides)
        empty = (Paragraph(runs=()),)
        table_rows: list[tuple[Cell, ...]] = []
        for row in range(height):
            row_cells: list[Cell] = []
            for side in sides:
                if len(side) == 1:
                    row_cells.append(Cell(side[0] if row == 0 and side[0] else empty))
                else:
                    pair = side[2 * row : 2 * row + 2]
                    row_cells += [Cell(p) for p in pair] + [Cell(empty)] * (2 - len(pair))
            table_rows.append(tuple(row_cells))
        return Table(rows=tuple(table_rows), widths=widths, key=key)

    index = 0
    while index < len(pairs):
        ko_key, en_key = pairs[index]
        if ko_key == en_key == SIGNING_BLOCK:
            flush()
            blocks.append(signing_table(SIGNING_BLOCK))
            for groups, lang in ((ko_groups, ko.language), (en_groups, en.language)):
                if groups.get(SIGNING_BLOCK):
                    keeps[lang] = groups[SIGNING_BLOCK][-1].keep_with_next
            index += 1
            continue
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
