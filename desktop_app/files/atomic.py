"""Atomic file writes: a whole new file or the old one untouched, never a partial one."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Final

try:  # POSIX: the temporary file is locked while it is written
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which is enough
    fcntl = None  # type: ignore[assignment]

from desktop_app.files.errors import ExportError, classify_os_error
from desktop_app.files.names import MAX_NAME_BYTES, TEMP_NAME_OVERHEAD, truncate_utf8

USER_ONLY: Final = stat.S_IRUSR | stat.S_IWUSR  # 0o600: drafts name people; nobody else reads
TEMP_SUFFIX: Final = ".tmp"
# Exactly our temporary names: "." + name + "." + mkstemp's 8 characters + ".tmp".
_TEMP_NAME: Final = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.DOTALL)


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


def is_temp_name(name: str) -> bool:
    """Whether `name` has exactly the shape of our temporary files (`.NAME.XXXXXXXX.tmp`)."""
    return _TEMP_NAME.fullmatch(name) is not None


def lock_temp(fd: int) -> None:
    """Hold an exclusive lock on an open temporary file while it is written, so that
    `remove_stale_temps` (in this or another process) leaves it alone. POSIX only;
    on Windows the open file cannot be deleted, which protects it as well."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def make_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new hidden temporary file for `name` in `folder` (mode 0o600), open and locked.

    Between mkstemp and the lock a cleaner elsewhere could take the (unlocked, empty)
    file for a stale one and delete it; if the name no longer points at our file, we
    try again with a new one.
    """
    for _attempt in range(5):
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(name), suffix=TEMP_SUFFIX, dir=folder)
        try:
            lock_temp(fd)
            mine = os.fstat(fd)
            try:
                there = os.lstat(tmp_name)
            except FileNotFoundError:
                there = None
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        if there is not None and (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino):
            return fd, tmp_name
        os.close(fd)  # removed under us: take another name
    raise FileExistsError(f"no temporary file could be kept in {folder}")


def remove_stale_temps(folder: Path) -> int:
    """Remove the temporary files of ours that a killed write left in `folder`.

    Only names of exactly our shape (`.NAME.XXXXXXXX.tmp`), only regular files (no
    symlink is followed), and only those nobody holds locked: a concurrent writer's
    temporary file stays. Returns how many were removed; never raises for an
    unreadable folder or a file that went away (best effort, silent).
    """
    removed = 0
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if is_temp_name(entry.name)]
    except OSError:
        return 0
    for name in names:
        if _remove_if_stale(os.path.join(folder, name)):
            removed += 1
    return removed


def _remove_if_stale(path: str) -> bool:
    try:
        before = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(before.st_mode):
        return False
    if fcntl is None:  # Windows: a file being written is open and cannot be deleted
        try:
            os.unlink(path)
        except OSError:
            return False
        return True
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # held: a writer is at work
        opened = os.fstat(fd)
        try:
            now = os.lstat(path)
        except OSError:
            return False
        same = (opened.st_dev, opened.st_ino) == (now.st_dev, now.st_ino)
        if not same or (before.st_dev, before.st_ino) != (now.st_dev, now.st_ino):
            return False  # replaced between our looks: leave it
        try:
            os.unlink(path)  # still holding the lock
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, or raise ExportError leaving any old file as it was.

    Stale temporary files of ours in the folder (left by a killed write) are removed
    first. The bytes go to a hidden temporary file (mode 0o600, locked until it is
    renamed) in the same folder, are flushed and fsynced, then renamed over the
    target with os.replace; the folder is fsynced so the rename survives a power cut.
    On any failure the temporary file is removed and an earlier file of the same name
    is left untouched. Only OSErrors (the environment's faults) become ExportError.
    """
    path = Path(path)
    folder = path.parent
    tmp_name: str | None = None
    fd: int | None = None
    replacing = False
    try:
        if path.is_dir():  # may itself raise, e.g. ENAMETOOLONG
            raise IsADirectoryError(path)
        remove_stale_temps(folder)
        fd, tmp_name = make_temp(folder, path.name)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        if fcntl is None:  # Windows renames no open file; POSIX keeps the lock to the end
            os.close(fd)
            fd = None
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
        if fd is not None:
            os.close(fd)
    fsync_folder(folder)
