"""The one error a failed file write becomes: a sentence naming the file and the reason."""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import Final

REASON_CODES: Final = (
    "not_found", "permission", "disk_full", "is_directory", "in_use", "unavailable", "other",
)  # fmt: skip

# Windows: ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_WIN_IN_USE: Final = {5, 32, 33}


class ExportError(Exception):
    """A file could not be written; str() is an English sentence naming it and why.

    Only the environment's faults become one (permission, disk full, missing
    folder, file in use, name too long); a bug in Dari is never dressed up as one.
    """

    def __init__(self, path: Path, reason: str, reason_code: str = "other") -> None:
        self.path = Path(path)
        self.reason = reason
        self.reason_code = reason_code if reason_code in REASON_CODES else "other"
        super().__init__(path, reason, self.reason_code)

    def __str__(self) -> str:
        return f"Could not save {self.path}: {self.reason}."


class PdfUnavailable(ExportError):
    """LibreOffice is not installed, so no PDF can be made on this computer."""


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
