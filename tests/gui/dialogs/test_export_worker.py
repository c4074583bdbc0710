"""The Export dialog writes on a worker thread (issue 12): with the real LibreOffice, the
event loop keeps turning while the PDF is made, Cancel kills LibreOffice and leaves no
file and no temporary folder, a second export while one runs is refused with a sentence,
and the PDF is the one the service makes on its own."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.settings import Settings
from desktop_app.paths import sample_path
from desktop_app.render import pdf as pdf_module
from desktop_app.services import DraftService
from tests.helpers.dialogs import show_export_dialog
from tests.helpers.docx_checks import require_libreoffice

# `out`, `settings` (exporting to `out`) and `no_unexpected_messages`: tests/gui/dialogs/conftest.py
pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("no_unexpected_messages")]


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every temporary folder (the .docx copies, LibreOffice's profile) goes here."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def started() -> list[int]:
    """The process ids of the LibreOffice runs (the hook is called in the worker thread)."""
    pids: list[int] = []
    pdf_module.RUN_HOOKS.append(lambda _command, pid: pids.append(pid))
    yield pids
    pdf_module.RUN_HOOKS.clear()


def pdf_dialog(qtbot, service: DraftService, out: Path, settings: Settings, ui) -> ExportDialog:
    require_libreoffice()
    assert settings.export_folder == str(out)
    dialog = show_export_dialog(qtbot, service, service.import_file(sample_path()).id, settings, ui)
    dialog.language_group.button(0).click()  # Korean: one file
    dialog.format_group.button(1).click()  # PDF only
    return dialog


class Ticker:
    """A 10 ms timer in the UI thread: how often it fired and the longest gap between two."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def longest_gap_ms(self) -> float:
        gaps = [b - a for a, b in zip(self.times, self.times[1:], strict=False)]
        return max(gaps) * 1000 if gaps else float("inf")


def test_the_event_loop_turns_while_the_pdf_is_made_and_the_pdf_is_the_same(
    qtbot, service: DraftService, out: Path, tmp_path: Path, settings, ui, monkeypatch, started
) -> None:
    dialog = pdf_dialog(qtbot, service, out, settings, ui)
    shown: list[str] = []
    monkeypatch.setattr(export_dialog, "show_exported", lambda *a: shown.append(a[2]))
    ticker = Ticker()
    begin = time.perf_counter()
    dialog.export_button.click()  # returns when the worker is done
    elapsed = time.perf_counter() - begin
    ticker.stop()
    assert len(started) == 1 and shown and dialog.result() == dialog.DialogCode.Accepted
    (pdf,) = out.iterdir()
    assert pdf.suffix == ".pdf"
    # LibreOffice takes seconds; the timer kept firing all along (gaps well under that)
    assert elapsed > 0.5
    assert len(ticker.times) > elapsed * 1000 / 10 / 4
    assert ticker.longest_gap_ms < 1000 * elapsed / 2, ticker.longest_gap_ms

    before = tmp_path / "before"
    before.mkdir()  # the same export as the UI thread made it before this issue
    (same,) = service.export(dialog.draft_id, dialog.request(), before)
    assert same.name == pdf.name
    ours, theirs = pdfium.PdfDocument(pdf), pdfium.PdfDocument(same)
    assert len(ours) == len(theirs) >= 1
    for mine, other in zip(ours, theirs, strict=True):
        assert mine.get_textpage().get_text_range() == other.get_textpage().get_text_range()
    assert pdf.read_bytes() == same.read_bytes()  # scrubbed: fixed dates, no random ids


def _alive(group: int) -> bool:
    """True while a process of LibreOffice's group runs (a zombie awaiting its reaper does
    not count: it is dead); read from /proc."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, pgrp…
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for LibreOffice")
def test_cancel_kills_libreoffice_and_leaves_no_file_and_no_temp(
    qtbot, service: DraftService, out: Path, settings, ui, private_temp: Path, started
) -> None:
    dialog = pdf_dialog(qtbot, service, out, settings, ui)
    seen: list[bool] = []

    def cancel_once_libreoffice_runs() -> None:
        progress = dialog.findChild(QProgressDialog, "busyProgress")
        if not started or progress is None or not progress.isVisible():
            QTimer.singleShot(20, cancel_once_libreoffice_runs)
            return
        time.sleep(0.3)  # LibreOffice is well into its start
        seen.append(_alive(started[0]))
        progress.findChild(QPushButton).click()  # its Cancel button

    QTimer.singleShot(20, cancel_once_libreoffice_runs)
    begin = time.perf_counter()
    dialog.export_button.click()
    assert time.perf_counter() - begin < 10
    assert seen == [True]  # LibreOffice was running when Cancel was pressed…
    assert not _alive(started[0])  # …and its whole process group is gone
    assert list(out.iterdir()) == []
    assert list(private_temp.iterdir()) == []
    assert dialog.isVisible() and dialog.worker is None  # the dialog stays, ready again
    assert "cancelled" in dialog.status_label.text() and dialog.status_label.isVisible()
    assert dialog.export_button.isEnabled()
    assert service.log.entries(draft_id=dialog.draft_id) == []


def test_a_second_export_while_one_runs_is_refused_with_a_sentence(
    qtbot, service: DraftService, out: Path, tmp_path: Path, settings, ui, monkeypatch, started
) -> None:
    dialog = pdf_dialog(qtbot, service, out, settings, ui)
    told: list[str] = []
    monkeypatch.setattr(export_dialog, "inform", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(export_dialog, "show_exported", lambda *a: None)
    calls = threading.Event()

    def export_again() -> None:
        if dialog.worker is None or not started:
            QTimer.singleShot(20, export_again)
            return
        dialog.export()  # Enter again, say: refused at once, the first goes on
        calls.set()

    QTimer.singleShot(20, export_again)
    dialog.export_button.click()
    assert calls.is_set()
    assert told == ["An export is already running; wait for it or cancel it."]
    assert len(started) == 1
    assert [p.suffix for p in out.iterdir()] == [".pdf"]
