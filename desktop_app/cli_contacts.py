"""`dari contacts …` and `dari lists …`: the address book on the command line.

Kept apart from cli.py so that each family of commands has its own parsers and
functions; cli.py adds these parsers and dispatches to CONTACT_COMMANDS.
What scripts read (ids, tab-separated lines) is not translated; sentences are.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.contacts import BookOrganisation, ContactId, ContactKind, Person, Position
from desktop_app.i18n.errors import user_message

if TYPE_CHECKING:
    from desktop_app.cli import Console
    from desktop_app.services import ImportReport, Services

ContactCommand = Callable[["Services", argparse.Namespace, "Console"], int]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-04-18") from None


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `contacts` and `lists` commands."""
    contacts = sub.add_parser("contacts", help="the address book: list, import, export")
    actions = contacts.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="one contact a line, its id first")
    p.add_argument("--search", metavar="TEXT", help="Korean or English, any part of a name")
    p.add_argument(
        "--on", type=_day, metavar="DATE", help="holders of offices on DATE (default: today)"
    )
    p = actions.add_parser("import", help="add contacts from a UTF-8 CSV file")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="say what would be added, add nothing")
    actions.add_parser("export", help="write the address book to a CSV file").add_argument(
        "file", type=Path
    )
    actions.add_parser("import-sample", help="add the sample address book shipped with Dari")

    lists = sub.add_parser("lists", help="named lists of recipients")
    actions = lists.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("create", help="a new, empty list").add_argument("name")
    p = actions.add_parser("add", help="append positions or people (contact ids) to a list")
    p.add_argument("name")
    p.add_argument("contacts", nargs="+", metavar="CONTACT_ID")
    p = actions.add_parser("show", help="a list's members in order, with holders on a date")
    p.add_argument("name")
    p.add_argument(
        "--on", type=_day, metavar="DATE", help="holders of offices on DATE (default: today)"
    )
    actions.add_parser("all", help="every list")


def _both(ko: str, en: str) -> str:
    return " / ".join(t for t in (ko.strip(), en.strip()) if t) or "—"


def _contacts_list(services: Services, args: argparse.Namespace, out: Console) -> int:
    book = services.contacts
    day = args.on or date.today()
    if args.search:
        hits = book.search(args.search, limit=50)
        orgs, people, positions = hits.organisations, hits.people, hits.positions
    else:
        orgs = tuple(book.all(BookOrganisation))
        people = tuple(book.all(Person))
        positions = tuple(book.all(Position))
    names = {o.id: o for o in book.all(BookOrganisation)} if positions else {}
    for org in orgs:
        out.print(
            f"{ContactId(ContactKind.ORGANISATION, org.id)}\t{org.kind.value}\t"
            f"{_both(org.name.ko, org.name.en)}"
        )
    for position in positions:
        holding = book.holder_on(position.id, day)
        holder = "—"
        if holding.person_id is not None:
            person = book.get(Person, holding.person_id)
            holder = _both(person.name.ko, person.name.en)
        elif holding.candidates:
            holder = "?"
        office_of = names.get(position.organisation_id)
        org_name = _both(office_of.name.ko, office_of.name.en) if office_of else ""
        out.print(
            f"{ContactId(ContactKind.POSITION, position.id)}\t"
            f"{_both(position.title.ko, position.title.en)}\t{org_name}\t{holder}"
        )
    for person in people:
        out.print(
            f"{ContactId(ContactKind.PERSON, person.id)}\t{_both(person.name.ko, person.name.en)}"
        )
    return 0


def _report(r: ImportReport, out: Console) -> None:
    _ = out.gettext
    for problem in r.problems:
        reason = user_message(problem.problem, _)
        out.print(
            _("Row {number} not imported: {reason}.").format(number=problem.number, reason=reason)
        )
    if r.dry_run:
        template = _(
            "Would add {organisations} organisations, {positions} positions, {people} people "
            "and {appointments} appointments; {unchanged} rows are in the address book already."
        )
    else:
        template = _(
            "Added {organisations} organisations, {positions} positions, {people} people "
            "and {appointments} appointments; {unchanged} rows were in the address book already."
        )
    out.print(
        template.format(
            organisations=r.organisations,
            positions=r.positions,
            people=r.people,
            appointments=r.appointments,
            unchanged=r.unchanged,
        )
    )


def _contacts_import(services: Services, args: argparse.Namespace, out: Console) -> int:
    report = services.contacts.import_csv(args.file, dry_run=args.dry_run)
    _report(report, out)
    return 1 if report.problems else 0


def _contacts_export(services: Services, args: argparse.Namespace, out: Console) -> int:
    count = services.contacts.export_csv(args.file)
    text = out.ngettext("{count} row written to {file}.", "{count} rows written to {file}.", count)
    out.print(text.format(count=count, file=args.file))
    return 0


def _contacts_sample(services: Services, args: argparse.Namespace, out: Console) -> int:
    _changes, count = services.contacts.import_sample()
    text = out.ngettext("{count} sample entry added.", "{count} sample entries added.", count)
    out.print(text.format(count=count))
    return 0


def _lists_create(services: Services, args: argparse.Namespace, out: Console) -> int:
    _changes, created = services.contacts.create_list(args.name)
    out.print(out.gettext("List “{name}” created.").format(name=created.name))
    return 0


def _lists_add(services: Services, args: argparse.Namespace, out: Console) -> int:
    _changes, stored = services.contacts.add_to_list(args.name, list(args.contacts))
    count = len(stored.members)
    text = out.ngettext(
        "List “{name}” has {count} member.", "List “{name}” has {count} members.", count
    )
    out.print(text.format(name=stored.name, count=count))
    return 0


def _lists_show(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    day = args.on or date.today()
    for resolved in services.contacts.resolve_list(args.name, day):
        r = resolved.recipient
        out.print(
            f"{resolved.contact}\t{_both(r.name.ko, r.name.en)}\t"
            f"{_both(r.title.ko, r.title.en)}\t{_both(r.organisation.ko, r.organisation.en)}"
        )
        for warning in resolved.warnings:
            out.print(f"\t{user_message(warning, _)}")
    return 0


def _lists_all(services: Services, args: argparse.Namespace, out: Console) -> int:
    for contact_list in services.contacts.lists():
        out.print(f"{contact_list.name}\t{len(contact_list.members)}")
    return 0


CONTACT_COMMANDS: dict[tuple[str, str], ContactCommand] = {
    ("contacts", "list"): _contacts_list,
    ("contacts", "import"): _contacts_import,
    ("contacts", "export"): _contacts_export,
    ("contacts", "import-sample"): _contacts_sample,
    ("lists", "create"): _lists_create,
    ("lists", "add"): _lists_add,
    ("lists", "show"): _lists_show,
    ("lists", "all"): _lists_all,
}
