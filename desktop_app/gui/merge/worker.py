"""Runs `MergeService.merge` (and, through `TaskWorker`, a single export or the print
preparation) on a worker thread and reports back to the UI thread by signals.

Contract: `run` touches no widget; it calls only the merge service (which opens its own
short database sessions). Each file written is reported through `progressed` with a
blocking queued connection, so the UI has shown it (and seen any Cancel) before the next
file starts: "cancelled after file k" is exact. The UI thread must therefore never wait
on this thread while it runs; it asks it to stop (`request_cancel`) and waits for
`merge_finished` or `merge_failed`.

While it runs, the interpreter switches threads every 1 ms instead of 5 (restored after):
python-docx and lxml hold the GIL in long stretches, and the UI thread waits for it at
every event it handles in Python (bench/bench_merge_ui.py: the 95th-percentile gap
between 10 ms ticks falls from about 26 ms to about 17 ms on the shared machine; the
dialog's own start, the click, takes 2–7 ms).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

if TYPE_CHECKING:
    from desktop_app.domain.letter import Recipient
    from desktop_app.services import ExportRequest
    from desktop_app.services.merge import MergeService


SWITCH_INTERVAL = 0.001  # seconds: how soon the UI thread gets the GIL back while merging


class _Relay(QObject):
    """Lives in the UI thread: turns the worker's blocking calls into UI-thread signals."""

    progressed = Signal(int, int, str)  # files written, files in all, the file just written

    @Slot(int, int, str)
    def relay(self, done: int, total: int, path: str) -> None:
        self.progressed.emit(done, total, path)


class BatchThread(QThread):
    """A batch of files written off the UI thread, file by file: each file reported through
    `progressed` (a blocking queued connection to a relay in the UI thread), and a Cancel
    asked with `request_cancel` and seen before the next file (mail merge, the event set)."""

    _written = Signal(int, int, str)  # emitted in the worker thread, handled by the relay

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self.relay = _Relay(self)  # created here, so it lives in the UI thread
        self.progressed = self.relay.progressed
        self._written.connect(self.relay.relay, Qt.ConnectionType.BlockingQueuedConnection)

    def request_cancel(self) -> None:
        """Start no further file (thread-safe); the batch ends after the file being written."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _report(self, done: int, total: int, path: object) -> None:
        """Called by the service in the worker thread after each file."""
        self._written.emit(done, total, str(path))


class CallWorker(BatchThread):
    """One call off the UI thread (a purge, which rewrites every backup): `run` keeps the
    call's `result` or its `error`; QThread's `finished` then reaches the UI thread, which
    reads them. The call touches no widget."""

    def __init__(self, call: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call
        self.result: object = None
        self.error: Exception | None = None

    def run(self) -> None:  # Qt override: the worker thread
        try:
            self.result = self._call()
        except Exception as error:  # handed to the UI thread, which tells bugs apart
            self.error = error


class MergeWorker(BatchThread):
    """One merge off the UI thread; emits `merge_finished(MergeOutcome)` or
    `merge_failed(Exception)` once, then the thread ends."""

    merge_finished = Signal(object)  # MergeOutcome
    merge_failed = Signal(object)  # the exception (DariError, StorageError, or a bug)

    def __init__(
        self,
        merge: MergeService,
        draft_id: int,
        recipients: Sequence[Recipient],
        request: ExportRequest,
        out: Path,
        *,
        combined: bool,
        overwrite: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._merge = merge
        self._draft_id = draft_id
        self._recipients = tuple(recipients)
        self._request = request
        self._out = out
        self._combined = combined
        self._overwrite = overwrite

    def run(self) -> None:  # Qt override: the worker thread
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
        try:
            self._run()
        finally:
            sys.setswitchinterval(interval)

    def _run(self) -> None:
        try:
            outcome = self._merge.merge(
                self._draft_id,
                self._recipients,
                self._request,
                self._out,
                combined=self._combined,
                overwrite=self._overwrite,
                progress=self._report,
                cancelled=self._stop.is_set,
            )
        except Exception as error:  # handed to the UI thread, which tells bugs apart
            self.merge_failed.emit(error)
            return
        self.merge_finished.emit(outcome)


# work(progress, cancelled): the call a TaskWorker makes (progress as write_batch takes it)
Work = Callable[[Callable[[int, int, object], None], Callable[[], bool]], Any]


class TaskWorker(BatchThread):
    """One call off the UI thread (a single export, the print preparation): `work(progress,
    cancelled)` touches no widget and is handed the batch's `_report` and Cancel; emits
    `task_finished(result)` or `task_failed(Exception)` once, then the thread ends."""

    task_finished = Signal(object)
    task_failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work

    def run(self) -> None:  # Qt override: the worker thread
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
        try:
            result = self._work(self._report, self._stop.is_set)
        except Exception as error:  # handed to the UI thread, which tells bugs apart
            self.task_failed.emit(error)
            return
        finally:
            sys.setswitchinterval(interval)
        self.task_finished.emit(result)


class _Waiter(QObject):
    """Lives in the UI thread: receives the worker's last signal (queued) and ends the loop."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.result: Any = None
        self.error: Exception | None = None
        self.done = False

    @Slot(object)
    def finished(self, result: object) -> None:
        self.result, self.done = result, True
        self.loop.quit()

    @Slot(object)
    def failed(self, error: Exception) -> None:
        self.error, self.done = error, True
        self.loop.quit()


def run_with_progress(worker: TaskWorker, progress: QProgressDialog) -> Any:
    """Start `worker`, show `progress` (its Cancel asks the worker to stop) and keep the
    event loop turning until the worker ends, as a modal dialog's `exec` does: the
    windows repaint, timers fire. The worker's result, or its exception raised here."""
    loop = QEventLoop()
    waiter = _Waiter(loop)
    worker.task_finished.connect(waiter.finished)
    worker.task_failed.connect(waiter.failed)
    progress.canceled.connect(worker.request_cancel)  # its Cancel button
    progress.rejected.connect(worker.request_cancel)  # Esc
    try:
        worker.start()
        progress.show()
        if not waiter.done:
            loop.exec()
    finally:
        progress.canceled.disconnect(worker.request_cancel)
        progress.rejected.disconnect(worker.request_cancel)
        worker.wait()  # it has emitted its last signal: returns at once
    if waiter.error is not None:
        raise waiter.error
    return waiter.result
