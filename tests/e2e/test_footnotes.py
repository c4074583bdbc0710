"""Footnotes in letter and brief text (`^[…]`): parsed once, real Word footnotes in the
.docx in every layout, numbered notes in the preview and plain text, found by search,
checked, and older drafts upgraded so that they print exactly as before."""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from lxml import etree

from desktop_app.compose import Layout, compose, compose_both
from desktop_app.domain import FORMAT_VERSION, check, describe, from_json, to_json
from desktop_app.domain.letter import BodyItem, Letter
from desktop_app.domain.notes import literal_unclosed, notes, numbered, parse, without_notes
from desktop_app.domain.text import BilingualText
from desktop_app.domain.upr import Question, UprBrief
from desktop_app.paths import sample_path
from desktop_app.render.docx_writer import render_docx
from desktop_app.render.html import render_html
from desktop_app.services.search import search_text
from tests.helpers.cli import dari
from tests.helpers.docx_checks import openxml_schema_errors, require_libreoffice
from tests.helpers.samples import sample_letter, sample_payload, sample_upr_brief

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KO_NOTE = "유엔 인권이사회, A/HRC/25/63 [2014], 제5항."
EN_NOTE = "UN Human Rights Council, A/HRC/25/63 [2014], para. 5."
KO_NOTE2 = "유엔난민기구 집행이사회 결론 제94호."
EN_NOTE2 = "UNHCR ExCom Conclusion No. 94."


# ------------------------------------------------------------------ the parser


def test_a_note_is_written_where_its_mark_goes_and_brackets_nest_when_balanced() -> None:
    parsed = parse("본문^[see [2], p. 4]이다.")
    assert [(s.text, s.note) for s in parsed.segments] == [
        ("본문", False),
        ("see [2], p. 4", True),
        ("이다.", False),
    ]
    assert notes("a^[one] b^[two]") == ("one", "two")
    assert without_notes("a^[one] b") == "a b"
    assert numbered("a^[one] b^[two]") == ("a[1] b[2]", ("one", "two"))


def test_escaped_unclosed_and_blank_marks_are_no_notes() -> None:
    assert parse("\\^[literal]").segments[0].text == "^[literal]"
    assert notes("\\^[literal]") == ()
    unclosed = parse("text ^[never closed")
    assert (unclosed.notes, unclosed.unclosed) == ((), 1)
    assert without_notes("text ^[never closed") == "text ^[never closed"  # printed as typed
    blank = parse("text^[ \u3000]end")
    assert (blank.notes, blank.blank, without_notes("text^[ ]end")) == ((), 1, "textend")
    # a stray ^[ in one field stays literal when fields are joined into one line
    assert literal_unclosed("^[theme") + "] text" == "\\^[theme] text"
    assert notes(literal_unclosed("^[theme") + "] text") == ()
    assert literal_unclosed(literal_unclosed("a ^[b ^[c] d")) == literal_unclosed("a ^[b ^[c] d")


# ------------------------------------------------------------------ the format


@pytest.mark.parametrize("old_format", [1, 4])
def test_an_older_draft_prints_a_literal_caret_bracket_as_before(old_format: int) -> None:
    payload = sample_payload()
    payload["format"] = old_format
    payload["subject"] = {"ko": "제목 ^[원문]", "en": "Subject ^[sic] and \\^[x]"}
    payload["signatories"][0].pop("kind", None)
    letter = from_json(payload)
    assert isinstance(letter, Letter)
    assert letter.subject.ko == "제목 \\^[원문]"
    for lang, shown in (("ko", "제목 ^[원문]"), ("en", "Subject ^[sic] and \\^[x]")):
        layout = compose(letter, lang)
        assert layout.notes() == ()
        assert shown in layout.plain_text()
    again = to_json(letter)
    assert again["format"] == FORMAT_VERSION
    assert from_json(again) == letter


# ------------------------------------------------------------------ the .docx


def noted_letter() -> Letter:
    letter = sample_letter()
    body = list(letter.body)
    first, last = body[0], body[-1]
    body[0] = replace(
        first,
        text=BilingualText.of(first.text.ko + f"^[{KO_NOTE}]", first.text.en + f"^[{EN_NOTE}]"),
    )
    body[-1] = replace(
        last,
        text=BilingualText.of(last.text.ko + f"^[{KO_NOTE2}]", last.text.en + f"^[{EN_NOTE2}]"),
    )
    return replace(letter, body=tuple(body))


def footnotes_of(data: bytes) -> tuple[list[str], list[str], Any]:
    """(each note's text by id from 1, the reference ids in document order, the styles)."""
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        names = archive.namelist()
        assert "word/footnotes.xml" in names
        types = archive.read("[Content_Types].xml").decode()
        assert 'PartName="/word/footnotes.xml"' in types
        assert "wordprocessingml.footnotes+xml" in types
        rels = archive.read("word/_rels/document.xml.rels").decode()
        assert "relationships/footnotes" in rels and 'Target="footnotes.xml"' in rels
        root = etree.fromstring(archive.read("word/footnotes.xml"))
        document = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    kinds = [f.get(f"{W}type") for f in root.findall(f"{W}footnote")]
    assert kinds[:2] == ["separator", "continuationSeparator"]
    texts = []
    for footnote in root.findall(f"{W}footnote")[2:]:
        assert footnote.find(f".//{W}footnoteRef") is not None
        assert footnote.find(f".//{W}pStyle").get(f"{W}val") == "FootnoteText"
        texts.append("".join(t.text or "" for t in footnote.iter(f"{W}t")).strip())
    refs = []
    for ref in document.iter(f"{W}footnoteReference"):
        style = ref.getparent().find(f"{W}rPr/{W}rStyle")
        assert style is not None and style.get(f"{W}val") == "FootnoteReference"
        refs.append(ref.get(f"{W}id"))
    return texts, refs, styles


def _style(styles: Any, style_id: str) -> Any:
    return next(s for s in styles.findall(f"{W}style") if s.get(f"{W}styleId") == style_id)


@pytest.mark.parametrize("layout", ["ko", "en", "combined", "side-by-side"])
def test_notes_are_real_word_footnotes_in_every_layout(tmp_path: Path, layout: str) -> None:
    letter = noted_letter()
    if layout in ("ko", "en"):
        doc = compose(letter, layout)  # type: ignore[arg-type]
        expected = {"ko": [KO_NOTE, KO_NOTE2], "en": [EN_NOTE, EN_NOTE2]}[layout]
    elif layout == "combined":
        doc = compose_both(letter, Layout.COMBINED)
        expected = [KO_NOTE, KO_NOTE2, EN_NOTE, EN_NOTE2]
    else:
        doc = compose_both(letter, Layout.SIDE_BY_SIDE)
        expected = [KO_NOTE, EN_NOTE, KO_NOTE2, EN_NOTE2]  # row by row, Korean cell first
    data = render_docx(doc)
    assert render_docx(doc) == data  # byte-identical re-export
    texts, refs, styles = footnotes_of(data)
    assert texts == expected
    assert refs == [str(n) for n in range(1, len(expected) + 1)]  # numbered in order
    reference = _style(styles, "FootnoteReference")
    assert reference.find(f".//{W}vertAlign").get(f"{W}val") == "superscript"
    note_style = _style(styles, "FootnoteText")
    fonts = note_style.find(f".//{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == doc.font.east_asian  # Hangul as in the body
    assert fonts.get(f"{W}eastAsiaTheme") is None
    size = int(note_style.find(f".//{W}sz").get(f"{W}val"))
    assert size < doc.font.size_pt * 2  # smaller than the body
    path = tmp_path / "noted.docx"
    path.write_bytes(data)
    Document(str(path))  # python-docx reads it back
    assert openxml_schema_errors(path) == []
    # the mark stays where it was written: the first body paragraph ends with it
    body_text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert KO_NOTE not in body_text and EN_NOTE not in body_text


def test_a_note_in_a_upr_question_and_in_a_table_cell(tmp_path: Path) -> None:
    brief = sample_upr_brief()
    question = brief.questions[0]
    noted = replace(
        question,
        text=BilingualText.of(
            question.text.ko + "^[질문 출처.]", question.text.en + "^[Q source.]"
        ),
    )
    brief = replace(brief, questions=(noted, *brief.questions[1:]))
    for preset_layout, wanted in (
        (compose(brief, "en"), ["Q source."]),
        (compose_both(brief, Layout.SIDE_BY_SIDE), ["질문 출처.", "Q source."]),
    ):
        texts, _refs, _styles = footnotes_of(render_docx(preset_layout))
        assert texts == wanted
    path = tmp_path / "brief.docx"
    path.write_bytes(render_docx(compose_both(brief, Layout.SIDE_BY_SIDE)))
    assert openxml_schema_errors(path) == []


def test_libreoffice_sets_the_note_at_the_foot_of_the_page(tmp_path: Path) -> None:
    exe = require_libreoffice()
    path = tmp_path / "noted.docx"
    path.write_bytes(render_docx(compose(noted_letter(), "ko")))
    subprocess.run(
        [exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    pdf = tmp_path / "noted.pdf"
    assert pdf.exists()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    first_page = text.split("\f")[0]
    lines = [line.strip() for line in first_page.splitlines() if line.strip()]
    # the note sits below the body, at the foot of the page, above the page number
    note_at = next(i for i, line in enumerate(lines) if "A/HRC/25/63" in line)
    assert note_at >= len(lines) - 5  # (its superscript number is set on its own line)
    assert note_at > next(i for i, line in enumerate(lines) if "붙임" in line)
    assert lines[-1] == "-1-"  # the page number is all that comes after the notes


# ------------------------------------------------------------------ preview, text, search


def test_preview_numbers_the_marks_and_lists_the_notes_at_the_end() -> None:
    page = render_html(compose_both(noted_letter(), Layout.SIDE_BY_SIDE))
    assert '<a name="ref1" href="#note1"><sup>1</sup></a>' in page
    assert '<a name="ref4" href="#note4"><sup>4</sup></a>' in page
    notes_at = page.index('class="notes"')
    for n, note in enumerate([KO_NOTE, EN_NOTE, KO_NOTE2, EN_NOTE2], start=1):
        assert page.index(f'<a name="note{n}" href="#ref{n}">{n}</a>', notes_at) > notes_at
        assert page.index(note) > notes_at
    assert "^[" not in page


def test_plain_text_marks_notes_and_lists_them_after_and_search_finds_them() -> None:
    letter = noted_letter()
    text = compose(letter, "en").plain_text()
    assert "[1]" in text and text.rstrip().endswith(f"[2] {EN_NOTE2}")
    assert f"[1] {EN_NOTE}" in text
    found = search_text(to_json(letter))
    assert "a/hrc/25/63 [2014], para. 5." in found
    assert "^[" not in found


# ------------------------------------------------------------------ checks


def test_checks_name_unclosed_empty_and_unequal_notes_in_sentences() -> None:
    letter = Letter(
        body=(BodyItem(BilingualText.of("본문^[주1]^[주2] ^[ ] ^[열린", "Body^[n1]")),),
    )
    sentences = [describe(f) for f in check(letter)]
    assert (
        "The Korean and English paragraph 1 text have different numbers of footnotes: "
        "Korean 2, English 1." in sentences
    )
    assert any("never closed" in s and s.startswith("Korean paragraph 1") for s in sentences)
    assert any("empty footnote" in s for s in sentences)
    layout = compose(letter, "ko")
    assert "^[열린" in layout.plain_text()  # printed as typed, never dropped
    brief = UprBrief(questions=(Question(text=BilingualText.of("질문^[a", "Q")),))
    assert any("never closed" in describe(f) for f in check(brief))


# ------------------------------------------------------------------ the command line


def test_dari_import_and_export_keep_the_footnotes(data_dir: Path, tmp_path: Path) -> None:
    payload = to_json(noted_letter())
    source = tmp_path / "noted.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    imported = dari("import", source, data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    draft = imported.stdout.strip()
    out = tmp_path / "out"
    out.mkdir()
    result = dari("export", draft, "--lang", "en", "--out", out, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    texts, refs, _styles = footnotes_of(path.read_bytes())
    assert (texts, refs) == ([EN_NOTE, EN_NOTE2], ["1", "2"])
    shown = dari("show", draft, data_dir=data_dir)
    assert f"[1] {EN_NOTE}" in shown.stdout, shown.stderr
    assert sample_path().exists()
