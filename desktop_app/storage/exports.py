"""ExportLogRepository: the log of exported files, one short transaction per call."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from dataclasses import asdict, fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage.errors import ItemNotFound
from desktop_app.storage.models import ExportEntry, as_utc
from desktop_app.storage.records import ExportEntryRecord, NewExportEntry
from desktop_app.storage.repository import Repository

_NEW_FIELDS = tuple(f.name for f in fields(NewExportEntry))


def _midnight(day: date) -> datetime:
    """The start of `day` in UTC (the log's dates are UTC dates)."""
    return datetime.combine(day, time(), UTC)


def _record(row: ExportEntry) -> ExportEntryRecord:
    values = {name: getattr(row, name) for name in _NEW_FIELDS}
    return ExportEntryRecord(
        **values,
        id=row.id,
        exported_at=row.exported_at,
        sent_on=row.sent_on,
        channel=row.channel,
        note=row.note,
    )


class ExportLogRepository(Repository):
    """Entries of the export log. Safe from any thread: each call opens its own session."""

    def __init__(
        self, sessions: sessionmaker[Session], path: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(sessions, path)
        self._clock = clock

    def record(
        self, entries: Sequence[NewExportEntry], *, note: str = ""
    ) -> builtins.list[ExportEntryRecord]:
        """Add entries, all in one transaction, stamped with the current time (and `note`:
        an export records its files as pending before it renames them into place)."""
        now = as_utc(self._clock())
        with self._write() as session:
            rows = [ExportEntry(**asdict(entry), exported_at=now, note=note) for entry in entries]
            session.add_all(rows)
            session.flush()
            return [_record(row) for row in rows]

    def get(self, entry_id: int) -> ExportEntryRecord:
        """One entry; ItemNotFound if there is none with this id."""
        with self._read() as session:
            row = session.get(ExportEntry, entry_id)
            if row is None:
                raise ItemNotFound("export log entry", entry_id)
            return _record(row)

    def list(
        self,
        *,
        draft_id: int | None = None,
        sent: bool | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> builtins.list[ExportEntryRecord]:
        """Entries in the order they were written, optionally filtered.

        `sent`: True only those marked sent, False only those not; `since`/`until`:
        exported on or after / on or before these UTC dates.
        """
        conditions: list[ColumnElement[bool]] = []
        if draft_id is not None:
            conditions.append(ExportEntry.draft_id == draft_id)
        if sent is not None:
            conditions.append(
                ExportEntry.sent_on.is_not(None) if sent else ExportEntry.sent_on.is_(None)
            )
        # UTC midnights compared as the column's own type: the same SQL on SQLite and
        # PostgreSQL (date(…) >= 'YYYY-MM-DD' is refused there), and it uses the index
        if since is not None:
            conditions.append(ExportEntry.exported_at >= _midnight(since))
        if until is not None:
            conditions.append(ExportEntry.exported_at < _midnight(until + timedelta(days=1)))
        stmt = select(ExportEntry).where(*conditions).order_by(ExportEntry.id)
        with self._read() as session:
            return [_record(row) for row in session.scalars(stmt)]

    def folders(self) -> builtins.list[Path]:
        """The distinct folders the logged files were written to, sorted."""
        with self._read() as session:
            paths = session.scalars(select(ExportEntry.file_path).distinct())
            return sorted({Path(path).parent for path in paths})

    def count(self, draft_id: int) -> int:
        """How many entries name this draft."""
        with self._read() as session:
            stmt = select(func.count()).where(ExportEntry.draft_id == draft_id)
            return int(session.scalar(stmt) or 0)

    def mark_sent(
        self, entry_id: int, *, sent_on: date, channel: str, note: str = ""
    ) -> ExportEntryRecord:
        """Say the file went out on `sent_on` by `channel` (marking again replaces it)."""
        with self._write() as session:
            row = session.get(ExportEntry, entry_id)
            if row is None:
                raise ItemNotFound("export log entry", entry_id)
            row.sent_on, row.channel, row.note = sent_on, channel, note
            session.flush()
            return _record(row)

    def clear_note(self, entry_ids: Sequence[int], note: str) -> None:
        """Clear the note of these entries where it is still `note` (a pending export done)."""
        with self._write() as session:
            for entry_id in entry_ids:
                row = session.get(ExportEntry, entry_id)
                if row is not None and row.note == note:
                    row.note = ""

    def mark_unsent(self, entry_id: int) -> ExportEntryRecord:
        """Take back a "sent" mark (date, channel and note)."""
        with self._write() as session:
            row = session.get(ExportEntry, entry_id)
            if row is None:
                raise ItemNotFound("export log entry", entry_id)
            row.sent_on, row.channel, row.note = None, None, ""
            session.flush()
            return _record(row)
