"""The neutral layout tree: what a composed document is, before any file format.

Compose builds it; render turns it into .docx or HTML. Every language rule has
already been applied when a tree exists, so the two renderings cannot disagree.
Lengths are in points (1 pt = 1/72 inch); page margins in millimetres.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum


class Align(Enum):
    """Horizontal alignment of a paragraph."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class FieldKind(Enum):
    """A value the word processor fills in when it lays out the page."""

    PAGE = "page"
    NUM_PAGES = "numpages"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of character properties.

    `text` may contain "\\n" (a line break inside the paragraph) and "\\t".
    A run with `field` set is a field (page number); its `text` is the
    placeholder shown where fields are not computed (e.g. the preview).
    A run with `note` set is a footnote's mark: `note` is the footnote's text (the
    renderer numbers notes in document order); its own `text` is empty.
    """

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size_pt: float | None = None  # None: the paragraph's / document's size
    field: FieldKind | None = None
    note: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: runs, alignment and indentation.

    A numbered item carries its `marker` (e.g. "가.", "1)", "①") separately
    from its runs: the marker hangs at `indent_pt`, wrapped lines align under
    the text at `indent_pt + hanging_pt`.
    """

    runs: tuple[Run, ...]
    align: Align = Align.LEFT
    indent_pt: float = 0.0
    hanging_pt: float = 0.0
    first_line_pt: float = 0.0
    marker: str = ""
    space_before_pt: float = 0.0
    space_after_pt: float = 6.0
    keep_with_next: bool = False
    role: str = "body"  # "title", "heading", "body", "meta", "signature", "footer"…
    key: str = ""  # logical element this paragraph shows, e.g. "subject", "body.2"
    lang: str = ""  # BCP 47 tag when it differs from the document's, e.g. "en-GB"
    # Fonts and body size of this paragraph when they differ from the document's: the
    # English half of a two-language document keeps the English style's fonts and size.
    font: FontSpec | None = None

    @property
    def text(self) -> str:
        """The paragraph's plain text, marker included (for tests and search)."""
        body = "".join(f"^[{run.note}]" if run.note is not None else run.text for run in self.runs)
        return f"{self.marker} {body}" if self.marker else body


@dataclass(frozen=True)
class Cell:
    """One table cell: a stack of paragraphs."""

    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Table:
    """A table; `widths` are relative column weights (any positive numbers)."""

    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    borders: bool = False
    key: str = ""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""

    key: str = ""


@dataclass(frozen=True)
class SectionBreak(PageBreak):
    """Start a new page as a new section: its page numbers start again at 1 and its first
    page has the first-page header again (one letter after another in a merge's print
    file). Where sections mean nothing (HTML) it is a page break."""


Block = Paragraph | Table | PageBreak


@dataclass(frozen=True)
class PageSetup:
    """A4 page with margins in millimetres."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 25.0
    bottom_mm: float = 25.0
    left_mm: float = 25.0
    right_mm: float = 25.0

    @property
    def text_width_pt(self) -> float:
        """The width between the side margins, in points."""
        return (self.width_mm - self.left_mm - self.right_mm) * 72 / 25.4


@dataclass(frozen=True)
class FontSpec:
    """Fonts for Latin and East Asian (Hangul) text, and the body size."""

    latin: str = "Times New Roman"
    east_asian: str = "맑은 고딕"
    east_asian_alt: str = "Malgun Gothic"  # font-table alternative name
    size_pt: float = 11.0


@dataclass(frozen=True)
class LayoutDocument:
    """A whole composed document in one language (or two, side by side).

    `language` is a BCP 47 tag for the text ("ko-KR", "en-GB", "en-US"); for a
    bilingual document it is the first language and `languages` lists both.
    `first_page_header` is the header of page 1 when it differs from the running
    `header` (`()`: none, as under a letterhead); None: page 1 has the running header.
    """

    language: str
    blocks: tuple[Block, ...]
    page: PageSetup = field(default_factory=PageSetup)
    font: FontSpec = field(default_factory=FontSpec)
    header: tuple[Paragraph, ...] = ()
    footer: tuple[Paragraph, ...] = ()
    languages: tuple[str, ...] = ()
    first_page_header: tuple[Paragraph, ...] | None = None

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of the body in document order (tables row by row, cell by cell)."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        yield from cell.paragraphs

    def notes(self) -> tuple[str, ...]:
        """The footnotes' texts in document order: note n is the n-th mark."""
        return tuple(run.note for p in self.paragraphs() for run in p.runs if run.note is not None)

    def plain_text(self) -> str:
        """All text of the body, one paragraph per line (tables cell by cell); footnote
        marks as `[1]`, `[2]`…, and the notes after the text, one a line."""
        lines: list[str] = []
        found: list[str] = []
        for paragraph in self.paragraphs():
            parts: list[str] = [f"{paragraph.marker} "] if paragraph.marker else []
            for run in paragraph.runs:
                if run.note is not None:
                    found.append(run.note)
                    parts.append(f"[{len(found)}]")
                else:
                    parts.append(run.text)
            lines.append("".join(parts))
        if found:
            lines.append("")
            lines.append("—" * 4)
            lines.extend(f"[{n}] {note}" for n, note in enumerate(found, start=1))
        return "\n".join(lines)
