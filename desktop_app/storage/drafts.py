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

from desktop_app.storage import backups, last_save
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
from desktop_app.storage.dialects import contains_draft_text, contains_scanned, search_grams
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
        stmt = select(*SUMMARY_COLUMNS).where(*_filters(kind, status, trashed))
        for term in search_terms(search):
            stmt = stmt.where(contains_draft_text(Draft.search_text, term))
        stmt = stmt.order_by(*NEWEST_FIRST)
        with self._read() as session:
            return [summary_from_row(row) for row in session.execute(stmt)]

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

        On PostgreSQL a search is answered in up to three steps (docs/architecture.md):
        first a walk of the newest SEARCH_WALK drafts in order, testing each text, which
        stops at the limit + 1st match (a common term: a few thousand texts read); when
        fewer match there, the indexes answer, asked first about the newest drafts only
        (as many as should hold twice the page, judged from the walk's matches), then,
        if those held too few, about all of them (all the drafts they find, sorted, the
        newest kept). The planner left alone chose the walk for a common term but with
        dari_grams computed for each draft it passed (a syllable in a quarter of the
        drafts: ~0.2–0.3 s), or the index for every draft found.
        """
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        terms = search_terms(search)
        filters = _filters(kind, status, trashed)
        wanted = limit + 1
        with self._read() as session:
            if terms and session.get_bind().dialect.name == "postgresql":
                rows = _walk_newest(session, filters, terms, wanted)
                if len(rows) < wanted:
                    rows = _by_index_newest_first(session, filters, terms, wanted, len(rows))
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

# How many of the newest drafts a PostgreSQL search reads in order before asking the
# indexes (DraftRepository.page). Reading a draft's text in the walk costs ~6 µs here; the
# index path costs ~9 µs per draft found when its text must be read again (a term of three
# characters or more), ~12 µs through the trigram index. A term in more than 10% of the
# drafts fills a page of 500 within the walk; a rarer one is asked of the indexes about
# the newest drafts first. 5,000 and 8,000 measured over 100,000 drafts: 5,000 had the
# lower worst case (bench/bench_postgres.py --search).
SEARCH_WALK = 5000


def _filters(kind: str | None, status: str | None, trashed: bool) -> builtins.list[Any]:
    """list()'s conditions other than the search."""
    filters: builtins.list[Any] = [_in_trash(trashed)]
    if kind is not None:
        filters.append(Draft.kind == kind)
    if status is not None:
        filters.append(Draft.status == status)
    return filters


def _walk_newest(
    session: Session,
    filters: builtins.list[Any],
    terms: builtins.list[str],
    wanted: int,
    span: int = 0,
) -> builtins.list[Any]:
    """The first `wanted` matches among the newest `span` (SEARCH_WALK) drafts, read in order (the
    updated_at index, backwards): each text tested by strpos alone, the walk stopping at the
    last one wanted. A subquery's LIMIT bounds the walk, which no condition can be pushed
    under."""
    newest = (
        select(*SUMMARY_COLUMNS, Draft.search_text)
        .where(*filters)
        .order_by(*NEWEST_FIRST)
        .limit(span or SEARCH_WALK)
        .subquery("newest")
    )
    stmt = select(*(newest.c[column.key] for column in SUMMARY_COLUMNS))
    for term in terms:
        stmt = stmt.where(contains_scanned(newest.c.search_text, term))
    stmt = stmt.order_by(newest.c.updated_at.desc(), newest.c.id.desc()).limit(wanted)
    return builtins.list(session.execute(stmt).all())


def _by_index_newest_first(
    session: Session,
    filters: builtins.list[Any],
    terms: builtins.list[str],
    wanted: int,
    walked: int,
) -> builtins.list[Any]:
    """The newest `wanted` matches through the indexes, after a walk that found `walked`
    (fewer) among the newest SEARCH_WALK drafts. A term in some of them is asked about the
    newest drafts that should hold twice the page first: every text the index finds there
    is read again, and only those (strpos after the updated_at test). An English word
    (the trigram index) walks on instead, as far as should hold 1.5 times the page: the
    trigram index's recheck (its LIKE) reads every text it finds before any other test,
    and its trigrams may be in most drafts ("tjwg/2024": all of them). A term the walk
    met in fewer than 1 in 8 × its length is rare enough (at most ~1,600 of 100,000) to
    ask about every draft at once."""
    newest = SEARCH_WALK * wanted * 2 // max(walked, 1)
    if walked and newest <= 8 * SEARCH_WALK:
        if any(search_grams(term) is None for term in terms):
            rows = _walk_newest(session, filters, terms, wanted, span=newest * 3 // 4)
            if len(rows) == wanted:
                return rows
            return _by_index(session, filters, terms, wanted)
        stmt = select(Draft.updated_at).where(*filters).order_by(*NEWEST_FIRST)
        since = session.scalar(stmt.offset(newest - 1).limit(1))
        if since is not None:
            rows = _by_index(session, [*filters, Draft.updated_at >= since], terms, wanted)
            if len(rows) == wanted:  # all older drafts are older than `since`: the same head
                return rows
    return _by_index(session, filters, terms, wanted)


def _by_index(
    session: Session, filters: builtins.list[Any], terms: builtins.list[str], wanted: int
) -> builtins.list[Any]:
    """The newest `wanted` of every draft the search indexes find (a rare term): they are
    gathered first (a MATERIALIZED CTE, so that the planner cannot walk the updated_at
    index instead, computing dari_grams for each draft), then sorted."""
    found = select(*SUMMARY_COLUMNS).where(*filters)
    for term in terms:
        found = found.where(contains_draft_text(Draft.search_text, term))
    cte = found.cte("found").prefix_with("MATERIALIZED")
    stmt = select(*(cte.c[column.key] for column in SUMMARY_COLUMNS))
    stmt = stmt.order_by(cte.c.updated_at.desc(), cte.c.id.desc()).limit(wanted)
    return builtins.list(session.execute(stmt).all())


def _in_trash(trashed: bool) -> ColumnElement[bool]:
    return Draft.deleted_at.is_not(None) if trashed else Draft.deleted_at.is_(None)


def _rowcount(session: Session, stmt: Executable) -> int:
    """Rows matched by an UPDATE or DELETE."""
    result = cast(CursorResult[Any], session.execute(stmt))
    return int(result.rowcount)
