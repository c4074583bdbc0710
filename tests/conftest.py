"""Fixtures shared by every test: real data folders, real databases, offscreen Qt."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.services import DraftService, Services, build_services, open_services
from desktop_app.storage import Database
from tests.helpers.postgres import PostgresServer, missing_reason

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


ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DATABASES = ["sqlite", "postgresql"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only: about the database file (backups, WAL, encryption, salvage, file modes, "
        "the last-save marker): not run on PostgreSQL, which has no file of ours",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A `sqlite_only` test is collected once, on SQLite (not skipped on PostgreSQL)."""
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        on_server = params.get("db") == "postgresql"
        (dropped if on_server and item.get_closest_marker("sqlite_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server in a temporary folder for the whole run (unix socket only).

    Missing PostgreSQL: a failure under CI (`.ci/run` installs it), a skip elsewhere."""
    reason = missing_reason()
    if reason is not None:
        if ON_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
        server.make_shared()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def own_pg_server() -> Iterator[PostgresServer]:
    """A server of the module's own, for tests that stop and start it (`halt`, `resume`):
    the session's `pg_server` must stay up for everyone else. Durable commits, so a crash
    loses no committed save. Missing PostgreSQL as for `pg_server`."""
    reason = missing_reason()
    if reason is not None:
        if ON_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgresServer(durable=True)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_pg_url(own_pg_server: PostgresServer) -> str:
    """A new empty database on the module's own server (up again if a test left it halted)."""
    if not (own_pg_server.data / "postmaster.pid").exists():
        own_pg_server.resume()
    return own_pg_server.empty_database()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """The URL of a migrated, empty PostgreSQL database for this test."""
    return pg_server.reset_shared()


def open_test_database(request: pytest.FixtureRequest, path: Path, **options: object) -> Database:
    """The test's database: a SQLite file at `path`, or the PostgreSQL one (`db` param)."""
    if getattr(request, "param", "sqlite") == "postgresql":
        url = request.getfixturevalue("pg_url")
        return Database.open_url(url, data_dir=path.parent, **options)  # type: ignore[arg-type]
    return Database.open(path, **options)  # type: ignore[arg-type]


@pytest.fixture(params=DATABASES)
def db(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[Database]:
    """A real database: a SQLite file in the test's data folder, or a PostgreSQL one."""
    database = open_test_database(request, data_dir / "dari.sqlite3")
    yield database
    database.close()


@pytest.fixture
def service(db: Database) -> DraftService:
    """Draft use cases over the real database."""
    return DraftService(db)


def on_server(request: pytest.FixtureRequest) -> bool:
    """True when the test runs on the PostgreSQL server (its `db` param)."""
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    return bool(params.get("db") == "postgresql")


def open_test_services(request: pytest.FixtureRequest, folder: Path) -> Services:
    """Services opened as the window and the CLI open them (`open_services`) over the test's
    database: the SQLite file in `folder`, or the test's PostgreSQL one (the `db` param),
    `folder` then keeping only this computer's files. The caller closes them."""
    if on_server(request):
        return open_services(folder, database_url=request.getfixturevalue("pg_url"))
    return open_services(folder)


@pytest.fixture
def services(db: Database) -> Services:
    """Every use case over the test's database (both kinds), wired as the app wires them."""
    return build_services(db)


@pytest.fixture
def fresh_services(
    request: pytest.FixtureRequest, db: Database, tmp_path: Path
) -> Iterator[Callable[[str], Services]]:
    """Opens services over another new, empty database of the test's kind each call (a
    second laptop, an empty address book): a SQLite file in tmp_path/NAME, or a spare
    database on the test's PostgreSQL server (`PostgresServer.spare`). Closed at the end."""
    opened: list[Services] = []
    spares = itertools.count(1)

    def fresh(name: str) -> Services:
        folder = tmp_path / name
        if db.on_server:
            url = request.getfixturevalue("pg_server").spare(next(spares))
            opened.append(open_services(folder, database_url=url))
        else:
            opened.append(open_services(folder))
        return opened[-1]

    yield fresh
    for each in opened:
        each.close()
