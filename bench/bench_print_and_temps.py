"""Benchmark: the stale-temp sweep (issue 13) and printing (issue 12).

- `remove_stale_temps` on a folder of 2,000 exported files, with none and with 20 stale
  temporary files; the start-up sweep over 50 folders known to the export log.
- Printing the sample letter: the exported pages (compose → .docx → LibreOffice's PDF),
  one page drawn at 300 dpi, the whole job printed to a PDF file through QPrinter.
- The longest gap between two ticks of a 10 ms timer in the UI thread during one PDF
  export of the sample letter and during the print preparation: on the UI thread (as
  before issue 12's worker) and through the Export dialog / `prepare_in_worker` (after).

Prints JSON. Not a test:
`QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_print_and_temps.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.domain import from_json
from desktop_app.files import remove_stale_temps
from desktop_app.paths import sample_path
from desktop_app.services import ExportRequest, services_for
from desktop_app.services.export import WrittenFile
from desktop_app.services.printing import can_print_exported, exported_pages


def sample_payload() -> dict[str, object]:
    data: dict[str, object] = json.loads(sample_path().read_text(encoding="utf-8"))
    return data


def sample_letter() -> object:
    return from_json(sample_payload())


def _ms(work, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _stale(folder: Path, count: int) -> None:
    for n in range(count):
        fd, _ = tempfile.mkstemp(prefix=f".letter {n}.docx.", suffix=".tmp", dir=folder)
        os.write(fd, b"x" * 20_000)
        os.close(fd)


def bench_sweep(root: Path) -> dict[str, float]:
    folder = root / "exports"
    folder.mkdir()
    for n in range(2000):
        (folder / f"2024-04-{n:04d} 외교부 서한 (ko).docx").write_bytes(b"docx")
    out: dict[str, float] = {
        "sweep_2000_files_none_stale_ms": _ms(lambda: remove_stale_temps(folder))
    }
    times = []
    for _ in range(5):
        _stale(folder, 20)
        start = time.perf_counter()
        assert remove_stale_temps(folder) == 20
        times.append((time.perf_counter() - start) * 1000)
    out["sweep_2000_files_20_stale_ms"] = round(statistics.median(times), 2)
    with services_for(root / "data") as services:
        draft = services.drafts.import_json(sample_payload())
        written = []
        for n in range(50):
            sub = root / f"folder-{n}"
            sub.mkdir()
            for k in range(20):
                path = sub / f"letter {k}.docx"
                path.write_bytes(b"docx")
                written.append(WrittenFile(path, ("ko",), ("ko-letter",), 4, "0" * 64))
        services.log.record(draft.id, 1, None, ExportRequest("ko"), written)
        out["startup_sweep_50_logged_folders_1000_entries_ms"] = _ms(
            services.log.remove_stale_temps
        )
    return out


def bench_print(root: Path) -> dict[str, float | int | str]:
    if not can_print_exported():
        return {"print": "LibreOffice is not installed"}
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.window import printing

    QApplication.instance() or QApplication(sys.argv[:1])
    letter = sample_letter()
    out: dict[str, float | int | str] = {}
    for languages in ("ko", "both"):
        start = time.perf_counter()
        pages = exported_pages(letter, ExportRequest(languages))
        out[f"prepare_exported_pages_{languages}_ms"] = round((time.perf_counter() - start) * 1000)
        out[f"pages_{languages}"] = pages.page_count
        out[f"draw_one_page_300dpi_{languages}_ms"] = _ms(lambda p=pages: p.render(0, 300), 3)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(root / f"printed-{languages}.pdf"))
        job = printing.PrintJob(pages=pages)
        printing.fit_printer_to(printer, job)
        start = time.perf_counter()
        printing.print_job(printer, job)
        out[f"print_job_to_pdf_{languages}_ms"] = round((time.perf_counter() - start) * 1000)
        job.close()
    return out


class _Ticks:
    """A 10 ms timer in the UI thread; the gaps between its ticks, in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start(10)

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        gaps = sorted((b - a) * 1000 for a, b in zip(self.times, self.times[1:], strict=False))
        return {
            "longest_gap_ms": round(gaps[-1], 1) if gaps else -1.0,
            "p95_gap_ms": round(gaps[int(len(gaps) * 0.95)], 1) if gaps else -1.0,
            "ticks": len(self.times),
        }


def _on_ui_thread(work) -> dict[str, float]:
    """`work()` called from the event loop, as a slot on the UI thread would; the ticks."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    ticks = _Ticks()

    def run() -> None:
        start = time.perf_counter()
        work()
        run.ms = (time.perf_counter() - start) * 1000  # type: ignore[attr-defined]
        QTimer.singleShot(30, loop.quit)  # a few ticks after, so the gap is measured

    QTimer.singleShot(30, run)
    loop.exec()
    return {**ticks.stop(), "total_ms": round(run.ms)}  # type: ignore[attr-defined]


def bench_ui_gaps(root: Path) -> dict[str, object]:
    """The UI thread's longest pause during one PDF export and one print preparation."""
    if not can_print_exported():
        return {"ui_gaps": "LibreOffice is not installed"}
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop_app.gui.dialogs import export as export_dialog
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.settings import Settings
    from desktop_app.gui.window import printing

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ui = UiLanguage(app, "en")
    settings = Settings(QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat))
    export_dialog.show_exported = lambda *args: None  # type: ignore[assignment]
    export_dialog.ask = lambda *args: True  # type: ignore[assignment]
    out: dict[str, object] = {}
    with services_for(root / "gaps-data") as services:
        draft = services.drafts.import_json(sample_payload())
        request = ExportRequest("ko", format="pdf")
        for n in range(3):
            folder = root / f"before-{n}"
            folder.mkdir()
            out[f"pdf_export_on_ui_thread_{n}"] = _on_ui_thread(
                lambda f=folder: services.drafts.export(draft.id, request, f)
            )
        for n in range(3):
            folder = root / f"after-{n}"
            folder.mkdir()
            settings.export_folder = str(folder)
            dialog = export_dialog.ExportDialog(services.drafts, draft.id, settings, ui)
            dialog.show()
            dialog.language_group.button(0).click()
            dialog.format_group.button(1).click()
            dialog.folder_edit.setText(str(folder))
            out[f"pdf_export_dialog_worker_{n}"] = _on_ui_thread(dialog.export_button.click)
            assert len(list(folder.iterdir())) == 1, "the dialog wrote its PDF"
            dialog.close()
            dialog.deleteLater()
        letter = sample_letter()
        parent = QWidget()
        parent.show()
        for n in range(2):
            out[f"print_prepare_on_ui_thread_{n}"] = _on_ui_thread(
                lambda: printing.prepare(letter, "ko", settings, exported=True).close()
            )
        for n in range(2):
            out[f"print_prepare_worker_{n}"] = _on_ui_thread(
                lambda: printing.prepare_in_worker(  # type: ignore[union-attr]
                    parent, ui, letter, "ko", settings, exported=True
                ).close()
            )
        parent.close()
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        result = {**bench_sweep(root), **bench_print(root), **bench_ui_gaps(root)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
