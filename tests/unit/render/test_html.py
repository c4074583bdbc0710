"""Preview HTML: self-contained, escaped, language-tagged, header and footer around the body."""

from __future__ import annotations

import re

from desktop_app.compose.layout import FontSpec, LayoutDocument, Paragraph, Run
from desktop_app.render import render_html


def test_korean_page_structure(korean_doc: LayoutDocument) -> None:
    page = render_html(korean_doc)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ko-KR">' in page
    header = page.index("사단법인 다리인권센터</p>")
    title = page.index("탈북민 강제송환 중단 요청")
    footer = page.index("- 1 / 1 -")
    assert header < title < footer
    assert "첫 줄<br/>둘째 줄&#8195;탭 뒤" in page
    assert '<hr class="page-break"/>' in page
    assert '<table align="center" width="794"' in page  # A4 width at 96 dpi


def test_markers_hang_in_a_borderless_table(korean_doc: LayoutDocument) -> None:
    page = render_html(korean_doc)
    item = re.search(r'<table width="100%"[^>]*border="0"[^>]*><tr>(.*?)</tr></table>', page)
    assert item is not None
    cells = item.group(1)
    assert '<td width="21" valign="top"><p>1.</p></td>' in cells  # 16 pt hanging
    level2 = page[page.index("가.") - 120 : page.index("가.")]
    assert '<td width="15"></td>' in level2  # 11 pt indent before the marker column


def test_fields_show_placeholders_and_lang_is_set(bilingual_doc: LayoutDocument) -> None:
    page = render_html(bilingual_doc)
    assert '<p lang="en-GB" align="left"' in page
    assert page.count('lang="en-GB"') == 2
    assert 'border="0"' in page


def test_no_script_or_external_resources(korean_doc: LayoutDocument) -> None:
    page = render_html(korean_doc).lower()
    for banned in ("<script", "src=", "href=", "http:", "https:", "url(", "@import"):
        assert banned not in page


def test_font_names_cannot_break_out_of_css() -> None:
    evil = FontSpec(latin="x'; } body { color: red", east_asian="</style><script>")
    page = render_html(LayoutDocument(language="en-GB", blocks=(), font=evil))
    assert "<script>" not in page and "</style><" not in page.replace("</style>\n</head>", "")
    assert "color: red" not in page


def test_run_formatting_is_escaped_and_kept() -> None:
    doc = LayoutDocument(
        language="en-GB",
        blocks=(
            Paragraph(
                (Run("<b>", bold=True), Run("& co", italic=True, size_pt=9)),
            ),
        ),
    )
    page = render_html(doc)
    assert "<b>&lt;b&gt;</b>" in page
    assert '<i><span style="font-size:9pt">&amp; co</span></i>' not in page
    assert '<span style="font-size:9pt"><i>&amp; co</i></span>' in page


def test_runs_of_spaces_survive(korean_doc: LayoutDocument) -> None:
    page = render_html(korean_doc)
    assert "붙임&#160; 서한(영문) 1부.&#160; 끝." in page
    assert "수신&#160; 외교부장관" in page
