"""Very long recipients and subjects export: names capped by bytes, real files read back."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop_app.compose import Layout
from desktop_app.domain import BilingualText, to_json
from desktop_app.files import MAX_FILE_NAME_BYTES, MAX_NAME_BYTES
from desktop_app.services import DraftService, ExportRequest
from tests.helpers.cli import dari
from tests.helpers.docx_checks import docx_text
from tests.helpers.samples import sample_letter

OFFICE = "외교부인권사회과" * 38  # 304 syllables, 912 bytes
SUBJECT = "중국내탈북민강제북송중단요청" * 22  # 308 syllables
TITLE = "장관" * 150  # 300 syllables, used when the organisation is empty


def long_letter(organisation: str = OFFICE) -> Any:
    letter = sample_letter()
    first = replace(
        letter.recipients[0],
        organisation=BilingualText.of(organisation, "Ministry " * 40),
        title=BilingualText.of(TITLE, "Minister " * 40),
    )
    return replace(
        letter,
        recipients=(first, *letter.recipients[1:]),
        subject=BilingualText.of(SUBJECT, "Stop forced returns " * 20),
    )


def nbytes(path: Path | str) -> int:
    return len(os.fsencode(Path(path).name))


@pytest.fixture
def temp_names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every temporary file name the atomic write really creates (the real mkstemp)."""
    seen: list[str] = []
    real = tempfile.mkstemp

    def recording(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)
        seen.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", recording)
    return seen


@pytest.mark.parametrize("organisation", [OFFICE, ""], ids=["organisation", "title"])
@pytest.mark.parametrize(
    ("languages", "layout"),
    [("both", Layout.SEPARATE), ("both", Layout.SIDE_BY_SIDE), ("ko", Layout.SEPARATE)],
)
def test_300_syllables_export_and_read_back(
    service: DraftService,
    tmp_path: Path,
    temp_names: list[str],
    organisation: str,
    languages: Any,
    layout: Layout,
) -> None:
    draft = service.create(long_letter(organisation))
    out = tmp_path / "out"
    out.mkdir()
    paths = service.export(draft.id, ExportRequest(languages, layout), out)
    assert len(set(paths)) == len(paths) == ExportRequest(languages, layout).file_count()
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temp left
    for path in paths:
        assert nbytes(path) <= MAX_FILE_NAME_BYTES
        assert path.name.startswith("2024-04-18 " + (organisation or TITLE)[:20])
        text = docx_text(path)
        if "(en)" not in path.name:  # the Korean letter names the office by its title
            assert SUBJECT in text and TITLE in text
        if "(ko)" not in path.name:
            assert "Stop forced returns " * 3 in text
    assert temp_names and all(nbytes(name) <= MAX_NAME_BYTES for name in temp_names)


def test_the_command_line_exports_them_too(data_dir: Path, tmp_path: Path) -> None:
    draft_file = tmp_path / "long.json"
    draft_file.write_text(json.dumps(to_json(long_letter())), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()

    draft_id = dari("import", draft_file, data_dir=data_dir).stdout.strip()
    result = dari("export", draft_id, "--lang", "both", "--out", out, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name[-10:] for p in written] == [" (ko).docx", " (en).docx"]
    for path in written:
        assert path.is_file() and nbytes(path) <= MAX_FILE_NAME_BYTES
    assert SUBJECT in docx_text(written[0])
