"""Kinds of damage done to a real database file, for the tests and bench/bench_faults.py."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

PAGE = 4096


def truncated(path: Path, rng: random.Random) -> None:
    """The file cut short (a copy interrupted, a full disk at the wrong moment)."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(rng.randrange(PAGE, max(PAGE + 1, size // 2)) // PAGE * PAGE + 100)


def garbage_page(path: Path, rng: random.Random) -> None:
    """Random bytes over one whole page that is not the first."""
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as f:
        f.seek(rng.randrange(1, pages) * PAGE)
        f.write(rng.randbytes(PAGE))


def zeroed_header(path: Path, rng: random.Random) -> None:
    """The 100-byte header zeroed."""
    with open(path, "r+b") as f:
        f.write(b"\0" * 100)


def not_a_database(path: Path, rng: random.Random) -> None:
    """Another program's file under Dari's name."""
    path.write_text("name,phone\nKim,010-0000-0000\n" * 50, encoding="utf-8")


def empty(path: Path, rng: random.Random) -> None:
    """The file emptied (0 bytes)."""
    path.write_bytes(b"")


KINDS: dict[str, Callable[[Path, random.Random], None]] = {
    "truncated": truncated,
    "garbage page": garbage_page,
    "zeroed header": zeroed_header,
    "not a database": not_a_database,
    "empty": empty,
}


def garbage_wal(wal: Path, rng: random.Random) -> None:
    """The WAL's header and first frame overwritten: SQLite ignores it and drops its saves."""
    with open(wal, "r+b") as f:
        f.write(rng.randbytes(min(wal.stat().st_size, 32 + 24 + PAGE)))


def copy_folder(source: Path, target: Path) -> Path:
    """A copy of a data folder (while the database may be open: the -wal comes with it)."""
    shutil.copytree(source, target)
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    return target
