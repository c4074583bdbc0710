"""Colleagues' changes and who is editing what (issue 14), for the window; no Qt here.

`LiveService.poll()` tells what other sessions changed since the last poll: the drafts
whose version or trash state moved (or that were purged) and, when it may have changed,
who has which draft open. It reads the drafts' marks only when the database's change gate
says something was committed (SQLite's data_version, PostgreSQL's LISTEN/NOTIFY), and
once every `FULL_CHECK_S` in any case. The window calls it from a timer.

Presence: `editing(draft_id)` says which draft this session shows (one row per session,
`presence`, migration 0007: written at once, so a colleague sees "being edited by NAME since
TIME" at their next poll), `heartbeat()` keeps it fresh while the draft is being edited —
changed here within `EDITING_S` (the window calls `edited()` at each save of it) — and
writes nothing when the row was written less than `FRESH_S` ago. A draft left open and
untouched is not beaten: its row goes stale after `STALE_AFTER` and the colleague's mark goes
with it, until the next edit beats it again (at once: `edited()` says a beat is due). An
idle open draft so costs no write at all (it was one every 15 s: on SQLite a commit, so an
fsync of the WAL, that also moves every other window's change gate and makes it read the
marks and presence again; on PostgreSQL a round trip and a WAL record); HEARTBEAT_S and
STALE_AFTER are those of earlier versions, so their windows on the same server read these
rows alike. A row not beaten for `STALE_AFTER` is ignored (a window that crashed, a laptop
closed, a draft left untouched), and one older than a day is deleted. This session never
sees itself; another window of the same person does. Editor names are for the screen only:
nothing here logs them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desktop_app.storage.errors import StorageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.storage import Database
    from desktop_app.storage.live import ChangeGate, DraftMark

log = logging.getLogger(__name__)

HEARTBEAT_S = 15  # how often a window editing a draft says it is still there
STALE_AFTER = timedelta(seconds=45)  # three missed heartbeats: gone, or the draft left idle
EDITING_S = 60.0  # a draft changed here this recently is being edited: its row is beaten
FRESH_S = HEARTBEAT_S * 0.8  # a row written this recently is not written again
FORGET_AFTER = timedelta(days=1)  # rows this old are deleted, not only ignored
FULL_CHECK_S = 30.0  # the marks are read this often even when the gate says nothing


def default_editor_name() -> str:
    """How colleagues see this person: the OS user at this computer's name."""
    import getpass  # here, not at start-up: the window imports this module before it is up
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        user = ""
    host = socket.gethostname().split(".")[0]
    return f"{user}@{host}" if user else host


def merge_edits(base: Any, mine: Any, theirs: Any) -> Any | None:
    """The open draft's text with a colleague's change taken in: `base` as last saved here,
    `mine` as the form shows it now (unsaved typing), `theirs` as saved elsewhere. Merged
    per field and per paragraph as a bundle is (`bundle_merge.merge3`); None when both
    changed one place differently (the save then asks which to keep, as ever)."""
    from desktop_app.domain.serialize import DraftFormatError, from_json, to_json
    from desktop_app.services.bundle_merge import merge3

    merged = merge3(to_json(base), to_json(mine), to_json(theirs))
    if merged.conflicts:
        return None
    try:
        return from_json(merged.value)
    except DraftFormatError:  # the per-field result is no draft: ask, as ever
        return None


@dataclass(frozen=True)
class Editing:
    """Someone else who has a draft open: their name and since when (UTC)."""

    editor: str
    since: datetime


@dataclass(frozen=True)
class LiveChanges:
    """What other sessions changed since the last poll.

    `drafts`: each draft whose version or trash state moved, with its mark now (None: purged).
    `editors`: when presence may have changed, who else has which draft open (by draft id);
    None when it was not read this time (nothing to update).
    """

    drafts: Mapping[int, DraftMark | None] = field(default_factory=dict)
    editors: Mapping[int, tuple[Editing, ...]] | None = None

    def __bool__(self) -> bool:
        return bool(self.drafts) or self.editors is not None


class LiveService:
    """The drafts changed elsewhere and the presence of this session, over one Database."""

    def __init__(
        self,
        db: Database,
        editor: str | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        import uuid

        self._db = db
        self.session = uuid.uuid4().hex  # this window's row in `presence`
        self.editor = editor or default_editor_name()
        self._monotonic = monotonic
        self._gate: ChangeGate | None = None
        self._marks: dict[int, DraftMark] | None = None
        self._last_full = 0.0
        self._showing: int | None = None  # the draft this session's row names
        self._entered = False
        self._written: float | None = None  # when this session last wrote its row (monotonic)
        self._edited: float | None = None  # when the draft shown was last changed here

    # -- changes ------------------------------------------------------------------------

    def poll(self, *, full: bool = False) -> LiveChanges:
        """What changed elsewhere since the last poll (the first poll takes the baseline and
        reports presence only). `full`: read the marks whatever the gate says.

        StorageError when the database cannot be read (the next poll tries again, and
        reads everything)."""
        if not self._usable:
            self.release()
            return LiveChanges()
        now = self._monotonic()
        if self._gate is not None and self._gate.closed:
            self._gate = None  # its file was replaced (a backup restored): a new one
        if self._gate is None:
            try:
                self._gate = self._db.change_gate()
            except StorageError:
                log.info("live updates: the database cannot be watched now")
                raise
            full = True
        else:
            try:
                full = self._gate.changed() or full
            except StorageError:
                self.release()
                raise
        if not full and now - self._last_full < FULL_CHECK_S:
            return LiveChanges()
        self._last_full = now
        marks = self._db.live.marks()
        old, self._marks = self._marks, marks
        changed: dict[int, DraftMark | None] = {}
        if old is not None:
            for draft_id in old.keys() | marks.keys():
                if old.get(draft_id) != marks.get(draft_id):
                    changed[draft_id] = marks.get(draft_id)
        return LiveChanges(changed, self.editors())

    @property
    def _usable(self) -> bool:
        return not (self._db.closed or self._db.locked)

    # -- presence -----------------------------------------------------------------------

    def rename(self, editor: str | None) -> None:
        """How colleagues see this person from now on ("" or None: `default_editor_name`);
        the presence row follows at the next `editing` call."""
        name = " ".join((editor or "").split()) or default_editor_name()
        if name != self.editor:
            self.editor = name
            self._entered = False  # written again with the new name

    def editing(self, draft_id: int | None) -> None:
        """This session now shows `draft_id` (None: no draft). Writes only when it changed."""
        if draft_id == self._showing and (self._entered or draft_id is None):
            return
        if not self._usable:
            return
        if draft_id != self._showing:
            self._edited = None  # another draft: not edited here yet
        if draft_id is None:
            self._db.live.leave(self.session)
            self._showing, self._entered = None, False
            return
        now = self._db.live.now()
        self._db.live.forget_older_than(now - FORGET_AFTER)
        self._db.live.enter(self.session, draft_id, self.editor, now)
        self._showing, self._entered = draft_id, True
        self._written = self._monotonic()

    def edited(self) -> bool:
        """The draft this session shows was just changed here (the window calls this at each
        save of it): it is being edited for the next `EDITING_S`. No database is touched.
        True when its row should be beaten now (not written for HEARTBEAT_S: the person
        comes back to it after a pause, and colleagues see so at once)."""
        now = self._monotonic()
        self._edited = now
        return (
            self._showing is not None
            and self._entered
            and (self._written is None or now - self._written >= HEARTBEAT_S)
        )

    def heartbeat(self) -> bool:
        """Say that this session is still editing its draft (its row would be ignored after
        STALE_AFTER). Writes only while the draft is being edited (`edited()` within
        EDITING_S) and the row was not written within FRESH_S; True when it wrote."""
        if self._showing is None or not self._usable:
            return False
        now = self._monotonic()
        if self._edited is None or now - self._edited > EDITING_S:
            return False  # left untouched: the row goes stale by itself
        if self._written is not None and now - self._written < FRESH_S:
            return False  # fresh, and nothing more to say
        if not self._db.live.beat(self.session, self._db.live.now()):
            self._entered = False  # the row was deleted meanwhile: enter again
            self.editing(self._showing)
            return True
        self._written = now
        return True

    def editors(self) -> dict[int, tuple[Editing, ...]]:
        """Who else has each draft open (fresh rows of other sessions), oldest first."""
        if not self._usable:
            return {}
        fresh_after = self._db.live.now() - STALE_AFTER
        by_draft: dict[int, list[Editing]] = {}
        for row in self._db.live.present(fresh_after=fresh_after):
            if row.session != self.session:
                by_draft.setdefault(row.draft_id, []).append(Editing(row.editor, row.since))
        return {draft_id: tuple(rows) for draft_id, rows in by_draft.items()}

    # -- lifetime -----------------------------------------------------------------------

    def release(self) -> None:
        """Give back the gate's connection (before the database is locked or closed); the
        next poll opens a new one and reads everything."""
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.close()

    def close(self) -> None:
        """This session is going away: its presence row goes, and the gate's connection."""
        if self._entered and self._usable:
            try:
                self._db.live.leave(self.session)
            except StorageError:  # a server gone away: the row goes stale by itself
                log.info("live updates: the presence row could not be removed")
        self._showing, self._entered = None, False
        self.release()
