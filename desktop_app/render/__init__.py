"""Render layer: layout tree → .docx bytes/file, preview HTML and (with LibreOffice) PDF.

python-docx is loaded on first use of the .docx functions, not at start-up: the
window needs only the HTML preview until the first export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.files import PdfUnavailable
from desktop_app.render.html import render_html
from desktop_app.render.pdf import (
    ConversionCancelled,
    convert_pdfs,
    find_soffice,
    libreoffice_available,
    render_pdf,
    render_pdfs,
    soffice_runs,
)
from desktop_app.render.text import xml_safe

if TYPE_CHECKING:
    from desktop_app.render.docx_writer import render_docx, write_docx

_LAZY = {"render_docx", "write_docx"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from desktop_app.render import docx_writer

        return getattr(docx_writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ConversionCancelled",
    "PdfUnavailable",
    "convert_pdfs",
    "find_soffice",
    "libreoffice_available",
    "render_docx",
    "render_html",
    "render_pdf",
    "render_pdfs",
    "soffice_runs",
    "write_docx",
    "xml_safe",
]
