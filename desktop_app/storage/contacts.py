"""ContactRepository: the address book's rows, its type-ahead search and its lists.

A domain value and its row have the same field names: a bilingual field `x` is the
columns `x_ko` and `x_en`, an enum its value, an office date its text (`2024-01 [U]`).
A value with id 0 is new: `save` inserts it and returns it with its id.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactId,
    ContactKind,
    ContactList,
    OfficeDate,
    Person,
    Position,
)
from desktop_app.domain.text import BilingualText
from desktop_app.storage.codec import fold
from desktop_app.storage.dialects import contains_text
from desktop_app.storage.errors import ContactListExists, ContactListNotFound, ItemNotFound
from desktop_app.storage.models import (
    AppointmentRow,
    Base,
    BookOrganisationRow,
    ContactListMemberRow,
    ContactListRow,
    PersonRow,
    PositionRow,
)
from desktop_app.storage.repository import Repository

Entry = TypeVar("Entry", BookOrganisation, Person, Position, Appointment)

ROWS: dict[type[Any], type[Base]] = {
    BookOrganisation: BookOrganisationRow,
    Person: PersonRow,
    Position: PositionRow,
    Appointment: AppointmentRow,
}
WHAT = {
    BookOrganisation: "organisation",
    Person: "person",
    Position: "position",
    Appointment: "appointment",
}
# The texts each kind is found by.
SEARCHED = {
    BookOrganisation: ("name", "short_name", "country"),
    Person: ("name", "role"),
    Position: ("title", "department"),
}


def _fill(row: Any, value: Any) -> None:
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if f.name == "id":
            continue
        if isinstance(item, BilingualText):
            setattr(row, f"{f.name}_ko", item.ko)
            setattr(row, f"{f.name}_en", item.en)
        elif isinstance(item, Enum):
            setattr(row, f.name, item.value)
        elif isinstance(item, OfficeDate):
            setattr(row, f.name, str(item))
        else:
            setattr(row, f.name, item)
    searched = SEARCHED.get(type(value))
    if searched is not None:
        texts: list[str] = []
        for name in searched:
            text = getattr(value, name)
            texts.extend((text.ko, text.en))
        row.search_text = fold("\n".join(t for t in texts if t))


def _value(cls: type[Entry], row: Any) -> Entry:
    values: dict[str, Any] = {}
    hints = {f.name: f.type for f in dataclasses.fields(cls)}  # strings (annotations)
    for name, hint in hints.items():
        if hint == "BilingualText":
            values[name] = BilingualText(getattr(row, f"{name}_ko"), getattr(row, f"{name}_en"))
        elif hint == "OrganisationKind":
            from desktop_app.domain.contacts import OrganisationKind

            values[name] = OrganisationKind(row.kind)
        elif hint == "OfficeDate | None":
            text = getattr(row, name)
            values[name] = OfficeDate.parse(text) if text else None
        else:
            values[name] = getattr(row, name)
    return cls(**values)


@dataclass(frozen=True)
class SearchHits:
    """What a type-ahead found, each kind in name order, at most `limit` of each."""

    organisations: tuple[BookOrganisation, ...] = ()
    people: tuple[Person, ...] = ()
    positions: tuple[Position, ...] = ()  # by their title or their organisation's names


class ContactRepository(Repository):
    """Organisations, people, positions, appointments and lists; one transaction per call."""

    # ---------------------------------------------------------------- entries

    def save(self, value: Entry) -> Entry:
        """Insert (id 0) or replace an entry; returns it as stored, with its id."""
        return self.save_all([value])[0]

    def save_all(self, values: Sequence[Entry]) -> builtins.list[Entry]:
        """`save` for many in one transaction: all of them or none."""
        with self._write() as session:
            rows = [self._row(session, value) for value in values]
            session.flush()  # once: SQLAlchemy inserts the new rows in batches
            return [
                dataclasses.replace(value, id=row.id)
                for value, row in zip(values, rows, strict=True)
            ]

    def _save(self, session: Session, value: Entry) -> Entry:
        row = self._row(session, value)
        session.flush()
        return dataclasses.replace(value, id=row.id)

    @staticmethod
    def _row(session: Session, value: Entry) -> Any:
        """The row `value` is stored in (new, or the existing one), filled from it."""
        row_type = ROWS[type(value)]
        if value.id:
            row = session.get(row_type, value.id)
            if row is None:
                raise ItemNotFound(WHAT[type(value)], value.id)  # type: ignore[arg-type]
        else:
            row = row_type()
            session.add(row)
        _fill(row, value)
        return row

    def get(self, cls: type[Entry], entry_id: int) -> Entry:
        """One entry by its id."""
        with self._read() as session:
            row = session.get(ROWS[cls], entry_id)
            if row is None:
                raise ItemNotFound(WHAT[cls], entry_id)  # type: ignore[arg-type]
            return _value(cls, row)

    def delete(self, cls: type[Entry], entry_id: int) -> None:
        """Remove an entry (a position takes its appointments along; drafts keep copies)."""
        with self._write() as session:
            row = session.get(ROWS[cls], entry_id)
            if row is None:
                raise ItemNotFound(WHAT[cls], entry_id)  # type: ignore[arg-type]
            session.delete(row)

    def all(self, cls: type[Entry]) -> builtins.list[Entry]:
        """Every entry of a kind, in id order."""
        row_type: Any = ROWS[cls]
        with self._read() as session:
            return [
                _value(cls, row) for row in session.scalars(select(row_type).order_by(row_type.id))
            ]

    def many(self, cls: type[Entry], ids: Iterable[int]) -> dict[int, Entry]:
        """The entries with these ids (missing ones are left out)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        row_type: Any = ROWS[cls]
        with self._read() as session:
            rows = session.scalars(select(row_type).where(row_type.id.in_(wanted)))
            return {row.id: _value(cls, row) for row in rows}

    def appointments(
        self, *, position_id: int | None = None, person_id: int | None = None
    ) -> builtins.list[Appointment]:
        """A position's or a person's appointments (or every one), in id order."""
        stmt = select(AppointmentRow).order_by(AppointmentRow.id)
        if position_id is not None:
            stmt = stmt.where(AppointmentRow.position_id == position_id)
        if person_id is not None:
            stmt = stmt.where(AppointmentRow.person_id == person_id)
        with self._read() as session:
            return [_value(Appointment, row) for row in session.scalars(stmt)]

    def positions_of(self, organisation_id: int) -> builtins.list[Position]:
        stmt = (
            select(PositionRow)
            .where(PositionRow.organisation_id == organisation_id)
            .order_by(PositionRow.id)
        )
        with self._read() as session:
            return [_value(Position, row) for row in session.scalars(stmt)]

    def search(self, text: str, limit: int = 20) -> SearchHits:
        """Entries whose names contain every word of `text`, Korean or English, any case.

        A plain instr() scan of the folded names (TECH-NOTES: FTS5's trigrams need three
        characters and miss `조태`; unicode61 finds only prefixes): `조태` and `cho` both work.
        """
        words = fold(text).split()

        def matching(column: Any) -> list[Any]:
            return [contains_text(column, word) for word in words]

        with self._read() as session:
            organisations = session.scalars(
                select(BookOrganisationRow)
                .where(*matching(BookOrganisationRow.search_text))
                .order_by(BookOrganisationRow.name_ko, BookOrganisationRow.id)
                .limit(limit)
            )
            orgs = tuple(_value(BookOrganisation, row) for row in organisations)
            people = session.scalars(
                select(PersonRow)
                .where(*matching(PersonRow.search_text))
                .order_by(PersonRow.name_ko, PersonRow.id)
                .limit(limit)
            )
            found_people = tuple(_value(Person, row) for row in people)
            positions = session.scalars(
                select(PositionRow)
                .join(BookOrganisationRow, BookOrganisationRow.id == PositionRow.organisation_id)
                .where(
                    *(
                        or_(p, o)
                        for p, o in zip(
                            matching(PositionRow.search_text),
                            matching(BookOrganisationRow.search_text),
                            strict=True,
                        )
                    )
                )
                .order_by(PositionRow.title_ko, PositionRow.id)
                .limit(limit)
            )
            found_positions = tuple(_value(Position, row) for row in positions)
        return SearchHits(orgs, found_people, found_positions)

    # ---------------------------------------------------------------- lists

    def lists(self) -> builtins.list[ContactList]:
        """Every list with its members, by name."""
        with self._read() as session:
            rows = session.scalars(select(ContactListRow).order_by(ContactListRow.name))
            return [self._list(session, row) for row in rows]

    def get_list(self, name: str) -> ContactList:
        with self._read() as session:
            return self._list(session, self._list_row(session, name))

    def create_list(self, name: str) -> ContactList:
        """A new, empty list; the name must be new."""
        try:
            with self._write() as session:
                if session.scalar(select(ContactListRow).where(ContactListRow.name == name)):
                    raise ContactListExists(name)
                row = ContactListRow(name=name)
                session.add(row)
                session.flush()
                return ContactList(name, (), row.id)
        except IntegrityError as exc:  # pragma: no cover - a race with another process
            raise ContactListExists(name) from exc

    def set_members(self, name: str, members: Sequence[ContactId]) -> ContactList:
        """The list's members become exactly `members`, in this order."""
        with self._write() as session:
            row = self._list_row(session, name)
            session.execute(
                delete(ContactListMemberRow).where(ContactListMemberRow.list_id == row.id)
            )
            for ordinal, member in enumerate(members, start=1):
                session.add(
                    ContactListMemberRow(
                        list_id=row.id,
                        ordinal=ordinal,
                        position_id=member.number if member.kind is ContactKind.POSITION else None,
                        person_id=member.number if member.kind is ContactKind.PERSON else None,
                    )
                )
            session.flush()
            return self._list(session, row)

    def rename_list(self, name: str, new_name: str) -> ContactList:
        """The list keeps its members, in order, under a new name (which must be free)."""
        try:
            with self._write() as session:
                row = self._list_row(session, name)
                if new_name != name and session.scalar(
                    select(ContactListRow).where(ContactListRow.name == new_name)
                ):
                    raise ContactListExists(new_name)
                row.name = new_name
                session.flush()
                return self._list(session, row)
        except IntegrityError as exc:  # pragma: no cover - a race with another process
            raise ContactListExists(new_name) from exc

    def delete_list(self, name: str) -> None:
        with self._write() as session:
            session.delete(self._list_row(session, name))

    def _list_row(self, session: Session, name: str) -> ContactListRow:
        row = session.scalar(select(ContactListRow).where(ContactListRow.name == name))
        if row is None:
            raise ContactListNotFound(name)
        return row

    def _list(self, session: Session, row: ContactListRow) -> ContactList:
        members = session.scalars(
            select(ContactListMemberRow)
            .where(ContactListMemberRow.list_id == row.id)
            .order_by(ContactListMemberRow.ordinal)
        )
        ids = tuple(
            ContactId(ContactKind.POSITION, m.position_id)
            if m.position_id is not None
            else ContactId(ContactKind.PERSON, m.person_id or 0)
            for m in members
        )
        return ContactList(row.name, ids, row.id)
