"""File plumbing below everything that writes files: atomic writes, fsync, user-only
permissions, and file names that fit the file system (capped by encoded bytes).

Imports nothing else of Dari's: render, reference, services and storage all use it,
and nothing here points back up.
"""

from __future__ import annotations

from desktop_app.files.atomic import (
    atomic_write_bytes,
    create_private,
    fsync_file,
    fsync_folder,
    is_temp_name,
    make_private,
    remove_stale_temps,
)
from desktop_app.files.errors import REASON_CODES, ExportError, PdfUnavailable, classify_os_error
from desktop_app.files.names import (
    MAX_FILE_NAME_BYTES,
    MAX_NAME_BYTES,
    TEMP_NAME_OVERHEAD,
    fit_file_name,
    safe_file_stem,
    truncate_utf8,
    unique_file_names,
)
from desktop_app.files.private import private_folder, private_umask, tighten
from desktop_app.files.staging import Staging

__all__ = [
    "MAX_FILE_NAME_BYTES",
    "MAX_NAME_BYTES",
    "REASON_CODES",
    "TEMP_NAME_OVERHEAD",
    "ExportError",
    "PdfUnavailable",
    "Staging",
    "atomic_write_bytes",
    "classify_os_error",
    "create_private",
    "fit_file_name",
    "fsync_file",
    "fsync_folder",
    "is_temp_name",
    "make_private",
    "private_folder",
    "private_umask",
    "remove_stale_temps",
    "safe_file_stem",
    "tighten",
    "truncate_utf8",
    "unique_file_names",
]
