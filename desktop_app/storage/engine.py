"""SQLite engines and connections with Dari's pragmas, and sqlite3 error classification.

With a database key (encryption at rest, `storage/crypto.py`) every connection is a
SQLCipher one (`sqlcipher3`) given the raw key before anything else, so no key derivation
runs per connection and SQLCipher prints nothing (cipher_log_level NONE).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool
from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.domain.messages import N_, Phrase
from desktop_app.storage.crypto import SessionKey, key_pragma
from desktop_app.storage.errors import DatabaseCorrupt, DatabaseUnavailable, StorageError

BUSY_TIMEOUT_MS = 10_000

# SQLCipher's exceptions are not sqlite3.Error subclasses: catch both (both carry the code).
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)

# Primary result codes that mean "cannot use the file right now", not "the file is damaged".
_UNAVAILABLE_CODES = {
    3: Phrase(N_("permission denied")),  # SQLITE_PERM
    5: Phrase(N_("the file is in use by another program")),  # SQLITE_BUSY
    6: Phrase(N_("the file is in use by another program")),  # SQLITE_LOCKED
    7: Phrase(N_("out of memory")),  # SQLITE_NOMEM
    8: Phrase(N_("the file or its folder is read-only")),  # SQLITE_READONLY
    13: Phrase(N_("the disk is full")),  # SQLITE_FULL
    14: Phrase(N_("the file could not be opened")),  # SQLITE_CANTOPEN
    23: Phrase(N_("access denied")),  # SQLITE_AUTH
}
SQLITE_IOERR = 10  # a read or write failed: the disk (full, removed, failing), never the file
DISK_FULL = Phrase(N_("the disk is full"))
DISK_ERROR = Phrase(N_("the disk reported an error while reading or writing"))
# Below this much free space, an I/O error is taken for a full disk (SQLite reports
# a full disk at open as SQLITE_IOERR_SHMSIZE or SQLITE_IOERR_WRITE, not SQLITE_FULL).
FULL_DISK_BYTES = 1 << 20


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file (absolute, so the working directory never matters)."""
    return f"sqlite:///{path.absolute()}"


def pragma_statements(*, foreign_keys: bool = True) -> list[str]:
    """The pragmas run on every new connection, in order."""
    return [
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        "PRAGMA secure_delete = ON",
    ]


def connect_sqlcipher(path: Path | str, key: bytes, *, uri: bool = False) -> Any:
    """A SQLCipher DB-API connection to any Dari database file, unlocked with `key`.

    SQLCipher is silenced first (a wrong key would print HMAC errors on stderr), then
    given the raw key; nothing has read the file yet, so a wrong key fails on first use.
    Backups and copies use this to open a file with the session's key.
    """
    conn = sqlcipher.connect(str(path), uri=uri, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(key))
        conn.execute("PRAGMA temp_store = MEMORY")  # no temporary file, even an encrypted one
    except BaseException:
        conn.close()
        raise
    return conn


def create_sqlite_engine(
    path: Path,
    *,
    foreign_keys: bool = True,
    transactional_ddl: bool = False,
    key: bytes | SessionKey | None = None,
) -> Engine:
    """An engine whose every connection gets Dari's pragmas.

    With transactional_ddl, the sqlite3 driver's own transaction handling is switched off
    and SQLAlchemy emits BEGIN itself, so that a migration (DDL included) is all-or-nothing.
    That engine uses NullPool: it is meant to be short-lived. With a key, the connections
    are SQLCipher's (see connect_sqlcipher) and SQLAlchemy wraps its errors as usual.
    """
    options: dict[str, Any] = {"poolclass": NullPool} if transactional_ddl else {}
    if key is not None:
        session_key = key if isinstance(key, SessionKey) else SessionKey(key)
        options["module"] = sqlcipher
        options["creator"] = lambda: connect_sqlcipher(path, session_key.get(path))
    engine = create_engine(sqlite_url(path), **options)
    statements = pragma_statements(foreign_keys=foreign_keys)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        if transactional_ddl:
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for statement in statements:
                cursor.execute(statement)
        finally:
            cursor.close()

    if transactional_ddl:

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def side_files(path: Path) -> tuple[Path, Path, Path]:
    """The files SQLite keeps beside a database: -wal, -shm and -journal."""
    wal, shm, journal = (
        path.with_name(f"{path.name}-{suffix}") for suffix in ("wal", "shm", "journal")
    )
    return wal, shm, journal


def connect_readonly(path: Path, key: bytes | SessionKey | None = None) -> Any:
    """A plain read-only sqlite3 connection: it can never change the file.

    When no -wal or -journal file exists, no other connection is using the file and all of
    its content is in the main file: it is then opened as immutable, which keeps SQLite from
    creating -wal/-shm files next to a file that may turn out to be damaged.
    An empty -wal beside an empty (or no) -shm holds no saves and no one is using it (a start
    on a full disk leaves that behind): it counts as none.
    """
    wal, shm, journal = side_files(path)
    in_use = journal.exists() or _non_empty(wal) or _non_empty(shm)
    mode = "mode=ro" if in_use else "mode=ro&immutable=1"
    uri = f"{path.absolute().as_uri()}?{mode}"
    if key is not None:
        raw = key.get(path) if isinstance(key, SessionKey) else key
        return connect_sqlcipher(uri, raw, uri=True)
    return sqlite3.connect(uri, uri=True)


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def disk_is_full(folder: Path) -> bool:
    """True when the disk holding `folder` has (almost) no free space left."""
    try:
        return shutil.disk_usage(folder).free < FULL_DISK_BYTES
    except OSError:
        return False


def unavailable_reason(exc: BaseException, folder: Path | None = None) -> str | None:
    """Why the file cannot be used right now, or None when the error points at damage.

    Any I/O error (SQLITE_IOERR and its extended codes: SHMSIZE, WRITE, FSYNC, …) is
    the disk's fault, not damage: "the disk is full" when `folder`'s disk has no room.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        if code & 0xFF == SQLITE_IOERR:
            return DISK_FULL if folder is not None and disk_is_full(folder) else DISK_ERROR
        return _UNAVAILABLE_CODES.get(code & 0xFF)
    if str(exc) == "disk I/O error":  # a driver without error codes
        return DISK_FULL if folder is not None and disk_is_full(folder) else DISK_ERROR
    return None


def open_error_for(path: Path, exc: BaseException) -> StorageError:
    """Error raised by Database.open: unavailable if the code says so, else corrupt."""
    reason = unavailable_reason(exc, path.parent)
    if reason is not None:
        return DatabaseUnavailable(path, reason)
    return DatabaseCorrupt(path, str(exc))


def runtime_error_for(path: Path, exc: BaseException | None) -> StorageError:
    """Error raised when SQLite fails after the database was opened."""
    reason = unavailable_reason(exc, path.parent) if isinstance(exc, DRIVER_ERRORS) else None
    return DatabaseUnavailable(path, reason or f"SQLite reported: {exc}")
