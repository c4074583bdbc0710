"""What can be done with a data folder whose database is not open (or cannot be opened):
list its backups, restore one, salvage a damaged file. The window's start-up box and
`dari backups …` / `dari salvage` call these; the database is never opened for writing
before the person chose, and a damaged file is never modified (it is kept aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop_app.paths import database_path, secure_data_dir

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.storage.backups import BackupInfo
    from desktop_app.storage.crypto import SessionKey


@dataclass(frozen=True)
class Restored:
    """A restore: which backup, and where the file it replaced was kept (None: there was none)."""

    backup: BackupInfo
    kept_aside: Path | None


@dataclass(frozen=True)
class Salvaged:
    """A salvage: the damaged file's new name, how many drafts were read back, and the
    tables (drafts, revisions, …) that could not be read in full."""

    kept_aside: Path
    drafts: int
    revisions: int
    damaged_tables: tuple[str, ...]


def _now() -> datetime:
    return datetime.now(UTC)


def is_damaged(data_dir: Path | None) -> bool:
    """True when the database file exists and is not a healthy Dari database."""
    from desktop_app.storage import migrate
    from desktop_app.storage.errors import DatabaseCorrupt, StorageError

    try:
        migrate.stamped_revisions(database_path(data_dir))
    except DatabaseCorrupt:
        return True
    except StorageError:
        return False
    return False


def list_backups(data_dir: Path | None, key: SessionKey | None = None) -> list[BackupInfo]:
    """The folder's backups, newest first, with their dates and numbers of drafts."""
    from desktop_app.storage import backups

    return backups.list_backups(database_path(data_dir), key=key)


def restore_backup(
    data_dir: Path | None, name: str, now: datetime | None = None, key: SessionKey | None = None
) -> Restored:
    """Put a copy of the backup `name` in place of the database, which must not be open.

    A healthy current file is kept as `dari-before-restore-….db`, a damaged one as
    `dari-damaged-….db` (untouched). The restored copy is migrated if it is older.
    """
    from desktop_app.services.encryption import refuse_if_open_elsewhere
    from desktop_app.storage import Database, backups

    now = now or _now()
    folder = secure_data_dir(data_dir)
    refuse_if_open_elsewhere(folder)  # never replace the file under a window
    path = database_path(folder)
    label = "damaged" if is_damaged(folder) else "before-restore"
    info = next((b for b in backups.list_backups(path, key=key) if b.name == name), None)
    aside = backups.restore(path, name, now, label=label, key=key)
    if info is None:  # pragma: no cover - restore raised BackupNotFound already
        raise AssertionError(name)
    Database.open(path, clock=lambda: now, key=key).close()  # migrates an older copy
    return Restored(info, aside)


def restore_latest_good(
    data_dir: Path | None, now: datetime | None = None, key: SessionKey | None = None
) -> Restored | None:
    """Restore the newest backup that passes the integrity check; None when there is none."""
    from desktop_app.storage import backups

    good = backups.latest_good(database_path(data_dir), key=key)
    return None if good is None else restore_backup(data_dir, good.name, now, key)


def salvage(
    data_dir: Path | None, now: datetime | None = None, key: SessionKey | None = None
) -> Salvaged:
    """Read what can be read of the damaged database into a new file that takes its place.

    The damaged file is renamed to `dari-damaged-….db` and never modified. An encrypted
    database needs its `key` (the passphrase unlocks the key header, which a damaged
    database file does not touch); the new file is encrypted with the same key.
    """
    from desktop_app.storage import salvage as salvaging
    from desktop_app.storage.crypto import is_encrypted
    from desktop_app.storage.errors import DatabaseLocked

    now = now or _now()
    folder = secure_data_dir(data_dir)
    if key is None and is_encrypted(database_path(folder)):
        raise DatabaseLocked(database_path(folder))  # never a plaintext file from it
    report = salvaging.salvage(database_path(folder), now, key)
    return Salvaged(report.kept_aside, report.drafts, report.revisions, report.damaged_tables)


def delete_damaged(data_dir: Path | None, name: str) -> Path:
    """Delete the damaged file `name` kept aside (`dari-damaged-….db`, with its -wal/-shm
    and key header), overwritten first: only on the person's explicit choice, after Dari
    said that nothing in it could be read (a purge, turning encryption on).
    DamagedFileNotFound for any other name."""
    from desktop_app.storage import backups

    return backups.remove_damaged(database_path(data_dir), name)
