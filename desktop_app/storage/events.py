"""EventRepository: events and the drafts of their sets, one short transaction per call."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage.codec import SUMMARY_COLUMNS, summary_from_row
from desktop_app.storage.errors import DraftNotFound, EventChanged, ItemNotFound
from desktop_app.storage.models import Draft, Event, EventDocument, as_utc
from desktop_app.storage.records import DraftSummary, EventRecord
from desktop_app.storage.repository import Repository


def _record(row: Event, draft_ids: Sequence[int]) -> EventRecord:
    return EventRecord(
        id=row.id,
        title_ko=row.title_ko,
        title_en=row.title_en,
        date=row.event_date,
        place_ko=row.place_ko,
        place_en=row.place_en,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        draft_ids=tuple(draft_ids),
    )


def _draft_ids(session: Session, event_id: int) -> list[int]:
    stmt = (
        select(EventDocument.draft_id)
        .where(EventDocument.event_id == event_id)
        .order_by(EventDocument.position, EventDocument.draft_id)
    )
    return list(session.scalars(stmt))


class EventRepository(Repository):
    """Events and their sets. A draft is in at most one event: adding it to another moves it."""

    def __init__(
        self, sessions: sessionmaker[Session], path: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(sessions, path)
        self._clock = clock

    def create(
        self,
        *,
        title_ko: str = "",
        title_en: str = "",
        when: date | None = None,
        place_ko: str = "",
        place_en: str = "",
    ) -> EventRecord:
        now = as_utc(self._clock())
        row = Event(
            title_ko=title_ko,
            title_en=title_en,
            event_date=when,
            place_ko=place_ko,
            place_en=place_en,
            created_at=now,
            updated_at=now,
            version=1,
        )
        with self._write() as session:
            session.add(row)
            session.flush()
            return _record(row, [])

    def get(self, event_id: int) -> EventRecord:
        """One event with its drafts in order; ItemNotFound if there is none."""
        with self._read() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise ItemNotFound("event", event_id)
            return _record(row, _draft_ids(session, event_id))

    def list(self) -> builtins.list[EventRecord]:
        """Every event, newest date first (undated last), then newest created."""
        stmt = select(Event).order_by(
            Event.event_date.is_(None), Event.event_date.desc(), Event.id.desc()
        )
        with self._read() as session:
            return [_record(row, _draft_ids(session, row.id)) for row in session.scalars(stmt)]

    def update(
        self,
        event_id: int,
        *,
        expected_version: int,
        title_ko: str,
        title_en: str,
        when: date | None,
        place_ko: str,
        place_en: str,
    ) -> EventRecord:
        """New title, date and place; EventChanged if changed since `expected_version`."""
        with self._write() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise ItemNotFound("event", event_id)
            if row.version != expected_version:
                raise EventChanged(event_id)
            row.title_ko, row.title_en, row.event_date = title_ko, title_en, when
            row.place_ko, row.place_en = place_ko, place_en
            row.version += 1
            row.updated_at = as_utc(self._clock())
            session.flush()
            return _record(row, _draft_ids(session, event_id))

    def delete(self, event_id: int) -> None:
        """Delete the event; its drafts stay (only their place in the set goes)."""
        with self._write() as session:
            session.execute(delete(EventDocument).where(EventDocument.event_id == event_id))
            row = session.get(Event, event_id)
            if row is None:
                raise ItemNotFound("event", event_id)
            session.delete(row)

    def documents(self, event_id: int) -> builtins.list[DraftSummary]:
        """The summaries (as the draft list has them) of the set's live drafts, in order."""
        stmt = (
            select(*SUMMARY_COLUMNS)
            .join(EventDocument, EventDocument.draft_id == Draft.id)
            .where(EventDocument.event_id == event_id, Draft.deleted_at.is_(None))
            .order_by(EventDocument.position, EventDocument.draft_id)
        )
        with self._read() as session:
            return [summary_from_row(row) for row in session.execute(stmt)]

    def event_of(self, draft_id: int) -> int | None:
        """The id of the event the draft is in, if any."""
        with self._read() as session:
            return session.scalar(
                select(EventDocument.event_id).where(EventDocument.draft_id == draft_id)
            )

    def add(self, event_id: int, draft_ids: Sequence[int]) -> EventRecord:
        """Append drafts to the set (a draft in another event moves here; one already in
        this set stays where it is). DraftNotFound for a missing or trashed draft."""
        with self._write() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise ItemNotFound("event", event_id)
            position = session.scalar(
                select(func.max(EventDocument.position)).where(EventDocument.event_id == event_id)
            )
            position = -1 if position is None else position
            for draft_id in draft_ids:
                draft = session.get(Draft, draft_id)
                if draft is None or draft.deleted_at is not None:
                    raise DraftNotFound(draft_id)
                link = session.get(EventDocument, draft_id)
                if link is not None and link.event_id == event_id:
                    continue
                position += 1
                if link is None:
                    session.add(
                        EventDocument(draft_id=draft_id, event_id=event_id, position=position)
                    )
                else:
                    link.event_id, link.position = event_id, position
                session.flush()
            self._touch(row)
            session.flush()
            return _record(row, _draft_ids(session, event_id))

    def remove(self, event_id: int, draft_ids: Sequence[int]) -> EventRecord:
        """Take drafts out of the set (the drafts themselves stay)."""
        with self._write() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise ItemNotFound("event", event_id)
            session.execute(
                delete(EventDocument).where(
                    EventDocument.event_id == event_id, EventDocument.draft_id.in_(draft_ids)
                )
            )
            self._touch(row)
            session.flush()
            return _record(row, _draft_ids(session, event_id))

    def reorder(self, event_id: int, draft_ids: Sequence[int]) -> EventRecord:
        """Put the set in this order; `draft_ids` must be exactly the set's drafts."""
        with self._write() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise ItemNotFound("event", event_id)
            current = _draft_ids(session, event_id)
            if sorted(current) != sorted(draft_ids) or len(set(draft_ids)) != len(draft_ids):
                raise ValueError("reorder names exactly the drafts of the set")
            for position, draft_id in enumerate(draft_ids):
                session.get_one(EventDocument, draft_id).position = position
            self._touch(row)
            session.flush()
            return _record(row, _draft_ids(session, event_id))

    def _touch(self, row: Event) -> None:
        row.updated_at = as_utc(self._clock())
        row.version += 1
