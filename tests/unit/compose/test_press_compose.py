"""Press conference notice and statement composed and exported in Korean, English, combined
and side by side: the order of their parts, the conventions in the .docx XML, 0 schema
errors, Korean fonts."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.compose import Layout, compose, compose_both, default_preset, omissions
from desktop_app.domain import BilingualText
from desktop_app.domain.letter import Organisation, Signatory
from desktop_app.domain.press import DemandStyle, PressNotice, Statement
from desktop_app.services.export import ExportRequest, export_files
from tests.helpers.docx_checks import openxml_schema_errors, part_text
from tests.helpers.samples import sample_press_notice, sample_statement

TODAY = date(2024, 4, 18)
REQUESTS = {
    "ko": ExportRequest(languages="ko"),
    "en": ExportRequest(languages="en"),
    "combined": ExportRequest(layout=Layout.COMBINED),
    "side-by-side": ExportRequest(layout=Layout.SIDE_BY_SIDE),
}


def keys(document: Any, lang: str) -> list[str]:
    return [getattr(b, "key", "") for b in compose(document, lang).blocks]  # type: ignore[arg-type]


def texts(document: Any, lang: str) -> list[str]:
    return compose(document, lang).plain_text().splitlines()  # type: ignore[arg-type]


def xml_text(path: Path) -> str:
    """The text of the document body as Word shows it (runs joined, breaks as newlines)."""
    xml = part_text(path, "word/document.xml")
    xml = re.sub(r"<w:br/>", "\n", xml)
    xml = re.sub(r"</w:p>", "\n", xml)
    return re.sub(r"<[^>]+>", "", xml)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out: dict[tuple[str, str], Path] = {}
    for document in (sample_press_notice(), sample_statement()):
        for name, request in REQUESTS.items():
            folder = tmp_path_factory.mktemp(f"{document.KIND}-{name}")
            (path,) = export_files(document, request, folder, TODAY)
            out[(document.KIND, name)] = path
    return out


# ---------------------------------------------------------------------------------- notice


def test_the_notice_is_in_the_conventional_order() -> None:
    notice = sample_press_notice()
    for lang in ("ko", "en"):
        shown = [k for k in keys(notice, lang) if not k.startswith(("programme[", "purpose["))]
        assert shown == [
            "embargo", "date", "title", "starts", "place", "organisers", "co_organisers",
            "heading.purpose", "heading.programme", "contacts[0]",
        ]  # fmt: skip
    ko = texts(notice, "ko")
    assert ko[0] == "보도 시점: 즉시 보도 가능"
    assert ko[2] == "[기자회견] 중국 내 탈북민 강제북송 중단과 베트남 UPR에서의 정부 역할 촉구"
    assert "일시 2024. 4. 18.(목) 11:00" in ko
    assert "주최 6·25국군포로가족회, (사)물망초" in ko
    assert "주관 전환기정의워킹그룹(TJWG)" in ko
    programme = [t for t in ko if re.match(r"\d\. ", t)]
    assert [re.sub(r"^\d\. ([^:]+).*", r"\1", t) for t in programme] == [
        "사회", "발언 1", "발언 2", "발언 3", "발언 4", "기자회견문 낭독", "서한 전달", "질의응답",
        "통역",
    ]  # fmt: skip
    assert "2. 발언 1: ○○○(6·25국군포로가족회 대표) — 베트남전 국군포로와 베트남 UPR" in ko
    at = ko.index("문의 ○○○ 전환기정의워킹그룹 사무국")
    assert ko[at + 1] == "전화 02-000-0000 · 전자우편 contact@example.org"
    en = texts(notice, "en")
    assert en[0] == "For immediate release"
    assert en[2].startswith("Media advisory: End the forced repatriation")
    assert "When Thursday, 18 April 2024, 11:00" in en
    assert "1. Moderator: ○○○ (Transitional Justice Working Group)" in en


def test_the_embargo_is_worded_in_each_language_and_the_title_prefixed_once() -> None:
    notice = replace(
        sample_press_notice(),
        embargo=datetime(2024, 4, 18, 11, 0),
        title=BilingualText.of("[기자회견] 강제북송 중단", "Media advisory: Stop it"),
    )
    assert texts(notice, "ko")[0] == "보도 시점: 2024. 4. 18.(목) 11:00 이후 보도 가능(엠바고)"
    assert texts(notice, "en")[0] == "Embargoed until Thursday, 18 April 2024, 11:00"
    assert texts(notice, "ko")[2] == "[기자회견] 강제북송 중단"
    assert texts(notice, "en")[2] == "Media advisory: Stop it"


# ------------------------------------------------------------------------------- statement


def test_the_statement_ends_with_the_date_and_n_computed_from_the_signatories() -> None:
    statement = sample_statement()
    ko = texts(statement, "ko")
    assert ko[:2] == ["기자회견문", "정부는 유엔난민기구와 베트남 UPR에서 탈북민 보호에 나서라"]
    assert [t[:2] for t in ko if t.startswith("△")] == ["△ "] * 3
    assert ko[-3:] == [
        "2024. 4. 18.",
        "6·25국군포로가족회 외 2개 단체 일동",
        "참여 단체: 6·25국군포로가족회, (사)물망초, 전환기정의워킹그룹",
    ]
    en = compose(statement, "en").plain_text()
    assert en.endswith(
        "18 April 2024\nSigned by:\n"
        "Families of South Korean Prisoners of War Association (6·25국군포로가족회), "
        "Republic of Korea\nMulmangcho (사단법인 물망초), Republic of Korea\n"
        "Transitional Justice Working Group (전환기정의워킹그룹), Republic of Korea"
    )
    assert "외" not in en
    one = replace(statement, signatories=(*statement.signatories[:1], Signatory()))
    assert texts(one, "ko")[-2] == "6·25국군포로가족회 일동"
    many = replace(
        statement,
        signatories=tuple(
            Signatory(organisation=BilingualText.of(f"단체{i}", f"Org {i}")) for i in range(25)
        ),
    )
    assert texts(many, "ko")[-2] == "단체0 외 24개 단체 일동"
    numbered = replace(statement, demand_style=DemandStyle.NUMBERED)
    assert [t[:3] for t in texts(numbered, "ko") if re.match(r"\d\. 정부는", t)] == [
        "1. ",
        "2. ",
        "3. ",
    ]
    assert "• to press UNHCR" in compose(statement, "en").plain_text()


def test_a_foreign_signatory_has_its_country_in_korean_and_none_is_dropped() -> None:
    statement = replace(
        sample_statement(),
        signatories=(
            *sample_statement().signatories,
            Signatory(
                organisation=BilingualText.of("휴먼라이츠워치", "Human Rights Watch"),
                country=BilingualText.of("미국", "United States"),
            ),
        ),
    )
    assert texts(statement, "ko")[-2] == "6·25국군포로가족회 외 3개 단체 일동"
    assert texts(statement, "ko")[-1].endswith("전환기정의워킹그룹, 휴먼라이츠워치(미국)")
    signer = replace(statement.signatories[0], person=BilingualText.of("이영환", "Lee Young-hwan"))
    with_person = replace(statement, signatories=(signer,))
    for lang in ("ko", "en"):
        [omission] = omissions(with_person, default_preset("statement", lang))
        assert omission.parts == ("signatories[0].person",)
        assert "not printed" in omission.describe()


def test_an_organisers_letterhead_details_are_named_as_left_out() -> None:
    organiser = Organisation(
        name=BilingualText.of("전환기정의워킹그룹", "Transitional Justice Working Group"),
        phone="02-000-0000",
    )
    notice = replace(sample_press_notice(), organisers=(organiser,))
    [omission] = omissions(notice, default_preset("press-notice", "ko"))
    assert omission.path == "organisers[0]" and omission.parts == ("organisers[0].phone",)
    assert omissions(sample_press_notice(), default_preset("press-notice", "en")) == []


# ------------------------------------------------------------------------------ the .docx


@pytest.mark.parametrize("kind", ["press-notice", "statement"])
@pytest.mark.parametrize("name", list(REQUESTS))
def test_every_layout_has_no_schema_errors_and_korean_fonts(
    exported: dict[tuple[str, str], Path], kind: str, name: str
) -> None:
    path = exported[(kind, name)]
    assert openxml_schema_errors(path) == []
    styles = part_text(path, "word/styles.xml")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    assert defaults is not None and 'w:eastAsia="맑은 고딕"' in defaults.group(0)
    assert 'w:eastAsia="ko-KR"' in part_text(path, "word/settings.xml")


@pytest.mark.parametrize("name", list(REQUESTS))
def test_the_notice_conventions_are_in_the_xml(
    exported: dict[tuple[str, str], Path], name: str
) -> None:
    text = xml_text(exported[("press-notice", name)])
    if name != "en":
        assert "[기자회견] 중국 내 탈북민" in text
        assert "2024. 4. 18.(목) 11:00" in text
        assert "즉시 보도 가능" in text
        for label in ("일시", "장소", "주최", "주관", "취지", "순서", "문의"):
            assert label in text, label
        assert text.index("사회:") < text.index("발언 1:") < text.index("기자회견문 낭독")
        assert text.index("기자회견문 낭독") < text.index("서한 전달") < text.index("질의응답")
    if name != "ko":
        assert "Thursday, 18 April 2024, 11:00" in text
        assert "For immediate release" in text
        assert "Media advisory:" in text
    assert "2024.04.18" not in text
    assert not re.search(r"(?<![\d:])\d{1,2}:\d(?!\d)", text)  # no 11:0


@pytest.mark.parametrize("name", list(REQUESTS))
def test_the_statement_conventions_are_in_the_xml(
    exported: dict[tuple[str, str], Path], name: str
) -> None:
    text = xml_text(exported[("statement", name)])
    if name != "en":
        assert "6·25국군포로가족회 외 2개 단체 일동" in text
        assert text.count("△") == 3
        assert text.index("2024. 4. 18.") < text.index("외 2개 단체 일동")
    if name != "ko":
        assert "Signed by:" in text and "18 April 2024" in text
        assert "Mulmangcho (사단법인 물망초), Republic of Korea" in text


def test_side_by_side_pairs_each_part_with_its_translation() -> None:
    layout = compose_both(sample_press_notice(), Layout.SIDE_BY_SIDE)
    rows = [
        (row[0].paragraphs[0].text, row[1].paragraphs[0].text)
        for table in layout.blocks
        for row in getattr(table, "rows", ())
    ]
    assert ("일시 2024. 4. 18.(목) 11:00", "When Thursday, 18 April 2024, 11:00") in rows
    assert ("4. 발언 3: 강제북송 피해 여성의 가족 — 2023년 10월 강제북송된 가족의 이야기",
            "4. Remarks 3: A relative of a woman subjected to forced repatriation to North Korea "
            "— My relative, forcibly repatriated in October 2023") in rows  # fmt: skip


def test_blank_documents_compose_without_error() -> None:
    for document in (PressNotice(), Statement()):
        for lang in ("ko", "en"):
            assert compose(document, lang).blocks  # type: ignore[arg-type]
        compose_both(document, Layout.SIDE_BY_SIDE)
