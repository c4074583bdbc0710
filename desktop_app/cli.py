"""The command line: the same services as the window, for scripts, tests and the impatient.

Exit status 0 on success; 1 with a one-line reason on stderr when the input or
the environment is at fault; 2 for a usage error (argparse); 3 for a bug.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from desktop_app import APP_NAME, __version__
from desktop_app.compose import PRESETS, ComposeOptions, DateStyle, Layout, compose, format_date
from desktop_app.domain import Lang, check, describe
from desktop_app.domain.checks import describe_category, describe_window
from desktop_app.domain.glossary import describe_term_finding
from desktop_app.domain.upr import UprBrief
from desktop_app.domain.upr_checks import action_category, question_window
from desktop_app.services import (
    DariError,
    ExportRequest,
    Services,
    StorageError,
    export_omissions,
    services_for,
)

log = logging.getLogger(__name__)

Command = Callable[[Services, argparse.Namespace, TextIO], int]


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
        "--smoke-test",
        action="store_true",
        help="start the window with a temporary data folder, export the sample, quit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import a JSON draft; prints the new draft's id")
    p.add_argument("file", type=Path)

    p = sub.add_parser("export", help="export a draft to .docx")
    p.add_argument("id", type=int)
    p.add_argument("--lang", choices=["ko", "en", "both"], default="both")
    p.add_argument("--layout", choices=[layout.value for layout in Layout], default="separate")
    p.add_argument(
        "--style",
        action="append",
        choices=sorted(PRESETS),
        default=[],
        help="style preset, one per language (letters: ko-letter, ko-official, en-letter; "
        "UPR briefs: upr-brief-ko, upr-brief-en, upr-ohchr-ko, upr-ohchr-en)",
    )
    p.add_argument(
        "--date-style",
        choices=[s.value for s in DateStyle],
        default="un",
        help="English dates: un (18 April 2024) or us (April 18, 2024)",
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        help="a folder (files get readable names) or a file name when one file results",
    )

    p = sub.add_parser("export-json", help="print a draft in the JSON draft format")
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")

    p = sub.add_parser("list", help="list drafts, newest first")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--trash", action="store_true", help="list the trash instead")

    for name, text in (
        ("show", "show a draft as text"),
        ("trash", "move a draft to the trash (restore it with `dari restore ID`)"),
        ("restore", "take a draft out of the trash"),
        ("purge", "delete a draft and all its revisions for good"),
    ):
        sub.add_parser(name, help=text).add_argument("id", type=int)
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
    return parser


def _import(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    print(service.import_file(args.file).id, file=out)
    return 0


def _export(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    styles: dict[Lang, str] = {}
    for key in args.style:
        styles["ko" if PRESETS[key].lang == "ko" else "en"] = key
    request = ExportRequest(
        languages=args.lang,
        layout=Layout(args.layout),
        styles=styles,
        options=ComposeOptions(date_style=DateStyle(args.date_style)),
    )
    for path in service.export(args.id, request, args.out):
        print(path, file=out)
    return 0


def _export_json(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    text = json.dumps(service.export_json(args.id), ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        out.write(text)
        return 0
    from desktop_app.files import ExportError, atomic_write_bytes

    try:
        atomic_write_bytes(args.out, text.encode("utf-8"))
    except ExportError as error:
        raise DariError(str(error)) from error
    print(args.out, file=out)
    return 0


def _list(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    for d in service.list(args.search, trashed=args.trash):
        title = d.title_ko or d.title_en or "(untitled)"
        when = d.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{d.id}\t{d.kind}\t{d.status}\t{when}\t{title}", file=out)
    return 0


def _show(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    loaded = service.load(args.id)
    r = loaded.record
    print(f"Draft {r.id} · {r.kind} · {r.status} · version {r.version}", file=out)
    for lang in ("ko", "en"):
        print(f"\n--- {lang} ---", file=out)
        print(compose(loaded.document, lang).plain_text(), file=out)
    return 0


def _revisions(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    if args.restore is not None:
        version = service.version(args.id)
        _changes, loaded = service.restore_revision(args.id, args.restore, expected_version=version)
        print(
            f"Draft {args.id} now holds the text of revision {args.restore} "
            f"(version {loaded.version}).",
            file=out,
        )
        return 0
    for rev in service.revisions(args.id):
        when = rev.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{rev.id}\t{when}\tv{rev.draft_version}\t{rev.reason}", file=out)
    return 0


def _trash(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    services.drafts.trash(args.id)
    print(f"Draft {args.id} is in the trash; `dari restore {args.id}` takes it out.", file=out)
    return 0


def _restore(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    services.drafts.restore(args.id)
    print(f"Draft {args.id} is out of the trash.", file=out)
    return 0


def _purge(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    services.drafts.purge(args.id)
    print(f"Draft {args.id} and its revisions are deleted for good.", file=out)
    return 0


def _check(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    service = services.drafts
    document = service.load(args.id).document
    findings = check(document)
    for finding in findings:
        print(describe(finding), file=out)
    styles: dict[Lang, str] = {}
    for key in args.style:
        styles["ko" if PRESETS[key].lang == "ko" else "en"] = key
    left_out = export_omissions(document, ExportRequest(styles=styles))
    for omission in left_out:
        print(omission.describe(), file=out)
    terms = services.glossary.check(document)
    for item in terms:
        print(describe_term_finding(item), file=out)
    if not findings and not terms and not left_out:
        print("Nothing is missing.", file=out)
    if isinstance(document, UprBrief):
        if document.review_date is not None:
            window = question_window(document.review_date, date.today())
            print(describe_window(window, lambda d: format_date(d, "en")), file=out)
        for n, recommendation in enumerate(document.recommendations, start=1):
            category = action_category(recommendation.text.en)
            print(f"R{n}: {describe_category(category)}", file=out)
    return 0


def _glossary_import(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    added, updated = services.glossary.import_file(args.file, replace=args.replace)
    print(f"{added} terms added, {updated} updated.", file=out)
    return 0


def _glossary_export(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    count = services.glossary.export_file(args.file)
    print(f"{count} terms written to {args.file}.", file=out)
    return 0


def _clauses_import(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    print(f"{services.clauses.import_file(args.file)} clauses added.", file=out)
    return 0


def _clauses_export(services: Services, args: argparse.Namespace, out: TextIO) -> int:
    count = services.clauses.export_file(args.file)
    print(f"{count} clauses written to {args.file}.", file=out)
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
    "export": _export,
    "export-json": _export_json,
    "list": _list,
    "show": _show,
    "revisions": _revisions,
    "check": _check,
    "trash": _trash,
    "restore": _restore,
    "purge": _purge,
}


def run_command(
    args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Run one subcommand against the database in args.data_dir; errors become one line."""
    try:
        with services_for(args.data_dir) as services:
            command = COMMANDS[args.command]
            if args.command in ("glossary", "clauses"):
                command = LIBRARY_COMMANDS[(args.command, args.action)]
            return command(services, args, out)
    except (DariError, StorageError) as error:
        print(f"dari: {error}", file=err)
        return 1
    except Exception as error:  # our bug: say so, keep the traceback in the log
        log.exception("unexpected error in %s", args.command)
        print(f"dari: internal error (a bug in Dari, please report it): {error!r}", file=err)
        return 3


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `dari` and `python -m desktop_app`."""
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    from desktop_app.app import run_gui  # Qt only when the window is wanted

    return int(run_gui(data_dir=args.data_dir, smoke_test=args.smoke_test))
