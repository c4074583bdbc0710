"""Layout documents built by hand for the render tests, and small .docx reading helpers."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from desktop_app.compose.layout import (
    Align,
    Cell,
    FieldKind,
    FontSpec,
    LayoutDocument,
    PageBreak,
    PageSetup,
    Paragraph,
    Run,
    Table,
)

KO_TITLE = "탈북민 강제송환 중단 요청"
KO_BODY = (
    "존경하는 장관님, 저희 단체들은 중국 내 탈북민의 강제송환이 즉각 중단되기를 간곡히 "
    "요청드립니다. 강제송환된 사람들은 구금과 고문의 위험에 처하며, 이는 국제법상 "
    "강제송환 금지 원칙에 어긋납니다. 정부가 외교적 노력을 기울여 주시기를 기원합니다."
)
KO_ITEMS = (
    ("1.", 0.0, 16.0, "국제사회와 협력하여 강제송환 중단을 위한 외교적 노력을 강화하여 주십시오."),
    ("가.", 11.0, 18.0, "유엔 인권기구와의 협의를 정례화하고 그 결과를 국회에 보고하여 주십시오."),
    ("1)", 22.0, 16.0, "구금 중인 사람들의 명단을 확인하고 가족에게 알려 주십시오."),
    ("가)", 33.0, 20.0, "면담 요청에 대한 회신을 서면으로 보내 주십시오."),
)
EN_BODY = (
    "We are writing on behalf of twelve organisations regarding the forced return of "
    "North Korean escapees. We respectfully ask the Government to raise these cases."
)


def _p(text: str, **kwargs: object) -> Paragraph:
    """A one-run paragraph."""
    return Paragraph(runs=(Run(text),), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def korean_doc() -> LayoutDocument:
    """공문-style letter: header, numbered items at four levels, a bordered table, page field."""
    items = tuple(
        Paragraph(runs=(Run(text),), marker=marker, indent_pt=indent, hanging_pt=hanging)
        for marker, indent, hanging, text in KO_ITEMS
    )
    enclosures = Table(
        rows=(
            (Cell((_p("번호"),)), Cell((_p("붙임 문서"),))),
            (Cell((_p("1"),)), Cell((_p("서한(영문) 1부."),))),
        ),
        widths=(1.0, 4.0),
        borders=True,
        key="enclosures",
    )
    footer = Paragraph(
        runs=(
            Run("- "),
            Run("1", field=FieldKind.PAGE),
            Run(" / "),
            Run("1", field=FieldKind.NUM_PAGES),
            Run(" -"),
        ),
        align=Align.CENTER,
        role="footer",
    )
    blocks = (
        Paragraph(runs=(Run(KO_TITLE, bold=True, size_pt=15),), align=Align.CENTER, role="title"),
        _p("수신  외교부장관(인권사회과장)", keep_with_next=True, key="recipient"),
        Paragraph(
            runs=(Run("제목  ", bold=True), Run("강제송환 중단 요청", underline=True)),
            space_before_pt=6,
        ),
        _p(KO_BODY, align=Align.JUSTIFY, first_line_pt=11),
        _p(KO_BODY),
        *items,
        Paragraph(runs=(Run("첫 줄\n둘째 줄\t탭 뒤", italic=True),)),
        enclosures,
        _p("사단법인 다리인권센터 이사장", align=Align.CENTER, role="signature"),
        PageBreak(),
        _p("붙임  서한(영문) 1부.  끝."),
    )
    return LayoutDocument(
        language="ko-KR",
        blocks=blocks,
        page=PageSetup(top_mm=30, bottom_mm=15, left_mm=20, right_mm=15),
        font=FontSpec(size_pt=11.5),
        header=(_p("사단법인 다리인권센터", align=Align.CENTER),),
        footer=(footer,),
    )


@pytest.fixture
def english_doc() -> LayoutDocument:
    """A plain English letter to a minister (Latin font only matters here)."""
    return LayoutDocument(
        language="en-GB",
        blocks=(
            _p("18 April 2024", align=Align.RIGHT),
            _p("H.E. Mr. Cho Tae-yul\nMinister of Foreign Affairs\nRepublic of Korea"),
            Paragraph(runs=(Run("Re: Forced returns", bold=True),)),
            _p("Dear Minister Cho,"),
            _p(EN_BODY, align=Align.JUSTIFY),
            _p("Yours sincerely,", keep_with_next=True),
        ),
        font=FontSpec(latin="Georgia", size_pt=12),
    )


@pytest.fixture
def bilingual_doc() -> LayoutDocument:
    """Korean and English side by side in a borderless two-column table."""
    rows = (
        (Cell((_p(KO_TITLE, align=Align.CENTER),)), Cell((_p("Request", lang="en-GB"),))),
        (Cell((_p(KO_BODY),)), Cell((_p(EN_BODY, lang="en-GB"),))),
    )
    return LayoutDocument(
        language="ko-KR",
        languages=("ko-KR", "en-GB"),
        blocks=(Table(rows=rows, widths=(1.0, 1.0), key="side-by-side"),),
    )


def _parts(data: bytes) -> dict[str, bytes]:
    """Every zip entry of a .docx, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.fixture
def docx_parts() -> Callable[[bytes], dict[str, bytes]]:
    """A function returning every zip entry of .docx bytes, by name."""
    return _parts
