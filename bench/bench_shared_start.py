"""Benchmark: how long the window takes from `app.start_window` to its draft list, over a
shared PostgreSQL database and over this computer's SQLite file, with DRAFTS drafts each.

A throw-away PostgreSQL server (tests/helpers/postgres.py: unix socket, fsync off, so the
figures are the client's side: psycopg, the schema check, listing the drafts) and a
temporary data folder. Each case starts ROUNDS windows; prints JSON with the median and the
slowest `start_to_attached_ms`. Not a test: run
`QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_shared_start.py [DRAFTS] [ROUNDS]`
(as root, the server runs as `postgres`, as in the tests).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop_app import app as app_module
from desktop_app.gui.settings import Settings
from desktop_app.paths import sample_path
from desktop_app.services import services_for
from tests.helpers.postgres import SHARED, PostgresServer


def _start_ms(app: QApplication, data: Path, settings_path: Path) -> float:
    qsettings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = app_module.start_window(app, data, qsettings)
    while not window.is_attached:
        app.processEvents()
        if window.open_failed or time.perf_counter() - started > 60:
            raise SystemExit("the window did not open its database")
    elapsed = (time.perf_counter() - started) * 1000
    window.close()
    window.services.close()
    window.ui.deleteLater()
    window.deleteLater()
    app.processEvents()
    return elapsed


def main(drafts: int = 100, rounds: int = 5) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    server = PostgresServer()
    results: dict[str, object] = {"drafts": drafts, "rounds": rounds}
    try:
        server.start()
        server.make_shared()
        url = server.url(SHARED)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for case, database_url in (("postgresql", url), ("sqlite", "")):
                data = root / case
                with services_for(data, **({"database_url": url} if database_url else {})) as s:
                    for _ in range(drafts):
                        s.drafts.import_file(sample_path())
                settings_path = root / f"{case}.ini"
                Settings(
                    QSettings(str(settings_path), QSettings.Format.IniFormat)
                ).database_url = database_url
                times = [_start_ms(app, data, settings_path) for _ in range(rounds)]
                results[case] = {
                    "median_start_to_attached_ms": round(statistics.median(times), 1),
                    "max_start_to_attached_ms": round(max(times), 1),
                }
    finally:
        server.stop()
    return results


if __name__ == "__main__":
    args = [int(value) for value in sys.argv[1:3]]
    print(json.dumps(main(*args), indent=2))
