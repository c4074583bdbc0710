"""Immutable records that the storage API hands out instead of ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop_app.domain.clauses import Clause
from desktop_app.domain.glossary import Term


@dataclass(frozen=True)
class DraftSummary:
    """One draft as shown in a list: no payload."""

    id: int
    kind: str
    title_ko: str
    title_en: str
    status: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    version: int
    # Translation status: percent of bilingual fields filled per language (-1: unknown),
    # and open glossary / out-of-date warnings.
    ko_complete: int = field(default=-1, kw_only=True)
    en_complete: int = field(default=-1, kw_only=True)
    warnings: int = field(default=0, kw_only=True)

    @property
    def trashed(self) -> bool:
        """True when the draft is in the trash."""
        return self.deleted_at is not None


@dataclass(frozen=True)
class DraftPage:
    """The newest drafts of a capped list (a search), and whether more would have come."""

    drafts: tuple[DraftSummary, ...]
    more: bool  # more drafts match than `drafts` holds (they were not counted)


@dataclass(frozen=True)
class DraftRecord(DraftSummary):
    """One draft with its JSON payload (the document itself)."""

    format_version: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class RevisionRecord:
    """A snapshot of a draft's payload and titles, taken at draft_version."""

    id: int
    draft_id: int
    created_at: datetime
    reason: str
    draft_version: int
    payload: dict[str, Any]
    format_version: int
    title_ko: str
    title_en: str


@dataclass(frozen=True)
class StoredTerm:
    """A glossary term and its row id."""

    id: int
    term: Term


@dataclass(frozen=True)
class StoredClause:
    """A clause and its row id."""

    id: int
    clause: Clause
    updated_at: datetime


@dataclass(frozen=True)
class NewExportEntry:
    """A file an export just wrote, to be recorded in the export log."""

    draft_id: int
    draft_version: int
    revision_id: int | None
    languages: str  # ko, en or ko+en
    layout: str
    styles: str  # preset keys, comma-separated
    recipient: str  # the Recipient snapshot as JSON; "" for a plain export
    file_path: str
    size: int
    sha256: str
    merge_id: str | None = None
    merge_total: int | None = None
    merge_cancelled: bool = False
    event_id: int | None = None  # the event whose set this file was exported with


@dataclass(frozen=True)
class ExportEntryRecord(NewExportEntry):
    """An entry of the export log: what was written when, and whether (how) it was sent."""

    id: int = 0
    exported_at: datetime | None = None
    sent_on: date | None = None
    channel: str | None = None
    note: str = ""


@dataclass(frozen=True)
class EventRecord:
    """An event: its title, date and place, and its drafts' ids in the set's order."""

    id: int
    title_ko: str
    title_en: str
    date: date | None
    place_ko: str
    place_en: str
    created_at: datetime
    updated_at: datetime
    version: int
    draft_ids: tuple[int, ...] = ()
