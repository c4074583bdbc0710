"""Benchmark: 14 letters (the sample to the 14 missions of UPR 46, in Korean) to PDF in one
LibreOffice run, against 14 runs of one file each; and a merge to PDF end to end.

Prints JSON. Not a test: `.venv/bin/python bench/bench_pdf.py`.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app import render
from desktop_app.compose import compose
from desktop_app.compose.presets import default_preset
from desktop_app.services import ExportRequest, services_for
from desktop_app.services.merge import letter_for
from tests.helpers.recipients import upr_46_missions
from tests.helpers.samples import sample_letter


def main() -> None:
    if not render.libreoffice_available():
        raise SystemExit("LibreOffice is not installed")
    letter = sample_letter()
    request = ExportRequest("ko")
    preset = default_preset("letter", "ko")
    results: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for n, recipient in enumerate(upr_46_missions()):
            path = root / f"letter-{n:02d}.docx"
            render.write_docx(compose(letter_for(letter, recipient, request), "ko", preset), path)
            paths.append(path)
        runs = render.soffice_runs()
        start = time.perf_counter()
        pdfs = render.convert_pdfs(paths)
        results["one_run_14_files_s"] = round(time.perf_counter() - start, 2)
        results["one_run_soffice_runs"] = render.soffice_runs() - runs
        assert len(pdfs) == 14
        runs = render.soffice_runs()
        start = time.perf_counter()
        for path in paths:
            render.convert_pdfs([path])
        results["fourteen_runs_s"] = round(time.perf_counter() - start, 2)
        results["fourteen_runs_soffice_runs"] = render.soffice_runs() - runs

        out = root / "merge"
        out.mkdir()
        with services_for(root / "data") as services:
            draft = services.drafts.create(letter)
            start = time.perf_counter()
            outcome = services.merge.merge(
                draft.id, upr_46_missions(), ExportRequest("ko", format="pdf"), out
            )
            results["merge_14_to_pdf_s"] = round(time.perf_counter() - start, 2)
            results["merge_14_files"] = len(outcome.paths)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
