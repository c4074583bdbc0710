"""A data folder marked as open in a window, so that another process does not convert or
replace the database under it (`dari encryption on|off`, `dari backups restore`).

The window holds a shared lock on `DATA/.dari-open` (an empty, user-only file) while its
database is open: `flock(LOCK_SH)` on POSIX (several windows may share it), a lock of its
first byte with `msvcrt.locking` on Windows. `open_elsewhere` tries an exclusive lock
without waiting: refused means a window has the folder open. The kernel drops the lock
when the process ends, however it ends, so a crash leaves no stale mark.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MARKER = ".dari-open"


def _lock(fd: int, *, exclusive: bool) -> bool:
    """Take the lock without waiting; False when another holder has it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class FolderHold:
    """The mark of one window on its data folder; `acquire` again after `release`."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MARKER
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Mark the folder as open here; False when it could not be marked (a read-only
        folder, say: the window works on, unmarked)."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if not _lock(fd, exclusive=False):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def open_elsewhere(folder: Path) -> bool:
    """True when a window (another FolderHold, in any process) has the folder open."""
    try:
        fd = os.open(folder / MARKER, os.O_RDWR)
    except OSError:  # no mark: no window ever held it here, or it cannot be read
        return False
    try:
        if not _lock(fd, exclusive=True):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)
