"""Storage exceptions whose str() is a sentence a non-programmer can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base class of every error raised by desktop_app.storage."""


class DatabaseCorrupt(StorageError):
    """The file is not a SQLite database, is damaged, or belongs to another program."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"The file “{path}” is not a Dari database or is damaged, so Dari did not open it. "
            "Nothing was changed in the file. Restore it from a backup, or choose "
            "another data folder."
        )


class DatabaseTooNew(StorageError):
    """The file was written by a newer version of Dari than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            f"The file “{path}” was written by a newer version of Dari, so this version "
            "did not open it. Nothing was changed in the file. Install the newer version "
            "of Dari to open it."
        )


class DatabaseUnavailable(StorageError):
    """SQLite refused an operation (disk full, file locked, read-only folder, …)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"Dari could not read or write its database file “{path}” ({detail}). "
            "Check that the disk is not full and that no other program is using the file, "
            "then try again."
        )


class DraftNotFound(StorageError):
    """No draft (or, with include_trashed=False, no live draft) has this id."""

    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        super().__init__(
            f"Draft number {draft_id} was not found. It may have been deleted permanently."
        )


class RevisionNotFound(StorageError):
    """No revision has this id."""

    def __init__(self, revision_id: int) -> None:
        self.revision_id = revision_id
        super().__init__(
            f"Revision number {revision_id} was not found. Its draft may have been "
            "deleted permanently."
        )


class ConflictError(StorageError):
    """A save started from an older version than the one stored (optimistic locking)."""

    def __init__(self, draft_id: int, expected_version: int, actual_version: int) -> None:
        self.draft_id = draft_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        super().__init__(
            f"Draft number {draft_id} was changed somewhere else while you were editing it "
            f"(you started from version {expected_version}; the saved draft is now version "
            f"{actual_version}). Your changes were not written over it: reload the draft, "
            "or keep your text as a new draft."
        )


class ItemNotFound(StorageError):
    """A glossary term or clause that is not (or no longer) there."""

    def __init__(self, what: str, item_id: int) -> None:
        super().__init__(f"The {what} {item_id} does not exist (it may have been deleted).")
