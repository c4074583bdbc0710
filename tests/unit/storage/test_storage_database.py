"""Opening, migrating, backing up and refusing damaged Dari database files (real SQLite)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from desktop_app.storage import Database, DatabaseCorrupt, DatabaseTooNew, StorageError, migrate
from desktop_app.storage.models import Base


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _stamp(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]


def _backups(folder: Path) -> list[Path]:
    """The backups before a migration are rolling backups in DATA/backups/."""
    return sorted((folder / "backups").glob("dari-*.db")) + sorted(folder.glob("*.backup-*"))


def test_open_creates_folder_tables_and_stamps_head(db_path: Path) -> None:
    assert not db_path.parent.exists()
    with Database.open(db_path) as db:
        assert db.path == db_path
        assert db.migration_backup is None
    assert {"drafts", "revisions", "alembic_version"} <= _tables(db_path)
    assert _stamp(db_path) == [migrate.head_revision()]
    assert _backups(db_path.parent) == []


def test_reopen_at_head_is_idempotent_and_takes_no_backup(db_path: Path) -> None:
    with Database.open(db_path) as db:
        draft = db.drafts.create("letter", {"body": "안녕"}, format_version=1)
    with Database.open(db_path) as db:
        assert db.migration_backup is None
        assert db.drafts.get(draft.id).payload == {"body": "안녕"}
    assert _backups(db_path.parent) == []
    assert _stamp(db_path) == [migrate.head_revision()]


def test_file_behind_head_is_backed_up_before_migrating(
    db_path: Path, clock: Callable[[], datetime]
) -> None:
    Database.open(db_path).close()
    migrate.downgrade(db_path, "base")  # real Alembic: drops the tables, empties the stamp
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("CREATE TABLE old_notes (text TEXT)")
        conn.execute("INSERT INTO old_notes VALUES ('from before the upgrade')")
        conn.commit()
    before = db_path.read_bytes()
    assert _stamp(db_path) == []

    with Database.open(db_path, clock=clock) as db:
        backup = db.migration_backup
        assert db.drafts.count() == 0

    assert backup is not None
    assert backup.name == "dari-20240418-120001.db"
    assert _backups(db_path.parent) == [backup]
    assert not list(db_path.parent.rglob("*.partial"))
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("SELECT text FROM old_notes").fetchall() == [
            ("from before the upgrade",)
        ]
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (0,)
    assert _stamp(db_path) == [migrate.head_revision()]
    assert db_path.read_bytes() != before


# PostgreSQL's search: the indexed copies of the drafts' text (migration 0010) with their
# trigram (0001) and gram (0008) indexes, and which version each copy holds
SERVER_INDEXES = {"ix_draft_search_trgm", "ix_draft_search_grams"}
SERVER_ONLY = {*SERVER_INDEXES, "draft_search", "indexed_version", "ix_drafts_unindexed"}


def _not_server_only(obj: object, name: str | None, *_: object) -> bool:
    return name not in SERVER_ONLY


def test_models_match_the_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": _not_server_only}
        )
        assert compare_metadata(context, Base.metadata) == []
    if db.on_server:  # the indexes that serve Korean substring search are there
        with db.engine.connect() as conn:
            indexes = {index["name"] for index in inspect(conn).get_indexes("draft_search")}
            drafts = {index["name"] for index in inspect(conn).get_indexes("drafts")}
        assert indexes >= SERVER_INDEXES and "ix_drafts_unindexed" in drafts


@pytest.mark.sqlite_only  # SQLite's pragmas
def test_pragmas_are_in_effect_on_every_connection(db: Database) -> None:
    with db.engine.connect() as first, db.engine.connect() as second:
        for conn in (first, second):
            pragma = conn.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA secure_delete").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 10_000


def test_close_and_context_manager(db_path: Path) -> None:
    with Database.open(db_path) as db:
        assert not db.closed
    assert db.closed
    db.close()  # closing twice is harmless
    assert not Path(f"{db_path}-wal").exists()


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(16384))


def _text_file(path: Path) -> None:
    path.write_text("Dear Minister,\n이 파일은 데이터베이스가 아닙니다.\n", encoding="utf-8")


def _truncated_database(path: Path) -> None:
    with Database.open(path) as db:
        for number in range(40):
            db.drafts.create("letter", {"body": f"{number} " + "가나다라" * 1000}, format_version=1)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign_database(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
        conn.commit()


@pytest.mark.parametrize(
    "make", [_random_bytes, _text_file, _truncated_database, _foreign_database]
)
def test_damaged_or_foreign_file_raises_and_is_left_untouched(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "dari.db"
    make(path)
    before = path.read_bytes()

    with pytest.raises(DatabaseCorrupt) as caught:
        Database.open(path)

    assert path.read_bytes() == before
    names = [p.name for p in tmp_path.iterdir() if p.name != ".dari-last-save"]
    assert names == ["dari.db"]  # no -wal, -shm, backup (the last-save marker is older)
    message = str(caught.value)
    assert str(path) in message
    assert "not a Dari database or is damaged" in message
    assert "Nothing was changed" in message
    assert isinstance(caught.value, StorageError)
    assert caught.value.path == path


def test_file_from_a_newer_dari_is_refused_untouched(db_path: Path) -> None:
    Database.open(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version of Dari"):
        Database.open(db_path)
    assert db_path.read_bytes() == before
    assert _backups(db_path.parent) == []


def test_empty_file_is_treated_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "dari.db"
    path.touch()
    with Database.open(path) as db:
        assert db.migration_backup is None
        assert db.drafts.count() == 0


def test_backup_names_never_collide(tmp_path: Path) -> None:
    path = tmp_path / "dari.db"
    now = datetime(2024, 4, 18, 21, 0, tzinfo=UTC)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    first = migrate.backup(path, now)
    second = migrate.backup(path, now)
    assert first.name == "dari-20240418-210000.db"
    assert second.name == "dari-20240418-210000-2.db"
    assert first.exists() and second.exists()
