"""Page headers on real exported files: one line whatever the names, and none above a
letterhead on page 1 (the running header belongs to page 2 and after)."""

from __future__ import annotations

import random
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.compose import Layout
from desktop_app.compose.blocks import text_width_em
from desktop_app.compose.presets import get_preset
from desktop_app.domain import BilingualText, BodyItem, Letter
from desktop_app.domain.letter import Organisation
from desktop_app.domain.text import Lang
from desktop_app.services.export import ExportRequest, export_files
from tests.helpers.docx_checks import openxml_schema_errors, part_text, require_libreoffice
from tests.helpers.samples import sample_letter

B = BilingualText.of
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES = ("ko-letter", "ko-official", "en-letter")


def senders(count: int, *, short: bool = True) -> tuple[Organisation, ...]:
    """`count` organisations with long names (and short names when `short`)."""
    return tuple(
        Organisation(
            name=B(
                f"사단법인 북한이탈주민의 인권과 자유를 위한 시민연대 제{n}지부",
                f"Citizens' Alliance for the Rights and Freedom of North Korean Escapees {n}",
            ),
            short_name=B(f"시민연대{n}", f"CARF{n}") if short else B("", ""),
            address=B(f"서울특별시 종로구 세종대로 {n}", f"{n} Sejong-daero, Seoul"),
            postcode="03172",
            phone="02-000-0000",
        )
        for n in range(1, count + 1)
    )


def two_page_letter(organisations: tuple[Organisation, ...]) -> Letter:
    """The sample letter sent by `organisations`, its body long enough for two pages."""
    letter = sample_letter()
    body = letter.body + tuple(
        BodyItem(B(item.text.ko * 2, item.text.en * 2), item.level) for item in letter.body
    )
    return replace(letter, senders=organisations, body=body)


def export(letter: Letter, tmp_path: Path, languages: str, layout: Layout, style: str) -> Path:
    """The one file of `lang` (or of both languages) exported through the real path."""
    styles = {"ko": style} if style.startswith("ko") else {}
    request = ExportRequest(languages, layout, styles=styles)  # type: ignore[arg-type]
    out = tmp_path / f"{style}-{layout.value}-{languages}"
    out.mkdir()
    paths = export_files(letter, request, out, date(2024, 5, 20))
    assert len(paths) == 1
    return paths[0]


def stories(path: Path) -> dict[tuple[str, str], str]:
    """The text of each header and footer by (kind, type), read through the package's
    relationships and the section properties."""
    from xml.etree import ElementTree as etree

    rels = etree.fromstring(part_text(path, "word/_rels/document.xml.rels").encode())
    targets = {rel.get("Id"): f"word/{rel.get('Target')}" for rel in rels}
    body = etree.fromstring(part_text(path, "word/document.xml").encode())
    sect_pr = body.find(f"{W}body/{W}sectPr")
    assert sect_pr is not None
    out: dict[tuple[str, str], str] = {}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for kind in ("header", "footer"):
        for ref in sect_pr.findall(f"{W}{kind}Reference"):
            story = etree.fromstring(part_text(path, targets[ref.get(rid)]).encode())
            paragraphs = story.findall(f"{W}p")
            texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
            out[(kind, ref.get(f"{W}type") or "")] = "\n".join(t for t in texts if t)
    return out


def title_page(path: Path) -> bool:
    """Whether the section has a different first page (`w:titlePg`)."""
    return "<w:titlePg/>" in part_text(path, "word/document.xml")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page LibreOffice lays out, one string a page."""
    exe = require_libreoffice()
    profile = (path.parent / f"lo-profile-{random.randint(0, 10**9)}").as_uri()
    subprocess.run(
        [exe, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(path.parent), str(path)],
        capture_output=True, check=False, timeout=180,
    )  # fmt: skip
    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice made no PDF"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------ one line, whatever the names


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("organisations", "korean", "english"),
    [
        (
            senders(25),
            "시민연대1 · 시민연대2",  # short names, then "외 N개 단체"
            "CARF1 | CARF2",
        ),
        (senders(3), "시민연대1 · 시민연대2 · 시민연대3", "CARF1 | CARF2 | CARF3"),
        (senders(3, short=False), "사단법인", "Citizens' Alliance"),
    ],
    ids=["25-organisations", "three-long-names", "three-long-names-no-short-names"],
)
def test_the_page_header_is_one_line(
    tmp_path: Path, style: str, organisations: tuple[Organisation, ...], korean: str, english: str
) -> None:
    letter = two_page_letter(organisations)
    lang = get_preset(style).lang
    path = export(letter, tmp_path, lang, Layout.SEPARATE, style)
    header = stories(path)[("header", "default")]
    preset = get_preset(style)
    width = preset.page.text_width_pt
    assert "\n" not in header
    assert text_width_em(header) * (preset.font.size_pt - 2) <= width
    assert header.startswith(korean if lang == "ko" else english)
    count = len(organisations)
    if count == 25:  # as many short names as fit, then how many others
        shown = header.count(" · " if lang == "ko" else " | ") + 1
        tail = f" 외 {count - shown}개 단체" if lang == "ko" else f" and {count - shown} other"
        assert tail in header
    elif organisations[0].short_name.ko:  # the short names, every one of them
        assert header == ("시민연대1 · 시민연대2 · 시민연대3" if lang == "ko" else english)
    else:  # no short names: the first full names that fit, and the count of the others
        assert re.search(r" 외 [12]개 단체$| and [12] other organisations?$", header)
    assert openxml_schema_errors(path) == []
    # LibreOffice sets it on one line: the last page's first line is the whole header
    last = [line for line in pdf_pages(path)[-1].splitlines() if line.strip()]
    assert squeeze(last[0]) == squeeze(header)


def test_the_english_and_korean_headers_follow_one_rule() -> None:
    from desktop_app.compose import compose

    letter = two_page_letter(senders(25))
    cases: tuple[tuple[Lang, str, str, str], ...] = (
        ("ko", "ko-letter", " · ", r" 외 (\d+)개 단체$"),
        ("en", "en-letter", " | ", r" and (\d+) other organisations$"),
    )
    for lang, style, separator, others in cases:
        shown = compose(letter, lang, get_preset(style)).header[0].text
        match = re.search(others, shown)
        assert match is not None
        names = shown[: match.start()].split(separator)
        assert len(names) + int(match.group(1)) == 25
        assert names == [s.short_name.get(lang) for s in letter.senders[: len(names)]]


# ------------------------------------------------------------ none above the letterhead


LETTERHEAD = {"ko-official": True, "en-letter": True, "ko-letter": False}


@pytest.mark.parametrize("style", STYLES)
def test_a_letterhead_shows_the_organisations_once_on_page_one(tmp_path: Path, style: str) -> None:
    letter = two_page_letter(sample_letter().senders)
    lang = get_preset(style).lang
    path = export(letter, tmp_path, lang, Layout.SEPARATE, style)
    parts = stories(path)
    running = parts[("header", "default")]
    assert running
    page_number = parts[("footer", "default")]
    assert page_number in ("- 1 -", "Page 1")
    if LETTERHEAD[style]:
        assert title_page(path)
        assert parts[("header", "first")] == ""  # an empty first-page header
        assert parts[("footer", "first")] == page_number  # the page number on page 1 too
    else:  # the 서한 has no letterhead: its header names the organisations on page 1
        assert not title_page(path)
        assert ("header", "first") not in parts
    assert openxml_schema_errors(path) == []
    pages = pdf_pages(path)
    assert len(pages) >= 2
    first_line = [squeeze(line) for line in pages[0].splitlines() if line.strip()]
    second_line = [squeeze(line) for line in pages[1].splitlines() if line.strip()]
    assert second_line[0] == squeeze(running)  # page 2 has the running header
    if LETTERHEAD[style]:  # the organisations once: the 공문's letterhead is its full names
        once = 1 if style == "ko-official" else 0
        assert squeeze(pages[0]).count(squeeze(running)) == once
    else:
        assert first_line[0] == squeeze(running)
    number = "-1-" if lang == "ko" else "Page1"
    assert first_line[-1] == number
    assert second_line[-1] == number.replace("1", "2")


@pytest.mark.parametrize(
    ("korean_style", "layout", "first"),
    [
        ("ko-official", Layout.SIDE_BY_SIDE, ""),  # both columns open with a letterhead
        ("ko-official", Layout.COMBINED, ""),  # page 1 is the 공문's
        ("ko-letter", Layout.SIDE_BY_SIDE, "ko"),  # the 서한 side keeps its names line
        ("ko-letter", Layout.COMBINED, None),  # page 1 is the 서한's: the running header
    ],
)
def test_two_language_documents_have_no_header_above_their_letterheads(
    tmp_path: Path, korean_style: str, layout: Layout, first: str | None
) -> None:
    letter = two_page_letter(sample_letter().senders)
    path = export(letter, tmp_path, "both", layout, korean_style)
    parts = stories(path)
    running = parts[("header", "default")].splitlines()
    assert len(running) == 2  # Korean names, English names, one line each
    if first is None:
        assert not title_page(path)
    else:
        assert title_page(path)
        expected = running[0] if first == "ko" else ""
        assert parts[("header", "first")] == expected
        assert parts[("footer", "first")] == parts[("footer", "default")] == "- 1 -"
    assert openxml_schema_errors(path) == []
