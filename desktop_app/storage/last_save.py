"""The last committed save, recorded outside the database: `.dari-last-save` in the data folder.

It holds the database file's name, a time and a draft id: no text.

A damaged WAL makes SQLite drop the saves it held without a word. After every commit
of a draft the time and the draft's id (never any text) are written here, atomically;
at the next start a database whose newest save is older than that lost saves.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.files import ExportError, atomic_write_bytes

log = logging.getLogger(__name__)

MARKER_NAME = ".dari-last-save"
# The database keeps the same timestamps to the microsecond; a margin keeps a
# rounding from ever looking like a lost save.
TOLERANCE = timedelta(milliseconds=1)


@dataclass(frozen=True)
class LastSave:
    """When the last save was committed, and to which draft."""

    saved_at: datetime
    draft_id: int


def marker_path(db_path: Path) -> Path:
    return db_path.parent / MARKER_NAME


def record(db_path: Path, saved_at: datetime, draft_id: int) -> None:
    """Write the marker (best effort: a save that worked is never reported as failed)."""
    data = json.dumps(
        {"file": db_path.name, "saved_at": saved_at.isoformat(), "draft": draft_id}
    ).encode()
    try:
        atomic_write_bytes(marker_path(db_path), data)
    except ExportError as error:
        log.warning("last-save marker not written: %s", error)


def read(db_path: Path) -> LastSave | None:
    """The recorded last save of this file, or None (no marker, one that cannot be read, or
    one about another file of the folder: a backup or salvage opened beside the database)."""
    try:
        data = json.loads(marker_path(db_path).read_text(encoding="utf-8"))
        if data.get("file") != db_path.name:
            return None
        return LastSave(datetime.fromisoformat(data["saved_at"]), int(data["draft"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget(db_path: Path) -> None:
    """Remove the marker (a restore or a salvage starts a new history)."""
    with contextlib.suppress(OSError):
        marker_path(db_path).unlink()


def forget_if_about(db_path: Path) -> None:
    """Remove the marker when it is about this file."""
    if read(db_path) is not None:
        forget(db_path)


def lost_since(recorded: LastSave | None, newest: datetime | None) -> LastSave | None:
    """The recorded save when the database's newest save is older than it (saves lost)."""
    if recorded is None:
        return None
    if newest is None or newest + TOLERANCE < recorded.saved_at:
        return recorded
    return None
