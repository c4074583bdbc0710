"""Colleagues' changes reach the window, and who else is editing what (issue 14).

A timer polls `services.live` every `POLL_MS` (cheap: the services read the drafts only
when the database's change gate moved): the draft list is listed again when a change it
does not show yet arrived (after the pointer leaves it, as for one's own saves); the open
draft, changed elsewhere, takes the change in as one undoable step (`MainWindow.take_in`:
only the editors whose text differs change, and only in the span that differs, so the
caret, the selection and the scroll stay; nothing is saved back). Typing not saved yet is
merged with it per field and per paragraph (`services.live.merge_edits`); where both
changed one place, a note in the message bar says so and the next save asks the
save-conflict question (never a lost update). While an input method composes a syllable
in the form (`widgets/text_edits.Composition`), the change waits until it is committed.
Another timer beats this window's presence row every `HEARTBEAT_S` while the open draft is
being edited (each save tells `services.live.edited()`; the service writes nothing for a
draft left untouched). "Being edited by NAME since TIME" is shown in the status bar for the
open draft and as a mark (✎) on the list's rows. Names are never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import isValid

from desktop_app.gui.merge.worker import CallWorker
from desktop_app.gui.widgets.text_edits import composition
from desktop_app.services import OpChanges, StorageError
from desktop_app.services.live import HEARTBEAT_S, LiveChanges, merge_edits

if TYPE_CHECKING:
    from desktop_app.gui.window.main_window import MainWindow
    from desktop_app.services import DraftMark, Editing, LoadedDraft

log = logging.getLogger(__name__)

POLL_MS = 1000
HEARTBEAT_MS = HEARTBEAT_S * 1000
NOTE = "changed_elsewhere"  # the message bar's kind for the note
PRESENCE_STYLE = "QLabel { color: #6a4a00; font-weight: 600; }"


class LiveUpdates(QObject):
    """Polls for colleagues' changes and presence; applies them to the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.poll_timer = QTimer(self, interval=POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.beat_timer = QTimer(self, interval=HEARTBEAT_MS)
        self.beat_timer.timeout.connect(self.beat)
        self.presence = QLabel(window)  # "Being edited by … since …", for the open draft
        self.presence.setObjectName("presence")
        self.presence.setStyleSheet(PRESENCE_STYLE)
        self.presence.hide()
        window.statusBar().addWidget(self.presence)
        self.editors: Mapping[int, tuple[Editing, ...]] = {}
        self._note_draft = 0  # the draft the message bar's note is about
        self._failing = False  # the last poll failed (said once in the log)
        self._worker: CallWorker | None = None  # a look at a shared database under way
        self._held: LiveChanges | None = None  # found while applying had to wait
        self._beat_due = False  # a heartbeat for the next look (shared database)
        # the open draft's change, waiting for a syllable being composed to be committed
        self._deferred: tuple[int, DraftMark | None] | None = None
        # the open draft as a look off the UI thread read it, changed elsewhere: taken in
        # without asking the server again on the UI thread (it may have gone silent since)
        self._fetched: LoadedDraft | None = None
        composition().ended.connect(self._composed)
        window.autosaver.hold = lambda: self._deferred is not None
        window.autosaver.saved.connect(lambda _loaded: self._dismiss_note())
        window.autosaver.saved.connect(lambda _loaded: self._edited())
        window.autosaver.replaced.connect(lambda _theirs, _copy: self._dismiss_note())
        window.ui.changed.connect(lambda _language: self._retranslate())

    def start(self) -> None:
        """The database is open: take the baseline now, then poll and beat."""
        self.poll()
        self.poll_timer.start()
        self.beat_timer.start()

    def stop(self) -> None:
        self.poll_timer.stop()
        self.beat_timer.stop()
        self._settle()
        self._deferred = self._fetched = None

    def _settle(self) -> None:
        """Wait for a look under way (no thread outlives the window or touches a database
        being locked); what it found is applied by the next poll."""
        if self._worker is not None:
            worker, self._worker = self._worker, None
            worker.wait()
            worker.deleteLater()
            if worker.error is None and isinstance(worker.result, tuple):
                found, fetched = worker.result
                self._held = found if self._held is None else _merged(self._held, found)
                self._fetched = fetched or self._fetched

    def leave(self) -> None:
        """The window closes: stop, and take this window's presence row away."""
        self.stop()
        if not self.window.is_attached or self.window.services.locked:
            return
        if self._failing or self.window.offline.active:
            return  # the server is away: the row goes stale by itself, no wait at closing
        try:
            self.window.services.live.editing(None)
        except StorageError as error:  # it goes stale by itself
            log.info("live updates: the presence row stays until it is stale: %s", error)

    # -- polling ------------------------------------------------------------------------

    def _paused(self) -> bool:
        """Nothing is applied while a modal dialog runs (the save-conflict question among
        them: a reload under it would change what it is asking about) or while locked."""
        window = self.window
        return (
            not window.is_attached
            or window.locker.locked
            or window.services.locked
            or QApplication.activeModalWidget() is not None
        )

    def _off_thread(self) -> bool:
        """A shared database is looked at off the UI thread: a server that stopped answering
        would otherwise hold the typing for the driver's connect timeout at every poll. A
        database file is local and its connections belong to the UI thread."""
        return self.window.services.pending is not None

    def poll(self) -> None:
        """One look at the database: apply what other sessions changed."""
        loaded = self.window.loaded
        if self._note_draft and loaded is not None and loaded.id != self._note_draft:
            self._dismiss_note()  # it was about a draft no longer open
        if self._paused():
            self._show_presence()
            return
        window = self.window
        if self._held is not None and not self._failing and not window.offline.active:
            self.apply(LiveChanges())  # found while a dialog ran: shown now (held ones first)
        self._composed()  # a composition that ended unseen (its editor went away)
        if self._worker is not None or window.offline.active:
            return  # the last look is under way, or the server is away (offline.py probes)
        live, drafts = window.services.live, window.service
        live.rename(window.settings.editor_name)  # Settings › Your name for colleagues
        draft_id = loaded.id if loaded is not None else None
        known = window.autosaver.version
        beat, self._beat_due = self._beat_due, False

        def look() -> LiveChanges:
            if beat:
                live.heartbeat()
            live.editing(draft_id)
            return live.poll()

        def look_and_fetch() -> tuple[LiveChanges, LoadedDraft | None]:
            changes = look()
            mark = changes.drafts.get(draft_id) if draft_id is not None else None
            if draft_id is None or mark is None or mark.version <= known:
                return changes, None
            return changes, drafts.load(draft_id)

        if self._off_thread():
            self._worker = CallWorker(look_and_fetch, self)
            self._worker.finished.connect(self._looked)
            self._worker.start()
            return
        try:
            changes = look()
        except StorageError as error:
            self._failed(error)
            return
        self._failing = False
        self.apply(changes)

    def _looked(self) -> None:
        """A look off the UI thread ended: apply what it found (or say it failed, once)."""
        worker, self._worker = self._worker, None
        if worker is None:  # taken by _settle already
            return
        worker.wait()
        worker.deleteLater()
        if worker.error is not None:
            if not isinstance(worker.error, StorageError):
                raise worker.error  # our bug: the excepthook shows it
            self._failed(worker.error)
            return
        self._failing = False
        assert isinstance(worker.result, tuple)
        changes, fetched = worker.result
        assert isinstance(changes, LiveChanges)
        if fetched is not None:
            self._fetched = fetched
        if self._paused() or self.window.offline.active:
            # A dialog runs, or the server went away after the look: showing the changes
            # reads the database (the list), which would hold the window for the driver's
            # timeout. The next look that gets through shows them.
            self._held = changes if self._held is None else _merged(self._held, changes)
            return
        self.apply(changes)

    def _failed(self, error: StorageError) -> None:
        # the server went away: the save's bar says so
        if not self._failing:  # once, not every second
            log.info("live updates: could not look for changes: %s", error)
        self._failing = True

    def beat(self) -> None:
        """This window is still there (its presence row stays fresh)."""
        if not self.window.is_attached or self.window.services.locked:
            return
        if self._off_thread():
            self._beat_due = True  # the next look beats too, off the UI thread
            return
        try:
            self.window.services.live.heartbeat()
        except StorageError as error:
            log.info("live updates: the heartbeat failed: %s", error)

    def _edited(self) -> None:
        """The open draft was saved: it is being edited, so its row is kept fresh (beaten at
        once when it had gone quiet)."""
        if self.window.is_attached and self.window.services.live.edited():
            self.beat()

    def apply(self, changes: LiveChanges) -> None:
        """Show what another session changed: presence, the open draft, the list. Showing
        it reads the database (the list, the draft); when that fails (the server went away
        just after the look) the changes are held for the next look that gets through."""
        if self._held is not None:  # older, not shown yet: the newer marks win
            changes = _merged(self._held, changes)
            self._held = None
        if changes.editors is not None:
            self.editors = changes.editors
            self._mark_list()
        if changes.drafts:
            window = self.window
            try:
                if window.loaded is not None and window.loaded.id in changes.drafts:
                    self._open_draft_changed(window.loaded.id, changes.drafts[window.loaded.id])
                if not self._list_shows(changes.drafts):
                    window.drafts.changed_elsewhere()
            except StorageError as error:
                self._held = LiveChanges(changes.drafts, None)
                self._failed(error)
        self._show_presence()

    # -- the open draft -----------------------------------------------------------------

    def _composed(self) -> None:
        """A composition ended: the change that waited for it is applied now."""
        if self._deferred is None or not isValid(self.window) or self._paused():
            return
        if composition().composing_in(self.window.form):
            return
        (draft_id, mark), self._deferred = self._deferred, None
        loaded = self.window.loaded
        if loaded is None or loaded.id != draft_id:
            return  # another draft is open: this one is read afresh when opened
        try:
            self._open_draft_changed(draft_id, mark)
        except StorageError as error:  # the next look that gets through shows it
            self._held = _merged(LiveChanges({draft_id: mark}, None), self._held or LiveChanges())
            self._failed(error)

    def _open_draft_changed(self, draft_id: int, mark: DraftMark | None) -> None:
        window = self.window
        saver = window.autosaver
        assert window.loaded is not None
        was_trashed = window.loaded.record.trashed
        if mark is not None and mark.version <= saver.version and mark.trashed == was_trashed:
            return  # what this window itself wrote, or older (a look that read before it)
        if composition().composing_in(window.form):
            # A syllable is being composed: changing its editor now could commit half of it,
            # drop it or move the caret into it. Applied once it is committed (`_composed`).
            self._deferred = (draft_id, mark)
            return
        self._deferred = None
        _ = window.ui.gettext
        unsaved = saver.dirty or saver.failing
        if mark is None or (mark.trashed and not was_trashed):
            if unsaved:
                self._note(
                    draft_id,
                    _(
                        "This draft was deleted for good elsewhere while you were editing it. "
                        "Your text is still here; copy what you need."
                    )
                    if mark is None
                    else _(
                        "This draft was moved to the trash elsewhere while you were editing it. "
                        "Your changes are still saved into it."
                    ),
                )
                return
            window.apply_changes(OpChanges(draft_list=True, removed=draft_id))
            self._note(
                draft_id,
                _("The draft you had open was deleted elsewhere.")
                if mark is None
                else _("The draft you had open was moved to the trash elsewhere."),
            )
            return
        if not self._take_in(draft_id):
            self._note(
                draft_id,
                _(
                    "This draft was changed elsewhere (a colleague, or another window) while "
                    "you were editing it. When your changes are saved, Dari asks which version "
                    "to keep; nothing is lost."
                ),
            )
            return
        when = datetime.now().strftime("%H:%M")
        window.statusBar().showMessage(
            _("Updated with a change made elsewhere ({time}).").format(time=when), 10000
        )

    def _take_in(self, draft_id: int) -> bool:
        """Show the change made elsewhere as one undoable step, with the typing not saved
        yet merged in; False when both changed one place (or a save is failing): the note
        and, at the next save, the conflict question."""
        window = self.window
        saver = window.autosaver
        if saver.failing:
            return False
        assert window.loaded is not None
        base = window.loaded.document
        theirs, self._fetched = self._fetched, None
        if theirs is None or theirs.id != draft_id or theirs.version <= saver.version:
            theirs = window.service.load(draft_id)  # a database file, or read since
        document = theirs.document
        if saver.dirty:
            document = merge_edits(base, window.form.document, theirs.document)
            if document is None:
                return False
        if not window.take_in(theirs, document):
            self._reload_keeping_cursor(draft_id)
        return True

    def _reload_keeping_cursor(self, draft_id: int) -> None:
        """Reload the open draft; the field being typed in keeps the focus and, as far as
        its new text allows, the cursor's place."""
        window = self.window
        focus: QWidget | None = window.focusWidget()  # even in a window not active
        if focus is not None and not window.form.isAncestorOf(focus):
            focus = None
        position = _cursor_position(focus) if focus is not None else None
        window.apply_changes(OpChanges(draft=draft_id))
        if focus is None or position is None:
            return
        try:
            if focus.isVisible() and window.form.isAncestorOf(focus):
                focus.setFocus()
                _set_cursor_position(focus, position)
        except RuntimeError:  # the field was rebuilt (a card removed): the focus is elsewhere
            pass

    def _note(self, draft_id: int, text: str) -> None:
        bar = self.window.message_bar
        if bar.kind == "save":  # a failing save says more, and first
            return
        self._note_draft = draft_id
        bar.show_message(text, kind=NOTE)

    def _dismiss_note(self) -> None:
        self._note_draft = 0
        self.window.message_bar.dismiss(NOTE)

    # -- the list -----------------------------------------------------------------------

    def _list_shows(self, drafts: Mapping[int, DraftMark | None]) -> bool:
        """True when the list already shows every change (this window's own saves, a
        trashed draft already gone from the Drafts tab)."""
        model = self.window.drafts.model
        for draft_id, mark in drafts.items():
            row = model.row_of(draft_id)
            belongs = mark is not None and mark.trashed == model.trashed
            if row < 0:
                if belongs:
                    return False
                continue
            if not belongs or mark is None or model.summary(row).version != mark.version:
                return False
        return True

    def _mark_list(self) -> None:
        self.window.drafts.model.set_editing(
            {draft_id: self._sentence(rows) for draft_id, rows in self.editors.items()}
        )

    # -- presence -----------------------------------------------------------------------

    def _show_presence(self) -> None:
        window = self.window
        loaded = window.loaded
        rows = self.editors.get(loaded.id, ()) if loaded is not None else ()
        if not rows or window.locker.locked:
            self.presence.hide()
            self.presence.clear()
            return
        self.presence.setText("✎ " + self._sentence(rows))
        self.presence.setAccessibleName(self._sentence(rows))
        self.presence.show()

    def _sentence(self, rows: tuple[Editing, ...]) -> str:
        _ = self.window.ui.gettext
        return "; ".join(
            _("Being edited by {name} since {time}").format(name=row.editor, time=_when(row.since))
            for row in rows
        )

    def _retranslate(self) -> None:
        self._mark_list()
        self._show_presence()

    def clear(self) -> None:
        """Forget who is where (the window is locked): no names on screen."""
        self._settle()  # before the database is locked under a look
        self._held = None
        self._deferred = None
        self._fetched = None
        self.editors = {}
        self._mark_list()
        self._show_presence()


def _merged(older: LiveChanges, newer: LiveChanges) -> LiveChanges:
    """Two looks' changes as one: a draft's newer mark wins; the newer presence if read."""
    editors = newer.editors if newer.editors is not None else older.editors
    return LiveChanges({**older.drafts, **newer.drafts}, editors)


def _when(moment: datetime) -> str:
    """A time of today as HH:MM, another day's with its date, in local time."""
    local = moment.astimezone()
    if local.date() == datetime.now(UTC).astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def _cursor_position(widget: QWidget) -> int | None:
    if isinstance(widget, QLineEdit):
        return widget.cursorPosition()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.textCursor().position()
    return None


def _set_cursor_position(widget: QWidget, position: int) -> None:
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(min(position, len(widget.text())))
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(min(position, len(widget.toPlainText())))
        widget.setTextCursor(cursor)
