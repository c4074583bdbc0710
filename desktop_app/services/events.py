"""Events: the documents of one occasion (notice, statement, letter, brief) as one set.

An event has a title, a date and a place, and an ordered set of drafts of any kind
(a draft is in at most one event). "Export the set" plans every file of every
document with the single export's `plan_export`, makes the names unique across the
set, then writes them all as ONE batch of the single export's `write_batch` (every
.docx rendered, every PDF made in one LibreOffice run, all staged and renamed into
place together: a cancel or a failure leaves no file of the set) and logs each file
with the event's id, pending before the renames and completed after. An existing
file is replaced only with `overwrite`. A letter's 붙임 can be filled from the files
of the other documents (`propose_enclosures`).

Threads: `EventService.export_set` may run off the UI thread, as `MergeService.merge`
does: the repositories open one short session per call.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.letter import Enclosure, Letter
from desktop_app.domain.messages import N_
from desktop_app.domain.text import BilingualText, clean_text
from desktop_app.files import unique_file_names
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import DariError
from desktop_app.services.export import (
    ExportCancelled,
    ExportRequest,
    PlannedFile,
    WrittenFile,
    output_targets,
    plan_export,
    refuse_existing,
    write_batch,
)
from desktop_app.services.log import MergeBatch

if TYPE_CHECKING:
    import builtins

    from desktop_app.services.drafts import DraftService, LoadedDraft
    from desktop_app.storage import Database, DraftSummary, EventRecord, ExportEntryRecord

# progress(steps done, steps in all, the file just made); the PDF run is one step
Progress = Callable[[int, int, Path], None]
MAX_TITLE = 200
# `<stem><suffix>`: the suffix is the last ` (…)` before the extension, and the extension.
_NAME = re.compile(r"^(.*?)((?: \([^()]*\))?\.[^.]+)$", re.DOTALL)


@dataclass(frozen=True)
class EventDocument:
    """One document of an event's set, as the event's view shows it: the draft list's
    summary (kind, title, translation status)."""

    summary: DraftSummary

    @property
    def draft_id(self) -> int:
        return self.summary.id


@dataclass(frozen=True)
class EventView:
    """An event and its documents in the set's order."""

    event: EventRecord
    documents: tuple[EventDocument, ...]

    @property
    def id(self) -> int:
        return self.event.id


@dataclass(frozen=True)
class SetFile:
    """One file of a set export: the draft it comes from, the planned file, where it goes."""

    draft_id: int
    plan: PlannedFile
    target: Path


@dataclass(frozen=True)
class SetOutcome:
    """What a set export did: the files written in order (with their drafts), their log
    entries, whether it was cancelled (then nothing was written), how many files it was
    to write, and what the person should be told (no LibreOffice: no PDF, and why)."""

    changes: OpChanges
    files: tuple[tuple[int, WrittenFile], ...]
    entries: tuple[ExportEntryRecord, ...]
    cancelled: bool
    total: int
    filled: tuple[int, ...] = ()  # letters whose enclosures were filled from the set
    notices: tuple[DariError, ...] = ()

    @property
    def paths(self) -> list[Path]:
        return [written.path for _draft, written in self.files]


def split_file_name(name: str) -> tuple[str, str]:
    """`2024-04-18 외교부 서한 (ko).docx` → (`2024-04-18 외교부 서한`, ` (ko).docx`)."""
    match = _NAME.match(name)
    if match is None:
        return name, ""
    return match.group(1), match.group(2)


def enclosure_name(file_name: str) -> str:
    """What a 붙임 line calls a file: its name without the extension, so it names the
    file written whichever the format (the .docx, the .pdf beside it, or both)."""
    stem, dot, extension = file_name.rpartition(".")
    return stem if dot and extension and " " not in extension else file_name


def plan_set(
    documents: Sequence[tuple[int, Any]], request: ExportRequest, out: Path, today: date
) -> list[SetFile]:
    """Every file of the set, in order: each document planned by the single export
    (`plan_export`, so whatever formats a request asks for are planned there), then
    named uniquely across the set (` (2)` before the suffix when two documents would
    share a name). Nothing is written."""
    planned = [
        (draft_id, plan)
        for draft_id, document in documents
        for plan in plan_export(document, request, today)
    ]
    names = unique_file_names(split_file_name(plan.file_name) for _draft, plan in planned)
    return [
        SetFile(draft_id, replace(plan, file_name=name), out / name)
        for (draft_id, plan), name in zip(planned, names, strict=True)
    ]


def write_set(
    files: Sequence[SetFile],
    request: ExportRequest,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    before_renames: Callable[[builtins.list[tuple[int, WrittenFile]]], None] | None = None,
) -> tuple[builtins.list[tuple[int, WrittenFile]], tuple[DariError, ...]]:
    """Write the planned files as one batch (`write_batch`: the .docx and/or PDF of
    each, all PDFs in one LibreOffice run, all renamed into place together), each
    written file with the draft it comes from, and the batch's notices.

    `before_renames(files)` is called once everything is staged (the log records them
    as pending). TargetExists before anything is written unless `overwrite`;
    ExportCancelled when `cancelled()` says so before the renames (nothing written)."""
    by_target: dict[Path, int] = {}  # a planned file's .docx target and the PDF beside it
    for item in files:
        by_target[item.target] = by_target[item.target.with_suffix(".pdf")] = item.draft_id

    def with_drafts(written: Sequence[WrittenFile]) -> builtins.list[tuple[int, WrittenFile]]:
        return [(by_target[file.path], file) for file in written]

    outcome = write_batch(
        [(item.plan, item.target) for item in files],
        request,
        overwrite=overwrite,
        progress=progress,
        cancelled=cancelled,
        before_renames=None
        if before_renames is None
        else lambda written: before_renames(with_drafts(written)),
    )
    return with_drafts(outcome.files), outcome.notices


def propose_enclosures(letter: Letter, others: Sequence[SetFile]) -> tuple[Enclosure, ...]:
    """The letter's 붙임 with the files of the other documents of the set, one each.

    Per document: the Korean name is its Korean file's (or the one file holding both
    languages), the English name its English file's; a document exported in one
    language only gives that file's name to both sides. `붙임  1. <name> 1부.` and
    "Enclosures:" are the composers' part. The letter's own enclosures stay first,
    except those naming one of these files already (filling twice adds nothing).
    """
    by_draft: dict[int, dict[str, str]] = {}
    for item in others:
        names = by_draft.setdefault(item.draft_id, {})
        name = enclosure_name(item.plan.file_name)
        langs = item.plan.langs or ("ko", "en")
        for lang in ("ko", "en"):
            if lang in langs and lang not in names:
                names[lang] = name
        names.setdefault("any", name)
    proposed = [
        Enclosure(
            BilingualText(names.get("ko", names["any"]), names.get("en", names["any"])),
            1,
        )
        for names in by_draft.values()
    ]
    new_names = {e.name.ko for e in proposed} | {e.name.en for e in proposed}
    kept = [
        e
        for e in letter.enclosures
        if e.name.ko.strip() not in new_names and e.name.en.strip() not in new_names
    ]
    return (*kept, *proposed)


class EventService:
    """Events and their sets over one Database; no Qt, usable from any thread."""

    def __init__(self, db: Database, drafts: DraftService) -> None:
        self._db = db
        self._drafts = drafts

    # -- events -------------------------------------------------------------------------

    def create(
        self,
        title: BilingualText,
        *,
        when: date | None = None,
        place: BilingualText | None = None,
    ) -> tuple[OpChanges, EventRecord]:
        """A new event with no documents; its title needs a word in either language."""
        title, place = _clean(title), _clean(place or BilingualText())
        if title.is_blank("ko") and title.is_blank("en"):
            raise DariError(N_("An event needs a title, in Korean or in English."))
        record = self._db.events.create(
            title_ko=title.ko, title_en=title.en, when=when, place_ko=place.ko, place_en=place.en
        )
        return OpChanges(events=True), record

    def edit(
        self,
        event_id: int,
        *,
        expected_version: int,
        title: BilingualText,
        when: date | None,
        place: BilingualText,
    ) -> tuple[OpChanges, EventRecord]:
        """Rename the event, or change its date or place."""
        title, place = _clean(title), _clean(place)
        if title.is_blank("ko") and title.is_blank("en"):
            raise DariError(N_("An event needs a title, in Korean or in English."))
        record = self._db.events.update(
            event_id,
            expected_version=expected_version,
            title_ko=title.ko,
            title_en=title.en,
            when=when,
            place_ko=place.ko,
            place_en=place.en,
        )
        return OpChanges(events=True), record

    def delete(self, event_id: int) -> OpChanges:
        """Delete the event; its documents stay as drafts."""
        self._db.events.delete(event_id)
        return OpChanges(events=True)

    def list(self) -> builtins.list[EventRecord]:
        """Every event, the newest date first."""
        return self._db.events.list()

    def get(self, event_id: int) -> EventRecord:
        return self._db.events.get(event_id)

    def show(self, event_id: int) -> EventView:
        """The event with its documents' kind, title and translation status."""
        event = self._db.events.get(event_id)
        documents = tuple(EventDocument(s) for s in self._db.events.documents(event_id))
        return EventView(event, documents)

    def event_of(self, draft_id: int) -> int | None:
        """The event a draft belongs to, if any."""
        return self._db.events.event_of(draft_id)

    # -- the set ------------------------------------------------------------------------

    def add(self, event_id: int, draft_ids: Sequence[int]) -> tuple[OpChanges, EventRecord]:
        """Append drafts to the set (a draft of another event moves to this one)."""
        for draft_id in draft_ids:
            if self._drafts.is_trashed(draft_id):  # DraftNotFound for one that never was
                raise DariError(
                    N_(
                        "Draft {number} is in the trash; take it out of the trash before "
                        "adding it to an event."
                    ),
                    number=draft_id,
                )
        return OpChanges(events=True), self._db.events.add(event_id, list(draft_ids))

    def remove(self, event_id: int, draft_ids: Sequence[int]) -> tuple[OpChanges, EventRecord]:
        """Take drafts out of the set; the drafts stay."""
        return OpChanges(events=True), self._db.events.remove(event_id, list(draft_ids))

    def reorder(self, event_id: int, draft_ids: Sequence[int]) -> tuple[OpChanges, EventRecord]:
        """Put the set's documents in this order (exactly the set's drafts)."""
        current = self._db.events.get(event_id).draft_ids
        if sorted(current) != sorted(draft_ids) or len(set(draft_ids)) != len(draft_ids):
            raise DariError(
                N_("To reorder event {number}, name each of its documents once."),
                number=event_id,
            )
        return OpChanges(events=True), self._db.events.reorder(event_id, list(draft_ids))

    def _loaded(self, event_id: int) -> builtins.list[LoadedDraft]:
        event = self._db.events.get(event_id)
        if not event.draft_ids:
            raise DariError(N_("Event {number} has no documents yet."), number=event_id)
        return [self._drafts.load(draft_id) for draft_id in event.draft_ids]

    def plan(
        self, event_id: int, request: ExportRequest, out: Path, today: date | None = None
    ) -> builtins.list[SetFile]:
        """The files `export_set` would write, in order (for the window to show)."""
        documents = [(d.id, d.document) for d in self._loaded(event_id)]
        return plan_set(documents, request, out, today or date.today())

    def proposed_enclosures(
        self,
        event_id: int,
        draft_id: int,
        request: ExportRequest,
        letter: Letter | None = None,
        today: date | None = None,
    ) -> tuple[Enclosure, ...]:
        """The enclosures the letter `draft_id` (or `letter`, its text as open in the
        window) would have, filled from the files the set export makes with `request`."""
        loaded = self._loaded(event_id)
        if draft_id not in [d.id for d in loaded]:
            raise DariError(
                N_("Draft {number} is not a document of event {event}."),
                number=draft_id,
                event=event_id,
            )
        documents = [(d.id, d.document) for d in loaded]
        if letter is None:
            letter = dict(documents)[draft_id]
        if not isinstance(letter, Letter):
            raise DariError(
                N_("Only a letter has enclosures; draft {number} is not a letter."),
                number=draft_id,
            )
        files = plan_set(documents, request, Path(), today or date.today())
        return propose_enclosures(letter, [f for f in files if f.draft_id != draft_id])

    def export_set(
        self,
        event_id: int,
        request: ExportRequest,
        out: Path,
        *,
        overwrite: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        fill_enclosures: bool = False,
        today: date | None = None,
    ) -> SetOutcome:
        """Write every document of the event into the folder `out` (.docx, PDF or both:
        `request.format`), as one batch: all or nothing. Each file is logged with the
        event, pending before the renames and completed after. `fill_enclosures`: each
        letter's 붙임 first lists the other documents' files (saved as a new version of
        the letter, with a revision, before writing).

        An existing file is replaced only with `overwrite` (TargetExists, before any
        letter is filled). `cancelled()` is asked before each step; a cancelled set
        writes nothing and says `cancelled`. `progress(done, total, path)` is called
        after each .docx and after the one PDF run."""
        if not out.is_dir():
            raise DariError(N_("The folder {folder} does not exist."), folder=out)
        day = today or date.today()
        loaded = self._loaded(event_id)
        first = plan_set([(d.id, d.document) for d in loaded], request, out, day)
        refuse_existing(output_targets([f.target for f in first], request), overwrite)
        filled: list[int] = []
        if fill_enclosures:
            for n, draft in enumerate(loaded):
                if not isinstance(draft.document, Letter):
                    continue
                others = [f for f in first if f.draft_id != draft.id]
                enclosures = propose_enclosures(draft.document, others)
                if enclosures == draft.document.enclosures:
                    continue
                letter = replace(draft.document, enclosures=enclosures)
                loaded[n] = self._drafts.save(
                    draft.id,
                    letter,
                    expected_version=draft.version,
                    revision_reason=f"enclosures filled from event {event_id}",
                )
                filled.append(draft.id)
        files = plan_set([(d.id, d.document) for d in loaded], request, out, day)
        total = len(output_targets([f.target for f in files], request))
        pending: list[ExportEntryRecord] = []

        def record(written: builtins.list[tuple[int, WrittenFile]]) -> None:
            pending.extend(self._record(event_id, loaded, request, written, len(written)))

        changes = OpChanges(
            events=True,
            export_log=True,
            draft_list=bool(filled),
            draft=filled[0] if len(filled) == 1 else None,
        )
        try:
            written, notices = write_set(
                files,
                request,
                overwrite=overwrite,
                progress=progress,
                cancelled=cancelled,
                before_renames=record,
            )
        except ExportCancelled:
            return SetOutcome(changes, (), (), True, total, tuple(filled))
        self._drafts.log.complete(pending)
        entries = tuple(replace(entry, note="") for entry in pending)  # as stored now
        return SetOutcome(changes, tuple(written), entries, False, total, tuple(filled), notices)

    def _record(
        self,
        event_id: int,
        loaded: Sequence[LoadedDraft],
        request: ExportRequest,
        written: Sequence[tuple[int, WrittenFile]],
        total: int,
    ) -> builtins.list[ExportEntryRecord]:
        """Per draft, a revision naming its files and their log entries (pending until
        `complete`); one batch id."""
        batch = MergeBatch(uuid.uuid4().hex, total, False)
        entries: list[ExportEntryRecord] = []
        for draft in loaded:
            own = [file for draft_id, file in written if draft_id == draft.id]
            if not own:
                continue
            reason = f"exported with event {event_id}: " + ", ".join(f.path.name for f in own)
            revision = self._drafts.add_revision(draft.id, reason)
            entries += self._drafts.log.record(
                draft.id,
                draft.version,
                revision.id,
                request,
                own,
                None,
                batch,
                event_id=event_id,
                pending=True,
            )
        return entries


def _clean(text: BilingualText) -> BilingualText:
    """One line each side, the text rule applied, at most MAX_TITLE characters."""
    return BilingualText(
        " ".join(clean_text(text.ko).split())[:MAX_TITLE],
        " ".join(clean_text(text.en).split())[:MAX_TITLE],
    )
