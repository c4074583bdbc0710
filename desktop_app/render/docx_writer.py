"""Layout tree → .docx bytes (python-docx), with Korean fonts and scrubbed metadata."""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import docx
from docx.blkcntnr import BlockItemContainer
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.parser import OxmlElement, parse_xml
from docx.section import Section
from docx.shared import Emu, Inches, Mm, Pt, Twips

from desktop_app.compose.layout import (
    Align,
    Block,
    Cell,
    FieldKind,
    FontSpec,
    LayoutDocument,
    PageBreak,
    PageSetup,
    Paragraph,
    Run,
    SectionBreak,
    Table,
)
from desktop_app.files import atomic_write_bytes
from desktop_app.render.docx_fonts import (
    add_footnote_styles,
    apply_to_settings,
    apply_to_styles,
    insert_before,
    patch_font_table,
    set_lang,
)
from desktop_app.render.docx_scrub import (
    CT,
    PR,
    W,
    core_xml,
    etree,
    qn,
    scrub_parts,
    serialize,
    write_zip,
)
from desktop_app.render.text import Piece, close_bidi, pieces, xml_safe

_ALIGN: Final = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_FIELD_CODE: Final = {FieldKind.PAGE: " PAGE ", FieldKind.NUM_PAGES: " NUMPAGES "}
_TWIPS_PER_MM: Final = 1440 / 25.4
_BORDER_SIDES: Final = ("top", "left", "bottom", "right", "insideH", "insideV")
_AFTER_TBL_BORDERS: Final = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
                             "tblDescription", "tblPrChange")  # fmt: skip
DOCUMENT_PART: Final = "word/document.xml"
HEADER_PART: Final = "word/header1.xml"
FOOTER_PART: Final = "word/footer1.xml"
STYLES_PART: Final = "word/styles.xml"
SETTINGS_PART: Final = "word/settings.xml"
FONT_TABLE_PART: Final = "word/fontTable.xml"
CORE_PART: Final = "docProps/core.xml"
FOOTNOTES_PART: Final = "word/footnotes.xml"
CONTENT_TYPES_PART: Final = "[Content_Types].xml"
DOCUMENT_RELS_PART: Final = "word/_rels/document.xml.rels"
FOOTNOTES_TYPE: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
FOOTNOTES_REL: Final = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
)
FOOTNOTE_TEXT_STYLE: Final = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE: Final = "FootnoteReference"


def document_language(doc: LayoutDocument) -> str:
    """The language tag of the document's text (first language when bilingual)."""
    return doc.language or (doc.languages[0] if doc.languages else "ko-KR")


class _Writer:
    """Writes one LayoutDocument into fresh copies of the template's document parts."""

    def __init__(self, doc: LayoutDocument, template: Mapping[str, bytes]) -> None:
        self.doc = doc
        self.language = document_language(doc)
        self.template = template
        self.block_width: Any = Emu(0)  # set from the page before the first table
        # The footnotes met so far, in document order: (text, language tag, own font).
        self.notes: list[tuple[str, str, FontSpec | None]] = []
        self.sect_pr: Any = None  # the body's section properties, once the page is set

    def build(self) -> dict[str, bytes]:
        """Fill the body, header and footer; return those parts' bytes by name."""
        root = parse_xml(self.template[DOCUMENT_PART])
        # python-docx types the parent as a part; these parts are filled without one.
        section: Any = Section(root.body.sectPr, None)  # type: ignore[arg-type]
        _page_setup(section, self.doc.page)
        self.block_width = _block_width(section)
        self.sect_pr = root.body.sectPr
        if any(isinstance(block, SectionBreak) for block in self.doc.blocks):
            _restart_page_numbers(self.sect_pr)  # the last section too starts at page 1
        self._blocks(BlockItemContainer(root.body, None), self.doc.blocks)  # type: ignore[arg-type]
        parts = {DOCUMENT_PART: serialize(root)}
        # The first page's header is its own (empty under a letterhead); its footer is the
        # running one, so the page number stays on every page.
        stories = {
            ("header", "default"): self.doc.header,
            ("footer", "default"): self.doc.footer,
            ("header", "first"): self.doc.first_page_header or (),
            ("footer", "first"): self.doc.footer,
        }
        for story_ref, name in _story_parts(self.template).items():
            paragraphs = stories[story_ref]
            if paragraphs:
                story = parse_xml(self.template[name])
                self._paragraphs(BlockItemContainer(story, None), paragraphs)  # type: ignore[arg-type]
                parts[name] = serialize(story)
        return parts

    def _blocks(self, container: Any, blocks: tuple[Block, ...]) -> None:
        """Body blocks in order; a page break becomes "page break before" when it can."""
        pending_break = False
        last: Any = None  # the paragraph just written (None after a table or a break)
        for block in blocks:
            if isinstance(block, SectionBreak):
                self._end_section(container, last)
                pending_break, last = False, None
            elif isinstance(block, PageBreak):
                if pending_break:
                    self._break_paragraph(container)
                pending_break = True
            elif isinstance(block, Paragraph):
                paragraph = container.add_paragraph()
                self._paragraph(paragraph, block)
                if pending_break:
                    paragraph.paragraph_format.page_break_before = True
                pending_break, last = False, paragraph
            else:
                if pending_break:
                    self._break_paragraph(container)
                pending_break, last = False, None
                self._table(container, block)
        if pending_break:
            self._break_paragraph(container)

    def _end_section(self, container: Any, last: Any) -> None:
        """End the section at the paragraph just written (or, after a table, at an empty
        hairline one): a copy of the document's section properties in its `w:pPr` — the
        same page, header and footer parts and first page — whose next section starts on a
        new page at page 1 (`w:pgNumType w:start="1"` on each section)."""
        if last is None:
            last = container.add_paragraph()
            fmt = last.paragraph_format
            fmt.space_before = Pt(0)
            fmt.space_after = Pt(0)
            fmt.line_spacing = Pt(1)
            last.add_run().font.size = Pt(1)
        sect_pr = copy.deepcopy(self.sect_pr)
        _restart_page_numbers(sect_pr)
        last._p.get_or_add_pPr().append(sect_pr)  # sectPr is the last child of pPr

    def _break_paragraph(self, container: Any) -> None:
        """An empty hairline paragraph that starts a new page ("page break before").

        Not a paragraph holding a break: when the page before is full, that paragraph
        itself moves to the next page and its break leaves that page blank.
        """
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.page_break_before = True
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(1)
        paragraph.add_run().font.size = Pt(1)

    def _paragraphs(self, container: Any, paragraphs: tuple[Paragraph, ...]) -> None:
        """Replace the container's template paragraphs (header, footer, cell) by ours."""
        template = list(container.paragraphs)
        for block in paragraphs:
            self._paragraph(container.add_paragraph(), block)
        if paragraphs:
            for old in template:
                old._p.getparent().remove(old._p)

    def _paragraph(self, paragraph: Any, block: Paragraph) -> None:
        """Paragraph properties, then the marker and runs."""
        fmt = paragraph.paragraph_format
        fmt.alignment = _ALIGN[block.align]
        if block.hanging_pt > 0:
            text_at = block.indent_pt + block.hanging_pt
            fmt.left_indent = Pt(text_at)
            fmt.first_line_indent = Pt(-block.hanging_pt)
            if block.marker:
                fmt.tab_stops.add_tab_stop(Pt(text_at), WD_TAB_ALIGNMENT.LEFT)
        else:
            if block.indent_pt:
                fmt.left_indent = Pt(block.indent_pt)
            if block.first_line_pt:
                fmt.first_line_indent = Pt(block.first_line_pt)
        fmt.space_before = Pt(max(0.0, block.space_before_pt))
        fmt.space_after = Pt(max(0.0, block.space_after_pt))
        if block.keep_with_next:
            fmt.keep_with_next = True
        lang = block.lang if block.lang and block.lang != self.language else ""
        if block.marker:
            first = block.runs[0] if block.runs else Run("")
            gap = "\t" if block.hanging_pt > 0 else " "
            marker = Run(block.marker + gap, bold=first.bold, size_pt=first.size_pt)
            self._run(paragraph, marker, lang)
        own_font = block.font if block.font is not None and block.font != self.doc.font else None
        for run in block.runs:
            if run.note is not None:
                self.notes.append((run.note, lang, own_font))
                _footnote_reference(paragraph.add_run()._r, len(self.notes))
            else:
                self._run(paragraph, run, lang)
        if own_font is not None:
            _paragraph_font(paragraph, own_font)

    def _run(self, paragraph: Any, run: Run, lang: str) -> None:
        """One layout run: a text run, or the five runs of a complex field."""
        if run.field is not None:
            code = _FIELD_CODE[run.field]
            placeholder = xml_safe(run.text).replace("\f", " ") or "1"
            self._text_run(paragraph, run, lang, lambda r: _fld_char(r, "begin"))
            self._text_run(paragraph, run, lang, lambda r: _instr(r, code))
            self._text_run(paragraph, run, lang, lambda r: _fld_char(r, "separate"))
            self._text_run(paragraph, run, lang, lambda r: _content(r, placeholder))
            self._text_run(paragraph, run, lang, lambda r: _fld_char(r, "end"))
        else:
            # Each run closes its own bidi controls: none reverses the next run.
            text = close_bidi(run.text)
            self._text_run(paragraph, run, lang, lambda r: _content(r, text))

    def _text_run(self, paragraph: Any, run: Run, lang: str, fill: Callable[[Any], None]) -> None:
        """Add a w:r with `run`'s character properties and let `fill` add its content."""
        out = paragraph.add_run()
        if run.bold:
            out.bold = True
        if run.italic:
            out.italic = True
        if run.underline:
            out.underline = True
        if run.size_pt is not None and run.size_pt > 0:
            out.font.size = Pt(round(run.size_pt * 2) / 2)
        if lang:
            set_lang(out._r.get_or_add_rPr(), lang)
        fill(out._r)

    def _table(self, container: Any, table: Table) -> None:
        """A real table: fixed layout, relative widths over the text width, optional borders."""
        n_cols = max((len(row) for row in table.rows), default=0)
        if not table.rows or n_cols == 0:
            return
        widths = _column_twips(table.widths, n_cols, _text_width_twips(self.doc.page))
        out = container.add_table(len(table.rows), n_cols, self.block_width)
        out.alignment = WD_TABLE_ALIGNMENT.LEFT
        out.autofit = False
        tbl_pr = out._tbl.tblPr
        tbl_w = tbl_pr.find(qn("tblW"))
        tbl_w.set(qn("type"), "dxa")
        tbl_w.set(qn("w"), str(sum(widths)))
        for grid_col, width in zip(out._tbl.tblGrid.findall(qn("gridCol")), widths, strict=True):
            grid_col.set(qn("w"), str(width))
        if table.borders:
            insert_before(tbl_pr, _borders(), _AFTER_TBL_BORDERS)
        kept_before = False
        for row, out_row in zip(table.rows, out.rows, strict=True):
            kept = _row_keeps_with_next(row)
            for index, out_cell in enumerate(out_row.cells):
                out_cell.width = Twips(widths[index])
                if index < len(row):
                    self._paragraphs(out_cell, row[index].paragraphs)
                if kept:
                    for paragraph in out_cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            # A row kept with the next one, and the row it is kept with, never split.
            if kept or kept_before:
                _cant_split(out_row._tr)
            kept_before = kept


def _row_keeps_with_next(row: tuple[Cell, ...]) -> bool:
    """A table row stays on the page of the next row when any of its paragraphs keeps with
    the next: Word keeps rows together when every paragraph of the row has `w:keepNext`."""
    return any(p.keep_with_next for cell in row for p in cell.paragraphs)


# CT_TrPr children in schema order (w:cantSplit among them).
_TR_PR_ORDER: Final = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
                       "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden",
                       "ins", "del", "trPrChange")  # fmt: skip


def _cant_split(tr: Any) -> None:
    """`w:cantSplit` on a row: the row is never broken across pages."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("cantSplit")) is None:
        after = _TR_PR_ORDER[_TR_PR_ORDER.index("cantSplit") + 1 :]
        insert_before(tr_pr, OxmlElement("w:cantSplit"), after)


def _footnote_reference(r: Any, number: int) -> None:
    """Make a w:r the mark of footnote `number` (the FootnoteReference style: superscript)."""
    r_pr = r.get_or_add_rPr()
    style = OxmlElement("w:rStyle")
    style.set(qn("val"), FOOTNOTE_REFERENCE_STYLE)
    r_pr.insert(0, style)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("id"), str(number))
    r.append(reference)


def _footnotes_xml(notes: list[tuple[str, str, FontSpec | None]], language: str) -> bytes:
    """The footnotes part: Word's separator and continuation separator, then one
    `w:footnote` per note (FootnoteText paragraph, its number in FootnoteReference)."""
    root = etree.Element(qn("footnotes"), nsmap={"w": W})
    for number, kind, mark in ((-1, "separator", "separator"),
                               (0, "continuationSeparator", "continuationSeparator")):  # fmt: skip
        footnote = etree.SubElement(root, qn("footnote"))
        footnote.set(qn("type"), kind)
        footnote.set(qn("id"), str(number))
        p = etree.SubElement(footnote, qn("p"))
        spacing = etree.SubElement(etree.SubElement(p, qn("pPr")), qn("spacing"))
        spacing.set(qn("after"), "0")
        spacing.set(qn("line"), "240")
        spacing.set(qn("lineRule"), "auto")
        etree.SubElement(etree.SubElement(p, qn("r")), qn(mark))
    for number, (text, lang, font) in enumerate(notes, start=1):
        footnote = etree.SubElement(root, qn("footnote"))
        footnote.set(qn("id"), str(number))
        p = etree.SubElement(footnote, qn("p"))
        etree.SubElement(etree.SubElement(p, qn("pPr")), qn("pStyle")).set(
            qn("val"), FOOTNOTE_TEXT_STYLE
        )
        runs = []
        ref = etree.SubElement(p, qn("r"))
        etree.SubElement(etree.SubElement(ref, qn("rPr")), qn("rStyle")).set(
            qn("val"), FOOTNOTE_REFERENCE_STYLE
        )
        etree.SubElement(ref, qn("footnoteRef"))
        runs.append(ref)
        # Word's own notes: the number, a space, the text.
        body = etree.SubElement(p, qn("r"))
        _content(body, " " + close_bidi(text))
        runs.append(body)
        for r in runs:
            r_pr = r.find(qn("rPr"))
            if r_pr is None:
                r_pr = etree.Element(qn("rPr"))
                r.insert(0, r_pr)
            if font is not None:
                fonts = etree.Element(qn("rFonts"))
                fonts.set(qn("ascii"), font.latin)
                fonts.set(qn("hAnsi"), font.latin)
                insert_before(r_pr, fonts, _AFTER_RFONTS)
            if lang and lang != language:
                set_lang(r_pr, lang)
            if len(r_pr) == 0:
                r.remove(r_pr)
    return serialize(root)


# CT_RPr children after w:rStyle and before which w:rFonts goes.
_AFTER_RFONTS: Final = ("b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
                        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
                        "vanish", "webHidden", "color", "spacing", "w", "kern", "position",
                        "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
                        "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
                        "specVanish", "oMath")  # fmt: skip


def _with_footnotes_part(parts: dict[str, bytes]) -> None:
    """Register the footnotes part: its content type and the document's relationship."""
    types = etree.fromstring(parts[CONTENT_TYPES_PART])
    override = etree.SubElement(types, f"{{{CT}}}Override")
    override.set("PartName", "/" + FOOTNOTES_PART)
    override.set("ContentType", FOOTNOTES_TYPE)
    parts[CONTENT_TYPES_PART] = serialize(types)
    rels = etree.fromstring(parts[DOCUMENT_RELS_PART])
    taken = {rel.get("Id") for rel in rels}
    number = 1
    while f"rId{number}" in taken:
        number += 1
    rel = etree.SubElement(rels, f"{{{PR}}}Relationship")
    rel.set("Id", f"rId{number}")
    rel.set("Type", FOOTNOTES_REL)
    rel.set("Target", "footnotes.xml")
    parts[DOCUMENT_RELS_PART] = serialize(rels)


def _paragraph_font(paragraph: Any, font: FontSpec) -> None:
    """The paragraph's own Latin font on each of its runs, and its size where none is set.

    The East Asian font stays the document's (set on the defaults and styles).
    """
    for run in paragraph.runs:
        run.font.name = font.latin
        if run.font.size is None and font.size_pt > 0:
            run.font.size = Pt(round(font.size_pt * 2) / 2)


# CT_SectPr children that follow w:pgNumType.
_AFTER_PG_NUM_TYPE: Final = ("cols", "formProt", "vAlign", "noEndnote", "titlePg",
                             "textDirection", "bidi", "rtlGutter", "docGrid",
                             "printerSettings", "sectPrChange")  # fmt: skip


def _restart_page_numbers(sect_pr: Any) -> None:
    """The section's pages are numbered from 1 (`<w:pgNumType w:start="1"/>`)."""
    for old in sect_pr.findall(qn("pgNumType")):
        sect_pr.remove(old)
    element = etree.Element(qn("pgNumType"))
    element.set(qn("start"), "1")
    insert_before(sect_pr, element, _AFTER_PG_NUM_TYPE)


def _page_setup(section: Any, page: PageSetup) -> None:
    """Paper size and margins; header/footer distance inside the margins."""
    section.page_width = Mm(page.width_mm)
    section.page_height = Mm(page.height_mm)
    section.top_margin = Mm(page.top_mm)
    section.bottom_margin = Mm(page.bottom_mm)
    section.left_margin = Mm(page.left_mm)
    section.right_margin = Mm(page.right_mm)
    section.header_distance = Mm(min(12.5, page.top_mm / 2))
    section.footer_distance = Mm(min(12.5, page.bottom_mm / 2))
    section.gutter = Mm(0)


def _block_width(section: Any) -> Any:
    """The width python-docx gives a new table: page width between the margins."""
    page_width = section.page_width or Inches(8.5)
    left_margin = section.left_margin or Inches(1)
    right_margin = section.right_margin or Inches(1)
    return Emu(page_width - left_margin - right_margin)


def _text_width_twips(page: PageSetup) -> int:
    """Width between the side margins, in twentieths of a point."""
    return max(1, round((page.width_mm - page.left_mm - page.right_mm) * _TWIPS_PER_MM))


def _column_twips(weights: tuple[float, ...], n_cols: int, total: int) -> list[int]:
    """Relative weights → integer widths that add up exactly to `total`."""
    clean = [max(0.0, w) for w in weights[:n_cols]] + [0.0] * (n_cols - len(weights))
    if sum(clean) <= 0 or any(w <= 0 for w in clean):
        positive = [w for w in clean if w > 0]
        fill = sum(positive) / len(positive) if positive else 1.0
        clean = [w if w > 0 else fill for w in clean]
    scale = total / sum(clean)
    widths = [max(1, round(w * scale)) for w in clean]
    widths[-1] = max(1, total - sum(widths[:-1]))
    return widths


def _borders() -> Any:
    """Single thin borders on every edge and between cells."""
    borders = OxmlElement("w:tblBorders")
    for side in _BORDER_SIDES:
        edge = OxmlElement(f"w:{side}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            edge.set(qn(name), value)
        borders.append(edge)
    return borders


def _content(r: Any, text: str) -> None:
    """Append text, tabs, line breaks and page breaks to a w:r."""
    for kind, chunk in pieces(text):
        if kind is Piece.TEXT:
            t = OxmlElement("w:t")
            t.text = chunk
            if chunk != chunk.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
        elif kind is Piece.TAB:
            r.append(OxmlElement("w:tab"))
        elif kind is Piece.LINE_BREAK:
            r.append(OxmlElement("w:br"))
        else:
            brk = OxmlElement("w:br")
            brk.set(qn("type"), "page")
            r.append(brk)


def _fld_char(r: Any, kind: str) -> None:
    """Append a w:fldChar of the given type."""
    fld = OxmlElement("w:fldChar")
    fld.set(qn("fldCharType"), kind)
    r.append(fld)


def _instr(r: Any, code: str) -> None:
    """Append the field instruction text."""
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = code
    r.append(instr)


@functools.cache
def _template(header: bool, footer: bool, first_page: bool = False) -> Mapping[str, bytes]:
    """python-docx's default document, scrubbed once per process (read-only parts by name).

    With `header`/`footer` it has python-docx's own header/footer part (one empty
    paragraph) and the relationship, content type and section reference for it, so
    the package structure is python-docx's; an export only refills the parts. With
    `first_page` the section has a different first page (`w:titlePg`) and its own
    first-page header and footer parts.
    """
    document: Any = docx.Document()
    section = document.sections[0]
    if header:
        section.header.is_linked_to_previous = False
    if footer:
        section.footer.is_linked_to_previous = False
    if first_page:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        if footer:
            section.first_page_footer.is_linked_to_previous = False
    buffer = io.BytesIO()
    document.save(buffer)
    parts = scrub_parts(buffer.getvalue())
    for name, wanted in ((HEADER_PART, header or first_page), (FOOTER_PART, footer)):
        if (name in parts) != wanted:
            raise RuntimeError(f"python-docx's template: {name} expected={wanted}")
    return MappingProxyType(parts)


_R_ID: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _story_parts(template: Mapping[str, bytes]) -> dict[tuple[str, str], str]:
    """The template's header and footer parts by (kind, type): ("header", "first") → name."""
    rels = etree.fromstring(template["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): "word/" + (rel.get("Target") or "") for rel in rels}
    body = etree.fromstring(template[DOCUMENT_PART]).find(qn("body"))
    sect_pr = body.find(qn("sectPr")) if body is not None else None
    out: dict[tuple[str, str], str] = {}
    for kind in ("header", "footer"):
        for ref in sect_pr.findall(qn(f"{kind}Reference")) if sect_pr is not None else ():
            out[(kind, ref.get(qn("type")) or "default")] = targets[ref.get(_R_ID)]
    return out


# Styles, settings and font table depend only on the template part and the document's
# font and language: each variant is made once (a few presets × three languages).
@functools.lru_cache(maxsize=16)
def _styles_xml(
    template_part: bytes, font: FontSpec, language: str, footnotes: bool = False
) -> bytes:
    """The template's styles with explicit Korean fonts, the size and the language (and,
    with `footnotes`, the footnote text and reference styles)."""
    root = etree.fromstring(template_part)
    if footnotes:
        add_footnote_styles(root, font)
    apply_to_styles(root, font, language)
    return serialize(root)


@functools.lru_cache(maxsize=16)
def _settings_xml(template_part: bytes, language: str, footnotes: bool = False) -> bytes:
    """The template's settings with the theme font language set (and, with `footnotes`,
    the separator footnotes named as Word names them)."""
    root = etree.fromstring(template_part)
    apply_to_settings(root, language)
    if footnotes:
        footnote_pr = etree.Element(qn("footnotePr"))
        for number in ("-1", "0"):
            etree.SubElement(footnote_pr, qn("footnote")).set(qn("id"), number)
        insert_before(root, footnote_pr, _AFTER_FOOTNOTE_PR)
    return serialize(root)


# CT_Settings children that follow w:footnotePr.
_AFTER_FOOTNOTE_PR: Final = ("endnotePr", "compat", "docVars", "rsids", "mathPr",
                             "attachedSchema", "themeFontLang", "clrSchemeMapping",
                             "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                             "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                             "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                             "decimalSymbol", "listSeparator")  # fmt: skip


@functools.lru_cache(maxsize=16)
def _font_table_xml(template_part: bytes, font: FontSpec) -> bytes:
    """The template's font table with the East Asian (and Latin) font registered."""
    return patch_font_table(template_part, font)


def render_docx(doc: LayoutDocument, *, created: datetime | None = None) -> bytes:
    """Render the layout tree as .docx bytes: A4, Korean fonts, no metadata, deterministic.

    The package is the process's scrubbed template (never modified) with the body,
    header and footer written fresh and styles, settings and font table fitted to the
    document's font and language, zipped once with fixed dates.
    """
    language = document_language(doc)
    first_page = bool(doc.header) and doc.first_page_header is not None
    template = _template(bool(doc.header), bool(doc.footer), first_page)
    parts = dict(template)
    writer = _Writer(doc, template)
    parts.update(writer.build())
    footnotes = bool(writer.notes)
    if footnotes:
        parts[FOOTNOTES_PART] = _footnotes_xml(writer.notes, language)
        _with_footnotes_part(parts)
    parts[STYLES_PART] = _styles_xml(template[STYLES_PART], doc.font, language, footnotes)
    parts[SETTINGS_PART] = _settings_xml(template[SETTINGS_PART], language, footnotes)
    parts[FONT_TABLE_PART] = _font_table_xml(template[FONT_TABLE_PART], doc.font)
    parts[CORE_PART] = core_xml(created)
    return write_zip(parts)


def write_docx(doc: LayoutDocument, path: Path, *, created: datetime | None = None) -> None:
    """Render and write atomically; nothing partial stays.

    Only the environment's faults while writing (permission, disk full, missing
    folder, file in use, name too long) become an ExportError naming the file and
    why. Anything else raised while rendering is a bug in Dari and propagates as
    itself, so that it is logged with its traceback and reported as one.
    """
    atomic_write_bytes(path, render_docx(doc, created=created))
