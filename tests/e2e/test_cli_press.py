"""The two press kinds through the real `dari` command: new, import, show, check, export."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from desktop_app.paths import sample_path
from tests.helpers.cli import dari
from tests.helpers.docx_checks import openxml_schema_errors

SAMPLES = {
    "press-notice": "founding-case-press-notice.json",
    "statement": "founding-case-statement.json",
}


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_import_check_show_and_export_the_sample(kind: str, data_dir: Path, tmp_path: Path) -> None:
    imported = dari("import", sample_path(SAMPLES[kind]), data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    draft_id = imported.stdout.strip()
    listed = dari("list", data_dir=data_dir).stdout
    assert f"{draft_id}\t{kind}\t" in listed
    checked = dari("check", draft_id, data_dir=data_dir)
    assert (checked.returncode, checked.stdout) == (0, "Nothing is missing.\n")
    shown = dari("show", draft_id, data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    if kind == "press-notice":
        assert "일시 2024. 4. 18.(목) 11:00" in shown.stdout
        assert "When Thursday, 18 April 2024, 11:00" in shown.stdout
    else:
        assert "6·25국군포로가족회 외 2개 단체 일동" in shown.stdout
    out = tmp_path / "out"
    out.mkdir()
    korean = "statement-ko" if kind == "statement" else "press-notice-ko"
    english = "statement-en" if kind == "statement" else "press-notice-en"
    exported = dari(
        "export", draft_id, "--layout", "side-by-side", "--style", korean, "--style", english,
        "--out", out, data_dir=data_dir,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    (path,) = (Path(line) for line in exported.stdout.splitlines())
    label = "기자회견 안내" if kind == "press-notice" else "기자회견문"
    assert path.name == f"2024-04-18 {label} (ko-en parallel).docx"
    assert openxml_schema_errors(path) == []
    text = text_of(path)
    assert ("외 2개 단체 일동" in text) == (kind == "statement")
    again = dari("export-json", draft_id, data_dir=data_dir)
    assert json.loads(again.stdout) == json.loads(sample_path(SAMPLES[kind]).read_text("utf-8"))


def test_new_makes_a_blank_draft_or_the_sample(data_dir: Path) -> None:
    blank = dari("new", "statement", data_dir=data_dir)
    assert blank.returncode == 0, blank.stderr
    said = dari("check", blank.stdout.strip(), data_dir=data_dir).stdout
    assert "There is no signatory." in said and "There is no paragraph." in said
    sample = dari("new", "press-notice", "--sample", data_dir=data_dir)
    payload = json.loads(dari("export-json", sample.stdout.strip(), data_dir=data_dir).stdout)
    assert payload["kind"] == "press-notice" and payload["starts"] == "2024-04-18T11:00"
    wrong = dari("new", "poster", data_dir=data_dir)
    assert wrong.returncode == 2 and "invalid choice: 'poster'" in wrong.stderr


def test_check_names_a_malformed_time_and_a_late_embargo(data_dir: Path, tmp_path: Path) -> None:
    payload = json.loads(sample_path(SAMPLES["press-notice"]).read_text("utf-8"))
    payload["embargo"] = "2024-04-18T12:00"
    payload["place"]["ko"] = "외교부 청사 앞 11:0 집결"
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    draft_id = dari("import", path, data_dir=data_dir).stdout.strip()
    said = dari("check", draft_id, data_dir=data_dir, lang="ko_KR.UTF-8").stdout
    assert "엠바고가 기자회견 시작 뒤에 풀립니다" in said
    assert "국문 장소: 시각 “11:0”을(를) “11:00”(으)로 쓰세요." in said


def test_the_glossary_checks_the_press_kinds_fields(data_dir: Path, tmp_path: Path) -> None:
    payload = json.loads(sample_path(SAMPLES["statement"]).read_text("utf-8"))
    payload["demands"][0] = {"ko": "탈북민 강제북송을 멈춰라", "en": "Stop the returns"}
    path = tmp_path / "statement.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    draft_id = dari("import", path, data_dir=data_dir).stdout.strip()
    said = dari("check", draft_id, data_dir=data_dir).stdout
    assert "demand 1: “탈북민” is usually “North Korean escapees” in English" in said
