"""Three-way merge of two drafts' JSON payloads against their common revision (pure).

Rules, from the outside in:
- a value changed on one side only takes that side's value; changed alike on both, it is
  that value;
- objects (a document, a paragraph, a bilingual text) merge key by key, so the Korean
  side edited here and the English side edited there both stay;
- a text merges paragraph by paragraph (lines): paragraphs changed on one side only are
  taken; each stretch of paragraphs both sides changed differently is a conflict of its
  own, at `(*field, PARAGRAPH, line)` with the stretch's lines (base, mine, theirs) as
  lists, chosen separately; when that stretch is the whole text, the field is the
  conflict, with its two texts;
- a list (the body's paragraphs, the recipients) merges element by element: additions
  and removals on one side are taken, an element changed on both sides merges inside;
  any other change on both sides at one place makes the whole list a conflict;
- bookkeeping never conflicts: of two change times the later is kept, a stale mark and
  dismissed findings follow "mine";
- a conflict keeps "mine" in the result and is reported, with its path, base, mine and
  theirs: never silently overwritten, never a hidden duplicate.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
Path = tuple[str | int, ...]
PARAGRAPH = "¶"  # in a path: the next step is a line (paragraph) of the text before it

LATER_WINS = frozenset({"ko_changed", "en_changed"})
MINE_WINS = frozenset({"stale", "dismissed"})


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldConflict:
    """A value both sides changed differently; the merged result holds `mine`."""

    path: Path
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class Merged:
    """The merged value and the conflicts left in it."""

    value: Any
    conflicts: tuple[FieldConflict, ...]


def merge3(base: Any, mine: Any, theirs: Any) -> Merged:
    """Merge `mine` and `theirs`, two descendants of `base`."""
    conflicts: list[FieldConflict] = []
    value = _merge(base, mine, theirs, (), conflicts)
    return Merged(value, tuple(conflicts))


def _merge(base: Any, mine: Any, theirs: Any, path: Path, out: list[FieldConflict]) -> Any:
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_objects(base if isinstance(base, dict) else {}, mine, theirs, path, out)
    if isinstance(mine, str) and isinstance(theirs, str) and isinstance(base, str):
        return _merge_text(base, mine, theirs, path, out)
    if isinstance(mine, list) and isinstance(theirs, list) and isinstance(base, list):
        return _merge_lists(base, mine, theirs, path, out)
    out.append(FieldConflict(path, _plain(base), _plain(mine), _plain(theirs)))
    return mine


def _merge_objects(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    path: Path,
    out: list[FieldConflict],
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in [*mine, *(k for k in theirs if k not in mine)]:
        b, m, t = base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING)
        if m != t and m != b and t != b and key in LATER_WINS:
            value = max((v for v in (m, t) if isinstance(v, str)), default=m)
        elif m != t and m != b and t != b and key in MINE_WINS:
            value = m
        else:
            value = _merge(b, m, t, (*path, key), out)
        if value is not MISSING:
            merged[key] = value
    return merged


def _merge_text(base: str, mine: str, theirs: str, path: Path, out: list[FieldConflict]) -> str:
    lines = diff3(base.split("\n"), mine.split("\n"), theirs.split("\n"))
    if lines.clean:
        return "\n".join(lines.mine)
    merged = "\n".join(lines.mine)
    whole = lines.hunks[0] if len(lines.hunks) == 1 else None
    if whole is not None and (whole.mine, whole.theirs) == (lines.mine, lines.theirs):
        out.append(FieldConflict(path, base, merged, "\n".join(lines.theirs)))
        return merged
    for hunk in lines.hunks:
        out.append(FieldConflict((*path, PARAGRAPH, hunk.at), hunk.base, hunk.mine, hunk.theirs))
    return merged


def _merge_lists(
    base: list[Any], mine: list[Any], theirs: list[Any], path: Path, out: list[FieldConflict]
) -> list[Any]:
    merged: list[Any] = []
    inner: list[FieldConflict] = []
    clean = True
    for region in _regions(
        [_key(v) for v in base], [_key(v) for v in mine], [_key(v) for v in theirs]
    ):
        b, m, t = base[region.base], mine[region.mine], theirs[region.theirs]
        if not region.conflict:
            merged.extend(m if region.take == "mine" else t)
        elif len(b) == len(m) == len(t):  # the same elements changed on both sides
            for bv, mv, tv in zip(b, m, t, strict=True):
                merged.append(_merge(bv, mv, tv, (*path, len(merged)), inner))
        else:
            clean = False
            merged.extend(m)
    if not clean:
        out.append(FieldConflict(path, base, mine, theirs))
        return mine
    out.extend(inner)
    return merged


@dataclass(frozen=True)
class _Region:
    base: slice
    mine: slice
    theirs: slice
    conflict: bool
    take: str  # "mine" or "theirs" when not a conflict


@dataclass(frozen=True)
class Hunk:
    """A stretch both sides changed differently: where it starts in the merged `mine`,
    and its elements in the base, mine and theirs."""

    at: int
    base: list[Any]
    mine: list[Any]
    theirs: list[Any]


@dataclass(frozen=True)
class Lines:
    """A diff3 of sequences: clean (no conflict) and both sides' versions (equal if clean),
    and each conflicting stretch."""

    clean: bool
    mine: list[Any]
    theirs: list[Any]
    hunks: tuple[Hunk, ...] = ()


def diff3(base: Sequence[T], mine: Sequence[T], theirs: Sequence[T]) -> Lines:
    """Merge two edits of a sequence; a conflicting region keeps each side's own version."""
    out_mine: list[Any] = []
    out_theirs: list[Any] = []
    hunks: list[Hunk] = []
    clean = True
    for region in _regions(_keys(base), _keys(mine), _keys(theirs)):
        m, t = list(mine[region.mine]), list(theirs[region.theirs])
        if region.conflict:
            clean = False
            hunks.append(Hunk(len(out_mine), list(base[region.base]), m, t))
            out_mine.extend(m)
            out_theirs.extend(t)
        else:
            chosen = m if region.take == "mine" else t
            out_mine.extend(chosen)
            out_theirs.extend(chosen)
    return Lines(clean, out_mine, out_theirs, tuple(hunks))


def _hunks(base: list[Hashable], side: list[Hashable]) -> list[tuple[int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, base, side, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _regions(base: list[Hashable], mine: list[Hashable], theirs: list[Hashable]) -> list[_Region]:
    """Cut the base into stretches unchanged on both sides and changed stretches."""
    changes = sorted(
        [(i1, i2, "mine", j1, j2) for i1, i2, j1, j2 in _hunks(base, mine)]
        + [(i1, i2, "theirs", j1, j2) for i1, i2, j1, j2 in _hunks(base, theirs)]
    )
    groups: list[list[tuple[int, int, str, int, int]]] = []
    end = -1
    for change in changes:
        start, stop = change[0], change[1]
        touching = start < end or (start == end and groups and _touches(groups[-1], change))
        if groups and touching:
            groups[-1].append(change)
            end = max(end, stop)
        else:
            groups.append([change])
            end = stop
    regions: list[_Region] = []
    at = 0  # in base
    mine_shift = theirs_shift = 0  # side index minus base index, outside changes
    for group in groups:
        gs = min(c[0] for c in group)
        ge = max(c[1] for c in group)
        if gs > at:
            regions.append(
                _Region(
                    slice(at, gs),
                    slice(at + mine_shift, gs + mine_shift),
                    slice(at + theirs_shift, gs + theirs_shift),
                    False,
                    "mine",
                )
            )
        spans = {}
        for side, shift in (("mine", mine_shift), ("theirs", theirs_shift)):
            own = [c for c in group if c[2] == side]
            if own:
                first, last = own[0], own[-1]
                js = first[3] - (first[0] - gs)
                je = last[4] + (ge - last[1])
            else:
                js, je = gs + shift, ge + shift
            spans[side] = slice(js, je)
        mine_shift = spans["mine"].stop - ge
        theirs_shift = spans["theirs"].stop - ge
        sides = {c[2] for c in group}
        if len(sides) == 1:
            regions.append(
                _Region(slice(gs, ge), spans["mine"], spans["theirs"], False, sides.pop())
            )
        else:
            same = mine[spans["mine"]] == theirs[spans["theirs"]]
            regions.append(_Region(slice(gs, ge), spans["mine"], spans["theirs"], not same, "mine"))
        at = ge
    regions.append(
        _Region(
            slice(at, len(base)),
            slice(at + mine_shift, len(mine)),
            slice(at + theirs_shift, len(theirs)),
            False,
            "mine",
        )
    )
    return regions


def _touches(
    group: list[tuple[int, int, str, int, int]], change: tuple[int, int, str, int, int]
) -> bool:
    """Two changes meeting at one point overlap when either inserts there."""
    last_stop = max(c[1] for c in group)
    return change[0] == change[1] or any(c[0] == c[1] == last_stop for c in group)


def _keys(values: Sequence[Any]) -> list[Hashable]:
    return [_key(v) for v in values]


def _key(value: Any) -> Hashable:
    if isinstance(value, str | int | float | bool) or value is None:
        return (type(value).__name__, value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


def is_paragraph(path: Sequence[str | int]) -> bool:
    """True for a path to lines of a text: `(*field, PARAGRAPH, line)`."""
    return len(path) >= 2 and path[-2] == PARAGRAPH and isinstance(path[-1], int)


def with_lines(payload: Any, path: Path, expected: list[str], lines: list[str]) -> Any:
    """A copy of `payload` whose text at `path[:-2]` has `lines` in place of the
    `expected` lines at line `path[-1]`; ValueError when those lines are not there."""
    field, at = path[:-2], int(path[-1])
    text = value_at(payload, field)
    if not isinstance(text, str):
        raise ValueError("not a text")
    current = text.split("\n")
    if current[at : at + len(expected)] != expected:
        raise ValueError("the lines changed")
    return with_value(
        payload, field, "\n".join([*current[:at], *lines, *current[at + len(expected) :]])
    )


def value_at(payload: Any, path: Path) -> Any:
    """The value at `path` in a payload (KeyError/IndexError when it is not there)."""
    for step in path:
        payload = payload[step]
    return payload


def with_value(payload: Any, path: Path, value: Any) -> Any:
    """A copy of `payload` with `value` at `path` (the rest shared)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(payload, dict):
        return {**payload, str(head): with_value(payload[str(head)], rest, value)}
    copy = list(payload)
    copy[int(head)] = with_value(copy[int(head)], rest, value)
    return copy
