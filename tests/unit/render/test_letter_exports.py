"""Letters exported through compose + render and read back: letterhead, signatories,
outline indents, the two-language layouts, and nothing of the draft left out."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from desktop_app.compose import Layout, compose, compose_both
from desktop_app.compose.blocks import korean_name_aside
from desktop_app.compose.layout import Paragraph, Table
from desktop_app.domain import BilingualText, BodyItem, Letter
from desktop_app.domain.letter import Organisation, Signatory
from desktop_app.render import render_docx, render_html, write_docx
from desktop_app.services.export import ExportRequest, export_files
from tests.helpers.docx_checks import W, docx_text, openxml_schema_errors
from tests.helpers.letters import joint_letter, marked_letter
from tests.helpers.samples import sample_letter

TODAY = date(2024, 4, 18)
LAYOUTS = (Layout.SEPARATE, Layout.COMBINED, Layout.SIDE_BY_SIDE)


def export(letter: Letter, tmp_path: Path, layout: Layout, languages: str = "en") -> Path:
    """One exported file: English alone (SEPARATE) or both languages in `layout`."""
    request = ExportRequest(languages="both" if layout is not Layout.SEPARATE else languages,  # type: ignore[arg-type]
                            layout=layout)  # fmt: skip
    out = tmp_path / layout.value
    out.mkdir()
    (path,) = export_files(letter, request, out, TODAY)
    return path


def body_xml_paragraphs(path: Path) -> list[Any]:
    """Every w:p of the body (table cells included), in document order."""
    document = docx.Document(str(path))
    return list(document.element.body.iter(f"{W}p"))


def p_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


# ------------------------------------------------------------------ outline indents


def _indents(path: Path, texts: dict[str, int]) -> dict[int, set[tuple[str, str, str]]]:
    """Per level: the set of (w:ind left, w:ind hanging, tab position) of its items."""
    out: dict[int, set[tuple[str, str, str]]] = {}
    for p in body_xml_paragraphs(path):
        text = p_text(p)
        level = next((lv for prefix, lv in texts.items() if prefix in text), None)
        if level is None:
            continue
        ind = p.find(f"{W}pPr/{W}ind")
        tabs = p.findall(f"{W}pPr/{W}tabs/{W}tab")
        assert ind is not None and len(tabs) == 1, text
        entry = (ind.get(f"{W}left"), ind.get(f"{W}hanging"), tabs[0].get(f"{W}pos"))
        assert entry[0] == entry[2], "the text starts at the tab stop"
        out.setdefault(level, set()).add(entry)
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_text_of_one_level_starts_at_one_indent_whatever_its_marker(
    lang: str, tmp_path: Path
) -> None:
    # 12 items at each level: (i)…(xii), 가.…타., ①…⑫, 10. and (10) beside 1. and (1).
    body = [BodyItem(BilingualText.of("머리", "head"), 0)]
    for level in range(1, 9):
        body += [
            BodyItem(BilingualText.of(f"L{level}N{n} 항목", f"L{level}N{n} item"), level)
            for n in range(1, 13)
        ]
    letter = replace(sample_letter(), body=tuple(body))
    path = export(letter, tmp_path, Layout.SEPARATE, lang)
    indents = _indents(path, {f"L{level}N": level for level in range(1, 9)})
    assert sorted(indents) == list(range(1, 9))
    for level, entries in indents.items():
        assert len(entries) == 1, (level, entries)  # one indent, one tab stop per level
    lefts = [int(next(iter(indents[level]))[0]) for level in range(1, 9)]
    assert lefts == sorted(lefts)
    assert openxml_schema_errors(path) == []


def test_the_preview_hangs_every_marker_of_a_level_in_one_width() -> None:
    body = tuple(BodyItem(BilingualText.of(f"항목{n}", f"item{n}"), 3) for n in range(1, 10))
    letter = replace(sample_letter(), body=body)
    for lang in ("en", "ko"):
        html = render_html(compose(letter, lang))  # type: ignore[arg-type]
        blocks = compose(letter, lang).blocks  # type: ignore[arg-type]
        items = [p for p in blocks if isinstance(p, Paragraph) and p.key.startswith("body")]
        assert len({p.hanging_pt for p in items}) == 1
        assert len({p.indent_pt for p in items}) == 1
        hanging = round(items[0].hanging_pt * 96 / 72)
        assert html.count(f'<td width="{hanging}" valign="top">') == len(items)


# ------------------------------------------------------------------ English letter


def test_english_letter_prints_the_senders_letterhead_first(tmp_path: Path) -> None:
    sender = Organisation(
        name=BilingualText.of("다리인권센터", "Dari Human Rights Centre"),
        address=BilingualText.of("서울특별시 종로구 1", "1 Jongno-gu, Seoul"),
        postcode="03100",
        phone="+82 2 123 4567",
        fax="+82 2 123 4568",
        email="office@dari.example.org",
        website="https://dari.example.org",
    )
    letter = replace(sample_letter(), senders=(sender,))
    path = export(letter, tmp_path, Layout.SEPARATE)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    head = "\n".join(paragraphs[:2])
    for part in (
        "Dari Human Rights Centre",
        "1 Jongno-gu, Seoul 03100",
        "+82 2 123 4567",
        "+82 2 123 4568",
        "office@dari.example.org",
        "https://dari.example.org",
    ):
        assert part in head
    text = docx_text(path)
    assert text.index("Dari Human Rights Centre") < text.index("18 April 2024")
    assert openxml_schema_errors(path) == []


def test_several_senders_stand_side_by_side_in_the_letterhead(tmp_path: Path) -> None:
    path = export(sample_letter(), tmp_path, Layout.SEPARATE)
    first = docx.Document(str(path)).tables[0]
    cells = [c.text for c in first.rows[0].cells]
    assert cells[0].startswith("Families of South Korean Prisoners of War Association")
    assert cells[1].startswith("Mulmangcho")
    assert "00 ○○-ro, ○○-gu, Seoul, Republic of Korea 00000" in cells[2]
    assert "contact@example.org" in cells[2]


def test_an_individual_is_person_role_then_country(tmp_path: Path) -> None:
    individual = Signatory(
        person=BilingualText.of("이하늘", "Lee Ha-neul"),
        role=BilingualText.of("국군포로 이○○의 동생", "sister of a prisoner of war"),
        country=BilingualText.of("대한민국", "Republic of Korea"),
    )
    letter = replace(sample_letter(), signatories=(individual,))
    text = docx_text(export(letter, tmp_path, Layout.SEPARATE))
    assert "Lee Ha-neul, sister of a prisoner of war\nRepublic of Korea" in text


def test_organisation_person_role_country_in_that_order() -> None:
    signatory = Signatory(
        organisation=BilingualText.of("전환기정의워킹그룹", "Transitional Justice Working Group"),
        person=BilingualText.of("이영환", "Lee Young-hwan"),
        role=BilingualText.of("대표", "Director"),
        country=BilingualText.of("대한민국", "Republic of Korea"),
    )
    letter = replace(sample_letter(), signatories=(signatory,))
    en = compose(letter, "en").plain_text()
    assert (
        "Lee Young-hwan, Director\nTransitional Justice Working Group (전환기정의워킹그룹)\n"
        "Republic of Korea"
    ) in en
    assert "전환기정의워킹그룹 대표 이영환\n대한민국" in compose(letter, "ko").plain_text()


@pytest.mark.parametrize(
    ("english", "korean", "expected"),
    [
        ("Mulmangcho", "(사)물망초", "Mulmangcho (사단법인 물망초)"),
        ("Mulmangcho", "(사) 물망초", "Mulmangcho (사단법인 물망초)"),
        ("Foundation", "(재)한국재단", "Foundation (재단법인 한국재단)"),
        ("Alliance", "북한인권(NK)연대", "Alliance [북한인권(NK)연대]"),
        ("TJWG", "TJWG", "TJWG"),
        ("Plain", "", "Plain"),
    ],
)
def test_a_korean_name_in_parentheses_is_never_doubled(
    english: str, korean: str, expected: str
) -> None:
    assert korean_name_aside(english, korean) == expected
    assert "((" not in expected and "))" not in expected


def test_the_sample_names_mulmangcho_without_double_parentheses(tmp_path: Path) -> None:
    text = docx_text(export(sample_letter(), tmp_path, Layout.SEPARATE))
    assert "Mulmangcho (사단법인 물망초)" in text
    assert "((" not in text


# ------------------------------------------------------------------ many signatories


def _signatory_parts(letter: Letter, lang: str) -> list[list[str]]:
    out = []
    for s in letter.signatories:
        parts = [s.organisation.get(lang), s.person.get(lang), s.role.get(lang)]  # type: ignore[arg-type]
        out.append([p for p in (*parts, s.country.get(lang)) if p])  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_twenty_five_signatories_go_in_columns_with_every_part(
    layout: Layout, tmp_path: Path
) -> None:
    letter = joint_letter(25)
    langs = ["ko", "en"] if layout is not Layout.SEPARATE else ["en", "ko"]
    for lang in langs if layout is Layout.SEPARATE else ["both"]:
        folder = tmp_path / lang
        folder.mkdir()
        path = export(letter, folder, layout, lang)
        document = docx.Document(str(path))
        tables = [
            t for t in document.tables if "Organisation1" in t._tbl.xml or "단체1" in t._tbl.xml
        ]
        signer_tables = [t for t in tables if len(t.columns) >= 2 and len(t.rows) <= 13]
        assert signer_tables, "the signatories are in a compact table"
        assert all(len(table.columns) in (2, 3, 4) for table in signer_tables)
        cells = "\n".join(
            c.text for table in signer_tables for row in table.rows for c in row.cells
        )
        check_langs = ("ko", "en") if lang == "both" else (lang,)
        for check in check_langs:
            for n, parts in enumerate(_signatory_parts(letter, check)):
                for part in parts:
                    wanted = (
                        "사단법인 " + part[3:]
                        if part.startswith("(사)") and check == "en"
                        else part
                    )
                    assert wanted in cells, (check, n, part)
        # No signatory paragraph stands alone, bold and centred, outside the table.
        loose = [
            p.text for p in document.paragraphs if "Organisation2" in p.text or "단체2" in p.text
        ]
        assert loose == []
        assert openxml_schema_errors(path) == []


def test_few_signatories_stand_one_under_the_other() -> None:
    doc = compose(joint_letter(3), "ko")
    signers = [
        b for b in doc.blocks if isinstance(b, Paragraph) and b.key.startswith("signatories")
    ]
    assert len(signers) == 3
    assert not any(isinstance(b, Table) and b.key == "signatories" for b in doc.blocks)


# ------------------------------------------------------------------ two languages


def _keys(doc_blocks: tuple[Any, ...]) -> list[str]:
    out: list[str] = []
    for b in doc_blocks:
        paragraphs = (
            [b] if isinstance(b, Paragraph)
            else [p for row in b.rows for c in row for p in c.paragraphs] if isinstance(b, Table)
            else []
        )  # fmt: skip
        for p in paragraphs:
            if p.key and p.text.strip() and p.key not in out:
                out.append(p.key)
    return out


def test_side_by_side_each_column_reads_in_its_own_styles_order(tmp_path: Path) -> None:
    letter = sample_letter()
    ko_keys = _keys(compose(letter, "ko").blocks)
    en_keys = _keys(compose(letter, "en").blocks)
    both = compose_both(letter, Layout.SIDE_BY_SIDE)
    columns: dict[int, list[str]] = {0: [], 1: []}
    for table in both.blocks:
        assert isinstance(table, Table)
        half = len(table.widths) // 2
        for row in table.rows:
            for index, cell in enumerate(row):
                for p in cell.paragraphs:
                    if p.key and p.text.strip() and p.key not in columns[index // half]:
                        columns[index // half].append(p.key)
    assert columns[0] == ko_keys
    assert columns[1] == en_keys
    # The English date stands above the inside address, the Korean after the closing.
    path = export(letter, tmp_path, Layout.SIDE_BY_SIDE)
    rows = docx.Document(str(path)).tables[0].rows
    texts = [(r.cells[0].text, r.cells[1].text) for r in rows]
    en_date = next(i for i, (_, en) in enumerate(texts) if en == "18 April 2024")
    ko_date = next(i for i, (ko, _) in enumerate(texts) if ko == "2024. 4. 18.")
    address = next(i for i, (_, en) in enumerate(texts) if en.startswith("H.E. Mr. Cho"))
    closing = next(i for i, (ko, _) in enumerate(texts) if ko.startswith("장관님의 각별한"))
    assert en_date < address < closing < ko_date


@pytest.mark.parametrize("layout", [Layout.COMBINED, Layout.SIDE_BY_SIDE])
def test_english_keeps_the_english_letters_font_and_size(layout: Layout, tmp_path: Path) -> None:
    path = export(sample_letter(), tmp_path, layout)
    english = [p for p in body_xml_paragraphs(path) if p_text(p) == "Dear Minister Cho,"]
    korean = [p for p in body_xml_paragraphs(path) if p_text(p) == "존경하는 조태열 장관님,"]
    assert english and korean
    for run in english[0].iter(f"{W}r"):
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}ascii") == "Times New Roman"
        assert run.find(f"{W}rPr/{W}sz").get(f"{W}val") == "24"  # 12 pt, as the English letter
    for run in korean[0].iter(f"{W}r"):
        assert run.find(f"{W}rPr/{W}rFonts") is None  # the document's (Korean) fonts
    assert openxml_schema_errors(path) == []


@pytest.mark.parametrize("layout", [Layout.COMBINED, Layout.SIDE_BY_SIDE])
def test_the_two_language_header_is_one_line_per_language(layout: Layout, tmp_path: Path) -> None:
    path = export(sample_letter(), tmp_path, layout)
    header = docx.Document(str(path)).sections[0].header
    texts = [p.text for p in header.paragraphs]
    assert texts == [
        "6·25국군포로가족회 · (사)물망초 · 전환기정의워킹그룹",
        "POW Families | Mulmangcho | TJWG",  # the full names do not fit one line
    ]


def test_a_short_header_keeps_the_full_names() -> None:
    sender = Organisation(name=BilingualText.of("다리", "Dari"), short_name=BilingualText.of("D"))
    doc = compose(replace(sample_letter(), senders=(sender,)), "en")
    assert [p.text for p in doc.header] == ["Dari"]


# ------------------------------------------------------------------ nothing left out


def _marker_texts(value: Any, lang_prefix: str) -> set[str]:
    out: set[str] = set()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            out |= _marker_texts(getattr(value, f.name), lang_prefix)
    elif isinstance(value, tuple):
        for item in value:
            out |= _marker_texts(item, lang_prefix)
    elif isinstance(value, str) and value and not value.startswith(("KO", "EN")):
        out.add(value)  # postcode, phone, fax, e-mail, website
    elif isinstance(value, str) and value.startswith(lang_prefix):
        out.add(value)
    return out


# Where the English letter has no place for a part: (경유) is of the Korean 공문 only (the
# export check says so). Short names follow the names in the letterhead.
NO_PLACE_IN_ENGLISH = {"ENVia"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_field_of_the_letter_is_in_the_english_export(layout: Layout, tmp_path: Path) -> None:
    letter = marked_letter()
    path = export(letter, tmp_path, layout)
    document = docx.Document(str(path))
    text = (
        docx_text(path) + "\n" + "\n".join(p.text for p in document.sections[0].header.paragraphs)
    )
    wanted = _marker_texts(letter, "EN") - NO_PLACE_IN_ENGLISH
    assert len(wanted) > 50
    missing = sorted(m for m in wanted if m not in text)
    assert missing == []
    assert openxml_schema_errors(path) == []


def test_letters_export_byte_identical_twice() -> None:
    for layout in (Layout.COMBINED, Layout.SIDE_BY_SIDE):
        doc = compose_both(joint_letter(25), layout)
        assert render_docx(doc) == render_docx(doc)
    en = compose(marked_letter(), "en")
    assert render_docx(en) == render_docx(en)


def test_write_docx_of_the_joint_letter(tmp_path: Path) -> None:
    path = tmp_path / "joint.docx"
    write_docx(compose(joint_letter(25), "ko"), path)
    assert docx.Document(str(path)).tables
