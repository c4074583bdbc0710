"""File names every file system takes: safe characters, capped by encoded bytes.

Linux (ext4, btrfs, tmpfs) and macOS (APFS) allow 255 UTF-8 *bytes* per name; a
Hangul syllable takes three, so a character cap is not enough (130 syllables are
390 bytes). NTFS counts 255 UTF-16 units, which a name of at most 255 UTF-8 bytes
never exceeds. Names are cut between graphemes, never inside a character, a
syllable written as jamo, an emoji sequence or a flag.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

MAX_NAME_BYTES: Final = 255
# The atomic write's temporary name is ".NAME." + 8 random characters + ".tmp".
TEMP_NAME_OVERHEAD: Final = len(".") + len(".") + 8 + len(".tmp")
# A name of this many bytes still fits when the atomic write hides it in a temp name.
MAX_FILE_NAME_BYTES: Final = MAX_NAME_BYTES - TEMP_NAME_OVERHEAD
# Word on Windows refuses paths longer than about 259 characters: keep stems readable.
MAX_STEM_CHARS: Final = 120

# Path separators, what Windows forbids, controls (C0, DEL, C1) and lone surrogates
# (which Python would turn into invalid bytes on POSIX).
_FORBIDDEN = re.compile('[\\\\/:*?"<>|\x00-\x1f\x7f-\x9f\ud800-\udfff]+')
_RESERVED: Final = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
}  # fmt: skip
_ZWJ: Final = "\u200d"


def _utf8_len(ch: str) -> int:
    code = ord(ch)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _extends(ch: str) -> bool:
    """True for a character that belongs to the grapheme before it."""
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch == _ZWJ
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
        or 0x1160 <= code <= 0x11FF  # Hangul vowel and final jamo
        or 0xD7B0 <= code <= 0xD7FF
    )


def _splits_grapheme(text: str, index: int) -> bool:
    """Would cutting `text` before `index` split a grapheme (UAX #29, the cases names meet)?"""
    if index <= 0 or index >= len(text):
        return False
    before, ch = text[index - 1], text[index]
    if _extends(ch) or before == _ZWJ:
        return True
    if 0x1100 <= ord(before) <= 0x115F and 0x1100 <= ord(ch) <= 0x115F:  # initial jamo run
        return True
    if _is_regional_indicator(before) and _is_regional_indicator(ch):
        run = 0
        while run < index and _is_regional_indicator(text[index - 1 - run]):
            run += 1
        return run % 2 == 1  # an odd run before the cut: `ch` completes a flag
    return False


def truncate_utf8(text: str, max_bytes: int, max_chars: int | None = None) -> str:
    """The longest start of `text` within `max_bytes` UTF-8 bytes (and `max_chars`
    characters), cut between graphemes."""
    total = 0
    for index, ch in enumerate(text):
        total += _utf8_len(ch)
        if total > max_bytes or (max_chars is not None and index >= max_chars):
            while _splits_grapheme(text, index):
                index -= 1
            return text[:index]
    return text


def safe_file_stem(text: str, fallback: str = "document") -> str:
    """`text` made into a file name stem: no path separators, reserved names or control
    chars; at most MAX_STEM_CHARS characters and MAX_FILE_NAME_BYTES bytes."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip().strip(".").strip()
    text = truncate_utf8(text, MAX_FILE_NAME_BYTES, MAX_STEM_CHARS).rstrip(" .")
    if not text or text.split(".")[0].upper() in _RESERVED:
        text = f"{fallback} {text}".strip() if text else fallback
        text = truncate_utf8(text, MAX_FILE_NAME_BYTES, MAX_STEM_CHARS).rstrip(" .")
    return text


def fit_file_name(stem: str, suffix: str, max_bytes: int = MAX_FILE_NAME_BYTES) -> str:
    """`stem + suffix` within `max_bytes` bytes: the stem is cut, the suffix always kept
    whole (it says which language and which kind of file it is)."""
    room = max_bytes - len(suffix.encode("utf-8"))
    if room < 1:
        raise ValueError(f"the suffix {suffix!r} leaves no room for a name")
    cut = truncate_utf8(stem, room)
    return (cut.rstrip(" .") if cut != stem else cut) + suffix


def _same_name_key(name: str) -> str:
    """Windows and macOS treat names differing only in case (or normalisation) as one."""
    return unicodedata.normalize("NFC", name).casefold()


def unique_file_names(
    parts: Iterable[tuple[str, str]],
    taken: Iterable[str] = (),
    max_bytes: int = MAX_FILE_NAME_BYTES,
) -> list[str]:
    """One name per (stem, suffix), all different and each within `max_bytes`.

    Two stems that are the same once cut (long names sharing a start) get " (2)",
    " (3)", … before the suffix; the stem is cut further to make room, so the
    number is never lost. `taken` are names already in use.
    """
    seen = {_same_name_key(name) for name in taken}
    names = []
    for stem, suffix in parts:
        name = fit_file_name(stem, suffix, max_bytes)
        number = 1
        while _same_name_key(name) in seen:
            number += 1
            name = fit_file_name(stem, f" ({number}){suffix}", max_bytes)
        seen.add(_same_name_key(name))
        names.append(name)
    return names
