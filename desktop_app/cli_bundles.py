"""`dari keys …` and `dari bundle …`: this installation's key, colleagues' keys, bundles.

Kept apart from cli.py, as cli_events.py is. The bundle's own passphrase is read with
`--bundle-passphrase-stdin` from the next line of standard input: after the database's
passphrase when the global `--passphrase-stdin` also unlocks an encrypted folder (first
line: the database's, second: the bundle's). A bundle signed by a key that is not a
colleague's is refused with its fingerprint, unless the person says yes on a terminal or
`--trust-signer` is given. Conflicts an import finds are listed; the text here is kept
and the conflicts wait (`dari bundle conflicts`, `dari bundle resolve`, or the window):
a draft's by their ids (`dari bundle resolve DRAFT_ID --theirs 7`), an address-book
entry's or clause's field by its path (`dari bundle resolve --theirs contact:UID/name_ko
--mine clause:UID/text_en`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.messages import N_
from desktop_app.services import DariError

if TYPE_CHECKING:
    from desktop_app.cli import Console
    from desktop_app.services import Services
    from desktop_app.services.bundles import EntryConflict, ImportOutcome
    from desktop_app.storage.bundles import PendingConflict

BundleCommand = Callable[["Services", argparse.Namespace, "Console"], int]

YES = {"y", "yes", "예", "네", "ㅇ"}
NO_PASSPHRASE = N_(
    "The bundle's passphrase is missing: give it on a line of standard input with "
    "--bundle-passphrase-stdin."
)
KEY_FILE_UNREADABLE = N_("{path} cannot be read: {reason}.")
NEEDS_DRAFT = N_(
    "Conflict {conflict} is a draft's: give the draft's id first (dari bundle resolve "
    "DRAFT_ID --theirs {conflict})."
)
BOTH_CHOICES = N_("{conflict} is given with both --mine and --theirs: choose one.")
NO_CHOICE = N_("Name the conflicts to decide with --theirs or --mine.")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `keys` and `bundle` commands."""
    keys = sub.add_parser("keys", help="this installation's public key and colleagues' keys")
    actions = keys.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("show", help="this installation's public key and its fingerprint")
    p = actions.add_parser("add", help="keep a colleague's public key under a name")
    p.add_argument("name", metavar="NAME")
    p.add_argument("key", metavar="PUBLIC_KEY", help="the line `dari keys show` prints there")
    actions.add_parser("list", help="colleagues' keys: name, fingerprint, key")
    p = actions.add_parser("remove", help="forget a colleague's key")
    p.add_argument("name", metavar="NAME")

    bundle = sub.add_parser("bundle", help="encrypted, signed bundles of drafts for colleagues")
    actions = bundle.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("export", help="write drafts with their revisions as one bundle")
    p.add_argument("drafts", type=int, nargs="+", metavar="DRAFT_ID")
    to = p.add_mutually_exclusive_group(required=True)
    to.add_argument(
        "--to", type=Path, metavar="KEY_FILE", help="a file holding the colleague's public key"
    )
    to.add_argument(
        "--bundle-passphrase-stdin",
        action="store_true",
        help="encrypt with a passphrase read from standard input (the next line)",
    )
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the bundle (or a folder)"
    )
    p.add_argument("--overwrite", action="store_true", help="replace a file of that name")
    p.add_argument(
        "--with-glossary",
        action="store_true",
        help="also the glossary terms the drafts use (added there when not known)",
    )
    p.add_argument(
        "--with-clauses",
        action="store_true",
        help="also the clauses the drafts' texts hold",
    )
    p.add_argument(
        "--with-contacts",
        action="store_true",
        help="also the address-book entries the drafts' parties were taken from",
    )
    p = actions.add_parser("import", help="import a bundle: new drafts, updates, merges")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--bundle-passphrase-stdin",
        action="store_true",
        help="the bundle's passphrase from standard input (the next line)",
    )
    p.add_argument(
        "--trust-signer",
        action="store_true",
        help="import even when the signer's key is not a colleague's (compare the "
        "fingerprint first)",
    )
    p = actions.add_parser(
        "conflicts",
        help="conflicts waiting for a choice, one a line (a draft's, or every draft's and "
        "the address book's and clauses')",
    )
    p.add_argument("draft", type=int, nargs="?", metavar="DRAFT_ID")
    p = actions.add_parser(
        "resolve",
        help="choose the bundle's version or keep this one: a draft's conflicts by id, an "
        "address-book entry's or clause's fields by path (contact:UID/name_ko, clause:UID/text_en)",
    )
    p.add_argument("draft", type=int, nargs="?", metavar="DRAFT_ID")
    p.add_argument("--theirs", nargs="+", default=[], metavar="CONFLICT")
    p.add_argument("--mine", nargs="+", default=[], metavar="CONFLICT")


def _bundle_passphrase(args: argparse.Namespace) -> str | None:
    if not getattr(args, "bundle_passphrase_stdin", False):
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise DariError(NO_PASSPHRASE)
    return line


def _keys_show(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    own = services.bundles.keys.own()
    out.print(own.text)
    out.print(_("Fingerprint: {fingerprint}").format(fingerprint=own.fingerprint))
    return 0


def _keys_add(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    colleague = services.bundles.keys.add_colleague(args.name, args.key)
    text = _("{name}'s key is kept (fingerprint {fingerprint}).")
    out.print(text.format(name=colleague.name, fingerprint=colleague.key.fingerprint))
    return 0


def _keys_list(services: Services, args: argparse.Namespace, out: Console) -> int:
    for colleague in services.bundles.keys.colleagues():
        out.print(f"{colleague.name}\t{colleague.key.fingerprint}\t{colleague.key.text}")
    return 0


def _keys_remove(services: Services, args: argparse.Namespace, out: Console) -> int:
    services.bundles.keys.remove_colleague(args.name)
    return 0


def _export(services: Services, args: argparse.Namespace, out: Console) -> int:
    from desktop_app.services.bundle_keys import parse_public_key

    passphrase = _bundle_passphrase(args)
    to = None
    if args.to is not None:
        try:
            to = parse_public_key(args.to.read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise DariError(
                KEY_FILE_UNREADABLE, path=args.to, reason=error.strerror or error
            ) from None
    path = services.bundles.export(
        args.drafts,
        args.out,
        to=to,
        passphrase=passphrase,
        overwrite=args.overwrite,
        with_glossary=args.with_glossary,
        with_clauses=args.with_clauses,
        with_contacts=args.with_contacts,
    )
    out.print(str(path))
    return 0


def _ask_trust(error: Exception, out: Console) -> bool:
    """On a terminal: show the refusal and ask y/N; elsewhere, no."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    from desktop_app.i18n.errors import user_message

    _ = out.gettext
    print(user_message(error, _), file=sys.stderr)
    print(_("Import it anyway? [y/N] "), end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in YES


def _import(services: Services, args: argparse.Namespace, out: Console) -> int:
    from desktop_app.services.bundles import UnknownSigner

    _ = out.gettext
    passphrase = _bundle_passphrase(args)
    if passphrase is None and services.bundles.needs_passphrase(args.file) and sys.stdin.isatty():
        passphrase = getpass.getpass(_("The bundle's passphrase: "), stream=sys.stderr)
    try:
        outcome = services.bundles.import_file(
            args.file, passphrase=passphrase, trust_signer=args.trust_signer
        )
    except UnknownSigner as error:
        if not _ask_trust(error, out):
            raise
        outcome = services.bundles.import_file(args.file, passphrase=passphrase, trust_signer=True)
    _report(services, outcome, out)
    return 0


def _report(services: Services, outcome: ImportOutcome, out: Console) -> None:
    _ = out.gettext
    if outcome.already_imported:
        out.print(_("This bundle was imported before; nothing changed."))
        return
    for draft in outcome.drafts:
        out.print(f"{draft.draft_id}\t{draft.outcome}\t{draft.title}")
    if outcome.terms_added:
        text = out.ngettext(
            "{count} glossary term added.", "{count} glossary terms added.", outcome.terms_added
        )
        out.print(text.format(count=outcome.terms_added))
    from desktop_app.services.bundle_entries import describe

    for line in describe(outcome.entries, out.gettext, out.ngettext):
        out.print(line)
    for draft in outcome.drafts:
        for conflict in services.bundles.conflicts(draft.draft_id):
            out.print(_conflict_line(conflict))
    waiting = services.bundles.entry_conflicts() if outcome.entry_conflicts else []
    for entry in waiting:
        for line in _entry_lines(entry):
            out.print(line)
    if waiting:
        count = sum(len(entry.fields) for entry in waiting)
        text = out.ngettext(
            "{count} field of the address book or clauses waits for your choice: the entry "
            "here was kept. Choose with `dari bundle resolve --theirs PATH` (or --mine) or "
            "in the window.",
            "{count} fields of the address book or clauses wait for your choice: the "
            "entries here were kept. Choose with `dari bundle resolve --theirs PATH` (or "
            "--mine) or in the window.",
            count,
        )
        out.print(text.format(count=count))
    if outcome.conflicts:
        text = out.ngettext(
            "{count} conflict waits for your choice: the text here was kept. Choose with "
            "`dari bundle resolve` or in the window (File › Import a bundle…).",
            "{count} conflicts wait for your choice: the text here was kept. Choose with "
            "`dari bundle resolve` or in the window (File › Import a bundle…).",
            outcome.conflicts,
        )
        out.print(text.format(count=outcome.conflicts))


def _conflict_line(conflict: PendingConflict) -> str:
    """`conflict ID<TAB>draft N<TAB>body[2].text.ko<TAB>mine: …<TAB>theirs: …`."""
    from desktop_app.services.bundles import describe_path, short

    return "\t".join(
        (
            f"conflict {conflict.id}",
            f"draft {conflict.draft_id}",
            describe_path(conflict.path),
            "mine: " + short(conflict.mine),
            "theirs: " + short(conflict.theirs),
        )
    )


def _entry_lines(conflict: EntryConflict) -> list[str]:
    """One line a field, as a draft's conflict: `conflict contact:UID/name_en<TAB>person
    3<TAB>name_en<TAB>mine: …<TAB>theirs: …`."""
    from desktop_app.services.bundles import short

    return [
        "\t".join(
            (
                f"conflict {f.path}",
                f"{conflict.kind} {conflict.local_id}",
                f.name,
                "mine: " + short(f.mine),
                "theirs: " + short(f.theirs),
            )
        )
        for f in conflict.fields
    ]


def _conflicts(services: Services, args: argparse.Namespace, out: Console) -> int:
    for conflict in services.bundles.conflicts(args.draft):
        out.print(_conflict_line(conflict))
    if args.draft is None:
        for entry in services.bundles.entry_conflicts():
            for line in _entry_lines(entry):
                out.print(line)
    return 0


def _resolve(services: Services, args: argparse.Namespace, out: Console) -> int:
    given = [(c, "mine") for c in args.mine] + [(c, "theirs") for c in args.theirs]
    if not given:
        raise DariError(NO_CHOICE)
    both = set(args.mine) & set(args.theirs)
    if both:
        raise DariError(BOTH_CHOICES, conflict=sorted(both)[0])
    drafts = {int(c): choice for c, choice in given if c.isdigit()}
    entries = {c: choice for c, choice in given if not c.isdigit()}
    if drafts and args.draft is None:
        raise DariError(NEEDS_DRAFT, conflict=next(iter(drafts)))
    if entries:
        services.bundles.resolve_entries(entries)
    if args.draft is not None:
        services.bundles.resolve(args.draft, drafts)
        left = len(services.bundles.conflicts(args.draft))
        text = out.ngettext(
            "{count} conflict of this draft still waits.",
            "{count} conflicts of this draft still wait.",
            left,
        )
        out.print(text.format(count=left))
    if entries:
        left = sum(len(e.fields) for e in services.bundles.entry_conflicts())
        text = out.ngettext(
            "{count} field of the address book or clauses still waits.",
            "{count} fields of the address book or clauses still wait.",
            left,
        )
        out.print(text.format(count=left))
    return 0


BUNDLE_COMMANDS: dict[tuple[str, str], BundleCommand] = {
    ("keys", "show"): _keys_show,
    ("keys", "add"): _keys_add,
    ("keys", "list"): _keys_list,
    ("keys", "remove"): _keys_remove,
    ("bundle", "export"): _export,
    ("bundle", "import"): _import,
    ("bundle", "conflicts"): _conflicts,
    ("bundle", "resolve"): _resolve,
}
