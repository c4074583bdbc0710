"""File names capped by UTF-8 bytes, cut between graphemes, unique when cut alike."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.files import (
    MAX_FILE_NAME_BYTES,
    MAX_NAME_BYTES,
    TEMP_NAME_OVERHEAD,
    fit_file_name,
    safe_file_stem,
    truncate_utf8,
    unique_file_names,
)
from desktop_app.files.atomic import temp_prefix


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("2024-04-18 외교부 서한", "2024-04-18 외교부 서한"),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"),
        ("CON", "document CON"),
        ("  ...  ", "document"),
        ("x" * 300, "x" * 120),  # a readable length for Latin names (Windows paths)
        ("가" * 300, "가" * 80),  # 240 bytes: Hangul is capped by bytes
        ("탈북\x00민", "탈북 민"),
        ("del\x7fc1\x85\x9fend", "del c1 end"),
        ("lone\ud800half", "lone half"),
        ("줄\u2028바꿈\u2029끝", "줄 바꿈 끝"),
    ],
)
def test_safe_file_stems(raw: str, safe: str) -> None:
    assert safe_file_stem(raw) == safe


def test_the_numbers() -> None:
    assert MAX_NAME_BYTES == 255
    assert TEMP_NAME_OVERHEAD == len(".") + len(".") + 8 + len(".tmp") == 14
    assert MAX_FILE_NAME_BYTES == 241


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("가나다", 8, "가나"),  # never inside a syllable's three bytes
        ("e\u0301e\u0301", 4, "e\u0301"),  # not between a letter and its accent
        ("a👨\u200d👩\u200d👧", 10, "a"),  # not inside a ZWJ family
        ("a🇰🇷🇰🇷", 12, "a🇰🇷"),  # not between the two halves of a flag
        ("a👍🏽", 6, "a"),  # not between an emoji and its skin tone
        ("\u1100\u1161\u11a8\u1100", 9, "\u1100\u1161\u11a8"),  # old-style jamo syllable
        ("❤️x", 3, ""),  # emoji + variation selector stays whole
    ],
)
def test_truncation_is_between_graphemes(text: str, limit: int, expected: str) -> None:
    assert truncate_utf8(text, limit) == expected


@given(st.text(), st.integers(min_value=0, max_value=300))
def test_truncation_fits_and_is_a_prefix(text: str, limit: int) -> None:
    cut = truncate_utf8(text, limit)
    assert text.startswith(cut)
    assert len(cut.encode("utf-8", "surrogatepass")) <= limit


def test_suffix_is_never_cut_and_the_name_fits() -> None:
    name = fit_file_name("가" * 300, " (ko-en parallel).docx")
    assert name.endswith("가 (ko-en parallel).docx")
    assert MAX_FILE_NAME_BYTES - 3 < nbytes(name) <= MAX_FILE_NAME_BYTES
    assert nbytes(temp_prefix(name)) + 8 + len(".tmp") <= MAX_NAME_BYTES


def test_temporary_name_fits_even_for_a_name_given_by_hand() -> None:
    name = "가" * 85  # 255 bytes: a legal name, but ".NAME.XXXXXXXX.tmp" would not be
    assert nbytes(temp_prefix(name)) + 8 + len(".tmp") <= MAX_NAME_BYTES


def test_names_that_collide_once_cut_are_numbered_and_fit() -> None:
    common = "2024-04-18 " + "외교부" * 100
    names = unique_file_names(
        [(common + " 서한", " (ko).docx"), (common + " 공문", " (ko).docx"), ("X", " (ko).docx")],
        taken=["x (ko).docx"],  # case-insensitive file systems: X and x are one name
    )
    assert len({unicodedata.normalize("NFC", n).casefold() for n in names}) == 3
    assert names[0].endswith(" (ko).docx") and names[1].endswith(" (2) (ko).docx")
    assert names[2] == "X (2) (ko).docx"
    assert all(nbytes(n) <= MAX_FILE_NAME_BYTES for n in names)


def test_cut_stem_loses_its_trailing_dots_and_spaces() -> None:
    stem = "a" * 229 + " ." + "b" * 20  # 241 - len(" (en).docx") = 231: cut after " ."
    assert fit_file_name(stem, " (en).docx") == "a" * 229 + " (en).docx"
