"""Dari's storage layer: SQLite through SQLAlchemy 2, Alembic migrations, drafts and revisions.

Names load on first use: the records and errors import no SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.lazy import lazy_exports

if TYPE_CHECKING:
    from desktop_app.storage.contacts import ContactRepository as ContactRepository
    from desktop_app.storage.contacts import SearchHits as SearchHits
    from desktop_app.storage.database import Database as Database
    from desktop_app.storage.drafts import DraftRepository as DraftRepository
    from desktop_app.storage.errors import ConflictError as ConflictError
    from desktop_app.storage.errors import ContactListExists as ContactListExists
    from desktop_app.storage.errors import ContactListNotFound as ContactListNotFound
    from desktop_app.storage.errors import DatabaseCorrupt as DatabaseCorrupt
    from desktop_app.storage.errors import DatabaseTooNew as DatabaseTooNew
    from desktop_app.storage.errors import DatabaseUnavailable as DatabaseUnavailable
    from desktop_app.storage.errors import DraftNotFound as DraftNotFound
    from desktop_app.storage.errors import EventChanged as EventChanged
    from desktop_app.storage.errors import ItemNotFound as ItemNotFound
    from desktop_app.storage.errors import RevisionNotFound as RevisionNotFound
    from desktop_app.storage.errors import StorageError as StorageError
    from desktop_app.storage.events import EventRepository as EventRepository
    from desktop_app.storage.exports import ExportLogRepository as ExportLogRepository
    from desktop_app.storage.library import ClauseRepository as ClauseRepository
    from desktop_app.storage.library import GlossaryRepository as GlossaryRepository
    from desktop_app.storage.records import DraftPage as DraftPage
    from desktop_app.storage.records import DraftRecord as DraftRecord
    from desktop_app.storage.records import DraftSummary as DraftSummary
    from desktop_app.storage.records import EventRecord as EventRecord
    from desktop_app.storage.records import ExportEntryRecord as ExportEntryRecord
    from desktop_app.storage.records import NewExportEntry as NewExportEntry
    from desktop_app.storage.records import RevisionRecord as RevisionRecord
    from desktop_app.storage.records import StoredClause as StoredClause
    from desktop_app.storage.records import StoredTerm as StoredTerm

# name -> the module that defines it; each is imported on first use (a fast start).
_EXPORTS = {
    "ContactRepository": "desktop_app.storage.contacts",
    "SearchHits": "desktop_app.storage.contacts",
    "ContactListExists": "desktop_app.storage.errors",
    "ContactListNotFound": "desktop_app.storage.errors",
    "Database": "desktop_app.storage.database",
    "DraftRepository": "desktop_app.storage.drafts",
    "ConflictError": "desktop_app.storage.errors",
    "ExportLogRepository": "desktop_app.storage.exports",
    "ExportEntryRecord": "desktop_app.storage.records",
    "NewExportEntry": "desktop_app.storage.records",
    "DatabaseCorrupt": "desktop_app.storage.errors",
    "DatabaseTooNew": "desktop_app.storage.errors",
    "DatabaseUnavailable": "desktop_app.storage.errors",
    "DraftNotFound": "desktop_app.storage.errors",
    "EventChanged": "desktop_app.storage.errors",
    "EventRecord": "desktop_app.storage.records",
    "EventRepository": "desktop_app.storage.events",
    "RevisionNotFound": "desktop_app.storage.errors",
    "StorageError": "desktop_app.storage.errors",
    "ClauseRepository": "desktop_app.storage.library",
    "GlossaryRepository": "desktop_app.storage.library",
    "ItemNotFound": "desktop_app.storage.errors",
    "StoredClause": "desktop_app.storage.records",
    "StoredTerm": "desktop_app.storage.records",
    "DraftRecord": "desktop_app.storage.records",
    "DraftPage": "desktop_app.storage.records",
    "DraftSummary": "desktop_app.storage.records",
    "RevisionRecord": "desktop_app.storage.records",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = [
    "ClauseRepository",
    "ConflictError",
    "ContactListExists",
    "ContactListNotFound",
    "ContactRepository",
    "Database",
    "DatabaseCorrupt",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "DraftNotFound",
    "DraftPage",
    "DraftRecord",
    "DraftRepository",
    "DraftSummary",
    "EventChanged",
    "EventRecord",
    "EventRepository",
    "ExportEntryRecord",
    "ExportLogRepository",
    "GlossaryRepository",
    "ItemNotFound",
    "NewExportEntry",
    "RevisionNotFound",
    "RevisionRecord",
    "SearchHits",
    "StorageError",
    "StoredClause",
    "StoredTerm",
]
