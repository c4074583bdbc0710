"""The event set as PDF over a real database and the real LibreOffice: the four papers of
the press conference in one LibreOffice run, the 붙임 naming the PDFs written."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import render
from desktop_app.domain import BilingualText
from desktop_app.services import ExportRequest, Services
from tests.helpers.docx_checks import docx_text
from tests.helpers.samples import (
    sample_letter,
    sample_press_notice,
    sample_statement,
    sample_upr_brief,
)

pytestmark = pytest.mark.libreoffice


def test_a_set_of_four_makes_its_pdfs_in_one_libreoffice_run(
    services: Services, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    documents = (sample_press_notice(), sample_statement(), sample_letter(), sample_upr_brief())
    ids = [services.drafts.create(document).id for document in documents]
    _changes, event = services.events.create(BilingualText("UPR 기자회견", ""))
    services.events.add(event.id, ids)
    seen: list[tuple[int, int]] = []
    before = render.soffice_runs()
    outcome = services.events.export_set(
        event.id,
        ExportRequest("ko", format="both"),
        out,
        progress=lambda done, total, _path: seen.append((done, total)),
        fill_enclosures=True,
    )
    assert render.soffice_runs() - before == 1
    assert seen == [(n, 5) for n in range(1, 6)]  # four .docx, then the one PDF run
    assert outcome.total == 8 == len(outcome.files) and outcome.notices == ()
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in outcome.paths)
    pdfs = [p for p in out.iterdir() if p.suffix == ".pdf"]
    assert len(pdfs) == 4 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert [d for d, _w in outcome.files] == [i for i in ids for _ in range(2)]
    entries = services.log.entries()
    assert sorted(Path(e.file_path).name for e in entries) == names
    assert {e.event_id for e in entries} == {event.id} and all(e.note == "" for e in entries)
    # the letter's 붙임 names the other three documents' PDFs, as written beside it
    letter_docx = next(w.path for d, w in outcome.files if d == ids[2] and w.path.suffix == ".docx")
    text = docx_text(letter_docx)
    for draft_id, written in outcome.files:
        if draft_id != ids[2] and written.path.suffix == ".pdf":
            assert written.path.stem in text
    assert outcome.filled == (ids[2],)
