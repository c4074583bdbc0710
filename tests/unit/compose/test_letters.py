"""Composing the founding-case letter in each preset and layout."""

from dataclasses import replace

from desktop_app.compose import (
    ComposeOptions,
    DateStyle,
    Layout,
    compose,
    compose_both,
    get_preset,
)
from desktop_app.compose.layout import PageBreak, Paragraph, Table
from desktop_app.domain import BilingualText, BodyItem, Enclosure, Recipient
from tests.helpers.samples import sample_letter

OFFICIAL = get_preset("ko-official")


def paragraphs(doc_blocks: tuple[object, ...]) -> list[Paragraph]:
    return [b for b in doc_blocks if isinstance(b, Paragraph)]


def test_korean_letter_has_the_parts_in_order() -> None:
    text = compose(sample_letter(), "ko").plain_text()
    order = [
        "수신 외교부 장관 조태열 귀하",
        "제목 중국 내",
        "존경하는 조태열 장관님,",
        "1. 유엔난민기구가",
        "가. 양자 회담",
        "3. 베트남에",
        "다. 1951년",
        "감사합니다.",
        "2024. 4. 18.",
        "\n전환기정의워킹그룹\n대한민국",
        "붙임 1. 기자회견문 1부.",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_official_style_ends_with_kkeut_after_the_last_enclosure() -> None:
    doc = compose(sample_letter(), "ko", OFFICIAL)
    texts = [p.text for p in paragraphs(doc.blocks)]
    assert texts[0] == "6·25국군포로가족회 · (사)물망초 · 전환기정의워킹그룹"
    assert "2. 서한(영문) 1부.  끝." in texts
    assert sum("끝." in t for t in texts) == 1
    assert "시행 TJWG 제2024-07호(2024. 4. 18.)" in texts
    assert any(t.endswith("공개") for t in texts)


def test_official_style_without_enclosures_puts_kkeut_after_the_body() -> None:
    letter = replace(sample_letter(), enclosures=())
    texts = [p.text for p in paragraphs(compose(letter, "ko", OFFICIAL).blocks)]
    assert "다. 1951년 난민협약과 1967년 난민의 지위에 관한 의정서를 비준할 것  끝." in texts


def test_a_single_enclosure_is_not_numbered() -> None:
    letter = replace(sample_letter(), enclosures=(Enclosure(BilingualText.of("서한(영문)", "L")),))
    texts = [p.text for p in paragraphs(compose(letter, "ko", OFFICIAL).blocks)]
    assert "붙임 서한(영문) 1부.  끝." in texts


def test_many_recipients_make_suginja_chamjo() -> None:
    second = Recipient(name=BilingualText.of("김영호"), title=BilingualText.of("통일부 장관"))
    letter = replace(sample_letter(), recipients=(*sample_letter().recipients, second))
    texts = [p.text for p in paragraphs(compose(letter, "ko", OFFICIAL).blocks)]
    assert "수신 수신자 참조" in texts
    assert "수신자 외교부장관, 통일부 장관" in texts


def test_markers_indent_one_hangul_character_per_level() -> None:
    levels = [1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1]  # each level has a sibling
    body = tuple(BodyItem(BilingualText.of(f"항목 {n}", f"item {n}"), n) for n in levels)
    letter = replace(sample_letter(), body=body)
    doc = compose(letter, "ko", OFFICIAL)
    items = [p for p in paragraphs(doc.blocks) if p.key.startswith("body")]
    size = OFFICIAL.font.size_pt
    assert [p.marker for p in items[:8]] == ["1.", "가.", "1)", "가)", "(1)", "(가)", "①", "㉮"]
    assert [p.indent_pt for p in items[:8]] == [n * size for n in range(8)]
    assert all(p.hanging_pt > 0 for p in items)


def test_english_letter_parts_and_date_styles() -> None:
    doc = compose(sample_letter(), "en")
    text = doc.plain_text()
    assert doc.language == "en-GB"
    for part in (
        "18 April 2024",
        "H.E. Mr. Cho Tae-yul\nMinister of Foreign Affairs",
        "Re: Request concerning",
        "Dear Minister Cho,",
        "(a) raise this",
        "Yours sincerely,",
        "Mulmangcho (사단법인 물망초)",
        "Enclosures:\n1. Press statement",
    ):
        assert part in text
    us = compose(sample_letter(), "en", options=ComposeOptions(date_style=DateStyle.US))
    assert "April 18, 2024" in us.plain_text()
    assert us.language == "en-US"


def test_viet_nam_is_written_as_the_un_does() -> None:
    text = compose(sample_letter(), "en").plain_text()
    assert "Viet Nam" in text
    assert "Vietnam" not in text.replace("Vietnam War", "")


def test_combined_is_korean_then_a_page_break_then_english() -> None:
    doc = compose_both(sample_letter(), Layout.COMBINED)
    kinds = [type(b) for b in doc.blocks]
    brk = kinds.index(PageBreak)
    before = " ".join(p.text for p in paragraphs(doc.blocks[:brk]))
    after = paragraphs(doc.blocks[brk + 1 :])
    assert "존경하는" in before and "Dear Minister" not in before
    assert after and all(p.lang == "en-GB" for p in after)
    assert doc.languages == ("ko-KR", "en-GB")


def test_side_by_side_pairs_each_paragraph_with_its_translation() -> None:
    doc = compose_both(sample_letter(), Layout.SIDE_BY_SIDE)
    (table,) = doc.blocks
    assert isinstance(table, Table)
    rows = {row[0].paragraphs[0].key: row for row in table.rows if row[0].paragraphs[0].key}
    body3 = rows["body[3]"]
    assert body3[0].paragraphs[0].text.startswith("가. 양자 회담")
    assert body3[1].paragraphs[0].text.startswith("(a) raise this")
    assert rows["subject"][1].paragraphs[0].text.startswith("Re: ")
    assert all(p.lang == "ko-KR" for row in table.rows for p in row[0].paragraphs)


def _recipient(**fields: str) -> Recipient:
    return Recipient(**{k: BilingualText.of(v) for k, v in fields.items()})


def test_korean_letter_addresses_the_office_holder_as_korean_usage_does() -> None:
    from desktop_app.compose.letter_ko import official_recipient, recipient_line

    full = {"name": "조태열", "title": "장관", "organisation": "외교부"}
    assert recipient_line(_recipient(**full)) == "외교부 장관 조태열 귀하"
    assert recipient_line(_recipient(**full, honorific="귀하")) == "외교부 장관 조태열 귀하"
    doubled = {**full, "title": "외교부 장관"}
    assert recipient_line(_recipient(**doubled)) == "외교부 장관 조태열 귀하"
    assert recipient_line(_recipient(**full, honorific="님께")) == "조태열 외교부 장관님께"
    assert recipient_line(_recipient(name="조태열")) == "조태열 귀하"
    assert recipient_line(_recipient(organisation="외교부")) == "외교부 귀하"
    assert recipient_line(_recipient(title="외교부 장관")) == "외교부 장관 귀하"
    assert recipient_line(Recipient()) == ""
    department = _recipient(**full, department="인권사회과장")
    assert official_recipient(department) == "외교부장관(인권사회과장)"
    assert official_recipient(_recipient(**doubled)) == "외교부장관"


def test_official_receiver_line_has_the_department_and_the_close_keeps_with_the_body() -> None:
    recipient = _recipient(
        name="조태열", title="장관", organisation="외교부", department="인권사회과장"
    )
    letter = replace(sample_letter(), recipients=(recipient,))
    blocks = paragraphs(compose(letter, "ko", OFFICIAL).blocks)
    assert "수신 외교부장관(인권사회과장)" in [p.text for p in blocks]
    last_body = max(i for i, p in enumerate(blocks) if p.key.startswith("body["))
    assert all(p.keep_with_next for p in blocks[last_body:-1])
    assert not blocks[-1].keep_with_next


def test_signatory_summary_counts_the_organisations() -> None:
    from desktop_app.compose.letter_ko import signatory_summary
    from desktop_app.domain import Signatory

    one = Signatory(organisation=BilingualText.of("(사)물망초"))
    person = Signatory(person=BilingualText.of("김하나"))
    letter = replace(sample_letter(), signatories=(person, one), signatory_summary=True)
    assert signatory_summary(letter) == "(사)물망초 일동"
    many = (one, person, *(Signatory(organisation=BilingualText.of(f"단체{n}")) for n in range(24)))
    assert signatory_summary(replace(letter, signatories=many)) == "(사)물망초 외 24개 단체 일동"
    assert signatory_summary(replace(letter, signatory_summary=False)) == ""
