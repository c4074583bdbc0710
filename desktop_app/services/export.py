"""Exporting a draft to .docx files: what files, named how, written safely."""

from __future__ import annotations

import dataclasses
import hashlib
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
from desktop_app.files import ExportError, atomic_write_bytes, safe_file_stem, unique_file_names
from desktop_app.reference import shipped_states
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from datetime import date

    from desktop_app.domain.text import Lang

Languages = Literal["ko", "en", "both"]

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


def export_files(document: Any, request: ExportRequest, out: Path, today: date) -> list[Path]:
    """Write the planned files. `out` is a folder, or a file name when one file results.

    Every file is written atomically: a failure leaves no partial file and an
    earlier file of the same name untouched, and says which file and why.
    """
    return [written.path for written in write_export(document, request, out, today)]


def write_file(plan: PlannedFile, target: Path) -> WrittenFile:
    """Render one planned file and write it atomically; its size and hash for the log."""
    data = render.render_docx(plan.layout)  # loads python-docx on first use
    try:
        atomic_write_bytes(target, data)
    except ExportError as error:
        raise DariError.saying(error) from error
    return WrittenFile(target, plan.langs, plan.styles, len(data), hashlib.sha256(data).hexdigest())


def write_export(
    document: Any, request: ExportRequest, out: Path, today: date
) -> list[WrittenFile]:
    """`export_files`, saying of each file what the export log records."""
    planned = plan_export(document, request, today)
    if out.is_dir():
        targets = [out / p.file_name for p in planned]
    elif len(planned) == 1:
        targets = [out if out.suffix.lower() == ".docx" else out.with_name(out.name + ".docx")]
    elif not out.exists() and not out.suffix:
        raise DariError(N_("The folder {folder} does not exist."), folder=out)
    else:
        raise DariError(
            N_("This export makes {count} files; give a folder to put them in, not {out}."),
            count=len(planned),
            out=out,
        )
    return [write_file(plan, target) for plan, target in zip(planned, targets, strict=True)]
