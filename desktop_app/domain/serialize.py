"""The JSON draft format: documents to plain dicts and back, with versioning.

This is the interchange format (`dari import`, `dari export-json`, bundles)
and the storage payload. Decoding never raises anything but DraftFormatError,
whose message says where the problem is.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from desktop_app.domain.letter import Letter, derived_kind
from desktop_app.domain.notes import escape_marks
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.text import BilingualText, DismissedTerm, clean_text
from desktop_app.domain.upr import UprBrief

FORMAT_VERSION = 6
KINDS: dict[str, type[Any]] = {
    "letter": Letter,
    "upr-brief": UprBrief,
    "press-notice": PressNotice,
    "statement": Statement,
}

T = TypeVar("T")
# A local date and time as the draft writes it (to the minute; seconds are read too).
DATETIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")


class DraftFormatError(ValueError):
    """The JSON is not a draft this version of Dari can read; str() says why and where."""


def to_json(document: Any) -> dict[str, Any]:
    """A document as a JSON-ready dict, with its format version and kind first."""
    body = _encode(document)
    assert isinstance(body, dict)
    return {"format": FORMAT_VERSION, "kind": type(document).KIND, **body}


def from_json(data: Any) -> Any:
    """A document from a dict made by to_json (this or an older format version)."""
    if not isinstance(data, dict):
        raise DraftFormatError("A draft must be a JSON object.")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DraftFormatError("The draft has no format version (a whole number under 'format').")
    if version > FORMAT_VERSION:
        raise DraftFormatError(
            f"The draft is in format {version}, made by a newer Dari; "
            f"this version reads formats up to {FORMAT_VERSION}. Update Dari to open it."
        )
    if version < 1:
        raise DraftFormatError(f"The draft's format version {version} is not valid.")
    data = upgrade(data)
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(sorted(KINDS))
        raise DraftFormatError(f"Unknown kind of document {kind!r}; known kinds: {known}.")
    fields = {k: v for k, v in data.items() if k not in ("format", "kind")}
    return _decode(cls, fields, "")


def encode_part(value: Any) -> Any:
    """One part of a document (a Recipient, say) as the draft format writes it."""
    return _encode(value)


def decode_part(tp: type[T], value: Any) -> T:
    """One part of a document from the draft format (DraftFormatError if it is not one)."""
    decoded: T = _decode(tp, value, "")
    return decoded


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older format up to FORMAT_VERSION, one version at a time."""
    if data.get("format") == 1:
        data = _upgrade_1_to_2(data)
    if data.get("format") == 2:
        data = _upgrade_2_to_3(data)
    if data.get("format") == 3:
        data = _upgrade_3_to_4(data)
    if data.get("format") == 4:
        data = _upgrade_4_to_5(data)
    if data.get("format") == 5:
        data = _upgrade_5_to_6(data)
    return data


def _upgrade_5_to_6(data: dict[str, Any]) -> dict[str, Any]:
    """Format 6 adds two kinds, `"press-notice"` and `"statement"` (and local date-times,
    `2024-04-18T11:00`, in them); a letter or a UPR brief reads as before."""
    return {**data, "format": 6}


def _upgrade_4_to_5(data: dict[str, Any]) -> dict[str, Any]:
    """Format 5 writes footnotes inline, `^[the note]` (`domain/notes.py`); in an older draft
    every `^[` is a literal one, so each is escaped (`\\^[`) and the draft prints as before."""
    escaped = _escape_marks({k: v for k, v in data.items() if k not in ("format", "kind")})
    return {**data, **escaped, "format": 5}


def _escape_marks(value: Any) -> Any:
    """Every string inside `value` with its `^[` made literal (`notes.escape_marks`)."""
    if isinstance(value, str):
        return escape_marks(value)
    if isinstance(value, list):
        return [_escape_marks(item) for item in value]
    if isinstance(value, dict):
        return {key: _escape_marks(item) for key, item in value.items()}
    return value


def _upgrade_3_to_4(data: dict[str, Any]) -> dict[str, Any]:
    """Format 4 keeps the document's date style in the draft (`date_style`, English dates
    `"un"` 30 April 2024 or `"us"` April 30, 2024) and whether Korean dates carry the weekday
    (`korean_weekday`); an older draft is UN style without the weekday, which omitting them
    means."""
    return {**data, "format": 4}


def _upgrade_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 lets each UPR question and recommendation name the target States it is for
    (`states`); an older one is for all of them, which an omitted or empty `states` means."""
    return {**data, "format": 3}


def _upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 gives each letter signatory a `kind`; a format-1 signatory gets the derived one
    (individual when a person signs without an organisation). Recipient.department and
    Letter.signatory_summary are new and start empty / off, which omitting them means."""
    data = {**data, "format": 2}
    signatories = data.get("signatories")
    if data.get("kind") != "letter" or not isinstance(signatories, list):
        return data
    upgraded: list[Any] = []
    for item in signatories:
        if isinstance(item, dict) and "kind" not in item:
            texts = {}
            for name in ("organisation", "person"):
                value = item.get(name)
                texts[name] = (
                    _decode_bilingual(value, name) if value is not None else BilingualText()
                )
            item = {**item, "kind": derived_kind(texts["organisation"], texts["person"]).value}
        upgraded.append(item)
    data["signatories"] = upgraded
    return data


def _encode(value: Any) -> Any:
    if isinstance(value, BilingualText):
        out: dict[str, Any] = {"ko": value.ko, "en": value.en}
        if value.ko_changed:
            out["ko_changed"] = value.ko_changed.isoformat()
        if value.en_changed:
            out["en_changed"] = value.en_changed.isoformat()
        if value.stale:
            out["stale"] = value.stale
        if value.dismissed:
            out["dismissed"] = [_encode_dismissed(d) for d in value.dismissed]
        return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _encode(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get("omit_if_none") and getattr(value, f.name) is None)
        }
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _encode_dismissed(item: DismissedTerm) -> dict[str, str]:
    return {"ko": item.ko, "variant": item.variant} if item.variant else {"ko": item.ko}


def _where(path: str) -> str:
    return f" at '{path}'" if path else ""


def _decode(tp: Any, value: Any, path: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _decode(args[0], value, path)
    if tp is BilingualText:
        return _decode_bilingual(value, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise DraftFormatError(f"Expected a list{_where(path)}.")
        (item_tp, _ellipsis) = get_args(tp)
        return tuple(_decode(item_tp, v, f"{path}[{i}]") for i, v in enumerate(value))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise DraftFormatError(f"{value!r} is not one of {allowed}{_where(path)}.") from None
    if tp is datetime:
        return _decode_datetime(value, path)
    if tp is date:
        if not isinstance(value, str):
            raise DraftFormatError(f"Expected a date like 2024-04-18{_where(path)}.")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DraftFormatError(
                f"{value!r} is not a date like 2024-04-18{_where(path)}."
            ) from None
    if tp is bool:
        if not isinstance(value, bool):
            raise DraftFormatError(f"Expected true or false{_where(path)}.")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise DraftFormatError(f"Expected a whole number{_where(path)}.")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise DraftFormatError(f"Expected text{_where(path)}.")
        return clean_text(value)
    raise DraftFormatError(f"Cannot read a value of type {tp}{_where(path)}.")  # pragma: no cover


def _decode_datetime(value: Any, path: str) -> datetime:
    """A local date and time, `2024-04-18T11:00` (no time zone: the event's own clock)."""
    where = _where(path)
    if not isinstance(value, str) or not DATETIME_PATTERN.fullmatch(value):
        raise DraftFormatError(f"{value!r} is not a date and time like 2024-04-18T11:00{where}.")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise DraftFormatError(
            f"{value!r} is not a date and time like 2024-04-18T11:00{where}."
        ) from None


@functools.cache
def _hints(tp: type) -> dict[str, Any]:
    """A dataclass's resolved field types, computed once per class: get_type_hints
    compiles every string annotation anew on each call (most of a decode's time)."""
    return get_type_hints(tp)


def _decode_dataclass(tp: type[T], value: Any, path: str) -> T:
    if not isinstance(value, dict):
        raise DraftFormatError(f"Expected an object{_where(path)}.")
    hints = _hints(cast(type, tp))
    # type[T] is a dataclass here (the caller checked is_dataclass), which mypy cannot see.
    names = {f.name for f in dataclasses.fields(tp)}  # type: ignore[arg-type]
    unknown = sorted(set(value) - names)
    if unknown:
        raise DraftFormatError(f"Unknown field {unknown[0]!r}{_where(path)}.")
    kwargs = {
        name: _decode(hints[name], item, f"{path}.{name}" if path else name)
        for name, item in value.items()
    }
    return tp(**kwargs)


def _decode_bilingual(value: Any, path: str) -> BilingualText:
    if not isinstance(value, dict):
        raise DraftFormatError(f"Expected an object with 'ko' and 'en' texts{_where(path)}.")
    unknown = sorted(set(value) - {"ko", "en", "ko_changed", "en_changed", "stale", "dismissed"})
    if unknown:
        raise DraftFormatError(f"Unknown field {unknown[0]!r}{_where(path)}.")
    texts: dict[str, str] = {}
    for lang in ("ko", "en"):
        text = value.get(lang, "")
        if not isinstance(text, str):
            raise DraftFormatError(f"Expected text under '{lang}'{_where(path)}.")
        texts[lang] = clean_text(text)
    stamps: dict[str, datetime | None] = {}
    for key in ("ko_changed", "en_changed"):
        stamp = value.get(key)
        if stamp is None:
            stamps[key] = None
            continue
        try:
            stamps[key] = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
        except ValueError:
            stamps[key] = None
        if stamps[key] is None:
            raise DraftFormatError(f"{stamp!r} is not a date and time{_where(path + '.' + key)}.")
    stale = value.get("stale")
    if stale not in (None, "ko", "en"):
        raise DraftFormatError(f'\'stale\' must be "ko" or "en"{_where(path)}.')
    dismissed = _decode_dismissed(value.get("dismissed", []), f"{path}.dismissed")
    return BilingualText(
        texts["ko"], texts["en"], stamps["ko_changed"], stamps["en_changed"], stale, dismissed
    )


def _decode_dismissed(value: Any, path: str) -> tuple[DismissedTerm, ...]:
    """The glossary findings dismissed in a text (format 5; omitted in older files: none)."""
    if not isinstance(value, list):
        raise DraftFormatError(f"Expected a list{_where(path)}.")
    items: set[DismissedTerm] = set()
    for i, item in enumerate(value):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise DraftFormatError(f"Expected an object with 'ko'{_where(where)}.")
        unknown = sorted(set(item) - {"ko", "variant"})
        if unknown:
            raise DraftFormatError(f"Unknown field {unknown[0]!r}{_where(where)}.")
        ko, variant = item.get("ko"), item.get("variant", "")
        if not isinstance(ko, str) or not isinstance(variant, str):
            raise DraftFormatError(f"Expected text under 'ko' and 'variant'{_where(where)}.")
        items.add(DismissedTerm(clean_text(ko), clean_text(variant)))
    return tuple(sorted(items))


__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "DraftFormatError",
    "decode_part",
    "encode_part",
    "from_json",
    "to_json",
]
