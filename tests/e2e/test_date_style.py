"""The date style kept in the draft: English UN/US dates and the weekday in Korean dates,
exported through the real compose and render path and read back from the files."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from desktop_app.compose import ComposeOptions, Layout
from desktop_app.domain import FORMAT_VERSION, DateStyle, from_json, to_json
from desktop_app.domain.letter import Letter
from desktop_app.domain.upr import UprBrief
from desktop_app.paths import sample_path
from desktop_app.services.export import ExportRequest, export_files
from tests.helpers.cli import dari
from tests.helpers.docx_checks import W, openxml_schema_errors
from tests.helpers.samples import sample_letter, sample_payload, sample_upr_brief

DAY = date(2024, 4, 30)  # a Tuesday: 화
TODAY = date(2024, 5, 20)
OFFICIAL = {"ko": "ko-official", "en": "en-letter"}


def paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body, headers and footers, as Word would show its text."""
    lines: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            root = etree.fromstring(archive.read(name))
            for p in root.iter(f"{W}p"):
                lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return lines


def export_one(document: object, request: ExportRequest, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (path,) = export_files(document, request, folder, TODAY)
    return path


def letter(**changes: object) -> Letter:
    return replace(sample_letter(), date=DAY, **changes)


def test_a_us_draft_exports_us_dates_without_any_option(tmp_path: Path) -> None:
    path = export_one(letter(date_style=DateStyle.US), ExportRequest("en"), tmp_path)
    text = paragraphs(path)
    assert "April 30, 2024" in text
    assert not any("30 April 2024" in line for line in text)
    assert openxml_schema_errors(path) == []


def test_a_un_draft_exports_un_dates_by_default(tmp_path: Path) -> None:
    path = export_one(letter(), ExportRequest("en"), tmp_path)
    assert "30 April 2024" in paragraphs(path)


@pytest.mark.parametrize(
    ("draft", "override", "expected"),
    [
        (DateStyle.US, DateStyle.UN, "30 April 2024"),
        (DateStyle.UN, DateStyle.US, "April 30, 2024"),
    ],
)
def test_the_export_option_overrides_the_draft(
    tmp_path: Path, draft: DateStyle, override: DateStyle, expected: str
) -> None:
    request = ExportRequest("en", options=ComposeOptions(date_style=override))
    path = export_one(letter(date_style=draft), request, tmp_path)
    assert expected in paragraphs(path)


@pytest.mark.parametrize("styles", [None, OFFICIAL], ids=["서한", "공문"])
def test_the_korean_weekday_on_and_off(tmp_path: Path, styles: dict[str, str] | None) -> None:
    on = export_one(
        letter(korean_weekday=True),
        ExportRequest("ko", Layout.SEPARATE, styles or {}),
        tmp_path / "on",
    )
    off = export_one(letter(), ExportRequest("ko", Layout.SEPARATE, styles or {}), tmp_path / "off")
    on_text, off_text = paragraphs(on), paragraphs(off)
    assert any("2024. 4. 30.(화)" in line for line in on_text)
    assert any("2024. 4. 30." in line for line in off_text)
    assert not any("(화)" in line for line in off_text)
    if styles:  # the 시행 line carries the same date: 시행 TJWG-2024-017(2024. 4. 30.(화))
        (line,) = [line for line in on_text if line.startswith("시행")]
        assert line.endswith("(2024. 4. 30.(화))")
        (plain,) = [line for line in off_text if line.startswith("시행")]
        assert plain.endswith("(2024. 4. 30.)")
    else:  # the 서한's date line is the date alone
        assert "2024. 4. 30.(화)" in on_text
    assert openxml_schema_errors(on) == []


def test_the_weekday_stays_out_of_english_and_the_style_out_of_korean(tmp_path: Path) -> None:
    document = letter(korean_weekday=True, date_style=DateStyle.US)
    both = export_files(document, ExportRequest("both"), tmp_path, TODAY)
    texts = {path.name: paragraphs(path) for path in both}
    (ko,) = [t for name, t in texts.items() if "(ko)" in name]
    (en,) = [t for name, t in texts.items() if "(en)" in name]
    assert "2024. 4. 30.(화)" in ko
    assert "April 30, 2024" in en and not any("화" in line for line in en)


def test_a_upr_brief_keeps_its_date_style_and_weekday(tmp_path: Path) -> None:
    brief = replace(
        sample_upr_brief(),
        date=DAY,
        review_date=date(2024, 5, 7),
        date_style=DateStyle.US,
        korean_weekday=True,
    )
    en = "\n".join(paragraphs(export_one(brief, ExportRequest("en"), tmp_path / "en")))
    ko = "\n".join(paragraphs(export_one(brief, ExportRequest("ko"), tmp_path / "ko")))
    assert "April 30, 2024" in en and "May 7, 2024" in en
    assert "2024. 4. 30.(화)" in ko and "2024. 5. 7.(화)" in ko


@pytest.mark.parametrize("kind", ["letter", "upr-brief"])
def test_a_format_3_draft_imports_as_un_without_the_weekday(kind: str) -> None:
    payload = sample_payload() if kind == "letter" else to_json(sample_upr_brief())
    old = {k: v for k, v in payload.items() if k not in ("date_style", "korean_weekday")}
    document = from_json({**old, "format": 3})
    assert isinstance(document, Letter if kind == "letter" else UprBrief)
    assert (document.date_style, document.korean_weekday) == (DateStyle.UN, False)
    again = to_json(document)
    assert (again["format"], again["date_style"], again["korean_weekday"]) == (
        FORMAT_VERSION,
        "un",
        False,
    )


def test_the_draft_keeps_its_style_through_json() -> None:
    document = letter(date_style=DateStyle.US, korean_weekday=True)
    data = json.loads(json.dumps(to_json(document)))
    assert (data["date_style"], data["korean_weekday"]) == ("us", True)
    assert from_json(data) == document


def test_dari_export_uses_the_drafts_style_unless_told(data_dir: Path, tmp_path: Path) -> None:
    payload = {**json.loads(sample_path().read_text(encoding="utf-8")), "date_style": "us"}
    draft = tmp_path / "us.json"
    draft.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    imported = dari("import", draft, data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    draft_id = imported.stdout.strip()
    for options, expected in (([], "April 18, 2024"), (["--date-style", "un"], "18 April 2024")):
        out = tmp_path / ("out" + "".join(options))
        out.mkdir()
        result = dari("export", draft_id, "--lang", "en", *options, "--out", out, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        (path,) = out.iterdir()
        assert expected in paragraphs(path)
