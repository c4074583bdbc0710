"""Layout tree → self-contained HTML for the live preview (Qt rich-text subset).

Only what QTextBrowser understands: simple CSS (margins, text-indent, font
size), tables for the page and for hanging markers, no script, no external
resource. Every piece of text is sanitised (text.xml_safe) and html-escaped.
"""

from __future__ import annotations

import html
import re
from typing import Final

from desktop_app.compose.layout import (
    Align,
    Block,
    FontSpec,
    LayoutDocument,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from desktop_app.render.text import Piece, close_bidi, needs_isolation, pieces, plain

_PX_PER_PT: Final = 96 / 72
_PX_PER_MM: Final = 96 / 25.4
_ALIGN: Final = {
    Align.LEFT: "left",
    Align.CENTER: "center",
    Align.RIGHT: "right",
    Align.JUSTIFY: "justify",
}
_CSS_NAME: Final = re.compile(r"[^\w \-]")
_SPACES: Final = re.compile(" {2,}")
_FALLBACK_FONTS: Final = ("Nanum Gothic", "NanumGothic", "Noto Sans CJK KR", "sans-serif")


def _px(points: float) -> int:
    """Points → whole CSS pixels (96 dpi), which every Qt version accepts."""
    return round(points * _PX_PER_PT)


def _attr(value: str) -> str:
    """An escaped attribute value, quotes included."""
    return f'"{html.escape(plain(value), quote=True)}"'


def _text(text: str) -> str:
    """Escaped text: "\\n" and "\\f" → <br/>, "\\t" → an em space, space runs kept."""
    out: list[str] = []
    for kind, chunk in pieces(text):
        if kind is Piece.TEXT:
            # Keep runs of spaces ("붙임  서한", "1부.  끝." are two spaces by rule).
            escaped = html.escape(chunk, quote=False)
            out.append(_SPACES.sub(lambda m: "&#160;" * (len(m.group()) - 1) + " ", escaped))
        elif kind is Piece.TAB:
            out.append("&#8195;")
        else:
            out.append("<br/>")
    return "".join(out)


def _run(run: Run) -> str:
    """One run (a field shows its placeholder text) with its character formatting.

    A run with right-to-left text or bidi controls is isolated: `<bdi>` for browsers,
    and its controls closed within the run for Qt's preview, which ignores `<bdi>`.
    """
    body = _text(close_bidi(run.text))
    if needs_isolation(run.text):
        body = f"<bdi>{body}</bdi>"
    if run.bold:
        body = f"<b>{body}</b>"
    if run.italic:
        body = f"<i>{body}</i>"
    if run.underline:
        body = f"<u>{body}</u>"
    if run.size_pt is not None and run.size_pt > 0:
        body = f'<span style="font-size:{run.size_pt:g}pt">{body}</span>'
    return body


def _lang(block: Paragraph, language: str) -> str:
    """A lang attribute when the paragraph's language differs from the document's."""
    return f" lang={_attr(block.lang)}" if block.lang and block.lang != language else ""


def _own_font_style(block: Paragraph) -> str:
    """CSS for a paragraph's own fonts and size ('' when it has the document's)."""
    if block.font is None:
        return ""
    return f"font-family:{_font_css(block.font)}; font-size:{block.font.size_pt:g}pt"


def _note_mark(number: int) -> str:
    """A footnote's mark: its number in superscript, linked to the note at the end."""
    return f'<a name="ref{number}" href="#note{number}"><sup>{number}</sup></a>'


def _runs(block: Paragraph, notes: list[tuple[str, str]] | None) -> str:
    """The paragraph's runs; a note run is its numbered mark, the note kept in `notes`."""
    out: list[str] = []
    for run in block.runs:
        if run.note is None:
            out.append(_run(run))
        elif notes is None:  # nowhere to list it (never for a composed document's body)
            out.append(_run(Run(f" ({run.note})", size_pt=run.size_pt)))
        else:
            notes.append((run.note, block.lang))
            out.append(_note_mark(len(notes)))
    return "".join(out)


def _notes_list(notes: list[tuple[str, str]], language: str) -> str:
    """The numbered notes at the end, each linked back to its mark."""
    if not notes:
        return ""
    items = []
    for number, (text, lang) in enumerate(notes, start=1):
        lang_attr = f" lang={_attr(lang)}" if lang and lang != language else ""
        items.append(
            f'<p{lang_attr} style="margin-bottom:{_px(2)}px">'
            f'<a name="note{number}" href="#ref{number}">{number}</a>&#160;'
            f"{_run(Run(text))}</p>\n"
        )
    return (
        '<hr width="30%" align="left"/>\n'
        f'<div class="notes" style="font-size:smaller">{"".join(items)}</div>\n'
    )


def _paragraph(block: Paragraph, language: str, notes: list[tuple[str, str]] | None = None) -> str:
    """A paragraph; a hanging marker becomes a borderless table (indent | marker | text)."""
    spacing = (
        f"margin-top:{_px(block.space_before_pt)}px; margin-bottom:{_px(block.space_after_pt)}px"
    )
    runs = _runs(block, notes) or "&#160;"
    align = _ALIGN[block.align]
    lang = _lang(block, language)
    own_font = _own_font_style(block)  # the English half of a two-language document
    if own_font:
        runs = f'<span style="{own_font}">{runs}</span>'
    if block.marker and block.hanging_pt > 0:
        first = block.runs[0] if block.runs else Run("")
        marker = _run(Run(block.marker, bold=first.bold, size_pt=first.size_pt))
        if own_font:
            marker = f'<span style="{own_font}">{marker}</span>'
        spacer = f'<td width="{_px(block.indent_pt)}"></td>' if _px(block.indent_pt) > 0 else ""
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" border="0" style="{spacing}">'
            f"<tr>{spacer}"
            f'<td width="{_px(block.hanging_pt)}" valign="top"><p{lang}>{marker}</p></td>'
            f'<td valign="top"><p{lang} align="{align}">{runs}</p></td>'
            "</tr></table>\n"
        )
    style = [spacing]
    if block.hanging_pt > 0:
        style.append(f"margin-left:{_px(block.indent_pt + block.hanging_pt)}px")
        style.append(f"text-indent:-{_px(block.hanging_pt)}px")
    else:
        if block.indent_pt:
            style.append(f"margin-left:{_px(block.indent_pt)}px")
        if block.first_line_pt:
            style.append(f"text-indent:{_px(block.first_line_pt)}px")
    if block.marker:
        runs = f"{_run(Run(block.marker + ' '))}{runs}"
    return f'<p{lang} align="{align}" style="{"; ".join(style)}">{runs}</p>\n'


def _table(table: Table, language: str, notes: list[tuple[str, str]] | None = None) -> str:
    """A table with relative column widths in percent, bordered only if asked."""
    n_cols = max((len(row) for row in table.rows), default=0)
    if n_cols == 0:
        return ""
    weights = [max(0.0, w) for w in table.widths[:n_cols]]
    weights += [0.0] * (n_cols - len(weights))
    if any(w <= 0 for w in weights):
        weights = [1.0] * n_cols
    total = sum(weights)
    border = "1" if table.borders else "0"
    style = "border-collapse:collapse; border-color:#000000" if table.borders else ""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for index in range(n_cols):
            paragraphs = row[index].paragraphs if index < len(row) else ()
            inner = "".join(_paragraph(p, language, notes) for p in paragraphs) or "&#160;"
            pct = round(100 * weights[index] / total)
            cells.append(f'<td width="{pct}%" valign="top">{inner}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4" border="{border}" style="{style}">'
        + "\n".join(rows)
        + "</table>\n"
    )


def _block(block: Block, language: str, notes: list[tuple[str, str]] | None = None) -> str:
    """Any body block (its footnotes numbered on in `notes`)."""
    if isinstance(block, Paragraph):
        return _paragraph(block, language, notes)
    if isinstance(block, Table):
        return _table(block, language, notes)
    if isinstance(block, PageBreak):
        return '<hr class="page-break"/>\n'
    return ""


def _font_css(font: FontSpec) -> str:
    """The font-family list: document fonts first, then fonts that draw Hangul on Linux."""
    names = [font.latin, font.east_asian, font.east_asian_alt, *_FALLBACK_FONTS]
    cleaned: list[str] = []
    for name in names:
        safe = _CSS_NAME.sub("", plain(name))
        if safe and safe not in cleaned:
            cleaned.append(safe)
    return ", ".join(n if n == "sans-serif" else f"'{n}'" for n in cleaned)


def render_html(doc: LayoutDocument, *, sheet: bool = True) -> str:
    """Render the layout tree as one HTML page: header, body and footer on a page-wide sheet.

    With `sheet=False` the text alone, no grey desk, page width or margins: for a
    QTextDocument that is laid out on the printer's pages with the margins set there.
    """
    language = doc.language or (doc.languages[0] if doc.languages else "ko-KR")
    page = doc.page
    width = round(page.width_mm * _PX_PER_MM)
    pad = (
        f"padding-top:{round(page.top_mm * _PX_PER_MM / 2)}px; "
        f"padding-bottom:{round(page.bottom_mm * _PX_PER_MM / 2)}px; "
        f"padding-left:{round(page.left_mm * _PX_PER_MM)}px; "
        f"padding-right:{round(page.right_mm * _PX_PER_MM)}px"
    )
    parts: list[str] = []
    # The preview is page 1 and what follows: the first page's header when it has its own.
    top = doc.header if doc.first_page_header is None else doc.first_page_header
    if top:
        header = "".join(_paragraph(p, language) for p in top)
        parts.append(f'<div class="header" style="color:#444444">{header}</div><hr/>\n')
    notes: list[tuple[str, str]] = []
    parts.extend(_block(block, language, notes) for block in doc.blocks)
    parts.append(_notes_list(notes, language))
    if doc.footer:
        footer = "".join(_paragraph(p, language) for p in doc.footer)
        parts.append(f'<hr/><div class="footer" style="color:#444444">{footer}</div>\n')
    body = "".join(parts)
    size = f"{doc.font.size_pt:g}" if doc.font.size_pt > 0 else "11"
    head = (
        "<!DOCTYPE html>\n"
        f"<html lang={_attr(language)}>\n<head>\n"
        '<meta charset="utf-8"/>\n<title></title>\n'
        "<style>\n"
        f"body {{ font-family: {_font_css(doc.font)}; font-size: {size}pt; color: #000000; }}\n"
        "p { margin-top: 0px; margin-bottom: 0px; }\n"
        "</style>\n</head>\n"
    )
    if not sheet:
        return f"{head}<body>\n{body}</body>\n</html>\n"
    return (
        f"{head}"
        '<body bgcolor="#e8e8e8">\n'
        f'<table align="center" width="{width}" cellspacing="0" cellpadding="0" border="0" '
        f'bgcolor="#ffffff"><tr><td style="{pad}">\n'
        f"{body}"
        "</td></tr></table>\n</body>\n</html>\n"
    )
