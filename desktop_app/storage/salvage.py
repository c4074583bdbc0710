"""Salvage: read what can still be read of a damaged database into a new, healthy file.

Pure Python over sqlite3 (the `sqlite3` shell's `.recover` is not on the people's
machines). The damaged file is first renamed aside (`dari-damaged-….db`) and only ever
read (until a purge: `backups.forget_drafts` rebuilds it with `rebuild(without=…)`, or
turning encryption on or off: `cipherfile.convert_damaged`, `rebuild(read_key=…)`);
a private copy of it with a rebuilt 100-byte header is read when the header itself is
gone. Table by table: all rows at once when the table reads; else row by row, so a
damaged page costs only the rows on it. The new file has the current schema; it is built
under a temporary name and renamed into place.

An encrypted file (SQLCipher 4, no `.recover` either) is decrypted page by page in memory
with the session's key (AES-256-CBC with each page's IV; a page whose HMAC fails is
zeroed, unless none passes: then the file's salt itself is damaged and the pages are kept
as decrypted), the image is opened as an in-memory SQLite database and read as above; the
new file is built by SQLCipher with the same key. No plaintext page ever reaches the disk.
The damaged file's -wal is read back as SQLite's recovery would: its committed frames
(checksums and salts checked, each page's HMAC too, the first bad frame ending the log)
are laid over the decrypted pages, so drafts saved only in the WAL come back.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from desktop_app.files import create_private, fsync_file, fsync_folder
from desktop_app.storage import backups, last_save
from desktop_app.storage.engine import (
    DRIVER_ERRORS,
    connect_readonly,
    connect_sqlcipher,
    side_files,
)
from desktop_app.storage.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from desktop_app.storage.crypto import SessionKey

# Tables copied back, parents first; alembic_version comes from the new file.
_SKIP = {"alembic_version", "sqlite_sequence"}
ROW_BY_ROW_LIMIT = 200_000  # the highest rowid tried when a table must be read row by row
MISSES_BEFORE_STOP = 5_000  # consecutive absent rowids after which a table is taken as ended
PAGE_SIZE = 4096  # SQLite's default, and Dari's
# SQLCipher 4's page layout: the first page starts with the 16-byte salt; each page ends
# with its IV (16 bytes) and HMAC-SHA512 (64 bytes), over the ciphertext, the IV and the
# page number (little-endian); the HMAC key is PBKDF2-SHA512(key, salt ^ 0x3a, 2 rounds).
CIPHER_SALT = 16
CIPHER_IV = 16
CIPHER_RESERVE = CIPHER_IV + 64
_FAILURES: tuple[type[Exception], ...] = (*DRIVER_ERRORS, OSError)


@dataclass(frozen=True)
class SalvageReport:
    """Where the damaged file went, and what came back."""

    kept_aside: Path
    drafts: int
    revisions: int
    damaged_tables: tuple[str, ...]  # the tables that could not be read in full


def _fresh_header(reserved: int = 0) -> bytes:
    """A 100-byte database header with Dari's page size, as a stand-in for a damaged
    one (its page count zero, so SQLite takes the file's size); `reserved`: the bytes at
    the end of each page (SQLCipher's IV and HMAC in a decrypted image)."""
    header = bytearray(100)
    header[0:16] = b"SQLite format 3\x00"
    header[16:18] = PAGE_SIZE.to_bytes(2, "big") if PAGE_SIZE < 65536 else b"\x00\x01"
    header[18] = header[19] = 1  # legacy journal: a read-only salvage needs no WAL
    header[20] = reserved
    header[21], header[22], header[23] = 64, 32, 32
    header[44:48] = (4).to_bytes(4, "big")  # schema format 4
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8
    header[96:100] = (3040000).to_bytes(4, "big")
    return bytes(header)


def _mac_key(key: bytes, first_page: bytes) -> bytes:
    """SQLCipher 4's HMAC key: PBKDF2-SHA512(key, the file's salt ^ 0x3a, 2 rounds)."""
    salt = bytes(b ^ 0x3A for b in first_page[:CIPHER_SALT])
    return hashlib.pbkdf2_hmac("sha512", key, salt, 2, 32)


def _decrypt_page(page: bytes, number: int, key: bytes, mac_key: bytes) -> tuple[bytes, bool]:
    """One SQLCipher 4 page (`number` from 1) decrypted with its own IV, and whether its
    HMAC (over the ciphertext, the IV and the page number) passed. The first page gets
    SQLite's magic back in place of the salt; the reserved tail is zeroed."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    page = page.ljust(PAGE_SIZE, b"\0")
    start = CIPHER_SALT if number == 1 else 0
    end = PAGE_SIZE - CIPHER_RESERVE
    ciphertext, iv, mac = page[start:end], page[end : end + CIPHER_IV], page[end + CIPHER_IV :]
    expected = hmac.new(mac_key, ciphertext + iv + number.to_bytes(4, "little"), "sha512").digest()
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    plain = decryptor.update(ciphertext) + decryptor.finalize()
    head = b"SQLite format 3\x00" if number == 1 else b""
    return head + plain + bytes(CIPHER_RESERVE), hmac.compare_digest(expected, mac)


WAL_HEADER = 32
WAL_FRAME_HEADER = 24
WAL_MAGIC = (0x377F0682, 0x377F0683)  # the low bit: big-endian checksums


def _wal_checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes), continued from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


@dataclass(frozen=True)
class WalFrames:
    """The committed frames of a WAL: each page's newest content (as stored: encrypted for
    SQLCipher), and the database's size in pages after the last commit (0: no commit)."""

    pages: dict[int, bytes]
    size: int
    frames: int  # committed frames read


def committed_frames(
    wal: bytes,
    page_size: int = PAGE_SIZE,
    check: Callable[[int, bytes], bool] | None = None,
) -> WalFrames:
    """Read a -wal file as SQLite does when it recovers it: the header's checksum and page
    size, then frame after frame while each frame's salts match the header's and its
    cumulative checksum holds (the first bad frame ends the log); only frames up to the
    last commit frame (a non-zero "database size after commit") count. `check(number,
    page)`, when given, is one more test of each frame (SQLCipher's HMAC): a frame failing
    it is a bad frame too."""
    empty = WalFrames({}, 0, 0)
    if len(wal) < WAL_HEADER:
        return empty
    magic, _version, size, _sequence, salt1, salt2, c1, c2 = struct.unpack(">8I", wal[:WAL_HEADER])
    if magic not in WAL_MAGIC or (size or 65536) != page_size:
        return empty
    big = bool(magic & 1)
    if _wal_checksum(wal[:24], 0, 0, big) != (c1, c2):
        return empty
    checksum = (c1, c2)
    committed: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    db_size = frames = count = 0
    at = WAL_HEADER
    while at + WAL_FRAME_HEADER + page_size <= len(wal):
        number, after, fs1, fs2, fc1, fc2 = struct.unpack(">6I", wal[at : at + WAL_FRAME_HEADER])
        page = wal[at + WAL_FRAME_HEADER : at + WAL_FRAME_HEADER + page_size]
        if (fs1, fs2) != (salt1, salt2) or number == 0:
            break
        checksum = _wal_checksum(wal[at : at + 8], *checksum, big)
        checksum = _wal_checksum(page, *checksum, big)
        if checksum != (fc1, fc2) or (check is not None and not check(number, page)):
            break
        pending[number] = page
        count += 1
        if after:  # a commit frame ends a transaction
            committed.update(pending)
            pending.clear()
            db_size, frames = after, count
        at += WAL_FRAME_HEADER + page_size
    return WalFrames(committed, db_size, frames)


def decrypted_image(data: bytes, key: bytes, wal: bytes = b"") -> tuple[bytes, bool]:
    """The plaintext pages of a SQLCipher 4 file (in memory, for a salvage), and whether
    its first page passed its HMAC. Each page is decrypted with its own IV; the pages whose
    HMAC fails are zeroed (the file's damage), unless not one passes (the salt at the start
    of the file is damaged: the HMAC key is unknown, but the raw key still decrypts every
    page). The committed frames of its `wal` (SQLCipher encrypts each WAL frame's page as
    it does in the file) then replace or add their pages, as a checkpoint would; a frame
    whose page fails its HMAC ends the log there, as a bad checksum does."""
    count = -(-len(data) // PAGE_SIZE)
    mac_key = _mac_key(key, data[:PAGE_SIZE])
    pages: list[bytes] = []
    failed: list[int] = []
    for number in range(count):
        chunk = data[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        plain, ok = _decrypt_page(chunk, number + 1, key, mac_key)
        if not ok:
            failed.append(number)
        pages.append(plain)
    salt_known = len(failed) < count
    if salt_known:
        for number in failed:
            pages[number] = bytes(PAGE_SIZE)
    first_ok = bool(count) and 0 not in failed
    if wal:
        if not salt_known:  # the WAL's copy of the first page carries the salt too
            first = committed_frames(wal).pages.get(1)
            if first is not None:
                mac_key = _mac_key(key, first)
                salt_known = _decrypt_page(first, 1, key, mac_key)[1]

        def check(number: int, page: bytes) -> bool:
            return not salt_known or _decrypt_page(page, number, key, mac_key)[1]

        frames = committed_frames(wal, PAGE_SIZE, check)
        if frames.size:
            pages += [bytes(PAGE_SIZE)] * (frames.size - len(pages))
            del pages[frames.size :]  # a commit may shrink the database (a VACUUM)
            for number, page in frames.pages.items():
                if number <= frames.size:
                    pages[number - 1] = _decrypt_page(page, number, key, mac_key)[0]
            first_ok = first_ok or (1 in frames.pages and salt_known)
    image = bytearray(b"".join(pages))
    if image:
        image[18] = image[19] = 1  # no WAL for an in-memory database
    return bytes(image), first_ok


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, the offset after it)."""
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise AssertionError("unreachable")  # pragma: no cover


def _put_varint(value: int) -> bytes:
    """SQLite's varint of a rowid below 2**56."""
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(groups))


def _schema_leaf(page: bytes) -> tuple[int, int] | None:
    """(first rowid, last rowid) when `page` is a leaf of sqlite_master, else None: a table
    leaf whose first record starts with the text "table", "index", "view" or "trigger"."""
    if page[0] != 0x0D:
        return None
    try:
        cells = int.from_bytes(page[3:5], "big")
        if cells == 0:
            return None
        rowids = []
        for index in (0, cells - 1):
            cell = int.from_bytes(page[8 + 2 * index : 10 + 2 * index], "big")
            _size, at = _varint(page, cell)
            rowid, at = _varint(page, at)
            rowids.append(rowid)
            if index == 0:
                header, types_at = _varint(page, at)
                serial, _next = _varint(page, types_at)
                length = (serial - 13) // 2 if serial >= 13 and serial % 2 else -1
                kind = page[at + header : at + header + length]
                if kind not in (b"table", b"index", b"view", b"trigger"):
                    return None
    except IndexError:
        return None
    return rowids[0], rowids[-1]


def rebuilt_first_page(image: bytes) -> bytes:
    """The image with a new first page: a fresh header and an interior root of sqlite_master
    over its leaves found among the other pages (Dari's schema never fits in one page), for
    an encrypted file whose first page is damaged (its salt zeroed, say)."""
    leaves = []
    for number in range(1, len(image) // PAGE_SIZE):
        found = _schema_leaf(image[number * PAGE_SIZE : (number + 1) * PAGE_SIZE])
        if found is not None:
            leaves.append((found, number + 1))
    leaves.sort()
    if not leaves:
        return image
    page = bytearray(PAGE_SIZE)
    page[0:100] = _fresh_header(CIPHER_RESERVE)
    end = PAGE_SIZE - CIPHER_RESERVE
    pointers = []
    for (_first, last), number in leaves[:-1]:
        cell = number.to_bytes(4, "big") + _put_varint(last)
        end -= len(cell)
        page[end : end + len(cell)] = cell
        pointers.append(end)
    page[100] = 0x05  # an interior table page
    page[103:105] = len(pointers).to_bytes(2, "big")
    page[105:107] = end.to_bytes(2, "big")
    page[108:112] = leaves[-1][1].to_bytes(4, "big")  # the right-most child
    for index, pointer in enumerate(pointers):
        page[112 + 2 * index : 114 + 2 * index] = pointer.to_bytes(2, "big")
    return bytes(page) + image[PAGE_SIZE:]


def _in_memory(image: bytes) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.deserialize(image)
    return conn


def _works(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


@contextlib.contextmanager
def _readable(damaged: Path, work: Path, key: bytes | None = None) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the damaged file, or to a private copy with a rebuilt
    header when the file no longer says it is a database. Encrypted (`key`): an in-memory
    database of the file's decrypted pages and its -wal's committed frames, with a rebuilt
    header when needed."""
    if key is not None:
        wal = side_files(damaged)[0]
        frames = wal.read_bytes() if wal.is_file() else b""
        image, first_page_ok = decrypted_image(damaged.read_bytes(), key, frames)
        if not first_page_ok:
            image = rebuilt_first_page(image)
        conn = _in_memory(image)
        if not _works(conn) and len(image) >= PAGE_SIZE:
            conn.close()
            conn = _in_memory(_fresh_header(CIPHER_RESERVE) + image[100:])
        try:
            yield conn
        finally:
            conn.close()
        return
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


def _target(fresh: Path, key: bytes | None) -> Any:
    if key is None:
        return sqlite3.connect(fresh, isolation_level=None)
    conn = connect_sqlcipher(fresh, key)
    conn.isolation_level = None
    return conn


# The rows of a draft, by table and the column naming it (forgetting drafts in a damaged
# copy, `rebuild(without=…)`); the export log's only unless its entries go too.
DRAFT_COLUMNS = {"drafts": "id", "revisions": "draft_id", "event_documents": "draft_id"}


@dataclass(frozen=True)
class Rebuilt:
    """What `rebuild` read back; `readable` is False when no Dari table could be read."""

    drafts: int
    revisions: int
    damaged_tables: tuple[str, ...]
    readable: bool


def rebuild(
    damaged_file: Path,
    fresh: Path,
    now: datetime,
    key: bytes | None = None,
    *,
    read_key: bytes | Literal["same"] | None = "same",
    without: tuple[int, ...] = (),
    keep_exports: bool = True,
) -> Rebuilt:
    """Build `fresh` (which must not exist; the current schema, encrypted with `key` when
    given) from what `damaged_file` still holds, leaving out the drafts `without` (their
    revisions, event places and, unless `keep_exports`, export log entries). The damaged
    file is read with `read_key` ("same": `key`; None: it is plaintext), so turning
    encryption on or off rebuilds a damaged plaintext file into an encrypted one or back.
    The damaged file is only read; `fresh` is fsynced, not renamed. Raises sqlite3/SQLCipher
    errors or OSError."""
    from desktop_app.storage.database import Database

    work = fresh.with_name(fresh.name + "-read")
    source_key = key if isinstance(read_key, str) else read_key
    forget = dict(DRAFT_COLUMNS) if without else {}
    if without and not keep_exports:
        forget["exports"] = "draft_id"
    damaged: list[str] = []
    readable = False
    try:
        Database.open(fresh, clock=lambda: now, key=key).close()  # the current schema, empty
        with (
            _readable(damaged_file, work, source_key) as source,
            closing(_target(fresh, key)) as target,
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
                readable = readable or table == "drafts"
                rows, failures = _rows(source, table, columns)
                if failures:
                    damaged.append(table)
                if table in forget and forget[table] in columns:
                    at = columns.index(forget[table])
                    rows = [row for row in rows if row[at] not in without]
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
    finally:
        for leftover in (work, *side_files(fresh), *side_files(work)):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return Rebuilt(drafts, revisions, tuple(damaged), readable)


def salvage(db_path: Path, now: datetime, key: bytes | SessionKey | None = None) -> SalvageReport:
    """Set the damaged database aside, then build a new one from what it still holds
    (encrypted with the same `key` when the database is encrypted)."""
    raw = key if key is None or isinstance(key, bytes) else key.get(db_path)
    folder = db_path.parent
    aside = backups.set_aside(db_path, now, "damaged")
    if aside is None:
        raise DatabaseUnavailable(db_path, "there is no database file to salvage")
    fresh = folder / f".{db_path.name}.salvage"
    for stale in (fresh, fresh.with_name(fresh.name + "-read"), *side_files(fresh)):
        stale.unlink(missing_ok=True)
    try:
        done = rebuild(aside, fresh, now, raw)
        os.replace(fresh, db_path)
        last_save.forget(db_path)
        fsync_folder(folder)
    except _FAILURES as exc:
        if not db_path.exists():  # put the damaged file back where it was, untouched
            for side, new_side in zip(side_files(aside), side_files(db_path), strict=True):
                if side.exists():
                    os.rename(side, new_side)
            os.rename(aside, db_path)
        raise DatabaseUnavailable(db_path, f"the salvage failed: {exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            fresh.unlink()
    return SalvageReport(aside, done.drafts, done.revisions, done.damaged_tables)
