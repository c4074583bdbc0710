"""Item markers: the Korean official eight levels and an English outline."""

from __future__ import annotations

# 가나다 … 하, then 거 너 더 … 허 (LETTERS.md: "after 하 continue 거, 너, 더 …").

_GA = [chr(0xAC00 + i * 588) for i in (0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18)]
_GEO = [chr(ord(ch) + 4 * 28) for ch in _GA]  # same initial, vowel ㅓ
HANGUL_SEQUENCE = _GA + _GEO
CIRCLED_DIGITS = [chr(0x2460 + i) for i in range(20)]  # ① … ⑳
CIRCLED_HANGUL = [chr(0x326E + i) for i in range(14)]  # ㉮ … ㉻


def _hangul(n: int) -> str:
    return HANGUL_SEQUENCE[(n - 1) % len(HANGUL_SEQUENCE)]


def _roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26)


def korean_marker(level: int, n: int) -> str:
    """The marker of the n-th item (from 1) at `level` (1–8): 1. 가. 1) 가) (1) (가) ① ㉮."""
    match level:
        case 1:
            return f"{n}."
        case 2:
            return f"{_hangul(n)}."
        case 3:
            return f"{n})"
        case 4:
            return f"{_hangul(n)})"
        case 5:
            return f"({n})"
        case 6:
            return f"({_hangul(n)})"
        case 7:
            return CIRCLED_DIGITS[n - 1] if n <= len(CIRCLED_DIGITS) else f"({n})"
        case _:
            return CIRCLED_HANGUL[(n - 1) % len(CIRCLED_HANGUL)]


def english_marker(level: int, n: int) -> str:
    """The marker of the n-th item at `level`: 1. (a) (i) (A) 1) a) i) •."""
    match level:
        case 1:
            return f"{n}."
        case 2:
            return f"({_letter(n)})"
        case 3:
            return f"({_roman(n)})"
        case 4:
            return f"({_letter(n).upper()})"
        case 5:
            return f"{n})"
        case 6:
            return f"{_letter(n)})"
        case 7:
            return f"{_roman(n)})"
        case _:
            return "•"


def number_items(levels: list[int]) -> list[tuple[int, int, bool]]:
    """For body items with these levels (0 = unnumbered): (level, number, lone) each.

    Numbering restarts under each new parent; `lone` is True for an item that
    is the only one among its siblings (a lone item gets no marker).
    A level deeper than the previous item's plus one is treated as one deeper.
    """
    out: list[tuple[int, int, bool]] = []
    raw_stack: list[int] = []  # the raw levels of the open outline, outermost first
    counters: list[int] = []  # counters[d] = items so far at depth d+1 under the current parent
    effective: list[int] = []
    for raw in levels:
        if raw <= 0:
            raw_stack.clear()
            counters.clear()
            out.append((0, 0, False))
            effective.append(0)
            continue
        while raw_stack and raw_stack[-1] > raw:
            raw_stack.pop()
        if not raw_stack or raw_stack[-1] < raw:
            raw_stack.append(raw)
        level = len(raw_stack)
        del counters[level:]
        if len(counters) < level:
            counters.append(0)
        counters[level - 1] += 1
        out.append((level, counters[level - 1], False))
        effective.append(level)
    # An item is lone when no sibling precedes or follows it under the same parent.
    result = []
    for i, (level, number, _lone) in enumerate(out):
        if level == 0:
            result.append((0, 0, False))
            continue
        has_next = False
        for later in effective[i + 1 :]:
            if later < level:
                break
            if later == level:
                has_next = True
                break
        result.append((level, number, number == 1 and not has_next))
    return result


def marker_width_em(marker: str) -> float:
    """Rough width of a marker in ems (Hangul and circled forms 1, others ½), plus a space."""
    wide = sum(1 for ch in marker if ord(ch) >= 0x1100)
    return wide + (len(marker) - wide) * 0.5 + 0.5


__all__ = ["english_marker", "korean_marker", "marker_width_em", "number_items"]
