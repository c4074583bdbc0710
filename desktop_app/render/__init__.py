"""Render layer: layout tree → .docx bytes/file, preview HTML and (with LibreOffice) PDF."""

from desktop_app.render.atomic import ExportError, atomic_write_bytes
from desktop_app.render.docx_writer import render_docx, write_docx
from desktop_app.render.html import render_html
from desktop_app.render.pdf import PdfUnavailable, libreoffice_available, render_pdf
from desktop_app.render.text import xml_safe

__all__ = [
    "ExportError",
    "PdfUnavailable",
    "atomic_write_bytes",
    "libreoffice_available",
    "render_docx",
    "render_html",
    "render_pdf",
    "write_docx",
    "xml_safe",
]
