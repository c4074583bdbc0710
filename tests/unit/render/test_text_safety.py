"""Hostile and unusual text: every string gives a valid .docx and reads back as expected."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import docx
import pytest

from desktop_app.compose.layout import Cell, LayoutDocument, Paragraph, Run, Table
from desktop_app.render import render_docx, render_html, write_docx, xml_safe

CASES = [
    pytest.param("a\x00b", "a\ufffdb", id="nul"),
    pytest.param("a\x0bb", "a\nb", id="vertical-tab-is-line-break"),
    pytest.param("a\x0cb", "ab", id="form-feed-is-page-break"),
    pytest.param("a\ud800b", "a\ufffdb", id="lone-surrogate"),
    pytest.param("a\ufffeb\uffff", "a\ufffdb\ufffd", id="non-characters"),
    pytest.param("a\x1b[31mb", "a\ufffd[31mb", id="escape-sequence"),
    pytest.param("연대 😀🇰🇷", "연대 😀🇰🇷", id="emoji"),
    pytest.param("\ud83d\ude00", "😀", id="surrogate-pair-joined"),
    pytest.param("\u1100\u1161", "가", id="conjoining-jamo-nfc"),
    # An unpaired override is closed (U+202C) inside its own run: nothing after it reverses.
    pytest.param("a\u200fb\u202e", "a\u200fb\u202e\u202c", id="rtl-marks-closed"),
    pytest.param("{{ x }} {% if %}", "{{ x }} {% if %}", id="template-syntax"),
    pytest.param("<w:p>", "<w:p>", id="xml-markup"),
    pytest.param("&amp; & <", "&amp; & <", id="ampersand"),
    pytest.param("a\r\nb\rc", "a\nb\nc", id="carriage-returns"),
    pytest.param("a\x7fb\x85c\x9f", "a\ufffdb\ufffdc\ufffd", id="del-and-c1"),
    pytest.param("a\u2028b\u2029c", "a\nb\nc", id="line-and-paragraph-separators"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_text_renders_and_reads_back(text: str, expected: str, tmp_path: Path) -> None:
    paragraph = Paragraph(runs=(Run(text),), marker=text[:3], hanging_pt=12)
    doc = LayoutDocument(
        language="ko-KR",
        blocks=(paragraph, Table(rows=((Cell((Paragraph((Run(text),)),)),),), widths=(1,))),
        header=(Paragraph((Run(text),)),),
    )
    path = tmp_path / "odd.docx"
    write_docx(doc, path)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text.split("\t", 1)[1] == expected
    assert document.tables[0].cell(0, 0).paragraphs[0].text == expected
    assert document.sections[0].header.paragraphs[0].text == expected


def test_form_feed_is_a_real_page_break() -> None:
    data = render_docx(LayoutDocument(language="ko-KR", blocks=(Paragraph((Run("앞\x0c뒤"),)),)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert '<w:t>앞</w:t><w:br w:type="page"/><w:t>뒤</w:t>' in body


def test_one_megabyte_of_text(tmp_path: Path) -> None:
    text = "강제송환 중단을 요청합니다. " * 62_500  # 1,000,000 characters
    path = tmp_path / "big.docx"
    write_docx(LayoutDocument(language="ko-KR", blocks=(Paragraph((Run(text),)),)), path)
    assert docx.Document(str(path)).paragraphs[0].text == text


def test_sanitizer_contract() -> None:
    assert xml_safe("") == ""
    assert xml_safe("탭\t줄\n") == "탭\t줄\n"
    assert xml_safe("\x0c") == "\f"  # kept, as the page-break mark
    for ch in map(chr, range(0x20)):
        if ch not in "\t\n\f":
            assert xml_safe(ch) in {"\ufffd", "\n"}


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_html_escapes_everything(text: str, expected: str) -> None:
    page = render_html(LayoutDocument(language="ko-KR", blocks=(Paragraph((Run(text),)),)))
    assert "<w:p>" not in page  # markup in text is never markup in the preview
    assert "&amp; & <" not in page
    assert not any(ch in page for ch in ("\x00", "\x0b", "\x0c", "\ud800", "\ufffe"))
    shown = html.escape(xml_safe(text), quote=False).replace("\n", "<br/>").replace("\f", "<br/>")
    assert shown in page
