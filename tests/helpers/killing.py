"""kill -9 at a random moment of autosave or export, in a real process, and what it left.

The driver (`DRIVER`) uses the services exactly as the window's autosave does
(`DraftService.save` with the expected version, a revision now and then) or as the Export
button does (`DraftService.export` of a .docx over the last one), and prints one line after
each commit or completed export, with the time. The parent kills it with SIGKILL after a
seeded random delay and checks the files: used by tests/unit/faults/test_faults_kill.py
(a few trials) and bench/bench_faults.py (hundreds, `--trials`).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from desktop_app.files import is_temp_name
from desktop_app.services import services_for
from tests.helpers.docx_checks import docx_text

ROOT = Path(__file__).resolve().parents[2]
ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
MARK = "저장번호"  # every save writes "저장번호 N" into the subject

DRIVER = r"""
import dataclasses, sys, time
from pathlib import Path
from desktop_app.domain import BilingualText
from desktop_app.services import ExportRequest, services_for
from tests.helpers.samples import sample_letter

mode, data_dir, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
with services_for(data_dir) as services:
    drafts = services.drafts
    loaded = drafts.create(sample_letter())
    # warmed up: the modules a save or an export needs are loaded, and a whole .docx is
    # already at the target, so every kill falls on an overwrite
    drafts.export(loaded.id, ExportRequest(languages="ko"), out, overwrite=True)
    loaded = drafts.load(loaded.id)
    print("ready", loaded.id, f"{time.time():.6f}", flush=True)
    number = 0
    while True:
        number += 1
        if mode == "autosave":
            document = dataclasses.replace(
                loaded.document,
                subject=BilingualText(ko=f"MARK {number}", en=f"save {number} " * number),
            )
            loaded = drafts.save(
                loaded.id, document, expected_version=loaded.version,
                revision_reason="typing" if number % 7 == 0 else None,
            )
            print("saved", number, loaded.version, f"{time.time():.6f}", flush=True)
        else:
            files = drafts.export(loaded.id, ExportRequest(languages="ko"), out, overwrite=True)
            print("exported", number, f"{time.time():.6f}", flush=True)
""".replace("MARK", MARK)


@dataclass(frozen=True)
class Trial:
    """What one kill left."""

    mode: str
    delay: float
    committed: int  # saves (or exports) the driver reported done before the kill
    in_database: int  # the highest save number in the database (-1: no draft at all)
    lost: int  # reported saves missing from the database (0 or more: must be 0)
    typing_lost: float  # seconds between the last reported save and the kill
    integrity: str  # PRAGMA integrity_check
    targets: int  # target files (the warm-up's at least)
    bad_targets: tuple[str, ...]  # target files that are not a whole .docx
    temps_left: int  # hidden temporary files left by the kill
    temps_after_cleanup: int  # ... and still there after remove_stale_temps


def run_trial(root: Path, mode: str, rng: random.Random, max_delay: float = 1.0) -> Trial:
    """Start the driver in `root`, kill it -9 after a random delay once it is ready."""
    data_dir, out = root / "data", root / "out"
    out.mkdir(parents=True, exist_ok=True)
    delay = rng.uniform(0.0, max_delay)
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, mode, str(data_dir), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=ENV,
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline()
        if not first.startswith("ready"):
            child.kill()
            raise AssertionError(f"the driver did not start: {first!r} {child.communicate()}")
        time.sleep(delay)
        killed_at = time.time()
        os.kill(child.pid, signal.SIGKILL)
        rest, errors = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, errors
    draft_id = int(first.split()[1])
    last_at = float(first.split()[2])
    committed = 0
    for line in rest.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] in ("saved", "exported"):
            committed, last_at = int(words[1]), float(words[-1])
    return _inspect(mode, delay, data_dir, out, draft_id, committed, killed_at - last_at)


def _inspect(
    mode: str,
    delay: float,
    data_dir: Path,
    out: Path,
    draft_id: int,
    committed: int,
    typing_lost: float,
) -> Trial:
    database = data_dir / "dari.sqlite3"
    with closing(sqlite3.connect(database)) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    targets = [p for p in out.iterdir() if not is_temp_name(p.name)]
    bad = tuple(sorted(p.name for p in targets if not _whole(p)))
    temps_left = sum(is_temp_name(p.name) for p in out.iterdir())
    with services_for(data_dir) as services:  # a start, as the window's: it cleans up
        subject = services.drafts.load(draft_id).document.subject.ko
        services.log.remove_stale_temps()  # the logged folders, as the window at start
    in_database = int(subject.split()[1]) if subject.startswith(MARK) else 0
    if mode != "autosave":
        in_database = committed  # exports: nothing to count in the database
    return Trial(
        mode=mode,
        delay=delay,
        committed=committed,
        in_database=in_database,
        lost=max(0, committed - in_database),
        typing_lost=typing_lost,
        integrity=integrity,
        targets=len(targets),
        bad_targets=bad,
        temps_left=temps_left,
        temps_after_cleanup=sum(is_temp_name(p.name) for p in out.iterdir()),
    )


def _whole(path: Path) -> bool:
    """A complete, readable .docx (every member's CRC right, the letter's text inside)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                return False
        return bool(docx_text(path).strip())
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
