"""Benchmark: exporting an event's set vs exporting its documents one by one, and showing
an event among many drafts.

A set of DOCS documents (letters and UPR briefs alternately, the samples), both languages,
separate files, on a real database in a temporary folder. "singles" is one
`DraftService.export` per document (as the window's Export and `dari export`); "set" is
`EventService.export_set` (plan every file, write them, log them with the event). Also
the time of `EventService.show` (the event's view reads the draft list's summaries)
with 1000 other drafts in the database.

With `pdf` as third argument, both are PDF (`--format pdf`) instead: the singles make one
LibreOffice run per document, the set one run for all its files (`soffice_runs` counted).
Measured on the shared 2-core machine, 7 documents (14 PDFs), 1 round: singles 63.6 s in
7 runs, the set 16.6 s in 1 run.

Prints JSON. Not a test: run `.venv/bin/python bench/bench_events.py [DOCS] [ROUNDS] [pdf]`.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop_app import render
from desktop_app.domain import BilingualText, from_json
from desktop_app.paths import sample_path
from desktop_app.services import ExportRequest, build_services
from desktop_app.storage import Database


def main(docs: int = 20, rounds: int = 3, fmt: str = "docx") -> dict[str, object]:
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    brief_file = sample_path("founding-case-upr-brief.json")
    brief = from_json(json.loads(brief_file.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp, Database.open(Path(tmp) / "dari.sqlite3") as db:
        services = build_services(db)
        ids = [services.drafts.create(letter if n % 2 else brief).id for n in range(docs)]
        _c, event = services.events.create(BilingualText("벤치마크 행사", "Benchmark event"))
        services.events.add(event.id, ids)
        request = ExportRequest("both", format="pdf" if fmt == "pdf" else "docx")
        singles, sets = [], []
        runs = {"singles": 0, "set": 0}
        services.drafts.export(ids[0], request, Path(tmp))  # python-docx loaded before timing
        for n in range(rounds):
            out = Path(tmp) / f"singles-{n}"
            out.mkdir()
            folders = [out / str(i) for i in range(len(ids))]  # same names: one folder each
            for folder in folders:
                folder.mkdir()
            before, start = render.soffice_runs(), time.perf_counter()
            for draft_id, folder in zip(ids, folders, strict=True):
                services.drafts.export(draft_id, request, folder)
            singles.append(time.perf_counter() - start)
            runs["singles"] = render.soffice_runs() - before
            out = Path(tmp) / f"set-{n}"
            out.mkdir()
            before, start = render.soffice_runs(), time.perf_counter()
            outcome = services.events.export_set(event.id, request, out)
            sets.append(time.perf_counter() - start)
            runs["set"] = render.soffice_runs() - before
            assert len(outcome.files) == 2 * docs
        for _ in range(1000):
            services.drafts.create(letter)
        shows = []
        for _ in range(rounds * 3):
            start = time.perf_counter()
            services.events.show(event.id)
            shows.append(time.perf_counter() - start)
    single, whole = statistics.median(singles), statistics.median(sets)
    return {
        "format": request.format,
        "soffice_runs": runs,
        "documents": docs,
        "files": 2 * docs,
        "singles_s": round(single, 3),
        "set_s": round(whole, 3),
        "set_over_singles": round(whole / single, 3),
        "show_ms_with_1000_other_drafts": round(statistics.median(shows) * 1000, 1),
    }


if __name__ == "__main__":
    argv = sys.argv[1:]
    docs = int(argv[0]) if argv else 20
    rounds = int(argv[1]) if len(argv) > 1 else 3
    print(json.dumps(main(docs, rounds, argv[2] if len(argv) > 2 else "docx"), indent=2))
