"""The 공문 as a careful reader sees it on the rendered pages: the closing block never cut off
from the body (side by side too), a letterhead of at most two lines however many senders,
footer lines that break between whole parts, and the English close beside the 공문's end."""

from __future__ import annotations

import random
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest

from desktop_app.compose import Layout
from desktop_app.compose.blocks import PART_SEPARATOR, fit_parts, text_width_em
from desktop_app.compose.letter_ko import LETTERHEAD_LINES, letterhead_names
from desktop_app.compose.presets import get_preset
from desktop_app.domain import BilingualText, BodyItem, Letter
from desktop_app.services.export import ExportRequest, export_files
from tests.e2e.test_page_headers import senders
from tests.helpers.docx_checks import openxml_schema_errors, require_libreoffice
from tests.helpers.samples import sample_letter

B = BilingualText.of
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def longer(letter: Letter, extra: int) -> Letter:
    """`letter` with `extra` more body paragraphs before its last one (the end moves down)."""
    added = tuple(
        BodyItem(
            B(f"추가 문단 {k}: " + "강제송환 중단을 위한 외교적 노력 " * 5,
              f"Added paragraph {k}: " + "diplomatic efforts to end forced returns " * 4),
            0,
        )
        for k in range(extra)
    )  # fmt: skip
    return replace(letter, body=letter.body[:-1] + added + letter.body[-1:])


def export_all(letters: list[Letter], tmp_path: Path, layout: Layout) -> list[Path]:
    out: list[Path] = []
    for n, letter in enumerate(letters):
        folder = tmp_path / f"{layout.value}-{n}"
        folder.mkdir()
        request = ExportRequest("both" if layout is not Layout.SEPARATE else "ko", layout,
                                styles={"ko": "ko-official"})  # fmt: skip
        (path,) = export_files(letter, request, folder, date(2024, 5, 20))
        out.append(path)
    return out


def pages_of(paths: list[Path]) -> list[list[str]]:
    """Each file's pages as LibreOffice lays them out (one soffice run for all)."""
    import shutil

    exe = require_libreoffice()
    work = paths[0].parent.parent / f"pdf-{random.randint(0, 10**9)}"
    work.mkdir()
    copies = [work / f"{n}.docx" for n in range(len(paths))]
    for path, copy in zip(paths, copies, strict=True):
        shutil.copyfile(path, copy)
    subprocess.run(
        [exe, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(work), *map(str, copies)],
        capture_output=True, check=False, timeout=600,
    )  # fmt: skip
    out = []
    for copy in copies:
        pdf = copy.with_suffix(".pdf")
        assert pdf.exists(), "LibreOffice made no PDF"
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        out.append(text.split("\f")[:-1])
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_with(pages: list[str], text: str) -> list[int]:
    return [n for n, page in enumerate(pages, start=1) if squeeze(text) in squeeze(page)]


EXTRA = range(0, 9)  # from the sample's length to two paragraphs past a page more


@pytest.mark.parametrize("layout", [Layout.SIDE_BY_SIDE, Layout.SEPARATE, Layout.COMBINED])
def test_the_closing_block_stays_with_the_end_of_the_body(tmp_path: Path, layout: Layout) -> None:
    letters = [longer(sample_letter(), extra) for extra in EXTRA]
    paths = export_all(letters, tmp_path, layout)
    counts = set()
    for letter, path, pages in zip(letters, paths, pages_of(paths), strict=True):
        counts.add(len(pages))
        last_body = letter.body[-1].text.ko[:12]  # the last body item's first words
        first_signer = "(사)물망초(대한민국)"  # the 발신명의's line for the second signatory
        end = page_with(pages, "끝.")
        assert len(end) == 1, end
        # the last body lines, 붙임 … 끝. and the 발신명의 on one page
        assert page_with(pages, last_body)[-1] == end[0], (path.name, end)
        assert end[0] in page_with(pages, first_signer), (path.name, end)
        assert page_with(pages, "시행")[-1] >= end[0]
    assert len(counts) > 1  # the lengths crossed a page boundary
    assert openxml_schema_errors(paths[0]) == []


def test_side_by_side_rows_of_the_closing_block_keep_together(tmp_path: Path) -> None:
    (path,) = export_all([sample_letter()], tmp_path, Layout.SIDE_BY_SIDE)
    document = docx.Document(str(path))
    rows = [row for table in document.tables for row in table.rows]
    end = next(n for n, row in enumerate(rows) if "끝." in row.cells[0].text)
    last_body = next(n for n in range(end, -1, -1) if rows[n].cells[0].text.startswith("다."))
    for row in rows[last_body : end + 1]:
        tr_pr = row._tr.trPr
        assert tr_pr is not None and tr_pr.find(f"{W}cantSplit") is not None
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
    # the English close sits beside 붙임 … 끝., not in a row of its own beside an empty cell
    assert "Yours sincerely," in rows[end].cells[1].text
    for row in rows:
        texts = [c.text.strip() for c in row.cells]
        assert not (texts[0] == "" and "Yours sincerely," in texts[1:])


def test_a_joint_letterhead_takes_at_most_two_lines_and_no_sender_is_dropped(
    tmp_path: Path,
) -> None:
    letter = replace(sample_letter(), senders=senders(25))
    preset = get_preset("ko-official")
    size, width = preset.font.size_pt + 8, preset.page.text_width_pt
    head = letterhead_names(letter, size, width_pt=width)
    assert text_width_em(head) * size <= LETTERHEAD_LINES * width
    assert re.search(r" 외 \d+개 단체$", head)
    paths = [
        *export_all([letter], tmp_path, Layout.SEPARATE),
        *export_all([letter], tmp_path, Layout.SIDE_BY_SIDE),
    ]
    for path in paths:
        document = docx.Document(str(path))
        text = "\n".join(
            [p.text for p in document.paragraphs]
            + [c.text for t in document.tables for row in t.rows for c in row.cells]
        )
        assert head in text
        for sender in letter.senders:  # the 발신명의 names every sender in full
            assert sender.name.ko in text, sender.name.ko
        assert openxml_schema_errors(path) == []
    for pages in pages_of(paths):
        first = [line for line in pages[0].splitlines() if line.strip()]
        # the letterhead's lines, then 수신 (separate) or the English letterhead beside it
        title_lines = [n for n, line in enumerate(first[:6]) if "시민연대" in line]
        assert len(title_lines) <= LETTERHEAD_LINES, first[:6]


def test_footer_lines_break_between_whole_parts() -> None:
    line = PART_SEPARATOR.join(
        ["전화 02-000-0000", "전송 02-000-0001", "contact@example.org", "공개"]
    )
    for width in (180.0, 215.0, 300.0, 460.0):  # each wide enough for two parts
        lines = fit_parts(line, size_pt=10, width_pt=width).split("\n")
        assert PART_SEPARATOR.join(lines) == line  # every part, whole, in order
        assert all(not ln.endswith("/") for ln in lines)
        if len(lines) > 1:
            assert lines[-1] != "공개"  # the disclosure never alone on its line


def test_side_by_side_footer_keeps_the_disclosure_with_its_line(tmp_path: Path) -> None:
    (path,) = export_all([sample_letter()], tmp_path, Layout.SIDE_BY_SIDE)
    (pages,) = pages_of([path])
    for page in pages:
        for line in page.splitlines():
            assert line.strip() not in ("공개", "/  공개", "/ 공개"), page
    assert page_with(pages, "contact@example.org/공개")
