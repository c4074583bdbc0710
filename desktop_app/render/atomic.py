"""Atomic file writes: a whole new file or the old one untouched, never a partial one."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import Final

REASON_CODES: Final = (
    "not_found", "permission", "disk_full", "is_directory", "in_use", "unavailable", "other",
)  # fmt: skip

# Windows: ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_WIN_IN_USE: Final = {5, 32, 33}


class ExportError(Exception):
    """A file could not be written; str() is an English sentence naming it and why."""

    def __init__(self, path: Path, reason: str, reason_code: str = "other") -> None:
        self.path = Path(path)
        self.reason = reason
        self.reason_code = reason_code if reason_code in REASON_CODES else "other"
        super().__init__(path, reason, self.reason_code)

    def __str__(self) -> str:
        return f"Could not save {self.path}: {self.reason}."


def classify_os_error(
    exc: OSError, path: Path, *, replacing: bool = False, windows: bool | None = None
) -> tuple[str, str]:
    """Map an OSError met while saving `path` to (reason_code, English reason)."""
    on_windows = sys.platform == "win32" if windows is None else windows
    folder = path.parent
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if winerror in {32, 33} or (
        on_windows and replacing and (isinstance(exc, PermissionError) or winerror in _WIN_IN_USE)
    ):
        return "in_use", "it is open in another program; close it or choose another name"
    if code in {errno.EBUSY, errno.ETXTBSY}:
        return "in_use", "it is open in another program; close it or choose another name"
    if code in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}:
        return "disk_full", "the disk is full; free some space or save it on another drive"
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return "is_directory", "a folder with that name already exists; choose another name"
    if isinstance(exc, NotADirectoryError) or code == errno.ENOTDIR:
        return "not_found", f"{folder} is not a folder; choose another place to save it"
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return "not_found", f"the folder {folder} does not exist; choose another place to save it"
    if code == errno.EROFS:
        return "permission", "the drive is read-only; choose another place to save it"
    if isinstance(exc, PermissionError) or code in {errno.EACCES, errno.EPERM}:
        return "permission", (
            f"you are not allowed to write in the folder {folder}; choose another place to save it"
        )
    if code == errno.ENAMETOOLONG:
        return "other", "the file name is too long; choose a shorter name"
    detail = exc.strerror or exc.__class__.__name__
    return "other", f"the system reported “{detail}”"


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, the file is already in place."""
    if os.name != "posix":
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, or raise ExportError leaving any old file as it was.

    The bytes go to a hidden temporary file (mode 0o600) in the same folder, are
    flushed and fsynced, then renamed over the target with os.replace; the folder is
    fsynced so the rename survives a power cut. On any failure the temporary file is
    removed and an earlier file of the same name is left untouched.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise ExportError(
            path, "a folder with that name already exists; choose another name", "is_directory"
        )
    tmp_name: str | None = None
    replacing = False
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=folder)
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
    _fsync_folder(folder)
