"""Edits kept on this computer while the shared database cannot be reached (issue 14).

When a save to the shared PostgreSQL database fails because the server is unreachable, the
window keeps the draft's text here, in the data folder, so that a crash or a quit while
offline loses nothing; when the server answers again the edit is sent as an ordinary save
against the version it started from (a colleague's change meanwhile is the usual conflict
question, never a lost update), and the file is removed at once.

One file per draft: `DATA/pending/<server key>/draft-<id>.json` (the server key is a hash
of the server's name, so an edit is never sent to another database's draft of the same
number), written atomically (a hidden 600 temporary file, fsynced, renamed), the folders
700. It holds only what the save needs: the draft's number, the version the edit started
from, the document's JSON, the status and revision reason asked for, and when it was kept.

This copy is plain text (the server's drafts are not encrypted on this computer): the data
folder is the user's alone, the file lives only while the server is away, and it is
unlinked as soon as the save it stands for has reached the server.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from desktop_app.domain import from_json, to_json
from desktop_app.files import ExportError, atomic_write_bytes, private_folder
from desktop_app.services.changes import ConflictChoice, OpChanges
from desktop_app.services.errors import DariError
from desktop_app.storage.errors import (
    ConflictError,
    DraftNotFound,
    ServerUnavailable,
    StorageError,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from desktop_app.services.drafts import DraftService, LoadedDraft
    from desktop_app.storage import Database

log = logging.getLogger(__name__)

PENDING_FOLDER = "pending"
FORMAT = 1


# The first revision of a draft made from a kept text whose draft was purged meanwhile
PURGED_REASON = "kept on this computer; draft {number} was gone"


def server_key(server: str) -> str:
    """The folder name of one server's pending edits (no name of the server on disk)."""
    return hashlib.sha256(server.encode("utf-8")).hexdigest()[:16]


def _remove(folder: Path, draft_id: int) -> None:
    """Unlink one kept edit's file; the server's folder and `pending/` too once empty."""
    with contextlib.suppress(FileNotFoundError):
        (folder / f"draft-{draft_id}.json").unlink()
    with contextlib.suppress(OSError):  # only when empty; its parent too
        folder.rmdir()
        folder.parent.rmdir()


class Delivery(Enum):
    """What became of a kept edit sent to the server (`PendingEdits.deliver`)."""

    SENT = "sent"  # saved over the version it started from
    OVERWRITTEN = "overwritten"  # changed there meanwhile: saved over it (theirs a revision)
    KEPT_APART = "kept apart"  # changed there meanwhile: theirs stays, the kept text a new draft
    RECREATED = "recreated"  # purged there meanwhile: the kept text a new draft


@dataclass(frozen=True)
class Delivered:
    """A kept edit that reached the server: how, and where its text is now.

    `draft` is the draft holding the kept text: the edit's own draft (SENT, OVERWRITTEN)
    or the new one (KEPT_APART, RECREATED); `changes` what the window refreshes."""

    edit: PendingEdit
    outcome: Delivery
    draft: LoadedDraft
    changes: OpChanges

    @property
    def copy_id(self) -> int | None:
        """The new draft's number when the kept text became one, else None."""
        if self.outcome in (Delivery.KEPT_APART, Delivery.RECREATED):
            return int(self.draft.id)
        return None


@dataclass(frozen=True)
class PendingEdit:
    """A draft's text not yet on the server, and the version it started from."""

    draft_id: int
    base_version: int
    payload: dict[str, Any]
    status: str | None = None
    revision_reason: str | None = None
    kept_at: str = ""  # ISO 8601, UTC

    @property
    def document(self) -> Any:
        """The kept document, decoded."""
        return from_json(self.payload)

    def to_file(self, server: str) -> bytes:
        record = {
            "format": FORMAT,
            "server": server,
            "draft_id": self.draft_id,
            "base_version": self.base_version,
            "status": self.status,
            "revision_reason": self.revision_reason,
            "kept_at": self.kept_at,
            "payload": self.payload,
        }
        return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_file(cls, data: bytes) -> PendingEdit:
        record = json.loads(data.decode("utf-8"))
        if record.get("format") != FORMAT:
            raise ValueError(f"unknown pending format {record.get('format')!r}")
        return cls(
            draft_id=int(record["draft_id"]),
            base_version=int(record["base_version"]),
            payload=dict(record["payload"]),
            status=record.get("status"),
            revision_reason=record.get("revision_reason"),
            kept_at=str(record.get("kept_at", "")),
        )


def export_kept(document: Any, target: Path, today: date) -> Path:
    """A kept text as one Word file (Korean, then English), or as a Dari JSON draft when
    `target` ends in .json (`dari import` and File › Import read it back). Nothing is
    recorded: the export log and the revisions are in the shared database. ExportError or
    DariError as every export; the written file's path."""
    if target.suffix.lower() == ".json":
        data = json.dumps(to_json(document), ensure_ascii=False, indent=2).encode("utf-8")
        try:
            atomic_write_bytes(target, data)
        except ExportError as error:
            raise DariError.saying(error) from error
        return target
    from desktop_app.compose import Layout
    from desktop_app.services.export import ExportRequest, export_files

    request = ExportRequest(languages="both", layout=Layout.COMBINED)
    target = target if target.suffix.lower() == ".docx" else target.with_suffix(".docx")
    [written] = export_files(document, request, target, today, overwrite=True)
    return written


def discard_kept(data_dir: Path, server: str, draft_id: int) -> None:
    """Delete draft `draft_id`'s text kept for `server` (user@host/db) without opening the
    database (`dari pending discard`: the server may be gone for good). The text is gone."""
    _remove(data_dir / PENDING_FOLDER / server_key(server), draft_id)


def kept_in(data_dir: Path) -> list[tuple[str, PendingEdit]]:
    """Every edit kept in the data folder, of any shared database, with the database's name
    (user@host/db): no database needs to be open (`dari pending`, a start while the server
    is still away). Unreadable files are logged and left."""
    found: list[tuple[str, PendingEdit]] = []
    for path in sorted((data_dir / PENDING_FOLDER).glob("*/draft-*.json")):
        try:
            data = path.read_bytes()
            server = str(json.loads(data.decode("utf-8")).get("server", ""))
            found.append((server, PendingEdit.from_file(data)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.warning("a pending edit could not be read (%s): %s", path.name, error)
    return found


class PendingEdits:
    """The pending edits of one shared database, in this computer's data folder."""

    def __init__(self, data_dir: Path, db: Database, drafts: DraftService) -> None:
        assert db.server is not None, "pending edits are kept for a shared database only"
        self.server = db.server
        self.folder = data_dir / PENDING_FOLDER / server_key(db.server)
        self._db = db
        self._drafts = drafts

    @staticmethod
    def is_unreachable(error: BaseException) -> bool:
        """True for the failure a pending copy is for: the server cannot be reached."""
        return isinstance(error, ServerUnavailable)

    def _path(self, draft_id: int) -> Path:
        return self.folder / f"draft-{draft_id}.json"

    def keep(
        self,
        draft_id: int,
        base_version: int,
        document: Any,
        *,
        status: str | None = None,
        revision_reason: str | None = None,
    ) -> PendingEdit:
        """Keep (or replace) the draft's pending edit; ExportError when the file cannot be
        written. A status or revision reason asked for by an earlier kept edit of the same
        base stays when this one asks for none (a revision asked for is not forgotten)."""
        earlier = self.get(draft_id)
        if earlier is not None and earlier.base_version == base_version:
            status = status or earlier.status
            revision_reason = revision_reason or earlier.revision_reason
        edit = PendingEdit(
            draft_id,
            base_version,
            to_json(document),
            status,
            revision_reason,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
        private_folder(self.folder.parent)
        private_folder(self.folder)
        atomic_write_bytes(self._path(draft_id), edit.to_file(self.server))
        return edit

    def get(self, draft_id: int) -> PendingEdit | None:
        """The draft's pending edit, or None (an unreadable file is logged and left)."""
        return self._read(self._path(draft_id))

    def all(self) -> list[PendingEdit]:
        """Every pending edit of this database, by draft number."""
        if not self.folder.is_dir():
            return []
        found = (self._read(path) for path in sorted(self.folder.glob("draft-*.json")))
        return sorted((edit for edit in found if edit is not None), key=lambda e: e.draft_id)

    def discard(self, draft_id: int) -> None:
        """Remove the draft's pending edit (it reached the server, or was resolved)."""
        _remove(self.folder, draft_id)

    def send(self, edit: PendingEdit) -> LoadedDraft:
        """Save the edit as an ordinary save against its base version, then remove it.

        ConflictError when the draft was saved elsewhere meanwhile (the file stays: the
        caller asks the conflict question and discards it after resolving), and
        ServerUnavailable while the server is still away."""
        saved = self._drafts.save(
            edit.draft_id,
            edit.document,
            expected_version=edit.base_version,
            revision_reason=edit.revision_reason,
            status=edit.status,
        )
        self.discard(edit.draft_id)
        return saved

    def deliver(
        self, edit: PendingEdit, choose: Callable[[PendingEdit], ConflictChoice]
    ) -> Delivered:
        """Send one kept edit, whatever happened to its draft meanwhile; nothing is lost.

        Unchanged there since the edit's base version: an ordinary save. Changed there
        (a colleague's save): `choose(edit)` says what to do — the window asks the
        conflict question, `dari pending send` answers OPEN_THEIRS (or KEEP_MINE with
        `--overwrite`) — and `DraftService.resolve_conflict` does it as for the window's
        own conflict: the server's text stays in the draft and the kept text becomes a new
        draft whose first revision says so, or the kept text goes over it and the server's
        stays as a revision. Purged there: the kept text becomes a new draft
        (`PURGED_REASON`). The file is removed only after that save committed.

        ServerUnavailable while the server is still away (the file stays); any other
        StorageError or DariError leaves the file too."""
        try:
            saved = self.send(edit)
        except ConflictError:
            there = self._delivered_already(edit)
            if there is not None:
                self.discard(edit.draft_id)
                changes = OpChanges(draft_list=True, draft=edit.draft_id)
                return Delivered(edit, Delivery.SENT, there, changes)
            choice = choose(edit)
            resolved = self._drafts.resolve_conflict(
                edit.draft_id,
                edit.document,
                choice,
                revision_reason=edit.revision_reason,
                status=edit.status,
            )
            self.discard(edit.draft_id)
            if resolved.copy is not None:
                return Delivered(edit, Delivery.KEPT_APART, resolved.copy, resolved.changes)
            return Delivered(edit, Delivery.OVERWRITTEN, resolved.saved, resolved.changes)
        except DraftNotFound:
            copy = self._drafts.create(
                edit.document, reason=PURGED_REASON.format(number=edit.draft_id)
            )
            self.discard(edit.draft_id)
            return Delivered(edit, Delivery.RECREATED, copy, OpChanges(draft_list=True))
        changes = OpChanges(draft_list=True, draft=edit.draft_id, revisions=edit.draft_id)
        return Delivered(edit, Delivery.SENT, saved, changes)

    def _delivered_already(self, edit: PendingEdit) -> LoadedDraft | None:
        """The draft when its text on the server is already the kept one — sent meanwhile
        by another window or `dari pending send`, or before the file could be removed —
        else None. Sending it again would only have made a copy of the same text."""
        there = self._drafts.load(edit.draft_id)
        if there.version <= edit.base_version or to_json(there.document) != edit.payload:
            return None
        if edit.status is not None and there.record.status != edit.status:
            return None
        return there

    def export_copy(self, document: Any, target: Path, today: date) -> Path:
        """The editor's text (not the server's) as a file while the server is away
        (`export_kept`)."""
        return export_kept(document, target, today)

    def reachable(self) -> bool:
        """True when the server answers now (may run on a worker thread)."""
        try:
            self._db.ping()
        except StorageError:  # away, or answering but refusing (said by the next save)
            return False
        return True

    def _read(self, path: Path) -> PendingEdit | None:
        try:
            return PendingEdit.from_file(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("a pending edit could not be read (%s): %s", path.name, error)
            return None
