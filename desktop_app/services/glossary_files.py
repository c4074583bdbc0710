"""Glossary files: CSV (UTF-8, Excel-friendly) and TBX (ISO 30042), both ways, nothing lost."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from desktop_app.domain.glossary import Scope, Term
from desktop_app.domain.messages import N_
from desktop_app.domain.text import clean_text
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from pathlib import Path

CSV_COLUMNS = ["ko", "en", "note", "alternatives", "forbidden", "exceptions", "scope"]
LIST_SEPARATOR = ";"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UN_SUBSET = "UN-facing"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(LIST_SEPARATOR) if v.strip())


def terms_to_csv(terms: list[Term]) -> bytes:
    """CSV with a BOM and CRLF, so Excel opens the Hangul correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for t in terms:
        writer.writerow(
            [
                t.ko,
                t.en,
                t.note,
                LIST_SEPARATOR.join(t.alternatives),
                LIST_SEPARATOR.join(t.forbidden),
                LIST_SEPARATOR.join(t.exceptions),
                t.scope.value,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def terms_from_csv(data: bytes, name: str = "the file") -> list[Term]:
    """Terms from CSV with at least the columns ko and en (others optional)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DariError(
            N_("{name} is not UTF-8 text; save it as “CSV UTF-8” and try again."), name=name
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or ())
    if not {"ko", "en"} <= columns:
        raise DariError(N_("{name} needs the columns “ko” and “en” in its first line."), name=name)
    terms = []
    for line, row in enumerate(reader, start=2):
        ko, en = clean_text(row.get("ko") or "").strip(), clean_text(row.get("en") or "").strip()
        if not ko and not en:
            continue
        scope_text = (row.get("scope") or "all").strip().lower() or "all"
        if scope_text not in ("all", "un"):
            raise DariError(
                N_("{name}, line {line}: scope must be “all” or “un”, not “{scope}”."),
                name=name,
                line=line,
                scope=scope_text,
            )
        terms.append(
            Term(
                ko=ko,
                en=en,
                note=clean_text(row.get("note") or "").strip(),
                forbidden=_split(clean_text(row.get("forbidden") or "")),
                exceptions=_split(clean_text(row.get("exceptions") or "")),
                scope=Scope(scope_text),
                alternatives=_split(clean_text(row.get("alternatives") or "")),
            )
        )
    return terms


def _q(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def terms_to_tbx(terms: list[Term]) -> bytes:
    """A TBX-Basic document (TBX v3, DCA style): one conceptEntry per term."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(_q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: "ko"})
    header = ET.SubElement(root, _q("tbxHeader"))
    file_desc = ET.SubElement(header, _q("fileDesc"))
    source = ET.SubElement(ET.SubElement(file_desc, _q("sourceDesc")), _q("p"))
    source.text = "Dari glossary"
    body = ET.SubElement(ET.SubElement(root, _q("text")), _q("body"))
    for n, term in enumerate(terms, start=1):
        entry = ET.SubElement(body, _q("conceptEntry"), {"id": f"c{n}"})
        if term.scope is Scope.UN:
            admin = ET.SubElement(
                ET.SubElement(entry, _q("adminGrp")), _q("admin"), {"type": "customerSubset"}
            )
            admin.text = UN_SUBSET
        if term.note:
            ET.SubElement(entry, _q("note")).text = term.note
        ko = ET.SubElement(entry, _q("langSec"), {XML_LANG: "ko"})
        ET.SubElement(ET.SubElement(ko, _q("termSec")), _q("term")).text = term.ko
        en = ET.SubElement(entry, _q("langSec"), {XML_LANG: "en"})
        _tbx_term(en, term.en, "preferredTerm-admn-sts")
        for alternative in term.alternatives:
            _tbx_term(en, alternative, "admittedTerm-admn-sts")
        for variant in term.forbidden:
            sec = _tbx_term(en, variant, "deprecatedTerm-admn-sts")
            for exception in term.exceptions:
                note = ET.SubElement(sec, _q("termNote"), {"type": "usageNote"})
                note.text = f"except in: {exception}"
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _tbx_term(lang_sec: ET.Element, text: str, status: str) -> ET.Element:
    sec = ET.SubElement(lang_sec, _q("termSec"))
    ET.SubElement(sec, _q("term")).text = text
    ET.SubElement(sec, _q("termNote"), {"type": "administrativeStatus"}).text = status
    return sec


def terms_from_tbx(data: bytes, name: str = "the file") -> list[Term]:
    """Terms from TBX (v3 namespaced, or v2 / no namespace): Korean and English term per entry.

    The file comes from outside, so it is parsed with defusedxml in any encoding
    (UTF-8, UTF-16 with its BOM, …): entity declarations (the "billion laughs"
    bomb) and references to outside files are refused; a bare DOCTYPE line, which
    TBX v2 files carry, is allowed and never loaded.
    """
    from defusedxml import DefusedXmlException  # loaded at the first import, not at start-up
    from defusedxml.ElementTree import fromstring as parse_untrusted_xml

    try:
        root = parse_untrusted_xml(data)
    except DefusedXmlException:
        raise DariError(
            N_(
                "{name} declares XML entities or refers to outside files; "
                "Dari does not read such files."
            ),
            name=name,
        ) from None
    except ET.ParseError as error:
        raise DariError(
            N_("{name} is not a valid TBX (XML) file: {problem}."), name=name, problem=error
        ) from None
    terms = []
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        ko = en = note = ""
        forbidden: list[str] = []
        exceptions: list[str] = []
        alternatives: list[str] = []
        un = any(
            _local(e.tag) == "admin" and (e.text or "").strip() == UN_SUBSET for e in entry.iter()
        )
        for child in entry:
            if _local(child.tag) == "note":
                note = (child.text or "").strip()
        for lang_sec in (e for e in entry if _local(e.tag) in ("langSec", "langSet")):
            lang = (lang_sec.get(XML_LANG) or "").lower().split("-")[0]
            for sec in (e for e in lang_sec.iter() if _local(e.tag) in ("termSec", "tig", "ntig")):
                text = next(
                    ((e.text or "").strip() for e in sec.iter() if _local(e.tag) == "term"), ""
                )
                notes = {
                    e.get("type"): (e.text or "").strip()
                    for e in sec.iter()
                    if _local(e.tag) == "termNote"
                }
                status = notes.get("administrativeStatus", "")
                if lang == "ko" and not ko:
                    ko = text
                elif lang == "en" and status.startswith(("deprecated", "superseded")):
                    forbidden.append(text)
                    for e in sec.iter():
                        if _local(e.tag) == "termNote" and e.get("type") == "usageNote":
                            value = (e.text or "").strip().removeprefix("except in:").strip()
                            if value and value not in exceptions:
                                exceptions.append(value)
                elif lang == "en" and status.startswith("admitted"):
                    alternatives.append(text)
                elif lang == "en" and not en:
                    en = text
        if ko or en:
            terms.append(
                Term(
                    clean_text(ko),
                    clean_text(en),
                    clean_text(note),
                    tuple(forbidden),
                    tuple(exceptions),
                    Scope.UN if un else Scope.ALL,
                    tuple(alternatives),
                )
            )
    if not terms:
        raise DariError(N_("{name} has no Korean–English term entries."), name=name)
    return terms


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_terms(path: Path) -> list[Term]:
    """Terms from a .csv or .tbx file (by extension)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tbx"):
        raise DariError(N_("{file}: Dari reads glossaries as .csv or .tbx files."), file=path.name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DariError(N_("{path} does not exist."), path=path) from None
    except OSError as error:
        raise DariError(
            N_("{path} cannot be read: {reason}."), path=path, reason=error.strerror or error
        ) from None
    return terms_from_csv(data, path.name) if suffix == ".csv" else terms_from_tbx(data, path.name)


def terms_bytes(terms: list[Term], path: Path) -> bytes:
    """The file content for `path` by its extension (.csv or .tbx)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return terms_to_csv(terms)
    if suffix == ".tbx":
        return terms_to_tbx(terms)
    raise DariError(N_("{file}: Dari writes glossaries as .csv or .tbx files."), file=path.name)
