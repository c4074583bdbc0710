"""Benchmark: the longest event-loop stall while typing with the live terminology check on.

2,000 characters typed into a body paragraph of a 20-page bilingual letter, against a
generated 2,000-term glossary (the generators of bench_glossary.py), in the real window
(offscreen unless QT_QPA_PLATFORM says otherwise). Keys come every 15 ms in bursts of 40
with a 700 ms pause between bursts, so the debounced check (300 ms) runs at every pause.
The same run without the check, in a fresh process, shows what the check itself adds.
Prints JSON. Not a test: `.venv/bin/python bench/bench_typing_check.py`.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_glossary import make_document, make_glossary  # noqa: E402

CHARACTERS = 2000
KEY_MS, BURST, PAUSE_MS, HEARTBEAT_MS = 15, 40, 700, 5


def typed_text(rng: random.Random, terms: list[Any]) -> str:
    """Korean words with glossary terms and particles in them, as a person would type."""
    words = []
    while sum(len(w) + 1 for w in words) < CHARACTERS:
        if rng.random() < 0.3:
            words.append(rng.choice(terms).ko + rng.choice(["을", "은", "의", "", "들은"]))
        else:
            words.append(rng.choice(["인권", "보호", "정부", "요청", "조사", "가족", "난민"]))
    return " ".join(words)[:CHARACTERS]


def prepare(folder: Path, rng: random.Random) -> tuple[int, list[Any]]:
    """A database with the generated glossary and the 20-page letter; the draft's id."""
    from desktop_app.paths import database_path
    from desktop_app.services import build_services
    from desktop_app.storage import Database

    terms = make_glossary(rng)
    document = make_document(rng, terms)
    with Database.open(database_path(folder)) as db:
        services = build_services(db)
        db.glossary.replace_all(terms)
        loaded = services.drafts.create(document)
    return loaded.id, terms


def costs(window: Any, times: int = 5) -> dict[str, float]:
    """The longest of a few preview refreshes and forced autosaves of this document, in ms."""
    spent: dict[str, float] = {}
    for name, run in (
        ("preview_refresh_max_ms", window.preview.refresh_now),
        ("autosave_max_ms", lambda: window.autosaver.flush(force=True)),
    ):
        runs = []
        for _ in range(times):
            started = time.perf_counter()
            run()
            runs.append((time.perf_counter() - started) * 1000)
        spent[name] = round(max(runs), 1)
    return spent


def child(check_on: bool) -> None:
    from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import build_main_window
    from desktop_app.gui.glossary import marks as term_marks
    from desktop_app.gui.window.main_window import make_application

    checks: list[float] = []  # ms per live check run while typing (not skipped as unchanged)
    typing = [False]
    original = term_marks.TermMarks.refresh

    def timed_refresh(self: Any) -> None:
        started = time.perf_counter()
        before = self._checked
        original(self)
        if typing[0] and self._checked != before:
            checks.append((time.perf_counter() - started) * 1000)

    def no_check(self: Any) -> None:
        self.timer.stop()

    term_marks.TermMarks.refresh = timed_refresh if check_on else no_check  # type: ignore[method-assign]

    rng = random.Random(20241128)
    folder = Path(tempfile.mkdtemp(prefix="dari-bench-"))
    draft_id, terms = prepare(folder, rng)
    text = typed_text(rng, terms)
    app = make_application(sys.argv[:1])
    window, db = build_main_window(
        app, folder, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    )
    window.resize(1600, 900)
    window.show()
    window.open_draft(draft_id)
    paragraph = window.form.sections["body"].rows[0].editors["text"]
    editor = paragraph.editors["ko"]

    ticks: list[float] = []
    handling: list[float] = []
    typed = [0]
    heartbeat = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typist = QTimer(interval=KEY_MS, timerType=Qt.TimerType.PreciseTimer)
    result: dict[str, Any] = {}

    def key() -> None:
        character = text[typed[0]]
        started = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            )
        handling.append((time.perf_counter() - started) * 1000)
        typed[0] += 1
        if typed[0] >= len(text):
            typist.stop()
            QTimer.singleShot(2000, finish)  # the last check, autosave and preview
        elif typed[0] % BURST == 0:
            typist.stop()
            QTimer.singleShot(PAUSE_MS, typist.start)

    def finish() -> None:
        heartbeat.stop()
        gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(ticks))
        keys = sorted(handling)
        window.flush()
        saved = window.service.load(draft_id).document.body[0].text.ko  # type: ignore[attr-defined]
        result.update(
            live_check=check_on,
            glossary_terms=len(terms),
            document_paragraphs=len(window.form.document.body),
            characters=typed[0],
            typed_text_saved=text in saved,
            live_checks_run=len(checks),
            check_max_ms=round(max(checks, default=0.0), 2),
            check_median_ms=round(statistics.median(checks), 2) if checks else 0.0,
            marks_at_end=len(paragraph.terms.findings),
            heartbeat_ms=HEARTBEAT_MS,
            longest_stall_ms=round(gaps[-1], 1),
            p99_gap_ms=round(gaps[int(len(gaps) * 0.99)], 1),
            gaps_over_50ms=sum(1 for g in gaps if g > 50),
            longest_key_ms=round(keys[-1], 1),
            median_key_ms=round(statistics.median(keys), 2),
            **costs(window),
        )
        window.close()
        app.quit()

    typist.timeout.connect(key)

    def begin() -> None:
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        editor.insertPlainText(" ")  # the caret after the paragraph's text
        heartbeat.start()
        typing[0] = True
        QTimer.singleShot(300, typist.start)

    QTimer.singleShot(500, begin)
    app.exec()
    db.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)


def run_child(check_on: bool) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "_child", "on" if check_on else "off"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"the benchmark child failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def main() -> None:
    if sys.argv[1:2] == ["_child"]:
        child(sys.argv[2] == "on")
        return
    with_check, without_check = run_child(True), run_child(False)
    summary = {
        "benchmark": "longest event-loop stall while typing, live terminology check on vs off",
        "goal_ms": 50,
        "with_check": with_check,
        "without_check": without_check,
        "check_adds_to_longest_stall_ms": round(
            with_check["longest_stall_ms"] - without_check["longest_stall_ms"], 1
        ),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
