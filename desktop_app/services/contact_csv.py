"""The address book's CSV columns: rows parsed into values, values written as rows (no storing).

One row is an organisation, optionally an office in it, optionally a person (holding that
office from a date until a date, or simply working there). The columns are in
docs/address-book.md. UTF-8 only for now; a bad row is reported by its number with the
reason and nothing of it is taken.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

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


def parse_rows(text: str) -> tuple[list[ContactRow], list[RowProblem]]:
    """Rows from CSV text with the header of COLUMNS (any order; unknown columns refused)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in COLUMNS]
    if not header or unknown:
        raise ContactError(
            N_("The first row must name the columns (see docs/address-book.md); unknown: {names}."),
            names=", ".join(unknown) or "—",
        )
    reader.fieldnames = header
    rows: list[ContactRow] = []
    problems: list[RowProblem] = []
    for index, raw in enumerate(reader, start=2):
        if None in raw:
            problems.append(RowProblem(index, ContactError(N_("it has more cells than columns"))))
            continue
        values = {k: v or "" for k, v in raw.items()}
        if not any(v.strip() for v in values.values()):
            continue  # a blank line
        try:
            rows.append(_parse_row(index, values))
        except ContactError as error:
            problems.append(RowProblem(index, error))
    return rows, problems


def format_rows(rows: list[dict[str, str]]) -> str:
    """CSV text (UTF-8 as is, CRLF as RFC 4180) with the header of COLUMNS."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
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
