"""Fixtures shared by every test: real data folders, real databases, offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.services import DraftService
from desktop_app.storage import Database

# Property tests explore new examples on a developer's machine; under CI they run the same
# examples every time, so that a run passes or fails for the code, not for the draw. (A
# failure found locally is replayed from Hypothesis's database and then fixed or kept.)
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    """A real SQLite database file in the test's data folder."""
    database = Database.open(data_dir / "dari.sqlite3")
    yield database
    database.close()


@pytest.fixture
def service(db: Database) -> DraftService:
    """Draft use cases over the real database."""
    return DraftService(db)
