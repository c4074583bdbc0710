"""Autosave: the open draft is written at most ~1.5 s after a change, and whenever asked.

Two single-shot timers: one restarts on every change (saves after a pause),
one does not (saves during long typing). Conflicts with another writer are
the person's choice (`ask_conflict_choice`, which no typed key answers), never a
silent overwrite; a storage error is a sentence in the window's message bar (not
a modal box), the text stays, and the next save retries.

A shared database that cannot be reached is different (issue 14): the text is kept on
this computer (`services/pending.py`), `offline` is set, and until the window's
`OfflineKeeper` (gui/window/offline.py) finds the server again every save writes that
local copy instead of waiting on the network.

No save on a shared database waits for the network on the UI thread (issue 14): a timed
save, Ctrl+S, a status chosen and a focus leaving the form ask the server off the UI thread
first (`save_soon`), the typing going on meanwhile; a save the caller must wait for —
leaving the draft, closing, an export, a dialog that reads the server — asks the same way
(`flush`, `server_answers`) while the event loop keeps turning (the window repaints and its
timers run; keys and clicks wait in Qt's queue until the answer, so none is lost and none
starts a second save), bounded by `WAIT_MS`. A server that does not answer: the text is
kept on this computer and the caller goes on.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.gui import errors
from desktop_app.gui.merge.worker import CallWorker
from desktop_app.gui.window import conflict
from desktop_app.services import (
    ConflictChoice,
    ConflictError,
    DariError,
    DraftService,
    ExportError,
    LoadedDraft,
    StorageError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.pending import PendingEdits

log = logging.getLogger(__name__)

IDLE_MS = 1000  # after the last change
MAX_AGE_MS = 1500  # after the first unsaved change, even while typing goes on
RETRY_MS = 5000  # after a failed save
REVISION_EVERY_S = 5 * 60  # a revision per five minutes of editing
HOLD_MAX_S = 5.0  # the longest a timed save waits for `hold` (then it saves, and may ask)
LEFT_AFTER_EDITING = "left after editing"  # the revision kept when an edited draft is left
FAST_MS = 50  # a server answering at once is waited for without turning the event loop
WAIT_MS = 6000  # at most this long for a direct save's question (the driver's timeout is 5 s)


def finish_turning(worker: CallWorker) -> None:
    """Wait for a worker to end (closing: no thread outlives the window) with the event loop
    turning, user input left queued: a question to a silent server ends at the driver's
    timeout, and the window repaints until then."""
    while not worker.wait(FAST_MS):
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        QTimer.singleShot(FAST_MS, loop, loop.quit)  # also when finished came before exec
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def ask_conflict_choice(parent: QWidget | None, ui: UiLanguage) -> ConflictChoice:
    """Ask the person; the only place that asks (tests replace this function). No typed
    key answers it (`conflict.ConflictDialog`)."""
    return conflict.ask(parent, ui)


class Autosaver(QObject):
    """Writes the open draft's document to the database; knows its id and version."""

    saved = Signal(object)  # LoadedDraft
    save_failed = Signal(str)  # a sentence for the status bar
    replaced = Signal(object, object)  # (their LoadedDraft, the copy of mine) after a conflict
    kept_offline = Signal()  # the shared database is unreachable; the text is kept locally
    waiting = Signal(bool)  # True while a direct save waits for the server's answer
    saved_now = Signal(bool)  # a save asked by save_soon ended: True when nothing is unsaved

    def __init__(
        self,
        service: DraftService | None,
        ui: UiLanguage,
        parent: QWidget,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.service = service  # None until the window has opened the database
        self.ui = ui
        self.parent_widget = parent
        self.clock = clock
        self.draft_id = 0
        self.version = 0
        self.document: Any = None
        self.dirty = False
        self.failing = False
        self._status: str | None = None
        self._saving = False
        self._editing_since: float | None = None  # the first edit not yet in a revision
        # A shared database's local copies (None for a database file): while `offline`, a
        # save writes the open draft's text there; `kept_locally` while that copy holds the
        # text shown (so leaving or quitting loses nothing).
        self.pending: PendingEdits | None = None
        self.offline = False
        self.kept_locally = False
        self.idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self.max_age = QTimer(self, singleShot=True, interval=MAX_AGE_MS)
        self.retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        for timer in (self.idle, self.max_age, self.retry):
            timer.timeout.connect(self._timed_save)
        self._check: CallWorker | None = None  # a shared database asked before a save
        # What save_soon asked for while a check is under way: (revision reason, force,
        # whether the caller wants saved_now); one save at its end, of the newest text.
        self._asked: tuple[str | None, bool, bool] | None = None
        self._check_done = threading.Event()  # the current check's call has ended
        self._waiting = False  # a direct save waits for the server (the event loop turns)
        # True while a timed save should wait a little: a colleague's change waits for a
        # Korean syllable being composed (gui/window/live.py), and saving first would only
        # ask the conflict question the merge after the syllable avoids. At most HOLD_MAX_S.
        self.hold: Callable[[], bool] | None = None
        self._held_since: float | None = None

    def start(self, loaded: LoadedDraft) -> None:
        """Follow a freshly loaded draft (after flushing the previous one)."""
        self._stop_timers()
        self.draft_id, self.version, self.document = loaded.id, loaded.version, loaded.document
        self.dirty = self.failing = self.kept_locally = False
        self._status = None
        self._editing_since = None
        self._asked = None  # a save asked for the draft shown before (leave() did it)

    def adopt(self, loaded: LoadedDraft, document: Any) -> None:
        """A change saved elsewhere was taken into the open draft (gui/window/live.py):
        follow its version. `document` is what the form shows now — theirs, or theirs with
        the typing not saved yet merged in; only what differs from theirs is left to save,
        so nothing is written back for the change itself."""
        self.version = loaded.version
        self.document = document
        self.dirty = document != loaded.document
        if not self.dirty:
            self._stop_timers()

    def stop(self) -> None:
        """No draft is open any more."""
        self._stop_timers()
        self.draft_id, self.document, self.dirty = 0, None, False
        self.kept_locally = False
        self._asked = None
        self._editing_since = None

    def changed(self, document: Any) -> None:
        """The document was edited: save soon."""
        if not self.draft_id:
            return
        self.document = document
        self.dirty = True
        if self._editing_since is None:
            self._editing_since = self.clock()
        self.idle.start()
        if not self.max_age.isActive():
            self.max_age.start()

    def set_status(self, status: str) -> None:
        """Change the draft's status (draft, ready, sent) and save now (on a shared database
        once the server has answered, off the UI thread)."""
        self._status = status
        self.save_soon(force=True)

    def leave(self) -> bool:
        """The draft is being left: save, with a revision if it was edited since the last one.
        True also when the shared database is away and the text is kept on this computer."""
        saved = self.flush(revision_reason=LEFT_AFTER_EDITING if self.edited else None)
        return saved or self.kept_locally

    @property
    def edited(self) -> bool:
        """True when the draft was edited since its last revision (or since it was opened)."""
        return self._editing_since is not None

    def flush(
        self, revision_reason: str | None = None, force: bool = False, *, asked: bool = False
    ) -> bool:
        """Save now if anything is unsaved (or `force`); True when nothing is left unsaved.

        Five minutes after the first edit not yet kept in a revision, the save
        keeps one ("autosaved"), so long editing leaves a revision every few minutes.
        On a shared database the server is asked first without holding the window
        (`server_answers`; `asked`: the caller has just had its answer); when it does not
        answer, the text is kept on this computer.
        """
        if not self.draft_id or self._saving or not (self.dirty or force or revision_reason):
            return not self.dirty
        if self._waiting:  # a save waiting for the server already: that one saves the text
            return False
        if not asked and not self.server_answers() and not self.dirty and not force:
            return True  # only a revision of what the server has: nothing to keep
        return self._flush_now(revision_reason, force)

    def _flush_now(self, revision_reason: str | None = None, force: bool = False) -> bool:
        """The save itself, on the UI thread (the server answered just now, or this is a
        database file, or the server is away and the text goes to the local copy)."""
        if not self.draft_id or self._saving or not (self.dirty or force or revision_reason):
            return not self.dirty
        self._stop_timers()
        since = self._editing_since
        if (
            revision_reason is None
            and since is not None
            and self.clock() - since >= REVISION_EVERY_S
        ):
            revision_reason = "autosaved"
        document = self.document
        unsaved = self.dirty or force  # False: only a revision of what is saved already
        if self.offline and self.pending is not None:  # no network wait while it is away
            if not unsaved:  # only a revision of what the server has: nothing to keep
                return True
            self._keep(document, revision_reason)
            return False
        self._saving = True
        try:
            loaded = self._save(document, revision_reason, unsaved)
        except (StorageError, DariError) as error:
            if self.pending is not None and self.pending.is_unreachable(error):
                log.warning("the shared database is unreachable: %s", error)
                self.offline = True
                if not unsaved:
                    return True
                self._keep(document, revision_reason)
            else:
                self._failed(error)
            return False
        finally:
            self._saving = False
        self._sent()
        if loaded is None:  # theirs is open, a copy of mine exists; or nothing was unsaved
            return True
        if revision_reason:
            self._editing_since = None if self.document is document else self.clock()
        self.version = loaded.version
        self._status = None
        self.failing = False
        if self.document is document:
            self.dirty = False
        self.saved.emit(loaded)
        return not self.dirty

    def _save(self, document: Any, reason: str | None, unsaved: bool = True) -> LoadedDraft | None:
        service = self.service
        assert service is not None, "a draft is open only once the database is"
        try:
            return service.save(
                self.draft_id,
                document,
                expected_version=self.version,
                revision_reason=reason,
                status=self._status,
            )
        except ConflictError:
            log.info("draft %s was changed elsewhere", self.draft_id)
            if not unsaved:
                # Only the revision of leaving: every word typed here is saved, and whoever
                # saved after it had it (or kept it as a revision). No question, and nothing
                # written over the newer text (a colleague's, on a shared database).
                return None
            choice = ask_conflict_choice(self.parent_widget, self.ui)
        resolved = service.resolve_conflict(
            self.draft_id, document, choice, revision_reason=reason, status=self._status
        )
        if resolved.copy is None:  # mine went over theirs, which stays in the revisions
            loaded: LoadedDraft = resolved.saved
            return loaded
        self.dirty = False
        self.replaced.emit(resolved.saved, resolved.copy)
        return None

    def _timed_save(self) -> None:
        """A timer's save (`save_soon`), unless `hold` asks it to wait a little."""
        if self.hold is not None and self.dirty and self.hold():
            if self._held_since is None:
                self._held_since = self.clock()
            if self.clock() - self._held_since < HOLD_MAX_S:
                self.idle.start()  # again after a pause
                return
        self._held_since = None
        self.save_soon()

    def save_soon(
        self, revision_reason: str | None = None, force: bool = False, *, wanted: bool = False
    ) -> None:
        """Save without holding the window: a database file (or a server known away: the
        local copy) at once; a shared database once the server has answered a question
        asked off the UI thread — an address gone silent (a laptop off the office's
        network) holds no keystroke for the driver's timeout. Asked again while the
        question is under way, the asks are merged: one save, of the newest text, at its
        end. `wanted`: `saved_now` says how it ended (Ctrl+S says "Saved")."""
        if self.pending is None or self.offline:
            done = self._flush_now(revision_reason, force)
            if wanted:
                self.saved_now.emit(done)
            return
        if not self.draft_id or not (self.dirty or force or revision_reason):
            if wanted:
                self.saved_now.emit(not self.dirty)
            return
        if self._asked is not None:
            reason, was_forced, was_wanted = self._asked
            revision_reason = revision_reason or reason
            force, wanted = force or was_forced, wanted or was_wanted
        self._asked = (revision_reason, force, wanted)
        self._stop_timers()  # the save at the check's end takes what they would save
        if self._check is None:
            self._start_check()

    def _start_check(self) -> CallWorker:
        pending = self.pending
        assert pending is not None
        done = self._check_done = threading.Event()  # set as the call ends (off the UI thread)

        def ask() -> bool:
            try:
                return pending.reachable()
            finally:
                done.set()

        worker = CallWorker(ask, self)
        self._check = worker
        worker.finished.connect(lambda: self._checked(worker))
        worker.start()
        return worker

    def _checked(self, worker: CallWorker) -> None:
        """A check ended (UI thread): note the answer, then the save asked meanwhile."""
        if worker is not self._check:  # handled already (server_answers, settle)
            return
        self._check = None
        worker.wait()
        worker.deleteLater()
        if worker.result is not True and worker.error is None:
            self._away()
        asked, self._asked = self._asked, None
        if asked is None:
            return
        reason, force, wanted = asked
        done = self._flush_now(reason, force)  # offline: the local copy; else the save
        if wanted:
            self.saved_now.emit(done)
        if self.dirty and not self._saving:
            self.idle.start()  # typed after the save began: saved after a pause, as ever

    def server_answers(self) -> bool:
        """On a shared database: ask the server off the UI thread and wait for the answer
        (at most `WAIT_MS`) with the event loop turning — the window repaints, its timers
        run, keys and clicks stay queued until the answer (nothing typed is lost, nothing
        starts a second save). False when it does not answer (the text is then kept here,
        and `kept_offline` says so). True at once for a database file."""
        if self.pending is None:
            return True
        if self.offline:
            return False
        worker = self._check or self._start_check()
        done = self._check_done
        if not worker.wait(FAST_MS):
            self._wait_turning(worker)
        if done.is_set():
            self._checked(worker)  # also the save a Ctrl+S asked meanwhile
        else:
            log.warning("the shared database does not answer in time; the text is kept here")
            self._away()  # the check ends by itself (its connect timeout); settle waits
        return not self.offline

    def _wait_turning(self, worker: CallWorker) -> None:
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        QTimer.singleShot(WAIT_MS, loop, loop.quit)
        self._waiting = True
        self.waiting.emit(True)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            if not self._check_done.is_set():
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            QApplication.restoreOverrideCursor()
            self._waiting = False
            self.waiting.emit(False)

    def _away(self) -> None:
        """The server did not answer: from now on saves keep the text here."""
        if not self.offline:
            log.warning("the shared database does not answer; the text is kept here")
        self.offline = True
        self.kept_offline.emit()

    @property
    def is_waiting(self) -> bool:
        """True while a direct save waits for the server's answer (`server_answers`)."""
        return self._waiting

    @property
    def busy(self) -> bool:
        """True while a question to the server (and the save after it) is under way."""
        return self._check is not None or self._waiting or self._saving

    def settle(self) -> None:
        """Wait for a check under way (the window is closing): no thread outlives it. The
        window repaints meanwhile (`finish_turning`); the save it was for is done after it
        (the local copy when it found the server away)."""
        while self._check is not None:
            worker = self._check
            finish_turning(worker)
            self._checked(worker)

    def _keep(self, document: Any, reason: str | None) -> None:
        """Write the text to this computer's pending copy (the server is away)."""
        assert self.pending is not None
        try:
            self.pending.keep(
                self.draft_id,
                self.version,
                document,
                status=self._status,
                revision_reason=reason,
            )
        except (ExportError, DariError) as error:  # the data folder refused it too
            self.kept_locally = False
            self._failed(error)
            return
        self.kept_locally = self.document is document
        self.failing = True
        self.kept_offline.emit()

    def _sent(self) -> None:
        """A save reached the database: the copy this draft's editing kept here is not needed
        any more. A kept copy of another origin (an earlier session's, not shown in the
        editor) stays, for the OfflineKeeper to send against its own base version."""
        self.offline = False
        if self.pending is not None and self.kept_locally:
            self.pending.discard(self.draft_id)
        self.kept_locally = False

    def _failed(self, error: Exception) -> None:
        log.warning("saving draft %s failed: %s", self.draft_id, error)
        self.retry.start()
        self.failing = True
        # A sentence for the window's message bar, never a modal box: a save fails while
        # the person types, and a box would take the keystrokes (issue 13).
        self.save_failed.emit(errors.sentence(error, self.ui))

    def _stop_timers(self) -> None:
        for timer in (self.idle, self.max_age, self.retry):
            timer.stop()
