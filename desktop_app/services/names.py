"""Readable, safe file names for exported documents on Windows, macOS and Linux."""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_STEM = 120


def safe_file_stem(text: str, fallback: str = "document") -> str:
    """`text` made into a file name stem: no path separators, reserved names or control chars."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip().strip(".").strip()
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(" .")
    if not text or text.split(".")[0].upper() in _RESERVED:
        text = f"{fallback} {text}".strip() if text else fallback
    return text
