"""Text-level rules on real exported files, in every style and layout.

1. Whitespace-only text is empty: no marker, no number, a missing translation.
2. Bidi controls stay inside their field: an unpaired U+202E reverses nothing after it.
3. Korean paragraphs wrap between words, never inside numbers or Latin words.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from desktop_app.compose import Layout
from desktop_app.domain import Letter
from desktop_app.domain.checks import Finding, check
from desktop_app.domain.glossary import translation_status
from desktop_app.domain.letter import BodyItem, Enclosure, Recipient, Signatory
from desktop_app.domain.text import BilingualText, close_bidi, is_blank
from desktop_app.domain.upr import Question, Recommendation, UprBrief
from desktop_app.render import render_html
from desktop_app.services import ExportRequest
from desktop_app.services.export import export_files, plan_export
from tests.helpers.docx_checks import W, openxml_schema_errors, require_libreoffice
from tests.helpers.samples import sample_letter, sample_upr_brief

TODAY = date(2024, 4, 18)
BLANKS = (" ", "\t", "\xa0", "\u3000", " \n ", "\u3000\xa0\t", "\u200b", "\u3164")

LETTER_STYLES = {
    "ko-letter": ExportRequest("ko", Layout.SEPARATE, {"ko": "ko-letter"}),
    "ko-official": ExportRequest("ko", Layout.SEPARATE, {"ko": "ko-official"}),
    "en-letter": ExportRequest("en", Layout.SEPARATE, {"en": "en-letter"}),
    "combined": ExportRequest("both", Layout.COMBINED),
    "side-by-side": ExportRequest("both", Layout.SIDE_BY_SIDE),
}
UPR_STYLES = {
    "upr-brief-ko": ExportRequest("ko", Layout.SEPARATE, {"ko": "upr-brief-ko"}),
    "upr-brief-en": ExportRequest("en", Layout.SEPARATE, {"en": "upr-brief-en"}),
    "upr-ohchr-ko": ExportRequest("ko", Layout.SEPARATE, {"ko": "upr-ohchr-ko"}),
    "upr-ohchr-en": ExportRequest("en", Layout.SEPARATE, {"en": "upr-ohchr-en"}),
    "upr-combined": ExportRequest("both", Layout.COMBINED),
    "upr-side-by-side": ExportRequest("both", Layout.SIDE_BY_SIDE),
}


def _export(document: object, request: ExportRequest, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (path,) = export_files(document, request, folder, TODAY)
    assert openxml_schema_errors(path) == [], path.name
    return path


def _paragraphs(path: Path) -> list[str]:
    """Every paragraph's text, body then table cells, as python-docx reads it."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def _bt(text: str) -> BilingualText:
    return BilingualText.of(text, text)


# 1. Whitespace-only is empty -------------------------------------------------------------


def _blank_body() -> tuple[BodyItem, ...]:
    """Numbered items with blank ones between them, at two levels, in both languages."""
    items: list[BodyItem] = []
    for n in range(1, 4):
        items.append(BodyItem(BilingualText.of(f"항목 {n}", f"Item {n}"), 1))
        items.append(BodyItem(_bt(BLANKS[n]), 1))
        items.append(BodyItem(_bt(BLANKS[n + 3]), 2))
    items.append(BodyItem(BilingualText.of("하위 가", "Sub a"), 2))
    items.append(BodyItem(_bt("\u3000"), 2))
    items.append(BodyItem(BilingualText.of("하위 나", "Sub b"), 2))
    items.append(BodyItem(_bt(" \t\xa0"), 1))
    return tuple(items)


MARKER_ONLY = re.compile(r"^\s*\S{1,4}\t\s*$")  # "1.\t   ": a marker with nothing after it


@pytest.mark.parametrize("style", LETTER_STYLES)
def test_blank_body_items_take_no_marker_and_no_number(style: str, tmp_path: Path) -> None:
    letter = dataclasses.replace(sample_letter(), body=_blank_body(), enclosures=())
    texts = _paragraphs(_export(letter, LETTER_STYLES[style], tmp_path))
    numbered = [t for t in texts if "\t" in t and re.search(r"(항목|Item|하위|Sub) ", t)]
    ko = ["1.\t항목 1", "2.\t항목 2", "3.\t항목 3", "가.\t하위 가", "나.\t하위 나  끝."]
    en = ["1.\tItem 1", "2.\tItem 2", "3.\tItem 3", "(a)\tSub a", "(b)\tSub b"]
    if style == "ko-letter":
        ko[-1] = "나.\t하위 나"
    expected = {"ko-letter": ko, "ko-official": ko, "en-letter": en}.get(style)
    if expected is None:  # both languages: the Korean side is the 서한
        letter_ko = [*ko[:-1], "나.\t하위 나"]
        expected = [*letter_ko, *en]
        if style == "side-by-side":  # rows pair Korean and English item by item
            expected = [x for pair in zip(letter_ko, en, strict=True) for x in pair]
    assert numbered == expected
    assert not [t for t in texts if MARKER_ONLY.match(t)], texts


def _blank_brief() -> UprBrief:
    brief = sample_upr_brief()
    question = brief.questions[0]
    questions = (
        question,
        Question(text=_bt("\u3000 "), theme=_bt("\xa0"), rationale=_bt("\t")),
        dataclasses.replace(question, text=BilingualText.of("둘째 질의", "Second question")),
    )
    recommendations = (
        Recommendation(text=_bt(" \n")),
        Recommendation(text=BilingualText.of("비준할 것", "Ratify the Convention")),
        Recommendation(text=_bt("\u200b\u3000")),
        Recommendation(text=BilingualText.of("폐지할 것", "Repeal the law")),
    )
    sources = (_bt("\u3000"), BilingualText.of("출처 가", "Source A"), _bt("\t"))
    background = (
        BodyItem(BilingualText.of("배경 1", "Background 1"), 1),
        BodyItem(_bt("\xa0\xa0"), 1),
        BodyItem(BilingualText.of("배경 2", "Background 2"), 1),
    )
    return dataclasses.replace(
        brief,
        questions=questions,
        recommendations=recommendations,
        sources=sources,
        background=background,
        prior_recommendations=(),
    )


@pytest.mark.parametrize("style", UPR_STYLES)
def test_blank_upr_items_take_no_number(style: str, tmp_path: Path) -> None:
    brief = _blank_brief()
    texts = _paragraphs(_export(brief, UPR_STYLES[style], tmp_path))
    assert not [t for t in texts if MARKER_ONLY.match(t)], texts
    assert not [t for t in texts if t.strip() in ("•", "Q2.", "R3.", "2.", "[]")], texts
    if "ohchr" in style:
        bullets = [t for t in texts if t.startswith("•")]
        # two questions and two recommendations shown, under each target State
        assert len(bullets) == (2 + 2) * max(1, len(brief.target_states)), bullets
        return
    for lang in ("ko", "en") if style.count("-") == 1 else (style[-2:],):
        second = "둘째 질의" if lang == "ko" else "Second question"
        ratify, repeal = ("비준할 것", "폐지할 것") if lang == "ko" else ("Ratify", "Repeal")
        assert any(t.startswith("Q2.\t") and second in t for t in texts), texts
        assert any(t.startswith("R1.\t" + ratify) for t in texts), texts
        assert any(t.startswith("R2.\t" + repeal) for t in texts), texts
        source = "출처 가" if lang == "ko" else "Source A"
        assert f"1.\t{source}" in texts
        assert ("2.\t배경 2" if lang == "ko" else "2.\tBackground 2") in texts


def test_blank_text_counts_as_missing_in_checks_and_status() -> None:
    for blank in BLANKS:
        assert is_blank(blank)
        text = BilingualText.of("제목", blank)
        assert text.is_blank("en") and not text.is_empty()
        letter = dataclasses.replace(sample_letter(), subject=text)
        assert Finding("missing", "subject", "en") in check(letter)
        assert translation_status(text) == (100, 0)
        # Editing one side when the other is blank marks nothing stale.
        assert text.with_text("ko", "새 제목").stale is None
        assert BilingualText.of(blank, blank).is_empty()
    assert not is_blank("\ufffd") and not is_blank("\u0600")
    blank_items = dataclasses.replace(
        sample_letter(),
        body=(BodyItem(_bt("\u3000")),),
        signatories=(Signatory(person=_bt(" ")),),
        recipients=(Recipient(name=_bt("\t")),),
    )
    findings = check(blank_items)
    for name in ("recipients", "body", "signatories"):
        assert Finding("no_items", name) in findings


# 2. Bidi isolation -------------------------------------------------------------------------

RLO, PDF = "\u202e", "\u202c"


def _rlo_letter() -> Letter:
    """Fields ending in an unpaired RLO, each followed by another field on the same line."""
    letter = sample_letter()
    recipient = dataclasses.replace(
        letter.recipients[0],
        title=BilingualText.of("외교부 장관" + RLO, "Minister" + RLO),
        honorific=BilingualText.of("귀하", "H.E. Mr." + RLO),
        name=BilingualText.of("조태열", "Cho Tae-yul"),
    )
    signatory = dataclasses.replace(
        letter.signatories[0],
        organisation=BilingualText.of("전환기정의워킹그룹" + RLO, "TJWG" + RLO),
        role=BilingualText.of("대표", "Director"),
    )
    body = (
        *letter.body[:-1],
        dataclasses.replace(letter.body[-1], text=BilingualText.of("마지막 문단" + RLO, "Last")),
    )
    return dataclasses.replace(
        letter,
        recipients=(recipient,),
        signatories=(signatory, *letter.signatories[1:]),
        body=body,
        enclosures=(Enclosure(BilingualText.of("서한" + RLO, "Letter" + RLO), 2),),
    )


def _runs_balanced(path: Path) -> list[str]:
    """Texts of w:r elements that leave a bidi control open (should be none)."""
    import lxml.etree as etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    open_runs = []
    for run in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if close_bidi(text) != text:
            open_runs.append(text)
    return open_runs


@pytest.mark.parametrize("style", LETTER_STYLES)
def test_an_unpaired_override_is_closed_in_its_field(style: str, tmp_path: Path) -> None:
    letter = _rlo_letter()
    path = _export(letter, LETTER_STYLES[style], tmp_path)
    text = "\n".join(_paragraphs(path))
    assert _runs_balanced(path) == []
    if style == "ko-official":  # the 공문 addresses the office: 외교부장관
        assert f"외교부장관{RLO}{PDF}" in text
    elif style != "en-letter":
        assert f"외교부 장관{RLO}{PDF} 조태열 귀하" in text
    if style != "en-letter":
        assert f"서한{RLO}{PDF} 2부." in text
    if style not in ("en-letter", "ko-official"):  # 공문 signs with the sender's name
        assert f"전환기정의워킹그룹{RLO}{PDF} 대표" in text
    if style == "ko-official":
        assert f"서한{RLO}{PDF} 2부.  끝." in text
        bare = dataclasses.replace(letter, enclosures=())
        path = _export(bare, LETTER_STYLES[style], tmp_path / "bare")
        assert any(t.endswith(f"마지막 문단{RLO}{PDF}  끝.") for t in _paragraphs(path))
    if style != "ko-letter" and style != "ko-official":
        assert f"H.E. Mr.{RLO}{PDF} Cho Tae-yul\nMinister{RLO}{PDF}" in text
        assert f"Letter{RLO}{PDF} (2 copies)" in text
        assert f"TJWG{RLO}{PDF}" in text
    (planned,) = plan_export(letter, LETTER_STYLES[style], TODAY)
    page = render_html(planned.layout)
    assert RLO + PDF in page and "<bdi>" in page
    for isolated in re.findall(r"<bdi>(.*?)</bdi>", page):
        assert close_bidi(isolated) == isolated


@pytest.mark.parametrize("style", UPR_STYLES)
def test_upr_fields_close_their_overrides(style: str, tmp_path: Path) -> None:
    brief = sample_upr_brief()
    question = dataclasses.replace(
        brief.questions[0],
        theme=BilingualText.of("구금" + RLO, "Detention" + RLO),
        text=BilingualText.of("질의 본문", "Question text"),
    )
    organisations = tuple(
        dataclasses.replace(o, name=BilingualText.of(o.name.ko + RLO, o.name.en + RLO))
        for o in brief.organisations
    )
    brief = dataclasses.replace(
        brief,
        questions=(question, *brief.questions[1:]),
        organisations=organisations,
        issue=BilingualText.of("강제송환" + RLO, "forced returns" + RLO),
    )
    path = _export(brief, UPR_STYLES[style], tmp_path)
    assert _runs_balanced(path) == []
    text = "\n".join(_paragraphs(path))
    if "ohchr" not in style:
        if "-en" not in style:
            assert f"[구금{RLO}{PDF}] 질의 본문" in text
            assert f"강제송환{RLO}{PDF}에 관한" in text
        if "-ko" not in style:
            assert f"[Detention{RLO}{PDF}] Question text" in text


# The side-by-side Korean column alone: the left half of the A4 page (595 pt wide).
LEFT_COLUMN = ("-x", "0", "-y", "0", "-W", "300", "-H", "842")


def _pdf_text(paths: list[Path], out: Path, *extra: str) -> dict[Path, str]:
    """The files through LibreOffice to PDF in one run, then pdftotext (`extra` for the
    side-by-side files)."""
    exe = require_libreoffice()
    subprocess.run(
        [exe, "--headless", f"-env:UserInstallation=file://{out}/lo", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, paths)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    texts = {}
    for path in paths:
        pdf = out / (path.stem + ".pdf")
        options = extra if "parallel" in path.name else ()
        done = subprocess.run(
            ["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True, text=True
        )
        texts[path] = done.stdout
    return texts


def test_pdf_shows_the_next_field_unreversed(tmp_path: Path) -> None:
    letter = _rlo_letter()
    paths = [_export(letter, request, tmp_path / s) for s, request in LETTER_STYLES.items()]
    for path, text in _pdf_text(paths, tmp_path).items():
        flat = text.replace(" ", "")
        assert "열태조" not in flat, path.name
        if "공문" in path.name:  # the 공문 addresses the office, not the person
            assert "외교부장관" in flat and "관장부교외" not in flat and "2부." in flat, path.name
        elif "(ko)" in path.name or "ko-en" in path.name:
            assert "조태열" in flat and "2부." in flat, (path.name, text)
        if "(en)" in path.name or "ko-en" in path.name:
            assert "Cho" in text and "ohC" not in text, (path.name, text)
            assert "(2 copies)" in text, (path.name, text)


# 3. Korean line breaks ---------------------------------------------------------------------

SENTENCE = "2023년 제56차 INJECT 회의에서 UN 권고 115.63항을 A/HRC/41/7 문서로"
TOKENS = SENTENCE.split()


NUMBER_BEFORE_HANGUL = re.compile(r"\d\|[가-힣]")


def _wrapping_text() -> str:
    return "시작 " + " ".join([SENTENCE] * 14) + " 마침"


def broken_words(pdf_text: str) -> list[str]:
    """Line ends that fall inside a word of SENTENCE (between "시작" and "마침")."""
    stream = "|".join(line.replace(" ", "") for line in pdf_text.splitlines() if line.strip())
    start, end = stream.index("시작") + len("시작"), stream.index("마침")
    body = stream[start:end]
    bounds, at = {0}, 0
    for token in TOKENS * 14:
        at += len(token)
        bounds.add(at)
    broken, position = [], 0
    for index, ch in enumerate(body):
        if ch == "|":
            if position not in bounds:
                broken.append(body[max(0, index - 6) : index + 7])
        else:
            position += 1
    assert position == at, "the paragraph's text came back whole"
    return broken


def _korean_documents() -> dict[str, object]:
    letter = sample_letter()
    body = (BodyItem(BilingualText.of(_wrapping_text(), "Short English paragraph."), 0),)
    letter = dataclasses.replace(letter, body=body)
    brief = dataclasses.replace(
        sample_upr_brief(),
        summary=BilingualText.of(_wrapping_text(), "Summary."),
        questions=(Question(text=BilingualText.of(_wrapping_text(), "Question.")),),
    )
    return {"letter": letter, "brief": brief}


KOREAN_WRAPS = {
    "ko-letter": ("letter", LETTER_STYLES["ko-letter"]),
    "ko-official": ("letter", LETTER_STYLES["ko-official"]),
    "combined": ("letter", LETTER_STYLES["combined"]),
    "side-by-side": ("letter", LETTER_STYLES["side-by-side"]),
    "upr-brief-ko": ("brief", UPR_STYLES["upr-brief-ko"]),
    "upr-ohchr-ko": ("brief", UPR_STYLES["upr-ohchr-ko"]),
}


def _with_korean_latin(path: Path, out: Path) -> Path:
    """A copy of an export with the old tagging, w:lang w:val="ko-KR" for Latin text too."""
    target = out / f"old tagging {path.name}"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in ("word/styles.xml", "word/settings.xml"):
                data = data.replace(
                    b'w:val="en-US" w:eastAsia="ko-KR"', b'w:val="ko-KR" w:eastAsia="ko-KR"'
                )
            dst.writestr(info, data)
    return target


def test_korean_paragraphs_wrap_between_words_in_libreoffice(tmp_path: Path) -> None:
    documents = _korean_documents()
    paths = {
        name: _export(documents[kind], request, tmp_path / name)
        for name, (kind, request) in KOREAN_WRAPS.items()
    }
    old = tmp_path / "old"
    old.mkdir()
    controls = [
        _with_korean_latin(paths["ko-letter"], old),
        _with_korean_latin(paths["side-by-side"], old),
    ]
    texts = _pdf_text([*paths.values(), *controls], tmp_path / "pdf", *LEFT_COLUMN)
    for name, path in paths.items():
        text = texts[path]
        assert text.count("\n") > 20, (name, "the paragraph must wrap many times")
        # What LibreOffice still does (docs/korean-typography.md): a line may end between
        # a number and the Hangul after it ("2023|년", "115.63|항을"); Word does not. No
        # other break inside a word: not inside a number, "제56차", "INJECT", "A/HRC/41/7".
        remaining = [b for b in broken_words(text) if not NUMBER_BEFORE_HANGUL.search(b)]
        assert remaining == [], (name, text)
    # The same files tagged as before break inside "2023", "INJECT", "115.63": the
    # check above can fail, and the tagging is what prevents it.
    for control in controls:
        old_breaks = broken_words(texts[control])
        assert [b for b in old_breaks if not NUMBER_BEFORE_HANGUL.search(b)], control.name
