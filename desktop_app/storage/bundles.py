"""What bundles between laptops need from the database: uids, histories, one-transaction
imports, and the conflicts kept for the person to choose (tables of migration 0006).

An address-book entry or clause changed on both sides waits in `meta` under
`bundle_entry_conflict:<its uid>` (a JSON record: the bundle's version, with links as ids
here): no table of its own, so no migration; `meta` is inside SQLCipher when the
database is encrypted, as the entries are."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage import last_save
from desktop_app.storage.codec import (
    dump_payload,
    from_row,
    index_text,
    load_payload,
    row_values,
    snapshot,
)
from desktop_app.storage.errors import ConflictError, DraftNotFound
from desktop_app.storage.models import (
    BundleConflict,
    BundleEntry,
    BundleImport,
    Draft,
    Meta,
    Revision,
    as_utc,
)
from desktop_app.storage.repository import Repository, one_transaction

ENTRY_CONFLICT = "bundle_entry_conflict:"  # + the entry's uid: a key of `meta`


@dataclass(frozen=True)
class SharedRevision:
    """A revision as it travels in a bundle (its uid is the same on every laptop)."""

    uid: str
    created_at: datetime
    reason: str
    draft_version: int
    format_version: int
    title_ko: str
    title_en: str
    search_text: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class SharedDraft:
    """A draft as it travels in a bundle: its uid, row facts and revisions, oldest first."""

    uid: str
    kind: str
    status: str
    format_version: int
    title_ko: str
    title_en: str
    payload: dict[str, Any]
    revisions: tuple[SharedRevision, ...]


@dataclass(frozen=True)
class LocalState:
    """A draft found by uid here: its id, version, current text and known revision uids."""

    id: int
    version: int
    title_ko: str
    title_en: str
    payload: dict[str, Any]
    revision_uids: frozenset[str]
    trashed: bool


@dataclass(frozen=True)
class NewConflict:
    """A field changed differently on both sides: where, and the three values."""

    path: tuple[str | int, ...]
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class PendingConflict(NewConflict):
    """A conflict kept in the database until the person chooses."""

    id: int = 0
    draft_id: int = 0
    bundle_id: str = ""


@dataclass(frozen=True)
class DraftText:
    """A draft's new text as the import writes it (titles, search text, list figures)."""

    payload: dict[str, Any]
    format_version: int
    title_ko: str
    title_en: str
    search_text: str
    translation: tuple[int, int, int]


@dataclass
class ImportPlan:
    """Everything one bundle changes, written in one transaction (or not at all)."""

    bundle_id: str
    signer: str
    new_drafts: list[tuple[SharedDraft, DraftText]] = field(default_factory=list)
    # (draft id, expected version, revisions to add, new text or None, merge reason, conflicts)
    updates: list[
        tuple[int, int, list[SharedRevision], DraftText | None, str | None, list[NewConflict]]
    ] = field(default_factory=list)


class BundleRepository(Repository):
    """Reads drafts with their uids and histories; applies an import plan atomically."""

    def __init__(
        self, sessions: sessionmaker[Session], path: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(sessions, path)
        self._clock = clock
        self._last_saved: tuple[datetime, int] | None = None  # recorded when committed

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction for everything the block does through this database's
        repositories (an import's entries, drafts and glossary terms): all or nothing."""
        self._last_saved = None
        try:
            with one_transaction(self._sessions):
                yield
        except DBAPIError as exc:  # the commit itself failed
            raise self._error_for(exc.orig) from exc
        finally:
            saved, self._last_saved = self._last_saved, None
        if saved is not None:
            last_save.record(self._path, *saved)

    def shared(self, draft_id: int, *, head_reason: str) -> SharedDraft:
        """A draft and its whole history; its current text is made the newest revision
        first (under `head_reason`) when it is not one yet, so the bundle's head has a uid."""
        with self._write() as session:
            draft = session.get(Draft, draft_id)
            if draft is None:
                raise DraftNotFound(draft_id)
            rows = list(
                session.scalars(
                    select(Revision).where(Revision.draft_id == draft_id).order_by(Revision.id)
                )
            )
            if not rows or not _same_text(rows[-1], draft):
                head = snapshot(draft, head_reason, as_utc(self._clock()))
                session.add(head)
                session.flush()
                rows.append(head)
            revisions = tuple(_shared_revision(row) for row in rows)
            return from_row(SharedDraft, draft, revisions=revisions)

    def local(self, uid: str) -> LocalState | None:
        """The draft with this uid here (trash included), or None."""
        with self._read() as session:
            draft = session.scalar(select(Draft).where(Draft.uid == uid))
            if draft is None:
                return None
            uids = session.scalars(select(Revision.uid).where(Revision.draft_id == draft.id))
            return from_row(
                LocalState,
                draft,
                revision_uids=frozenset(uids),
                trashed=draft.deleted_at is not None,
            )

    def revision_payload(self, uid: str) -> tuple[str, str, dict[str, Any]] | None:
        """(title_ko, title_en, payload) of the revision with this uid here, if any."""
        with self._read() as session:
            row = session.scalar(select(Revision).where(Revision.uid == uid))
            if row is None:
                return None
            return row.title_ko, row.title_en, load_payload(row.payload)

    def imported(self, bundle_id: str) -> bool:
        """True when this bundle was imported here before."""
        with self._read() as session:
            return session.get(BundleImport, bundle_id) is not None

    def apply(self, plan: ImportPlan) -> dict[str, int]:
        """Write the plan in one transaction; returns each draft's uid → its id here.

        A draft saved here meanwhile (its version moved) raises ConflictError and nothing
        is written."""
        now = as_utc(self._clock())
        ids: dict[str, int] = {}
        touched: list[int] = []
        with self._write() as session:
            if session.get(BundleImport, plan.bundle_id) is not None:
                return ids
            for shared, new_text in plan.new_drafts:
                created = Draft(
                    uid=shared.uid,
                    kind=shared.kind,
                    status=shared.status,
                    created_at=now,
                    updated_at=now,
                    deleted_at=None,
                    version=1,
                    **_text_values(new_text),
                )
                session.add(created)
                session.flush()
                for revision in shared.revisions:
                    session.add(_revision_row(created.id, revision))
                ids[shared.uid] = created.id
                touched.append(created.id)
            for draft_id, expected, revisions, text, reason, conflicts in plan.updates:
                draft = session.get(Draft, draft_id)
                if draft is None:
                    raise DraftNotFound(draft_id)
                if draft.version != expected:
                    raise ConflictError(draft_id, expected, draft.version)
                if reason is not None:  # the text here before the merge, kept
                    session.add(snapshot(draft, f"before {reason}", now))
                for revision in revisions:
                    session.add(_revision_row(draft_id, revision))
                if text is not None:
                    for name, value in _text_values(text).items():
                        setattr(draft, name, value)
                    draft.version += 1
                    draft.updated_at = now
                    session.flush()
                    if reason is not None:
                        session.add(snapshot(draft, reason, now))
                for conflict in conflicts:
                    session.add(
                        BundleConflict(
                            draft_id=draft_id,
                            bundle_id=plan.bundle_id,
                            created_at=now,
                            path=json.dumps(list(conflict.path), ensure_ascii=False),
                            base=_dump(conflict.base),
                            mine=_dump(conflict.mine),
                            theirs=_dump(conflict.theirs),
                        )
                    )
                ids[draft.uid] = draft_id
                touched.append(draft_id)
            session.add(BundleImport(bundle_id=plan.bundle_id, signer=plan.signer, imported_at=now))
        if touched:
            if self._joined() is not None:  # recorded once the block commits
                self._last_saved = (now, touched[-1])
            else:
                last_save.record(self._path, now, touched[-1])
        return ids

    def conflicts(self, draft_id: int | None = None) -> list[PendingConflict]:
        """Pending conflicts (of one draft, or all), oldest first."""
        stmt = select(BundleConflict).order_by(BundleConflict.id)
        if draft_id is not None:
            stmt = stmt.where(BundleConflict.draft_id == draft_id)
        with self._read() as session:
            return [_pending(row) for row in session.scalars(stmt)]

    # -- clauses and address-book entries (migration 0009) ----------------------------

    def entry_uids(self, kind: str, local_ids: list[int]) -> dict[int, str]:
        """Each entry's uid (the one it got first), a new uid for one that has none yet."""
        from desktop_app.storage.models import new_uid

        wanted = sorted(set(local_ids))
        if not wanted:
            return {}
        with self._write() as session:
            rows = session.scalars(
                select(BundleEntry)
                .where(BundleEntry.kind == kind, BundleEntry.local_id.in_(wanted))
                .order_by(BundleEntry.local_id)
            )
            uids: dict[int, str] = {}
            for row in rows:
                uids.setdefault(row.local_id, row.uid)
            for local_id in wanted:
                if local_id not in uids:
                    uids[local_id] = new_uid()
                    session.add(BundleEntry(uid=uids[local_id], kind=kind, local_id=local_id))
            return uids

    def entry(self, uid: str) -> tuple[str, int, str | None] | None:
        """(kind, local id, digest when last shared) of the entry with this uid here."""
        with self._read() as session:
            row = session.get(BundleEntry, uid)
            return None if row is None else (row.kind, row.local_id, row.digest)

    def local_ids(self, kind: str, uids: list[str]) -> dict[str, int]:
        """uid → the entry's id here, for the uids known here."""
        if not uids:
            return {}
        with self._read() as session:
            rows = session.scalars(
                select(BundleEntry).where(BundleEntry.kind == kind, BundleEntry.uid.in_(uids))
            )
            return {row.uid: row.local_id for row in rows}

    def entries(self, uids: list[str]) -> dict[str, tuple[str, int, str | None]]:
        """uid → (kind, local id, digest when last shared), for the uids known here."""
        if not uids:
            return {}
        with self._read() as session:
            rows = session.scalars(select(BundleEntry).where(BundleEntry.uid.in_(uids)))
            return {row.uid: (row.kind, row.local_id, row.digest) for row in rows}

    def link_entries(self, links: list[tuple[str, str, int, str | None]]) -> None:
        """Each (uid, kind, local id, digest): this uid names that entry here; `digest` is
        its content as shared now ("": the two differ, so no later bundle replaces it;
        None: not shared yet). One transaction."""
        with self._write() as session:
            uids = [uid for uid, _kind, _id, _digest in links]
            rows = {
                row.uid: row
                for row in session.scalars(select(BundleEntry).where(BundleEntry.uid.in_(uids)))
            }
            for uid, kind, local_id, digest in links:
                row = rows.get(uid)
                if row is None:
                    row = rows[uid] = BundleEntry(uid=uid)
                    session.add(row)
                row.kind, row.local_id, row.digest = kind, local_id, digest

    def shared_entries(self, kind: str, digests: dict[int, str]) -> None:
        """Entries sent in a bundle: their content becomes the shared one where they were
        never shared before (one kept apart from a colleague's, "", stays so)."""
        with self._write() as session:
            for local_id, digest in digests.items():
                session.execute(
                    update(BundleEntry)
                    .where(
                        BundleEntry.kind == kind,
                        BundleEntry.local_id == local_id,
                        BundleEntry.digest.is_(None),
                    )
                    .values(digest=digest)
                )

    def keep_entry_conflict(self, uid: str, record: dict[str, Any]) -> None:
        """Keep (or replace) the pending conflict of the entry with this uid."""
        with self._write() as session:
            text = json.dumps(record, ensure_ascii=False, sort_keys=True)
            session.merge(Meta(key=ENTRY_CONFLICT + uid, value=text))

    def entry_conflicts(self) -> dict[str, dict[str, Any]]:
        """uid → the pending conflict's record, of every entry with one."""
        with self._read() as session:
            rows = session.scalars(select(Meta).where(Meta.key.startswith(ENTRY_CONFLICT)))
            return {
                row.key.removeprefix(ENTRY_CONFLICT): json.loads(row.value)
                for row in sorted(rows, key=lambda r: r.key)
            }

    def forget_entry_conflicts(self, uids: list[str]) -> None:
        """Drop the pending conflicts of these entries (decided, or nothing to decide)."""
        if not uids:
            return
        with self._write() as session:
            keys = [ENTRY_CONFLICT + uid for uid in uids]
            session.execute(delete(Meta).where(Meta.key.in_(keys)))

    def set_entry_digest(self, uid: str, digest: str) -> None:
        """The content both sides are known to have had: the one the bundle brought."""
        with self._write() as session:
            row = session.get(BundleEntry, uid)
            if row is not None:
                row.digest = digest

    def move_conflict(self, conflict_id: int, path: tuple[str | int, ...]) -> None:
        """A pending conflict's new place (its paragraph moved when one above was chosen)."""
        with self._write() as session:
            row = session.get(BundleConflict, conflict_id)
            if row is not None:
                row.path = json.dumps(list(path), ensure_ascii=False)

    def forget_conflicts(self, ids: list[int]) -> None:
        """Drop conflicts the person has decided."""
        with self._write() as session:
            session.execute(delete(BundleConflict).where(BundleConflict.id.in_(ids)))


def _same_text(revision: Revision, draft: Draft) -> bool:
    return (revision.payload, revision.title_ko, revision.title_en) == (
        draft.payload,
        draft.title_ko,
        draft.title_en,
    )


def _shared_revision(row: Revision) -> SharedRevision:
    return from_row(SharedRevision, row, created_at=as_utc(row.created_at))


def _revision_row(draft_id: int, revision: SharedRevision) -> Revision:
    return Revision(draft_id=draft_id, **row_values(revision))


def _text_values(text: DraftText) -> dict[str, Any]:
    ko_complete, en_complete, warnings = text.translation
    return {
        "payload": dump_payload(text.payload),
        "format_version": text.format_version,
        "title_ko": text.title_ko,
        "title_en": text.title_en,
        "search_text": index_text(text.title_ko, text.title_en, text.search_text),
        "ko_complete": ko_complete,
        "en_complete": en_complete,
        "warnings": warnings,
    }


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _pending(row: BundleConflict) -> PendingConflict:
    return PendingConflict(
        path=tuple(json.loads(row.path)),
        base=json.loads(row.base),
        mine=json.loads(row.mine),
        theirs=json.loads(row.theirs),
        id=row.id,
        draft_id=row.draft_id,
        bundle_id=row.bundle_id,
    )
