"""Fixtures for the storage tests: a ticking UTC clock and a real database (a SQLite file in
tmp_path, or the PostgreSQL server's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.storage import Database
from tests.conftest import DATABASES, open_test_database


class TickingClock:
    """A clock that moves one second forward every time it is read."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock(datetime(2024, 4, 18, 12, 0, 0, tzinfo=UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "dari.db"


@pytest.fixture(params=DATABASES)
def db(request: pytest.FixtureRequest, db_path: Path, clock: TickingClock) -> Iterator[Database]:
    database = open_test_database(request, db_path, clock=clock)
    try:
        yield database
    finally:
        database.close()
