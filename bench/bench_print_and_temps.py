"""Benchmark: the stale-temp sweep (issue 13) and printing (issue 12).

- `remove_stale_temps` on a folder of 2,000 exported files, with none and with 20 stale
  temporary files; the start-up sweep over 50 folders known to the export log.
- Printing the sample letter: the exported pages (compose → .docx → LibreOffice's PDF),
  one page drawn at 300 dpi, the whole job printed to a PDF file through QPrinter.

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


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        result = {**bench_sweep(root), **bench_print(root)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
