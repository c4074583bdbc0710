"""Alembic wiring: check a file, back it up when it is behind, and upgrade it to head."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from desktop_app.storage.crypto import SessionKey
from desktop_app.storage.engine import (
    DRIVER_ERRORS,
    connect_readonly,
    create_sqlite_engine,
    open_error_for,
    runtime_error_for,
    sqlite_url,
)
from desktop_app.storage.errors import DatabaseCorrupt, DatabaseTooNew

if TYPE_CHECKING:  # Alembic costs ~120 ms to import: only a migration loads it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
# The newest migration's id. A file stamped with it opens without loading Alembic;
# tests/unit/storage/test_storage_migrations.py keeps it equal to Alembic's head.
SCHEMA_HEAD = "0010"


def alembic_config(path: Path | None = None) -> Config:
    """An Alembic Config built in code: no alembic.ini is needed at run time."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if path is not None:
        config.set_main_option("sqlalchemy.url", sqlite_url(path).replace("%", "%%"))
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision shipped with this version of Dari."""
    head = _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise RuntimeError("Dari's migration scripts are missing.")
    return head


def stamped_revisions(path: Path, key: bytes | SessionKey | None = None) -> tuple[str, ...] | None:
    """Check the file without changing it; return its Alembic revisions.

    None means "new": no file, an empty file, or a SQLite database without any table.
    An empty tuple means a Dari database at base (alembic_version exists but is empty).
    Raises DatabaseCorrupt for anything that is not a healthy Dari (or empty) database.
    """
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        if _had_a_history(path):  # an emptied file, not a new one: drafts were there
            raise DatabaseCorrupt(path, "the file is empty")
        return None
    try:
        with closing(connect_readonly(path, key)) as conn:
            problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DatabaseCorrupt(path, "; ".join(problems[:5]))
            tables = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise DatabaseCorrupt(path, "tables of another program, no alembic_version")
                return None
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except DRIVER_ERRORS as exc:
        raise open_error_for(path, exc) from exc
    return tuple(str(row[0]) for row in rows)


def _had_a_history(path: Path) -> bool:
    """True when the data folder shows that this file held drafts: a backup of it or a
    recorded last save."""
    from desktop_app.storage import backups, last_save

    return bool(backups.backup_files(path)) or last_save.read(path) is not None


def backup(path: Path, now: datetime, key: bytes | SessionKey | None = None) -> Path:
    """The backup before a migration: one of the rolling backups (`storage/backups.py`),
    `backups/dari-YYYYMMDD-HHMMSS.db`, a consistent private copy made under a temporary name
    (encrypted with the same key when the database is)."""
    from desktop_app.storage import backups

    return backups.create(path, now, key=key)


def _run(path: Path, action: str, revision: str, key: bytes | SessionKey | None = None) -> None:
    """Run an Alembic command on one all-or-nothing transaction, foreign keys off."""
    from alembic import command

    engine = create_sqlite_engine(path, foreign_keys=False, transactional_ddl=True, key=key)
    try:
        with engine.begin() as connection:
            config = alembic_config(path)
            config.attributes["connection"] = connection
            if action == "upgrade":
                command.upgrade(config, revision)
            else:
                command.downgrade(config, revision)
    except DBAPIError as exc:
        raise runtime_error_for(path, exc.orig) from exc
    finally:
        engine.dispose()


def upgrade(path: Path, revision: str = "head", key: bytes | SessionKey | None = None) -> None:
    """alembic upgrade on this file."""
    _run(path, "upgrade", revision, key)


def downgrade(path: Path, revision: str, key: bytes | SessionKey | None = None) -> None:
    """alembic downgrade on this file (tests and development only: it drops data)."""
    _run(path, "downgrade", revision, key)


def prepare(path: Path, now: datetime, key: bytes | SessionKey | None = None) -> Path | None:
    """Check, back up if behind head, and upgrade. Returns the backup's path, if one was made.

    `key`: the database key of an encrypted file (the backup is encrypted with it too).
    """
    current = stamped_revisions(path, key)
    if current == (SCHEMA_HEAD,):
        return None  # the usual start: up to date, no Alembic needed
    known = known_revisions()
    for revision in current or ():
        if revision not in known:
            raise DatabaseTooNew(path, revision)
    backup_file = backup(path, now, key) if current is not None else None
    upgrade(path, key=key)
    return backup_file


def known_revisions() -> set[str]:
    """Every revision this version of Dari ships."""
    return {script.revision for script in _scripts().walk_revisions()}


def upgrade_connection(engine: Engine) -> None:
    """alembic upgrade head on a server's engine, in one transaction (PostgreSQL's DDL is
    transactional, so a failed migration leaves nothing half done)."""
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
