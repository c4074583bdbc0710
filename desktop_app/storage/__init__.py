"""Dari's storage layer: SQLite through SQLAlchemy 2, Alembic migrations, drafts and revisions."""

from desktop_app.storage.database import Database
from desktop_app.storage.drafts import DraftRepository
from desktop_app.storage.errors import (
    ConflictError,
    DatabaseCorrupt,
    DatabaseTooNew,
    DatabaseUnavailable,
    DraftNotFound,
    RevisionNotFound,
    StorageError,
)
from desktop_app.storage.library import (
    ClauseRepository,
    GlossaryRepository,
    ItemNotFound,
    StoredClause,
    StoredTerm,
)
from desktop_app.storage.records import DraftRecord, DraftSummary, RevisionRecord

__all__ = [
    "ClauseRepository",
    "ConflictError",
    "Database",
    "DatabaseCorrupt",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "DraftNotFound",
    "DraftRecord",
    "DraftRepository",
    "DraftSummary",
    "GlossaryRepository",
    "ItemNotFound",
    "RevisionNotFound",
    "RevisionRecord",
    "StorageError",
    "StoredClause",
    "StoredTerm",
]
