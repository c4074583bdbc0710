"""Benchmark: exporting the sample letter vs python-docx alone; save latency with 10,000 drafts.

Prints JSON. Not a test: run `.venv/bin/python bench/bench_export.py` and read the ratios.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import docx

from desktop_app.compose import Layout, LayoutDocument, compose, compose_both
from desktop_app.domain import BilingualText, from_json
from desktop_app.paths import sample_path
from desktop_app.render import render_docx
from desktop_app.services import DraftService
from desktop_app.storage import Database

RUNS = 15


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def paired_median_ms(
    first: Callable[[], object], second: Callable[[], object], runs: int = RUNS
) -> tuple[float, float]:
    """Median times of two actions measured alternately, so load on a shared machine hits both."""
    first()  # warm up
    second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            out.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times[0]), 2), round(statistics.median(times[1]), 2)


def plain_python_docx(layout: LayoutDocument) -> bytes:
    """The baseline: python-docx alone writing the same paragraphs, no fonts, no scrubbing."""
    document = docx.Document()
    for line in layout.plain_text().splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def first_export_ms() -> float:
    """The first export of a process, which also scrubs python-docx's template (then cached)."""
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    start = time.perf_counter()
    render_docx(compose(letter, "ko"))
    return round((time.perf_counter() - start) * 1000, 2)


def export_figures() -> dict[str, object]:
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    layouts: dict[str, Callable[[], LayoutDocument]] = {
        "ko": lambda: compose(letter, "ko"),
        "en": lambda: compose(letter, "en"),
        "combined": lambda: compose_both(letter, Layout.COMBINED),
        "side-by-side": lambda: compose_both(letter, Layout.SIDE_BY_SIDE),
    }
    figures: dict[str, object] = {}
    for name, make in layouts.items():
        layout = make()
        dari_ms, plain_ms = paired_median_ms(
            lambda make=make: render_docx(make()),
            lambda layout=layout: plain_python_docx(layout),
        )
        figures[name] = {
            "dari_compose_and_render_ms": dari_ms,
            "python_docx_alone_ms": plain_ms,
            "ratio": round(dari_ms / plain_ms, 2),
        }
    return figures


def save_figures(drafts: int = 10_000) -> dict[str, object]:
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    with (
        tempfile.TemporaryDirectory() as folder,
        Database.open(Path(folder) / "dari.sqlite3") as db,
    ):
        service = DraftService(db)
        start = time.perf_counter()
        for n in range(drafts):
            service.create(replace(letter, subject=BilingualText.of(f"서한 {n}", f"Letter {n}")))
        fill_s = time.perf_counter() - start
        draft = service.create(letter)
        version = draft.version
        latencies = []
        for n in range(200):
            edited = replace(letter, closing=BilingualText.of(f"감사합니다 {n}", f"Thanks {n}"))
            start = time.perf_counter()
            version = service.save(draft.id, edited, expected_version=version).version
            latencies.append((time.perf_counter() - start) * 1000)
        list_ms = median_ms(lambda: service.list(), runs=5)
        search_ms = median_ms(lambda: service.list("탈북민"), runs=5)
    latencies.sort()
    return {
        "drafts": drafts,
        "fill_seconds_one_commit_each": round(fill_s, 1),
        "autosave_commit_ms_median": round(statistics.median(latencies), 2),
        "autosave_commit_ms_p95": round(latencies[int(len(latencies) * 0.95)], 2),
        "list_all_ms": list_ms,
        "search_korean_substring_ms": search_ms,
    }


if __name__ == "__main__":
    drafts = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    first_ms = first_export_ms()  # before anything else exports in this process
    figures = {
        "first_export_in_process_ms": first_ms,
        "export": export_figures(),
        "storage": save_figures(drafts),
    }
    print(json.dumps(figures, indent=2))
