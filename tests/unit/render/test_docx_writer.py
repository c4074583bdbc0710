"""The .docx writer on real files: text, Korean typography, page, tables, fields, validity."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import etree

from desktop_app.compose.layout import Cell, LayoutDocument, PageBreak, Paragraph, Run, Table
from desktop_app.render import render_docx, write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
Parts = Callable[[bytes], dict[str, bytes]]


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _read(doc: LayoutDocument, tmp_path: Path) -> docx.document.Document:
    path = tmp_path / "letter.docx"
    write_docx(doc, path)
    return docx.Document(str(path))


def _all_texts(document: docx.document.Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(p.text for cell in row.cells for p in cell.paragraphs)
    return texts


def test_korean_text_reads_back(korean_doc: LayoutDocument, tmp_path: Path) -> None:
    texts = _all_texts(_read(korean_doc, tmp_path))
    joined = "\n".join(texts)
    assert "탈북민 강제송환 중단 요청" in texts
    assert "1.\t국제사회와 협력하여 강제송환 중단을 위한 외교적 노력을 강화하여 주십시오." in texts
    assert "가)\t면담 요청에 대한 회신을 서면으로 보내 주십시오." in texts
    assert "첫 줄\n둘째 줄\t탭 뒤" in texts
    assert "서한(영문) 1부." in texts
    assert "붙임  서한(영문) 1부.  끝." in joined


def test_fonts_on_doc_defaults_and_every_style(
    korean_doc: LayoutDocument, docx_parts: Parts
) -> None:
    styles_xml = docx_parts(render_docx(korean_doc))["word/styles.xml"]
    assert b"Theme=" not in styles_xml and b"cstheme" not in styles_xml
    root = etree.fromstring(styles_xml)
    default = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert default is not None
    fonts = default.find("w:rFonts", NS)
    assert fonts.get(_w("eastAsia")) == "맑은 고딕"
    assert fonts.get(_w("ascii")) == fonts.get(_w("hAnsi")) == "Times New Roman"
    assert default.find("w:sz", NS).get(_w("val")) == "23"  # 11.5 pt in half-points
    lang = default.find("w:lang", NS)
    # Latin letters and digits in Korean text are en-US, Hangul ko-KR, as Word's Korean
    # setup writes it; w:val="ko-KR" makes LibreOffice break inside "2023" and "INJECT".
    assert (lang.get(_w("val")), lang.get(_w("eastAsia"))) == ("en-US", "ko-KR")
    style_fonts = root.findall("w:style//w:rFonts", NS)
    assert style_fonts, "the template's styles carry fonts; every one must be fixed"
    for r_fonts in style_fonts:
        assert r_fonts.get(_w("eastAsia")) == "맑은 고딕"
        assert r_fonts.get(_w("ascii")) == "Times New Roman"
    word_wrap = root.find("w:docDefaults/w:pPrDefault/w:pPr/w:wordWrap", NS)
    assert word_wrap is not None and word_wrap.get(_w("val")) == "1"


def test_font_table_and_settings_language(korean_doc: LayoutDocument, docx_parts: Parts) -> None:
    parts = docx_parts(render_docx(korean_doc))
    table = etree.fromstring(parts["word/fontTable.xml"])
    (entry,) = [f for f in table.findall("w:font", NS) if f.get(_w("name")) == "맑은 고딕"]
    assert entry.find("w:altName", NS).get(_w("val")) == "Malgun Gothic"
    assert entry.find("w:charset", NS).get(_w("val")) == "81"
    settings = etree.fromstring(parts["word/settings.xml"])
    theme_lang = settings.find("w:themeFontLang", NS)
    assert theme_lang.get(_w("val")) == "en-US" and theme_lang.get(_w("eastAsia")) == "ko-KR"


def test_english_doc_language_and_latin_font(
    english_doc: LayoutDocument, docx_parts: Parts
) -> None:
    parts = docx_parts(render_docx(english_doc))
    root = etree.fromstring(parts["word/styles.xml"])
    default = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert default.find("w:rFonts", NS).get(_w("ascii")) == "Georgia"
    lang = default.find("w:lang", NS)
    assert (lang.get(_w("val")), lang.get(_w("eastAsia"))) == ("en-GB", "ko-KR")
    theme_lang = etree.fromstring(parts["word/settings.xml"]).find("w:themeFontLang", NS)
    assert theme_lang.get(_w("val")) == "en-GB"
    document = docx.Document(io.BytesIO(render_docx(english_doc)))
    assert (
        document.paragraphs[1].text
        == "H.E. Mr. Cho Tae-yul\nMinister of Foreign Affairs\nRepublic of Korea"
    )
    assert document.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert document.paragraphs[5].paragraph_format.keep_with_next is True


def test_a4_margins_header_and_page_fields(korean_doc: LayoutDocument, tmp_path: Path) -> None:
    section = _read(korean_doc, tmp_path).sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.mm for m in margins] == pytest.approx([30, 15, 20, 15], abs=0.1)
    assert [p.text for p in section.header.paragraphs] == ["사단법인 다리인권센터"]
    footer = section.footer._element
    instr = [t.text for t in footer.iter(_w("instrText"))]
    assert instr == [" PAGE ", " NUMPAGES "]
    kinds = [f.get(_w("fldCharType")) for f in footer.iter(_w("fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


def test_paragraph_formatting_and_hanging_markers(
    korean_doc: LayoutDocument, tmp_path: Path
) -> None:
    document = _read(korean_doc, tmp_path)
    by_text = {p.text.split("\t")[0]: p for p in document.paragraphs}
    item = by_text["가."]
    fmt = item.paragraph_format
    assert fmt.left_indent == Pt(29) and fmt.first_line_indent == -Pt(18)
    assert [stop.position for stop in fmt.tab_stops] == [Pt(29)]
    title = document.paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].bold and title.runs[0].font.size == Pt(15)
    subject = document.paragraphs[2]
    assert subject.runs[1].underline and subject.paragraph_format.space_before == Pt(6)
    assert document.paragraphs[1].paragraph_format.keep_with_next is True
    body = document.paragraphs[3]
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent == Pt(11)
    italic = next(p for p in document.paragraphs if p.text.startswith("첫 줄"))
    assert italic.runs[0].italic
    last = document.paragraphs[-1]
    assert last.paragraph_format.page_break_before is True  # the PageBreak block


def test_run_breaks_become_real_breaks(docx_parts: Parts) -> None:
    doc = LayoutDocument(
        language="ko-KR",
        blocks=(Paragraph(runs=(Run("앞\n뒤\t탭\f새 쪽"),)), PageBreak()),
    )
    body = etree.fromstring(docx_parts(render_docx(doc))["word/document.xml"])
    run = body.find(".//w:r", NS)
    assert [etree.QName(c).localname for c in run] == ["t", "br", "t", "tab", "t", "br", "t"]
    page_breaks = body.findall(".//w:br[@w:type='page']", NS)
    assert len(page_breaks) == 1  # "\f" in the run
    # the trailing PageBreak: a hairline paragraph starting a page, not a paragraph holding
    # a break (that one would leave a blank page after a full one)
    last = body.findall(".//w:p", NS)[-1]
    assert last.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert last.find(".//w:br", NS) is None


def test_a_page_break_before_a_table_leaves_no_blank_page(docx_parts: Parts) -> None:
    filler = tuple(Paragraph(runs=(Run(f"줄 {n}"),)) for n in range(3))
    table = Table(rows=((Cell((Paragraph(runs=(Run("표"),)),)),),), widths=(1.0,))
    doc = LayoutDocument(language="ko-KR", blocks=(*filler, PageBreak(), table))
    body = etree.fromstring(docx_parts(render_docx(doc))["word/document.xml"])
    before = body.find("w:body/w:tbl", NS).getprevious()
    assert before.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert before.find(".//w:br", NS) is None
    size = before.find("w:r/w:rPr/w:sz", NS)
    assert size is not None and size.get(f"{{{W}}}val") == "2"  # 1 pt


def test_tables_have_relative_widths_and_borders_only_when_asked(
    korean_doc: LayoutDocument, bilingual_doc: LayoutDocument, tmp_path: Path
) -> None:
    enclosure = _read(korean_doc, tmp_path).tables[0]
    widths = [col.width.twips for col in enclosure.columns]
    assert sum(widths) == round((210 - 20 - 15) * 1440 / 25.4)
    assert widths[1] == pytest.approx(4 * widths[0], abs=2)
    assert enclosure._tbl.tblPr.find(_w("tblBorders")) is not None
    side = docx.Document(io.BytesIO(render_docx(bilingual_doc))).tables[0]
    assert side._tbl.tblPr.find(_w("tblBorders")) is None
    assert side.cell(1, 1).paragraphs[0].text.startswith("We are writing")
    assert side.cell(0, 0).paragraphs[0].text == "탈북민 강제송환 중단 요청"
    assert len(side.cell(1, 0).paragraphs) == 1  # the template's empty paragraph is gone


def test_paragraph_language_tag_when_it_differs(
    bilingual_doc: LayoutDocument, docx_parts: Parts
) -> None:
    body = etree.fromstring(docx_parts(render_docx(bilingual_doc))["word/document.xml"])
    cells = body.findall(".//w:tc", NS)
    english_langs = {el.get(_w("val")) for el in cells[3].iter(_w("lang"))}
    assert english_langs == {"en-GB"}
    assert all(el.get(_w("eastAsia")) == "ko-KR" for el in cells[3].iter(_w("lang")))
    assert list(cells[2].iter(_w("lang"))) == []  # Korean: the document default applies


def test_same_input_same_bytes(korean_doc: LayoutDocument) -> None:
    assert render_docx(korean_doc) == render_docx(korean_doc)


def _audit_exe() -> Path:
    return Path(sys.executable).with_name("openxml-audit")


@pytest.mark.parametrize("name", ["korean_doc", "english_doc", "bilingual_doc"])
def test_openxml_schema_valid(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    doc: LayoutDocument = request.getfixturevalue(name)
    path = tmp_path / f"{name}.docx"
    write_docx(doc, path)
    result = subprocess.run(
        [str(_audit_exe()), "-f", "office2019", "-o", "json", "-m", "0", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    reports = json.loads(result.stdout)
    errors = [e for report in reports for e in report["errors"] if e["type"] == "schema"]
    assert errors == []
    assert all(report["error_count"] == 0 for report in reports), reports
