"""Benchmark: the window while "Delete permanently" rewrites many backups (issue 13 measured
1.98 s on the UI thread before the purge moved to a worker).

A real window (`app.build_main_window`) over a temporary folder with DRAFTS drafts and
BACKUPS backups (each holding the doomed draft); the draft is trashed and purged through
the window. A QTimer ticking every 10 ms on the UI thread records the gaps between ticks.
Prints JSON: `click_ms` (how long `MainWindow.purge` held the UI thread), `purge_ms` (the
worker's whole run, to the list updated), the longest and 95th-percentile tick gaps while
it ran, and whether the draft is gone. Not a test: run
`QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_purge_ui.py [DRAFTS] [BACKUPS]`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import app as app_module
from desktop_app.gui import errors
from desktop_app.paths import sample_path
from desktop_app.services import services_for
from desktop_app.storage import backups


def main(drafts: int = 100, copies: int = 20) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv)
    errors.confirm = lambda *args: True  # "Delete permanently": yes
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        with services_for(data) as services:
            doomed = services.drafts.import_file(sample_path()).id
            for _ in range(drafts - 1):
                services.drafts.import_file(sample_path())
            db_path = data / "dari.sqlite3"
            start = datetime(2026, 1, 1, tzinfo=UTC)
            for day in range(copies):
                backups.create(db_path, start + timedelta(days=day))
            services.drafts.trash(doomed)
        window, services = app_module.build_main_window(
            app, data, QSettings(str(root / "s.ini"), QSettings.Format.IniFormat)
        )
        window.show()
        app.processEvents()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(10)
        started = time.perf_counter()
        window.purge(doomed)
        click_ms = (time.perf_counter() - started) * 1000
        while window.is_purging:
            app.processEvents()
            time.sleep(0.002)
        purge_ms = (time.perf_counter() - started) * 1000
        timer.stop()
        left = services.drafts.list(trashed=True)
        window.close()
        services.close()
        gaps.sort()
        return {
            "drafts": drafts,
            "backups": copies,
            "click_ms": round(click_ms, 1),
            "purge_ms": round(purge_ms, 1),
            "ticks": len(gaps),
            "max_gap_ms": gaps[-1] if gaps else None,
            "p95_gap_ms": gaps[int(len(gaps) * 0.95)] if gaps else None,
            "median_gap_ms": statistics.median(gaps) if gaps else None,
            "purged": not left,
        }


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(main(*arguments), indent=2))
