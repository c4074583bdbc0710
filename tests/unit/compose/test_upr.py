"""Composing the Viet Nam brief: the briefing paper and the OHCHR-style list, in both languages."""

from dataclasses import replace
from datetime import date

from desktop_app.compose import Layout, compose, compose_both, get_preset
from desktop_app.compose.layout import Paragraph, Table
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.upr import date_range, ordinal
from desktop_app.domain.states import State, StateRegistry
from tests.helpers.samples import sample_upr_brief


def test_english_briefing_paper_names_viet_nam_as_the_un_does() -> None:
    text = compose(sample_upr_brief(), "en").plain_text()
    assert text.startswith("Universal Periodic Review of Viet Nam — fourth cycle\n")
    assert "46th session of the UPR Working Group (29 April – 10 May 2024)" in text
    assert "Review: 7 May 2024" in text
    assert "Q3. [South Korean prisoners of war from the Vietnam War]" in text
    assert "R3. Ratify the 1951 Convention" in text
    assert "(As previously recommended: A/HRC/41/7)" in text
    assert "For the attention of: Republic of Korea" in text
    assert "Vietnam" not in text.replace("Vietnam War", "")


def test_korean_briefing_paper_uses_korean_names_and_dates() -> None:
    text = compose(sample_upr_brief(), "ko").plain_text()
    assert text.startswith("베트남 제4주기 국가별 정례인권검토(UPR)\n")
    assert "제46차 UPR 실무그룹 회의 (2024. 4. 29. ~ 2024. 5. 10.)" in text
    assert "심의일: 2024. 5. 7." in text
    assert "전달 대상: 대한민국" in text
    assert "사전 서면질의(안)" in text and "권고(안)" in text


def test_ohchr_list_heads_each_submitting_state_in_capitals() -> None:
    brief = replace(sample_upr_brief(), target_states=("KR", "AU"))
    paragraphs = [
        b
        for b in compose(brief, "en", get_preset("upr-ohchr-en")).blocks
        if isinstance(b, Paragraph)
    ]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Advance questions to Viet Nam"
    assert texts[1] == "Universal Periodic Review – Fourth cycle – 46th session"
    assert texts[2] == "REPUBLIC OF KOREA"
    assert texts[3].startswith("• What measures does Viet Nam take")
    assert texts[6] == "Suggested recommendations"
    assert texts[7].startswith("• Respect the principle of non-refoulement")
    assert texts[10] == "AUSTRALIA"
    # every question and recommendation is for all target States by default
    assert len(texts) == 2 + 2 * (1 + 3 + 1 + 3)
    korean = compose(brief, "ko", get_preset("upr-ohchr-ko")).plain_text()
    assert korean.startswith(
        "베트남에 대한 사전 서면질의\n"
        "국가별 정례인권검토(UPR) 제4주기 – 제46차 실무그룹 회의\n대한민국\n"
    )


def test_side_by_side_pairs_questions() -> None:
    (table,) = compose_both(sample_upr_brief(), Layout.SIDE_BY_SIDE).blocks
    assert isinstance(table, Table)
    row = next(r for r in table.rows if r[0].paragraphs[0].key == "questions[1]")
    assert row[0].paragraphs[0].text.startswith("Q2. [강제송환금지]")
    assert row[1].paragraphs[0].text.startswith("Q2. [Non-refoulement]")


def test_state_names_come_from_data_not_code() -> None:
    custom = StateRegistry([State("VN", "VNM", "Viet Nam (custom)", "x", "베트남(수정)", "y")])
    text = compose(sample_upr_brief(), "en", options=ComposeOptions(states=custom)).plain_text()
    assert "Universal Periodic Review of Viet Nam (custom)" in text
    assert "For the attention of: KR" in text  # unknown code shown as is, never dropped


def test_ordinals_and_ranges() -> None:
    assert [ordinal(n) for n in (41, 42, 43, 46, 11, 12, 13, 111)] == [
        "41st",
        "42nd",
        "43rd",
        "46th",
        "11th",
        "12th",
        "13th",
        "111th",
    ]
    options = ComposeOptions()
    assert date_range(date(2022, 11, 7), date(2022, 11, 18), "en", options) == "7–18 November 2022"
    assert (
        date_range(date(2024, 4, 29), date(2024, 5, 10), "en", options) == "29 April – 10 May 2024"
    )
