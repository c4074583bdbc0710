"""Questions and recommendations for some of the target States, in real exported files: the
OHCHR list puts each under its States only, the briefing paper says whom it is for, old
files still import (all States), English pages are numbered as English documents are."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import docx
import jsonschema

from desktop_app.domain import FORMAT_VERSION, from_json, to_json
from desktop_app.domain.checks import check, describe
from desktop_app.domain.schema import json_schema
from desktop_app.domain.upr import UprBrief
from desktop_app.paths import sample_path
from desktop_app.services.export import ExportRequest, export_files
from tests.helpers.docx_checks import openxml_schema_errors, part_text
from tests.helpers.samples import sample_upr_brief

TODAY = date(2024, 4, 20)


def assigned_brief() -> UprBrief:
    """Q1 for all; Q2 for Germany; Q3 for Norway and Korea. R1 for Germany; R2, R3 for all."""
    brief = replace(sample_upr_brief(), target_states=("DE", "NO", "KR"))
    q1, q2, q3 = brief.questions
    r1, r2, r3 = brief.recommendations
    return replace(
        brief,
        questions=(q1, replace(q2, states=("DE",)), replace(q3, states=("NO", "KR"))),
        recommendations=(replace(r1, states=("DE",)), r2, r3),
    )


def export(brief: UprBrief, style: str, tmp_path: Path) -> Path:
    lang = style.rsplit("-", 1)[1]
    tmp_path.mkdir(parents=True, exist_ok=True)
    (path,) = export_files(brief, ExportRequest(lang, styles={lang: style}), tmp_path, TODAY)
    assert openxml_schema_errors(path) == [], path.name
    return path


def sections(path: Path, headings: list[str]) -> dict[str, list[str]]:
    """The paragraphs under each State heading (in capitals), read back with python-docx."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for paragraph in docx.Document(str(path)).paragraphs:
        text = paragraph.text.strip()
        if text in headings:
            current = out.setdefault(text, [])
        elif current is not None and text:
            current.append(text)
    return out


def starts(texts: list[str]) -> list[str]:
    """Each item's first words, without its bullet."""
    return [" ".join(t.lstrip("•\t ").split()[:3]) for t in texts]


def test_english_ohchr_list_puts_each_item_under_its_states_only(tmp_path: Path) -> None:
    path = export(assigned_brief(), "upr-ohchr-en", tmp_path)
    got = sections(path, ["GERMANY", "NORWAY", "REPUBLIC OF KOREA"])
    assert list(got) == ["GERMANY", "NORWAY", "REPUBLIC OF KOREA"]
    assert starts(got["GERMANY"]) == [
        "What measures does",
        "How does Viet",
        "Suggested recommendations",
        "Respect the principle",
        "Allow North Korean",
        "Ratify the 1951",
    ]
    for state in ("NORWAY", "REPUBLIC OF KOREA"):
        assert starts(got[state]) == [
            "What measures does",
            "Will Viet Nam",
            "Suggested recommendations",
            "Allow North Korean",
            "Ratify the 1951",
        ]


def test_korean_ohchr_list_puts_each_item_under_its_states_only(tmp_path: Path) -> None:
    brief = assigned_brief()
    path = export(brief, "upr-ohchr-ko", tmp_path)
    got = sections(path, ["독일", "노르웨이", "대한민국"])
    assert list(got) == ["독일", "노르웨이", "대한민국"]
    q = [question.text.ko for question in brief.questions]
    r = [recommendation.text.ko for recommendation in brief.recommendations]
    r[2] += " (이전 권고: A/HRC/41/7)"

    def bare(texts: list[str]) -> list[str]:
        return [t.lstrip("•\t ") for t in texts]

    assert bare(got["독일"]) == [q[0], q[1], "권고(안)", r[0], r[1], r[2]]
    assert bare(got["노르웨이"]) == bare(got["대한민국"]) == [q[0], q[2], "권고(안)", r[1], r[2]]


def test_a_state_with_nothing_assigned_is_not_listed(tmp_path: Path) -> None:
    brief = assigned_brief()
    brief = replace(
        brief,
        target_states=("DE", "NO", "KR", "AU"),
        questions=tuple(replace(q, states=q.states or ("DE",)) for q in brief.questions),
        recommendations=tuple(replace(r, states=("NO",)) for r in brief.recommendations),
    )
    text = [p.text for p in docx.Document(str(export(brief, "upr-ohchr-en", tmp_path))).paragraphs]
    assert "AUSTRALIA" not in text
    assert [t for t in text if t.isupper()] == ["GERMANY", "NORWAY", "REPUBLIC OF KOREA"]


def test_by_default_every_item_is_under_every_state(tmp_path: Path) -> None:
    brief = replace(sample_upr_brief(), target_states=("KR", "AU"))
    got = sections(export(brief, "upr-ohchr-en", tmp_path), ["REPUBLIC OF KOREA", "AUSTRALIA"])
    assert got["REPUBLIC OF KOREA"] == got["AUSTRALIA"]
    assert len(got["AUSTRALIA"]) == 3 + 1 + 3


def test_briefing_papers_say_whom_an_item_is_for(tmp_path: Path) -> None:
    brief = assigned_brief()
    english = docx.Document(str(export(brief, "upr-brief-en", tmp_path)))
    lines = [p.text for p in english.paragraphs]
    q = {line[:3]: line for line in lines if re.match(r"^[QR]\d\.", line)}
    assert "(to:" not in q["Q1."]
    assert q["Q2."].endswith("(to: Germany)")
    assert q["Q3."].endswith("(to: Norway, Republic of Korea)")
    assert q["R1."].endswith("(to: Germany)")
    assert "(to:" not in q["R2."] + q["R3."]
    korean = docx.Document(str(export(brief, "upr-brief-ko", tmp_path / "ko")))
    lines = [p.text for p in korean.paragraphs]
    q = {line[:3]: line for line in lines if re.match(r"^[QR]\d\.", line)}
    assert q["Q3."].endswith("(전달 대상: 노르웨이, 대한민국)")
    assert q["R1."].endswith("(전달 대상: 독일)")
    assert "전달 대상:" not in q["Q1."]


def test_a_state_that_is_not_a_target_is_a_finding_and_still_listed(tmp_path: Path) -> None:
    brief = assigned_brief()
    brief = replace(brief, questions=(replace(brief.questions[0], states=("FR",)),))
    sentences = [describe(f) for f in check(brief) if f.code == "not_a_target"]
    assert sentences == [
        "Question 1 is assigned to FR, which is not among the States the paper is for; "
        "add FR to “For (States)”, or take it off the question."
    ]
    got = sections(export(brief, "upr-ohchr-en", tmp_path), ["FRANCE", "GERMANY"])
    assert starts(got["FRANCE"]) == ["What measures does"]


def payload(version: int) -> dict[str, Any]:
    """The shipped brief as an older Dari wrote it: no `states` on any item."""
    data: dict[str, Any] = json.loads(
        sample_path("founding-case-upr-brief.json").read_text(encoding="utf-8")
    )
    for name in ("questions", "recommendations"):
        for item in data[name]:
            item.pop("states", None)
    return {**data, "format": version, "target_states": ["KR", "DE"]}


def test_format_1_and_2_briefs_import_with_every_item_for_every_state(tmp_path: Path) -> None:
    for version in (1, 2):
        brief = from_json(payload(version))
        assert isinstance(brief, UprBrief)
        assert all(item.states == () for item in (*brief.questions, *brief.recommendations))
        assert to_json(brief)["format"] == FORMAT_VERSION
        out = tmp_path / str(version)
        out.mkdir()
        got = sections(export(brief, "upr-ohchr-en", out), ["REPUBLIC OF KOREA", "GERMANY"])
        assert got["REPUBLIC OF KOREA"] == got["GERMANY"] and len(got["GERMANY"]) == 7


def test_format_3_with_states_satisfies_the_schema_and_round_trips() -> None:
    data = to_json(assigned_brief())
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert data["questions"][2]["states"] == ["NO", "KR"]
    assert from_json(data) == assigned_brief()


def test_english_pages_are_numbered_page_n_of_m_and_korean_keep_dashes(tmp_path: Path) -> None:
    for style in ("upr-ohchr-en", "upr-brief-en"):
        footer = part_text(export(sample_upr_brief(), style, tmp_path / style), "word/footer1.xml")
        texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>|<w:instrText[^>]*>([^<]*)<", footer)
        flat = "".join(a or f"{{{b.strip()}}}" for a, b in texts)
        assert re.search(r"Page \{PAGE\}1? of \{NUMPAGES\}1?", flat), flat
        assert "- " not in flat
    for style in ("upr-ohchr-ko", "upr-brief-ko"):
        footer = part_text(export(sample_upr_brief(), style, tmp_path / style), "word/footer1.xml")
        assert "NUMPAGES" not in footer and "PAGE" in footer and "Page" not in footer


def test_ohchr_lists_carry_the_cycle_and_session_line(tmp_path: Path) -> None:
    english = [
        p.text
        for p in docx.Document(str(export(sample_upr_brief(), "upr-ohchr-en", tmp_path))).paragraphs
    ]
    assert english[:2] == [
        "Advance questions to Viet Nam",
        "Universal Periodic Review – Fourth cycle – 46th session",
    ]
    korean = [
        p.text
        for p in docx.Document(
            str(export(sample_upr_brief(), "upr-ohchr-ko", tmp_path / "ko"))
        ).paragraphs
    ]
    assert korean[:2] == [
        "베트남에 대한 사전 서면질의",
        "국가별 정례인권검토(UPR) 제4주기 – 제46차 실무그룹 회의",
    ]
    no_session = replace(sample_upr_brief(), session=None, cycle=3)
    text = [
        p.text
        for p in docx.Document(str(export(no_session, "upr-ohchr-en", tmp_path / "3"))).paragraphs
    ]
    assert text[1] == "Universal Periodic Review – Third cycle"


def test_assigned_exports_re_export_byte_identically(tmp_path: Path) -> None:
    for style in ("upr-ohchr-en", "upr-ohchr-ko", "upr-brief-en", "upr-brief-ko"):
        first = export(assigned_brief(), style, tmp_path / "a" / style)
        second = export(assigned_brief(), style, tmp_path / "b" / style)
        assert first.read_bytes() == second.read_bytes()
