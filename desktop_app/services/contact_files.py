"""Storing parsed address-book rows (matching what is there), the files and the sample.

Rows are matched, not duplicated: an organisation by its two names, an office by its
organisation and title, a person by their two names, an appointment by all of it; an
entry that is there already is left as it is, so importing an export changes nothing.
A row that only resembles an entry (one of the two names the same; for a person, at the
same organisation where the row names one) is a possible duplicate: skipped and reported
unless the import is told to merge it into the entry or to add it anyway (`Duplicates`).
Files: CSV (UTF-8, UTF-8 with BOM or CP949), XLSX (contact_xlsx) and vCard 3.0 for
people (contact_vcard), chosen by the file's suffix.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactError,
    ContactId,
    ContactKind,
    OrganisationKind,
    Person,
    Position,
)
from desktop_app.domain.messages import N_
from desktop_app.domain.text import BilingualText
from desktop_app.files import ExportError, atomic_write_bytes
from desktop_app.paths import resources_dir
from desktop_app.services.contact_csv import (
    COLUMNS,
    ColumnMapping,
    ContactRow,
    RowProblem,
    cells,
    decode_csv,
    format_rows,
    map_columns,
    parse_table,
    read_csv,
    refuse_unknown,
)
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.storage import Database

SAMPLE_NAME = "sample-address-book.csv"


def sample_address_book_path() -> Path:
    """The shipped sample address book (a CSV in the import's columns)."""
    return resources_dir() / "samples" / SAMPLE_NAME


class Duplicates(Enum):
    """What an import does with a row that resembles an entry but is not the same."""

    SKIP = "skip"  # leave it out and report it (the default: never created silently)
    MERGE = "merge"  # update the entry with the row's non-empty cells
    ADD = "add"  # add a new entry beside it


@dataclass(frozen=True)
class Duplicate:
    """A row resembling an entry: its number, its name, the entry's id and name; or, when
    it resembles an earlier row of the same file (`earlier_row`), no id and that row's name."""

    number: int
    name: BilingualText
    existing: ContactId | None
    existing_name: BilingualText
    earlier_row: int = 0  # the row of the same file it resembles (then `existing` is None)


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
    duplicates: list[Duplicate] = field(default_factory=list)  # skipped, or merged/added
    merged: int = 0  # entries updated from a duplicate row (Duplicates.MERGE)
    policy: Duplicates = Duplicates.SKIP

    @property
    def added(self) -> int:
        return self.organisations + self.people + self.positions + self.appointments


def _key(*texts: object) -> tuple[str, ...]:
    return tuple(str(t).strip() for t in texts)


def _overlay(old: Any, new: Any) -> Any:
    """`old` with every non-empty field of `new` (each side of a bilingual text apart);
    the id, the organisation and the kind "other" (a blank cell's) stay the old ones."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(old):
        if f.name in ("id", "organisation_id"):
            continue
        was, value = getattr(old, f.name), getattr(new, f.name)
        if isinstance(was, BilingualText):
            ko, en = value.ko.strip() or was.ko, value.en.strip() or was.en
            if (ko, en) != (was.ko, was.en):
                changes[f.name] = dataclasses.replace(was, ko=ko, en=en)
        elif isinstance(was, OrganisationKind):
            if value != OrganisationKind.OTHER and value != was:
                changes[f.name] = value
        elif isinstance(value, str) and value.strip() and value != was:
            changes[f.name] = value
    return dataclasses.replace(old, **changes) if changes else old


@dataclass(frozen=True)
class _Earlier:
    """A new organisation or person an earlier row of the file brings (not in the book)."""

    key: tuple[str, ...]
    number: int
    name: BilingualText
    organisation: tuple[str, ...] | None = None  # a person's row's organisation (its key)


class _FileResemblance:
    """The new entries of the rows read so far, by each of their names: what a later row
    of the same file resembles (the same Korean name or the same English name in any case,
    but not both)."""

    def __init__(self) -> None:
        self.ko: dict[str, _Earlier] = {}
        self.en: dict[str, _Earlier] = {}

    def add(self, earlier: _Earlier) -> None:
        if earlier.name.ko.strip():
            self.ko.setdefault(earlier.name.ko.strip(), earlier)
        if earlier.name.en.strip():
            self.en.setdefault(earlier.name.en.strip().casefold(), earlier)

    def like(self, key: tuple[str, ...], name: BilingualText) -> list[_Earlier]:
        found = [self.ko.get(name.ko.strip()), self.en.get(name.en.strip().casefold())]
        return [e for e in found if e is not None and e.key != key]


class _Resemblance:
    """Entries by each of their names, to find what a row resembles."""

    def __init__(self, entries: list[Any]) -> None:
        self.ko: dict[str, Any] = {}
        self.en: dict[str, Any] = {}
        for entry in entries:
            if entry.name.ko.strip():
                self.ko.setdefault(entry.name.ko.strip(), entry)
            if entry.name.en.strip():
                self.en.setdefault(entry.name.en.strip().casefold(), entry)

    def like(self, name: BilingualText) -> list[Any]:
        found = [self.ko.get(name.ko.strip()), self.en.get(name.en.strip().casefold())]
        return [e for n, e in enumerate(found) if e is not None and e not in found[:n]]


def store_rows(
    db: Database,
    rows: list[ContactRow],
    *,
    dry_run: bool = False,
    duplicates: Duplicates = Duplicates.SKIP,
) -> ImportReport:
    """Add what the rows hold and the address book lacks (none of it in a dry run).

    Three batches, each one transaction: organisations, then offices and people, then
    appointments (each batch needs the ids of the one before). Possible duplicates are
    found first and skipped, merged or let through as `duplicates` says: rows resembling an
    entry of the book, and rows resembling an earlier row of the same file (two rows for
    one person spelt two ways are never two entries silently).
    """
    book = db.contacts
    orgs = {_key(o.name.ko, o.name.en): o for o in book.all(BookOrganisation)}
    all_offices = book.all(Position)
    offices = {_key(p.organisation_id, p.title.ko, p.title.en): p for p in all_offices}
    people = {_key(p.name.ko, p.name.en): p for p in book.all(Person)}
    all_terms = book.all(Appointment)
    terms = {_key(a.position_id, a.person_id, a.start, a.end) for a in all_terms}
    report = ImportReport(dry_run=dry_run, policy=duplicates)
    fake = iter(range(-1, -(10**9), -1))  # a dry run numbers its would-be entries below zero

    org_by_id = {o.id: o for o in orgs.values()}
    person_by_id = {p.id: p for p in people.values()}
    org_like = _Resemblance(list(orgs.values()))
    person_like = _Resemblance(list(people.values()))
    office_org = {p.id: p.organisation_id for p in all_offices}
    works_at: dict[int, set[int]] = {}
    for person in people.values():
        works_at[person.id] = {person.organisation_id} if person.organisation_id else set()
    for held in all_terms:
        works_at.setdefault(held.person_id, set()).add(office_org[held.position_id])
    merged_orgs: dict[int, BookOrganisation] = {}
    merged_people: dict[int, Person] = {}
    kept: list[ContactRow] = []
    file_orgs, file_people = _FileResemblance(), _FileResemblance()
    org_alias: dict[tuple[str, ...], tuple[str, ...]] = {}  # a later row's → the earlier's
    person_alias: dict[tuple[str, ...], tuple[str, ...]] = {}
    org_merges: dict[tuple[str, ...], list[BookOrganisation]] = {}
    person_merges: dict[tuple[str, ...], list[Person]] = {}
    for row in rows:
        org_id: int | None = None
        found: Duplicate | None = None
        merge_org: BookOrganisation | None = None
        merge_person: Person | None = None
        if row.organisation is not None:
            exact = _key(row.organisation.name.ko, row.organisation.name.en)
            if exact in orgs:
                org_id = orgs[exact].id
            elif like := org_like.like(row.organisation.name):
                merge_org = like[0]
                org_id = like[0].id
                found = Duplicate(
                    row.number,
                    row.organisation.name,
                    ContactId(ContactKind.ORGANISATION, like[0].id),
                    like[0].name,
                )
        if row.person is not None and _key(row.person.name.ko, row.person.name.en) not in people:
            for candidate in person_like.like(row.person.name):
                links = works_at.get(candidate.id, set())
                if row.organisation is None or not links or org_id in links:
                    merge_person = candidate
                    found = found or Duplicate(
                        row.number,
                        row.person.name,
                        ContactId(ContactKind.PERSON, candidate.id),
                        candidate.name,
                    )
                    break
        if found is None:
            if _within_file(
                row,
                orgs,
                people,
                (file_orgs, file_people),
                (org_alias, person_alias),
                (org_merges, person_merges),
                duplicates,
                report,
            ):
                kept.append(row)
            continue
        report.duplicates.append(found)
        if duplicates is Duplicates.SKIP:
            continue
        kept.append(row)
        if duplicates is Duplicates.ADD:
            continue
        if merge_org is not None and row.organisation is not None:
            current = merged_orgs.get(merge_org.id, merge_org)
            merged_orgs[merge_org.id] = _overlay(current, row.organisation)
            orgs[_key(row.organisation.name.ko, row.organisation.name.en)] = merge_org
        if merge_person is not None and row.person is not None:
            current_person = merged_people.get(merge_person.id, merge_person)
            merged_people[merge_person.id] = _overlay(current_person, row.person)
            people[_key(row.person.name.ko, row.person.name.en)] = merge_person
    updated_orgs = [o for o in merged_orgs.values() if o != org_by_id[o.id]]
    updated_people = [p for p in merged_people.values() if p != person_by_id[p.id]]
    report.merged = len(updated_orgs) + len(updated_people)
    if not dry_run and (updated_orgs or updated_people):
        updates: list[Any] = [*updated_orgs, *updated_people]
        book.save_all(updates)  # one transaction
    rows = kept

    def store(values: dict[tuple[str, ...], Any]) -> dict[tuple[str, ...], Any]:
        keys = list(values)
        if dry_run:
            saved = [dataclasses.replace(v, id=next(fake)) for v in values.values()]
        else:
            saved = book.save_all(list(values.values()))
        return dict(zip(keys, saved, strict=True))

    def org_key(row: ContactRow) -> tuple[str, ...] | None:
        o = row.organisation
        if o is None:
            return None
        key = _key(o.name.ko, o.name.en)
        return org_alias.get(key, key)  # merged into an earlier row's organisation

    def person_key(person: Person) -> tuple[str, ...]:
        key = _key(person.name.ko, person.name.en)
        return person_alias.get(key, key)

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
    for key, later in org_merges.items():  # an earlier row's organisation, with the later's cells
        for value in later:
            new_orgs[key] = _overlay(new_orgs[key], value)
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
            who = person_key(row.person)
            if who not in people and who not in new_people:
                affiliation = organisation.id if organisation and row.position is None else None
                new_people[who] = dataclasses.replace(
                    row.person,
                    organisation_id=affiliation,
                    note=row.note if row.position is None else "",
                )
                adding.add(row.number)
    for who, later_people in person_merges.items():
        for person_value in later_people:
            new_people[who] = _overlay(new_people[who], person_value)
    offices.update(store(new_offices))
    people.update(store(new_people))
    report.positions, report.people = len(new_offices), len(new_people)

    new_terms: dict[tuple[str, ...], Any] = {}
    for row in rows:
        key = org_key(row)
        if row.position is None or row.person is None or key is None:
            continue
        position = offices[_key(orgs[key].id, row.position.title.ko, row.position.title.en)]
        person = people[person_key(row.person)]
        term = _key(position.id, person.id, row.start, row.end)
        if term not in terms and term not in new_terms:
            new_terms[term] = Appointment(position.id, person.id, row.start, row.end, row.note)
            adding.add(row.number)
    store(new_terms)
    report.appointments = len(new_terms)
    report.unchanged = len(rows) - len(adding)
    return report


Keys = tuple[str, ...]


def _within_file(
    row: ContactRow,
    orgs: dict[Keys, Any],
    people: dict[Keys, Any],
    seen: tuple[_FileResemblance, _FileResemblance],
    aliases: tuple[dict[Keys, Keys], dict[Keys, Keys]],
    merges: tuple[dict[Keys, list[BookOrganisation]], dict[Keys, list[Person]]],
    duplicates: Duplicates,
    report: ImportReport,
) -> bool:
    """Whether to keep a row no entry of the book resembles, comparing it with the earlier
    rows of the file: a row resembling one is reported and skipped, added, or merged into
    the earlier row's entry (`aliases` then send its names to the earlier's, `merges`
    collect its cells) as `duplicates` says. Rows that bring new entries are remembered."""
    file_orgs, file_people = seen
    org_alias, person_alias = aliases
    org_merges, person_merges = merges
    org_key = person_key = None
    earlier_org = earlier_person = None
    if row.organisation is not None:
        org_key = _key(row.organisation.name.ko, row.organisation.name.en)
        if org_key not in orgs:
            earlier_org = next(iter(file_orgs.like(org_key, row.organisation.name)), None)
    own_org = earlier_org.key if earlier_org is not None else org_key
    if row.person is not None:
        person_key = _key(row.person.name.ko, row.person.name.en)
        if person_key not in people:
            for candidate in file_people.like(person_key, row.person.name):
                if own_org is None or candidate.organisation in (None, own_org):
                    earlier_person = candidate
                    break
    earlier = earlier_org or earlier_person
    if earlier is None:
        if row.organisation is not None and org_key is not None and org_key not in orgs:
            file_orgs.add(_Earlier(org_key, row.number, row.organisation.name))
        if row.person is not None and person_key is not None and person_key not in people:
            file_people.add(_Earlier(person_key, row.number, row.person.name, own_org))
        return True
    name = row.organisation.name if earlier is earlier_org and row.organisation else None
    if name is None and row.person is not None:
        name = row.person.name
    report.duplicates.append(
        Duplicate(row.number, name or BilingualText(), None, earlier.name, earlier.number)
    )
    if duplicates is Duplicates.SKIP:
        return False
    if duplicates is Duplicates.MERGE:
        if earlier_org is not None and org_key is not None and row.organisation is not None:
            org_alias[org_key] = earlier_org.key
            org_merges.setdefault(earlier_org.key, []).append(row.organisation)
        if earlier_person is not None and person_key is not None and row.person is not None:
            person_alias[person_key] = earlier_person.key
            person_merges.setdefault(earlier_person.key, []).append(row.person)
        elif row.person is not None and person_key is not None and person_key not in people:
            file_people.add(_Earlier(person_key, row.number, row.person.name, own_org))
    return True


PREVIEW_ROWS = 10  # rows a preview shows as they would be stored


@dataclass(frozen=True)
class Source:
    """A file read into rows: its format, how its text was decoded, its columns' mapping."""

    format: str  # "CSV", "XLSX" or "vCard"
    encoding: str  # "UTF-8 with BOM", "UTF-8", "CP949"; "" for XLSX
    mapping: ColumnMapping | None  # None for vCard (no columns)
    rows: list[ContactRow]
    problems: list[RowProblem]
    also_cp949: bool = False  # UTF-8 bytes that CP949 would read otherwise


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file would do, written nowhere: the column mapping found, the
    columns it does not know, the first rows as they would be stored, the bad rows, the
    possible duplicates and the counts (`report`, a dry run's)."""

    source: Source
    rows: list[tuple[int, dict[str, str]]]  # (row number, cells as stored), the first ones
    report: ImportReport

    @property
    def unknown(self) -> list[str]:
        return self.source.mapping.unknown if self.source.mapping else []


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DariError(
            N_("{file} cannot be read ({reason})."), file=path, reason=error.strerror or error
        ) from error


def read_source(path: Path, mapping: dict[str, str] | None = None) -> Source:
    """The rows of a CSV, XLSX or vCard file (by its suffix; anything else is read as CSV).

    Unknown columns are not read and are listed in the mapping; `import_file` refuses them.
    """
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        from desktop_app.services.contact_vcard import parse_vcards

        if mapping:
            raise ContactError(N_("A vCard file has no columns to map."))
        text = decode_csv(data)
        rows, problems = parse_vcards(text.text)
        return Source("vCard", text.encoding, None, rows, problems, text.also_cp949)
    if suffix in (".xlsx", ".xlsm"):
        from desktop_app.services.contact_xlsx import read_xlsx

        header, records = read_xlsx(path, data)
        columns = map_columns(header, mapping)
        rows, problems = parse_table(columns, records)
        return Source("XLSX", "", columns, rows, problems)
    text = decode_csv(data)
    header, records = read_csv(text.text)
    columns = map_columns(header, mapping)
    rows, problems = parse_table(columns, records)
    return Source("CSV", text.encoding, columns, rows, problems, text.also_cp949)


def preview_import(
    db: Database, path: Path, mapping: dict[str, str] | None = None
) -> ImportPreview:
    """What `import_file` would do with this file (its default: duplicates skipped)."""
    source = read_source(path, mapping)
    report = store_rows(db, source.rows, dry_run=True)
    report.problems = source.problems
    shown = [
        (
            row.number,
            cells(row.organisation, row.position, row.person, row.start, row.end, row.note),
        )
        for row in source.rows[:PREVIEW_ROWS]
    ]
    return ImportPreview(source, shown, report)


def import_file(
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    duplicates: Duplicates = Duplicates.SKIP,
) -> ImportReport:
    """Parse the file, then store its good rows (or only count them, in a dry run).

    A column the import does not know is refused until mapped or left out (`mapping`,
    column → field or "-"), never dropped silently.
    """
    source = read_source(path, mapping)
    if source.mapping is not None:
        refuse_unknown(source.mapping)
    report = store_rows(db, source.rows, dry_run=dry_run, duplicates=duplicates)
    report.problems = source.problems
    return report


def import_csv(db: Database, path: Path, *, dry_run: bool = False) -> ImportReport:
    """`import_file` with its defaults (kept for the callers of the first version)."""
    return import_file(db, path, dry_run=dry_run)


def import_sample(db: Database) -> int:
    """The shipped sample address book, added to this one; returns how many entries."""
    return import_csv(db, sample_address_book_path()).added


def export_rows(db: Database) -> list[dict[str, str]]:
    """Every entry as rows of the import's columns: appointments, then offices nobody
    holds, people without an office, organisations with neither."""
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
    return rows


def export_file(db: Database, path: Path) -> int:
    """The address book to a file by its suffix: CSV in UTF-8 with a BOM (Korean Excel
    opens it right), XLSX, or vCard 3.0 (people only); returns how many rows or cards."""
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        from desktop_app.services.contact_vcard import format_vcards

        count, text = format_vcards(db)
        data = text.encode("utf-8")
    else:
        rows = export_rows(db)
        count = len(rows)
        if suffix in (".xlsx", ".xlsm"):
            from desktop_app.services.contact_xlsx import format_xlsx

            data = format_xlsx(COLUMNS, rows)
        else:
            data = b"\xef\xbb\xbf" + format_rows(rows).encode("utf-8")
    try:
        atomic_write_bytes(path, data)
    except ExportError as error:
        raise DariError.saying(error) from error
    return count


def export_csv(db: Database, path: Path) -> int:
    """`export_file` (kept for the callers of the first version)."""
    return export_file(db, path)
