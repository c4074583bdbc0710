"""Draft use cases over a real database file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.compose import Layout
from desktop_app.domain import FORMAT_VERSION, BilingualText
from desktop_app.services import DariError, DraftService, ExportRequest
from desktop_app.storage import ConflictError
from tests.helpers.samples import sample_letter, sample_payload


def test_save_and_load_round_trip_with_titles_and_search(service: DraftService) -> None:
    draft = service.create(sample_letter())
    changed = replace(draft.document, subject=BilingualText.of("탈북민을 위한 요청", "A request"))
    saved = service.save(draft.id, changed, expected_version=draft.version)
    assert saved.version == draft.version + 1
    assert service.load(draft.id).document == changed
    (summary,) = service.list("탈북민")
    assert summary.title_ko == "탈북민을 위한 요청" and summary.title_en == "A request"


def test_two_writers_never_silently_overwrite(service: DraftService) -> None:
    draft = service.create(sample_letter())
    mine = replace(draft.document, closing=BilingualText.of("내 것", "mine"))
    theirs = replace(draft.document, closing=BilingualText.of("남의 것", "theirs"))
    service.save(draft.id, theirs, expected_version=draft.version)
    with pytest.raises(ConflictError):
        service.save(draft.id, mine, expected_version=draft.version)
    assert service.load(draft.id).document.closing.en == "theirs"


def test_a_failed_export_leaves_the_earlier_file_and_the_draft_untouched(
    service: DraftService, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    draft = service.create(sample_letter())
    request = ExportRequest("ko", Layout.SEPARATE)
    (first,) = service.export(draft.id, request, out)
    before = first.read_bytes()
    blocked = out / "blocked"
    blocked.write_text("a file where a folder should be")
    with pytest.raises(DariError) as info:
        service.export(draft.id, request, blocked / "letter.docx")
    assert "letter.docx" in str(info.value)
    assert first.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == sorted([first.name, "blocked"])
    assert service.load(draft.id).document == draft.document


def test_import_rejects_future_formats_with_a_sentence(service: DraftService) -> None:
    with pytest.raises(DariError, match="newer Dari"):
        service.import_json({**sample_payload(), "format": FORMAT_VERSION + 1})
    assert service.list() == []
