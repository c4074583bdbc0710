"""Atomic file writes: a whole new file or the old one untouched, never a partial one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Final

from desktop_app.files.errors import ExportError, classify_os_error
from desktop_app.files.names import MAX_NAME_BYTES, TEMP_NAME_OVERHEAD, truncate_utf8

USER_ONLY: Final = stat.S_IRUSR | stat.S_IWUSR  # 0o600: drafts name people; nobody else reads


def fsync_file(path: Path) -> None:
    """Flush a written file's bytes to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); best effort, the file is already in place."""
    if os.name != "posix":
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_private(path: Path) -> None:
    """Readable and writable by the user only (POSIX; Windows keeps the folder's ACL)."""
    if os.name == "posix":
        os.chmod(path, USER_ONLY)


def create_private(path: Path) -> None:
    """Create `path` empty and user-only, failing if it exists: a file some other tool
    then fills (SQLite's VACUUM INTO) is never readable by others, not even briefly."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, USER_ONLY))
    make_private(path)  # in case the umask took bits away that we wanted: it cannot add any


def temp_prefix(name: str) -> str:
    """The hidden temporary name's start: `.NAME.`, NAME cut so the whole temp name fits.

    mkstemp adds 8 random characters and our ".tmp" suffix; TEMP_NAME_OVERHEAD counts
    those and the two dots, so the temporary name never exceeds MAX_NAME_BYTES.
    """
    return f".{truncate_utf8(name, MAX_NAME_BYTES - TEMP_NAME_OVERHEAD)}."


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, or raise ExportError leaving any old file as it was.

    The bytes go to a hidden temporary file (mode 0o600) in the same folder, are
    flushed and fsynced, then renamed over the target with os.replace; the folder is
    fsynced so the rename survives a power cut. On any failure the temporary file is
    removed and an earlier file of the same name is left untouched. Only OSErrors
    (the environment's faults) become ExportError.
    """
    path = Path(path)
    folder = path.parent
    tmp_name: str | None = None
    replacing = False
    try:
        if path.is_dir():  # may itself raise, e.g. ENAMETOOLONG
            raise IsADirectoryError(path)
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        replacing = True
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        code, reason = classify_os_error(exc, path, replacing=replacing)
        raise ExportError(path, reason, code) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    fsync_folder(folder)
