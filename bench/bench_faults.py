"""Benchmark and fault run: the damage scenarios repeated many times on real files, the
backup/restore/purge costs, and a full disk (a real tmpfs when run as root on Linux, else a
file-size limit in a child process).

Per kind of damage and per run (a fresh copy of a 200-draft data folder, damaged with a new
random seed): is it refused as damaged with the file untouched, does restoring the latest
good backup bring all drafts back, and how many drafts does the Python salvage read back.

kill -9 (`--trials N`, default 200 per kind): a real process autosaving (DraftService.save with
the expected version, as the window does) or exporting a .docx over the last one, killed by
SIGKILL after a random delay (seeded); per kind: trials, committed saves lost, integrity
failures, partial target files, temporary files left and left after the next start, and the
longest typing lost (the time between the last save the process reported and the kill).

Prints JSON. Not a test: `.venv/bin/python bench/bench_faults.py [RUNS] [--trials N]
[--only kill|damage]` (RUNS default 20).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.services import DatabaseCorrupt, open_services, recovery, services_for
from desktop_app.storage import backups
from tests.helpers.canary import find_canary
from tests.helpers.damage import KINDS, copy_folder
from tests.helpers.faults import can_mount_tmpfs, file_size_limit, fill, small_disk
from tests.helpers.killing import run_trial
from tests.helpers.samples import sample_letter, sample_upr_brief

DRAFTS = 200


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _healthy(root: Path) -> tuple[Path, dict[str, float]]:
    data = root / "healthy"
    timings: dict[str, float] = {}
    with services_for(data) as services:
        for number in range(DRAFTS):
            services.drafts.create(sample_letter() if number % 2 else sample_upr_brief())
        started = time.perf_counter()
        info = services.backups.create()
        timings["backup_ms"] = (time.perf_counter() - started) * 1000
        timings["backup_bytes"] = info.size
        started = time.perf_counter()
        services.backups.list()
        timings["list_ms"] = (time.perf_counter() - started) * 1000
    return data, timings


def _damage_runs(root: Path, healthy: Path, runs: int) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    for kind, damage in sorted(KINDS.items()):
        refused = untouched = restored = 0
        salvaged: list[int] = []
        salvage_ms: list[float] = []
        for run in range(runs):
            data = copy_folder(healthy, root / f"{kind}-{run}".replace(" ", "-"))
            path = data / "dari.sqlite3"
            damage(path, random.Random(run))
            before = _digest(path)
            try:
                open_services(data).close()
            except DatabaseCorrupt:
                refused += 1
            untouched += _digest(path) == before
            twin = copy_folder(data, root / f"{kind}-{run}-salvage".replace(" ", "-"))
            done = recovery.restore_latest_good(data)
            if done is not None and done.backup.drafts == DRAFTS:
                with services_for(data) as services:
                    restored += len(services.drafts.list()) == DRAFTS
            started = time.perf_counter()
            kept = recovery.salvage(twin)
            salvage_ms.append((time.perf_counter() - started) * 1000)
            salvaged.append(kept.drafts)
            shutil.rmtree(data)
            shutil.rmtree(twin)
        results[kind] = {
            "runs": runs,
            "refused_as_damaged": refused,
            "left_untouched": untouched,
            "restored_all_drafts": restored,
            "salvaged_drafts_min": min(salvaged),
            "salvaged_drafts_median": statistics.median(salvaged),
            "salvaged_drafts_max": max(salvaged),
            "salvage_ms_median": round(statistics.median(salvage_ms), 1),
        }
    return results


def _purge(root: Path, healthy: Path) -> dict[str, object]:
    data = copy_folder(healthy, root / "purge")
    canary = "카나리아벤치"
    with services_for(data) as services:
        from dataclasses import replace

        from desktop_app.domain import BilingualText

        letter = replace(sample_letter(), subject=BilingualText(ko=canary, en="CanaryBench"))
        loaded = services.drafts.create(letter)
        for _ in range(6):
            services.backups.create()
        copies = len(backups.copies(data / "dari.sqlite3"))
        started = time.perf_counter()
        services.drafts.purge(loaded.id, keep_log=False)
        purge_ms = (time.perf_counter() - started) * 1000
    left = find_canary(data, canary, "CanaryBench")
    return {"copies_rewritten": copies, "purge_ms": round(purge_ms, 1), "canary_left": len(left)}


def _dari(data: Path, *args: str, preexec=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=preexec,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


def _full_disk(root: Path, runs: int) -> dict[str, object]:
    sample = str(Path("desktop_app/resources/samples/founding-case-letter.json").absolute())
    counts = {"runs": runs, "said_full_or_disk_error": 0, "said_damaged": 0, "next_start_ok": 0}
    if can_mount_tmpfs(root / "probe"):
        counts["method"] = "tmpfs (2 MB, filled to the last byte)"
        for run in range(runs):
            with small_disk(root / f"disk-{run}") as disk:
                data = disk / "data"
                _dari(data, "import", sample)
                filler = fill(disk)
                done = _dari(data, "list")
                counts["said_full_or_disk_error"] += "the disk is full" in done.stderr
                counts["said_damaged"] += "damaged" in done.stderr
                filler.unlink()
                counts["next_start_ok"] += _dari(data, "list").returncode == 0
    else:
        counts["method"] = "RLIMIT_FSIZE=0 in the child (EFBIG)"
        for run in range(runs):
            data = root / f"limited-{run}"
            _dari(data, "import", sample)
            done = _dari(data, "list", preexec=file_size_limit(0))
            counts["said_full_or_disk_error"] += "could not read or write" in done.stderr
            counts["said_damaged"] += "damaged" in done.stderr
            counts["next_start_ok"] += _dari(data, "list").returncode == 0
    return counts


def _kills(root: Path, trials: int) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    for mode in ("autosave", "export"):
        rng = random.Random(f"bench-kill-{mode}")
        started = time.perf_counter()
        done = []
        for number in range(trials):
            folder = root / f"kill-{mode}-{number}"
            done.append(run_trial(folder, mode, rng))
            shutil.rmtree(folder)
        lost_typing = [trial.typing_lost for trial in done if trial.committed]
        since = "typing_lost" if mode == "autosave" else "since_last_whole_export"
        results[mode] = {
            "trials": trials,
            "killed_before_first_save": sum(trial.committed == 0 for trial in done),
            "committed_total": sum(trial.committed for trial in done),
            "losses": sum(trial.lost for trial in done),
            "trials_with_loss": sum(trial.lost > 0 for trial in done),
            "integrity_failures": sum(trial.integrity != "ok" for trial in done),
            "partial_targets": sum(len(trial.bad_targets) for trial in done),
            "temps_left_by_kill": sum(trial.temps_left for trial in done),
            "temps_after_next_start": sum(trial.temps_after_cleanup for trial in done),
            f"longest_{since}_ms": round(max(lost_typing, default=0.0) * 1000, 1),
            f"median_{since}_ms": round(statistics.median(lost_typing or [0.0]) * 1000, 1),
            "seconds": round(time.perf_counter() - started, 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("runs", nargs="?", type=int, default=20, help="damage runs per kind")
    parser.add_argument("--trials", type=int, default=200, help="kill -9 trials per kind")
    parser.add_argument("--only", choices=("kill", "damage"), help="one part only")
    args = parser.parse_args()
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="dari-faults-") as folder:
        root = Path(folder)
        if args.only != "kill":
            healthy, timings = _healthy(root)
            report |= {
                "drafts": DRAFTS,
                "timings": {k: round(v, 1) for k, v in timings.items()},
                "damage": _damage_runs(root, healthy, args.runs),
                "purge": _purge(root, healthy),
                "full_disk": _full_disk(root, max(3, args.runs // 4)),
            }
        if args.only != "damage":
            report["kill_9"] = _kills(root, args.trials)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
