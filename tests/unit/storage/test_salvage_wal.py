"""The encrypted salvage reads a damaged file's -wal as SQLite's recovery would: only
committed frames, salts and checksums checked, the first bad frame ending the log. Real
SQLCipher files whose WAL is copied while the writer still has it open (as a crash leaves
it), never checkpointed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.storage.salvage import (
    PAGE_SIZE,
    WAL_FRAME_HEADER,
    WAL_HEADER,
    _in_memory,
    committed_frames,
    decrypted_image,
)

pytestmark = pytest.mark.sqlite_only
KEY = bytes(range(32))
FRAME = WAL_FRAME_HEADER + PAGE_SIZE


def _connect(path: Path) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL").fetchall()
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    return conn


@pytest.fixture
def crashed(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(main file, -wal) copied while the writer is open: 'old' rows in the file, one
    committed transaction of 'first' rows and a many-page one of 'second' rows in the WAL
    only."""
    live = tmp_path / "live.db"
    with closing(_connect(live)) as conn:
        conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO t (text) VALUES (?)", [("old",)] * 5)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("INSERT INTO t (text) VALUES ('first')")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t (text) VALUES (?)", [("second " + "x" * 500,)] * 40)
        conn.execute("COMMIT")
        main, wal = tmp_path / "crash.db", tmp_path / "crash.db-wal"
        shutil.copyfile(live, main)
        shutil.copyfile(tmp_path / "live.db-wal", wal)
        yield main, wal


def _texts(main: Path, wal: bytes) -> list[str]:
    image, _first_ok = decrypted_image(main.read_bytes(), KEY, wal)
    with closing(_in_memory(image)) as conn:
        return [row[0].split()[0] for row in conn.execute("SELECT text FROM t ORDER BY n")]


def test_the_main_file_alone_lacks_the_wal_saves(crashed: tuple[Path, Path]) -> None:
    main, _wal = crashed
    assert _texts(main, b"") == ["old"] * 5


def test_every_committed_transaction_of_the_wal_comes_back(crashed: tuple[Path, Path]) -> None:
    main, wal = crashed
    assert _texts(main, wal.read_bytes()) == ["old"] * 5 + ["first"] + ["second"] * 40
    frames = committed_frames(wal.read_bytes())
    assert frames.frames == (len(wal.read_bytes()) - WAL_HEADER) // FRAME
    assert frames.frames >= 4  # the second transaction spans several pages


def test_a_transaction_without_its_commit_frame_is_left_out(crashed: tuple[Path, Path]) -> None:
    main, wal = crashed
    data = wal.read_bytes()
    cut = data[: len(data) - FRAME]  # the last (commit) frame lost: the rest is uncommitted
    assert _texts(main, cut) == ["old"] * 5 + ["first"]
    half = data[: len(data) - FRAME // 2]  # cut inside the commit frame
    assert _texts(main, half) == ["old"] * 5 + ["first"]


@pytest.mark.parametrize("where", ["checksum", "hmac"])
def test_the_first_bad_frame_ends_the_log(crashed: tuple[Path, Path], where: str) -> None:
    main, wal = crashed
    data = bytearray(wal.read_bytes())
    first_txn = next(
        index
        for index in range(len(data) // FRAME)
        if int.from_bytes(data[WAL_HEADER + index * FRAME + 4 : WAL_HEADER + index * FRAME + 8])
    )
    bad = first_txn + 2  # a frame inside the second transaction
    at = WAL_HEADER + bad * FRAME
    if where == "checksum":  # a flipped byte of the page: its cumulative checksum fails
        data[at + WAL_FRAME_HEADER + 100] ^= 0xFF
    else:  # a page that checks out in the WAL but fails its HMAC (another page's bytes)
        data[at + WAL_FRAME_HEADER : at + FRAME] = os.urandom(PAGE_SIZE)
        from desktop_app.storage.salvage import _wal_checksum

        big = bool(int.from_bytes(data[0:4]) & 1)
        checksum = (int.from_bytes(data[24:28]), int.from_bytes(data[28:32]))
        for index in range((len(data) - WAL_HEADER) // FRAME):
            start = WAL_HEADER + index * FRAME
            checksum = _wal_checksum(bytes(data[start : start + 8]), *checksum, big)
            checksum = _wal_checksum(bytes(data[start + 24 : start + FRAME]), *checksum, big)
            data[start + 16 : start + 20] = checksum[0].to_bytes(4)
            data[start + 20 : start + 24] = checksum[1].to_bytes(4)
        assert committed_frames(bytes(data)).frames == (len(data) - WAL_HEADER) // FRAME
    assert _texts(main, bytes(data)) == ["old"] * 5 + ["first"]


def test_a_wal_with_a_damaged_header_is_not_read(crashed: tuple[Path, Path]) -> None:
    main, wal = crashed
    data = bytearray(wal.read_bytes())
    data[12] ^= 0x01  # the checkpoint sequence: the header's checksum no longer holds
    assert committed_frames(bytes(data)).frames == 0
    assert _texts(main, bytes(data)) == ["old"] * 5
