"""The dari command line end to end, in a real process, on a real data folder."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop_app.paths import sample_path
from tests.helpers.cli import dari
from tests.helpers.docx_checks import docx_text


@pytest.fixture
def imported(data_dir: Path) -> str:
    result = dari("import", sample_path(), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_prints_the_new_id_and_list_shows_it(data_dir: Path, imported: str) -> None:
    assert imported == "1"
    listing = dari("list", data_dir=data_dir).stdout
    assert "중국 내 탈북민 강제북송" in listing
    assert dari("list", "--search", "강제북송", data_dir=data_dir).stdout.startswith("1\t")
    assert dari("list", "--search", "non-refoulement", data_dir=data_dir).stdout.startswith("1\t")
    assert dari("list", "--search", "없는말", data_dir=data_dir).stdout == ""


def test_export_every_layout_into_a_folder(data_dir: Path, imported: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    cases = [
        (
            ["--lang", "both"],
            ["2024-04-18 외교부 서한 (ko).docx", "2024-04-18 외교부 서한 (en).docx"],
        ),
        (["--lang", "ko", "--style", "ko-official"], ["2024-04-18 외교부 공문 (ko).docx"]),
        (["--lang", "en"], ["2024-04-18 Ministry of Foreign Affairs letter (en).docx"]),
        (["--lang", "both", "--layout", "combined"], ["2024-04-18 외교부 서한 (ko-en).docx"]),
        (
            ["--lang", "both", "--layout", "side-by-side"],
            ["2024-04-18 외교부 서한 (ko-en parallel).docx"],
        ),
    ]
    for options, names in cases:
        result = dari("export", imported, *options, "--out", out, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [str(out / name) for name in names]
        for name in names:
            text = docx_text(out / name)
            # the 공문 addresses the office (외교부장관), the 서한 the person
            assert ("외교부장관" in text or "조태열" in text) == ("(en)" not in name)
            assert ("Cho Tae-yul" in text) == ("(ko)" not in name)
    revisions = dari("revisions", imported, data_dir=data_dir).stdout
    assert revisions.count("exported: ") == len(cases)


def test_export_to_a_file_name_and_json_round_trip(
    data_dir: Path, imported: str, tmp_path: Path
) -> None:
    target = tmp_path / "letter.docx"
    result = dari("export", imported, "--lang", "en", "--out", target, data_dir=data_dir)
    assert result.returncode == 0 and target.exists()
    with zipfile.ZipFile(target) as archive:
        assert "word/document.xml" in archive.namelist()
    exported = json.loads(dari("export-json", imported, data_dir=data_dir).stdout)
    assert exported == json.loads(sample_path().read_text(encoding="utf-8"))


def test_two_files_need_a_folder(data_dir: Path, imported: str, tmp_path: Path) -> None:
    result = dari("export", imported, "--out", tmp_path / "x.docx", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("dari: This export makes 2 files; give a folder")
    assert not (tmp_path / "x.docx").exists()


def test_a_name_ending_in_a_slash_is_a_folder(
    data_dir: Path, imported: str, tmp_path: Path
) -> None:
    """`--out letters/` for one file: not letters.docx beside it, but the folder or a sentence."""
    result = dari(
        "export", imported, "--lang", "en", "--out", f"{tmp_path}/letters/", data_dir=data_dir
    )
    assert result.returncode == 1
    assert result.stderr.startswith("dari: The folder ") and "does not exist" in result.stderr
    assert not (tmp_path / "letters").exists() and not list(tmp_path.glob("*.docx"))
    (tmp_path / "letters").mkdir()
    result = dari(
        "export", imported, "--lang", "en", "--out", f"{tmp_path}/letters/", data_dir=data_dir
    )
    assert result.returncode == 0
    assert [p.suffix for p in (tmp_path / "letters").iterdir()] == [".docx"]


def test_show_and_check(data_dir: Path, imported: str) -> None:
    shown = dari("show", imported, data_dir=data_dir).stdout
    assert "존경하는 조태열 장관님," in shown and "Dear Minister Cho," in shown
    assert dari("check", imported, data_dir=data_dir).stdout.strip() == "Nothing is missing."


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "is not valid JSON (line 1, column 2"),
        (b"\xff\xfe\x00", "is not UTF-8 text"),
        (b'{"format": 99, "kind": "letter"}', "made by a newer Dari"),
        (b'{"format": 1, "kind": "letter", "subject": "x"}', "at 'subject'"),
        (b"[]", "must be a JSON object"),
    ],
)
def test_bad_imports_get_one_line_and_no_draft(
    data_dir: Path, tmp_path: Path, content: bytes, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = dari("import", bad, data_dir=data_dir)
    assert result.returncode == 1
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert dari("list", data_dir=data_dir).stdout == ""


def test_missing_draft_and_missing_file(data_dir: Path, tmp_path: Path) -> None:
    result = dari("show", "42", data_dir=data_dir)
    assert result.returncode == 1 and "42" in result.stderr and "Traceback" not in result.stderr
    result = dari("import", tmp_path / "nowhere.json", data_dir=data_dir)
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db_file = data_dir / "dari.sqlite3"
    db_file.write_bytes(b"this is a letter, not a database" * 100)
    before = db_file.read_bytes()
    result = dari("list", data_dir=data_dir)
    assert result.returncode == 1
    assert "dari.sqlite3" in result.stderr and "Traceback" not in result.stderr
    assert db_file.read_bytes() == before


def test_list_limit_keeps_the_newest_and_says_when_more_match(data_dir: Path) -> None:
    for _ in range(3):
        assert dari("import", sample_path(), data_dir=data_dir).returncode == 0
    everything = dari("list", "--search", "강제북송", data_dir=data_dir)
    assert [line.split("\t")[0] for line in everything.stdout.splitlines()] == ["3", "2", "1"]
    assert everything.stderr == ""  # without --limit: every match, as before
    capped = dari("list", "--search", "강제북송", "--limit", "2", data_dir=data_dir)
    assert capped.returncode == 0
    assert [line.split("\t")[0] for line in capped.stdout.splitlines()] == ["3", "2"]
    assert capped.stderr.strip() == (
        "Showing the newest 2 of more drafts found; add a word to narrow the search."
    )
    korean = dari("list", "--limit", "1", data_dir=data_dir, lang="ko_KR.UTF-8")
    assert korean.stdout.startswith("3\t") and "최근 1개만" in korean.stderr
    exact = dari("list", "--search", "강제북송", "--limit", "3", data_dir=data_dir)
    assert exact.stdout == everything.stdout and exact.stderr == ""
    refused = dari("list", "--limit", "0", data_dir=data_dir)
    assert refused.returncode == 1 and "“0” is not a number of drafts" in refused.stderr
