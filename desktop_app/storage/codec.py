"""Conversions between ORM rows and records: payload JSON, search text, search terms."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from datetime import datetime
from typing import Any, TypeVar

from desktop_app.storage.models import Draft, Revision
from desktop_app.storage.records import DraftRecord, DraftSummary, RevisionRecord

R = TypeVar("R")

# In the order of DraftSummary's fields (see summary_from_row).
SUMMARY_COLUMNS = (
    Draft.id,
    Draft.kind,
    Draft.title_ko,
    Draft.title_en,
    Draft.status,
    Draft.created_at,
    Draft.updated_at,
    Draft.deleted_at,
    Draft.version,
    Draft.ko_complete,
    Draft.en_complete,
    Draft.warnings,
)


def summary_from_row(row: Any) -> DraftSummary:
    """A DraftSummary from a row of SUMMARY_COLUMNS."""
    *head, ko_complete, en_complete, warnings = row
    return DraftSummary(*head, ko_complete=ko_complete, en_complete=en_complete, warnings=warnings)


def dump_payload(payload: dict[str, Any]) -> str:
    """Canonical JSON text: UTF-8 as is (Hangul stays readable), keys sorted."""
    if not isinstance(payload, dict):
        raise TypeError(f"A draft payload must be a dict, not {type(payload).__name__}.")
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def load_payload(text: str) -> dict[str, Any]:
    """Parse stored JSON; the result is a fresh object the caller may mutate."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("A stored draft payload is not a JSON object.")
    return value


def fold(text: str) -> str:
    """NFC-normalise and lower-case: the same folding for stored text and queries."""
    return unicodedata.normalize("NFC", text).lower()


def index_text(title_ko: str, title_en: str, search_text: str) -> str:
    """What `search` scans: both titles and the caller's search text, folded."""
    return fold("\n".join(part for part in (title_ko, title_en, search_text) if part))


def search_terms(query: str | None) -> list[str]:
    """Whitespace-separated, folded terms; every one of them must occur (AND)."""
    if not query:
        return []
    return fold(query).split()


def from_row(cls: type[R], row: Any, **given: Any) -> R:
    """A record dataclass from an ORM row: each field from the row's attribute of that name
    (`payload` parsed from its JSON text), unless `given`."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in given:
            values[f.name] = given[f.name]
        elif f.name == "payload":
            values[f.name] = load_payload(row.payload)
        else:
            values[f.name] = getattr(row, f.name)
    return cls(**values)


def row_values(record: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's fields as a row's columns (`payload` as its JSON text), less `skip`."""
    values = {
        f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in skip
    }
    if "payload" in values:
        values["payload"] = dump_payload(values["payload"])
    return values


def draft_record(draft: Draft) -> DraftRecord:
    """A DraftRecord from a loaded ORM row."""
    return from_row(DraftRecord, draft)


def revision_record(revision: Revision) -> RevisionRecord:
    """A RevisionRecord from a loaded ORM row."""
    return from_row(RevisionRecord, revision)


def snapshot(draft: Draft, reason: str, created_at: datetime) -> Revision:
    """A new Revision row copying the draft's current payload, titles and search text."""
    return Revision(
        draft_id=draft.id,
        created_at=created_at,
        reason=reason,
        draft_version=draft.version,
        format_version=draft.format_version,
        title_ko=draft.title_ko,
        title_en=draft.title_en,
        search_text=draft.search_text,
        payload=draft.payload,
    )
