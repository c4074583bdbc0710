"""`dari events …`: events (the documents of one occasion) on the command line.

Kept apart from cli.py, as cli_contacts.py is; cli.py adds these parsers and dispatches
to EVENT_COMMANDS. What scripts read (ids, paths, tab-separated lines) is not
translated; sentences are.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.compose import PRESETS, DateStyle, Layout
from desktop_app.domain import BilingualText

if TYPE_CHECKING:
    from desktop_app.cli import Console
    from desktop_app.services import Services
    from desktop_app.storage import DraftSummary, EventRecord

EventCommand = Callable[["Services", argparse.Namespace, "Console"], int]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-04-18") from None


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in text)


def _bilingual(text: str | None, english: str | None) -> BilingualText:
    """TEXT goes to the Korean side when it holds Hangul (or an English text is given),
    else to the English side."""
    text = text or ""
    if english is not None or _has_hangul(text):
        return BilingualText(text, english or "")
    return BilingualText("", text)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `events` command and its actions."""
    events = sub.add_parser("events", help="events: the documents of one occasion as one set")
    actions = events.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("create", help="a new event; prints its id")
    p.add_argument("title", help="the title (Korean, or English when it has no Hangul)")
    p.add_argument("--title-en", metavar="TEXT", help="the English title beside a Korean one")
    p.add_argument("--date", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--place", metavar="TEXT", help="where (Korean, or English)")
    p.add_argument("--place-en", metavar="TEXT", help="the English place beside a Korean one")
    actions.add_parser("list", help="every event, one a line, its id first")
    p = actions.add_parser("add", help="add drafts to an event's set (a draft is in one event)")
    p.add_argument("event", type=int, metavar="EVENT_ID")
    p.add_argument("drafts", type=int, nargs="+", metavar="DRAFT_ID")
    p = actions.add_parser("remove", help="take drafts out of an event's set (they stay)")
    p.add_argument("event", type=int, metavar="EVENT_ID")
    p.add_argument("drafts", type=int, nargs="+", metavar="DRAFT_ID")
    p = actions.add_parser("show", help="an event and its documents with their translation")
    p.add_argument("event", type=int, metavar="EVENT_ID")
    p = actions.add_parser("delete", help="delete an event (its drafts stay)")
    p.add_argument("event", type=int, metavar="EVENT_ID")
    p = actions.add_parser("export", help="write every document of the event into one folder")
    p.add_argument("event", type=int, metavar="EVENT_ID")
    # The same choices as `dari export` (a format option goes in both places).
    p.add_argument("--lang", choices=["ko", "en", "both"], default="both")
    p.add_argument("--layout", choices=[layout.value for layout in Layout], default="separate")
    p.add_argument(
        "--style",
        action="append",
        choices=sorted(PRESETS),
        default=[],
        help="style preset, one per language; a style of another kind of document gives "
        "way to that kind's default",
    )
    p.add_argument("--date-style", choices=[s.value for s in DateStyle], default=None)
    p.add_argument("--out", type=Path, required=True, metavar="FOLDER")
    p.add_argument(
        "--fill-enclosures",
        action="store_true",
        help="first list the other documents' files as each letter's enclosures (붙임)",
    )
    from desktop_app.cli import add_output_options  # cli.py imports this module first

    add_output_options(p)  # --format docx|pdf|both --pdfa --overwrite --libreoffice PATH


def _both(ko: str, en: str) -> str:
    return " / ".join(t for t in (ko.strip(), en.strip()) if t) or "—"


def _percent(value: int) -> str:
    return "—" if value < 0 else f"{value}%"


def status_text(summary: DraftSummary, out: Console) -> str:
    """The draft list's translation status: `KO 100% · EN 80% ⚠ 2`."""
    text = out.gettext("KO {ko} · EN {en}").format(
        ko=_percent(summary.ko_complete), en=_percent(summary.en_complete)
    )
    return text + (f" ⚠ {summary.warnings}" if summary.warnings > 0 else "")


def _line(event: EventRecord) -> str:
    when = event.date.isoformat() if event.date else "-"
    return (
        f"{event.id}\t{when}\t{len(event.draft_ids)}\t{_both(event.title_ko, event.title_en)}\t"
        f"{_both(event.place_ko, event.place_en)}"
    )


def _create(services: Services, args: argparse.Namespace, out: Console) -> int:
    _changes, event = services.events.create(
        _bilingual(args.title, args.title_en),
        when=args.date,
        place=_bilingual(args.place, args.place_en),
    )
    out.print(event.id)
    return 0


def _list(services: Services, args: argparse.Namespace, out: Console) -> int:
    for event in services.events.list():
        out.print(_line(event))
    return 0


def _add(services: Services, args: argparse.Namespace, out: Console) -> int:
    _changes, event = services.events.add(args.event, args.drafts)
    count = len(event.draft_ids)
    text = out.ngettext(
        "Event {number} has {count} document.", "Event {number} has {count} documents.", count
    )
    out.print(text.format(number=event.id, count=count))
    return 0


def _remove(services: Services, args: argparse.Namespace, out: Console) -> int:
    _changes, event = services.events.remove(args.event, args.drafts)
    count = len(event.draft_ids)
    text = out.ngettext(
        "Event {number} has {count} document.", "Event {number} has {count} documents.", count
    )
    out.print(text.format(number=event.id, count=count))
    return 0


def _show(services: Services, args: argparse.Namespace, out: Console) -> int:
    view = services.events.show(args.event)
    out.print(_line(view.event))
    for document in view.documents:
        s = document.summary
        title = s.title_ko or s.title_en or out.gettext("(untitled)")
        out.print(f"{s.id}\t{s.kind}\t{status_text(s, out)}\t{title}")
    return 0


def _delete(services: Services, args: argparse.Namespace, out: Console) -> int:
    services.events.delete(args.event)
    out.print(out.gettext("Event {number} is deleted; its drafts stay.").format(number=args.event))
    return 0


def _export(services: Services, args: argparse.Namespace, out: Console) -> int:
    from desktop_app.cli import _export_request, _print_outcome  # as `dari export` does

    services.log.remove_stale_temps([args.out])  # left by an export that was killed
    outcome = services.events.export_set(
        args.event,
        _export_request(args),
        args.out,
        overwrite=args.overwrite,
        fill_enclosures=args.fill_enclosures,
    )
    for draft_id in outcome.filled:
        text = out.gettext("Draft {number}: enclosures filled from the set.")
        print(text.format(number=draft_id), file=sys.stderr)  # stdout: the paths only
    _print_outcome(outcome.paths, outcome.notices, out)
    return 0


EVENT_COMMANDS: dict[tuple[str, str], EventCommand] = {
    ("events", "create"): _create,
    ("events", "list"): _list,
    ("events", "add"): _add,
    ("events", "remove"): _remove,
    ("events", "show"): _show,
    ("events", "delete"): _delete,
    ("events", "export"): _export,
}
