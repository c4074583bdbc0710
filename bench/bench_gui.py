"""Benchmarks of the window (figures, not tests); each prints one JSON object.

    .venv/bin/python bench/bench_gui.py start    # start to usable, 10,000 drafts, vs a bare window
    .venv/bin/python bench/bench_gui.py typing   # longest event-loop stall typing 2,000 characters
    .venv/bin/python bench/bench_gui.py memory   # RSS after opening the 10,000-draft list
    .venv/bin/python bench/bench_gui.py all

Every measurement runs in a fresh child process (offscreen unless QT_QPA_PLATFORM
says otherwise). The 10,000 drafts are generated once, through the storage API,
into bench/results/data-10000/ and reused.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

PHASES: dict[str, float] = {}  # child: milliseconds from process start to each phase
TYPED = "북한 인권 개선을 위해 함께 노력합니다. We urge the Government to act now. "


# -- the parent: data, child processes, figures -------------------------------------------


def ensure_drafts(count: int) -> Path:
    """A data folder holding `count` drafts made from the sample (made once, then reused)."""
    folder = RESULTS / f"data-{count}"
    stamp = folder / "complete"
    if stamp.exists():
        return folder
    import shutil

    from desktop_app.domain import BilingualText
    from desktop_app.paths import database_path, sample_path
    from desktop_app.services import DraftService, read_json_file
    from desktop_app.storage import Database

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    service_document = read_json_file(sample_path())
    started = time.perf_counter()
    with Database.open(database_path(folder)) as db:
        service = DraftService(db)
        base = service.import_json(service_document).document
        for n in range(1, count):
            subject = BilingualText.of(
                f"{n}번째 서한: {base.subject.ko}", f"Letter {n}: {base.subject.en}"
            )
            body = (dataclasses.replace(base.body[0], text=BilingualText.of(
                f"{base.body[0].text.ko} (사례 {n})", f"{base.body[0].text.en} (case {n})"
            )), *base.body[1:])  # fmt: skip
            service.create(dataclasses.replace(base, subject=subject, body=body))
    stamp.write_text(f"{count} drafts in {time.perf_counter() - started:.1f} s\n")
    return folder


def run_child(mode: str, data: Path | None, extra: list[str] | None = None) -> dict[str, Any]:
    """Start `mode` in a new interpreter; its JSON line. BENCH_T0 is the time just before."""
    command = [sys.executable, str(Path(__file__).resolve()), "_child", mode]
    if data is not None:
        command += ["--data", str(data)]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["BENCH_T0"] = repr(time.time())
    done = subprocess.run(command + (extra or []), env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{mode} child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    if done.returncode != 0:  # measured, then died (e.g. at exit): say so beside the figures
        result["child_exit_status"] = done.returncode
        result["child_error"] = done.stderr.strip().splitlines()[-8:]
    return result


def bench_start(data: Path, runs: int) -> dict[str, Any]:
    """Process start to the window drawn (and to the drafts listed): Dari vs a bare window."""
    bare: list[float] = []
    dari: list[float] = []
    run_child("bare", None)  # warm the file cache for both before timing
    run_child("app", data)
    phases: list[dict[str, Any]] = []
    for _ in range(runs):
        bare.append(run_child("bare", None)["usable_ms"])
        phases.append(run_child("app", data))
        dari.append(phases[-1]["usable_ms"])
    bare_median, dari_median = statistics.median(bare), statistics.median(dari)
    return {
        "benchmark": "start to usable window",
        "drafts": draft_count(data),
        "runs": runs,
        "bare_ms": [round(v, 1) for v in bare],
        "dari_ms": [round(v, 1) for v in dari],
        "bare_median_ms": round(bare_median, 1),
        "dari_median_ms": round(dari_median, 1),
        "ratio": round(dari_median / bare_median, 2),
        "dari_imports_done_median_ms": round(statistics.median(p["imported_ms"] for p in phases)),
        "dari_window_built_median_ms": round(statistics.median(p["built_ms"] for p in phases)),
        # The window is drawn first ("usable_ms" above); then the database is opened (with its
        # damage check), the 10,000 drafts listed and drawn, and the last draft reopened:
        "dari_ready_ms": [round(p["ready_ms"], 1) for p in phases],
        "dari_ready_median_ms": round(statistics.median(p["ready_ms"] for p in phases), 1),
        "ready_ratio": round(statistics.median(p["ready_ms"] for p in phases) / bare_median, 2),
        "goal_ratio": 3.0,
    }


def draft_count(data: Path) -> int:
    from desktop_app.paths import database_path
    from desktop_app.storage import Database

    with Database.open(database_path(data)) as db:
        return db.drafts.count()


# -- the children ---------------------------------------------------------------------------


def t0() -> float:
    return float(os.environ.get("BENCH_T0", time.time()))


def rss_kib() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process, in KiB (Linux)."""
    figures: dict[str, int] = {}
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            key, _sep, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                figures[key] = int(value.split()[0])
    if not figures:
        import resource

        figures["VmHWM"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return figures


def when_usable(window: Any, then: Any) -> None:
    """Call `then()` on the first idle turn after the window's first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.window() is window
            ):
                self.seen = True
                QApplication.instance().removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    app = QApplication.instance()
    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
    window.show()


def open_dari(data: Path, language: str = "ko", wait: bool = True) -> tuple[Any, Any]:
    """The real window over `data`, started as `dari` starts it (app.start_window): shown
    first, the database opened once it is drawn. Settings in a scratch ini file.

    With `wait`, returns once the database is open (window.attached).
    """
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app import APP_NAME, ORGANIZATION
    from desktop_app.app import start_window
    from desktop_app.gui.settings import Settings

    PHASES["imported_ms"] = (time.time() - t0()) * 1000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    ini = RESULTS / "bench-settings.ini"
    ini.unlink(missing_ok=True)
    qsettings = QSettings(str(ini), QSettings.Format.IniFormat)
    Settings(qsettings).ui_language = language
    window = start_window(app, data, qsettings)
    PHASES["built_ms"] = (time.time() - t0()) * 1000
    window.attached.connect(lambda: PHASES.setdefault("attached_ms", (time.time() - t0()) * 1000))
    if wait and not window.is_attached:
        loop = QEventLoop()
        window.attached.connect(loop.quit)
        loop.exec()
    return app, window


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QPlainTextEdit())
    window.resize(1200, 800)

    def report() -> None:
        usable = (time.time() - t0()) * 1000
        print(json.dumps({"usable_ms": usable, **rss_kib()}), flush=True)
        app.quit()

    when_usable(window, report)
    app.exec()


def child_app(data: Path, memory: bool = False) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractItemView

    app, window = open_dari(data, wait=False)
    window.resize(1600, 900)
    result: dict[str, Any] = {}

    def report() -> None:
        result.update(PHASES)
        result["usable_ms"] = result["shown_ms"]
        if memory:
            views = window.findChildren(QAbstractItemView)
            for view in views:  # walk the whole list so every row is loaded and drawn
                view.scrollToBottom()
                app.processEvents()
            model = window.drafts.view.model()
            while model.canFetchMore(model.index(-1, -1)):
                model.fetchMore(model.index(-1, -1))
                app.processEvents()
            result["rows_in_list"] = model.rowCount()
        result.update(rss_kib())
        print(json.dumps(result), flush=True)
        window.close()
        app.quit()

    def shown() -> None:
        PHASES["shown_ms"] = (time.time() - t0()) * 1000
        if window.is_attached:
            ready()
        else:
            window.attached.connect(ready)

    def ready() -> None:  # the list is filled: report on the next idle turn, after it paints
        QTimer.singleShot(
            0, lambda: (PHASES.setdefault("ready_ms", (time.time() - t0()) * 1000), report())
        )

    when_usable(window, shown)
    app.exec()
    window.services.close()


def body_editor(window: Any) -> Any:
    """The first body paragraph's Korean editor (found by name, as a person's reader would)."""
    from PySide6.QtWidgets import QPlainTextEdit

    editors = window.form.findChildren(QPlainTextEdit)
    for editor in editors:
        name = f"{editor.objectName()} {editor.accessibleName()}".lower()
        if any(word in name for word in ("body", "paragraph", "본문", "문단")):
            return editor
    return max(editors, key=lambda e: e.width() * e.height())  # the biggest text field


def child_typing(data: Path, characters: int, key_ms: int, burst: int, pause_ms: int) -> None:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    app, window = open_dari(data)
    window.resize(1600, 900)
    draft_id = window.service.list()[0].id
    window.open_draft(draft_id)
    version_before = window.service.load(draft_id).version
    editor = body_editor(window)
    ticks: list[float] = []
    handling: list[float] = []
    typed = [0]
    state: dict[str, Any] = {}

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typist = QTimer()
    typist.setTimerType(Qt.TimerType.PreciseTimer)
    typist.setInterval(key_ms)

    def key() -> None:
        character = TYPED[typed[0] % len(TYPED)]
        started = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(editor, event)
        handling.append(time.perf_counter() - started)
        typed[0] += 1
        if typed[0] >= characters:
            typist.stop()
            QTimer.singleShot(3000, finish)  # let autosave and the preview catch up
        elif typed[0] % burst == 0:
            typist.stop()
            QTimer.singleShot(pause_ms, typist.start)

    def finish() -> None:
        heartbeat.stop()
        gc.callbacks.remove(watch_gc)
        longest_gc = max(collections, key=lambda c: c[1], default=(0, 0.0))
        state["longest_garbage_collection_ms"] = round(longest_gc[1], 1)
        state["longest_garbage_collection_generation"] = longest_gc[0]
        gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(ticks))
        keys = sorted(h * 1000 for h in handling)
        state.update(
            benchmark="longest event-loop stall while typing",
            characters=typed[0],
            editor=editor.accessibleName() or editor.objectName(),
            preview_visible=window.preview.isVisible(),
            typed_into_editor=len(editor.toPlainText()) - start_length,
            saved_versions=window.service.load(draft_id).version - version_before,
            heartbeat_ms=5,
            longest_stall_ms=round(gaps[-1], 1),
            p99_gap_ms=round(gaps[int(len(gaps) * 0.99)], 1),
            gaps_over_50ms=sum(1 for g in gaps if g > 50),
            longest_key_ms=round(keys[-1], 1),
            median_key_ms=round(statistics.median(keys), 2),
            goal_ms=50,
        )
        print(json.dumps(state, ensure_ascii=False), flush=True)
        window.close()
        app.quit()

    typist.timeout.connect(key)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    start_length = len(editor.toPlainText())

    collections: list[tuple[int, float]] = []  # (generation, ms) of each garbage collection
    gc_started = [0.0]

    def watch_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            collections.append((info["generation"], (time.perf_counter() - gc_started[0]) * 1000))

    def begin() -> None:
        gc.callbacks.append(watch_gc)
        state.update(costs_of_the_usual_suspects(window))
        heartbeat.start()
        QTimer.singleShot(200, typist.start)

    when_usable(window, begin)
    app.exec()
    window.services.close()


def costs_of_the_usual_suspects(window: Any, times: int = 5) -> dict[str, float]:
    """The longest of a few preview refreshes and forced autosaves, in ms (what typing waits on)."""
    costs: dict[str, float] = {}
    for name, run in (
        ("preview_refresh_max_ms", window.preview.refresh_now),
        ("autosave_max_ms", lambda: window.autosaver.flush(force=True)),
    ):
        spent = []
        for _ in range(times):
            started = time.perf_counter()
            run()
            spent.append((time.perf_counter() - started) * 1000)
        costs[name] = round(max(spent), 1)
    return costs


def child(args: argparse.Namespace) -> None:
    if args.mode == "bare":
        child_bare()
    elif args.mode == "app":
        child_app(args.data)
    elif args.mode == "memory":
        child_app(args.data, memory=True)
    elif args.mode == "typing":
        child_typing(args.data, args.characters, args.key_ms, args.burst, args.pause_ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["start", "typing", "memory", "all", "_child"])
    parser.add_argument("mode", nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--characters", type=int, default=2000)
    parser.add_argument("--key-ms", type=int, default=15, help="time between keys")
    parser.add_argument("--burst", type=int, default=40, help="keys between pauses")
    parser.add_argument("--pause-ms", type=int, default=700, help="a pause in the typing")
    args = parser.parse_args()
    if args.what == "_child":
        child(args)
        return 0
    data = ensure_drafts(args.drafts)
    results = []
    if args.what in ("start", "all"):
        results.append(bench_start(data, args.runs))
    if args.what in ("typing", "all"):
        extra = ["--characters", str(args.characters), "--key-ms", str(args.key_ms)]
        extra += ["--burst", str(args.burst), "--pause-ms", str(args.pause_ms)]
        results.append(run_child("typing", data, extra))
    if args.what in ("memory", "all"):
        dari = run_child("memory", data)
        bare = run_child("bare", None)
        results.append({
            "benchmark": "memory after opening the draft list",
            "drafts": draft_count(data),
            "rows_in_list": dari.get("rows_in_list"),
            "dari_rss_mib": round(dari["VmRSS"] / 1024, 1),
            "dari_peak_mib": round(dari["VmHWM"] / 1024, 1),
            "bare_window_rss_mib": round(bare["VmRSS"] / 1024, 1),
        })  # fmt: skip
    for result in results:
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
