"""Printing: the open draft as it is exported (compose → .docx → LibreOffice's PDF), as
pages the window paints onto its printer; no Qt here.

The .docx and the PDF are made in a private temporary folder (mode 0o700) that is
always removed, whatever happens; the PDF's bytes stay in memory for printing.
Without LibreOffice the window prints the preview's rendering instead
(`preview_html`), and says so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from desktop_app.compose import ComposeOptions, Layout, compose, compose_both
from desktop_app.domain import LANGS, Lang
from desktop_app.files import ExportError
from desktop_app.render.html import render_html
from desktop_app.render.pdf import ConversionCancelled, libreoffice_available, render_pdf
from desktop_app.render.raster import PageImage, PdfPages, concatenate
from desktop_app.services.errors import DariError
from desktop_app.services.export import (
    ExportCancelled,
    ExportRequest,
    compose_files,
    write_file,
)
from desktop_app.services.preview import preset_for

PDF_TIMEOUT_S: Final = 120.0

__all__ = [
    "PDF_TIMEOUT_S",
    "PageImage",
    "PdfPages",
    "PrintSheet",
    "can_print_exported",
    "exported_pages",
    "exported_pdf",
    "preview_for_print",
    "request_for",
]


def can_print_exported() -> bool:
    """True when LibreOffice is there to make the exported document's pages."""
    return libreoffice_available()


def request_for(mode: str, styles: dict[Lang, str]) -> ExportRequest:
    """What prints, as the preview shows it: Korean ("ko"), English ("en"), or both side by
    side ("both"), in the given letter styles (a style of another kind gives way)."""
    chosen = {lang: key for lang, key in styles.items() if key}
    if mode == "both":
        return ExportRequest("both", Layout.SIDE_BY_SIDE, chosen)
    return ExportRequest("en" if mode == "en" else "ko", Layout.SEPARATE, chosen)


@dataclass(frozen=True)
class PrintSheet:
    """The preview's rendering for the printer: the text's HTML and its page (mm)."""

    html: str
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


def preview_for_print(document: Any, mode: str, styles: dict[Lang, str]) -> PrintSheet:
    """What prints without LibreOffice: the preview's rendering (one language, or both side
    by side), as text to lay out on the printer's pages with the style's margins."""
    presets = {lang: preset_for(document.KIND, lang, styles.get(lang) or None) for lang in LANGS}
    if mode == "both":
        layout = compose_both(document, Layout.SIDE_BY_SIDE, presets, ComposeOptions())
    else:
        lang: Lang = "en" if mode == "en" else "ko"
        layout = compose(document, lang, presets[lang], ComposeOptions())
    page = layout.page
    return PrintSheet(
        render_html(layout, sheet=False),
        page.width_mm,
        page.height_mm,
        page.top_mm,
        page.bottom_mm,
        page.left_mm,
        page.right_mm,
    )


def exported_pdf(
    document: Any,
    request: ExportRequest,
    *,
    timeout: float = PDF_TIMEOUT_S,
    temp_root: Path | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The document exported as `request` says, as one PDF (its files' pages in order).

    Raises DariError with the sentence when a file cannot be made or converted
    (PdfUnavailable's sentence when LibreOffice is missing), and ExportCancelled when
    `cancelled()` says so (asked between steps and while LibreOffice runs, which is
    killed); the temporary folder is removed in every case.
    """
    planned = compose_files(document, request)
    pdfs: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="dari-print-", dir=temp_root) as work_name:
        work = Path(work_name)
        if os.name == "posix":
            os.chmod(work, 0o700)
        for index, (_suffix, plan) in enumerate(planned):
            _check(cancelled)
            docx = work / f"print-{index}.docx"  # no name from the letter: names say who
            write_file(plan, docx)
            _check(cancelled)
            try:
                pdf = render_pdf(docx, work, timeout=timeout, cancelled=cancelled)
            except ConversionCancelled:
                raise ExportCancelled from None
            except ExportError as error:
                raise DariError.saying(error) from error
            pdfs.append(pdf.read_bytes())
    return concatenate(pdfs)


def exported_pages(
    document: Any,
    request: ExportRequest,
    *,
    timeout: float = PDF_TIMEOUT_S,
    temp_root: Path | None = None,
    cancelled: Callable[[], bool] | None = None,
    dpi: float | None = None,
) -> PdfPages:
    """`exported_pdf` as pages to draw (close them when printed); with `dpi`, every page
    is drawn here already at that resolution (the window does this off its UI thread,
    so that painting the preview only copies the images)."""
    pages = PdfPages(
        exported_pdf(document, request, timeout=timeout, temp_root=temp_root, cancelled=cancelled)
    )
    if dpi is None:
        return pages
    try:
        for index in range(pages.page_count):
            _check(cancelled)
            pages.rasterise(index, dpi)
    except BaseException:
        pages.close()
        raise
    return pages


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled
