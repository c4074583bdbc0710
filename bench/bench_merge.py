"""Benchmark: mail merge of the sample letter to 200 recipients vs 200 single exports.

Both languages, separate files (400 files each way), in the same run, alternately, on a
real database in a temporary folder. The single exports go through
`DraftService.export` as the window and `dari export` do (load the draft, compose,
render, write atomically, keep a revision, log each file); the merge through
`MergeService.merge` (load once, then per recipient: substitute, compose, render,
write; one revision and one log transaction at the end). The issue asks for a ratio
of at most 1.0.

Prints JSON. Not a test: run `.venv/bin/python bench/bench_merge.py [RECIPIENTS] [ROUNDS]`.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import BilingualText, Letter, from_json
from desktop_app.domain.letter import Recipient
from desktop_app.paths import sample_path
from desktop_app.services import ExportRequest, Services, build_services
from desktop_app.storage import Database


def sample_letter() -> Letter:
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    assert isinstance(letter, Letter)
    return letter


def recipients(count: int) -> list[Recipient]:
    """`count` made-up offices, clearly marked as benchmark data (no real holder)."""
    return [
        Recipient(
            name=BilingualText.of(f"수신인 {n}", f"Recipient {n}"),
            title=BilingualText.of("대사", "Ambassador"),
            organisation=BilingualText.of(f"벤치마크 대표부 {n}", f"Benchmark Mission {n}"),
        )
        for n in range(1, count + 1)
    ]


def singles(services: Services, draft_ids: list[int], out: Path) -> float:
    request = ExportRequest("both")
    start = time.perf_counter()
    for draft_id in draft_ids:
        services.drafts.export(draft_id, request, out)
    return time.perf_counter() - start


def merged(services: Services, draft_id: int, people: list[Recipient], out: Path) -> float:
    start = time.perf_counter()
    outcome = services.merge.merge(draft_id, people, ExportRequest("both"), out)
    elapsed = time.perf_counter() - start
    assert len(outcome.paths) == 2 * len(people)
    return elapsed


def main(count: int = 200, rounds: int = 3) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Database.open(root / "dari.sqlite3") as db:
            services = build_services(db)
            people = recipients(count)
            # One stored letter per recipient, each addressed to them: the single exports
            # make the same 400 documents the merge makes.
            draft_ids = [
                services.drafts.create(replace(sample_letter(), recipients=(person,))).id
                for person in people
            ]
            merge_draft = services.drafts.create(sample_letter()).id
            services.drafts.export(merge_draft, ExportRequest("both"), root)  # warm up
            single_s: list[float] = []
            merge_s: list[float] = []
            for n in range(rounds):
                for name, action in (
                    ("single", lambda out: single_s.append(singles(services, draft_ids, out))),
                    (
                        "merge",
                        lambda out: merge_s.append(merged(services, merge_draft, people, out)),
                    ),
                ):
                    out = root / f"{name}-{n}"
                    out.mkdir()
                    action(out)
    single, merge = statistics.median(single_s), statistics.median(merge_s)
    return {
        "recipients": count,
        "files_each_way": 2 * count,
        "rounds": rounds,
        "single_exports_s": round(single, 2),
        "merge_s": round(merge, 2),
        "ratio_merge_to_singles": round(merge / single, 3),
        "all_single_s": [round(s, 2) for s in single_s],
        "all_merge_s": [round(s, 2) for s in merge_s],
    }


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(main(*args), indent=2))
