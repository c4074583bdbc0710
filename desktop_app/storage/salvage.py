"""Salvage: read what can still be read of a damaged database into a new, healthy file.

Pure Python over sqlite3 (the `sqlite3` shell's `.recover` is not on the people's
machines). The damaged file is first renamed aside (`dari-damaged-….db`) and only ever
read; a private copy of it with a rebuilt 100-byte header is read when the header itself
is gone. Table by table: all rows at once when the table reads; else row by row, so a
damaged page costs only the rows on it. The new file has the current schema; it is built
under a temporary name and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.files import create_private, fsync_file, fsync_folder
from desktop_app.storage import backups, last_save
from desktop_app.storage.engine import connect_readonly, side_files
from desktop_app.storage.errors import DatabaseUnavailable

# Tables copied back, parents first; alembic_version comes from the new file.
_SKIP = {"alembic_version", "sqlite_sequence"}
ROW_BY_ROW_LIMIT = 200_000  # the highest rowid tried when a table must be read row by row
MISSES_BEFORE_STOP = 5_000  # consecutive absent rowids after which a table is taken as ended
PAGE_SIZE = 4096  # SQLite's default, and Dari's


@dataclass(frozen=True)
class SalvageReport:
    """Where the damaged file went, and what came back."""

    kept_aside: Path
    drafts: int
    revisions: int
    damaged_tables: tuple[str, ...]  # the tables that could not be read in full


def _fresh_header() -> bytes:
    """A 100-byte database header with Dari's page size, as a stand-in for a damaged
    one (its page count zero, so SQLite takes the file's size)."""
    header = bytearray(100)
    header[0:16] = b"SQLite format 3\x00"
    header[16:18] = PAGE_SIZE.to_bytes(2, "big") if PAGE_SIZE < 65536 else b"\x00\x01"
    header[18] = header[19] = 1  # legacy journal: a read-only salvage needs no WAL
    header[21], header[22], header[23] = 64, 32, 32
    header[44:48] = (4).to_bytes(4, "big")  # schema format 4
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8
    header[96:100] = (3040000).to_bytes(4, "big")
    return bytes(header)


@contextlib.contextmanager
def _readable(damaged: Path, work: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the damaged file, or to a private copy with a rebuilt
    header when the file no longer says it is a database."""
    conn = connect_readonly(damaged)  # immutable without a -wal: no side file is made
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        create_private(work)
        with open(damaged, "rb") as source, open(work, "r+b") as target:
            data = bytearray(source.read())
            data[0:100] = _fresh_header()
            target.write(data)
        conn = connect_readonly(work)
    try:
        yield conn
    finally:
        conn.close()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> tuple[list[Any], int]:
    """Every row that can be read, and how many row reads failed (0: the table read whole)."""
    names = ", ".join(f'"{c}"' for c in columns)
    try:
        return conn.execute(f'SELECT {names} FROM "{table}"').fetchall(), 0
    except sqlite3.DatabaseError:
        pass
    rows: list[Any] = []
    misses = failures = 0
    for rowid in range(1, ROW_BY_ROW_LIMIT):
        try:
            row = conn.execute(
                f'SELECT {names} FROM "{table}" WHERE rowid = ?',
                (rowid,),
            ).fetchone()
        except sqlite3.DatabaseError:
            failures += 1
            misses += 1
        else:
            if row is None:
                misses += 1
            else:
                rows.append(row)
                misses = 0
        if misses >= MISSES_BEFORE_STOP:
            break
    return rows, max(failures, 1)


def salvage(db_path: Path, now: datetime) -> SalvageReport:
    """Set the damaged database aside, then build a new one from what it still holds."""
    from desktop_app.storage.database import Database

    folder = db_path.parent
    aside = backups.set_aside(db_path, now, "damaged")
    if aside is None:
        raise DatabaseUnavailable(db_path, "there is no database file to salvage")
    fresh = folder / f".{db_path.name}.salvage"
    work = folder / f".{db_path.name}.salvage-read"
    for stale in (fresh, work, *side_files(fresh)):
        stale.unlink(missing_ok=True)
    damaged: list[str] = []
    try:
        Database.open(fresh, clock=lambda: now).close()  # the current schema, empty
        with (
            _readable(aside, work) as source,
            closing(sqlite3.connect(fresh, isolation_level=None)) as target,
        ):
            target.execute("PRAGMA journal_mode = DELETE")
            target.execute("PRAGMA foreign_keys = OFF")
            target.execute("BEGIN")
            tables = [
                str(row[0])
                for row in target.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
                )
            ]
            for table in tables:
                if table in _SKIP:
                    continue
                columns = [c for c in _columns(target, table) if c in _columns(source, table)]
                if not columns:
                    continue
                rows, failures = _rows(source, table, columns)
                if failures:
                    damaged.append(table)
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                target.executemany(
                    f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})',
                    rows,
                )
            target.execute("COMMIT")
            drafts = int(target.execute("SELECT count(*) FROM drafts").fetchone()[0])
            revisions = int(target.execute("SELECT count(*) FROM revisions").fetchone()[0])
        fsync_file(fresh)
        os.replace(fresh, db_path)
        last_save.forget(db_path)
        fsync_folder(folder)
    except (sqlite3.Error, OSError) as exc:
        if not db_path.exists():  # put the damaged file back where it was, untouched
            for side, new_side in zip(side_files(aside), side_files(db_path), strict=True):
                if side.exists():
                    os.rename(side, new_side)
            os.rename(aside, db_path)
        raise DatabaseUnavailable(db_path, f"the salvage failed: {exc}") from exc
    finally:
        for leftover in (fresh, work, *side_files(fresh), *side_files(work)):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return SalvageReport(aside, drafts, revisions, tuple(damaged))
