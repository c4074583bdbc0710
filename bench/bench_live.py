"""Benchmark: how soon a colleague's save shows in another window (issue 14: "within a few
seconds"), over SQLite (two windows on one data folder) and PostgreSQL (a real server
started in a temporary folder, as the tests do).

Two real windows in one process (A and B, each its own Services and session). Each run:
A saves the open draft through its services with a new English subject, at a random
moment of B's poll cycle; the clock stops when B's list row shows the new title *and*
B's open form shows the new subject (B typed nothing, so it reloads). Also timed: B's
`LiveUpdates.poll` when nothing changed (the cost every second), and `LiveUpdates.apply`
when a change came (the list listed again, the change taken into the open draft as one
undoable step), which runs on the UI thread on both databases.

Prints JSON per database: latency p50/p95/max in ms, the idle and busy poll's median ms.
Not a test: `QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_live.py [RUNS] [DRAFTS]`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop_app.app import build_window_shell
from desktop_app.domain import BilingualText
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.paths import sample_path
from desktop_app.services import Services, open_services
from tests.helpers.postgres import PostgresServer, missing_reason

TIMEOUT_S = 30.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def spin_until(app: QApplication, done, timeout: float = TIMEOUT_S) -> float:
    """Turn the event loop until `done()`; the seconds it took."""
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the change never showed")
        app.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - start


def window(app: QApplication, root: Path, data: Path, url: str | None, name: str):
    store = QSettings(str(root / f"{name}.ini"), QSettings.Format.IniFormat)
    shell: MainWindow = build_window_shell(app, data, store)
    services: Services = open_services(data, database_url=url)
    services.live.editor = name
    shell.attach(services)
    shell.show()
    return shell, services


def run(app: QApplication, root: Path, url: str | None, runs: int, drafts: int) -> dict:
    label = "pg" if url else "sqlite"
    data = root / f"data-{label}"
    a, a_services = window(app, root, data, url, f"a-{label}")
    b, b_services = window(app, root, data, url, f"b-{label}")
    try:
        first = a_services.drafts.import_file(sample_path())
        for _ in range(drafts - 1):
            a_services.drafts.import_file(sample_path())
        spin_until(app, lambda: b.drafts.model.row_of(first.id) >= 0)
        a.open_draft(first.id)
        b.open_draft(first.id)
        b.drafts.search.setFocus()  # B is not in the list
        idle: list[float] = []
        for _ in range(20):  # nothing changes: what a poll costs every second
            start = time.perf_counter()
            b.live.poll()
            idle.append((time.perf_counter() - start) * 1000)
        latencies: list[float] = []
        busy: list[float] = []
        original = b.live.apply

        def timed_apply(changes) -> None:  # on the UI thread for both databases
            start = time.perf_counter()
            original(changes)
            busy.append((time.perf_counter() - start) * 1000)

        # LiveUpdates calls self.apply after each look (on a shared database the look runs on
        # a worker thread, so timing poll() there would time only starting it)
        b.live.apply = timed_apply  # type: ignore[method-assign]
        for number in range(runs):
            wait = random.uniform(0, 1.2)  # a random moment of B's poll cycle
            end = time.perf_counter() + wait
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.002)
            title = f"Revision {number} of the letter"
            current = a_services.drafts.load(first.id)
            document = dataclasses.replace(
                current.document, subject=BilingualText.of(current.document.subject.ko, title)
            )
            a_services.drafts.save(first.id, document, expected_version=current.version)

            def shown(title: str = title) -> bool:
                row = b.drafts.model.row_of(first.id)
                listed = row >= 0 and b.drafts.model.summary(row).title_en == title
                return listed and b.form.document.subject.en == title

            latencies.append(spin_until(app, shown) * 1000)
        service_idle: list[float] = []
        for _ in range(20):
            start = time.perf_counter()
            b_services.live.poll()
            service_idle.append((time.perf_counter() - start) * 1000)
        busy_with_change = [t for t in busy if t > 1.0] or [0.0]  # the ones that applied one
        return {
            "database": "postgresql" if url else "sqlite",
            "drafts": drafts,
            "runs": runs,
            "latency_ms": {
                "p50": round(statistics.median(latencies), 1),
                "p95": round(percentile(latencies, 0.95), 1),
                "max": round(max(latencies), 1),
            },
            "idle_poll_ms_median": round(statistics.median(idle), 3),
            "idle_service_poll_ms_median": round(statistics.median(service_idle), 3),
            "applies_during_runs": len(busy),
            "applies_of_a_change": len(busy_with_change),
            "apply_ms_median_during_runs": round(statistics.median(busy_with_change), 2),
            "apply_ms_max_during_runs": round(max(busy_with_change), 2),
        }
    finally:
        for shown_window, services in ((a, a_services), (b, b_services)):
            shown_window.close()
            services.close()


def main(runs: int = 30, drafts: int = 200) -> list[dict]:
    app = QApplication.instance() or QApplication(sys.argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        results.append(run(app, root, None, runs, drafts))
        if missing_reason() is None:
            server = PostgresServer()
            try:
                server.start()
                server.make_shared()
                results.append(run(app, root, server.reset_shared(), runs, drafts))
            finally:
                server.stop()
        else:
            results.append({"database": "postgresql", "skipped": missing_reason()})
    return results


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:3]]
    print(json.dumps(main(*arguments), indent=2))
