"""Mail merge: one letter, one document per recipient, each logged; no Qt here.

The engine (`iter_merge`) takes the letter and `Recipient` snapshots (the address
book turns contact ids and list names into them for the letter's date; until it
is wired, `MergeService.resolver` is None and callers pass recipients). Each
recipient's copy is the letter with that one recipient and its salutation
(the recipient's own, else derived, `compose.salutations.salutation_for`, else
the letter's); the user's text is never a template: nothing in it is substituted.

Threads: `MergeService.merge` may run off the UI thread. It touches the database
only through the repositories, which open a short session per call (SQLAlchemy's
pool gives each thread its own connection), and records the log in one
transaction when the merge ends — finished, cancelled or failed.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import uuid
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.compose import LayoutDocument
from desktop_app.compose.layout import SectionBreak
from desktop_app.compose.salutations import salutation_for
from desktop_app.domain.letter import Letter, Recipient
from desktop_app.domain.messages import N_
from desktop_app.domain.serialize import DraftFormatError, decode_part
from desktop_app.domain.text import BilingualText, Lang
from desktop_app.files import ExportError, atomic_write_bytes, safe_file_stem, unique_file_names
from desktop_app.render import convert_pdfs, libreoffice_available
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import DariError
from desktop_app.services.export import (
    KIND_LABELS,
    NO_LIBREOFFICE,
    ExportRequest,
    PlannedFile,
    WrittenFile,
    compose_files,
    file_suffixes,
    output_targets,
    refuse_existing,
    write_file,
)
from desktop_app.services.log import MergeBatch

if TYPE_CHECKING:
    import builtins

    from desktop_app.services.drafts import DraftService
    from desktop_app.storage import ExportEntryRecord

# progress(files written so far, files in all, the file just written)
Progress = Callable[[int, int, Path], None]
# Turns address-book contact ids and list names into recipients for a date (issue 11's
# address book provides it): resolver(contact_ids, list_name, letter_date).
RecipientResolver = Callable[[Sequence[str], str | None, date | None], list[Recipient]]
MAX_RECIPIENTS = 5000


@dataclass(frozen=True)
class MergedFile:
    """A file the merge wrote and the recipient it was made for (None: the combined file)."""

    recipient: Recipient | None
    file: WrittenFile


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge did: the files written (in order), their log entries, whether it was
    cancelled before the end, and how many files it was to write."""

    changes: OpChanges
    files: tuple[MergedFile, ...]
    entries: tuple[ExportEntryRecord, ...]
    cancelled: bool
    total: int
    notices: tuple[DariError, ...] = ()

    @property
    def paths(self) -> list[Path]:
        return [merged.file.path for merged in self.files]


def letter_for(letter: Letter, recipient: Recipient, request: ExportRequest) -> Letter:
    """The letter as `recipient` gets it: addressed to them alone, with their salutation.

    Per language: the recipient's own salutation, else the one derived from them
    for the chosen style, else the letter's own. Copies (cc) stay as they are.
    """
    texts: dict[Lang, str] = {}
    for lang in ("ko", "en"):
        own = recipient.salutation.get(lang)
        if recipient.salutation.is_blank(lang):
            preset = request.preset(lang, letter.KIND) if lang in request.langs() else None
            own = salutation_for(recipient, lang, preset) or letter.salutation.get(lang)
        texts[lang] = own
    salutation = BilingualText(texts["ko"], texts["en"])
    return replace(letter, recipients=(recipient,), salutation=salutation)


def merge_stem(letter: Letter, request: ExportRequest, today: date) -> str:
    """`2024-04-18 외교부 조태열 서한`: date, office, the person's name, kind of document.

    The single export's naming (`export.base_name`) with the recipient's name, so
    that two people in offices of the same name get files of their own names.
    """
    name_lang: Lang = "ko" if "ko" in request.langs() else "en"
    when = (letter.date or today).isoformat()
    office = person = ""
    if letter.recipients:
        recipient = letter.recipients[0]
        office = recipient.organisation.get(name_lang).split(",")[0].strip()
        office = office or recipient.title.get(name_lang).strip()
        person = recipient.name.get(name_lang).strip()
    kind = KIND_LABELS.get(request.preset(name_lang, letter.KIND).key, letter.KIND)
    return " ".join(part for part in (when, office, person, kind) if part)


def combined_stem(letter: Letter, request: ExportRequest, today: date, count: int) -> str:
    """`2024-04-18 서한 일괄 14건` / `2024-04-18 letter, all 14`: the file of every copy."""
    stem = merge_stem(replace(letter, recipients=()), request, today)
    return f"{stem} 일괄 {count}건" if "ko" in request.langs() else f"{stem}, all {count}"


def _combined(layouts: list[LayoutDocument]) -> LayoutDocument:
    """Every recipient's copy in one document, each a section of its own: it starts on a
    new page, at page 1, with the first-page header again (the letterhead's page)."""
    blocks: list[Any] = []
    for n, layout in enumerate(layouts):
        if n:
            blocks.append(SectionBreak())
        blocks.extend(layout.blocks)
    return replace(layouts[0], blocks=tuple(blocks))


def iter_merge(
    letter: Letter,
    recipients: Sequence[Recipient],
    request: ExportRequest,
    out: Path,
    today: date,
    *,
    combined: bool = False,
    overwrite: bool = False,
) -> Generator[MergedFile]:
    """Write the merge's files one by one, yielding each as soon as it is complete.

    Closing the iterator between two files (a cancel) writes nothing more; each file
    is written atomically, so none is ever left partial. `combined` adds one file
    per language (or layout) holding every copy, after the separate ones. PDFs
    (`request.format`) are made after every .docx, all in one LibreOffice run, and
    yielded after it; a PDF-only merge keeps its .docx in a private temporary folder.
    An existing file is replaced only with `overwrite` (TargetExists, before any write).
    """
    if not out.is_dir():
        raise DariError(N_("The folder {folder} does not exist."), folder=out)
    copies = [letter_for(letter, recipient, request) for recipient in recipients]
    suffixes = file_suffixes(request)
    copy_names = _copy_names(copies, request, today)
    refuse_existing(output_targets([out / name for name in copy_names], request), overwrite)
    names = iter(copy_names)
    per_kind: dict[str, list[LayoutDocument]] = {suffix: [] for suffix in suffixes}
    kinds: dict[str, PlannedFile] = {}
    with contextlib.ExitStack() as stack:
        folder = out
        if not request.wants_docx():
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dari-merge-")))
        made: list[tuple[Recipient | None, PlannedFile, Path]] = []
        for copy, recipient in zip(copies, recipients, strict=True):
            for suffix, plan in compose_files(copy, request):
                written = write_file(plan, folder / next(names))
                made.append((recipient, plan, written.path))
                if combined:
                    per_kind[suffix].append(plan.layout)
                    kinds.setdefault(suffix, plan)
                if request.wants_docx():
                    yield MergedFile(recipient, written)
        if combined and copies:
            stem = safe_file_stem(combined_stem(letter, request, today, len(copies)))
            taken = [path.name for path in out.iterdir()]
            if folder != out:
                taken += [path.with_suffix(".docx").name for path in out.glob("*.pdf")]
            for suffix, layouts in per_kind.items():
                (name,) = unique_file_names([(stem, suffix)], taken)
                plan = replace(kinds[suffix], layout=_combined(layouts))
                written = write_file(plan, folder / name)
                made.append((None, plan, written.path))
                if request.wants_docx():
                    yield MergedFile(None, written)
        if request.wants_pdf() and made:
            try:
                pdfs = convert_pdfs(
                    [path for _, _, path in made],
                    soffice=request.libreoffice,
                    pdfa=request.pdfa,
                )
            except ExportError as error:
                raise DariError.saying(error) from error
            for (made_for, plan, path), data in zip(made, pdfs, strict=True):
                target = out / path.with_suffix(".pdf").name
                try:
                    atomic_write_bytes(target, data)
                except ExportError as error:
                    raise DariError.saying(error) from error
                size, digest = len(data), hashlib.sha256(data).hexdigest()
                pdf = WrittenFile(target, plan.langs, plan.styles, size, digest)
                yield MergedFile(made_for, pdf)


def merge_names(
    letter: Letter,
    recipients: Sequence[Recipient],
    request: ExportRequest,
    today: date,
    *,
    combined: bool = False,
) -> list[str]:
    """The names `iter_merge` gives its files, in order, for the window to show before it
    runs (the combined file's name gets ` (2)` there if the folder already holds one)."""
    copies = [letter_for(letter, recipient, request) for recipient in recipients]
    if not copies:
        return []
    names = _copy_names(copies, request, today)
    if combined:
        stem = safe_file_stem(combined_stem(letter, request, today, len(copies)))
        names += list(unique_file_names((stem, suffix) for suffix in file_suffixes(request)))
    return names


def _copy_names(copies: Sequence[Letter], request: ExportRequest, today: date) -> list[str]:
    """The file names of the recipients' copies, in writing order, unique among them."""
    stems = [safe_file_stem(merge_stem(copy, request, today)) for copy in copies]
    suffixes = file_suffixes(request)
    return list(unique_file_names((stem, suffix) for stem in stems for suffix in suffixes))


def merge_total(recipients: Sequence[Recipient], request: ExportRequest, combined: bool) -> int:
    """How many files a merge writes (a .docx and its PDF are two)."""
    per_copy = request.file_count()
    documents = per_copy * len(recipients) + (per_copy if combined and recipients else 0)
    return documents * (2 if request.format == "both" else 1)


def read_recipients(data: Any) -> list[Recipient]:
    """Recipients from decoded JSON: an array of the draft format's Recipient objects."""
    if not isinstance(data, list):
        raise DariError(
            N_("A recipients file holds a JSON array of recipients, like a draft's “recipients”.")
        )
    recipients = []
    for number, item in enumerate(data, start=1):
        try:
            recipients.append(decode_part(Recipient, item))
        except DraftFormatError as error:
            raise DariError(
                N_("Recipient {number} in the file cannot be read: {problem}"),
                number=number,
                problem=error,
            ) from error
    return recipients


class MergeService:
    """Merges a stored letter to many recipients and logs every file it writes."""

    def __init__(self, drafts: DraftService, resolver: RecipientResolver | None = None) -> None:
        self._drafts = drafts
        self.resolver = resolver

    def resolve(
        self, draft_id: int, *, contact_ids: Sequence[str] = (), list_name: str | None = None
    ) -> builtins.list[Recipient]:
        """The recipients that contact ids or a list name stand for on the letter's date."""
        if self.resolver is None:
            raise DariError(
                N_(
                    "Recipients cannot be taken from the address book yet; give them in a "
                    "JSON file with --recipients FILE.json."
                )
            )
        document = self._drafts.load(draft_id).document
        return self.resolver(contact_ids, list_name, getattr(document, "date", None))

    def recipients_file(self, path: Path) -> builtins.list[Recipient]:
        """Recipients from a JSON file (an array of Recipient objects)."""
        from desktop_app.services.drafts import read_json_file

        return read_recipients(read_json_file(path))

    def merge(
        self,
        draft_id: int,
        recipients: Sequence[Recipient],
        request: ExportRequest,
        out: Path,
        *,
        combined: bool = False,
        overwrite: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        today: date | None = None,
    ) -> MergeOutcome:
        """Write one document per recipient (and `combined`, one of them all) into `out`.

        `progress(done, total, path)` is called after each file; `cancelled()` is asked
        before each file, and once it says True no further file is started. Every file
        written is logged, with the merge marked cancelled when it was stopped early —
        also when a file fails to be written (the error is raised after logging).
        PDFs are made in one LibreOffice run after the .docx; without LibreOffice the
        merge writes the .docx and `notices` says why there is no PDF.
        """
        loaded = self._drafts.load(draft_id)
        letter = loaded.document
        if not isinstance(letter, Letter):
            raise DariError(
                N_("Only letters can be merged; draft {number} is not a letter."), number=draft_id
            )
        if not recipients:
            raise DariError(N_("There is no recipient to merge the letter to."))
        if len(recipients) > MAX_RECIPIENTS:
            raise DariError(
                N_("A merge goes to at most {limit} recipients; this one has {count}."),
                limit=MAX_RECIPIENTS,
                count=len(recipients),
            )
        notices: tuple[DariError, ...] = ()
        if request.wants_pdf() and not libreoffice_available(request.libreoffice):
            request = replace(request, format="docx")
            notices = (DariError(NO_LIBREOFFICE),)
        total = merge_total(recipients, request, combined)
        files: list[MergedFile] = []
        stopped = False
        finished = False
        engine = iter_merge(
            letter,
            recipients,
            request,
            out,
            today or date.today(),
            combined=combined,
            overwrite=overwrite,
        )
        try:
            while True:
                if cancelled is not None and cancelled():
                    stopped = True
                    break
                merged = next(engine, None)
                if merged is None:
                    break
                files.append(merged)
                if progress is not None:
                    progress(len(files), total, merged.file.path)
            finished = not stopped
        finally:
            engine.close()
            entries = self._record(loaded, request, files, total, cancelled=not finished)
        changes = OpChanges(revisions=draft_id, export_log=True)
        return MergeOutcome(changes, tuple(files), tuple(entries), stopped, total, notices)

    def _record(
        self,
        loaded: Any,
        request: ExportRequest,
        files: list[MergedFile],
        total: int,
        *,
        cancelled: bool,
    ) -> builtins.list[ExportEntryRecord]:
        if not files:
            return []
        drafts = self._drafts
        reason = f"merged: {len(files)} of {total} files"
        if cancelled:
            reason += " (cancelled)"
        revision = drafts.add_revision(loaded.id, reason)
        batch = MergeBatch(uuid.uuid4().hex, total, cancelled)
        return drafts.log.record(
            loaded.id,
            loaded.version,
            revision.id,
            request,
            [merged.file for merged in files],
            [merged.recipient for merged in files],
            batch,
        )
