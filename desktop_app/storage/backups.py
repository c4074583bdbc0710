"""Rolling backups of the database in `DATA/backups/`, restoring one, and forgetting a draft.

- `copy_database(source, target, key=)` is the one function that copies a database: a
  consistent snapshot with `VACUUM INTO`, into a user-only file made first. With the
  session's key (an encrypted database) SQLCipher's VACUUM INTO writes the copy
  encrypted with the same key; `open_copy` opens any copy with it. Every function here
  takes that `key` and passes it on.
- `create` writes `backups/dari-YYYYMMDD-HHMMSS.db` through a hidden temporary name,
  then renames it; `prune` keeps the newest N; `daily` makes one at the first start of
  each (UTC) day; `migrate.prepare` makes one before every migration.
- `restore` never overwrites anything: the current file is renamed aside
  (`dari-before-restore-….db`) and a copy of the backup takes its place.
- `forget_drafts` deletes drafts from every backup and every file kept aside
  (secure_delete on, then VACUUM into a new file renamed over the old one), so a purged
  draft is gone from the data folder, not only from the live database. A damaged file
  kept aside is rebuilt from what can be read of it, without the purged drafts.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.files import create_private, fsync_file, fsync_folder, private_folder
from desktop_app.storage import last_save
from desktop_app.storage.engine import (
    DRIVER_ERRORS,
    connect_readonly,
    connect_sqlcipher,
    open_error_for,
    side_files,
)
from desktop_app.storage.errors import BackupNotFound, DatabaseCorrupt, StorageError

if TYPE_CHECKING:
    from desktop_app.storage.crypto import SessionKey

    Key = bytes | SessionKey | None

BACKUPS_FOLDER = "backups"
DEFAULT_KEPT = 7
NAME_PATTERN = re.compile(r"^dari-(\d{8})-(\d{6})(?:-(\d+))?\.db$")
_STAMP = "%Y%m%d-%H%M%S"
# Files kept aside in the data folder (restores, damaged files, migration backups of
# older versions): purges rewrite them too.
ASIDE_PATTERNS = ("dari-before-restore-*.db", "dari-salvaged-*.db", "*.backup-*.db")
# A damaged file kept aside by a restore or a salvage: a purge rebuilds it without the
# purged drafts from what can be read of it (`_rebuild_without`), else it keeps their text.
DAMAGED_PATTERN = "dari-damaged-*.db"
_REBUILD_FAILURES: tuple[type[Exception], ...] = (*DRIVER_ERRORS, OSError)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: its name, when it was taken (UTC), and how many drafts it holds."""

    name: str
    path: Path
    taken_at: datetime
    drafts: int  # live drafts (not in the trash); -1 when the file cannot be read
    trashed: int
    size: int

    @property
    def readable(self) -> bool:
        return self.drafts >= 0


def backups_dir(db_path: Path) -> Path:
    """The backups folder beside the database."""
    return db_path.parent / BACKUPS_FOLDER


# -- the copy (the one place an encrypted engine replaces) --------------------------------


def copy_database(source: Path, target: Path, *, key: Key = None) -> None:
    """Copy a consistent snapshot of `source` into `target` (which must not exist).

    `target` is created empty and user-only first (SQLite accepts an empty target and
    keeps its mode), so no one else can read it at any moment; it is fsynced.
    """
    create_private(target)
    try:
        with closing(connect_readonly(source, key)) as conn:
            conn.execute("VACUUM INTO ?", (str(target),))
        fsync_file(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def open_copy(path: Path, *, writable: bool = False, key: Key = None) -> Any:
    """A connection to a backup (or any copy made by copy_database), with the key of an
    encrypted one."""
    if writable:
        if key is not None:
            raw = key if isinstance(key, bytes) else key.get(path)
            conn = connect_sqlcipher(path, raw)
            conn.isolation_level = None
        else:
            conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA secure_delete = ON")
        return conn
    return connect_readonly(path, key)


# -- names ---------------------------------------------------------------------------------


def _unique(folder: Path, stem: str, suffix: str = ".db") -> Path:
    candidate = folder / f"{stem}{suffix}"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stem}-{counter}{suffix}"
    return candidate


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime(_STAMP)


def _taken_at(name: str) -> datetime | None:
    match = NAME_PATTERN.match(name)
    if match is None:
        return None
    return datetime.strptime(f"{match[1]}-{match[2]}", _STAMP).replace(tzinfo=UTC)


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial")


# -- making, listing, pruning ----------------------------------------------------------------


def create(db_path: Path, now: datetime, *, key: Key = None) -> Path:
    """Back the database up now; the new backup's path. Raises StorageError."""
    folder = private_folder(backups_dir(db_path))
    target = _unique(folder, f"dari-{_stamp(now)}")
    partial = _partial(target)
    partial.unlink(missing_ok=True)
    try:
        copy_database(db_path, partial, key=key)
        os.replace(partial, target)
    except DRIVER_ERRORS as exc:
        raise open_error_for(db_path, exc) from exc
    except OSError as exc:
        from desktop_app.storage.errors import DatabaseUnavailable

        raise DatabaseUnavailable(db_path, exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    fsync_folder(folder)
    return target


def _count(path: Path, key: Key = None) -> tuple[int, int]:
    """(live drafts, drafts in the trash) in a backup; (-1, -1) when it cannot be read."""
    try:
        with closing(open_copy(path, key=key)) as conn:
            row = conn.execute(
                "SELECT count(*) FILTER (WHERE deleted_at IS NULL),"
                " count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM drafts"
            ).fetchone()
            return int(row[0]), int(row[1])
    except DRIVER_ERRORS:
        return -1, -1


def backup_files(db_path: Path) -> list[Path]:
    """The backups, oldest first (by the time in their names)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [(taken, path) for path in folder.iterdir() if (taken := _taken_at(path.name))]
    return [path for _taken, path in sorted(found, key=lambda pair: (pair[0], _counter(pair[1])))]


def _counter(path: Path) -> int:
    """1 for `dari-…-HHMMSS.db`, n for the n-th backup of the same second (`…-n.db`)."""
    match = NAME_PATTERN.match(path.name)
    return int(match[3]) if match and match[3] else 1


def list_backups(db_path: Path, *, key: Key = None) -> list[BackupInfo]:
    """Every backup, newest first, with its date and number of drafts (opened read-only)."""
    infos = []
    for path in reversed(backup_files(db_path)):
        taken = _taken_at(path.name)
        assert taken is not None
        live, trashed = _count(path, key)
        infos.append(BackupInfo(path.name, path, taken, live, trashed, path.stat().st_size))
    return infos


def prune(db_path: Path, kept: int) -> list[Path]:
    """Delete all but the newest `kept` backups (at least one is always kept)."""
    files = backup_files(db_path)
    doomed = files[: max(0, len(files) - max(1, kept))]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def daily(db_path: Path, now: datetime, kept: int, *, key: Key = None) -> Path | None:
    """At the first start of each day: a backup (when there is a draft to lose), then prune.

    Returns the new backup, or None when today's exists already or there is nothing to keep.
    """
    today = now.astimezone(UTC).date()
    if any(_taken_at(p.name).date() == today for p in backup_files(db_path)):  # type: ignore[union-attr]
        return None
    live, trashed = _count(db_path, key)
    if live + trashed <= 0:
        return None
    made = create(db_path, now, key=key)
    prune(db_path, kept)
    return made


def is_good(path: Path, key: Key = None) -> bool:
    """True when the file passes `PRAGMA integrity_check` and has Dari's tables."""
    try:
        with closing(open_copy(path, key=key)) as conn:
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            conn.execute("SELECT count(*) FROM drafts").fetchone()
        return rows == ["ok"]
    except DRIVER_ERRORS:
        return False


def latest_good(db_path: Path, *, key: Key = None) -> Path | None:
    """The newest backup that passes the integrity check, if any."""
    return next((p for p in reversed(backup_files(db_path)) if is_good(p, key)), None)


# -- restoring ---------------------------------------------------------------------------------


def find(db_path: Path, name: str) -> Path:
    """The backup called `name` (as `dari backups list` shows it); BackupNotFound if none."""
    path = backups_dir(db_path) / name
    if Path(name).name != name or _taken_at(name) is None or not path.is_file():
        raise BackupNotFound(name)
    return path


def set_aside(db_path: Path, now: datetime, label: str) -> Path | None:
    """Rename the database (and its -wal/-shm) to `dari-<label>-<stamp>.db` beside it,
    never over an existing file; the new name, or None when there was no file."""
    if not db_path.exists():
        return None
    aside = _unique(db_path.parent, f"dari-{label}-{_stamp(now)}")
    for side, new_side in zip(side_files(db_path), side_files(aside), strict=True):
        if side.exists():
            os.rename(side, new_side)
    os.rename(db_path, aside)
    fsync_folder(db_path.parent)
    return aside


def put_in_place(copy_from: Path, db_path: Path, *, key: Key = None) -> None:
    """A copy of `copy_from` becomes the database (through a temporary name)."""
    partial = _partial(db_path)
    partial.unlink(missing_ok=True)
    try:
        copy_database(copy_from, partial, key=key)
        if db_path.exists():  # never over a file: the caller set it aside
            raise FileExistsError(db_path)
        os.replace(partial, db_path)
    finally:
        partial.unlink(missing_ok=True)
    fsync_folder(db_path.parent)


def restore(
    db_path: Path, name: str, now: datetime, *, label: str = "before-restore", key: Key = None
) -> Path | None:
    """Put a copy of the backup `name` in place of the database; the close database first.

    The current file is kept aside (its new path is returned); the backup stays as it is.
    Raises BackupNotFound, or DatabaseCorrupt when the backup fails its integrity check.
    """
    source = find(db_path, name)
    if not is_good(source, key):
        raise DatabaseCorrupt(source, "the backup failed its integrity check")
    try:
        aside = set_aside(db_path, now, label)
        put_in_place(source, db_path, key=key)
        last_save.forget(db_path)  # the restored file is older by design: no lost saves
    except DRIVER_ERRORS as exc:
        raise open_error_for(source, exc) from exc
    except OSError as exc:
        from desktop_app.storage.errors import DatabaseUnavailable

        raise DatabaseUnavailable(db_path, exc.strerror or str(exc)) from exc
    return aside


# -- forgetting -----------------------------------------------------------------------------


def copies(db_path: Path) -> list[Path]:
    """Every copy of the database that Dari keeps: the backups and the files kept aside."""
    found = list(backup_files(db_path))
    for pattern in ASIDE_PATTERNS:
        found += sorted(db_path.parent.glob(pattern))
    return found


@dataclass(frozen=True)
class Forgotten:
    """What forgetting drafts in every copy did: how many copies were rewritten, and the
    damaged files kept aside that could not be (nothing in them could be read, or the
    rewrite failed): they may still hold the drafts' text, and the person is told so."""

    rewritten: int
    left: tuple[Path, ...] = ()


def forget_drafts(
    db_path: Path, draft_ids: Sequence[int], *, keep_exports: bool, key: Key = None
) -> Forgotten:
    """Delete these drafts (revisions, and unless `keep_exports` their export log entries)
    from every copy.

    Each copy is copied to a private temporary file, the rows are deleted there with
    secure_delete on, the result is VACUUMed into a fresh file and renamed over the
    copy: no page of the old file, free or not, survives. A copy that cannot be read is
    left as it is (it is damaged; it holds nothing that a purge could rewrite). A damaged
    file kept aside is rebuilt without the drafts; one that cannot be is in `left`.
    """
    if not draft_ids:
        return Forgotten(0)
    rewritten = 0
    left: list[Path] = []
    for path in copies(db_path):
        if _rewrite_without(path, draft_ids, keep_exports=keep_exports, key=key):
            rewritten += 1
    for path in damaged_files(db_path):
        if is_good(path, key):  # rebuilt by an earlier purge: an ordinary copy now
            rewritten += _rewrite_without(path, draft_ids, keep_exports=keep_exports, key=key)
        elif _rebuild_without(path, draft_ids, keep_exports=keep_exports, key=key):
            rewritten += 1
        else:
            left.append(path)
    return Forgotten(rewritten, tuple(left))


def damaged_files(db_path: Path) -> list[Path]:
    """The damaged files kept aside beside the database (`dari-damaged-*.db`), by name."""
    return sorted(p for p in db_path.parent.glob(DAMAGED_PATTERN) if p.is_file())


def remove_damaged(db_path: Path, name: str) -> Path:
    """Delete the damaged file `name` kept aside (and its -wal/-shm and key header), each
    overwritten with zeros first (best effort, as for a converted database: an SSD may keep
    the old blocks); its path. Only a `dari-damaged-*.db` directly beside the database:
    DamagedFileNotFound otherwise. Raises DatabaseUnavailable when it cannot be removed."""
    from fnmatch import fnmatchcase

    from desktop_app.storage.cipherfile import overwrite_and_remove
    from desktop_app.storage.crypto import header_path

    path = db_path.parent / name
    if Path(name).name != name or not fnmatchcase(name, DAMAGED_PATTERN) or not path.is_file():
        from desktop_app.storage.errors import DamagedFileNotFound

        raise DamagedFileNotFound(name)
    try:
        overwrite_and_remove([path, *side_files(path), header_path(path)])
        fsync_folder(path.parent)
    except OSError as exc:
        from desktop_app.storage.errors import DatabaseUnavailable

        raise DatabaseUnavailable(path, exc.strerror or str(exc)) from exc
    return path


def _rebuild_without(
    path: Path, draft_ids: Sequence[int], *, keep_exports: bool, key: Key = None
) -> bool:
    """A damaged file kept aside, whose pages may hold a purged draft's text: replaced by
    what can still be read of it (the salvage's reading, `salvage.rebuild`) without those
    drafts; its -wal/-shm go. A file in which no Dari table can be read is left as it
    is (False): nothing in it can be told apart; the caller says so (and logs it)."""
    import logging

    from desktop_app.storage import salvage

    fresh = _partial(path)
    fresh.unlink(missing_ok=True)
    raw = key if key is None or isinstance(key, bytes) else key.get(path)
    try:
        done = salvage.rebuild(
            path, fresh, datetime.now(UTC), raw, without=tuple(draft_ids), keep_exports=keep_exports
        )
        if not done.readable:
            logging.getLogger(__name__).warning(
                "a purged draft may remain in %s: no table of it can be read", path.name
            )
            return False
        os.replace(fresh, path)
        for side in side_files(path):
            side.unlink(missing_ok=True)
        fsync_folder(path.parent)
        return True
    except _REBUILD_FAILURES as exc:
        logging.getLogger(__name__).warning(
            "a purged draft may remain in %s: it could not be rebuilt (%s)", path.name, exc
        )
        return False
    finally:
        fresh.unlink(missing_ok=True)


def _holds_any(conn: Any, ids: Iterable[int]) -> bool:
    marks = ",".join("?" * len(list(ids)))
    row = conn.execute(
        f"SELECT (SELECT count(*) FROM drafts WHERE id IN ({marks}))"
        f" + (SELECT count(*) FROM revisions WHERE draft_id IN ({marks}))",
        [*ids, *ids],
    ).fetchone()
    return bool(row[0])


def _rewrite_without(
    path: Path, draft_ids: Sequence[int], *, keep_exports: bool, key: Key = None
) -> bool:
    ids = list(draft_ids)
    marks = ",".join("?" * len(ids))
    work = _partial(path).with_name(_partial(path).name + "-work")
    fresh = _partial(path)
    for stale in (work, fresh):
        stale.unlink(missing_ok=True)
    try:
        with closing(open_copy(path, key=key)) as conn:
            if not _holds_any(conn, ids):
                return False
        copy_database(path, work, key=key)
        with closing(open_copy(work, writable=True, key=key)) as conn:
            # a copy made before a migration may lack the newer tables
            tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master")}
            conn.execute("BEGIN")
            conn.execute(f"DELETE FROM revisions WHERE draft_id IN ({marks})", ids)
            if "bundle_conflicts" in tables:  # they hold the draft's text too
                conn.execute(f"DELETE FROM bundle_conflicts WHERE draft_id IN ({marks})", ids)
            if not keep_exports and "exports" in tables:
                conn.execute(f"DELETE FROM exports WHERE draft_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM drafts WHERE id IN ({marks})", ids)
            conn.execute("COMMIT")
        copy_database(work, fresh, key=key)  # a VACUUMed file: no free page, no old byte
        os.replace(fresh, path)
        fsync_folder(path.parent)
        return True
    except DRIVER_ERRORS:
        return False
    finally:
        for leftover in (work, fresh, *side_files(work)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def check_not_damaged(path: Path, key: Key = None) -> None:
    """Raise DatabaseCorrupt unless `path` passes the integrity check (for restores)."""
    if not is_good(path, key):
        raise DatabaseCorrupt(path, "integrity check failed")


__all__ = [
    "BACKUPS_FOLDER",
    "DEFAULT_KEPT",
    "BackupInfo",
    "Forgotten",
    "StorageError",
    "backup_files",
    "backups_dir",
    "copies",
    "copy_database",
    "create",
    "daily",
    "damaged_files",
    "find",
    "forget_drafts",
    "is_good",
    "latest_good",
    "list_backups",
    "open_copy",
    "prune",
    "put_in_place",
    "remove_damaged",
    "restore",
    "set_aside",
]
