"""A readable line diff of two texts as HTML: removed lines red and −, added green and +."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from typing import Literal

LineKind = Literal["same", "removed", "added", "gap"]

CONTEXT_LINES = 2
_STYLES: dict[LineKind, str] = {
    "same": "color:#444444;",
    "removed": "background-color:#fde0de; color:#7a1010;",
    "added": "background-color:#d9f2d9; color:#135c13;",
    "gap": "color:#888888;",
}
_MARKS: dict[LineKind, str] = {"same": "  ", "removed": "− ", "added": "+ ", "gap": ""}


@dataclass(frozen=True)
class DiffLine:
    """One line of the diff: what kind of change it shows, and its text."""

    kind: LineKind
    text: str


def diff_lines(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """The changed lines of `old` → `new` with `context` lines around them; gaps shown as "…"."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    groups = list(matcher.get_grouped_opcodes(context))
    if not groups or (len(groups[0]) == 1 and groups[0][0][0] == "equal"):
        return []  # the same text
    result: list[DiffLine] = []
    for group in groups:
        if group[0][1] > 0 or result:
            result.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result += [DiffLine("same", line) for line in old_lines[i1:i2]]
                continue
            result += [DiffLine("removed", line) for line in old_lines[i1:i2]]
            result += [DiffLine("added", line) for line in new_lines[j1:j2]]
    if groups[-1][-1][2] < len(old_lines):
        result.append(DiffLine("gap", "…"))
    return result


def has_changes(lines: list[DiffLine]) -> bool:
    """True when the diff shows any added or removed line."""
    return any(line.kind in ("removed", "added") for line in lines)


def diff_html(lines: list[DiffLine], legend: str = "", no_change: str = "") -> str:
    """The diff as HTML for a QTextBrowser; `legend` above it, `no_change` when there is none."""
    parts = [f"<p style='color:#555555;'>{html.escape(legend)}</p>"] if legend else []
    if not has_changes(lines):
        parts.append(f"<p>{html.escape(no_change)}</p>")
    for line in lines:
        text = html.escape(_MARKS[line.kind] + line.text) or "&nbsp;"
        parts.append(f"<p style='margin:0; white-space:pre-wrap; {_STYLES[line.kind]}'>{text}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"
