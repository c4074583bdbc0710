"""The text a draft is found by: every string in its payload, normalised for matching."""

from __future__ import annotations

import unicodedata
from typing import Any


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if not k.endswith("_changed") for s in _strings(v)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def search_text(payload: dict[str, Any]) -> str:
    """All of the draft's text, NFC and lower-cased, one string per line."""
    text = "\n".join(s for s in _strings(payload) if s.strip() and s not in ("letter",))
    return unicodedata.normalize("NFC", text).lower()
