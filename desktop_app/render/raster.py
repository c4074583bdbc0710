"""PDF pages as images at printer resolution, through PDFium (pypdfium2); no Qt here.

Printing sends the exported document's own pages (LibreOffice's PDF of the
.docx) to the printer: this turns each page into an RGB image the window paints
onto its QPrinter. The PDF stays in memory; nothing is written to disk.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Final

import pypdfium2 as pdfium

POINTS_PER_INCH: Final = 72.0


@dataclass(frozen=True)
class PageImage:
    """One page as 8-bit RGB rows (`stride` bytes each, top row first)."""

    width: int
    height: int
    stride: int
    data: bytes


class PdfPages:
    """The pages of a PDF held in memory; `close()` (or `with`) frees PDFium's copy."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._pdf = pdfium.PdfDocument(data)
        self._images: dict[int, PageImage] = {}  # drawn ahead (`rasterise`), by page

    def __len__(self) -> int:
        return len(self._pdf)

    @property
    def page_count(self) -> int:
        return len(self._pdf)

    def page_size_pt(self, index: int) -> tuple[float, float]:
        """Width and height of page `index` in points (1/72 inch)."""
        width, height = self._pdf[index].get_size()
        return float(width), float(height)

    def rasterise(self, index: int, dpi: float) -> PageImage:
        """Draw page `index` at `dpi` now and keep the image: `render` at that resolution
        or less returns it (the window draws the pages on a worker thread first)."""
        image = self._draw(index, dpi)
        self._images[index] = image
        return image

    def render(self, index: int, dpi: float) -> PageImage:
        """Page `index` at `dpi` dots per inch (or the image kept by `rasterise`, when it
        is at least that fine: the painter scales it), white background."""
        kept = self._images.get(index)
        width_pt, _height_pt = self.page_size_pt(index)
        if kept is not None and kept.width >= int(width_pt * dpi / POINTS_PER_INCH):
            return kept
        return self._draw(index, dpi)

    def _draw(self, index: int, dpi: float) -> PageImage:
        page = self._pdf[index]
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)  # RGB
        try:
            return PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
        finally:
            bitmap.close()
            page.close()

    def text(self, index: int) -> str:
        """The text of page `index` (for checks; printing paints the images)."""
        page = self._pdf[index]
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
            page.close()

    def close(self) -> None:
        self._images.clear()
        self._pdf.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def concatenate(pdfs: Sequence[bytes]) -> bytes:
    """One PDF of the pages of `pdfs`, in order (the Korean file, then the English one)."""
    if len(pdfs) == 1:
        return pdfs[0]
    out = pdfium.PdfDocument.new()
    try:
        for data in pdfs:
            source = pdfium.PdfDocument(data)
            try:
                out.import_pages(source)
            finally:
                source.close()
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        out.close()
