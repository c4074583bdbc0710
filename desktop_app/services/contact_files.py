"""Storing parsed address-book rows (matching what is there), CSV files and the sample.

Rows are matched, not duplicated: an organisation by its two names, an office by its
organisation and title, a person by their two names, an appointment by all of it; an
entry that is there already is left as it is, so importing an export changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.domain.contacts import Appointment, BookOrganisation, Person, Position
from desktop_app.domain.messages import N_
from desktop_app.files import ExportError, atomic_write_bytes
from desktop_app.paths import resources_dir
from desktop_app.services.contact_csv import ContactRow, RowProblem, cells, format_rows, parse_rows
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.storage import Database

SAMPLE_NAME = "sample-address-book.csv"


def sample_address_book_path() -> Path:
    """The shipped sample address book (a CSV in the import's columns)."""
    return resources_dir() / "samples" / SAMPLE_NAME


@dataclass
class ImportReport:
    """What an import added (or, in a dry run, would add), and the rows it did not take."""

    organisations: int = 0
    people: int = 0
    positions: int = 0
    appointments: int = 0
    unchanged: int = 0  # rows that were all in the address book already
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def added(self) -> int:
        return self.organisations + self.people + self.positions + self.appointments


def _key(*texts: object) -> tuple[str, ...]:
    return tuple(str(t).strip() for t in texts)


def store_rows(db: Database, rows: list[ContactRow], *, dry_run: bool = False) -> ImportReport:
    """Add what the rows hold and the address book lacks, in one transaction (none in a
    dry run)."""
    book = db.contacts
    orgs = {_key(o.name.ko, o.name.en): o for o in book.all(BookOrganisation)}
    offices = {_key(p.organisation_id, p.title.ko, p.title.en): p for p in book.all(Position)}
    people = {_key(p.name.ko, p.name.en): p for p in book.all(Person)}
    terms = {_key(a.position_id, a.person_id, a.start, a.end) for a in book.all(Appointment)}
    report = ImportReport(dry_run=dry_run)
    pending: list[object] = []
    fake = -1  # a dry run numbers its would-be entries below zero

    def add(value: object) -> object:
        nonlocal fake
        if dry_run:
            fake -= 1
            return dataclasses.replace(value, id=fake)  # type: ignore[type-var]
        pending.append(value)
        return book.save(value)  # type: ignore[type-var]

    for row in rows:
        added_before = report.added
        organisation = None
        if row.organisation is not None:
            key = _key(row.organisation.name.ko, row.organisation.name.en)
            organisation = orgs.get(key)
            if organisation is None:
                note = row.note if row.position is None and row.person is None else ""
                organisation = add(dataclasses.replace(row.organisation, note=note))  # type: ignore[assignment]
                orgs[key] = organisation  # type: ignore[assignment]
                report.organisations += 1
        position = None
        if row.position is not None and organisation is not None:
            key = _key(organisation.id, row.position.title.ko, row.position.title.en)
            position = offices.get(key)
            if position is None:
                note = row.note if row.person is None else ""
                new = dataclasses.replace(row.position, organisation_id=organisation.id, note=note)
                position = add(new)  # type: ignore[assignment]
                offices[key] = position  # type: ignore[assignment]
                report.positions += 1
        person = None
        if row.person is not None:
            key = _key(row.person.name.ko, row.person.name.en)
            person = people.get(key)
            if person is None:
                affiliation = organisation.id if organisation and position is None else None
                note = row.note if position is None else ""
                new_person = dataclasses.replace(row.person, organisation_id=affiliation, note=note)
                person = add(new_person)  # type: ignore[assignment]
                people[key] = person  # type: ignore[assignment]
                report.people += 1
        if position is not None and person is not None:
            key = _key(position.id, person.id, row.start, row.end)
            if key not in terms:
                add(Appointment(position.id, person.id, row.start, row.end, row.note))
                terms.add(key)
                report.appointments += 1
        if report.added == added_before:
            report.unchanged += 1
    return report


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DariError(
            N_("{file} cannot be read ({reason})."), file=path, reason=error.strerror or error
        ) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DariError(
            N_("{file} is not UTF-8 text. Save it as “CSV UTF-8” and import it again."),
            file=path.name,
        ) from None


def import_csv(db: Database, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Parse the file, then store its good rows (or only count them, in a dry run)."""
    rows, problems = parse_rows(_read_text(path))
    report = store_rows(db, rows, dry_run=dry_run)
    report.problems = problems
    return report


def import_sample(db: Database) -> int:
    """The shipped sample address book, added to this one; returns how many entries."""
    return import_csv(db, sample_address_book_path()).added


def export_csv(db: Database, path: Path) -> int:
    """Every entry as rows of the import's columns; returns how many rows."""
    book = db.contacts
    orgs = {o.id: o for o in book.all(BookOrganisation)}
    positions = {p.id: p for p in book.all(Position)}
    people = {p.id: p for p in book.all(Person)}
    rows: list[dict[str, str]] = []
    used_orgs: set[int] = set()
    used_positions: set[int] = set()
    used_people: set[int] = set()
    for term in book.all(Appointment):
        position, person = positions[term.position_id], people[term.person_id]
        rows.append(
            cells(orgs[position.organisation_id], position, person, term.start, term.end, term.note)
        )
        used_positions.add(position.id)
        used_people.add(person.id)
        used_orgs.add(position.organisation_id)
    for position in positions.values():
        if position.id not in used_positions:
            rows.append(cells(orgs[position.organisation_id], position, None, note=position.note))
            used_orgs.add(position.organisation_id)
    for person in people.values():
        if person.id not in used_people:
            org = orgs.get(person.organisation_id) if person.organisation_id else None
            rows.append(cells(org, None, person, note=person.note))
            if org is not None:
                used_orgs.add(org.id)
    for org in orgs.values():
        if org.id not in used_orgs:
            rows.append(cells(org, None, None, note=org.note))
    try:
        atomic_write_bytes(path, format_rows(rows).encode("utf-8"))
    except ExportError as error:
        raise DariError.saying(error) from error
    return len(rows)
