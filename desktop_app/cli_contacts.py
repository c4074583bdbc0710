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
from desktop_app.services.contact_files import Duplicates

if TYPE_CHECKING:
    from desktop_app.cli import Console
    from desktop_app.services import Services
    from desktop_app.services.contact_files import ImportPreview, ImportReport

ContactCommand = Callable[["Services", argparse.Namespace, "Console"], int]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-04-18") from None


def _mapping(text: str) -> tuple[str, str]:
    column, sep, field = text.rpartition("=")
    if not sep or not column.strip() or not field.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not COLUMN=FIELD (or COLUMN=-)")
    return column.strip(), field.strip()


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `contacts` and `lists` commands."""
    contacts = sub.add_parser("contacts", help="the address book: list, import, export")
    actions = contacts.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="one contact a line, its id first")
    p.add_argument("--search", metavar="TEXT", help="Korean or English, any part of a name")
    p.add_argument(
        "--on", type=_day, metavar="DATE", help="holders of offices on DATE (default: today)"
    )
    p = actions.add_parser(
        "import", help="add contacts from a CSV (UTF-8 or CP949), XLSX or vCard (.vcf) file"
    )
    p.add_argument("file", type=Path)
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="show the column mapping, the first rows, bad rows and duplicates; add nothing",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        type=_mapping,
        metavar="COLUMN=FIELD",
        help="read COLUMN as FIELD (a column of docs/address-book.md), or COLUMN=- to leave "
        "it out; repeatable",
    )
    same = p.add_mutually_exclusive_group()
    same.add_argument(
        "--merge-duplicates",
        action="store_true",
        help="update an entry a row resembles with the row's non-empty cells",
    )
    same.add_argument(
        "--add-duplicates",
        action="store_true",
        help="add a row that resembles an entry as a new entry",
    )
    actions.add_parser(
        "export", help="write the address book to a .csv (UTF-8 with BOM), .xlsx or .vcf file"
    ).add_argument("file", type=Path)
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


def _duplicate_lines(r: ImportReport, out: Console) -> None:
    _ = out.gettext
    for dup in r.duplicates:
        values = {
            "number": dup.number,
            "name": _both(dup.name.ko, dup.name.en),
            "id": dup.existing,
            "existing": _both(dup.existing_name.ko, dup.existing_name.en),
        }
        if dup.existing is None:  # like an earlier row of the same file
            out.print(_earlier_row_line(r, out).format(**values, row=dup.earlier_row))
            continue
        if r.policy is Duplicates.MERGE:
            template = _("Row {number}: {name} is merged into {id} ({existing}).")
            if r.dry_run:
                template = _("Row {number}: {name} would be merged into {id} ({existing}).")
        elif r.policy is Duplicates.ADD:
            template = _("Row {number}: {name} is added beside {id} ({existing}).")
            if r.dry_run:
                template = _("Row {number}: {name} would be added beside {id} ({existing}).")
        else:
            template = _(
                "Row {number}: {name} is already in the address book as {id} ({existing}); "
                "use --merge-duplicates to update it or --add-duplicates to add a new one."
            )
        out.print(template.format(**values))


def _earlier_row_line(r: ImportReport, out: Console) -> str:
    """The sentence for a row like an earlier row of the same file, by the policy."""
    _ = out.gettext
    if r.policy is Duplicates.MERGE:
        if r.dry_run:
            return _("Row {number}: {name} would be merged with row {row} ({existing}).")
        return _("Row {number}: {name} is merged with row {row} ({existing}).")
    if r.policy is Duplicates.ADD:
        if r.dry_run:
            return _("Row {number}: {name} would be added beside row {row} ({existing}).")
        return _("Row {number}: {name} is added beside row {row} ({existing}).")
    return _(
        "Row {number}: {name} looks like row {row} of the same file ({existing}); "
        "use --merge-duplicates to make them one entry or --add-duplicates to add both."
    )


def _report(r: ImportReport, out: Console) -> None:
    _ = out.gettext
    for problem in r.problems:
        reason = user_message(problem.problem, _)
        out.print(
            _("Row {number} not imported: {reason}.").format(number=problem.number, reason=reason)
        )
    _duplicate_lines(r, out)
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
    if r.merged:
        text = out.ngettext(
            "{count} entry updated from its duplicate rows.",
            "{count} entries updated from their duplicate rows.",
            r.merged,
        )
        if r.dry_run:
            text = out.ngettext(
                "{count} entry would be updated from its duplicate rows.",
                "{count} entries would be updated from their duplicate rows.",
                r.merged,
            )
        out.print(text.format(count=r.merged))


def _preview(preview: ImportPreview, out: Console) -> None:
    """The dry run's head: format and encoding, the mapping, the first rows."""
    _ = out.gettext
    source = preview.source
    read = source.format + (f", {source.encoding}" if source.encoding else "")
    out.print(_("Read as {format}.").format(format=read))
    if source.also_cp949:
        out.print(
            _(
                "These bytes are valid UTF-8 and would also read as CP949 with other "
                "letters; they are read as UTF-8. Check the names below."
            )
        )
    if source.mapping is not None:
        out.print(_("Columns:"))
        for column, field in source.mapping.pairs():
            if field == "":
                continue
            target = field if field not in (None, "-") else ""
            if field == "-":
                target = _("(left out)")
            elif field is None:
                target = _("(unknown: map it with --map or leave it out with --map COLUMN=-)")
            out.print(f"\t{column}\t→ {target}")
    if preview.rows:
        out.print(_("The first rows as they would be stored:"))
    for number, cells in preview.rows:
        shown = "; ".join(f"{k}={v}" for k, v in cells.items() if v)
        out.print(f"\t{number}\t{shown}")


def _contacts_import(services: Services, args: argparse.Namespace, out: Console) -> int:
    mapping = dict(args.map) or None
    duplicates = Duplicates.SKIP
    if args.merge_duplicates:
        duplicates = Duplicates.MERGE
    elif args.add_duplicates:
        duplicates = Duplicates.ADD
    if args.dry_run:
        preview = services.contacts.preview_import(args.file, mapping)
        _preview(preview, out)
        if preview.unknown:
            # what the real import says, after the preview that helps to fix it
            from desktop_app.services.contact_csv import refuse_unknown

            assert preview.source.mapping is not None
            refuse_unknown(preview.source.mapping)
        if duplicates is not Duplicates.SKIP:
            report = services.contacts.import_file(
                args.file, dry_run=True, mapping=mapping, duplicates=duplicates
            )[1]
        else:
            report = preview.report
        _report(report, out)
        return 1 if report.problems else 0
    _changes, report = services.contacts.import_file(
        args.file, mapping=mapping, duplicates=duplicates
    )
    _report(report, out)
    return 1 if report.problems else 0


def _contacts_export(services: Services, args: argparse.Namespace, out: Console) -> int:
    count = services.contacts.export_file(args.file)
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
