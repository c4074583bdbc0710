"""Database: opens (checks, backs up, migrates) a Dari SQLite file, or a shared PostgreSQL
database by its URL (`open_url`, `storage/server.py`), and owns its engine."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.files import make_private, private_folder, private_umask
from desktop_app.storage import last_save, migrate
from desktop_app.storage.bundles import BundleRepository
from desktop_app.storage.contacts import ContactRepository
from desktop_app.storage.crypto import SessionKey, is_encrypted
from desktop_app.storage.drafts import DraftRepository
from desktop_app.storage.engine import create_sqlite_engine, runtime_error_for, side_files
from desktop_app.storage.errors import (
    DatabaseLocked,
    DatabaseUnavailable,
    ServerBackups,
    StorageError,
)
from desktop_app.storage.events import EventRepository
from desktop_app.storage.exports import ExportLogRepository
from desktop_app.storage.last_save import LastSave
from desktop_app.storage.library import ClauseRepository, GlossaryRepository, MetaRepository
from desktop_app.storage.live import ChangeGate, LiveRepository
from desktop_app.storage.repository import Repository

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    """The default clock: the current time in UTC."""
    return datetime.now(UTC)


class Database:
    """An open Dari database file. Build it with Database.open(); close it when done."""

    path: Path
    drafts: DraftRepository
    glossary: GlossaryRepository
    clauses: ClauseRepository
    meta: MetaRepository
    exports: ExportLogRepository
    contacts: ContactRepository
    events: EventRepository
    bundles: BundleRepository
    live: LiveRepository
    engine: Engine
    migration_backup: Path | None

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        clock: Callable[[], datetime],
        migration_backup: Path | None = None,
        key: SessionKey | None = None,
        server: str | None = None,
    ) -> None:
        self.path = path
        # A shared PostgreSQL database: its name without password (user@host/db); `path` is
        # then only a place in this computer's data folder (nothing is written there).
        self.server = server
        self.engine = engine
        self.migration_backup = migration_backup
        self._clock = clock
        self._closed = False
        self.key = key
        sessions = sessionmaker(bind=engine, class_=Session, expire_on_commit=False)
        self._sessions = sessions
        self.drafts = DraftRepository(
            sessions,
            clock=clock,
            checkpoint=self.checkpoint,
            path=path,
            key=lambda: self.key,
            on_server=server is not None,
        )
        self.glossary = GlossaryRepository(sessions, path)
        self.clauses = ClauseRepository(sessions, path, clock)
        self.meta = MetaRepository(sessions, path)
        self.exports = ExportLogRepository(sessions, path, clock)
        self.contacts = ContactRepository(sessions, path)
        self.lost_saves: LastSave | None = None  # set by open(): saves a damaged WAL dropped
        self.events = EventRepository(sessions, path, clock)
        self.bundles = BundleRepository(sessions, path, clock)
        self.live = LiveRepository(sessions, path, on_server=server is not None, clock=clock)

    def repositories(self) -> list[Repository]:
        """Every repository of this database (read off its attributes: one added later is
        not forgotten by what must reach them all)."""
        return [value for value in vars(self).values() if isinstance(value, Repository)]

    def _report_server_errors(self, user: str) -> None:
        from desktop_app.storage import server as pg

        assert self.server is not None
        name = self.server
        for repository in self.repositories():
            repository.report_errors_with(lambda exc: pg.error_for(name, user, exc))

    @classmethod
    def open_url(
        cls,
        url: str,
        *,
        data_dir: Path,
        clock: Callable[[], datetime] | None = None,
        password: str | None = None,
        migrate: bool = False,
    ) -> Database:
        """Open a shared PostgreSQL database (`postgresql+psycopg://USER@HOST/DB`).

        An empty database gets Dari's tables; one of an older Dari is updated only with
        `migrate` (ServerSchemaOld otherwise: the caller asks first), a newer one refused
        (ServerSchemaTooNew). A wrong URL, an unreachable server or a refused login raise
        ServerUrlInvalid, ServerUnavailable or ServerLoginRefused. `password` goes to the
        driver only; without one libpq reads ~/.pgpass. `data_dir` is this computer's data
        folder (settings, logs, reference corrections), not where the drafts are.
        """
        from desktop_app.storage import server as pg

        parsed = pg.parse_url(url)
        name = pg.display_name(parsed)
        user = parsed.username or ""
        engine = pg.create_server_engine(parsed, password=password)
        pg.first_connect(engine, name, user)
        try:
            migrated = pg.prepare(engine, name, migrate=migrate)
        except DBAPIError as exc:
            engine.dispose()
            raise pg.error_for(name, user, exc.orig) from exc
        except StorageError:
            engine.dispose()
            raise
        if migrated:
            log.info("the shared database %s was updated to the current schema", name)
        db = cls(Path(data_dir) / "server", engine, clock=clock or utc_now, server=name)
        db._report_server_errors(user)
        return db

    @property
    def on_server(self) -> bool:
        """True for a shared PostgreSQL database (no file of ours: no backups, no marker)."""
        return self.server is not None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Callable[[], datetime] | None = None,
        key: bytes | SessionKey | None = None,
    ) -> Database:
        """Open (creating if needed) and migrate the database at `path`.

        An existing file behind the newest schema is first copied to
        `<stem>.backup-<UTC timestamp>.db` (see `migration_backup`). Raises DatabaseCorrupt
        (file left untouched) for a damaged or foreign file, DatabaseTooNew for a file
        written by a newer Dari, DatabaseUnavailable when the file cannot be used.

        An encrypted file (`storage/crypto.py`) needs its database key (`key`, from
        `crypto.unlock`): without one, DatabaseLocked; with one, every connection is a
        SQLCipher connection given that key.
        """
        path = Path(path)
        clock = clock or utc_now
        if key is None and is_encrypted(path):
            raise DatabaseLocked(path)
        if isinstance(key, bytes):
            key = SessionKey(key)
        try:
            private_folder(path.parent)
            with private_umask():  # the file, its -wal and -shm: the user's alone
                migration_backup = migrate.prepare(path, clock(), key)
        except OSError as exc:
            raise DatabaseUnavailable(path, exc.strerror or str(exc)) from exc
        engine = create_sqlite_engine(path, key=key)
        try:
            with private_umask(), engine.connect():
                pass
            for side in (path, *side_files(path)):
                if side.exists():
                    make_private(side)
        except DBAPIError as exc:
            engine.dispose()
            raise runtime_error_for(path, exc.orig) from exc
        except OSError as exc:
            engine.dispose()
            raise DatabaseUnavailable(path, exc.strerror or str(exc)) from exc
        db = cls(path, engine, clock=clock, migration_backup=migration_backup, key=key)
        try:
            db.lost_saves = last_save.lost_since(last_save.read(path), db.drafts.newest_save())
        except StorageError:
            db.close()
            raise
        if db.lost_saves is not None:
            log.warning("the last saves (until %s) are not in the database", db.lost_saves)
            last_save.forget_if_about(path)  # said once; the next save records anew
        return db

    def change_gate(self) -> ChangeGate:
        """A gate on this database's commits (`storage/live.py`): it holds a connection of its
        own until closed (close it before lock() or close())."""
        return ChangeGate(
            self.engine, on_server=self.on_server, path=self.path, error_for=self.live.error_for
        )

    def now(self) -> datetime:
        """The database's clock (UTC)."""
        return self._clock()

    def restore_backup(self, name: str) -> Path | None:
        """Put a copy of the backup `name` in place of this file (kept aside: its new path is
        returned), migrating it if it is older; the open Database then reads the restored file.

        Every pooled connection is closed first, so the next one opens the new file.
        """
        from desktop_app.storage import backups

        if self.server is not None:
            raise ServerBackups(self.server)
        now = self._clock()
        self.engine.dispose()  # the WAL is folded back into the file being set aside
        aside = backups.restore(self.path, name, now, key=self.key)
        try:
            with private_umask():
                migrate.prepare(self.path, now, self.key)
        except OSError as exc:
            raise DatabaseUnavailable(self.path, exc.strerror or str(exc)) from exc
        return aside

    def ping(self) -> None:
        """Reach the database once (`SELECT 1` on a pooled or new connection); raises the
        repositories' error (ServerUnavailable for a server gone away). May run on a worker
        thread: the pool gives it its own connection. A stale pooled connection is replaced
        (the engine pings one idle for a while; one that dies on this very SELECT is replaced
        and asked once more), so the first call after the server is back succeeds."""
        try:
            try:
                self._select_one()
            except DBAPIError as exc:
                if not exc.connection_invalidated:
                    raise
                self._select_one()  # the pool has let the dead connections go
        except DBAPIError as exc:
            if self.server is not None:
                from desktop_app.storage import server as pg

                raise pg.error_for(self.server, "", exc.orig) from exc
            raise runtime_error_for(self.path, exc.orig) from exc

    def _select_one(self) -> None:
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate the WAL to zero bytes.

        On a server: VACUUM FULL the tables a purge deletes from, so that the deleted rows'
        text leaves the table files (PostgreSQL keeps dead rows until VACUUM, and its WAL segments
        until they are recycled: see docs/architecture.md)."""
        if self.server is not None:
            from desktop_app.storage import server as pg

            try:
                pg.vacuum(self.engine)
            except DBAPIError as exc:
                raise pg.error_for(self.server, "", exc.orig) from exc
            return
        try:
            raw = self.engine.raw_connection()
            try:
                cursor = raw.cursor()
                try:
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    cursor.fetchall()
                finally:
                    cursor.close()
            finally:
                raw.close()
        except DBAPIError as exc:
            raise runtime_error_for(self.path, exc.orig) from exc

    def close(self) -> None:
        """Release every connection (SQLite then folds the WAL back into the file)."""
        if not self._closed:
            self._closed = True
            self.engine.dispose()

    def lock(self) -> None:
        """Close every connection and drop the key: any later access raises DatabaseLocked."""
        self.close()
        if self.key is not None:
            self.key.drop()

    def reopen(self, key: SessionKey | None) -> None:
        """Open the file again after close(), with `key` (encryption was just turned on) or
        none (turned off); the repositories and everything holding them stay."""
        self.engine.dispose()
        self.engine = create_sqlite_engine(self.path, key=key)
        self._sessions.configure(bind=self.engine)
        self.key = key
        self._closed = False

    def unlock(self, key: SessionKey) -> None:
        """After lock(): use the database again with `key` (from crypto.unlock, checked
        against this file's header); the repositories and everything holding them stay."""
        if self.key is None:
            raise ValueError("only an encrypted database is locked and unlocked")
        self.key.take(key)
        self._closed = False

    @property
    def locked(self) -> bool:
        """True when encrypted and the key was dropped."""
        return self.key is not None and self.key.dropped

    @property
    def encrypted(self) -> bool:
        """True when this is a SQLCipher database opened with a key."""
        return self.key is not None

    @property
    def closed(self) -> bool:
        """True once close() has been called."""
        return self._closed

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
