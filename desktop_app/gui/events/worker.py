"""Runs `EventService.export_set` on a worker thread, as gui/merge/worker.py runs a merge.

Contract: `run` touches no widget; it calls only the event service (which opens its own
short database sessions). Each step (each .docx made, then the one PDF run) is reported
through `progressed` with a blocking queued connection, so the UI has shown it (and seen
any Cancel) before the next step starts. A cancelled set returns an outcome saying so,
with nothing written. The UI thread never waits on this thread while it runs; it asks it
to stop (`request_cancel`) and waits for `export_finished` or `export_failed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_app.gui.merge.worker import BatchThread

if TYPE_CHECKING:
    from desktop_app.services import ExportRequest
    from desktop_app.services.events import EventService


class SetExportWorker(BatchThread):
    """One set export off the UI thread; emits `export_finished(SetOutcome)` or
    `export_failed(Exception)` once, then the thread ends."""

    export_finished = Signal(object)  # SetOutcome
    export_failed = Signal(object)  # the exception (DariError, StorageError, or a bug)

    def __init__(
        self,
        events: EventService,
        event_id: int,
        request: ExportRequest,
        out: Path,
        *,
        fill_enclosures: bool = False,
        overwrite: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._events = events
        self._event_id = event_id
        self._request = request
        self._out = out
        self._fill = fill_enclosures
        self._overwrite = overwrite

    def run(self) -> None:  # Qt override: the worker thread
        try:
            outcome = self._events.export_set(
                self._event_id,
                self._request,
                self._out,
                progress=self._report,
                cancelled=self._stop.is_set,
                fill_enclosures=self._fill,
                overwrite=self._overwrite,
            )
        except Exception as error:  # handed to the UI thread, which tells bugs apart
            self.export_failed.emit(error)
            return
        self.export_finished.emit(outcome)
