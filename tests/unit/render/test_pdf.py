"""PDF through LibreOffice: a Korean font embedded, Hangul intact, words never split."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.compose.layout import LayoutDocument
from desktop_app.files import ExportError
from desktop_app.render import (
    convert_pdfs,
    find_soffice,
    libreoffice_available,
    render_pdf,
    write_docx,
)
from desktop_app.render.pdf_scrub import scrub_pdf

pytestmark = pytest.mark.libreoffice
HANGUL = re.compile("[\uac00-\ud7a3]")


def _require_libreoffice() -> None:
    tools = libreoffice_available() and shutil.which("pdffonts") and shutil.which("pdftotext")
    if not tools:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice and poppler-utils must be installed under CI")
        pytest.skip("LibreOffice (soffice) or poppler-utils is not installed")


def test_korean_pdf_embeds_a_korean_font_and_keeps_words(
    korean_doc: LayoutDocument, tmp_path: Path
) -> None:
    _require_libreoffice()
    docx_path = tmp_path / "서한.docx"
    write_docx(korean_doc, docx_path)
    pdf = render_pdf(docx_path, tmp_path)
    assert pdf == tmp_path / "서한.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["서한.docx", "서한.pdf"]

    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    korean = [line for line in fonts.splitlines() if re.search(r"Nanum|Noto\S*CJK", line)]
    assert korean, fonts
    assert all(line.split()[-5] == "yes" for line in korean), fonts  # the "emb" column

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    assert "탈북민 강제송환 중단 요청" in text
    assert "사단법인 다리인권센터" in text
    # Word-level wrapping: no line ends with a fragment that the next line's first
    # token completes into a source word (e.g. "기원합니" / "다.").
    words = set(korean_doc.plain_text().split())
    lines = [line.split() for line in text.splitlines() if line.strip()]
    wrapped = [(a[-1], b[0]) for a, b in itertools.pairwise(lines)]
    broken = [
        (tail, head)
        for tail, head in wrapped
        if HANGUL.search(tail + head) and tail not in words and tail + head in words
    ]
    assert broken == []
    assert sum(1 for tail, _ in wrapped if HANGUL.search(tail)) >= 3  # lines did wrap


def test_not_a_docx_is_an_error_not_a_pdf(tmp_path: Path) -> None:
    _require_libreoffice()
    bogus = tmp_path / "bogus.docx"
    bogus.write_bytes("이름: 김 (plain text, not a package)".encode())
    with pytest.raises(ExportError):
        render_pdf(bogus, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bogus.docx"]


def test_missing_output_folder(korean_doc: LayoutDocument, tmp_path: Path) -> None:
    docx_path = tmp_path / "a.docx"
    write_docx(korean_doc, docx_path)
    if not libreoffice_available():
        pytest.skip("LibreOffice is not installed")
    with pytest.raises(ExportError) as caught:
        render_pdf(docx_path, tmp_path / "missing")
    assert caught.value.reason_code == "not_found"


def test_pdfa_claims_part_2b_and_says_nothing_else(
    korean_doc: LayoutDocument, tmp_path: Path
) -> None:
    """PDF/A-2b through LibreOffice's JSON filter options; the scrub keeps the claim and
    leaves Info and XMP in agreement (neither names a tool, a person or a date)."""
    _require_libreoffice()
    docx_path = tmp_path / "서한.docx"
    write_docx(korean_doc, docx_path)
    (data,) = convert_pdfs([docx_path], pdfa=True)
    assert data == scrub_pdf(data, pdfa=True)  # deterministic: scrubbing again changes nothing
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B" in meta
    for word in ("Producer", "CreatorTool", "CreateDate", "ModifyDate", "LibreOffice"):
        assert word not in meta and word not in info
    version = re.search(r"PDF version:\s+1\.(\d)", info)
    assert version and int(version.group(1)) >= 4, info  # PDF/A-2 needs 1.4 or later


def test_find_soffice_prefers_the_setting_and_ignores_a_wrong_one(tmp_path: Path) -> None:
    fake = tmp_path / "LibreOffice" / "program" / "soffice"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o700)
    assert find_soffice(fake) == str(fake)
    assert find_soffice(tmp_path / "LibreOffice") == str(fake)  # the install folder will do
    assert find_soffice(tmp_path / "nothing") == shutil.which("soffice")
