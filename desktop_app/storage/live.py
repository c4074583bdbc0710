"""Learning of colleagues' changes and who has which draft open (issue 14), on both databases.

`LiveRepository` reads the drafts' marks (id → version and whether trashed: every write of a
draft moves one of them) and keeps the `presence` rows (migration 0007). A `ChangeGate` says
cheaply whether anything may have been committed since it was last asked, so the marks are
read only then: on SQLite `PRAGMA data_version` on a connection of its own (it moves when any
other connection, of this process or another, commits), on PostgreSQL `LISTEN dari_changes`
(0007's triggers NOTIFY after every change of drafts and presence; reading what arrived is a
look at the socket, no round trip).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from desktop_app.storage.engine import DRIVER_ERRORS
from desktop_app.storage.errors import StorageError
from desktop_app.storage.models import Draft, Presence, as_utc
from desktop_app.storage.repository import Repository

CHANNEL = "dari_changes"  # the NOTIFY channel of migration 0007


@dataclass(frozen=True)
class DraftMark:
    """What a write of a draft changes in the list: its version (every save moves it) and
    whether it is in the trash."""

    version: int
    trashed: bool


@dataclass(frozen=True)
class PresenceRecord:
    """A window (session) that has a draft open: who, since when, last heard of when."""

    session: str
    draft_id: int
    editor: str
    since: datetime
    heartbeat: datetime


class LiveRepository(Repository):
    """The drafts' marks and the presence rows; one short transaction per call."""

    def __init__(self, *args: Any, on_server: bool, clock: Any) -> None:
        super().__init__(*args)
        self._on_server = on_server
        self._clock = clock

    def marks(self) -> dict[int, DraftMark]:
        """Every draft's mark (trash included), by id."""
        stmt = select(Draft.id, Draft.version, Draft.deleted_at.is_not(None))
        with self._read() as session:
            return {
                int(row[0]): DraftMark(int(row[1]), bool(row[2])) for row in session.execute(stmt)
            }

    def now(self) -> datetime:
        """The time every presence row is written and judged by: the server's clock on
        PostgreSQL (computers' clocks differ), the database's clock on SQLite."""
        if not self._on_server:
            return as_utc(self._clock())
        with self._read() as session:
            value = session.execute(text("SELECT now()")).scalar_one()
        return as_utc(value)

    def enter(self, session_id: str, draft_id: int, editor: str, now: datetime) -> None:
        """This session shows `draft_id` from `now` (replacing what it showed before)."""
        with self._write() as session:
            row = session.get(Presence, session_id)
            if row is None:
                session.add(
                    Presence(
                        session=session_id,
                        draft_id=draft_id,
                        editor=editor,
                        since=now,
                        heartbeat=now,
                    )
                )
            elif row.draft_id != draft_id or row.editor != editor:
                row.draft_id, row.editor, row.since, row.heartbeat = draft_id, editor, now, now
            else:
                row.heartbeat = now

    def beat(self, session_id: str, now: datetime) -> bool:
        """The session is still there; False when its row is gone (the caller enters again)."""
        stmt = update(Presence).where(Presence.session == session_id).values(heartbeat=now)
        with self._write() as session:
            return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]

    def leave(self, session_id: str) -> None:
        """The session shows no draft any more."""
        with self._write() as session:
            session.execute(delete(Presence).where(Presence.session == session_id))

    def forget_older_than(self, moment: datetime) -> None:
        """Delete rows not beaten since `moment` (windows that went away without a word)."""
        with self._write() as session:
            session.execute(delete(Presence).where(Presence.heartbeat < moment))

    def present(self, *, fresh_after: datetime) -> builtins.list[PresenceRecord]:
        """The rows beaten after `fresh_after`, oldest `since` first."""
        stmt = (
            select(Presence)
            .where(Presence.heartbeat > fresh_after)
            .order_by(Presence.since, Presence.session)
        )
        with self._read() as session:
            return [
                PresenceRecord(
                    row.session, row.draft_id, row.editor, as_utc(row.since), as_utc(row.heartbeat)
                )
                for row in session.scalars(stmt)
            ]


class ChangeGate:
    """Says whether another connection may have committed since the last `changed()`.

    It holds one connection of its own until `close()`. Errors are the driver's
    (DBAPIError); the caller turns them into its sentences and opens a new gate."""

    def __init__(
        self,
        engine: Engine,
        *,
        on_server: bool,
        path: Path,
        error_for: Callable[[BaseException | None], StorageError],
    ) -> None:
        self._on_server = on_server
        self._error_for = error_for
        self._path = path
        self._file: tuple[int, int] | None = None
        self._connection: Connection | None = None
        self._raw: Any = None
        self._version: int | None = None
        try:
            self._open(engine)
        except _driver_errors(on_server) as exc:
            self.close()
            raise error_for(getattr(exc, "orig", exc)) from exc

    def _open(self, engine: Engine) -> None:
        if self._on_server:
            connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            try:
                connection.exec_driver_sql(f"LISTEN {CHANNEL}")
            except BaseException:
                connection.close()
                raise
            self._connection = connection
            self._raw = connection.connection.dbapi_connection
        else:
            self._raw = engine.raw_connection()
            self._version = self._data_version()
            self._file = _identity(self._path)

    def _data_version(self) -> int:
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def changed(self) -> bool:
        """True when something was committed elsewhere since the last call (or may have been).
        StorageError when the connection failed (the gate is then closed)."""
        if self._raw is None:
            return True  # closed: whoever asks reads everything again
        try:
            return self._changed()
        except _driver_errors(self._on_server) as exc:
            self.close()
            raise self._error_for(getattr(exc, "orig", exc)) from exc

    def _changed(self) -> bool:
        if self._on_server:
            return bool(list(self._raw.notifies(timeout=0)))
        if _identity(self._path) != self._file:
            # Another file is in its place (a backup restored): this connection still reads
            # the old one, which must not stay open (a purge rewrites it). A new gate reads
            # the new file.
            self.close()
            return True
        version = self._data_version()
        moved, self._version = version != self._version, version
        return moved

    @property
    def closed(self) -> bool:
        """True once closed (by close(), a failure or a file replaced): open a new gate."""
        return self._raw is None

    def close(self) -> None:
        """Give the connection back (closed: the gate is not used again)."""
        try:
            if self._connection is not None:
                self._connection.close()
            elif self._raw is not None:
                self._raw.close()
        except _driver_errors(self._on_server):
            pass  # a server gone away: nothing to give back
        self._connection = self._raw = None


def _driver_errors(on_server: bool) -> tuple[type[BaseException], ...]:
    """What the gate's own connection raises: SQLAlchemy's wrapper, and the driver's own
    errors (the gate reads its raw connection)."""
    if on_server:
        import psycopg

        return (DBAPIError, psycopg.Error)
    return (DBAPIError, *DRIVER_ERRORS)


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode), None when none is."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
