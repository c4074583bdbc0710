"""File › Print and Print preview (QtPrintSupport): what prints is the document as exported.

With LibreOffice, the exported .docx's PDF pages (`services.printing`), drawn at
the printer's resolution; without it, the preview's rendering (its HTML in a
QTextDocument), and the dialogs say that it is the preview, not the exported
document. `print_job(printer, job)` paints either onto any QPrinter (tests
print to a PDF file through it, with no dialog); the dialogs are a thin layer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.domain import LANGS, Lang
from desktop_app.gui.dialogs.export import busy_progress
from desktop_app.gui.merge.worker import TaskWorker, run_with_progress
from desktop_app.services.export import ExportCancelled
from desktop_app.services.printing import (
    PdfPages,
    PrintSheet,
    can_print_exported,
    exported_pages,
    preview_for_print,
    request_for,
)

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.gui.i18n import UiLanguage

log = logging.getLogger(__name__)

MM: Final = 72 / 25.4  # points per millimetre
MAX_DPI: Final = 300  # page images beyond this only cost memory (A4 at 300 dpi: 25 MB)


@dataclass
class PrintJob:
    """What will print: the exported pages, or (without LibreOffice) the preview's HTML."""

    pages: PdfPages | None = None
    sheet: PrintSheet | None = None

    @property
    def is_preview(self) -> bool:
        return self.pages is None

    def close(self) -> None:
        if self.pages is not None:
            self.pages.close()
            self.pages = None


def exported_available() -> bool:
    """True when the exported document's own pages can be printed (LibreOffice is there)."""
    return can_print_exported()


def styles_of(settings: Any) -> dict[Lang, str]:
    """The settings' letter style per language ("" when none is chosen)."""
    styles: dict[Lang, str] = {}
    for lang in LANGS:
        key = getattr(settings, f"style_{lang}", "")
        styles[lang] = key if isinstance(key, str) else ""
    return styles


def prepare(
    document: Any,
    mode: str,
    settings: Any,
    *,
    exported: bool | None = None,
    temp_root: Path | None = None,
) -> PrintJob:
    """The job for `document`: its exported pages when LibreOffice is there (or `exported`
    says so), else the preview's rendering. Raises DariError when exporting fails."""
    if exported is None:
        exported = can_print_exported()
    return _prepare(document, mode, styles_of(settings), exported, temp_root, None)


def _prepare(
    document: Any,
    mode: str,
    styles: dict[Lang, str],
    exported: bool,
    temp_root: Path | None,
    cancelled: Callable[[], bool] | None,
) -> PrintJob:
    """`prepare` with the styles read already; no Qt (it runs on a worker thread): the
    pages are drawn here at MAX_DPI, so painting the preview only copies them."""
    if exported:
        request = request_for(mode, styles)
        pages = exported_pages(
            document, request, temp_root=temp_root, cancelled=cancelled, dpi=MAX_DPI
        )
        return PrintJob(pages=pages)
    return PrintJob(sheet=preview_for_print(document, mode, styles))


def prepare_in_worker(
    parent: QWidget,
    ui: UiLanguage,
    document: Any,
    mode: str,
    settings: Any,
    *,
    exported: bool,
    temp_root: Path | None = None,
) -> PrintJob | None:
    """`prepare` on a worker thread (LibreOffice's PDF and the page images take seconds)
    with a busy bar and Cancel over `parent`, the event loop turning meanwhile; None when
    the person cancels (LibreOffice killed, no temporary file left). Raises DariError."""
    _ = ui.gettext
    styles = styles_of(settings)  # the settings are read here, on the UI thread

    def work(_progress: object, cancelled: Callable[[], bool]) -> PrintJob:
        return _prepare(document, mode, styles, exported, temp_root, cancelled)

    label = _("Preparing the pages as exported…") if exported else _("Preparing the pages…")
    progress = busy_progress(parent, _("Print"), label, _("Cancel"))
    worker = TaskWorker(work, parent)
    try:
        job: PrintJob = run_with_progress(worker, progress)
    except ExportCancelled:
        return None
    finally:
        progress.close()
        progress.deleteLater()
        worker.deleteLater()
    return job


def fit_printer_to(printer: QPrinter, job: PrintJob) -> None:
    """The printer's paper is the document's page (A4, Letter…), with no margins: the page
    image carries the document's own margins (and the preview's text gets them itself)."""
    if job.sheet is not None:
        width, height = job.sheet.width_mm * MM, job.sheet.height_mm * MM
    elif job.pages is not None and job.pages.page_count:
        width, height = job.pages.page_size_pt(0)
    else:
        return
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)


def print_job(printer: QPrinter, job: PrintJob) -> None:
    """Paint the job onto `printer` (a real printer, a PDF file, or the preview's pages)."""
    if job.sheet is not None:
        _print_sheet(printer, job.sheet)
        return
    if job.pages is None:
        return
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        first, last = printer.fromPage(), printer.toPage()
        indexes = range(job.pages.page_count)
        if first > 0:  # the person chose pages (1-based, inclusive)
            indexes = range(first - 1, min(last or job.pages.page_count, job.pages.page_count))
        for number, index in enumerate(indexes):
            if number:
                printer.newPage()
            image = job.pages.render(index, dpi)
            picture = QImage(
                image.data, image.width, image.height, image.stride, QImage.Format.Format_RGB888
            )
            area = QRectF(painter.viewport())
            scaled = QSizeF(image.width, image.height).scaled(
                area.size(), Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRectF(area.topLeft(), scaled)
            target.moveCenter(area.center())
            painter.setWindow(painter.viewport())
            painter.drawImage(target, picture)
    finally:
        painter.end()


def _print_sheet(printer: QPrinter, sheet: PrintSheet) -> None:
    """The preview's text laid out on the printer's pages, each with the style's margins."""
    fit_printer_to(printer, PrintJob(sheet=sheet))
    text = QTextDocument()
    text.setHtml(sheet.html)
    text.setDocumentMargin(0)
    # Laid out at 72 units per inch: the page and its margins in points.
    text.setPageSize(QSizeF(sheet.width_mm * MM, sheet.height_mm * MM))
    frame = text.rootFrame().frameFormat()
    frame.setTopMargin(sheet.top_mm * MM)
    frame.setBottomMargin(sheet.bottom_mm * MM)
    frame.setLeftMargin(sheet.left_mm * MM)
    frame.setRightMargin(sheet.right_mm * MM)
    text.rootFrame().setFrameFormat(frame)
    text.print_(printer)


def _note(ui: UiLanguage, job: PrintJob, title: str) -> str:
    _ = ui.gettext
    if job.is_preview:
        return _("{title} — the preview's rendering, not the exported document").format(title=title)
    return title


def run_print_dialog(parent: QWidget, ui: UiLanguage, job: PrintJob) -> bool:
    """Qt's print dialog, then the job; True when it printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    fit_printer_to(printer, job)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_note(ui, job, ui.gettext("Print")))
    if job.pages is not None:
        dialog.setMinMax(1, job.pages.page_count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _busy(lambda: print_job(printer, job))
    return True


def run_preview_dialog(parent: QWidget, ui: UiLanguage, job: PrintJob) -> None:
    """Qt's print preview of the job (it prints from there too)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    fit_printer_to(printer, job)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_note(ui, job, ui.gettext("Print preview")))
    dialog.paintRequested.connect(lambda target: print_job(target, job))
    dialog.exec()


def _busy(work: Any) -> None:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        work()
    finally:
        QGuiApplication.restoreOverrideCursor()
