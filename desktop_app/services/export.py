"""Exporting a draft to .docx and PDF files: what files, named how, written safely.

`write_batch` is the one way files leave: every .docx rendered, the PDFs made
from them in one LibreOffice run, all staged beside their targets and only then
renamed into place (`files/staging.py`); an existing file is replaced only when
the caller says `overwrite` (the window asks first, the CLI needs --overwrite).
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from desktop_app import render
from desktop_app.compose import (
    ComposeOptions,
    Layout,
    LayoutDocument,
    Omission,
    compose,
    compose_both,
    get_preset,
    omissions,
)
from desktop_app.compose.presets import StylePreset, UnknownPreset, default_preset
from desktop_app.domain.messages import N_
from desktop_app.domain.press import PressNotice
from desktop_app.domain.upr import UprBrief
from desktop_app.files import (
    ExportError,
    PdfUnavailable,
    Staging,
    atomic_write_bytes,
    safe_file_stem,
    unique_file_names,
)
from desktop_app.reference import shipped_states
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from datetime import date

    from desktop_app.domain.text import Lang

Languages = Literal["ko", "en", "both"]
Format = Literal["docx", "pdf", "both"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "both")
# progress(steps done, steps in all, the file just made); a PDF run counts as one step
Progress = Callable[[int, int, Path], None]

NO_LIBREOFFICE = N_(
    "No PDF was made because LibreOffice is not installed on this computer (the Word file "
    "was written); install it free from libreoffice.org, or say where it is in Settings "
    "(dari: --libreoffice PATH)."
)

KIND_LABELS = {
    "ko-letter": "서한",
    "ko-official": "공문",
    "en-letter": "letter",
    "upr-brief-ko": "UPR 사전질의·권고",
    "upr-brief-en": "UPR questions and recommendations",
    "upr-ohchr-ko": "UPR 사전질의 목록",
    "upr-ohchr-en": "UPR advance questions",
    "press-notice-ko": "기자회견 안내",
    "press-notice-en": "media advisory",
    "statement-ko": "기자회견문",
    "statement-en": "statement",
}
LAYOUT_SUFFIX = {Layout.COMBINED: "ko-en", Layout.SIDE_BY_SIDE: "ko-en parallel"}


@dataclass(frozen=True)
class ExportRequest:
    """What the person chose: languages, layout, style per language, date style."""

    languages: Languages = "both"
    layout: Layout = Layout.SEPARATE
    styles: dict[Lang, str] = field(default_factory=dict)  # missing: the kind's default
    options: ComposeOptions = field(default_factory=ComposeOptions)
    format: Format = "docx"
    pdfa: bool = False  # PDF/A-2b, for archives
    libreoffice: str | None = None  # where LibreOffice is, if set (Settings, --libreoffice)

    def wants_docx(self) -> bool:
        return self.format in ("docx", "both")

    def wants_pdf(self) -> bool:
        return self.format in ("pdf", "both")

    def preset(self, lang: Lang, kind: str = "letter") -> StylePreset:
        """The chosen preset for `lang`; a style made for another kind of document gives way
        to the kind's default (a letter style asked for a UPR brief, say)."""
        key = self.styles.get(lang)
        if key is None:
            return default_preset(kind, lang)
        try:
            preset = get_preset(key)
        except UnknownPreset:
            raise DariError(N_("There is no style named “{style}”."), style=key) from None
        if preset.lang != lang:
            if preset.lang == "ko":
                raise DariError(N_("The style “{style}” is for Korean documents."), style=key)
            raise DariError(N_("The style “{style}” is for English documents."), style=key)
        return preset if preset.kind == kind else default_preset(kind, lang)

    def langs(self) -> tuple[Lang, ...]:
        return ("ko", "en") if self.languages == "both" else (self.languages,)

    def file_count(self) -> int:
        """How many files this request makes."""
        return 2 if self.languages == "both" and self.layout is Layout.SEPARATE else 1


@dataclass(frozen=True)
class PlannedFile:
    """One file an export will write: its name, its composed layout, and what it holds
    (its languages and the style keys they are laid out in, for the export log)."""

    file_name: str
    layout: LayoutDocument
    langs: tuple[Lang, ...] = ()
    styles: tuple[str, ...] = ()


@dataclass(frozen=True)
class WrittenFile:
    """A file an export wrote: where, what it holds, its size and SHA-256 (hex)."""

    path: Path
    langs: tuple[Lang, ...]
    styles: tuple[str, ...]
    size: int
    sha256: str


class TargetExists(DariError):
    """Files an export would replace; nothing was written. `paths` are all of them."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__(
            N_("{file} already exists, so nothing was written; to replace it, say --overwrite."),
            file=paths[0],
        )
        self.paths = tuple(paths)


class ExportCancelled(DariError):
    """The person cancelled a batch before its files were renamed into place."""

    def __init__(self) -> None:
        super().__init__(N_("The export was cancelled; no file was written."))


@dataclass(frozen=True)
class BatchOutcome:
    """What `write_batch` wrote, in order (.docx then its PDF, per planned file), and
    what the person should be told (no LibreOffice: the .docx without PDF)."""

    files: tuple[WrittenFile, ...]
    notices: tuple[DariError, ...] = ()


class ExportResult(list[Path]):
    """The paths an export wrote (a list, as before), with its notices and log files."""

    def __init__(self, files: Sequence[WrittenFile], notices: Sequence[DariError] = ()) -> None:
        super().__init__(file.path for file in files)
        self.files = tuple(files)
        self.notices = tuple(notices)


def _written(path: Path, plan: PlannedFile, data: bytes) -> WrittenFile:
    return WrittenFile(path, plan.langs, plan.styles, len(data), hashlib.sha256(data).hexdigest())


def output_targets(docx_targets: Sequence[Path], request: ExportRequest) -> list[Path]:
    """Every file a batch writes for these .docx targets: the .docx, its PDF, or both."""
    out: list[Path] = []
    for target in docx_targets:
        if request.wants_docx():
            out.append(target)
        if request.wants_pdf():
            out.append(target.with_suffix(".pdf"))
    return out


def refuse_existing(targets: Sequence[Path], overwrite: bool) -> None:
    """TargetExists unless `overwrite` or none of `targets` exists."""
    if overwrite:
        return
    # a folder in the way is not replaced at all: staging says so, naming it
    existing = [t for t in targets if t.is_symlink() or (t.exists() and not t.is_dir())]
    if existing:
        raise TargetExists(existing)


def make_pdfs(
    docx: Sequence[tuple[str, bytes]],
    request: ExportRequest,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> list[bytes] | None:
    """The PDF of each (file name, .docx bytes), from one LibreOffice run; None when
    LibreOffice is not installed. The .docx copies live in a private temporary folder.
    `cancelled()` is asked while LibreOffice runs: it is killed, ExportCancelled raised."""
    if not docx:
        return []
    with tempfile.TemporaryDirectory(prefix="dari-docx-") as folder:
        paths = []
        for n, (name, data) in enumerate(docx):
            path = Path(folder) / f"{n:05d}-{Path(name).stem[:40]}.docx"
            path.write_bytes(data)
            paths.append(path)
        try:
            return render.convert_pdfs(
                paths, soffice=request.libreoffice, pdfa=request.pdfa, cancelled=cancelled
            )
        except render.ConversionCancelled:
            raise ExportCancelled from None
        except PdfUnavailable:
            return None
        except ExportError as error:
            raise DariError.saying(error) from error


def write_batch(
    jobs: Sequence[tuple[PlannedFile, Path]],
    request: ExportRequest,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    before_renames: Callable[[list[WrittenFile]], None] | None = None,
) -> BatchOutcome:
    """Write each planned file to its .docx target, and/or its PDF beside it, all or none.

    Every .docx is rendered, the PDFs are made in one LibreOffice run, everything is
    staged beside its target, `before_renames(files)` is called (the log records them
    as pending) and then all are renamed into place. Refuses (TargetExists) to replace
    an existing file unless `overwrite`. `cancelled()` is asked before each step and
    while LibreOffice runs (a cancel kills it); a cancel raises ExportCancelled and
    leaves nothing. Without LibreOffice, a PDF-only
    batch writes the .docx instead and says why in `notices`.
    """
    targets = [target for _, target in jobs]
    refuse_existing(output_targets(targets, request), overwrite)
    steps = len(jobs) + (1 if request.wants_pdf() and jobs else 0)
    done = 0

    def step(path: Path) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps, path)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled

    rendered: list[bytes] = []
    for plan, target in jobs:
        check()
        rendered.append(render.render_docx(plan.layout))  # loads python-docx on first use
        step(target)
    pdfs: list[bytes] | None = []
    notices: list[DariError] = []
    if request.wants_pdf() and jobs:
        check()
        pdfs = make_pdfs(
            [(t.name, d) for t, d in zip(targets, rendered, strict=True)],
            request,
            cancelled=cancelled,
        )
        step(targets[-1].with_suffix(".pdf"))
        if pdfs is None:
            notices.append(DariError(NO_LIBREOFFICE))
    keep_docx = request.wants_docx() or pdfs is None
    if pdfs is None and not overwrite:
        refuse_existing(targets, overwrite)  # the .docx stand in for the PDFs
    check()
    files: list[WrittenFile] = []
    try:
        with Staging() as staging:
            for n, (plan, target) in enumerate(jobs):
                if keep_docx:
                    staging.add(target, rendered[n])
                    files.append(_written(target, plan, rendered[n]))
                if pdfs:
                    pdf_target = target.with_suffix(".pdf")
                    staging.add(pdf_target, pdfs[n])
                    files.append(_written(pdf_target, plan, pdfs[n]))
            staging.commit(None if before_renames is None else lambda: before_renames(files))
    except ExportError as error:
        raise DariError.saying(error) from error
    return BatchOutcome(tuple(files), tuple(notices))


def base_name(document: Any, request: ExportRequest, today: date) -> str:
    """`2024-04-18 외교부 서한`: date, to whom (or about which State), kind of document."""
    name_lang: Lang = "ko" if "ko" in request.langs() else "en"
    office = ""
    if isinstance(document, UprBrief):
        when = (document.review_date or document.date or today).isoformat()
        office = shipped_states().name(document.state, name_lang) if document.state else ""
    elif isinstance(document, PressNotice):  # the day of the press conference
        day = document.starts.date() if document.starts else document.date
        when = (day or today).isoformat()
    else:
        when = (getattr(document, "date", None) or today).isoformat()
        recipients = getattr(document, "recipients", ())
        if recipients:
            office = recipients[0].organisation.get(name_lang).split(",")[0]
            office = office or recipients[0].title.get(name_lang)
    kind = KIND_LABELS.get(request.preset(name_lang, document.KIND).key, document.KIND)
    return " ".join(part for part in (when, office.strip(), kind) if part)


def plan_export(document: Any, request: ExportRequest, today: date) -> list[PlannedFile]:
    """The files an export makes, composed but not yet written.

    Names are `<stem> (<language or layout>).docx`, capped by encoded bytes so that
    each (and the atomic write's temporary name) fits the file system: a long stem
    is cut, the suffix never is, and names that collide once cut are numbered.
    """
    stem = safe_file_stem(base_name(document, request, today))
    planned = compose_files(document, request)
    names = unique_file_names((stem, suffix) for suffix, _ in planned)
    return [
        dataclasses.replace(plan, file_name=name)
        for name, (_, plan) in zip(names, planned, strict=True)
    ]


def file_suffixes(request: ExportRequest) -> list[str]:
    """The name suffix of each file a request makes, in order: ` (ko).docx`, ` (en).docx`
    or one ` (ko-en).docx` — known without composing anything."""
    if request.file_count() == 1 and request.languages == "both":
        return [f" ({LAYOUT_SUFFIX[request.layout]}).docx"]
    return [f" ({lang}).docx" for lang in request.langs()]


def compose_files(document: Any, request: ExportRequest) -> list[tuple[str, PlannedFile]]:
    """Each file's name suffix (`file_suffixes`) and its composed layout, not yet named
    (`plan_export` names them; mail merge names them per recipient)."""
    presets = {lang: request.preset(lang, document.KIND) for lang in request.langs()}
    if request.file_count() == 1 and request.languages == "both":
        layout = compose_both(document, request.layout, presets, request.options)
        styles = tuple(presets[lang].key for lang in request.langs())
        (suffix,) = file_suffixes(request)
        return [(suffix, PlannedFile("", layout, request.langs(), styles))]
    return [
        (
            suffix,
            PlannedFile(
                "",
                compose(document, lang, presets[lang], request.options),
                (lang,),
                (presets[lang].key,),
            ),
        )
        for lang, suffix in zip(request.langs(), file_suffixes(request), strict=True)
    ]


def export_omissions(document: Any, request: ExportRequest) -> list[Omission]:
    """The parts of `document` the chosen styles have no place for, to say before writing."""
    out: list[Omission] = []
    for lang in request.langs():
        try:
            preset = request.preset(lang, document.KIND)
        except DariError:  # plan_export says why
            continue
        out += omissions(document, preset)
    return out


def export_files(
    document: Any, request: ExportRequest, out: Path, today: date, *, overwrite: bool = False
) -> list[Path]:
    """Write the planned files. `out` is a folder, or a file name when one file results.

    The files are written all or none (`write_batch`): a failure leaves no partial
    file and earlier files of the same names untouched, and says which file and why.
    """
    outcome = write_export(document, request, out, today, overwrite=overwrite)
    return [written.path for written in outcome.files]


def write_file(plan: PlannedFile, target: Path) -> WrittenFile:
    """Render one planned file and write it atomically; its size and hash for the log."""
    data = render.render_docx(plan.layout)  # loads python-docx on first use
    try:
        atomic_write_bytes(target, data)
    except ExportError as error:
        raise DariError.saying(error) from error
    return WrittenFile(target, plan.langs, plan.styles, len(data), hashlib.sha256(data).hexdigest())


def write_export(
    document: Any,
    request: ExportRequest,
    out: Path,
    today: date,
    *,
    overwrite: bool = False,
    before_renames: Callable[[list[WrittenFile]], None] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchOutcome:
    """`export_files`, saying of each file what the export log records (`progress` and
    `cancelled` as `write_batch` takes them: the window's progress and Cancel)."""
    planned = plan_export(document, request, today)
    if out.is_dir():
        targets = [out / p.file_name for p in planned]
    elif len(planned) == 1:
        if out.suffix.lower() in (".docx", ".pdf"):
            targets = [out.with_suffix(".docx")]
        else:
            targets = [out.with_name(out.name + ".docx")]
    elif not out.exists() and not out.suffix:
        raise DariError(N_("The folder {folder} does not exist."), folder=out)
    else:
        raise DariError(
            N_("This export makes {count} files; give a folder to put them in, not {out}."),
            count=len(planned),
            out=out,
        )
    return write_batch(
        list(zip(planned, targets, strict=True)),
        request,
        overwrite=overwrite,
        before_renames=before_renames,
        progress=progress,
        cancelled=cancelled,
    )
