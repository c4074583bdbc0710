"""Cleaning typed text and the bilingual value."""

from datetime import UTC, datetime

import pytest

from desktop_app.domain import BilingualText, clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b", "a\ufffdb"),
        ("line\x0bbreak", "line\nbreak"),
        ("page\x0cbreak", "page\x0cbreak"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
        ("\u1100\u1161", "가"),  # conjoining jamo to a syllable
        ("crlf\r\nend", "crlf\nend"),
        ("rtl \u200f mark", "rtl \u200f mark"),
        ("emoji 🕊️", "emoji 🕊️"),
        ("{{ x }} <w:p> & ", "{{ x }} <w:p> & "),
        ("\x07bell", "\ufffdbell"),
        ("del\x7f", "del\ufffd"),
        ("c1 \x80\x85\x9f end", "c1 \ufffd\ufffd\ufffd end"),  # NEL too: often a mangled "…"
        ("ls\u2028ps\u2029end", "ls\nps\nend"),
        ("\ud83d\ude00 joined", "😀 joined"),  # a pair that arrived as two code points
        ("\ude00\ud83d", "\ufffd\ufffd"),  # halves in the wrong order are two lone halves
    ],
)
def test_clean_text_keeps_everything_visible(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_with_text_stamps_only_the_changed_side() -> None:
    t0 = datetime(2024, 4, 18, 9, 0, tzinfo=UTC)
    t1 = datetime(2024, 4, 18, 10, 0, tzinfo=UTC)
    text = BilingualText.of("제목", "").with_text("ko", "새 제목", t0)
    assert text.ko_changed == t0 and text.en_changed is None
    assert text.with_text("ko", "새 제목", t1) is text  # unchanged text, no new stamp
    text = text.with_text("en", "New title", t1)  # translating an empty side
    assert text.en_changed == t1
    assert text.stale_side() is None


def test_a_side_left_behind_is_stale_until_edited_or_confirmed() -> None:
    text = BilingualText.of("제목", "Title")
    text = text.with_text("ko", "새 제목").with_text("ko", "새 제목입니다")
    assert text.stale_side() == "en"
    assert text.with_text("en", "New title").stale_side() is None
    assert text.confirmed().stale_side() is None
    assert text.with_text("en", "New title").with_text("en", "New title!").stale_side() == "ko"
