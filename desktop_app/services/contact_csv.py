"""The address book's CSV columns: rows parsed into values, values written as rows (no storing).

One row is an organisation, optionally an office in it, optionally a person (holding that
office from a date until a date, or simply working there). The columns are in
docs/address-book.md; a header may also name them by a synonym (`이름`, `email`…, see
SYNONYMS) or be mapped explicitly. CSV bytes are UTF-8 (with or without a BOM) or, when
they are not valid UTF-8, CP949 (`decode_csv`). A bad row is reported by its number with
the reason and nothing of it is taken. The same table parsing serves XLSX sheets.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from desktop_app.domain.contacts import (
    BookOrganisation,
    ContactError,
    OfficeDate,
    OrganisationKind,
    Person,
    Position,
    parse_office_date,
)
from desktop_app.domain.messages import N_
from desktop_app.domain.text import BilingualText, clean_text

COLUMNS = (
    "kind",
    "organisation_ko",
    "organisation_en",
    "short_name_ko",
    "short_name_en",
    "country_ko",
    "country_en",
    "address_ko",
    "address_en",
    "postcode",
    "phone",
    "fax",
    "email",
    "website",
    "position_ko",
    "position_en",
    "honorific_ko",
    "honorific_en",
    "salutation_ko",
    "salutation_en",
    "department_ko",
    "department_en",
    "person_ko",
    "person_en",
    "family_name_ko",
    "family_name_en",
    "courtesy_ko",
    "courtesy_en",
    "role_ko",
    "role_en",
    "person_email",
    "person_phone",
    "from",
    "until",
    "note",
)


IGNORE = "-"  # an explicit mapping's field for a column left out on purpose
BLANK = ""  # a column without a name in the header

# Header names besides the column names themselves, compared after `_fold` (any case, no
# spaces, `-` as `_`). Korean ones are what a Korean spreadsheet's header says; a bare
# "name"/"이름" is the person's (organisations have their own columns).
SYNONYMS: dict[str, str] = {
    "구분": "kind",
    "종류": "kind",
    "type": "kind",
    "organization_ko": "organisation_ko",
    "organization_en": "organisation_en",
    "organisation": "organisation_en",
    "organization": "organisation_en",
    "기관": "organisation_ko",
    "기관명": "organisation_ko",
    "단체": "organisation_ko",
    "단체명": "organisation_ko",
    "소속": "organisation_ko",
    "기관영문명": "organisation_en",
    "단체영문명": "organisation_en",
    "약칭": "short_name_ko",
    "국가": "country_ko",
    "country": "country_en",
    "주소": "address_ko",
    "영문주소": "address_en",
    "address": "address_en",
    "우편번호": "postcode",
    "zip": "postcode",
    "전화": "phone",
    "전화번호": "phone",
    "팩스": "fax",
    "이메일": "email",
    "e_mail": "email",
    "전자우편": "email",
    "홈페이지": "website",
    "웹사이트": "website",
    "web": "website",
    "직위": "position_ko",
    "직책": "position_ko",
    "title_ko": "position_ko",
    "title_en": "position_en",
    "영문직위": "position_en",
    "title": "position_en",
    "position": "position_en",
    "경칭": "honorific_ko",
    "인사말": "salutation_ko",
    "부서": "department_ko",
    "이름": "person_ko",
    "성명": "person_ko",
    "name_ko": "person_ko",
    "영문이름": "person_en",
    "영문성명": "person_en",
    "name_en": "person_en",
    "name": "person_en",
    "성": "family_name_ko",
    "영문성": "family_name_en",
    "호칭": "courtesy_ko",
    "역할": "role_ko",
    "개인이메일": "person_email",
    "개인전화": "person_phone",
    "휴대전화": "person_phone",
    "mobile": "person_phone",
    "시작": "from",
    "시작일": "from",
    "임기시작": "from",
    "start": "from",
    "종료": "until",
    "종료일": "until",
    "임기종료": "until",
    "end": "until",
    "to": "until",
    "메모": "note",
    "비고": "note",
    "notes": "note",
}


def _fold(name: str) -> str:
    return "".join(clean_text(name).casefold().split()).replace("-", "_")


_KNOWN: dict[str, str] = {**SYNONYMS, **{c: c for c in COLUMNS}}


@dataclass(frozen=True)
class ColumnMapping:
    """Which field each column of a header goes to (None: unknown, IGNORE: left out)."""

    header: tuple[str, ...]
    fields: tuple[str | None, ...]

    @property
    def unknown(self) -> list[str]:
        """The columns no field was found for (an import refuses them until mapped)."""
        return [h for h, f in zip(self.header, self.fields, strict=True) if f is None]

    def pairs(self) -> list[tuple[str, str | None]]:
        return list(zip(self.header, self.fields, strict=True))


def map_columns(header: Sequence[str], mapping: dict[str, str] | None = None) -> ColumnMapping:
    """Fields for a header row: the explicit `mapping` (column → field or IGNORE) first,
    then the column names and their synonyms. Two columns for one field are refused."""
    explicit = {_fold(k): v.strip() for k, v in (mapping or {}).items()}
    for wanted in explicit.values():
        if wanted != IGNORE and wanted not in COLUMNS:
            raise ContactError(
                N_("“{field}” is not a field of the address book (see docs/address-book.md)."),
                field=wanted,
            )
    folded = [_fold(h) for h in header]
    missing = [k for k in explicit if k not in folded]
    if missing:
        raise ContactError(N_("The file has no column “{name}” to map."), name=missing[0])
    fields: list[str | None] = []
    seen: dict[str, str] = {}
    for name, key in zip(header, folded, strict=True):
        target: str | None = explicit.get(key) or _KNOWN.get(key)
        if not key:
            target = BLANK  # no name: its cells must be empty (parse_table checks)
        if target and target != IGNORE:
            if target in seen:
                raise ContactError(
                    N_("The columns “{first}” and “{second}” both give {field}."),
                    first=seen[target],
                    second=name,
                    field=target,
                )
            seen[target] = name
        fields.append(target)
    return ColumnMapping(tuple(header), tuple(fields))


@dataclass(frozen=True)
class Decoded:
    """CSV text and how its bytes were read."""

    text: str
    encoding: str  # "UTF-8 with BOM", "UTF-8" or "CP949"
    also_cp949: bool = False  # valid UTF-8 that CP949 would read otherwise (said, not hidden)


def decode_csv(data: bytes) -> Decoded:
    """The text of CSV bytes: UTF-8 (with or without a BOM) when they are valid UTF-8,
    else CP949, strictly; bytes that are neither are refused naming the row and the byte.

    Valid UTF-8 wins: CP949's Hangul is almost never valid UTF-8 (most of its lead bytes,
    0xB0–0xBF, are UTF-8 continuation bytes). When UTF-8 bytes are also valid CP949 with
    another reading, `also_cp949` says so and the preview shows it.
    """
    body, encoding = data, "UTF-8"
    if data.startswith(b"\xef\xbb\xbf"):
        body, encoding = data[3:], "UTF-8 with BOM"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        if encoding != "UTF-8":
            _undecodable(data, error.start + 3)
    else:
        other = None
        if encoding == "UTF-8" and not text.isascii():
            try:
                other = body.decode("cp949")
            except UnicodeDecodeError:
                other = None
        return Decoded(text, encoding, other is not None and other != text)
    try:
        return Decoded(data.decode("cp949"), "CP949")
    except UnicodeDecodeError as error:
        _undecodable(data, error.start)
    raise AssertionError("unreachable")  # pragma: no cover


def _undecodable(data: bytes, offset: int) -> NoReturn:
    raise ContactError(
        N_(
            "Row {number} (byte {offset}) is neither UTF-8 nor CP949 text. Save the file as "
            "“CSV UTF-8” and import it again."
        ),
        number=data.count(b"\n", 0, offset) + 1,
        offset=offset,
    )


@dataclass(frozen=True)
class ContactRow:
    """One parsed row: the organisation, maybe an office, maybe a person and their dates."""

    number: int  # the row's line in the file (the header is row 1)
    organisation: BookOrganisation | None
    position: Position | None
    person: Person | None
    start: OfficeDate | None = None
    end: OfficeDate | None = None
    note: str = ""


@dataclass(frozen=True)
class RowProblem:
    """A row not taken, and why (a ContactError, said in the user's language)."""

    number: int
    problem: ContactError


def _two(row: dict[str, str], name: str) -> BilingualText:
    return BilingualText.of(row.get(f"{name}_ko", ""), row.get(f"{name}_en", ""))


def _parse_row(number: int, row: dict[str, str]) -> ContactRow:
    def get(name: str) -> str:
        return clean_text(row.get(name, "")).strip()

    names = _two(row, "organisation")
    kind_text = get("kind") or "other"
    kinds = {k.value: k for k in OrganisationKind}
    if kind_text not in kinds:
        raise ContactError(
            N_("the kind “{kind}” is not one of {kinds}"),
            kind=kind_text,
            kinds=", ".join(kinds),
        )
    organisation = None
    if not names.is_empty():
        organisation = BookOrganisation(
            name=names,
            short_name=_two(row, "short_name"),
            kind=kinds[kind_text],
            country=_two(row, "country"),
            address=_two(row, "address"),
            postcode=get("postcode"),
            phone=get("phone"),
            fax=get("fax"),
            email=get("email"),
            website=get("website"),
        )
    title = _two(row, "position")
    position = None
    if not title.is_empty():
        if organisation is None:
            raise ContactError(N_("a position needs its organisation"))
        position = Position(
            0,
            title,
            honorific=_two(row, "honorific"),
            salutation=_two(row, "salutation"),
            department=_two(row, "department"),
        )
    person_name = _two(row, "person")
    person = None
    if not person_name.is_empty():
        person = Person(
            person_name,
            family_name=_two(row, "family_name"),
            courtesy=_two(row, "courtesy"),
            role=_two(row, "role"),
            email=get("person_email"),
            phone=get("person_phone"),
        )
    start, end = parse_office_date(get("from")), parse_office_date(get("until"))
    if (start or end) and (position is None or person is None):
        raise ContactError(N_("dates of office need both a position and a person"))
    if start and end and end.latest() < start.earliest():
        raise ContactError(N_("it ends ({end}) before it begins ({start})"), start=start, end=end)
    if organisation is None and person is None:
        raise ContactError(N_("it names no organisation and no person"))
    return ContactRow(number, organisation, position, person, start, end, get("note"))


# Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell beginning with one
# of these as a formula. The export writes such a cell with a `'` before it, and so also a
# cell of `'`s before one (`'=x` → `''=x`), so that reading strips exactly one `'` from a
# cell of `'`s before one of them and gives back what was exported, whatever the text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile("^'*[" + re.escape("".join(FORMULA_STARTS)) + "]")
_STRIPPED = re.compile("^'+[" + re.escape("".join(FORMULA_STARTS)) + "]")


def guard_formula(value: str) -> str:
    """The cell as the export writes it: `'=SUM(A1)` for `=SUM(A1)`, else as it is."""
    return "'" + value if _GUARDED.match(value) else value


def unguard_formula(value: str) -> str:
    """The inverse of `guard_formula`: one `'` off a cell of `'`s before a formula's start."""
    return value[1:] if _STRIPPED.match(value) else value


def read_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the numbered records of CSV text (the header is row 1).

    A record's number is its first line in the file (a quoted cell may hold line breaks).
    A cell guarded against formula injection (`'=…`, `'+…`, `'-…`, `'@…`) loses the guard.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader, [])
    records: list[tuple[int, list[str]]] = []
    start = reader.line_num + 1
    for record in reader:
        records.append((start, [unguard_formula(cell) for cell in record]))
        start = reader.line_num + 1
    return [h.strip() for h in header], records


def parse_table(
    mapping: ColumnMapping, records: Iterable[tuple[int, Sequence[str]]]
) -> tuple[list[ContactRow], list[RowProblem]]:
    """Rows of a table whose header gave `mapping`; unknown columns are not read."""
    width = len(mapping.fields)
    used = [(i, f) for i, f in enumerate(mapping.fields) if f and f != IGNORE]
    blank = [i for i, f in enumerate(mapping.fields) if f == BLANK]
    rows: list[ContactRow] = []
    problems: list[RowProblem] = []
    for number, record in records:
        extra = record[width:]
        if any(str(cell).strip() for cell in extra):
            problems.append(RowProblem(number, ContactError(N_("it has more cells than columns"))))
            continue
        if any(i < len(record) and str(record[i]).strip() for i in blank):
            problems.append(
                RowProblem(number, ContactError(N_("it has a cell under a column without a name")))
            )
            continue
        values = {f: (record[i] if i < len(record) else "") or "" for i, f in used}
        if not any(v.strip() for v in values.values()):
            continue  # a blank line
        try:
            rows.append(_parse_row(number, values))
        except ContactError as error:
            problems.append(RowProblem(number, error))
    return rows, problems


def refuse_unknown(mapping: ColumnMapping) -> None:
    """An import reads every column or is told to leave one out: never a silent drop."""
    if not any(f and f != IGNORE for f in mapping.fields):
        raise ContactError(N_("The first row must name the columns (see docs/address-book.md)."))
    if mapping.unknown:
        raise ContactError(
            N_(
                "Unknown columns: {names}. Map them with --map COLUMN=FIELD, or leave them "
                "out with --map COLUMN=- (see docs/address-book.md)."
            ),
            names=", ".join(mapping.unknown),
        )


def parse_rows(
    text: str, mapping: dict[str, str] | None = None
) -> tuple[list[ContactRow], list[RowProblem]]:
    """Rows from CSV text whose header names the columns (any order, synonyms allowed)."""
    header, records = read_csv(text)
    columns = map_columns(header, mapping)
    refuse_unknown(columns)
    return parse_table(columns, records)


def format_rows(rows: list[dict[str, str]]) -> str:
    """CSV text (UTF-8 as is, CRLF as RFC 4180) with the header of COLUMNS; a cell a
    spreadsheet would run as a formula is written with a `'` before it (`guard_formula`)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: guard_formula(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def cells(
    organisation: BookOrganisation | None,
    position: Position | None,
    person: Person | None,
    start: OfficeDate | None = None,
    end: OfficeDate | None = None,
    note: str = "",
) -> dict[str, str]:
    """One row's cells for these values (the inverse of parsing)."""
    row = dict.fromkeys(COLUMNS, "")

    def put(name: str, text: BilingualText) -> None:
        row[f"{name}_ko"], row[f"{name}_en"] = text.ko, text.en

    if organisation is not None:
        row["kind"] = organisation.kind.value
        put("organisation", organisation.name)
        put("short_name", organisation.short_name)
        put("country", organisation.country)
        put("address", organisation.address)
        for name in ("postcode", "phone", "fax", "email", "website"):
            row[name] = getattr(organisation, name)
    if position is not None:
        put("position", position.title)
        put("honorific", position.honorific)
        put("salutation", position.salutation)
        put("department", position.department)
    if person is not None:
        put("person", person.name)
        put("family_name", person.family_name)
        put("courtesy", person.courtesy)
        put("role", person.role)
        row["person_email"], row["person_phone"] = person.email, person.phone
    row["from"] = str(start) if start else ""
    row["until"] = str(end) if end else ""
    row["note"] = note
    return row
