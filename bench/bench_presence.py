"""Benchmark: what the presence heartbeat writes (issue 14) — an open draft, idle, then typed in.

One real window (A) opens a draft over SQLite (the data folder's file) or PostgreSQL (a
real server started in a temporary folder, as the tests do); a second session (B, services
only) watches `presence` as a colleague's window does. Measured:

- how soon after A opens the draft B sees "being edited by A" (B asks every 50 ms);
- the presence rows A writes (INSERT/UPDATE/DELETE on `presence`, counted on A's engine)
  and all of A's write statements, per minute, while the draft stays open and nothing is
  typed (`--idle` seconds, default 60), then while a key is typed every 0.5 s
  (`--typing` seconds, default 60; 0 skips it). On SQLite every write is a commit, and with
  `synchronous = FULL` each commit an fsync of the WAL, and it moves every other window's
  change gate (they read the marks and presence again); on PostgreSQL a beat sends no
  NOTIFY (migration 0007's trigger fires on a new row or a changed draft only).
- whether B still sees A as editing at the end of each phase.

Prints JSON per database. Not a test:
`QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_presence.py [--idle S] [--typing S]
[--database sqlite|postgresql|both]`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit
from sqlalchemy import event

from desktop_app.app import build_window_shell
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.paths import sample_path
from desktop_app.services import Services, open_services
from tests.helpers.postgres import PostgresServer, missing_reason

WRITES = ("INSERT", "UPDATE", "DELETE")


class Counter:
    """Write statements run on one engine, presence ones apart."""

    def __init__(self) -> None:
        self.presence = 0
        self.writes = 0

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        head = statement.lstrip().upper()
        if head.startswith(WRITES):
            self.writes += 1
            if "PRESENCE" in head.split("WHERE")[0]:
                self.presence += 1

    def snapshot(self) -> tuple[int, int]:
        return self.presence, self.writes


def spin(app: QApplication, seconds: float, each: Any = None, every: float = 0.0) -> None:
    """Turn the event loop for `seconds`, calling `each()` every `every` seconds."""
    end = time.perf_counter() + seconds
    next_call = time.perf_counter() + every
    while time.perf_counter() < end:
        app.processEvents()
        if each is not None and time.perf_counter() >= next_call:
            each()
            next_call += every
        time.sleep(0.005)


def run(app: QApplication, root: Path, url: str | None, idle: float, typing: float) -> dict:
    label = "postgresql" if url else "sqlite"
    data = root / f"data-{label}"
    store = QSettings(str(root / f"{label}.ini"), QSettings.Format.IniFormat)
    shell: MainWindow = build_window_shell(app, data, store)
    services: Services = open_services(data, database_url=url)
    services.live.editor = "A"
    colleague: Services = open_services(root / f"b-{label}" if url else data, database_url=url)
    counter = Counter()
    event.listen(services._db.engine, "before_cursor_execute", counter)
    result: dict[str, Any] = {"database": label}
    try:
        first = services.drafts.import_file(sample_path())
        shell.attach(services)
        shell.show()
        spin(app, 1.0)
        opened = time.perf_counter()
        shell.open_draft(first.id)
        while first.id not in colleague.live.editors():
            if time.perf_counter() - opened > 30:
                raise TimeoutError("A never showed as editing")
            app.processEvents()
            time.sleep(0.05)
        result["shown_after_opening_s"] = round(time.perf_counter() - opened, 2)
        spin(app, 2.0)  # the opening's own writes settle
        before = counter.snapshot()
        spin(app, idle)
        after = counter.snapshot()
        per_minute = 60.0 / idle
        result["idle"] = {
            "seconds": idle,
            "presence_writes_per_min": round((after[0] - before[0]) * per_minute, 2),
            "all_writes_per_min": round((after[1] - before[1]) * per_minute, 2),
            "still_shown": first.id in colleague.live.editors(),
        }
        if typing > 0:
            fields = [
                f
                for f in shell.form.findChildren(QLineEdit)
                if f.isVisible()
                and not f.isReadOnly()
                and not isinstance(f.parent(), QAbstractSpinBox | QComboBox)
            ]
            field = fields[0]
            field.setFocus()
            before = counter.snapshot()
            spin(app, typing, lambda: QTest.keyClicks(field, "a"), every=0.5)
            after = counter.snapshot()
            per_minute = 60.0 / typing
            result["typing"] = {
                "seconds": typing,
                "presence_writes_per_min": round((after[0] - before[0]) * per_minute, 2),
                "all_writes_per_min": round((after[1] - before[1]) * per_minute, 2),
                "still_shown": first.id in colleague.live.editors(),
            }
    finally:
        event.remove(services._db.engine, "before_cursor_execute", counter)
        shell.close()
        services.close()
        colleague.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--typing", type=float, default=60.0)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    options = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if options.database in ("sqlite", "both"):
            print(json.dumps(run(app, root, None, options.idle, options.typing)), flush=True)
        if options.database in ("postgresql", "both"):
            reason = missing_reason()
            if reason is not None:
                print(json.dumps({"database": "postgresql", "skipped": reason}))
                return
            server = PostgresServer(durable=True)
            server.start()
            try:
                url = server.empty_database()
                print(json.dumps(run(app, root, url, options.idle, options.typing)), flush=True)
            finally:
                server.stop()


if __name__ == "__main__":
    main()
