"""Draft use cases shared by the window and the command line: create, load, save, import."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from desktop_app.domain import DraftFormatError, Finding, check, from_json, to_json
from desktop_app.domain.glossary import Glossary, translation_summary
from desktop_app.domain.messages import N_
from desktop_app.domain.serialize import FORMAT_VERSION
from desktop_app.services.changes import ConflictChoice, ConflictResolved, OpChanges, Purged
from desktop_app.services.errors import DariError
from desktop_app.services.export import (
    ExportRequest,
    ExportResult,
    Progress,
    WrittenFile,
    write_export,
)
from desktop_app.services.log import ExportLogService
from desktop_app.services.search import search_text
from desktop_app.storage.errors import ConflictError

if TYPE_CHECKING:
    import builtins
    from collections.abc import Callable
    from pathlib import Path

    from desktop_app.storage import (
        Database,
        DraftPage,
        DraftRecord,
        DraftSummary,
        ExportEntryRecord,
        RevisionRecord,
    )

MAX_IMPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class LoadedDraft:
    """A stored draft and its document, decoded."""

    record: DraftRecord
    document: Any

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def version(self) -> int:
        return self.record.version


def _titles(document: Any) -> tuple[str, str]:
    title = document.title
    return title.ko.strip()[:200], title.en.strip()[:200]


class DraftService:
    """Create, load, save, list, import and check drafts over one Database."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] | None = None,
        glossary: Callable[[], Glossary] | None = None,
    ) -> None:
        self._db = db
        self.clock = clock or (lambda: datetime.now(UTC))
        self.glossary = glossary or (lambda: Glossary(()))
        self.log = ExportLogService(db, self.clock)

    def translation(self, document: Any) -> tuple[int, int, int]:
        """(Korean %, English %, open warnings) for the draft list."""
        return translation_summary(document, self.glossary())

    def create(self, document: Any, *, reason: str = "created") -> LoadedDraft:
        """Store a new draft; it gets a first revision."""
        payload = to_json(document)
        ko, en = _titles(document)
        record = self._db.drafts.create(
            document.KIND,
            payload,
            format_version=FORMAT_VERSION,
            title_ko=ko,
            title_en=en,
            search_text=search_text(payload),
            reason=reason,
            translation=self.translation(document),
        )
        return LoadedDraft(record, document)

    def load(self, draft_id: int) -> LoadedDraft:
        """A draft with its document (upgraded from an older format if needed)."""
        record = self._db.drafts.get(draft_id)
        try:
            document = from_json(record.payload)
        except DraftFormatError as error:
            raise DariError(
                N_("Draft {number} cannot be read: {problem}"), number=draft_id, problem=error
            ) from error
        return LoadedDraft(record, document)

    def save(
        self,
        draft_id: int,
        document: Any,
        *,
        expected_version: int,
        revision_reason: str | None = None,
        status: str | None = None,
    ) -> LoadedDraft:
        """Write the document; ConflictError if someone else saved since `expected_version`."""
        payload = to_json(document)
        ko, en = _titles(document)
        record = self._db.drafts.save(
            draft_id,
            payload,
            expected_version=expected_version,
            format_version=FORMAT_VERSION,
            title_ko=ko,
            title_en=en,
            status=status,
            search_text=search_text(payload),
            revision_reason=revision_reason,
            translation=self.translation(document),
        )
        return LoadedDraft(record, document)

    @property
    def data_dir(self) -> Path:
        """The folder holding the database (and the user's own reference data)."""
        return self._db.path.parent

    def version(self, draft_id: int) -> int:
        """The draft's stored version, for a view that must notice a change made elsewhere."""
        return self._db.drafts.get(draft_id).version

    def resolve_conflict(
        self,
        draft_id: int,
        document: Any,
        choice: ConflictChoice,
        *,
        revision_reason: str | None = None,
        status: str | None = None,
    ) -> ConflictResolved:
        """After a ConflictError: keep my `document` over theirs, or keep theirs and mine apart.

        Nothing is lost either way: KEEP_MINE first keeps their version as a
        revision; OPEN_THEIRS stores my text as a new draft.
        """
        theirs = self.load(draft_id)
        if choice is ConflictChoice.KEEP_MINE:
            self._db.drafts.add_revision(draft_id, "changed elsewhere; kept before saving over it")
            saved = self.save(
                draft_id,
                document,
                expected_version=theirs.version,
                revision_reason=revision_reason or "saved over a change made elsewhere",
                status=status,
            )
            changes = OpChanges(draft_list=True, draft=draft_id, revisions=draft_id)
            return ConflictResolved(changes, saved)
        copy = self.create(
            document, reason=f"your version, kept when draft {draft_id} was changed elsewhere"
        )
        return ConflictResolved(OpChanges(draft_list=True, draft=draft_id), theirs, copy)

    def restore_revision(
        self, draft_id: int, revision_id: int, *, expected_version: int
    ) -> tuple[OpChanges, LoadedDraft]:
        """Make revision `revision_id` the draft's newest version.

        ConflictError when the draft is no longer at `expected_version` (it was
        saved elsewhere while the user was choosing). The text being replaced is
        kept as a revision first, so a restore can itself be undone.
        """
        revision = self._db.drafts.get_revision(revision_id)
        if revision.draft_id != draft_id:
            raise DariError(
                N_("Revision {revision} belongs to another draft, not to draft {number}."),
                revision=revision_id,
                number=draft_id,
            )
        current = self._db.drafts.get(draft_id)
        if current.version != expected_version:
            raise ConflictError(draft_id, expected_version, current.version)
        newest = self._db.drafts.revisions(draft_id)[:1]
        if not newest or newest[0].draft_version != current.version:
            self._db.drafts.add_revision(draft_id, f"before restoring revision {revision_id}")
        self._db.drafts.restore_revision(revision_id, expected_version=current.version)
        changes = OpChanges(draft_list=True, draft=draft_id, revisions=draft_id)
        return changes, self.load(draft_id)

    def trash(self, draft_id: int) -> OpChanges:
        """Move a draft to the trash; it keeps its text and revisions until purged."""
        self._db.drafts.get(draft_id)  # DraftNotFound for a bad id
        self._db.drafts.trash(draft_id)  # it leaves its event's set
        return OpChanges(draft_list=True, removed=draft_id, events=True)

    def restore(self, draft_id: int) -> OpChanges:
        """Take a draft out of the trash."""
        self._db.drafts.get(draft_id)
        self._db.drafts.restore(draft_id)
        return OpChanges(draft_list=True)

    def purge(self, draft_id: int, *, keep_log: bool) -> Purged:
        """Delete a draft and all its revisions for good, leaving no readable text behind.

        Its export log entries (they name recipients and files, not the text) are
        kept with `keep_log`, else deleted with it. The caller asks the person when
        `self.log.count_for_draft(draft_id)` is not 0: both answers are for good.
        """
        left = self._db.drafts.purge(draft_id, keep_exports=keep_log)
        return Purged(draft_list=True, removed=draft_id, export_log=True, events=True, left=left)

    def discard_if_blank(self, draft_id: int, blank: Any) -> OpChanges:
        """Delete for good a draft created as `blank` and never saved since (nobody typed in it).

        Such a draft holds nothing: it is still at version 1, its one revision is
        "created" and its document is `blank`. Anything else is kept (a draft typed
        in and emptied again has been saved: its version is past 1).
        """
        record = self._db.drafts.get(draft_id)
        if record.version != 1 or record.deleted_at is not None:
            return OpChanges()
        if record.payload != to_json(blank):
            return OpChanges()
        if [r.reason for r in self._db.drafts.revisions(draft_id)] != ["created"]:
            return OpChanges()
        self._db.drafts.purge(draft_id)
        return OpChanges(draft_list=True, removed=draft_id)

    def empty_trash(self, *, keep_log: bool = False) -> tuple[Purged, int]:
        """Purge every draft in the trash (their export log entries too, unless
        `keep_log`); how many were deleted."""
        purged, left = self._db.drafts.empty_trash(keep_exports=keep_log)
        return Purged(draft_list=True, export_log=True, left=left), purged

    def is_trashed(self, draft_id: int) -> bool:
        """True when the draft is in the trash."""
        return self._db.drafts.get(draft_id).deleted_at is not None

    def duplicate(self, draft_id: int) -> LoadedDraft:
        """A new draft with the same document."""
        return self.create(self.load(draft_id).document, reason=f"copied from draft {draft_id}")

    def list(
        self,
        search: str | None = None,
        *,
        kind: str | None = None,
        status: str | None = None,
        trashed: bool = False,
    ) -> builtins.list[DraftSummary]:
        """Drafts, newest change first, optionally filtered."""
        return self._db.drafts.list(search=search, kind=kind, status=status, trashed=trashed)

    def search(
        self,
        search: str | None,
        *,
        limit: int,
        kind: str | None = None,
        status: str | None = None,
        trashed: bool = False,
    ) -> DraftPage:
        """The newest `limit` drafts that list() returns for the same arguments, and
        whether there are more (`DraftPage.more`; they are not counted)."""
        return self._db.drafts.page(
            limit=limit, search=search, kind=kind, status=status, trashed=trashed
        )

    def revisions(self, draft_id: int) -> builtins.list[RevisionRecord]:
        """The draft's revisions, newest first."""
        self._db.drafts.get(draft_id)  # DraftNotFound for a bad id, not an empty list
        return self._db.drafts.revisions(draft_id)

    def check(self, draft_id: int) -> builtins.list[Finding]:
        """What the draft still lacks."""
        return check(self.load(draft_id).document)

    def import_json(self, data: Any) -> LoadedDraft:
        """A new draft from a decoded JSON draft (DariError if it is not one)."""
        try:
            document = from_json(data)
        except DraftFormatError as error:
            raise DariError(
                N_("This is not a draft Dari can import: {problem}"), problem=error
            ) from error
        return self.create(document, reason="imported")

    def import_file(self, path: Path) -> LoadedDraft:
        """A new draft from a .json file."""
        return self.import_json(read_json_file(path))

    def export(
        self,
        draft_id: int,
        request: ExportRequest,
        out: Path,
        *,
        overwrite: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        """Export the draft (.docx, PDF or both), keep a revision of what was sent and log
        each file. The files are recorded as pending before they are renamed into place
        and completed after, so an export killed between two renames shows in the log.
        An existing file is replaced only with `overwrite` (TargetExists otherwise).
        `progress` and `cancelled` as `write_batch` takes them (ExportCancelled: nothing
        written, nothing logged)."""
        loaded = self.load(draft_id)
        pending: list[ExportEntryRecord] = []

        def record(files: builtins.list[WrittenFile]) -> None:
            revision = self._db.drafts.add_revision(
                draft_id, "exported: " + ", ".join(file.path.name for file in files)
            )
            pending.extend(
                self.log.record(draft_id, loaded.version, revision.id, request, files, pending=True)
            )

        outcome = write_export(
            loaded.document,
            request,
            out,
            date.today(),
            overwrite=overwrite,
            before_renames=record,
            progress=progress,
            cancelled=cancelled,
        )
        self.log.complete(pending)
        return ExportResult(outcome.files, outcome.notices)

    def add_revision(self, draft_id: int, reason: str) -> RevisionRecord:
        """Keep the draft's current text as a revision under `reason` (an export, a merge)."""
        return self._db.drafts.add_revision(draft_id, reason)

    def export_json(self, draft_id: int) -> dict[str, Any]:
        """The draft in the documented interchange format."""
        return to_json(self.load(draft_id).document)


def read_json_file(path: Path) -> Any:
    """Decode a JSON file, turning every failure into a sentence naming the file."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise DariError(N_("{path} is larger than 50 MB; it is not a Dari draft."), path=path)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DariError(N_("{path} does not exist."), path=path) from None
    except IsADirectoryError:
        raise DariError(N_("{path} is a folder, not a file."), path=path) from None
    except OSError as error:
        raise DariError(
            N_("{path} cannot be read: {reason}."), path=path, reason=error.strerror or error
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DariError(
            N_("{path} is not UTF-8 text; a Dari draft is a UTF-8 JSON file."), path=path
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DariError(
            N_("{path} is not valid JSON (line {line}, column {column}: {problem})."),
            path=path,
            line=error.lineno,
            column=error.colno,
            problem=error.msg,
        ) from None
    except RecursionError:
        raise DariError(N_("{path} is nested too deeply to be a Dari draft."), path=path) from None
