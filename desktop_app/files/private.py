"""The data folder is the user's alone: the folder 700, every file in it 600 (POSIX).

Drafts name defectors, prisoners and their families; under the usual umask (022) a
folder would be 755 and its files 644, readable by every local account. Windows keeps
the folder's ACL (the user's profile is already private there).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Final

USER_ONLY_FOLDER: Final = stat.S_IRWXU  # 0o700
USER_ONLY_FILE: Final = stat.S_IRUSR | stat.S_IWUSR  # 0o600


def private_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) if needed and make it user-only (700)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=USER_ONLY_FOLDER)
    if os.name == "posix":
        os.chmod(folder, USER_ONLY_FOLDER)
    return folder


def tighten(folder: Path, *, ours: tuple[str, ...], subfolders: tuple[str, ...] = ()) -> int:
    """Make `folder` 700 and Dari's own entries in it user-only (folders 700, files 600).

    Only the files whose names start with one of `ours` and everything under
    `subfolders` are touched: a data folder chosen with --data-dir may hold the
    person's other files. Existing installs made under a looser umask are tightened
    this way at every start. Returns how many entries had their mode changed.
    Symbolic links are not followed.
    """
    if os.name != "posix" or not folder.is_dir():
        return 0
    paths = [folder]
    with contextlib.suppress(OSError):
        for child in folder.iterdir():
            if child.name.startswith(ours):
                paths.append(child)
            elif child.name in subfolders and child.is_dir() and not child.is_symlink():
                paths += [child, *child.rglob("*")]
    changed = 0
    for path in paths:
        with contextlib.suppress(OSError):  # a file removed meanwhile, or not ours
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                continue
            wanted = USER_ONLY_FOLDER if stat.S_ISDIR(mode) else USER_ONLY_FILE
            if stat.S_IMODE(mode) != wanted:
                os.chmod(path, wanted)
                changed += 1
    return changed


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files created inside the block (SQLite's -wal and -shm among them) get no bits for
    group or others. The umask is per process: keep the block short."""
    if os.name != "posix":
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)
