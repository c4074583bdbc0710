"""A document with a distinct marker in every text field, built by walking its dataclasses.

The fields are not listed by hand: `dataclasses.fields` and `typing.get_type_hints`,
recursively, every element of every tuple, each text filled with a marker of its own per
language, so a field added later is covered without touching a test. A field without text
(a date, a number, an enum, State codes) must be named in `not_text` with the reason and
given a value by `special`; one that is not stops the walk with a message saying so.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import typing
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from desktop_app.domain.text import BilingualText, Lang

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Marked:
    """`self.document`: a `root` with a marker in every text; `self.markers[lang][path]`."""

    not_text: typing.ClassVar[dict[str, str]] = {}

    def __init__(
        self, root: type, count: int, noted: typing.Callable[[str], bool] | None = None
    ) -> None:
        # `noted(path)`: that field's marker is written inside a footnote, `글^[마커001가]`,
        # so the walk proves a note's text reaches every style and layout too.
        self.noted = noted or (lambda _path: False)
        self.count = count
        self.numbers = itertools.count(1)
        self.markers: dict[Lang, dict[str, str]] = {"ko": {}, "en": {}}
        self.seen: set[str] = set()  # "Class.field" names met while walking
        self.document: Any = self.build(root, "")

    def text(self, path: str) -> BilingualText:
        n = next(self.numbers)
        self.markers["ko"][path] = f"마커{n:03d}가"
        self.markers["en"][path] = f"MARK{n:03d}X"
        if self.noted(path):
            return BilingualText.of(f"글{n:03d}^[마커{n:03d}가]", f"Text{n:03d}^[MARK{n:03d}X]")
        return BilingualText.of(f"마커{n:03d}가", f"MARK{n:03d}X")

    def plain(self, path: str, name: str) -> str:
        """A language-neutral field (telephone, e-mail, …): the same marker in both."""
        value = f"{name}{next(self.numbers):03d}z"
        self.markers["ko"][path] = self.markers["en"][path] = value
        return value

    def build(self, cls: type, path: str, index: int = 0) -> Any:
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            name = f"{cls.__name__}.{f.name}"
            self.seen.add(name)
            where = f"{path}.{f.name}" if path else f.name
            values[f.name] = self.value(name, hints[f.name], where, index)
        return cls(**values)

    def value(self, name: str, kind: Any, where: str, index: int) -> Any:
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if name in self.not_text:
            return self.special(name, index)
        if kind is BilingualText:
            return self.text(where)
        if kind is str:
            return self.plain(where, where.rsplit(".", 1)[-1].partition("[")[0])
        if origin is tuple:
            return tuple(self.value(name, args[0], f"{where}[{i}]", i) for i in range(self.count))
        if dataclasses.is_dataclass(kind):
            return self.build(kind, where, index)  # type: ignore[arg-type]
        raise AssertionError(
            f"{name} ({kind}) has no text: check it by its effect and list it in not_text "
            "with the reason"
        )

    def special(self, name: str, index: int) -> Any:
        raise AssertionError(f"{name}: no value for this field without text")


def file_text(path: Path) -> str:
    """Every paragraph of the file, line by line: the body with its tables (nested too),
    every running header and footer part (a first page's own header and footer show a
    part of the running ones on page 1: counted once, with the running ones), and the
    footnotes."""
    lines: list[str] = []
    with zipfile.ZipFile(path) as archive:
        first_page = _first_page_parts(archive)
        names = [
            n
            for n in archive.namelist()
            if n in ("word/document.xml", "word/footnotes.xml")
            or (re.fullmatch(r"word/(header|footer)\d*\.xml", n) and n not in first_page)
        ]
        for name in names:
            root = etree.fromstring(archive.read(name))
            for p in root.iter(f"{W}p"):
                parts = []
                for node in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
                    if node.tag == f"{W}t":
                        parts.append(node.text or "")
                    else:
                        parts.append("\n" if node.tag == f"{W}br" else "\t")
                lines.append("".join(parts))
    return "\n".join(lines)


def _first_page_parts(archive: zipfile.ZipFile) -> set[str]:
    """The header and footer parts the section uses on its first page only."""
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {rel.get("Id"): f"word/{rel.get('Target')}" for rel in rels}
    document = etree.fromstring(archive.read("word/document.xml"))
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {
        targets[ref.get(rid)]
        for kind in ("header", "footer")
        for ref in document.iter(f"{W}{kind}Reference")
        if ref.get(f"{W}type") == "first"
    }


# -- exporting a marked document and comparing layouts ------------------------------------


def style_keys(kind: str, lang: Lang) -> list[str]:
    """Every style preset for documents of `kind` in `lang`."""
    from desktop_app.compose import PRESETS

    return [k for k, p in PRESETS.items() if p.kind == kind and p.lang == lang]


def style_pairs(kind: str) -> list[tuple[str, str]]:
    """Every (Korean style, English style) pair for `kind`."""
    return list(itertools.product(style_keys(kind, "ko"), style_keys(kind, "en")))


def omitted(document: Any, request: Any, lang: Lang) -> set[str]:
    """The paths the export check names for `lang`'s style (each omission and its parts)."""
    from desktop_app.services.export import export_omissions

    return {
        part
        for o in export_omissions(document, request)
        if o.preset.lang == lang
        for part in (*o.parts, o.path)
    }


def export_separately(
    document: Any, styles: dict[Lang, str], folder: Path, today: Any
) -> tuple[Any, dict[Lang, str]]:
    """Both languages as separate files into `folder`: (the request, each file's text)."""
    from desktop_app.services.export import ExportRequest, Layout, export_files

    request = ExportRequest("both", Layout.SEPARATE, styles=styles)
    folder.mkdir()
    files = export_files(document, request, folder, today)
    texts: dict[Lang, str] = {
        "ko": file_text(next(p for p in files if p.name.endswith("(ko).docx"))),
        "en": file_text(next(p for p in files if p.name.endswith("(en).docx"))),
    }
    return request, texts


def two_language_problems(
    document: Any,
    styles: dict[Lang, str],
    expected: typing.Callable[[Lang], dict[str, str]],
    neutral: set[str],
    separate: dict[Lang, str],
    tmp_path: Path,
    today: Any,
) -> list[str]:
    """The combined and side-by-side files against the separate ones.

    Every marker must be printed as often as in the two separate files together
    (combining or pairing the columns drops nothing, adds nothing), and one that is
    not printed must be named by the check. `neutral` markers (the same in both
    languages) are counted with Korean only.
    """
    from desktop_app.services.export import ExportRequest, Layout, export_files

    problems: list[str] = []
    for layout in (Layout.COMBINED, Layout.SIDE_BY_SIDE):
        request = ExportRequest("both", layout, styles=styles)
        folder = tmp_path / layout.value
        folder.mkdir()
        (path,) = export_files(document, request, folder, today)
        text = file_text(path)
        for lang in ("ko", "en"):
            named = omitted(document, request, lang)
            for where, marker in expected(lang).items():
                if lang == "en" and marker in neutral:
                    continue  # a language-neutral marker: counted with Korean
                alone = separate["ko"].count(marker) + separate["en"].count(marker)
                if text.count(marker) != alone:
                    problems.append(
                        f"{layout.value}: {lang} {where} ({marker}) printed "
                        f"{text.count(marker)} times, {alone} in the separate files"
                    )
                if marker not in text and where not in named:
                    problems.append(f"{layout.value}: {lang} {where} dropped silently")
    return problems
