"""The export log: what file went to whom, when, with which hash, and whether it was sent.

Every export (single or merged) is recorded by `DraftService.export` and
`MergeService.merge`; the window and `dari log` show the entries, filter them,
mark them sent and write them as CSV.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.letter import Recipient
from desktop_app.domain.messages import N_
from desktop_app.domain.serialize import DraftFormatError, decode_part, encode_part
from desktop_app.files import ExportError, atomic_write_bytes, remove_stale_temps
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import DariError
from desktop_app.storage.records import ExportEntryRecord, NewExportEntry

if TYPE_CHECKING:
    import builtins

    from desktop_app.services.export import ExportRequest, WrittenFile
    from desktop_app.storage import Database

# The channels a file can be sent by: the key scripts use, the label people read.
CHANNELS: dict[str, str] = {
    "email": N_("e-mail"),
    "fax": N_("fax"),
    "post": N_("post"),
    "hand": N_("by hand"),
}
_CHANNEL_ALIASES = {"e-mail": "email", "mail": "post", "by hand": "hand", "by-hand": "hand"}
# The columns of the CSV: the ones scripts rely on first, in this order.
CSV_COLUMNS = (
    "draft",
    "revision",
    "recipient",
    "file",
    "sha256",
    "exported_at",
    "sent_at",
    "channel",
    "entry",
    "version",
    "languages",
    "layout",
    "styles",
    "size",
    "note",
    "merge",
    "merge_cancelled",
    "event",
)
_log = logging.getLogger(__name__)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The note of entries recorded before their files were renamed into place; cleared once
# they all are. Still there: the export was stopped between two renames (a kill, a crash),
# and some of its files may be new while others are old.
PENDING_NOTE = "incomplete: the export stopped before all its files were in place"


@dataclass(frozen=True)
class MergeBatch:
    """Marks the entries of one mail merge: its id, how many files it was to write, and
    whether it was cancelled before the end."""

    merge_id: str
    total: int
    cancelled: bool = False


def parse_channel(text: str) -> str:
    """`email`, `fax`, `post` or `hand` from what a person typed; DariError otherwise."""
    key = text.strip().casefold()
    key = _CHANNEL_ALIASES.get(key, key)
    if key not in CHANNELS:
        raise DariError(
            N_("“{channel}” is not a way of sending; say email, fax, post or hand."),
            channel=text,
        )
    return key


def parse_date(text: str) -> date:
    """A date written 2024-04-18 (or 2024. 4. 18.); DariError otherwise."""
    cleaned = text.strip().rstrip(".")
    if "." in cleaned:
        cleaned = "-".join(part.strip().zfill(2) for part in cleaned.split("."))
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise DariError(N_("“{text}” is not a date; write it as 2024-04-18."), text=text) from None


def recipient_json(recipient: Recipient | None) -> str:
    """The recipient snapshot a log entry keeps: the draft format's Recipient, as JSON."""
    if recipient is None:
        return ""
    return json.dumps(encode_part(recipient), ensure_ascii=False, sort_keys=True)


def recipient_of(entry: ExportEntryRecord) -> Recipient | None:
    """The recipient an entry's file was made for (None for a plain export)."""
    if not entry.recipient:
        return None
    try:
        return decode_part(Recipient, json.loads(entry.recipient))
    except (DraftFormatError, ValueError):  # a snapshot is ours: shown raw if ever unreadable
        return Recipient()


def recipient_label(entry: ExportEntryRecord) -> str:
    """`조태열, 외교부 장관, 외교부 / Cho Tae-yul, Minister of Foreign Affairs, …`: who the
    file was made for, both languages; "" for a plain export."""
    recipient = recipient_of(entry)
    if recipient is None:
        return ""
    sides = []
    for lang in ("ko", "en"):
        words: list[str] = []
        for part in (recipient.name, recipient.title, recipient.organisation):
            word = " ".join(part.get(lang).split())
            if word and not any(word in earlier for earlier in words):
                words.append(word)
        sides.append(", ".join(words))
    return " / ".join(side for side in sides if side)


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet never runs as a formula (text starting `=` gets `'`)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class ExportLogService:
    """Records exports and answers what was sent to whom; no Qt, usable from any thread."""

    def __init__(self, db: Database, clock: Callable[[], datetime] | None = None) -> None:
        self._db = db
        self.clock = clock or (lambda: datetime.now(UTC))

    def record(
        self,
        draft_id: int,
        draft_version: int,
        revision_id: int | None,
        request: ExportRequest,
        written: Sequence[WrittenFile],
        recipients: Sequence[Recipient | None] | None = None,
        batch: MergeBatch | None = None,
        event_id: int | None = None,
        *,
        pending: bool = False,
    ) -> builtins.list[ExportEntryRecord]:
        """Add one entry per written file (all in one transaction).

        `recipients[i]` is the recipient file i was made for (None: a plain export);
        `event_id`: the files were exported as part of that event's set.
        `pending`: the files are not in place yet (`complete` says when they are).
        """
        entries = [
            NewExportEntry(
                draft_id=draft_id,
                draft_version=draft_version,
                revision_id=revision_id,
                languages="+".join(file.langs),
                layout=request.layout.value,
                styles=",".join(file.styles),
                recipient=recipient_json(recipients[i] if recipients else None),
                file_path=str(file.path),
                size=file.size,
                sha256=file.sha256,
                merge_id=batch.merge_id if batch else None,
                merge_total=batch.total if batch else None,
                merge_cancelled=batch.cancelled if batch else False,
                event_id=event_id,
            )
            for i, file in enumerate(written)
        ]
        if not entries:
            return []
        return self._db.exports.record(entries, note=PENDING_NOTE if pending else "")

    def complete(self, entries: Sequence[ExportEntryRecord]) -> None:
        """The pending entries' files are all in place."""
        self._db.exports.clear_note([entry.id for entry in entries], PENDING_NOTE)

    def entries(
        self,
        *,
        draft_id: int | None = None,
        sent: bool | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> builtins.list[ExportEntryRecord]:
        """The log (all drafts, or one), oldest first; `sent` True/False keeps only the
        sent/unsent entries; `since`/`until` bound the export date (inclusive, UTC)."""
        if since is not None and until is not None and since > until:
            raise DariError(
                N_("The date range starts ({since}) after it ends ({until})."),
                since=since.isoformat(),
                until=until.isoformat(),
            )
        return self._db.exports.list(draft_id=draft_id, sent=sent, since=since, until=until)

    def entry(self, entry_id: int) -> ExportEntryRecord:
        """One entry (ItemNotFound, with its sentence, when there is none)."""
        return self._db.exports.get(entry_id)

    def remove_stale_temps(self, also: Iterable[Path] = ()) -> int:
        """Remove the temporary files a killed export left (`files.remove_stale_temps`) in
        every folder the log has files in, and in `also`; returns how many. Silent and
        best effort: a folder that is gone or unreadable is skipped; the log gets counts
        only (never a name: names say who the letter is for)."""
        folders = set(self._db.exports.folders()) | {Path(folder) for folder in also}
        removed = sum(remove_stale_temps(folder) for folder in folders)
        if removed:
            _log.info("removed %d stale temporary file(s) in %d folder(s)", removed, len(folders))
        return removed

    def count_for_draft(self, draft_id: int) -> int:
        """How many log entries name the draft: the window asks about them before a purge."""
        return self._db.exports.count(draft_id)

    def mark_sent(
        self, entry_id: int, channel: str, *, sent_on: date | None = None, note: str = ""
    ) -> tuple[OpChanges, ExportEntryRecord]:
        """Say the entry's file was sent (today unless `sent_on`) by `channel`."""
        key = parse_channel(channel)
        when = sent_on or self.clock().astimezone().date()
        entry = self._db.exports.get(entry_id)
        exported = entry.exported_at.astimezone().date() if entry.exported_at else when
        if when < exported:
            raise DariError(
                N_("Entry {entry} was exported on {exported}; it cannot have been sent on {sent}."),
                entry=entry_id,
                exported=exported.isoformat(),
                sent=when.isoformat(),
            )
        if when > self.clock().astimezone().date():
            raise DariError(
                N_("{sent} is in the future; mark an entry sent once it has been sent."),
                sent=when.isoformat(),
            )
        record = self._db.exports.mark_sent(entry_id, sent_on=when, channel=key, note=note.strip())
        return OpChanges(export_log=True), record

    def mark_unsent(self, entry_id: int) -> tuple[OpChanges, ExportEntryRecord]:
        """Take back a "sent" mark."""
        return OpChanges(export_log=True), self._db.exports.mark_unsent(entry_id)

    def csv_text(self, entries: Sequence[ExportEntryRecord]) -> str:
        """The entries as CSV (CSV_COLUMNS), one row each; times in UTC, ISO 8601."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for entry in entries:
            row: dict[str, Any] = {
                "draft": entry.draft_id,
                "revision": entry.revision_id if entry.revision_id is not None else "",
                "recipient": _cell(recipient_label(entry)),
                "file": _cell(entry.file_path),
                "sha256": entry.sha256,
                "exported_at": entry.exported_at.isoformat() if entry.exported_at else "",
                "sent_at": entry.sent_on.isoformat() if entry.sent_on else "",
                "channel": entry.channel or "",
                "entry": entry.id,
                "version": entry.draft_version,
                "languages": entry.languages,
                "layout": entry.layout,
                "styles": entry.styles,
                "size": entry.size,
                "note": _cell(entry.note),
                "merge": entry.merge_id or "",
                "merge_cancelled": "yes" if entry.merge_cancelled else "",
                "event": entry.event_id if entry.event_id is not None else "",
            }
            writer.writerow([row[column] for column in CSV_COLUMNS])
        return out.getvalue()

    def export_csv(self, path: Path, entries: Sequence[ExportEntryRecord]) -> int:
        """Write the entries to a CSV file (UTF-8 with BOM: Korean Excel opens it right)."""
        try:
            atomic_write_bytes(path, self.csv_text(entries).encode("utf-8-sig"))
        except ExportError as error:
            raise DariError.saying(error) from error
        return len(entries)
