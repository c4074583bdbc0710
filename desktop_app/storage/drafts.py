"""DraftRepository: drafts, revisions, search and trash, one short transaction per call."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, cast

from sqlalchemy import ColumnElement, CursorResult, Executable, delete, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage import backups, last_save, search_pg
from desktop_app.storage.codec import (
    SUMMARY_COLUMNS,
    draft_record,
    dump_payload,
    from_row,
    index_text,
    load_payload,
    revision_record,
    search_terms,
    snapshot,
    summary_from_row,
)
from desktop_app.storage.dialects import contains_draft_text
from desktop_app.storage.errors import ConflictError, DraftNotFound, RevisionNotFound
from desktop_app.storage.models import (
    BundleConflict,
    Draft,
    EventDocument,
    ExportEntry,
    Revision,
    as_utc,
)
from desktop_app.storage.records import DraftPage, DraftRecord, DraftSummary, RevisionRecord
from desktop_app.storage.repository import Repository


class DraftRepository(Repository):
    """Reads and writes drafts. Every write is committed (durable) when the call returns."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        clock: Callable[[], datetime],
        checkpoint: Callable[[], None],
        path: Path,
        key: Callable[[], Any] = lambda: None,
        on_server: bool = False,
    ) -> None:
        super().__init__(sessions, path)
        # A server database has no file of ours: no last-save marker, no backup copies.
        self._on_server = on_server
        self._clock = clock
        self._checkpoint = checkpoint
        self._key = key  # the session's key (an encrypted database), for its backups

    # -- drafts -------------------------------------------------------------------------

    def create(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        format_version: int,
        title_ko: str = "",
        title_en: str = "",
        status: str = "draft",
        search_text: str = "",
        reason: str = "created",
        translation: tuple[int, int, int] | None = None,
    ) -> DraftRecord:
        """Insert a draft at version 1 and its first revision.

        `translation` is (Korean %, English %, warnings) for the list.
        """
        now = self._now()
        ko_complete, en_complete, warnings = translation or (-1, -1, 0)
        draft = Draft(
            ko_complete=ko_complete,
            en_complete=en_complete,
            warnings=warnings,
            kind=kind,
            title_ko=title_ko,
            title_en=title_en,
            status=status,
            created_at=now,
            updated_at=now,
            deleted_at=None,
            version=1,
            format_version=format_version,
            payload=dump_payload(payload),
            search_text=index_text(title_ko, title_en, search_text),
        )
        with self._write() as session:
            session.add(draft)
            session.flush()
            session.add(snapshot(draft, reason, now))
            record = draft_record(draft)
        if not self._on_server:
            last_save.record(self._path, now, record.id)
        return record

    def get(self, draft_id: int, *, include_trashed: bool = True) -> DraftRecord:
        """The draft with its payload; DraftNotFound if absent (or trashed and excluded)."""
        with self._read() as session:
            draft = session.get(Draft, draft_id)
            if draft is None or (not include_trashed and draft.deleted_at is not None):
                raise DraftNotFound(draft_id)
            return draft_record(draft)

    def save(
        self,
        draft_id: int,
        payload: dict[str, Any],
        *,
        expected_version: int,
        format_version: int,
        title_ko: str,
        title_en: str,
        status: str | None = None,
        search_text: str,
        revision_reason: str | None = None,
        translation: tuple[int, int, int] | None = None,
    ) -> DraftRecord:
        """Store a new version if the stored one is still expected_version (else ConflictError)."""
        values: dict[str, Any] = {}
        if translation is not None:
            values.update(zip(("ko_complete", "en_complete", "warnings"), translation, strict=True))
        values |= {
            "payload": dump_payload(payload),
            "format_version": format_version,
            "title_ko": title_ko,
            "title_en": title_en,
            "search_text": index_text(title_ko, title_en, search_text),
        }
        if status is not None:
            values["status"] = status
        return self._update(draft_id, expected_version, values, revision_reason)

    def list(
        self,
        *,
        search: str | None = None,
        kind: str | None = None,
        status: str | None = None,
        trashed: bool = False,
    ) -> builtins.list[DraftSummary]:
        """Live drafts (or, with trashed=True, only the trash), newest updated first."""
        terms = search_terms(search)
        filters = _filters(kind, status, trashed)
        if terms and self._on_server:
            self._catch_up()
        with self._read() as session:
            if terms and session.get_bind().dialect.name == "postgresql":
                rows = search_pg.every_match(session, filters, terms)
            else:
                stmt = select(*SUMMARY_COLUMNS).where(*filters)
                for term in terms:
                    stmt = stmt.where(contains_draft_text(Draft.search_text, term))
                rows = builtins.list(session.execute(stmt.order_by(*NEWEST_FIRST)))
            return [summary_from_row(row) for row in rows]

    def page(
        self,
        *,
        limit: int,
        search: str | None = None,
        kind: str | None = None,
        status: str | None = None,
        trashed: bool = False,
    ) -> DraftPage:
        """The newest `limit` drafts that list() would return (same order), and whether it
        would return more: limit + 1 are fetched, nothing is counted.

        On PostgreSQL a search is answered by `search_pg.newest_matches`: walks of the
        newest drafts in order, the gram index asked first for a term the first short walk
        met at most twice, and the indexes asked about the drafts older than the walked
        ones when a term is too rare for the walks to fill the page (docs/architecture.md).
        """
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        terms = search_terms(search)
        filters = _filters(kind, status, trashed)
        wanted = limit + 1
        if terms and self._on_server:
            self._catch_up()
        with self._read() as session:
            if terms and session.get_bind().dialect.name == "postgresql":
                rows = search_pg.newest_matches(session, filters, terms, wanted)
            else:
                stmt = select(*SUMMARY_COLUMNS).where(*filters)
                for term in terms:
                    stmt = stmt.where(contains_draft_text(Draft.search_text, term))
                rows = builtins.list(session.execute(stmt.order_by(*NEWEST_FIRST).limit(wanted)))
        summaries = [summary_from_row(row) for row in rows]
        return DraftPage(tuple(summaries[:limit]), more=len(summaries) > limit)

    def count(self, *, trashed: bool = False) -> int:
        """How many live drafts there are (or, with trashed=True, how many are in the trash)."""
        with self._read() as session:
            stmt = select(func.count()).select_from(Draft).where(_in_trash(trashed))
            return int(session.scalar(stmt) or 0)

    # -- revisions ----------------------------------------------------------------------

    def revisions(self, draft_id: int) -> builtins.list[RevisionRecord]:
        """All revisions of a draft, newest first."""
        with self._read() as session:
            if session.get(Draft, draft_id) is None:
                raise DraftNotFound(draft_id)
            stmt = (
                select(Revision).where(Revision.draft_id == draft_id).order_by(Revision.id.desc())
            )
            return [revision_record(revision) for revision in session.scalars(stmt)]

    def add_revision(self, draft_id: int, reason: str) -> RevisionRecord:
        """Snapshot the draft's current payload and titles under `reason`."""
        now = self._now()
        with self._write() as session:
            draft = session.get(Draft, draft_id)
            if draft is None:
                raise DraftNotFound(draft_id)
            revision = snapshot(draft, reason, now)
            session.add(revision)
            session.flush()
            return revision_record(revision)

    def get_revision(self, revision_id: int) -> RevisionRecord:
        """One revision; RevisionNotFound if absent."""
        with self._read() as session:
            revision = session.get(Revision, revision_id)
            if revision is None:
                raise RevisionNotFound(revision_id)
            return revision_record(revision)

    def restore_revision(self, revision_id: int, *, expected_version: int) -> DraftRecord:
        """Save a revision's payload and titles as the draft's next version."""
        with self._read() as session:
            revision = session.get(Revision, revision_id)
            if revision is None:
                raise RevisionNotFound(revision_id)
            draft_id = revision.draft_id
            values: dict[str, Any] = {
                "payload": revision.payload,
                "format_version": revision.format_version,
                "title_ko": revision.title_ko,
                "title_en": revision.title_en,
                "search_text": revision.search_text,
            }
        return self._update(
            draft_id, expected_version, values, f"restored from revision {revision_id}"
        )

    # -- trash --------------------------------------------------------------------------

    def trash(self, draft_id: int) -> None:
        """Move a draft to the trash (version and text unchanged; no-op if already there).

        It leaves its event's set (a purge does too, by the foreign key's cascade)."""
        with self._write() as session:
            stmt = (
                update(Draft)
                .where(Draft.id == draft_id, Draft.deleted_at.is_(None))
                .values(deleted_at=self._now())
            )
            if _rowcount(session, stmt) == 0 and session.get(Draft, draft_id) is None:
                raise DraftNotFound(draft_id)
            session.execute(delete(EventDocument).where(EventDocument.draft_id == draft_id))

    def restore(self, draft_id: int) -> None:
        """Take a draft out of the trash (no-op if it is not there)."""
        self._set_deleted_at(draft_id, Draft.deleted_at.is_not(None), None)

    def purge(self, draft_id: int, *, keep_exports: bool = False) -> tuple[Path, ...]:
        """Delete a draft and its revisions for good, leaving no readable text behind.

        Its export log entries go in the same transaction unless `keep_exports`. Returns
        the damaged files kept aside that could not be rebuilt without it (they may still
        hold its text: `backups.Forgotten.left`).
        """
        with self._write() as session:
            session.execute(delete(Revision).where(Revision.draft_id == draft_id))
            session.execute(delete(BundleConflict).where(BundleConflict.draft_id == draft_id))
            if not keep_exports:
                session.execute(delete(ExportEntry).where(ExportEntry.draft_id == draft_id))
            if _rowcount(session, delete(Draft).where(Draft.id == draft_id)) == 0:
                raise DraftNotFound(draft_id)
        return self._forget_everywhere([draft_id], keep_exports=keep_exports)

    def empty_trash(self, *, keep_exports: bool = False) -> tuple[int, tuple[Path, ...]]:
        """Purge every draft in the trash (and, unless `keep_exports`, their export log
        entries); how many were deleted, and the damaged files kept aside that could not be
        rebuilt without them (as `purge`)."""
        trashed_ids = select(Draft.id).where(Draft.deleted_at.is_not(None))
        with self._write() as session:
            ids = [int(row) for row in session.scalars(trashed_ids)]
            session.execute(delete(Revision).where(Revision.draft_id.in_(ids)))
            session.execute(delete(BundleConflict).where(BundleConflict.draft_id.in_(ids)))
            if not keep_exports:
                session.execute(delete(ExportEntry).where(ExportEntry.draft_id.in_(ids)))
            purged = _rowcount(session, delete(Draft).where(Draft.id.in_(ids)))
        left = self._forget_everywhere(ids, keep_exports=keep_exports)
        return purged, left

    def _forget_everywhere(
        self, draft_ids: builtins.list[int], *, keep_exports: bool
    ) -> tuple[Path, ...]:
        """After a purge: the WAL folded in and truncated (secure_delete has zeroed the
        freed cells), and the drafts deleted from every backup and file kept aside; the
        damaged files kept aside that could not be rewritten."""
        self._checkpoint()  # on a server: VACUUM of the tables the rows were deleted from
        if self._on_server:
            return ()
        done = backups.forget_drafts(
            self._path, draft_ids, keep_exports=keep_exports, key=self._key()
        )
        recorded = last_save.read(self._path)
        if recorded is not None and recorded.draft_id in draft_ids:
            last_save.forget(self._path)  # its draft is gone: nothing to compare with
        return done.left

    def newest_save(self) -> datetime | None:
        """When the most recently saved draft (trash included) was saved."""
        with self._read() as session:
            newest = session.scalar(select(func.max(Draft.updated_at)))
            return as_utc(newest) if newest is not None else None

    # -- helpers ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return as_utc(self._clock())

    def _update(
        self,
        draft_id: int,
        expected_version: int,
        values: dict[str, Any],
        revision_reason: str | None,
    ) -> DraftRecord:
        now = self._now()
        stmt = (
            update(Draft)
            .where(Draft.id == draft_id, Draft.version == expected_version)
            .values(**values, updated_at=now, version=Draft.version + 1)
            .execution_options(synchronize_session=False)
        )
        if self._on_server and not revision_reason:
            return self._update_alone(stmt, draft_id, expected_version, values)
        with self._write() as session:
            # the new row comes back with the UPDATE (RETURNING): one round trip less per
            # autosave than reading it after, which a server's latency would double
            draft = session.scalars(stmt.returning(Draft)).one_or_none()
            if draft is None:
                _raise_not_saved(session, draft_id, expected_version)
            if revision_reason:
                session.add(snapshot(draft, revision_reason, now))
            record = draft_record(draft)
        if not self._on_server:
            last_save.record(self._path, now, draft_id)
        return record

    def _update_alone(
        self, stmt: Any, draft_id: int, expected_version: int, values: dict[str, Any]
    ) -> DraftRecord:
        """A save with no revision on a server: the UPDATE … RETURNING on its own, committed
        by itself (autocommit: one statement is one transaction), so an autosave is one round
        trip instead of three (BEGIN, UPDATE, COMMIT) — what a server across an office's
        network makes each save wait for.

        A connection found dead by that statement (the server restarted since the pool's
        last use) is replaced and the save asked once more. Had the lost statement committed
        all the same (the reply lost, not the request), the second finds the version moved:
        when the stored row is this very save, that is the save, not a conflict."""
        # Only the columns the save does not know come back: the payload and the search
        # text (most of the row) were just sent.
        returning = stmt.returning(*SUMMARY_COLUMNS, Draft.format_version)
        for attempt in (1, 2):
            try:
                with self._sessions() as session:
                    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
                    row: Any = session.execute(returning).one_or_none()
                    if row is None and attempt == 2:
                        row = _this_save(session, draft_id, expected_version, values)
                    if row is None:
                        _raise_not_saved(session, draft_id, expected_version)
                    return from_row(DraftRecord, row, payload=load_payload(values["payload"]))
            except DBAPIError as exc:
                if attempt == 1 and exc.connection_invalidated:
                    continue
                raise self.error_for(exc.orig) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _catch_up(self) -> None:
        """Before a search on a server: the indexed copies of the drafts saved since brought
        up to date (`search_pg.catch_up`), committed before the search's snapshot."""
        with self._read() as session:
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            search_pg.catch_up(session)

    def _set_deleted_at(
        self, draft_id: int, condition: ColumnElement[bool], value: datetime | None
    ) -> None:
        with self._write() as session:
            stmt = update(Draft).where(Draft.id == draft_id, condition).values(deleted_at=value)
            if _rowcount(session, stmt) == 0 and session.get(Draft, draft_id) is None:
                raise DraftNotFound(draft_id)


def _raise_not_saved(session: Session, draft_id: int, expected_version: int) -> NoReturn:
    """The UPDATE matched no row: the draft is gone, or saved since `expected_version`."""
    actual = session.scalar(select(Draft.version).where(Draft.id == draft_id))
    if actual is None:
        raise DraftNotFound(draft_id)
    raise ConflictError(draft_id, expected_version, actual)


def _this_save(
    session: Session, draft_id: int, expected_version: int, values: dict[str, Any]
) -> Draft | None:
    """The stored draft when it is exactly the save of `values` over `expected_version`
    (a save whose reply was lost), else None."""
    draft = session.get(Draft, draft_id)
    if draft is None or draft.version != expected_version + 1:
        return None
    if any(getattr(draft, name) != value for name, value in values.items()):
        return None
    return draft


NEWEST_FIRST = (Draft.updated_at.desc(), Draft.id.desc())


def _filters(kind: str | None, status: str | None, trashed: bool) -> builtins.list[Any]:
    """list()'s conditions other than the search."""
    filters: builtins.list[Any] = [_in_trash(trashed)]
    if kind is not None:
        filters.append(Draft.kind == kind)
    if status is not None:
        filters.append(Draft.status == status)
    return filters


def _in_trash(trashed: bool) -> ColumnElement[bool]:
    return Draft.deleted_at.is_not(None) if trashed else Draft.deleted_at.is_(None)


def _rowcount(session: Session, stmt: Executable) -> int:
    """Rows matched by an UPDATE or DELETE."""
    result = cast(CursorResult[Any], session.execute(stmt))
    return int(result.rowcount)
