"""The text a draft is found by: every string in its payload (footnotes apart from the
text they are in), normalised for matching."""

from __future__ import annotations

import unicodedata
from typing import Any

from desktop_app.domain.notes import has_marks, notes, without_notes


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        if not has_marks(value):
            return [value]
        # Footnotes (`^[…]`): the text as it reads, then each note on its own line, so a
        # phrase is found across a note's mark and within the note.
        return [without_notes(value), *notes(value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if not k.endswith("_changed") for s in _strings(v)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def search_text(payload: dict[str, Any]) -> str:
    """All of the draft's text, NFC and lower-cased, one string per line."""
    text = "\n".join(s for s in _strings(payload) if s.strip() and s not in ("letter",))
    return unicodedata.normalize("NFC", text).lower()
