"""Where Dari keeps its data: the user data folder, or the one given with --data-dir.

And where it finds what it ships: `desktop_app/resources/` inside the installed package
(glossary.csv, samples/, data/, locale/), read through importlib.resources, so the same
code serves a checkout, an installed wheel and the PyInstaller build.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME
from desktop_app.files import private_folder, tighten

DATABASE_NAME = "dari.sqlite3"
BACKUPS_FOLDER = "backups"  # the rolling backups (storage/backups.py)
# What Dari writes in the data folder, by name: the database and its -wal/-shm, dari.log
# and its rotations, the files kept aside (dari-before-restore-…, dari-damaged-…), the
# last-save marker (.dari-last-save) and the UPR session corrections.
OWN_FILE_PREFIXES = ("dari", ".dari", "upr_sessions")


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/Dari, %LOCALAPPDATA%\\Dari)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def secure_data_dir(data_dir: Path | None) -> Path:
    """Create the data folder if needed and make it the user's alone: the folder 700,
    Dari's files in it 600 and its backups folder 700/600 (existing installs tightened)."""
    folder = private_folder(data_dir or default_data_dir())
    tighten(folder, ours=OWN_FILE_PREFIXES, subfolders=(BACKUPS_FOLDER,))
    return folder


def database_path(data_dir: Path | None) -> Path:
    """The SQLite file inside `data_dir` (the default folder when None)."""
    return (data_dir or default_data_dir()) / DATABASE_NAME


def resource(*parts: str) -> Traversable:
    """A file or folder shipped inside the package, e.g. resource("data", "states.json")."""
    return files("desktop_app").joinpath("resources", *parts)


def resources_dir() -> Path:
    """The shipped resources (samples, glossary, reference data, catalogs) as a folder.

    Dari is installed as files (a wheel, a checkout, PyInstaller's folder), never run
    from a zip; a resource that is not a real file is an installation error.
    """
    folder = resource()
    if not isinstance(folder, Path):
        raise RuntimeError(f"Dari's resources are not on the file system: {folder}")
    return folder


def sample_path(name: str = "founding-case-letter.json") -> Path:
    """A shipped sample draft."""
    return resources_dir() / "samples" / name


def guide_path(language: str) -> Path:
    """The shipped offline guide in the UI language (English when there is none in it)."""
    folder = resources_dir() / "guide"
    path = folder / f"guide.{language}.html"
    return path if path.is_file() else folder / "guide.en.html"
