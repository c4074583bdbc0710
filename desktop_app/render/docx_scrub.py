"""Metadata scrubbing of a finished .docx: parts, relationships, ids, zip dates.

Matches mat2's list (TECH-NOTES.md): customXml, docProps/custom.xml, thumbnails,
printerSettings, people.xml, comments*, webSettings, glossary, rsid* and nsid;
core.xml and app.xml are replaced by neutral ones; every zip entry is dated
1980-01-01 and written in a fixed order, so equal input gives equal bytes.

The .docx writer runs this once per process over python-docx's own template and
builds every export from the scrubbed parts (it adds no ids or history of its
own), so an export needs no second pass; `scrub_docx` still cleans any file.
"""

from __future__ import annotations

import importlib
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Final

# lxml ships no type information; python-docx depends on it, so it is always there.
etree: Any = importlib.import_module("lxml.etree")

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14: Final = "http://schemas.microsoft.com/office/word/2010/wordml"
W15: Final = "http://schemas.microsoft.com/office/word/2012/wordml"
CT: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
PR: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
DEFAULT_CREATED: Final = datetime(2000, 1, 1, tzinfo=UTC)

# Parts that carry identity or history and that a letter never needs.
_REMOVED: Final = re.compile(
    r"^(customXml/.*|docProps/custom\.xml|docProps/thumbnail\.[^/]+|.*printerSettings.*"
    r"|word/people\.xml|word/comments[^/]*\.xml|word/webSettings\.xml|word/glossary/.*"
    r"|word/stylesWithEffects\.xml|word/_rels/(people|comments[^/]*|webSettings"
    r"|stylesWithEffects)\.xml\.rels)$",
    re.IGNORECASE,
)
_REMOVED_REL_TYPES: Final = ("/thumbnail", "/custom-properties", "/customXml", "/attachedTemplate",
                             "/comments", "/people", "/webSettings", "/glossaryDocument",
                             "/printerSettings", "/stylesWithEffects", "/commentsExtended",
                             "/commentsIds", "/commentsExtensible")  # fmt: skip
# Settings that name or identify: Word's ids, thumbnail request, template path.
_SETTINGS_DROP: Final = (
    f"{{{W}}}rsids", f"{{{W}}}savePreviewPicture", f"{{{W}}}attachedTemplate",
    f"{{{W14}}}docId", f"{{{W15}}}docId",
)  # fmt: skip
_IDENTIFYING_ELEMENTS: Final = (f"{{{W}}}rsid", f"{{{W}}}nsid")
# Anchors of removed comments, deleted text and formatting history (authors, dates).
_HISTORY_ELEMENTS: Final = tuple(
    f"{{{W}}}{name}"
    for name in ("commentRangeStart", "commentRangeEnd", "commentReference", "del", "moveFrom",
                 "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                 "tcPrChange", "tblGridChange", "numberingChange")
)  # fmt: skip
_UNWRAPPED: Final = (f"{{{W}}}ins", f"{{{W}}}moveTo")

CORE_XML: Final = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
    "</cp:coreProperties>"
)
APP_XML: Final = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)

Transform = Callable[[bytes], bytes]


def qn(local: str) -> str:
    """Clark name of a WordprocessingML element or attribute, e.g. qn("eastAsia")."""
    return f"{{{W}}}{local}"


def serialize(root: Any) -> bytes:
    """An XML part's bytes, with the declaration Office writes."""
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    return data


def core_xml(created: datetime | None = None) -> bytes:
    """Neutral core properties: revision 1 and one fixed (or given) time, nothing else."""
    when = (created or DEFAULT_CREATED).astimezone(UTC).replace(microsecond=0)
    return CORE_XML.replace("{stamp}", when.strftime("%Y-%m-%dT%H:%M:%SZ")).encode()


def _clean_ids(root: Any) -> None:
    """Remove rsid attributes, w:rsid/w:nsid elements and identifying settings in place."""
    doomed = list(root.iter(*_IDENTIFYING_ELEMENTS, *_SETTINGS_DROP, *_HISTORY_ELEMENTS))
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    for element in list(root.iter(*_UNWRAPPED)):  # accept insertions: keep the text only
        parent = element.getparent()
        if parent is None:
            continue
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)
    for element in root.iter():
        for name in [n for n in element.attrib if n.startswith(f"{{{W}}}rsid")]:
            del element.attrib[name]


def _part_of_rels(rels_name: str) -> str:
    """The folder a .rels file's relative targets are resolved against."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return folder


def _clean_rels(name: str, data: bytes, removed: set[str]) -> bytes:
    """Drop relationships to removed parts or of identifying types."""
    root = etree.fromstring(data)
    base = _part_of_rels(name)
    for rel in list(root):
        target = rel.get("Target", "")
        rel_type = rel.get("Type", "")
        resolved = posixpath.normpath(posixpath.join(base, target)).lstrip("/")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        if resolved in removed or rel_type.endswith(_REMOVED_REL_TYPES):
            root.remove(rel)
    return serialize(root)


def _clean_content_types(data: bytes, names: set[str]) -> bytes:
    """Keep overrides for parts still present and defaults for extensions still used."""
    root = etree.fromstring(data)
    extensions = {n.rsplit(".", 1)[-1].lower() for n in names if "." in n}
    for entry in list(root):
        local = etree.QName(entry).localname
        if local == "Override" and entry.get("PartName", "").lstrip("/") not in names:
            root.remove(entry)
        elif local == "Default":
            ext = entry.get("Extension", "").lower()
            if ext not in extensions and ext not in {"rels", "xml"}:
                root.remove(entry)
    return serialize(root)


def scrub_parts(
    data: bytes,
    *,
    created: datetime | None = None,
    transforms: Mapping[str, Transform] | None = None,
) -> dict[str, bytes]:
    """The scrubbed parts of the .docx in `data`, by name (see `scrub_docx`)."""
    transforms = transforms or {}
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    removed = {name for name in parts if _REMOVED.match(name)}
    kept = {name: blob for name, blob in parts.items() if name not in removed}
    kept["docProps/core.xml"] = core_xml(created)
    kept["docProps/app.xml"] = APP_XML.encode()

    cleaned: dict[str, bytes] = {}
    for name, blob in kept.items():
        if name in transforms:
            blob = transforms[name](blob)
        if name.endswith(".rels"):
            blob = _clean_rels(name, blob, removed)
        elif name.startswith("word/") and name.endswith(".xml"):
            root = etree.fromstring(blob)
            _clean_ids(root)
            blob = serialize(root)
        cleaned[name] = blob
    cleaned["[Content_Types].xml"] = _clean_content_types(
        cleaned["[Content_Types].xml"], set(cleaned)
    )
    return cleaned


def scrub_docx(
    data: bytes,
    *,
    created: datetime | None = None,
    transforms: Mapping[str, Transform] | None = None,
) -> bytes:
    """Return a scrubbed, deterministic copy of the .docx in `data`.

    `transforms` maps a part name (e.g. "word/fontTable.xml") to a function
    applied to that part's bytes before the generic clean-up.
    """
    return write_zip(scrub_parts(data, created=created, transforms=transforms))


def write_zip(parts: Mapping[str, bytes]) -> bytes:
    """Zip the parts in a fixed order with fixed dates and attributes."""
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [n for n in first if n in parts] + sorted(n for n in parts if n not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
