"""The shared database goes away while the person types (issue 14): nothing typed is lost.

The autosaver keeps the open draft's text on this computer when a save finds the server
unreachable (`services/pending.py`, `Autosaver.kept_offline`); this keeper then says so
in the message bar ("Try again now"), asks the server every few seconds whether it is
back — off the UI thread, so an address that no longer answers never freezes the typing
for the driver's connect timeout — and, when it is, sends every kept edit as an ordinary
save against the version it started from: the open draft through the autosaver (a
colleague's change meanwhile is the usual conflict question), the others here with the
same question. Edits an earlier session left (it quit or crashed while the server was
away) are sent as soon as the window is attached. While the server is away, File ›
Export… writes the editor's current text to a Word file without the export log (which
lives in the shared database).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop_app.gui import errors, prompts
from desktop_app.gui.merge.worker import CallWorker
from desktop_app.gui.window import autosave
from desktop_app.services import (
    OpChanges,
    StorageError,
)

if TYPE_CHECKING:
    from desktop_app.gui.window.main_window import MainWindow
    from desktop_app.services import Services
    from desktop_app.services.pending import PendingEdit, PendingEdits

log = logging.getLogger(__name__)

PROBE_MS = 5000  # how often the server is asked while it is away
MESSAGE_KIND = "offline"


class OfflineKeeper(QObject):
    """Follows one window's shared database while it is unreachable; idle for a file."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pending: PendingEdits | None = None
        self.active = False  # the server was found unreachable and is not back yet
        self.probe_timer = QTimer(self, interval=PROBE_MS)
        self.probe_timer.timeout.connect(self.probe)
        self._probe: CallWorker | None = None
        self._asked = False  # the person asked (Try again now): say when it is still away
        window.autosaver.kept_offline.connect(self.went_offline)

    # -- the window's hooks -------------------------------------------------------------

    def attach(self, services: Services) -> None:
        """The database is open: edits kept by an earlier session are sent now (before the
        last draft is reopened, so it opens with them)."""
        self.pending = services.pending
        self.window.autosaver.pending = services.pending
        if self.pending is not None and self.pending.all():
            self.send_all()

    def stop(self) -> None:
        """The window is closing: ask no more, and wait for a probe under way (a ping, which
        touches no text), so that no thread outlives the window."""
        self.probe_timer.stop()
        self.window.autosaver.settle()
        if self._probe is not None:
            autosave.finish_turning(self._probe)  # the window repaints until it ends
            worker, self._probe = self._probe, None
            if worker is not None:
                worker.deleteLater()

    def retranslate(self) -> None:
        if self.window.message_bar.kind == MESSAGE_KIND:
            self._say_offline()

    # -- away and back ------------------------------------------------------------------

    def went_offline(self) -> None:
        """A save found the server away and kept the text here: say it, and ask again soon."""
        if not self.active:
            self.active = True
            self.probe_timer.start()
            self._say_offline()
            self.window._show_save_state()

    def try_now(self) -> None:
        """The message bar's "Try again now": probe at once, and say if it is still away."""
        self._asked = True
        self.probe()

    def probe(self) -> None:
        """Ask off the UI thread whether the server answers; back_online() when it does."""
        if self._probe is not None or self.pending is None:
            return
        self._probe = CallWorker(self.pending.reachable, self)
        self._probe.finished.connect(self._probed)
        self._probe.start()

    def _probed(self) -> None:
        worker, self._probe = self._probe, None
        if worker is None:  # handled already (stop)
            return
        worker.wait()
        worker.deleteLater()
        if worker.error is not None:
            if not isinstance(worker.error, errors.KNOWN_ERRORS):
                raise worker.error  # our bug: the excepthook shows it
            return
        asked, self._asked = self._asked, False
        if worker.result is True and self.active:
            self.back_online()
        elif asked and self.active:
            self.window.statusBar().showMessage(
                self.window.ui.gettext(
                    "The shared database still cannot be reached; your text stays kept on "
                    "this computer."
                ),
                8000,
            )

    def back_online(self) -> None:
        """The server answers again: send the open draft's text, then the other kept ones."""
        self.active = False
        self.probe_timer.stop()
        autosaver = self.window.autosaver
        autosaver.offline = False
        kept = self.pending.get(autosaver.draft_id) if self.pending is not None else None
        reason = kept.revision_reason if kept is not None and autosaver.kept_locally else None
        if autosaver.dirty and not autosaver.flush(revision_reason=reason, asked=True):
            # gone again (kept_offline said so), or refused for another reason (the message
            # bar says which; the kept copy stays until a save gets through). A revision
            # asked for while away (Ctrl+S, leaving the draft) is kept with the save.
            return
        if not self.send_all():
            return
        self.window.message_bar.dismiss(MESSAGE_KIND)
        self.window._show_save_state()
        self.window.statusBar().showMessage(
            self.window.ui.gettext(
                "The shared database can be reached again: the text kept on this computer "
                "was saved to it."
            ),
            10000,
        )

    def send_all(self) -> bool:
        """Send every kept edit but the open draft's (the autosaver sends that one); False
        when the server went away again (the rest stay kept)."""
        assert self.pending is not None
        open_id = self.window.autosaver.draft_id
        changed = False
        for edit in self.pending.all():
            if edit.draft_id == open_id and self.window.autosaver.dirty:
                continue
            try:
                changed = self._send(edit) or changed
            except StorageError as error:
                if self.pending.is_unreachable(error):
                    self.window.autosaver.offline = True
                    self.went_offline()
                    return False
                log.warning("a kept edit of draft %s was not sent: %s", edit.draft_id, error)
                self.window.message_bar.show_message(
                    errors.sentence(error, self.window.ui), kind=MESSAGE_KIND
                )
                return False
        if changed and self.window.is_attached:
            self.window.drafts.reload()
        return True

    def _send(self, edit: PendingEdit) -> bool:
        """One kept edit to the server; a change made there meanwhile is the conflict
        question (nothing lost either way). True when the draft list changed."""
        assert self.pending is not None
        delivered = self.pending.deliver(
            edit, lambda _edit: autosave.ask_conflict_choice(self.window, self.window.ui)
        )
        if delivered.copy_id is not None:
            self._say_kept_apart(delivered.copy_id)
        elif self.window.loaded is not None and self.window.loaded.id == edit.draft_id:
            self.window.apply_changes(OpChanges(draft=edit.draft_id))  # shown as sent
        return True

    def _say_kept_apart(self, number: int) -> None:
        self.window.statusBar().showMessage(
            self.window.ui.gettext(
                "The text kept on this computer was saved as a new draft (number {number})."
            ).format(number=number),
            15000,
        )

    def _say_offline(self) -> None:
        _ = self.window.ui.gettext
        server = self.pending.server if self.pending is not None else ""
        self.window.message_bar.show_message(
            _(
                "The shared database “{server}” cannot be reached. Your text stays in the "
                "window and is kept on this computer; Dari sends it when the server answers "
                "again (it asks every few seconds)."
            ).format(server=server),
            kind=MESSAGE_KIND,
            action=_("Try again now"),
            on_action=self.try_now,
        )

    # -- export while away --------------------------------------------------------------

    def export_copy(self) -> None:
        """File › Export… while the server is away: the editor's current text to one Word
        file (Korean, then English), not recorded in the export log (it is on the server)."""
        _ = self.window.ui.gettext
        if self.pending is None or self.window.loaded is None:
            return
        path = prompts.save_file(
            self.window,
            _("Export the text kept on this computer"),
            "",
            _("Word documents (*.docx)"),
        )
        if not path:
            return
        with errors.user_errors(self.window, self.window.ui):
            written = self.pending.export_copy(self.window.form.document, Path(path), date.today())
            self.window.statusBar().showMessage(
                _(
                    "Exported “{name}”. It is not in the export log: the log is kept in the "
                    "shared database, which cannot be reached."
                ).format(name=written.name),
                15000,
            )
