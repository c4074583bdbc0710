"""Turning a database file's encryption on or off: a checked copy swapped in, the old removed.

`convert(path, old_key, new_key)` copies the database with `sqlcipher_export` into a new
user-only file beside it (None = plaintext), checks the copy (`PRAGMA integrity_check`
and the row count of every table against the original), and only then replaces the
original with it (os.replace, fsynced). The replaced file and its -wal/-shm are then
overwritten with zeros through a descriptor kept open and removed: best effort only, since
an SSD or a copy-on-write file system may keep the old blocks (hence the sentence about
full-disk encryption). No connection to `path` may be open while this runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.files import create_private, fsync_file, fsync_folder
from desktop_app.storage.crypto import KEY_BYTES
from desktop_app.storage.engine import DRIVER_ERRORS, open_error_for
from desktop_app.storage.errors import DatabaseCorrupt, DatabaseUnavailable

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def _key_literal(key: bytes | None) -> str:
    """The value of ATTACH … KEY: a raw key, or '' for a plaintext database."""
    if key is None:
        return ""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key has 32 bytes")
    return f"x'{key.hex()}'"


def _connect(path: Path, key: bytes | None) -> Any:
    conn = sqlcipher.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA temp_store = MEMORY")
    if key is not None:
        conn.execute(f'PRAGMA key = "{_key_literal(key)}"')
    return conn


def _tables(conn: Any, schema: str = "main") -> list[str]:
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def row_counts(conn: Any) -> dict[str, int]:
    """Rows in every table of a connection's main database."""
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in _tables(conn)
    }


def side_files(path: Path) -> Iterator[Path]:
    """The -wal, -shm and -journal files SQLite may keep beside `path`."""
    for suffix in SIDE_SUFFIXES:
        yield path.with_name(f"{path.name}{suffix}")


def _overwrite(descriptors: list[int]) -> None:
    """Overwrite each open (already unlinked or replaced) file with zeros and close it."""
    for fd in descriptors:
        with contextlib.suppress(OSError):
            size = os.fstat(fd).st_size
            os.lseek(fd, 0, os.SEEK_SET)
            block = bytes(min(size, 1 << 20))
            written = 0
            while written < size:
                written += os.write(fd, block[: size - written])
            os.fsync(fd)
        with contextlib.suppress(OSError):
            os.close(fd)


def convert(path: Path, old_key: bytes | None, new_key: bytes | None) -> None:
    """Replace the database at `path` by a checked copy encrypted with `new_key`.

    Raises DatabaseUnavailable (a file could not be written; the original is untouched)
    or DatabaseCorrupt (the copy did not match; it is removed, the original untouched).
    """
    partial = path.with_name(f"{path.name}.converting")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect(path, old_key)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            before = row_counts(conn)
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            create_private(partial)
            conn.execute(
                "ATTACH DATABASE ? AS converted KEY ?", (str(partial), _key_literal(new_key))
            )
            conn.execute("SELECT sqlcipher_export('converted')").fetchall()
            conn.execute(f"PRAGMA converted.user_version = {user_version}")
            conn.execute("DETACH DATABASE converted")
        with closing(_connect(partial, new_key)) as copy:
            problems = [str(row[0]) for row in copy.execute("PRAGMA integrity_check")]
            after = row_counts(copy)
            copy.execute("PRAGMA journal_mode = WAL").fetchall()
        if problems != ["ok"] or after != before:
            detail = f"check: {problems[:3]}; rows before {before}, after {after}"
            raise DatabaseCorrupt(path, detail)
        fsync_file(partial)
        # Keep the old file and its side files open, to overwrite them once replaced.
        old = [os.open(name, os.O_RDWR) for name in [path, *side_files(path)] if name.exists()]
        try:
            for side in side_files(path):
                side.unlink(missing_ok=True)  # never let SQLite apply the old WAL to the copy
            os.replace(partial, path)
            fsync_folder(path.parent)
        finally:
            _overwrite(old)
    except DRIVER_ERRORS as exc:
        partial.unlink(missing_ok=True)
        raise open_error_for(path, exc) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseUnavailable(path, exc.strerror or str(exc)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def overwrite_and_remove(paths: list[Path]) -> None:
    """Remove these files (those that exist), each overwritten with zeros through a
    descriptor opened before its name goes (best effort, as above)."""
    descriptors = []
    try:
        for name in paths:
            if name.is_file():
                descriptors.append(os.open(name, os.O_RDWR))
                name.unlink()
    finally:
        _overwrite(descriptors)


def convert_damaged(path: Path, old_key: bytes | None, new_key: bytes | None) -> bool:
    """Turn a damaged file kept aside (`dari-damaged-*.db`, which `convert` cannot copy)
    into a file encrypted with `new_key` (None: plaintext): what the salvage can read of it
    (`salvage.rebuild`, read with `old_key`) is written into a new file that replaces it;
    the old file and its -wal/-shm are overwritten and removed as `convert` does. False,
    and nothing changed, when no Dari table of it can be read. Raises DatabaseUnavailable
    (a file could not be written) or DatabaseCorrupt."""
    from datetime import UTC, datetime

    from desktop_app.storage import salvage

    partial = path.with_name(f".{path.name}.converting")
    for stale in (partial, *side_files(partial)):
        stale.unlink(missing_ok=True)
    try:
        done = salvage.rebuild(path, partial, datetime.now(UTC), new_key, read_key=old_key)
        if not done.readable:
            return False
        old = [os.open(name, os.O_RDWR) for name in [path, *side_files(path)] if name.exists()]
        try:
            for side in side_files(path):
                side.unlink(missing_ok=True)
            os.replace(partial, path)
            fsync_folder(path.parent)
        finally:
            _overwrite(old)
        return True
    except DRIVER_ERRORS as exc:
        raise open_error_for(path, exc) from exc
    except OSError as exc:
        raise DatabaseUnavailable(path, exc.strerror or str(exc)) from exc
    finally:
        for leftover in (partial, *side_files(partial)):
            with contextlib.suppress(OSError):
                leftover.unlink()
