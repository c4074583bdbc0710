"""공문 in the combined and side-by-side layouts, on real exported files: the letterheads side
by side, the 발신명의 beside the English signatories, large titles that fit their column,
and no blank page where the English part starts."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop_app.compose import Layout
from desktop_app.compose.blocks import text_width_em
from desktop_app.compose.letter_ko import letterhead_names
from desktop_app.compose.presets import get_preset
from desktop_app.domain import Letter
from tests.e2e.test_page_headers import export, pdf_pages, senders, two_page_letter
from tests.helpers.docx_checks import openxml_schema_errors
from tests.helpers.letters import joint_letter
from tests.helpers.samples import sample_letter

LETTERS = {
    "sample": sample_letter,
    "joint-25": lambda: joint_letter(25),
    "long-names": lambda: two_page_letter(senders(3)),
}


def row_of(document: object, text: str) -> tuple[int, int, list[str]]:
    """(table index, row index, the row's cell texts) of the first row holding `text`."""
    for t, table in enumerate(document.tables):  # type: ignore[attr-defined]
        for r, row in enumerate(table.rows):
            cells = [cell.text for cell in row.cells]
            if any(text in c for c in cells):
                return t, r, cells
    raise AssertionError(f"{text!r} is in no table row")


@pytest.mark.parametrize("name", list(LETTERS))
def test_side_by_side_official_pairs_letterheads_and_the_signing_block(
    tmp_path: Path, name: str
) -> None:
    letter: Letter = LETTERS[name]()
    path = export(letter, tmp_path, "both", Layout.SIDE_BY_SIDE, "ko-official")
    document = docx.Document(str(path))
    preset = get_preset("ko-official")
    korean_head = letterhead_names(
        letter, preset.font.size_pt + 8, width_pt=preset.page.text_width_pt
    )
    # the 공문's letterhead and the English letterhead in one row, Korean left
    _t, _r, cells = row_of(document, korean_head)
    assert korean_head in cells[0]
    assert all(s.name.en in cells[1] for s in letter.senders)
    # the 발신명의 beside the first English signatories (not pages after them)
    first = letter.signatories[0]
    t, _r, cells = row_of(document, first.organisation.ko or first.person.ko)
    english_first = first.organisation.en or first.person.en
    assert any(english_first in c for c in cells[1:]), cells
    assert first.organisation.ko in cells[0] or first.person.ko in cells[0]
    # every English signatory in that table, in the draft's order read row by row
    table = document.tables[t]
    english = "\n".join(c.text for row in table.rows for c in row.cells[1:])
    positions = [english.find(s.organisation.en or s.person.en) for s in letter.signatories]
    assert -1 not in positions and positions == sorted(positions)
    assert openxml_schema_errors(path) == []


def test_large_titles_fit_their_half_column(tmp_path: Path) -> None:
    letter = sample_letter()
    path = export(letter, tmp_path, "both", Layout.SIDE_BY_SIDE, "ko-official")
    document = docx.Document(str(path))
    preset = get_preset("ko-official")
    half = preset.page.text_width_pt / 2 - 10.8
    sized = [
        (p.text, run.font.size.pt)
        for table in document.tables
        for row in table.rows
        for p in row.cells[0].paragraphs
        for run in p.runs
        if run.font.size is not None and run.font.size.pt > preset.font.size_pt
    ]
    assert sized  # the 발신명의 stays larger than the body
    for text, size in sized:
        assert text_width_em(text) * size <= half + 0.5 or size == preset.font.size_pt
    # and LibreOffice sets each 발신명의 line on one line: no "(" left at a line's end
    pages = pdf_pages(path)
    assert not any(line.rstrip().endswith("(") for page in pages for line in page.splitlines())


@pytest.mark.parametrize("name", list(LETTERS))
def test_combined_official_has_no_blank_page(tmp_path: Path, name: str) -> None:
    path = export(LETTERS[name](), tmp_path, "both", Layout.COMBINED, "ko-official")
    pages = pdf_pages(path)
    body_lines = [
        [line for line in page.splitlines() if line.strip() and line.strip() != f"- {n} -"]
        for n, page in enumerate(pages, start=1)
    ]
    # every page has more than the running header and the page number
    assert all(len(lines) > 3 for lines in body_lines), [len(x) for x in body_lines]
    assert openxml_schema_errors(path) == []
