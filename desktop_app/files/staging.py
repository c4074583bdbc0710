"""Several files put in place together: all written first, then all renamed.

An export of a Korean and an English file (and their PDFs) writes every file
complete to a hidden temporary name beside its target (`.NAME.XXXXXXXX.tmp`,
the pattern of `atomic.py`, so its clean-up of stale files finds any left by a
killed export), fsynced, user-only; only when all are written does it rename
them into place, one after another. A failure while writing leaves nothing new
and every old file untouched; only a kill between two renames can leave some
files new and others old, which is why the caller records the set before the
renames (`before_renames`) and completes it after.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop_app.files.atomic import fsync_folder, make_temp, remove_stale_temps
from desktop_app.files.errors import ExportError, classify_os_error


class Staging:
    """Files staged beside their targets; `commit()` renames them all into place.

    Use as a context manager: leaving it without a commit removes every staged file.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, str]] = []  # (target, temporary file)
        self._open: dict[str, int] = {}  # temporary file -> its descriptor, locked until renamed
        self._swept: set[Path] = set()

    @property
    def targets(self) -> list[Path]:
        return [target for target, _ in self._staged]

    def add(self, target: Path, data: bytes) -> None:
        """Write `data` complete to a hidden temporary name beside `target`."""
        target = Path(target)
        tmp_name: str | None = None
        try:
            if target.is_dir():
                raise IsADirectoryError(target)
            if target.parent not in self._swept:  # copies a killed export left here
                remove_stale_temps(target.parent)
                self._swept.add(target.parent)
            fd, tmp_name = make_temp(target.parent, target.name)  # 0o600, locked
            self._open[tmp_name] = fd
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError as exc:
            if tmp_name is not None:
                self._close(tmp_name)
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
            code, reason = classify_os_error(exc, target)
            raise ExportError(target, reason, code) from exc
        self._staged.append((target, tmp_name))

    def commit(self, before_renames: Callable[[], None] | None = None) -> list[Path]:
        """Call `before_renames()`, then rename every staged file over its target.

        An existing target is replaced, read-only or not (as Word does once asked).
        Raises ExportError naming the file whose rename failed; the files renamed
        before it stay in place (the caller's record says so), the rest are removed.
        """
        if before_renames is not None:
            before_renames()
        done: list[Path] = []
        while self._staged:
            target, tmp_name = self._staged[0]
            try:
                if os.name == "nt" and target.is_file() and not os.access(target, os.W_OK):
                    os.chmod(target, stat.S_IREAD | stat.S_IWRITE)  # pragma: no cover
                if os.name == "nt":  # Windows renames no open file; POSIX keeps the lock
                    self._close(tmp_name)
                os.replace(tmp_name, target)
            except OSError as exc:
                code, reason = classify_os_error(exc, target, replacing=True)
                raise ExportError(target, reason, code) from exc
            self._staged.pop(0)
            self._close(tmp_name)
            done.append(target)
        for folder in {target.parent for target in done}:
            fsync_folder(folder)
        return done

    def discard(self) -> None:
        """Remove every staged file not yet renamed."""
        for _, tmp_name in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            self._close(tmp_name)
        self._staged.clear()

    def _close(self, tmp_name: str) -> None:
        fd = self._open.pop(tmp_name, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()
