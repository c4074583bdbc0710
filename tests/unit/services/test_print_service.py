"""The print service: the document as exported (compose → .docx → LibreOffice's PDF), as
pages in memory; the private temporary folder is always removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.compose import Layout
from desktop_app.services import DariError, ExportRequest
from desktop_app.services.printing import (
    exported_pages,
    exported_pdf,
    preview_for_print,
    request_for,
)
from tests.helpers.docx_checks import require_libreoffice
from tests.helpers.samples import sample_letter


def test_both_languages_in_separate_files_print_korean_then_english(tmp_path: Path) -> None:
    require_libreoffice()
    letter = sample_letter()
    with exported_pages(letter, ExportRequest("ko"), temp_root=tmp_path) as korean:
        ko_pages = korean.page_count
        assert "강제북송" in korean.text(0).replace("\r\n", "")
    with exported_pages(letter, ExportRequest("both"), temp_root=tmp_path) as both:
        assert both.page_count > ko_pages
        assert "강제북송" in both.text(0).replace("\r\n", "")
        english = " ".join(both.text(i) for i in range(ko_pages, both.page_count))
        assert "repatriation" in english and "강제북송" not in english.replace("\r\n", "")
        image = both.render(0, 50)
        assert abs(image.width - 595.3 * 50 / 72) <= 1  # A4 at 50 dpi
        assert len(image.data) == image.stride * image.height
    assert list(tmp_path.iterdir()) == []  # the .docx and PDF files are gone


def test_without_libreoffice_it_is_a_sentence_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    temp = tmp_path / "temp"
    temp.mkdir()
    with pytest.raises(DariError, match="LibreOffice"):
        exported_pdf(sample_letter(), ExportRequest("ko"), temp_root=temp)
    assert list(temp.iterdir()) == []


def test_what_prints_follows_the_preview() -> None:
    assert request_for("both", {"ko": "", "en": "en-letter"}) == ExportRequest(
        "both", Layout.SIDE_BY_SIDE, {"en": "en-letter"}
    )
    assert request_for("en", {}).langs() == ("en",)
    sheet = preview_for_print(sample_letter(), "ko", {})
    assert "강제북송" in sheet.html and "#e8e8e8" not in sheet.html  # no grey desk
    assert (sheet.width_mm, sheet.height_mm) == (210.0, 297.0)
