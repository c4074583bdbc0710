"""Korean official item markers and numbering."""

import pytest

from desktop_app.compose.markers import english_marker, korean_marker, number_items


@pytest.mark.parametrize(
    ("level", "first", "third"),
    [
        (1, "1.", "3."),
        (2, "가.", "다."),
        (3, "1)", "3)"),
        (4, "가)", "다)"),
        (5, "(1)", "(3)"),
        (6, "(가)", "(다)"),
        (7, "①", "③"),
        (8, "㉮", "㉰"),
    ],
)
def test_every_korean_level(level: int, first: str, third: str) -> None:
    assert korean_marker(level, 1) == first
    assert korean_marker(level, 3) == third


def test_after_ha_comes_geo() -> None:
    assert korean_marker(2, 14) == "하."
    assert [korean_marker(2, n) for n in (15, 16, 17)] == ["거.", "너.", "더."]


def test_parenthesised_markers_are_three_characters_not_one() -> None:
    assert korean_marker(5, 1) == "(1)" and len(korean_marker(5, 1)) == 3
    assert korean_marker(6, 1) != "\u320e"  # not the single-character ㈎


def test_english_outline() -> None:
    assert [english_marker(level, 2) for level in (1, 2, 3, 4)] == ["2.", "(b)", "(ii)", "(B)"]


def test_numbering_restarts_under_each_parent_and_flags_lone_items() -> None:
    assert number_items([1, 2, 2, 1, 2, 1]) == [
        (1, 1, False),
        (2, 1, False),
        (2, 2, False),
        (1, 2, False),
        (2, 1, True),
        (1, 3, False),
    ]
    assert number_items([1]) == [(1, 1, True)]
    assert number_items([0, 1, 1]) == [(0, 0, False), (1, 1, False), (1, 2, False)]


def test_a_jump_of_two_levels_is_one_level_deeper() -> None:
    assert number_items([1, 3, 3]) == [(1, 1, True), (2, 1, False), (2, 2, False)]
