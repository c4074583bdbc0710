"""File › Print and Print preview: what prints is the document as exported.

Printed offscreen to a PDF file through QPrinter (HighResolution, PdfFormat), no
dialog: with LibreOffice, the exported PDF's pages as images (same page count as
the exported document, no blank page); without it (PATH without soffice), the
preview's rendering, whose text is checked. No temporary file is left behind.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from desktop_app.gui.window import printing
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.render import pdf as pdf_module
from desktop_app.render.pdf import render_pdf
from desktop_app.services import DraftService, ExportRequest
from tests.helpers.docx_checks import require_libreoffice
from tests.helpers.qt import forbid_window_questions


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch) -> Path:
    """Every temporary folder (ours and render_pdf's) goes here, to see that none is left."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def open_sample(window: MainWindow) -> int:
    window.commands["new_sample"].trigger()
    assert window.loaded is not None
    return window.loaded.id


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def inked_share(page: pdfium.PdfPage) -> float:
    """The share of a page's pixels (at 20 dpi) that are not white."""
    bitmap = page.render(scale=20 / 72, rev_byteorder=True)
    data = bytes(bitmap.buffer)
    inked = sum(1 for i in range(0, len(data) - 2, 3) if min(data[i : i + 3]) < 200)
    return inked / (bitmap.width * bitmap.height)


def exported_page_count(service: DraftService, draft_id: int, folder: Path) -> int:
    """The document exported as the CLI would, converted by LibreOffice, counted."""
    folder.mkdir()
    (docx,) = service.export(draft_id, ExportRequest("ko"), folder)
    return len(pdfium.PdfDocument(render_pdf(docx, folder)))


def test_print_is_the_exported_document_page_for_page(
    qtbot, open_window, service, tmp_path: Path, private_temp: Path
) -> None:
    require_libreoffice()
    window = open_window()
    draft_id = open_sample(window)
    window.preview.set_mode("ko")
    job = window.print_job()
    assert job is not None and not job.is_preview and job.pages is not None
    assert list(private_temp.iterdir()) == []  # the .docx and PDF are gone already
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    printing.fit_printer_to(printer, job)
    try:
        printing.print_job(printer, job)
        pages = job.pages.page_count
    finally:
        job.close()
    printed = pdfium.PdfDocument(out)
    assert len(printed) == pages == exported_page_count(service, draft_id, tmp_path / "export")
    for page in printed:
        width, height = page.get_size()
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4, as exported
        assert 0.002 < inked_share(page) < 0.5  # a page of text, not blank, not black
    assert list(private_temp.iterdir()) == []


def test_the_pages_are_prepared_on_a_worker_and_cancel_leaves_nothing(
    qtbot, open_window, private_temp: Path
) -> None:
    """While LibreOffice makes the PDF and the pages are drawn, the window's event loop
    turns (a 10 ms timer keeps firing); Cancel on the busy bar kills LibreOffice, leaves
    no temporary file, and File › Print then works again."""
    require_libreoffice()
    window = open_window()
    open_sample(window)
    window.preview.set_mode("ko")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    begin = time.perf_counter()
    job = window.print_job()
    elapsed = time.perf_counter() - begin
    timer.stop()
    assert job is not None and job.pages is not None
    try:
        assert elapsed > 0.5 and len(ticks) > elapsed * 1000 / 10 / 4
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert max(gaps) < elapsed / 2
        first = job.pages.render(0, printing.MAX_DPI)
        assert first is job.pages.render(0, printing.MAX_DPI)  # drawn already, not again
    finally:
        job.close()

    started: list[int] = []
    pdf_module.RUN_HOOKS.append(lambda _command, pid: started.append(pid))

    def cancel_once_libreoffice_runs() -> None:
        progress = window.findChild(QProgressDialog, "busyProgress")
        if not started or progress is None or not progress.isVisible():
            QTimer.singleShot(20, cancel_once_libreoffice_runs)
            return
        progress.findChild(QPushButton).click()  # its Cancel button

    QTimer.singleShot(20, cancel_once_libreoffice_runs)
    try:
        begin = time.perf_counter()
        assert window.print_job() is None
        assert time.perf_counter() - begin < elapsed  # stopped, not waited for
    finally:
        pdf_module.RUN_HOOKS.clear()
    assert window.statusBar().currentMessage() == "Printing was cancelled."
    assert list(private_temp.iterdir()) == []


def test_without_libreoffice_the_preview_prints_and_says_so(
    qtbot, open_window, tmp_path: Path, private_temp: Path, monkeypatch
) -> None:
    window = open_window("ko")
    open_sample(window)
    window.preview.set_mode("ko")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no soffice to be found
    job = window.print_job()
    assert job is not None and job.is_preview
    out = tmp_path / "printed.pdf"
    printing.print_job(pdf_printer(out), job)
    printed = pdfium.PdfDocument(out)
    assert len(printed) >= 1
    text = "".join(printed[i].get_textpage().get_text_range() for i in range(len(printed)))
    assert "강제북송" in text.replace("\r", "").replace("\n", "")
    assert "조태열" in text
    assert list(private_temp.iterdir()) == []

    titles: list[str] = []

    def close_preview() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(50, close_preview)
            return
        titles.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(50, close_preview)
    window.print_draft(preview=True)  # the real dialog, closed by the timer
    assert titles and "미리보기" in titles[0] and "내보낸 문서가 아닙니다" in titles[0]


def test_print_entries_are_in_the_file_menu_in_both_languages(qtbot, open_window) -> None:
    window = open_window("en")
    file_menu = [a.objectName() for a in window.commands.menus["file"].actions()]
    assert "print" in file_menu and "print_preview" in file_menu
    assert not window.commands["print"].isEnabled()  # no draft open yet
    assert window.commands["print"].shortcut().toString() == "Ctrl+P"
    english = (window.commands["print"].text(), window.commands["print_preview"].text())
    assert english == ("&Print…", "Print previe&w…")
    open_sample(window)
    assert window.commands["print"].isEnabled() and window.commands["print_preview"].isEnabled()
    window.ui.set_language("ko")
    korean = (window.commands["print"].text(), window.commands["print_preview"].text())
    assert all(text and text not in english for text in korean)
    assert "인쇄" in korean[0] and "미리보기" in korean[1]
