"""Where Dari keeps its data: the user data folder, or the one given with --data-dir."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME

DATABASE_NAME = "dari.sqlite3"


def default_data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/Dari, %LOCALAPPDATA%\\Dari)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def database_path(data_dir: Path | None) -> Path:
    """The SQLite file inside `data_dir` (the default folder when None)."""
    return (data_dir or default_data_dir()) / DATABASE_NAME


def resources_dir() -> Path:
    """The shipped resources (samples, glossary): beside the package, or in a frozen build."""
    here = Path(__file__).resolve().parent
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller's unpack folder
    candidates = [Path(frozen) / "resources"] if frozen else []
    for candidate in (*candidates, here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent / "resources"


def sample_path(name: str = "founding-case-letter.json") -> Path:
    """A shipped sample draft."""
    return resources_dir() / "samples" / name
