"""The command line: the same services as the window, for scripts, tests and the impatient.

Exit status 0 on success; 1 with a one-line reason on stderr when the input or
the environment is at fault; 2 for a usage error (argparse); 3 for a bug, whose
traceback goes to dari.log in the data folder (stderr says so, in one line).
Sentences are in the language of the environment (LANG=ko_KR.UTF-8: Korean;
otherwise English); what scripts read (ids, paths, tab-separated lists) is not.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from gettext import NullTranslations
from pathlib import Path
from typing import Any, TextIO

from desktop_app import APP_NAME, __version__, cli_encryption
from desktop_app.cli_bundles import BUNDLE_COMMANDS
from desktop_app.cli_bundles import add_parsers as add_bundle_parsers
from desktop_app.cli_contacts import CONTACT_COMMANDS
from desktop_app.cli_contacts import add_parsers as add_contact_parsers
from desktop_app.cli_encryption import DELETE_DAMAGED_HINT
from desktop_app.cli_encryption import add_parsers as add_encryption_parsers
from desktop_app.cli_events import EVENT_COMMANDS
from desktop_app.cli_events import add_parsers as add_event_parsers
from desktop_app.compose import PRESETS, ComposeOptions, DateStyle, Layout, compose, format_date
from desktop_app.domain import DraftFormatError, Lang, check, describe
from desktop_app.domain.checks import describe_category, describe_window
from desktop_app.domain.glossary import describe_term_finding
from desktop_app.domain.messages import N_
from desktop_app.domain.upr import UprBrief
from desktop_app.domain.upr_checks import action_category, question_window
from desktop_app.i18n import system_ui_language, translator
from desktop_app.i18n.errors import is_known, user_message
from desktop_app.logs import logging_to
from desktop_app.services import (
    CHANNELS,
    FORMATS,
    PENDING_NOTE,
    SAMPLES,
    DariError,
    ExportRequest,
    Services,
    blank_document,
    export_omissions,
    kind_sample,
    open_services,
    parse_channel,
    parse_date,
    recipient_label,
    recovery,
)
from desktop_app.services.changes import DAMAGED_LEFT

log = logging.getLogger(__name__)

BUG = N_(
    "Something went wrong inside Dari. This is a bug in Dari, not something you did. "
    "The details are in {log}; please send that file to the people who support Dari."
)
BUG_NO_LOG = N_(
    "Something went wrong inside Dari. This is a bug in Dari, not something you did. "
    "Dari could not write its log, so the details follow; please send them to the people "
    "who support Dari."
)

LOST_SAVES = N_(
    "Warning: the last saves were lost (the database's journal was damaged): changes made "
    "until {when} are not in the database. Check your most recent drafts."
)


@dataclass(frozen=True)
class Console:
    """Where a command writes its output, and the language it says things in."""

    out: TextIO
    language: str
    translation: NullTranslations

    def gettext(self, message: str) -> str:
        return self.translation.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translation.ngettext(singular, plural, count)

    def print(self, text: object) -> None:
        print(text, file=self.out)


def console(out: TextIO, language: str | None = None) -> Console:
    """A console in `language` (default: the environment's, `system_ui_language()`)."""
    language = language or system_ui_language()
    return Console(out, language, translator(language))


Command = Callable[[Services, argparse.Namespace, Console], int]


def build_parser() -> argparse.ArgumentParser:
    """All commands and options; with no command, the window opens."""
    parser = argparse.ArgumentParser(
        prog="dari", description=f"{APP_NAME} (다리): bilingual Korean/English advocacy drafts."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder for the database (default: the user data folder)",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="use a shared PostgreSQL database, postgresql+psycopg://USER@HOST/DATABASE, "
        "instead of the data folder's file (the password from ~/.pgpass or a prompt, never "
        "in the URL)",
    )
    parser.add_argument(
        "--migrate",
        action="store_true",
        help="with --database-url: update a shared database of an older Dari (back it up on "
        "the server first)",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase of encrypted drafts from the first line of standard input "
        "(else a terminal prompt asks for it)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the window with a temporary data folder, export the sample, quit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import a JSON draft; prints the new draft's id")
    p.add_argument("file", type=Path)

    p = sub.add_parser("new", help="start a new draft of a kind; prints the new draft's id")
    p.add_argument("kind", choices=list(SAMPLES), help="the kind of document")
    p.add_argument(
        "--sample", action="store_true", help="start from the founding case's sample of the kind"
    )

    p = sub.add_parser("export", help="export a draft to .docx and/or PDF")
    p.add_argument("id", type=int)
    p.add_argument("--lang", choices=["ko", "en", "both"], default="both")
    p.add_argument("--layout", choices=[layout.value for layout in Layout], default="separate")
    p.add_argument(
        "--style",
        action="append",
        choices=sorted(PRESETS),
        default=[],
        help="style preset, one per language (letters: ko-letter, ko-official, en-letter; "
        "UPR briefs: upr-brief-ko, upr-brief-en, upr-ohchr-ko, upr-ohchr-en; "
        "press conference notices: press-notice-ko, press-notice-en; "
        "statements: statement-ko, statement-en)",
    )
    p.add_argument(
        "--date-style",
        choices=[s.value for s in DateStyle],
        default=None,
        help="English dates: un (18 April 2024) or us (April 18, 2024); "
        "default: the draft's own date style",
    )
    p.add_argument(
        "--out",
        required=True,
        help="a folder (files get readable names) or a file name when one file results; "
        "a name ending in / is a folder",
    )
    add_output_options(p)

    p = sub.add_parser("export-json", help="print a draft in the JSON draft format")
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")

    p = sub.add_parser("list", help="list drafts, newest first")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--trash", action="store_true", help="list the trash instead")
    p.add_argument(
        "--limit",
        metavar="N",
        help="only the newest N drafts (and a line saying when more match)",
    )

    for name, text in (
        ("show", "show a draft as text"),
        ("trash", "move a draft to the trash (restore it with `dari restore ID`)"),
        ("restore", "take a draft out of the trash"),
    ):
        sub.add_parser(name, help=text).add_argument("id", type=int)
    add_purge_parser(sub)
    add_merge_parser(sub)
    add_backup_parsers(sub)
    add_pending_parsers(sub)
    add_log_parser(sub)
    p = sub.add_parser(
        "check", help="list what a draft still lacks, per language, and what a style leaves out"
    )
    p.add_argument("id", type=int)
    p.add_argument(
        "--style",
        action="append",
        choices=sorted(PRESETS),
        default=[],
        help="the style preset(s) it will be exported in (default: each language's default)",
    )
    p = sub.add_parser("revisions", help="list a draft's revisions, or restore one")
    p.add_argument("id", type=int)
    p.add_argument(
        "--restore",
        type=int,
        metavar="REV",
        help="make revision REV (an id from the list) the draft's newest version; "
        "the text it replaces is kept as a revision",
    )
    glossary = sub.add_parser("glossary", help="import or export the glossary (.csv or .tbx)")
    actions = glossary.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("import", help="add terms from FILE (same Korean term: updated)")
    p.add_argument("file", type=Path)
    p.add_argument("--replace", action="store_true", help="replace the whole glossary")
    actions.add_parser("export", help="write every term to FILE").add_argument("file", type=Path)

    clauses = sub.add_parser("clauses", help="import or export the clause library (.json)")
    actions = clauses.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("import", help="add the clauses in FILE").add_argument("file", type=Path)
    actions.add_parser("export", help="write the library to FILE").add_argument("file", type=Path)
    add_contact_parsers(sub)
    add_event_parsers(sub)
    add_encryption_parsers(sub)
    add_bundle_parsers(sub)
    return parser


def _new(services: Services, args: argparse.Namespace, out: Console) -> int:
    service = services.drafts
    if args.sample:
        out.print(service.import_file(kind_sample(args.kind)).id)
    else:
        out.print(service.create(blank_document(args.kind)).id)
    return 0


def _import(services: Services, args: argparse.Namespace, out: Console) -> int:
    service = services.drafts
    out.print(service.import_file(args.file).id)
    return 0


def _export(services: Services, args: argparse.Namespace, out: Console) -> int:
    target = Path(args.out)
    if args.out.endswith(("/", os.sep)) and not target.is_dir():
        # `--out drafts/` means a folder: not a file called drafts.docx beside it
        raise DariError(N_("The folder {folder} does not exist."), folder=target)
    services.log.remove_stale_temps([target])  # left by an export that was killed
    result = services.drafts.export(
        args.id, _export_request(args), target, overwrite=args.overwrite
    )
    _print_outcome(result, result.notices, out)
    return 0


def _export_json(services: Services, args: argparse.Namespace, out: Console) -> int:
    service = services.drafts
    text = json.dumps(service.export_json(args.id), ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        out.out.write(text)
        return 0
    from desktop_app.files import ExportError, atomic_write_bytes

    try:
        atomic_write_bytes(args.out, text.encode("utf-8"))
    except ExportError as error:
        raise DariError.saying(error) from error
    out.print(args.out)
    return 0


def _list(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    service = services.drafts
    more, limit = False, 0
    if args.limit is None:
        drafts = service.list(args.search, trashed=args.trash)
    else:
        limit = _whole_number(args.limit, N_("“{text}” is not a number of drafts (1 or more)."))
        page = service.search(args.search, limit=limit, trashed=args.trash)
        drafts, more = list(page.drafts), page.more
    for d in drafts:
        title = d.title_ko or d.title_en or _("(untitled)")
        when = d.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        out.print(f"{d.id}\t{d.kind}\t{d.status}\t{when}\t{title}")
    if more:  # on stderr: standard output stays one draft a line
        print(more_drafts_sentence(limit, bool(args.search), out), file=sys.stderr)
    return 0


def more_drafts_sentence(limit: int, searching: bool, out: Console) -> str:
    """`dari list --limit N`: more drafts than the N listed."""
    if searching:
        return out.ngettext(
            "Showing the newest {count} of more drafts found; add a word to narrow the search.",
            "Showing the newest {count} of more drafts found; add a word to narrow the search.",
            limit,
        ).format(count=limit)
    return out.ngettext(
        "Showing the newest {count} of more drafts.",
        "Showing the newest {count} of more drafts.",
        limit,
    ).format(count=limit)


def _show(services: Services, args: argparse.Namespace, out: Console) -> int:
    service = services.drafts
    loaded = service.load(args.id)
    r = loaded.record
    _ = out.gettext
    out.print(
        _("Draft {number} · {kind} · {status} · version {version}").format(
            number=r.id, kind=r.kind, status=r.status, version=r.version
        )
    )
    for lang in ("ko", "en"):
        out.print(f"\n--- {lang} ---")
        out.print(compose(loaded.document, lang).plain_text())
    return 0


def _revisions(services: Services, args: argparse.Namespace, out: Console) -> int:
    service = services.drafts
    if args.restore is not None:
        version = service.version(args.id)
        _changes, loaded = service.restore_revision(args.id, args.restore, expected_version=version)
        _ = out.gettext
        text = _("Draft {number} now holds the text of revision {revision} (version {version}).")
        out.print(text.format(number=args.id, revision=args.restore, version=loaded.version))
        return 0
    for rev in service.revisions(args.id):
        when = rev.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        out.print(f"{rev.id}\t{when}\tv{rev.draft_version}\t{rev.reason}")
    return 0


def _trash(services: Services, args: argparse.Namespace, out: Console) -> int:
    services.drafts.trash(args.id)
    _ = out.gettext
    out.print(
        _("Draft {number} is in the trash; `dari restore {number}` takes it out.").format(
            number=args.id
        )
    )
    return 0


def _restore(services: Services, args: argparse.Namespace, out: Console) -> int:
    services.drafts.restore(args.id)
    _ = out.gettext
    out.print(_("Draft {number} is out of the trash.").format(number=args.id))
    return 0


def add_purge_parser(sub: Any) -> None:
    """`dari purge ID [--keep-log | --drop-log]`."""
    p = sub.add_parser(
        "purge",
        help="delete a draft and all its revisions for good; a draft that was exported "
        "needs --keep-log or --drop-log (what happens to its export log entries)",
    )
    p.add_argument("id", type=int)
    choice = p.add_mutually_exclusive_group()
    choice.add_argument(
        "--keep-log",
        dest="keep_log",
        action="store_const",
        const=True,
        help="keep the draft's export log entries (which file went to whom; no text)",
    )
    choice.add_argument(
        "--drop-log",
        dest="keep_log",
        action="store_const",
        const=False,
        help="delete the draft's export log entries with it",
    )


def _purge(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    keep_log: bool | None = args.keep_log
    if keep_log is None:
        # Both answers are for good (a kept log still names the recipients after the
        # draft is gone; a dropped one loses what was sent to whom), so the command
        # does not choose for the person: the window asks, the command line is told.
        count = services.log.count_for_draft(args.id)
        if count:
            services.drafts.load(args.id)  # a bad id says so first
            raise DariError(
                N_(
                    "Draft {number} is in the export log (entries: {count}; which file went "
                    "to whom, no text). Nothing was deleted: say --keep-log to keep them or "
                    "--drop-log to delete them with the draft."
                ),
                number=args.id,
                count=count,
            )
        keep_log = False
    purged = services.drafts.purge(args.id, keep_log=keep_log)
    out.print(_("Draft {number} and its revisions are deleted for good.").format(number=args.id))
    say_damaged_left(out, DAMAGED_LEFT, purged.left)
    if keep_log:
        out.print(
            _("Its export log entries are kept; `dari log {number}` lists them.").format(
                number=args.id
            )
        )
    return 0


def add_backup_parsers(sub: Any) -> None:
    """`dari backups list|create|restore NAME` and `dari salvage`."""
    backups = sub.add_parser("backups", help="list, make or restore backups of the database")
    actions = backups.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="the backups, newest first: name, date, drafts")
    actions.add_parser("create", help="back the database up now")
    p = actions.add_parser(
        "restore", help="put a copy of backup NAME in place (the current file is kept aside)"
    )
    p.add_argument("name")
    p = actions.add_parser(
        "delete-damaged",
        help="delete for good a damaged file kept aside (dari-damaged-….db) that Dari said "
        "it could not read: it is overwritten, then removed",
    )
    p.add_argument("name")
    sub.add_parser(
        "salvage",
        help="read what can be read of a damaged database into a new file "
        "(the damaged file is kept aside, untouched)",
    )


def _backups_list(args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    found = recovery.list_backups(args.data_dir, args.session_key)
    if not found:
        out.print(_("There are no backups yet; `dari backups create` makes one."))
    for info in found:
        when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        drafts = str(info.drafts) if info.readable else _("damaged")
        out.print(f"{info.name}\t{when}\t{drafts}")
    return 0


def _backups_create(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    info = services.backups.create()
    out.print(_("Backup {name} made ({count} drafts).").format(name=info.name, count=info.drafts))
    return 0


def _backups_restore(args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    done = recovery.restore_backup(args.data_dir, args.name, key=args.session_key)
    out.print(
        _("Backup {name} restored ({count} drafts).").format(
            name=done.backup.name, count=done.backup.drafts
        )
    )
    if done.kept_aside is not None:
        out.print(
            _("The file it replaced is kept, unchanged, as {path}.").format(path=done.kept_aside)
        )
    return 0


def _salvage(args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    done = recovery.salvage(args.data_dir, key=args.session_key)
    out.print(
        _("Salvaged {drafts} drafts and {revisions} revisions into a new database.").format(
            drafts=done.drafts, revisions=done.revisions
        )
    )
    if done.damaged_tables:
        out.print(
            _("Some entries could not be read (in: {tables}); the rest is saved.").format(
                tables=", ".join(done.damaged_tables)
            )
        )
    out.print(_("The damaged file is kept, unchanged, as {path}.").format(path=done.kept_aside))
    return 0


def _backups_delete_damaged(args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    gone = recovery.delete_damaged(args.data_dir, args.name)
    out.print(_("{name} was overwritten and deleted.").format(name=gone.name))
    return 0


def say_damaged_left(out: Console, sentence: str, left: Sequence[Path]) -> None:
    """For each damaged file kept aside that Dari could not rewrite: the sentence naming
    it, and the command that deletes it (never run without the person asking)."""
    _ = out.gettext
    for path in left:
        out.print(_(sentence).format(name=path.name))
        out.print(_(DELETE_DAMAGED_HINT).format(name=path.name))


def add_pending_parsers(sub: Any) -> None:
    """`dari pending list|export ID FILE|send [ID...]|discard ID`: texts kept while a shared
    database was away."""
    pending = sub.add_parser(
        "pending",
        help="the drafts' text kept on this computer while the shared database could not be "
        "reached (sent by the window when it is back)",
    )
    actions = pending.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="each kept text: database, draft, when it was kept, title")
    p = actions.add_parser(
        "export", help="write draft ID's kept text to FILE (.docx; .json to import it elsewhere)"
    )
    p.add_argument("id", type=int)
    p.add_argument("file", type=Path)
    p = actions.add_parser(
        "send",
        help="send the kept texts to the shared database of --database-url (all, or the "
        "drafts ID...); a draft changed there meanwhile keeps its text there and the kept "
        "text becomes a new draft, unless --overwrite",
    )
    p.add_argument("ids", type=int, nargs="*", metavar="ID")
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="a draft changed there meanwhile gets the kept text (its text there stays in the "
        "revisions)",
    )
    p = actions.add_parser(
        "discard", help="delete draft ID's kept text for good (asks for a yes on a terminal)"
    )
    p.add_argument("id", type=int)
    p.add_argument("--yes", action="store_true", help="do not ask for the confirmation")


NOT_KEPT = N_(
    "No text of draft {number} is kept on this computer (`dari pending list` lists them)."
)
SEND_NEEDS_URL = N_(
    "`dari pending send` sends the kept texts to a shared database: name it with "
    "--database-url (before `pending`), as when the texts were kept."
)
STILL_AWAY = N_(
    "Nothing more was sent: the texts not sent stay kept on this computer. Try again when "
    "the server answers (`dari pending list` lists them)."
)
NOT_SENT = N_("Draft {number} was not sent (its text stays kept on this computer): {reason}")
NOTHING_TO_SEND = N_("No text is kept on this computer for {server}: nothing to send.")
SENT = N_("Draft {number}: the text kept on this computer was saved to the shared database.")
OVERWRITTEN = N_(
    "Draft {number}: the text kept on this computer was saved over a change made on the "
    "server meanwhile (that change stays in its revisions)."
)
KEPT_APART = N_(
    "Draft {number} was changed on the server meanwhile, so its text there stays; the text "
    "kept on this computer was saved as a new draft (number {copy})."
)
RECREATED = N_(
    "Draft {number} was deleted for good on the server meanwhile; the text kept on this "
    "computer was saved as a new draft (number {copy})."
)
DISCARD_QUESTION = N_(
    "Delete for good the text of draft {number} kept on this computer on {when}? It never "
    "reached {server}. Type yes: "
)
DISCARD_NOT_CONFIRMED = N_(
    "Nothing was deleted: deleting a kept text needs a yes typed in a terminal, or --yes."
)
DISCARD_WHICH_SERVER = N_(
    "Draft {number} has texts kept for more than one shared database ({servers}): name the "
    "one with --database-url (before `pending`)."
)
DISCARDED = N_("The text of draft {number} kept on this computer was deleted.")


def _pending(args: argparse.Namespace, out: Console) -> int:
    """Read the kept texts without opening any database (the server may still be away)."""
    from desktop_app.paths import default_data_dir
    from desktop_app.services.pending import export_kept, kept_in

    _ = out.gettext
    kept = kept_in(args.data_dir or default_data_dir())
    if args.action == "list":
        if not kept:
            out.print(_("No text is kept on this computer: every save reached its database."))
        for server, edit in kept:
            try:
                title = edit.document.title
                name = str(title.ko or title.en).strip()
            except DraftFormatError:  # listed all the same: the file is there
                name = ""
            first = name.splitlines()[0] if name else ""
            out.print(f"{server}\t{edit.draft_id}\t{edit.kept_at}\t{first}")
        return 0
    if args.action == "discard":
        return _pending_discard(args, out, kept)
    chosen = [edit for _server, edit in kept if edit.draft_id == args.id]
    if not chosen:
        raise DariError(NOT_KEPT, number=args.id)
    newest = max(chosen, key=lambda edit: edit.kept_at)
    written = export_kept(newest.document, args.file, date.today())
    out.print(_("The kept text of draft {number} was written to {path}.").format(
        number=args.id, path=written
    ))  # fmt: skip
    return 0


def _pending_discard(args: argparse.Namespace, out: Console, kept: list[tuple[str, Any]]) -> int:
    """`dari pending discard ID`: no database is opened (the server may be gone for good);
    --database-url, when given, says whose kept text it is."""
    from desktop_app.paths import default_data_dir
    from desktop_app.services.pending import discard_kept

    _ = out.gettext
    chosen = [(server, edit) for server, edit in kept if edit.draft_id == args.id]
    url = getattr(args, "database_url", None)
    if url:
        from desktop_app.storage import server as pg

        if pg.has_password(url):
            from desktop_app.storage.errors import ServerUrlHasPassword

            raise ServerUrlHasPassword(pg.strip_password(url))
        name = pg.display_name(pg.parse_url(url))
        chosen = [(server, edit) for server, edit in chosen if server == name]
    if not chosen:
        raise DariError(NOT_KEPT, number=args.id)
    servers = sorted({server for server, _edit in chosen})
    if len(servers) > 1:
        raise DariError(DISCARD_WHICH_SERVER, number=args.id, servers=", ".join(servers))
    [(server, edit)] = chosen
    if not args.yes:
        if not sys.stdin.isatty():
            raise DariError(DISCARD_NOT_CONFIRMED)
        question = _(DISCARD_QUESTION).format(number=args.id, when=edit.kept_at, server=server)
        print(question, end="", file=sys.stderr, flush=True)
        if sys.stdin.readline().strip().lower() not in cli_encryption.YES:
            raise DariError(DISCARD_NOT_CONFIRMED)
    discard_kept(args.data_dir or default_data_dir(), server, args.id)
    out.print(_(DISCARDED).format(number=args.id))
    return 0


def _pending_send(
    args: argparse.Namespace, out: Console, err: TextIO, server: dict[str, Any]
) -> int:
    """`dari pending send [ID...]`: each kept text of that server through the window's own
    service (`PendingEdits.deliver`), one line per draft. The server still away: its
    sentence, exit 1, nothing deleted; each file goes only after its save committed."""
    from desktop_app.services import ConflictChoice
    from desktop_app.services.pending import Delivery
    from desktop_app.storage.errors import ServerUnavailable

    _ = out.gettext
    if not server:
        raise DariError(SEND_NEEDS_URL)
    choice = ConflictChoice.KEEP_MINE if args.overwrite else ConflictChoice.OPEN_THEIRS
    lines = {
        Delivery.SENT: SENT,
        Delivery.OVERWRITTEN: OVERWRITTEN,
        Delivery.KEPT_APART: KEPT_APART,
        Delivery.RECREATED: RECREATED,
    }
    try:
        with _open(args.data_dir, None, server, err, out.gettext) as services:
            pending = services.pending
            assert pending is not None  # a shared database's services have one
            edits = pending.all()
            failed = 0
            if args.ids:
                wanted = set(args.ids)
                for missing in sorted(wanted - {edit.draft_id for edit in edits}):
                    print("dari: " + _(NOT_KEPT).format(number=missing), file=err)
                    failed += 1
                edits = [edit for edit in edits if edit.draft_id in wanted]
            elif not edits:
                out.print(_(NOTHING_TO_SEND).format(server=pending.server))
            for edit in edits:
                try:
                    delivered = pending.deliver(edit, lambda _edit: choice)
                except ServerUnavailable:
                    raise
                except Exception as error:
                    if not is_known(error):
                        raise
                    log.info("dari pending send: draft %s: %s", edit.draft_id, error)
                    reason = user_message(error, _)
                    print(
                        "dari: " + _(NOT_SENT).format(number=edit.draft_id, reason=reason),
                        file=err,
                    )
                    failed += 1
                    continue
                line = _(lines[delivered.outcome])
                out.print(line.format(number=edit.draft_id, copy=delivered.copy_id))
            return 1 if failed else 0
    except ServerUnavailable as error:
        log.info("dari pending send: %s", error)
        print(f"dari: {user_message(error, _)}", file=err)
        print("dari: " + _(STILL_AWAY), file=err)
        return 1


OFFLINE_COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace, Console], int]] = {
    ("backups", "list"): _backups_list,
    ("backups", "restore"): _backups_restore,
    ("backups", "delete-damaged"): _backups_delete_damaged,
    ("salvage", None): _salvage,
}


def add_merge_parser(sub: Any) -> None:
    """`dari merge DRAFT_ID (--list NAME | --to CONTACT_ID... | --recipients FILE.json) …`."""
    p = sub.add_parser(
        "merge",
        help="mail merge: one document per recipient (prints each file written)",
        description="Write the letter once per recipient, each addressed and greeted in "
        "place; every file is recorded in the export log (`dari log`).",
    )
    p.add_argument("id", type=int, metavar="DRAFT_ID")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--list", metavar="NAME", help="a list of the address book")
    who.add_argument("--to", nargs="+", metavar="CONTACT_ID", help="contacts of the address book")
    who.add_argument(
        "--recipients",
        type=Path,
        metavar="FILE.json",
        help="a JSON array of recipients, each in the draft format's Recipient shape "
        "(name, title, organisation, address, honorific, department, salutation)",
    )
    p.add_argument("--lang", choices=["ko", "en", "both"], default="both")
    p.add_argument("--layout", choices=[layout.value for layout in Layout], default="separate")
    p.add_argument(
        "--style",
        action="append",
        choices=sorted(key for key, preset in PRESETS.items() if preset.kind == "letter"),
        default=[],
        help="style preset, one per language (ko-letter, ko-official, en-letter)",
    )
    p.add_argument(
        "--date-style",
        choices=[s.value for s in DateStyle],
        default=None,
        help="English dates: un (18 April 2024) or us (April 18, 2024)",
    )
    p.add_argument(
        "--combined",
        action="store_true",
        help="also write one file of all the letters, a page break between two, for printing",
    )
    p.add_argument("--out", type=Path, required=True, metavar="FOLDER")
    p.add_argument("--progress", action="store_true", help="say each file as it is made (stderr)")
    add_output_options(p)


def add_output_options(p: Any) -> None:
    """`--format docx|pdf|both [--pdfa] [--overwrite] [--libreoffice PATH]`."""
    p.add_argument(
        "--format",
        choices=list(FORMATS),
        default="docx",
        help="docx (Word, the default), pdf (through LibreOffice) or both",
    )
    p.add_argument("--pdfa", action="store_true", help="PDFs as PDF/A-2b, for archives")
    p.add_argument(
        "--overwrite", action="store_true", help="replace files of the same names (else refused)"
    )
    p.add_argument(
        "--libreoffice",
        metavar="PATH",
        default=None,
        help="where LibreOffice's soffice is, when it is not on PATH or in the usual place",
    )


def _print_outcome(paths: Sequence[Path], notices: Sequence[Exception], out: Console) -> None:
    for path in paths:
        out.print(path)
    for notice in notices:
        out.print(user_message(notice, out.gettext))


def _export_request(args: argparse.Namespace) -> ExportRequest:
    styles: dict[Lang, str] = {}
    for key in args.style:
        styles["ko" if PRESETS[key].lang == "ko" else "en"] = key
    return ExportRequest(
        languages=args.lang,
        layout=Layout(args.layout),
        styles=styles,
        options=ComposeOptions(date_style=DateStyle(args.date_style) if args.date_style else None),
        format=args.format,
        pdfa=args.pdfa,
        libreoffice=args.libreoffice,
    )


def _merge(services: Services, args: argparse.Namespace, out: Console) -> int:
    merge = services.merge
    services.log.remove_stale_temps([args.out])  # left by an export that was killed
    if args.recipients is not None:
        recipients = merge.recipients_file(args.recipients)
    else:
        recipients = merge.resolve(args.id, contact_ids=args.to or (), list_name=args.list)
    _ = out.gettext

    def progress(done: int, total: int, path: Path) -> None:
        if args.progress:
            print(_("{done} of {total}: {file}").format(done=done, total=total, file=path.name),
                  file=sys.stderr)  # fmt: skip

    outcome = merge.merge(
        args.id,
        recipients,
        _export_request(args),
        args.out,
        combined=args.combined,
        overwrite=args.overwrite,
        progress=progress,
    )
    _print_outcome(outcome.paths, outcome.notices, out)
    return 0


def add_log_parser(sub: Any) -> None:
    """`dari log [DRAFT_ID] [--format text|csv] …` and `dari log mark-sent ENTRY_ID …`."""
    p = sub.add_parser(
        "log",
        help="the export log: which file was made for whom, when, and whether it was sent; "
        "`dari log mark-sent ENTRY_ID --channel email` marks one sent",
        usage="dari log [DRAFT_ID] [--format text|csv] [--sent | --unsent] [--since DATE] "
        "[--until DATE] [--out FILE]\n       dari log mark-sent ENTRY_ID --channel "
        "{email,fax,post,hand} [--date DATE] [--note TEXT]",
    )
    p.add_argument("target", nargs="?", metavar="DRAFT_ID", help="only this draft's entries")
    p.add_argument("entry", nargs="?", metavar="ENTRY_ID", help=argparse.SUPPRESS)
    p.add_argument("--format", choices=["text", "csv"], default="text")
    sent = p.add_mutually_exclusive_group()
    sent.add_argument(
        "--sent",
        dest="sent",
        action="store_const",
        const=True,
        default=None,
        help="only entries marked sent",
    )
    sent.add_argument(
        "--unsent",
        dest="sent",
        action="store_const",
        const=False,
        help="only entries not marked sent",
    )
    p.add_argument("--since", metavar="DATE", help="exported on or after DATE (2024-04-18)")
    p.add_argument("--until", metavar="DATE", help="exported on or before DATE")
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write the CSV to FILE (UTF-8 with BOM, for Excel)"
    )
    p.add_argument("--channel", help="mark-sent: email, fax, post or hand")
    p.add_argument("--date", metavar="DATE", help="mark-sent: when it was sent (default: today)")
    p.add_argument("--note", default="", help="mark-sent: a note (a fax number, who took it)")


def _whole_number(text: str, sentence: str) -> int:
    """`text` as a positive whole number; else DariError(`sentence`, text=text)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise DariError(sentence, text=text)
    return number


def _log(services: Services, args: argparse.Namespace, out: Console) -> int:
    if args.target == "mark-sent":
        return _mark_sent(services, args, out)
    _ = out.gettext
    if args.entry is not None:
        raise DariError(
            N_(
                "`dari log` takes one draft number; `dari log mark-sent ENTRY_ID` "
                "marks an entry sent."
            )
        )
    if args.channel is not None or args.date is not None or args.note:
        raise DariError(N_("--channel, --date and --note go with `dari log mark-sent ENTRY_ID`."))
    draft_id = (
        _whole_number(args.target, N_("“{text}” is not a draft number."))
        if args.target is not None
        else None
    )
    if draft_id is not None and not services.log.count_for_draft(draft_id):
        services.drafts.load(draft_id)  # a draft that never was says so
    log_service = services.log
    entries = log_service.entries(
        draft_id=draft_id,
        sent=args.sent,
        since=parse_date(args.since) if args.since else None,
        until=parse_date(args.until) if args.until else None,
    )
    if args.out is not None:
        count = log_service.export_csv(args.out, entries)
        text = out.ngettext(
            "{count} entry written to {file}.", "{count} entries written to {file}.", count
        )
        out.print(text.format(count=count, file=args.out))
        return 0
    if args.format == "csv":
        out.out.write(log_service.csv_text(entries).replace("\r\n", "\n"))
        return 0
    if not entries:
        out.print(_("The export log has no entries."))
    for entry in entries:
        when = (
            entry.exported_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.exported_at else ""
        )
        if entry.sent_on is not None:
            channel = _(CHANNELS.get(entry.channel or "", entry.channel or ""))
            sent_text = _("sent {date} ({channel})").format(
                date=entry.sent_on.isoformat(), channel=channel
            )
        else:
            sent_text = _("not sent")
        if entry.merge_cancelled:
            sent_text += " · " + _("merge stopped before the end ({total} files planned)").format(
                total=entry.merge_total
            )
        if entry.note == PENDING_NOTE:
            sent_text += " · " + _(
                "export stopped before all its files were in place: check this file"
            )
        revision = f"r{entry.revision_id}" if entry.revision_id is not None else "-"
        recipient = recipient_label(entry) or "-"
        out.print(
            f"{entry.id}\t{entry.draft_id}\t{revision}\t{when}\t{entry.languages}\t"
            f"{recipient}\t{Path(entry.file_path).name}\t{sent_text}"
        )
    return 0


def _mark_sent(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    if args.entry is None:
        raise DariError(
            N_("Say which entry was sent: `dari log mark-sent ENTRY_ID --channel email`.")
        )
    if args.channel is None:
        raise DariError(N_("Say how it was sent: --channel email, fax, post or hand."))
    entry_id = _whole_number(args.entry, N_("“{text}” is not a log entry number."))
    channel = parse_channel(args.channel)
    sent_on = parse_date(args.date) if args.date else None
    _changes, entry = services.log.mark_sent(entry_id, channel, sent_on=sent_on, note=args.note)
    label = _(CHANNELS[channel])
    assert entry.sent_on is not None
    out.print(
        _("Entry {entry} is marked sent on {date} ({channel}).").format(
            entry=entry.id, date=entry.sent_on.isoformat(), channel=label
        )
    )
    return 0


def _check(services: Services, args: argparse.Namespace, out: Console) -> int:
    _ = out.gettext
    service = services.drafts
    document = service.load(args.id).document
    findings = check(document)
    for finding in findings:
        out.print(describe(finding, _))
    styles: dict[Lang, str] = {}
    for key in args.style:
        styles["ko" if PRESETS[key].lang == "ko" else "en"] = key
    left_out = export_omissions(document, ExportRequest(styles=styles))
    for omission in left_out:
        out.print(omission.describe(_))
    terms = services.glossary.check(document)
    for item in terms:
        out.print(describe_term_finding(item, _))
    if not findings and not terms and not left_out:
        out.print(_("Nothing is missing."))
    dismissed = services.glossary.dismissed_count(document)
    if dismissed:
        text = out.ngettext(
            "({count} glossary finding dismissed in this draft is not listed.)",
            "({count} glossary findings dismissed in this draft are not listed.)",
            dismissed,
        )
        out.print(text.format(count=dismissed))
    if isinstance(document, UprBrief):
        if document.review_date is not None:
            window = question_window(document.review_date, date.today())
            out.print(describe_window(window, lambda d: format_date(d, out.language), _))
        for n, recommendation in enumerate(document.recommendations, start=1):
            category = action_category(recommendation.text.en)
            out.print(f"R{n}: {describe_category(category, _)}")
    return 0


def _glossary_import(services: Services, args: argparse.Namespace, out: Console) -> int:
    added, updated = services.glossary.import_file(args.file, replace=args.replace)
    text = out.ngettext(
        "{added} term added, {updated} updated.", "{added} terms added, {updated} updated.", added
    )
    out.print(text.format(added=added, updated=updated))
    return 0


def _glossary_export(services: Services, args: argparse.Namespace, out: Console) -> int:
    count = services.glossary.export_file(args.file)
    text = out.ngettext(
        "{count} term written to {file}.", "{count} terms written to {file}.", count
    )
    out.print(text.format(count=count, file=args.file))
    return 0


def _clauses_import(services: Services, args: argparse.Namespace, out: Console) -> int:
    count = services.clauses.import_file(args.file)
    out.print(
        out.ngettext("{count} clause added.", "{count} clauses added.", count).format(count=count)
    )
    return 0


def _clauses_export(services: Services, args: argparse.Namespace, out: Console) -> int:
    count = services.clauses.export_file(args.file)
    text = out.ngettext(
        "{count} clause written to {file}.", "{count} clauses written to {file}.", count
    )
    out.print(text.format(count=count, file=args.file))
    return 0


LIBRARY_COMMANDS: dict[tuple[str, str], Command] = {
    ("glossary", "import"): _glossary_import,
    ("glossary", "export"): _glossary_export,
    ("clauses", "import"): _clauses_import,
    ("clauses", "export"): _clauses_export,
}

COMMANDS: dict[str, Command] = {
    "glossary": _glossary_import,  # dispatched on args.action in run_command
    "clauses": _clauses_import,
    "import": _import,
    "new": _new,
    "export": _export,
    "export-json": _export_json,
    "list": _list,
    "show": _show,
    "revisions": _revisions,
    "check": _check,
    "trash": _trash,
    "restore": _restore,
    "purge": _purge,
    "merge": _merge,
    "log": _log,
    "backups": _backups_create,  # list and restore are OFFLINE_COMMANDS
}


def _server_options(args: argparse.Namespace, err: TextIO) -> dict[str, Any]:
    """The shared database's options for open_services, or {} for the data folder's file.

    A URL carrying a password is refused: it would be in the shell's history and the
    process list (the password comes from ~/.pgpass or the prompt)."""
    url = getattr(args, "database_url", None)
    if not url:
        return {}
    from desktop_app.storage import server as pg

    if pg.has_password(url):
        from desktop_app.storage.errors import ServerUrlHasPassword

        raise ServerUrlHasPassword(pg.strip_password(url))
    return {"database_url": url, "migrate": bool(getattr(args, "migrate", False))}


PASSWORD_PROMPT = N_("Password of “{user}” for the shared database {server}: ")


def _server_backups(url: str) -> Exception:
    from desktop_app.storage import server as pg
    from desktop_app.storage.errors import ServerBackups

    return ServerBackups(pg.display_name(pg.parse_url(url)))


@contextmanager
def _open(
    data_dir: Path | None,
    key: Any,
    server: dict[str, Any],
    err: TextIO,
    gettext: Callable[[str], str] = lambda text: text,
) -> Iterator[Services]:
    """services_for, asking for the server's password once (in the language of `gettext`)
    when the server refused the login without one or with the one ~/.pgpass or PGPASSWORD
    gave (on a terminal only: a script gets the refusal's sentence)."""
    from desktop_app.storage.errors import ServerLoginRefused

    try:
        services = open_services(data_dir, key, **server)
    except ServerLoginRefused as refused:
        if not server or not sys.stdin.isatty():
            raise
        import getpass

        prompt = gettext(PASSWORD_PROMPT).format(user=refused.user, server=refused.server)
        password = getpass.getpass(prompt, stream=err)
        services = open_services(data_dir, key, password=password, **server)
    try:
        yield services
    finally:
        services.close()


def run_command(
    args: argparse.Namespace,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    language: str | None = None,
) -> int:
    """Run one subcommand against the database in args.data_dir.

    Sentences are in `language` (default: the environment's). An error with a sentence
    for the user is one line on `err` (exit 1); any other exception is our bug: its
    traceback goes to dari.log in the data folder and one line on `err` says so (exit 3).
    """
    output = console(out, language)
    _ = output.gettext
    with logging_to(args.data_dir) as log_file:
        try:
            if args.command in ("encryption", "lock-status"):
                return cli_encryption.run(args, output, err)
            if args.command == "pending" and args.action != "send":
                return _pending(args, output)  # no database is opened: the server may be away
            offline = OFFLINE_COMMANDS.get((args.command, getattr(args, "action", None)))
            server = _server_options(args, err)
            if args.command == "pending":
                return _pending_send(args, output, err, server)
            if server and (offline is not None or args.command == "backups"):
                raise _server_backups(server["database_url"])
            key = None if server else cli_encryption.session_key(args, output, err)
            if offline is not None:  # these work on a database that cannot be opened
                args.session_key = key  # an encrypted folder's backups open with its key
                return offline(args, output)
            with _open(args.data_dir, key, server, err, output.gettext) as services:
                if services.lost_saves is not None:
                    when = services.lost_saves.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                    print("dari: " + _(LOST_SAVES).format(when=when), file=err)
                if args.command in ("contacts", "lists"):
                    return CONTACT_COMMANDS[(args.command, args.action)](services, args, output)
                if args.command == "events":
                    return EVENT_COMMANDS[(args.command, args.action)](services, args, output)
                if args.command in ("keys", "bundle"):
                    return BUNDLE_COMMANDS[(args.command, args.action)](services, args, output)
                command = COMMANDS[args.command]
                if args.command == "backups":
                    command = _backups_create
                if args.command in ("glossary", "clauses"):
                    command = LIBRARY_COMMANDS[(args.command, args.action)]
                return command(services, args, output)
        except Exception as error:
            if is_known(error):  # the input or the environment: say what to do
                log.info("dari %s: %s: %s", args.command, type(error).__name__, error)
                print(f"dari: {user_message(error, _)}", file=err)
                return 1
            log.exception("bug (uncaught exception) in `dari %s`", args.command)
            if log_file is not None:
                print("dari: " + _(BUG).format(log=log_file), file=err)
            else:
                print("dari: " + _(BUG_NO_LOG), file=err)
                traceback.print_exc(file=err)
            return 3


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `dari` and `python -m desktop_app`."""
    if os.name == "posix":
        os.umask(0o077)  # whatever Dari writes (database, log, backups, exports) is the user's
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    from desktop_app.app import run_gui  # Qt only when the window is wanted

    return int(
        run_gui(
            data_dir=args.data_dir,
            smoke_test=args.smoke_test,
            database_url=args.database_url,  # the window opens that shared database
            migrate=args.migrate,
        )
    )
