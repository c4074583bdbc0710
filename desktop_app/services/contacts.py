"""The address book's use cases for the window, the command line and the mail merge.

`ContactService` is the one door: entries (save, delete), type-ahead search, who holds
an office on a date, contact ids resolved to a recipient for a date, the copies a draft
keeps (senders, recipients, signatories) and the explicit "update from the address book",
lists, the shipped sample and CSV. Writes return `OpChanges(contacts=True)` (or a draft's).
"""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactId,
    ContactKind,
    ContactList,
    OrganisationKind,
    Person,
    Position,
)
from desktop_app.domain.letter import Letter, Organisation, Recipient, Signatory
from desktop_app.domain.messages import N_
from desktop_app.domain.offices import Holding, OfficeWarning, holder_on, timeline_warnings
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.snapshots import (
    FieldChange,
    party_changes,
    recipient_from,
    salutation_for,
    sender_from,
    signatory_from,
)
from desktop_app.domain.text import BilingualText
from desktop_app.domain.upr import UprBrief
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop_app.services.drafts import DraftService, LoadedDraft
    from desktop_app.storage import Database, SearchHits

Entry = TypeVar("Entry", BookOrganisation, Person, Position, Appointment)
CHANGED = OpChanges(contacts=True)


@dataclass(frozen=True)
class Resolved:
    """A contact id as a recipient on a date: the copy, its salutation, and the doubts."""

    contact: ContactId
    recipient: Recipient
    salutation: BilingualText  # 존경하는 조태열 장관님, / Dear Minister Cho,
    warnings: tuple[OfficeWarning, ...] = ()


@dataclass(frozen=True)
class PartyUpdate:
    """What taking one party of a draft again from the address book would change."""

    party: str  # "recipients[0]"
    new: Any  # the new copy (Recipient, Organisation or Signatory)
    changes: tuple[FieldChange, ...]
    warnings: tuple[OfficeWarning, ...] = ()


class ContactService:
    """Organisations, people, positions and appointments; lists; copies for drafts."""

    def __init__(self, db: Database, drafts: DraftService | None = None) -> None:
        self._db = db
        self._drafts = drafts

    # ------------------------------------------------------------ entries

    def save(self, entry: Entry) -> tuple[OpChanges, Entry]:
        """Add (id 0) or replace an organisation, person, position or appointment."""
        return CHANGED, self._db.contacts.save(entry)

    def delete(self, kind: type[Entry], entry_id: int) -> OpChanges:
        """Remove an entry; drafts that used it keep their copies unchanged."""
        self._db.contacts.delete(kind, entry_id)
        return CHANGED

    def get(self, kind: type[Entry], entry_id: int) -> Entry:
        return self._db.contacts.get(kind, entry_id)

    def all(self, kind: type[Entry]) -> builtins.list[Entry]:
        return self._db.contacts.all(kind)

    def search(self, text: str, limit: int = 20) -> SearchHits:
        """Type-ahead: organisations, people and positions containing every word of `text`."""
        return self._db.contacts.search(text, limit)

    def appointments(self, position_id: int) -> builtins.list[Appointment]:
        return self._db.contacts.appointments(position_id=position_id)

    def positions_held(self, person_id: int) -> builtins.list[Position]:
        """The offices a person has an appointment in (any date), in appointment order."""
        terms = self._db.contacts.appointments(person_id=person_id)
        seen: dict[int, Position] = {}
        for term in terms:
            if term.position_id not in seen:
                seen[term.position_id] = self._db.contacts.get(Position, term.position_id)
        return builtins.list(seen.values())

    def used_in(self, contact: ContactId) -> builtins.list[tuple[int, str, str]]:
        """The drafts (not in the trash) whose parties carry `contact`'s id in their `book`
        reference: (draft id, Korean title, English title), newest change first.

        A plain scan that loads every draft: correct rather than fast (a few hundred drafts
        take well under a second); the copies are the truth, so nothing is cached.
        """
        if self._drafts is None:  # pragma: no cover - build_services always passes it
            raise RuntimeError("ContactService was built without the drafts")
        field = {
            ContactKind.ORGANISATION: "organisation",
            ContactKind.PERSON: "person",
            ContactKind.POSITION: "position",
        }[contact.kind]
        found: builtins.list[tuple[int, str, str]] = []
        for summary in self._drafts.list():
            try:
                document = self._drafts.load(summary.id).document
            except DariError:
                continue  # an unreadable draft names no party we could show
            if any(
                party.book is not None and getattr(party.book, field) == contact.number
                for _name, party in _parties(document)
            ):
                found.append((summary.id, summary.title_ko, summary.title_en))
        return found

    # ------------------------------------------------------------ dated offices

    def holder_on(self, position_id: int, day: date) -> Holding:
        """Who holds the position on `day`, with every doubt (overlap, gap, vague dates)."""
        position = self._db.contacts.get(Position, position_id)
        terms = self._db.contacts.appointments(position_id=position_id)
        people = self._db.contacts.many(Person, (a.person_id for a in terms))
        return holder_on(position, terms, day, people)

    def timeline(self, position_id: int) -> tuple[builtins.list[Appointment], list[OfficeWarning]]:
        """A position's appointments in order, and the overlaps and gaps between them."""
        position = self._db.contacts.get(Position, position_id)
        terms = self._db.contacts.appointments(position_id=position_id)
        people = self._db.contacts.many(Person, (a.person_id for a in terms))
        return terms, timeline_warnings(position, terms, people)

    def resolve(self, contact: ContactId | str, day: date) -> Resolved:
        """A position (its holder on `day`) or a person as a recipient's copy.

        An organisation is no recipient; overlapping appointments are an error naming them
        (choose the person instead); a vacant office gives the office without a name.
        """
        contact = ContactId.parse(contact) if isinstance(contact, str) else contact
        if contact.kind is ContactKind.POSITION:
            position = self._db.contacts.get(Position, contact.number)
            holding = self.holder_on(position.id, day)
            if holding.candidates and holding.appointment is None:
                raise DariError(
                    N_("{contact} has no single holder on that date: {problem}"),
                    contact=str(contact),
                    problem=holding.warnings[0],
                )
            person = (
                self._db.contacts.get(Person, holding.person_id)
                if holding.person_id is not None
                else None
            )
            organisation = self._db.contacts.get(BookOrganisation, position.organisation_id)
            return Resolved(
                contact,
                recipient_from(position, organisation, person),
                salutation_for(position, person),
                holding.warnings,
            )
        if contact.kind is ContactKind.PERSON:
            person = self._db.contacts.get(Person, contact.number)
            affiliation = (
                self._db.contacts.get(BookOrganisation, person.organisation_id)
                if person.organisation_id
                else None
            )
            return Resolved(contact, recipient_from(None, affiliation, person), BilingualText())
        raise DariError(
            N_(
                "{contact} is an organisation: a recipient is a position or a person. "
                "Add one of its positions (`dari contacts list --search …` shows them)."
            ),
            contact=str(contact),
        )

    # ------------------------------------------------------------ copies for drafts

    def sender(self, organisation_id: int) -> Organisation:
        """One of our organisations as a letter's sender (or a brief's organisation)."""
        return sender_from(self._db.contacts.get(BookOrganisation, organisation_id))

    def signatory(
        self, organisation_id: int | None = None, person_id: int | None = None
    ) -> Signatory:
        """A co-signer: an organisation, a person, or a person for an organisation."""
        organisation = (
            self._db.contacts.get(BookOrganisation, organisation_id) if organisation_id else None
        )
        person = self._db.contacts.get(Person, person_id) if person_id else None
        return signatory_from(organisation, person)

    def save_party(self, party: Any, *, ours: bool = False) -> tuple[OpChanges, Any]:
        """ "Save to address book": a party typed by hand in a draft becomes entries, in one
        step; returns the party with its `book` reference set (the copy itself unchanged).

        An organisation (or an office within it) whose names are exactly those of one
        already in the book is linked, not created twice. A name in a new office becomes
        its holder with no dates (not known: resolving it says so); a name in an office
        already there is linked to its holder of that name, else kept as a person with the
        title as role (no appointment is invented beside the recorded ones).
        `ours`: a sender is one of our organisations.
        """
        from desktop_app.domain.letter import PartyRef

        def organisation(name: BilingualText, **fields: Any) -> BookOrganisation | None:
            if name.is_empty():
                return None
            for known in self._db.contacts.all(BookOrganisation):
                if _same(known.name, name):
                    return known
            return self._db.contacts.save(BookOrganisation(name=name, **fields))

        if isinstance(party, Organisation):
            if party.name.is_empty():
                raise DariError(N_("Give the organisation a name before saving it."))
            org = organisation(
                party.name,
                short_name=party.short_name,
                kind=OrganisationKind.OURS if ours else OrganisationKind.OTHER,
                address=party.address,
                postcode=party.postcode,
                phone=party.phone,
                fax=party.fax,
                email=party.email,
                website=party.website,
            )
            assert org is not None
            return CHANGED, dataclasses.replace(party, book=PartyRef(organisation=org.id))
        if isinstance(party, Signatory):
            if party.organisation.is_empty() and party.person.is_empty():
                raise DariError(N_("Fill in the organisation or the person before saving."))
            org = organisation(
                party.organisation, kind=OrganisationKind.PARTNER, country=party.country
            )
            person = None
            if not party.person.is_empty():
                person = self._db.contacts.save(
                    Person(
                        name=party.person,
                        role=party.role,
                        organisation_id=org.id if org else None,
                    )
                )
            ref = PartyRef(
                organisation=org.id if org else None, person=person.id if person else None
            )
            # the kind it signs as, made explicit as the book's copies have it (prints the same)
            return CHANGED, dataclasses.replace(party, book=ref, kind=party.resolved_kind)
        if isinstance(party, Recipient):
            if party.name.is_empty() and party.title.is_empty():
                raise DariError(N_("Fill in the name or the title before saving."))
            org = organisation(party.organisation, address=party.address)
            if org is None and not party.title.is_empty():
                raise DariError(
                    N_("An office belongs to an organisation: fill in the organisation first.")
                )
            position, person = None, None
            known = (
                [p for p in self._db.contacts.positions_of(org.id) if _same(p.title, party.title)]
                if org is not None and not party.title.is_empty()
                else []
            )
            if known:  # an office already in the book: link its holder of that name, if any
                holders = {
                    a.person_id for a in self._db.contacts.appointments(position_id=known[0].id)
                }
                person = next(
                    (
                        p
                        for p in self._db.contacts.many(Person, holders).values()
                        if _same(p.name, party.name)
                    ),
                    None,
                )
                position = known[0] if person is not None or party.name.is_empty() else None
            elif org is not None and not party.title.is_empty():
                position = self._db.contacts.save(
                    Position(
                        org.id,
                        title=party.title,
                        honorific=party.honorific,
                        department=party.department,
                    )
                )
            if person is None and not party.name.is_empty():
                alone = position is None  # no office: the person keeps the title as a role
                person = self._db.contacts.save(
                    Person(
                        name=party.name,
                        courtesy=party.honorific if alone else BilingualText(),
                        role=party.title if alone else BilingualText(),
                        organisation_id=org.id if org and alone else None,
                    )
                )
                if position is not None:  # a new office: its holder, dates not known
                    self._db.contacts.save(Appointment(position.id, person.id))
            ref = PartyRef(
                organisation=org.id if org else None,
                person=person.id if person else None,
                position=position.id if position else None,
            )
            return CHANGED, dataclasses.replace(party, book=ref)
        raise DariError(N_("Nothing to take again."))  # pragma: no cover - four kinds of party

    def updates(self, document: Any, day: date | None = None) -> builtins.list[PartyUpdate]:
        """What taking every party with address-book ids again would change, field by field.

        Recipients are resolved for the letter's date (`day`, else today). Parties whose
        entries are gone are left out (their copies stay as they are). Nothing is written.
        """
        day = day or getattr(document, "date", None) or date.today()
        found: builtins.list[PartyUpdate] = []
        for name, party in _parties(document):
            ref = party.book
            if ref is None:
                continue
            try:
                new, warnings = self._again(party, day)
            except DariError:
                continue  # the entry was deleted: the copy is all there is
            changes = party_changes(name, party, new)
            if changes:
                found.append(PartyUpdate(name, new, tuple(changes), warnings))
        return found

    def _again(self, party: Any, day: date) -> tuple[Any, tuple[OfficeWarning, ...]]:
        from desktop_app.storage.errors import ItemNotFound

        ref = party.book
        try:
            if isinstance(party, Recipient):
                if ref.position is not None:
                    resolved = self.resolve(ContactId(ContactKind.POSITION, ref.position), day)
                elif ref.person is not None:
                    resolved = self.resolve(ContactId(ContactKind.PERSON, ref.person), day)
                else:
                    raise DariError(N_("Nothing to take again."))
                new: Any = dataclasses.replace(resolved.recipient, department=party.department)
                return new, resolved.warnings
            if isinstance(party, Organisation) and ref.organisation is not None:
                return self.sender(ref.organisation), ()
            if isinstance(party, Signatory):
                return self.signatory(ref.organisation, ref.person), ()
        except ItemNotFound as error:
            raise DariError.saying(error) from error
        raise DariError(N_("Nothing to take again."))

    def update_draft(
        self, draft_id: int, *, apply: bool = False, only: set[str] | None = None
    ) -> tuple[builtins.list[PartyUpdate], OpChanges]:
        """ "Update from the address book": the updates, applied only when `apply` is true
        (to the parties named in `only`, or all); the draft keeps a revision of before."""
        if self._drafts is None:  # pragma: no cover - build_services always passes it
            raise RuntimeError("ContactService was built without the drafts")
        loaded: LoadedDraft = self._drafts.load(draft_id)
        found = self.updates(loaded.document)
        chosen = [u for u in found if only is None or u.party in only]
        if not apply or not chosen:
            return found, OpChanges()
        document = apply_updates(loaded.document, chosen)
        self._drafts.save(
            draft_id,
            document,
            expected_version=loaded.version,
            revision_reason="updated from the address book",
        )
        return chosen, OpChanges(draft_list=True, draft=draft_id, revisions=draft_id)

    # ------------------------------------------------------------ lists

    def lists(self) -> builtins.list[ContactList]:
        return self._db.contacts.lists()

    def get_list(self, name: str) -> ContactList:
        return self._db.contacts.get_list(name)

    def create_list(self, name: str) -> tuple[OpChanges, ContactList]:
        name = name.strip()
        if not name:
            raise DariError(N_("A list needs a name."))
        return CHANGED, self._db.contacts.create_list(name)

    def add_to_list(self, name: str, contacts: builtins.list[str]) -> tuple[OpChanges, ContactList]:
        """Append positions or people (contact ids) to a list; one already there stays put."""
        current = self._db.contacts.get_list(name)
        members = list(current.members)
        for text in contacts:
            contact = ContactId.parse(text)
            if contact.kind is ContactKind.ORGANISATION:
                raise DariError(
                    N_(
                        "{contact} is an organisation: a list holds positions and people. "
                        "Add one of its positions instead."
                    ),
                    contact=str(contact),
                )
            if contact.kind is ContactKind.POSITION:
                self._db.contacts.get(Position, contact.number)  # there, or a sentence
            else:
                self._db.contacts.get(Person, contact.number)
            if contact not in members:
                members.append(contact)
        return CHANGED, self._db.contacts.set_members(name, members)

    def set_list(
        self, name: str, members: builtins.list[ContactId]
    ) -> tuple[OpChanges, ContactList]:
        """A list's members become exactly these, in this order (the window's reordering)."""
        return CHANGED, self._db.contacts.set_members(name, members)

    def rename_list(self, name: str, new_name: str) -> tuple[OpChanges, ContactList]:
        """The same members under a new name (which must be free)."""
        new_name = new_name.strip()
        if not new_name:
            raise DariError(N_("A list needs a name."))
        return CHANGED, self._db.contacts.rename_list(name, new_name)

    def remove_from_list(self, name: str, contact: ContactId) -> tuple[OpChanges, ContactList]:
        """The list without this member (the entry itself stays in the address book)."""
        members = [m for m in self._db.contacts.get_list(name).members if m != contact]
        return CHANGED, self._db.contacts.set_members(name, members)

    def move_in_list(
        self, name: str, contact: ContactId, offset: int
    ) -> tuple[OpChanges, ContactList]:
        """Move a member `offset` places (-1 up, 1 down), stopping at either end."""
        members = list(self._db.contacts.get_list(name).members)
        if contact not in members:
            raise DariError(
                N_("{contact} is not in the list “{name}”."), contact=str(contact), name=name
            )
        index = members.index(contact)
        target = max(0, min(len(members) - 1, index + offset))
        members.insert(target, members.pop(index))
        return CHANGED, self._db.contacts.set_members(name, members)

    def delete_list(self, name: str) -> OpChanges:
        """Remove a list; its members stay in the address book."""
        self._db.contacts.delete_list(name)
        return CHANGED

    def resolve_list(self, name: str, day: date) -> builtins.list[Resolved]:
        """Every member of a list as a recipient on `day`, in the list's order."""
        return [self.resolve(member, day) for member in self.get_list(name).members]

    def merge_recipients(
        self, contact_ids: Sequence[str], list_name: str | None, day: date | None
    ) -> builtins.list[Recipient]:
        """The mail merge's recipients (`MergeService.resolver`): a list's members, then the
        contact ids, each as its copy on the letter's date (today for an undated letter),
        with its own salutation unless the copy already has one."""
        day = day or date.today()
        resolved = self.resolve_list(list_name, day) if list_name else []
        resolved += [self.resolve(contact, day) for contact in contact_ids]
        return [
            r.recipient
            if not r.recipient.salutation.is_empty()
            else dataclasses.replace(r.recipient, salutation=r.salutation)
            for r in resolved
        ]

    # ------------------------------------------------------------ files

    def import_sample(self) -> tuple[OpChanges, int]:
        """Add the shipped sample address book; returns how many entries were added."""
        from desktop_app.services.contact_files import import_sample

        return CHANGED, import_sample(self._db)

    def preview_import(self, path: Any, mapping: dict[str, str] | None = None) -> Any:
        """What importing a CSV, XLSX or vCard file would do, writing nothing: an
        ImportPreview (the column mapping found, unknown columns, the first rows as they
        would be stored, bad rows by number, possible duplicates, the counts).
        `mapping`: column → field (or "-" to leave a column out), before the synonyms."""
        from desktop_app.services.contact_files import preview_import

        return preview_import(self._db, path, mapping)

    def import_file(
        self,
        path: Any,
        *,
        dry_run: bool = False,
        mapping: dict[str, str] | None = None,
        duplicates: Any = None,
    ) -> tuple[OpChanges, Any]:
        """Contacts from a CSV (UTF-8, UTF-8 with BOM or CP949), XLSX or vCard file
        (docs/address-book.md); with `dry_run`, nothing is written. `duplicates`: a
        `Duplicates` (default SKIP: possible duplicates are reported, not added).
        Returns the changes and an ImportReport."""
        from desktop_app.services.contact_files import Duplicates, import_file

        report = import_file(
            self._db,
            path,
            dry_run=dry_run,
            mapping=mapping,
            duplicates=duplicates or Duplicates.SKIP,
        )
        changed = not dry_run and (report.added or report.merged)
        return (CHANGED if changed else OpChanges()), report

    def import_csv(self, path: Any, *, dry_run: bool = False) -> Any:
        """`import_file` with its defaults; returns the ImportReport only."""
        return self.import_file(path, dry_run=dry_run)[1]

    def export_file(self, path: Any) -> int:
        """Write the address book to a CSV (UTF-8 with BOM), XLSX or vCard (people) file,
        by the suffix; returns how many rows or cards."""
        from desktop_app.services.contact_files import export_file

        return export_file(self._db, path)

    def export_csv(self, path: Any) -> int:
        """`export_file` (any of its formats, by the suffix)."""
        return self.export_file(path)


def _same(a: BilingualText, b: BilingualText) -> bool:
    """The same names, ignoring case and the spaces around them."""
    return (a.ko.strip().casefold(), a.en.strip().casefold()) == (
        b.ko.strip().casefold(),
        b.en.strip().casefold(),
    )


def _parties(document: Any) -> list[tuple[str, Any]]:
    fields: tuple[str, ...]
    if isinstance(document, Letter):
        fields = ("senders", "recipients", "cc", "signatories")
    elif isinstance(document, UprBrief):
        fields = ("organisations",)
    elif isinstance(document, PressNotice):
        fields = ("organisers", "co_organisers")
    elif isinstance(document, Statement):
        fields = ("signatories",)
    else:  # pragma: no cover - four kinds of document
        return []
    return [
        (f"{name}[{i}]", party)
        for name in fields
        for i, party in enumerate(getattr(document, name))
    ]


def apply_updates(document: Any, updates: builtins.list[PartyUpdate]) -> Any:
    """The document with the chosen parties replaced by their new copies."""
    replaced = {u.party: u.new for u in updates}
    values: dict[str, Any] = {}
    for name, _party in _parties(document):
        field, _, _rest = name.partition("[")
        values.setdefault(field, list(getattr(document, field)))
    for name, new in replaced.items():
        field, _, rest = name.partition("[")
        values[field][int(rest.rstrip("]"))] = new
    return dataclasses.replace(document, **{k: tuple(v) for k, v in values.items()})
