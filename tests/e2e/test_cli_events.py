"""`dari events …` as a script runs it: the real command in a child process, a real database,
real files read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import render
from desktop_app.domain import to_json
from desktop_app.paths import sample_path
from tests.helpers.cli import dari
from tests.helpers.docx_checks import docx_text
from tests.helpers.samples import sample_upr_brief

KOREAN = "ko_KR.UTF-8"
HANGUL = re.compile("[\uac00-\ud7a3]")


def _ok(*args: str | Path, data_dir: Path, lang: str = "C.UTF-8") -> str:
    result = dari(*args, data_dir=data_dir, lang=lang)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_create_add_show_and_export_the_set_with_its_enclosures(
    data_dir: Path, tmp_path: Path
) -> None:
    letter = int(_ok("import", sample_path(), data_dir=data_dir))
    brief_file = tmp_path / "brief.json"
    brief_file.write_text(json.dumps(to_json(sample_upr_brief())), encoding="utf-8")
    brief = int(_ok("import", brief_file, data_dir=data_dir))
    event = int(
        _ok(
            "events", "create", "UPR 기자회견", "--title-en", "UPR press conference",
            "--date", "2024-04-18", "--place", "서울 프레스센터", data_dir=data_dir,
        )
    )  # fmt: skip
    added = _ok("events", "add", event, letter, brief, data_dir=data_dir, lang=KOREAN)
    assert "2" in added
    listed = _ok("events", "list", data_dir=data_dir)
    assert listed.startswith(f"{event}\t2024-04-18\t2\tUPR 기자회견 / UPR press conference")
    shown = _ok("events", "show", event, data_dir=data_dir).splitlines()
    assert [line.split("\t")[0] for line in shown[1:]] == [str(letter), str(brief)]
    assert shown[1].split("\t")[1] == "letter" and "KO " in shown[1]

    out = tmp_path / "out"
    out.mkdir()
    printed = _ok(
        "events", "export", event, "--out", out, "--fill-enclosures", data_dir=data_dir
    ).splitlines()
    assert sorted(Path(p).name for p in printed) == sorted(p.name for p in out.iterdir())
    assert len(printed) == 4
    ko_letter = next(Path(p) for p in printed if "서한" in p and p.endswith("(ko).docx"))
    brief_ko = next(Path(p) for p in printed if "UPR" in p and p.endswith("(ko).docx"))
    text = docx_text(ko_letter)
    assert "붙임" in text and brief_ko.stem in text  # the name of the file written beside it
    log = _ok("log", data_dir=data_dir).splitlines()
    assert len(log) == 4
    csv_out = tmp_path / "log.csv"
    _ok("log", "--out", csv_out, data_dir=data_dir)
    rows = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",event") and all(row.endswith(f",{event}") for row in rows[1:])


def test_bad_ids_get_a_sentence_in_korean(data_dir: Path, tmp_path: Path) -> None:
    result = dari("events", "show", "7", data_dir=data_dir, lang=KOREAN)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "7" in result.stderr and "행사" in result.stderr
    event = _ok("events", "create", "Press conference", data_dir=data_dir).strip()
    result = dari("events", "add", event, "99", data_dir=data_dir)
    assert result.returncode == 1 and "99" in result.stderr
    result = dari("events", "export", event, "--out", tmp_path, data_dir=data_dir)
    assert result.returncode == 1 and "no documents" in result.stderr


def _set_of_two(data_dir: Path, tmp_path: Path) -> tuple[int, Path]:
    letter = _ok("import", sample_path(), data_dir=data_dir).strip()
    brief_file = tmp_path / "brief.json"
    brief_file.write_text(json.dumps(to_json(sample_upr_brief())), encoding="utf-8")
    brief = _ok("import", brief_file, data_dir=data_dir).strip()
    event = int(_ok("events", "create", "기자회견", data_dir=data_dir))
    _ok("events", "add", event, letter, brief, data_dir=data_dir)
    out = tmp_path / "out"
    out.mkdir()
    return event, out


@pytest.mark.libreoffice
def test_the_set_as_word_and_pdf_refused_again_without_overwrite(
    data_dir: Path, tmp_path: Path
) -> None:
    if not render.libreoffice_available():
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice must be installed under CI")
        pytest.skip("LibreOffice is not installed")
    event, out = _set_of_two(data_dir, tmp_path)
    args = ("events", "export", event, "--lang", "ko", "--format", "both", "--out", out)
    printed = _ok(*args, "--pdfa", "--fill-enclosures", data_dir=data_dir).splitlines()
    names = sorted(Path(p).name for p in printed)
    assert names == sorted(p.name for p in out.iterdir()) and len(names) == 4
    assert sum(name.endswith(" (ko).pdf") for name in names) == 2
    assert all(p.read_bytes().startswith(b"%PDF") for p in out.glob("*.pdf"))
    ko_letter = next(p for p in out.glob("*.docx") if "서한" in p.name)
    brief_pdf = next(p for p in out.glob("*.pdf") if "UPR" in p.name)
    assert brief_pdf.stem in docx_text(ko_letter)  # the 붙임 names the PDF written too
    before = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    refused = dari(*args, data_dir=data_dir, lang=KOREAN)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "--overwrite" in refused.stderr and HANGUL.search(refused.stderr)
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == before  # nothing replaced
    again = _ok(*args, "--overwrite", data_dir=data_dir).splitlines()
    assert sorted(Path(p).name for p in again) == names
    assert len(_ok("log", data_dir=data_dir).splitlines()) == 8


def test_without_libreoffice_the_set_is_word_files_and_one_sentence_says_why(
    tmp_path: Path,
) -> None:
    data_dir, empty = tmp_path / "data", tmp_path / "empty"
    empty.mkdir()
    event, out = _set_of_two(data_dir, tmp_path)
    result = subprocess.run(
        [
            sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir),
            "events", "export", str(event), "--lang", "ko", "--format", "pdf",
            "--out", str(out), "--libreoffice", str(empty / "soffice"),
        ],
        capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": str(empty), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.endswith(" (ko).docx") for line in lines[:2])
    assert "LibreOffice is not installed" in lines[2] and "libreoffice.org" in lines[2]
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for p in lines[:2])
