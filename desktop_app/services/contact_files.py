"""Storing parsed address-book rows (matching what is there), CSV files and the sample.

Rows are matched, not duplicated: an organisation by its two names, an office by its
organisation and title, a person by their two names, an appointment by all of it; an
entry that is there already is left as it is, so importing an export changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    """Add what the rows hold and the address book lacks (none of it in a dry run).

    Three batches, each one transaction: organisations, then offices and people, then
    appointments (each batch needs the ids of the one before).
    """
    book = db.contacts
    orgs = {_key(o.name.ko, o.name.en): o for o in book.all(BookOrganisation)}
    offices = {_key(p.organisation_id, p.title.ko, p.title.en): p for p in book.all(Position)}
    people = {_key(p.name.ko, p.name.en): p for p in book.all(Person)}
    terms = {_key(a.position_id, a.person_id, a.start, a.end) for a in book.all(Appointment)}
    report = ImportReport(dry_run=dry_run)
    fake = iter(range(-1, -(10**9), -1))  # a dry run numbers its would-be entries below zero

    def store(values: dict[tuple[str, ...], Any]) -> dict[tuple[str, ...], Any]:
        keys = list(values)
        if dry_run:
            saved = [dataclasses.replace(v, id=next(fake)) for v in values.values()]
        else:
            saved = book.save_all(list(values.values()))
        return dict(zip(keys, saved, strict=True))

    def org_key(row: ContactRow) -> tuple[str, ...] | None:
        o = row.organisation
        return _key(o.name.ko, o.name.en) if o is not None else None

    adding: set[int] = set()  # the rows that add something
    new_orgs: dict[tuple[str, ...], Any] = {}
    for row in rows:
        key = org_key(row)
        if row.organisation is None or key is None:
            continue
        if key not in orgs and key not in new_orgs:
            alone = row.position is None and row.person is None
            new_orgs[key] = dataclasses.replace(row.organisation, note=row.note if alone else "")
            adding.add(row.number)
    orgs.update(store(new_orgs))
    report.organisations = len(new_orgs)

    new_offices: dict[tuple[str, ...], Any] = {}
    new_people: dict[tuple[str, ...], Any] = {}
    for row in rows:
        key = org_key(row)
        organisation = orgs[key] if key is not None else None
        if row.position is not None and organisation is not None:
            office = _key(organisation.id, row.position.title.ko, row.position.title.en)
            if office not in offices and office not in new_offices:
                new_offices[office] = dataclasses.replace(
                    row.position,
                    organisation_id=organisation.id,
                    note=row.note if row.person is None else "",
                )
                adding.add(row.number)
        if row.person is not None:
            who = _key(row.person.name.ko, row.person.name.en)
            if who not in people and who not in new_people:
                affiliation = organisation.id if organisation and row.position is None else None
                new_people[who] = dataclasses.replace(
                    row.person,
                    organisation_id=affiliation,
                    note=row.note if row.position is None else "",
                )
                adding.add(row.number)
    offices.update(store(new_offices))
    people.update(store(new_people))
    report.positions, report.people = len(new_offices), len(new_people)

    new_terms: dict[tuple[str, ...], Any] = {}
    for row in rows:
        key = org_key(row)
        if row.position is None or row.person is None or key is None:
            continue
        position = offices[_key(orgs[key].id, row.position.title.ko, row.position.title.en)]
        person = people[_key(row.person.name.ko, row.person.name.en)]
        term = _key(position.id, person.id, row.start, row.end)
        if term not in terms and term not in new_terms:
            new_terms[term] = Appointment(position.id, person.id, row.start, row.end, row.note)
            adding.add(row.number)
    store(new_terms)
    report.appointments = len(new_terms)
    report.unchanged = len(rows) - len(adding)
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
