"""Every export layout, written by the services and read back as a partner's Word would."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from desktop_app.compose import ComposeOptions, DateStyle, Layout
from desktop_app.services import DraftService, ExportRequest
from tests.helpers.docx_checks import (
    W,
    all_parts,
    docx_text,
    openxml_schema_errors,
    part_text,
    require_libreoffice,
)
from tests.helpers.samples import sample_payload

REQUESTS = {
    "ko-letter": ExportRequest("ko", Layout.SEPARATE),
    "ko-official": ExportRequest("ko", Layout.SEPARATE, {"ko": "ko-official", "en": "en-letter"}),
    "en-letter-us": ExportRequest(
        "en", Layout.SEPARATE, options=ComposeOptions(date_style=DateStyle.US)
    ),
    "both-separate": ExportRequest("both", Layout.SEPARATE),
    "combined": ExportRequest("both", Layout.COMBINED),
    "side-by-side": ExportRequest("both", Layout.SIDE_BY_SIDE),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The sample exported once in every layout (module-wide: validation is slow)."""
    from desktop_app.storage import Database

    root = tmp_path_factory.mktemp("exports")
    with Database.open(root / "dari.sqlite3") as db:
        service = DraftService(db)
        draft = service.import_json(sample_payload())
        files = {}
        for name, request in REQUESTS.items():
            folder = root / name
            folder.mkdir()
            files[name] = service.export(draft.id, request, folder)
    return files


def every_file(exported: dict[str, list[Path]]) -> list[Path]:
    return [path for paths in exported.values() for path in paths]


def test_each_layout_makes_the_expected_files(exported: dict[str, list[Path]]) -> None:
    assert [p.name for p in exported["both-separate"]] == [
        "2024-04-18 외교부 서한 (ko).docx",
        "2024-04-18 외교부 서한 (en).docx",
    ]
    assert [p.name for p in exported["ko-official"]] == ["2024-04-18 외교부 공문 (ko).docx"]
    assert len(exported["combined"]) == len(exported["side-by-side"]) == 1


def test_text_reads_back_in_the_right_languages(exported: dict[str, list[Path]]) -> None:
    ko = docx_text(exported["ko-letter"][0])
    assert "존경하는 조태열 장관님," in ko and "2024. 4. 18." in ko and "Dear" not in ko
    official = docx_text(exported["ko-official"][0])
    assert "2. 서한(영문) 1부.  끝." in official
    en = docx_text(exported["en-letter-us"][0])
    assert "April 18, 2024" in en and "Viet Nam" in en and "조태열" not in en
    combined = docx_text(exported["combined"][0])
    assert combined.index("존경하는") < combined.index("Dear Minister Cho,")
    side = docx.Document(str(exported["side-by-side"][0]))
    (table,) = side.tables
    row = next(r for r in table.rows if r.cells[0].text.startswith("존경하는"))
    assert row.cells[1].text == "Dear Minister Cho,"


def test_every_file_is_a4_with_a_page_number_and_the_organisations_in_the_header(
    exported: dict[str, list[Path]],
) -> None:
    for path in every_file(exported):
        document = docx.Document(str(path))
        section = document.sections[0]
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        # The full names, or the short ones where the full names do not fit one line.
        header = section.header.paragraphs[0].text
        assert "전환기정의워킹그룹" in header or "TJWG" in header, header
        footer_xml = part_text(path, "word/footer1.xml") + part_text(path, "word/footer2.xml")
        assert "PAGE" in footer_xml, path.name
    official = docx.Document(str(exported["ko-official"][0])).sections[0]
    assert (round(official.top_margin.mm), round(official.left_margin.mm)) == (30, 20)


def test_korean_font_and_language_are_explicit_everywhere(exported: dict[str, list[Path]]) -> None:
    for path in every_file(exported):
        styles = part_text(path, "word/styles.xml")
        assert "eastAsiaTheme" not in styles, path.name
        defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
        assert defaults is not None
        assert 'w:eastAsia="맑은 고딕"' in defaults.group(0)
        assert 'w:eastAsia="ko-KR"' in defaults.group(0)
        assert "Malgun Gothic" in part_text(path, "word/fontTable.xml")
        assert 'w:eastAsia="ko-KR"' in part_text(path, "word/settings.xml")
    en = part_text(exported["en-letter-us"][0], "word/styles.xml")
    assert 'w:val="en-US"' in en


def test_no_identifying_metadata(exported: dict[str, list[Path]]) -> None:
    import getpass

    # Names too short to be told apart from ordinary XML are not checked ("vm").
    identities = {n for n in (socket.gethostname(), getpass.getuser()) if len(n) >= 5}
    for path in every_file(exported):
        parts = all_parts(path)
        names = set(parts)
        assert not any(n.startswith(("customXml/", "docProps/thumbnail")) for n in names)
        assert not names & {
            "docProps/custom.xml",
            "word/people.xml",
            "word/comments.xml",
            "word/webSettings.xml",
            "word/glossary/document.xml",
        }
        for name, data in parts.items():
            text = data.decode("utf-8", "replace")
            assert "w:rsid" not in text and "w:nsid" not in text, (path.name, name)
            assert "python-docx" not in text and "Macintosh" not in text, (path.name, name)
            for identity in identities:
                assert identity not in text, (path.name, name, identity)
        core = parts["docProps/core.xml"].decode()
        assert "<dc:creator>" not in core or "<dc:creator></dc:creator>" in core
        assert "lastModifiedBy>" not in core or "<cp:lastModifiedBy></cp:lastModifiedBy>" in core
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_same_draft_exports_byte_identical_files(
    exported: dict[str, list[Path]], tmp_path: Path, service: DraftService
) -> None:
    draft = service.import_json(sample_payload())
    again = service.export(draft.id, REQUESTS["side-by-side"], tmp_path)
    assert again[0].read_bytes() == exported["side-by-side"][0].read_bytes()


def test_every_layout_has_zero_schema_errors(exported: dict[str, list[Path]]) -> None:
    for path in every_file(exported):
        assert openxml_schema_errors(path) == [], path.name


def test_python_docx_reopens_every_file_without_error(exported: dict[str, list[Path]]) -> None:
    for path in every_file(exported):
        document = docx.Document(io.BytesIO(path.read_bytes()))
        assert document.element.body.find(f"{W}sectPr") is not None


@pytest.mark.libreoffice
def test_libreoffice_renders_the_sample_with_an_embedded_korean_font(
    exported: dict[str, list[Path]], tmp_path: Path
) -> None:
    soffice = require_libreoffice()
    profile = (tmp_path / "profile").as_uri()
    for path in (exported["ko-official"][0], exported["side-by-side"][0]):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(path),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {path.name}"
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        korean = [line for line in fonts.splitlines() if re.search(r"Nanum|Noto.*CJK", line)]
        assert korean and all(" yes " in line for line in korean), fonts
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert ("조태열" in text or "외교부장관" in text) and "강제송환금지" in text.replace(
            " ", ""
        )
