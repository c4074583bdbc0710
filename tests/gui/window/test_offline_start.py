"""Issue 14: the start-up connection to a shared database runs off the UI thread. Against an
address that accepts and never answers, the "Connecting…" dialog repaints and its Cancel
answers at once; a server away while this computer keeps texts for it offers to wait for
it (the window opens, and the texts are sent, when it answers) and to export them."""

from __future__ import annotations

import json
import threading
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

import desktop_app.app as app_module
from desktop_app.gui.settings import Settings
from desktop_app.gui.window import shared_database
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.gui.window.shared_database import ConnectingDialog
from desktop_app.services import open_services
from tests.gui.conftest import settings_file
from tests.gui.window.test_offline import Blackhole, kept_files, kept_subject
from tests.gui.window.test_offline_direct import Ticks
from tests.helpers.postgres import PostgresServer
from tests.helpers.samples import sample_letter

KEPT = "보관된 글: 면담 기록 — kept while the server was away"


def start(tmp_path: Path, data_dir: Path, url: str) -> MainWindow:
    qsettings = settings_file(tmp_path)
    Settings(qsettings).database_url = url
    return app_module.start_window(QApplication.instance(), data_dir, qsettings)  # type: ignore[arg-type]


def closed(window: MainWindow) -> None:
    window.close()
    window.ui.deleteLater()
    if window.is_attached:
        window.services.close()


@pytest.fixture
def unexpected(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected question: {args}")

    for name in ("ask_password", "ask_update", "ask_after_problem", "ask_when_away"):
        monkeypatch.setattr(shared_database, name, fail)


class Paints(QObject):
    """Counts the paint events a widget gets."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def when_dialog(then, wait: bool | None = None) -> None:  # type: ignore[no-untyped-def]
    """Call `then(dialog)` once the connecting dialog is the modal window (the person)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConnectingDialog) and (wait is None or dialog.wait == wait):
            then(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def test_a_silent_server_at_start_repaints_and_cancel_answers_at_once(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, unexpected: None
) -> None:
    silent_dir = tmp_path / "silent"
    silent_dir.mkdir()
    hole = Blackhole(silent_dir / ".s.PGSQL.5432")
    url = f"postgresql+psycopg://postgres@/dari?host={silent_dir}"
    said: list[tuple[float, str, bool]] = []

    def ask_after_problem(ui, sentence, *, retry, parent):  # type: ignore[no-untyped-def]
        said.append((time.monotonic(), sentence, retry))
        return "quit"

    monkeypatch.setattr(shared_database, "ask_after_problem", ask_after_problem)
    paints, ticks, seen = Paints(), Ticks(), {}

    def watch(dialog: ConnectingDialog) -> None:
        seen["text"] = dialog.text.text()
        dialog.busy.installEventFilter(paints)
        ticks.__enter__()
        QTimer.singleShot(1500, lambda: cancel(dialog))

    def cancel(dialog: ConnectingDialog) -> None:
        ticks.__exit__()
        seen["clicked"] = time.monotonic()
        dialog.cancel_button.click()

    when_dialog(watch)
    window = start(tmp_path, data_dir, url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(said), timeout=10_000)
        answered = said[0][0] - seen["clicked"]
        gap_ms, answered_ms = ticks.max_gap * 1000, answered * 1000
        print(f"start-up: longest UI gap {gap_ms:.0f} ms, {paints.count} paints in 1.5 s, "
              f"Cancel answered in {answered_ms:.0f} ms")  # fmt: skip
        assert "Connecting to the shared database" in seen["text"]
        assert paints.count >= 5  # the dialog repaints while the driver waits
        assert ticks.max_gap < 0.5, ticks.max_gap
        assert answered < 0.5, answered  # not the 5 s of the connect timeout
        assert "was cancelled" in said[0][1] and said[0][2] is True  # Try again offered
        assert not window.is_attached and not window.open_failed
        assert not (data_dir / "dari.sqlite3").exists()
        assert len(shared_database._abandoned) == 1  # still waiting on the silent address
        shared_database.settle()  # as run_gui does before the application ends
        assert shared_database._abandoned == []
    finally:
        hole.close()
        closed(window)


def keep_a_text(data_dir: Path, url: str) -> int:
    """A draft on the server and a newer text of it kept on this computer (as a window
    that quit while the server was away leaves it); its number."""
    services = open_services(data_dir, database_url=url)
    try:
        draft = services.drafts.create(sample_letter())
        document = draft.document
        subject = type(document.subject)(KEPT, "kept")
        assert services.pending is not None
        services.pending.keep(
            draft.id, draft.version, type(document)(**{**vars(document), "subject": subject})
        )
    finally:
        services.close()
    return draft.id


def test_wait_for_the_server_opens_the_window_when_it_answers_and_sends_the_kept_text(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, own_pg_server: PostgresServer,
    own_pg_url: str, unexpected: None,
) -> None:  # fmt: skip
    draft_id = keep_a_text(data_dir, own_pg_url)
    own_pg_server.halt("fast")
    monkeypatch.setattr(shared_database, "RETRY_MS", 200)
    asked: list[tuple[str, int]] = []

    def ask_when_away(ui, sentence, kept, parent):  # type: ignore[no-untyped-def]
        asked.append((sentence, kept))
        return "wait"

    monkeypatch.setattr(shared_database, "ask_when_away", ask_when_away)
    seen: dict[str, object] = {}

    def waiting(dialog: ConnectingDialog) -> None:
        seen["text"] = dialog.text.text()

        def server_back() -> None:
            seen["tries"] = dialog.tries
            own_pg_server.resume()

        QTimer.singleShot(1000, server_back)  # a few tries fail first

    when_dialog(waiting, wait=True)
    window = start(tmp_path, data_dir, own_pg_url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=30_000)
        [(sentence, kept)] = asked
        assert kept == 1 and "could not reach the shared database" in sentence
        assert "1 text kept on this computer" in str(seen["text"])
        assert int(seen["tries"]) >= 2  # type: ignore[call-overload]
        assert window.services.server is not None
        assert kept_files(data_dir) == []  # sent as the window opened
        assert window.services.drafts.load(draft_id).document.subject.ko == KEPT
    finally:
        closed(window)
        if not (own_pg_server.data / "postmaster.pid").exists():
            own_pg_server.resume()


def test_export_the_kept_texts_from_the_away_question(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, own_pg_server: PostgresServer,
    own_pg_url: str, unexpected: None,
) -> None:  # fmt: skip
    draft_id = keep_a_text(data_dir, own_pg_url)
    own_pg_server.halt("fast")
    answers = iter(["export", "quit"])
    monkeypatch.setattr(shared_database, "ask_when_away", lambda *a: next(answers))
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(shared_database, "ask_export_folder", lambda *a: str(out))
    said: list[str] = []
    monkeypatch.setattr(shared_database, "say_exported", lambda ui, text, parent: said.append(text))
    window = start(tmp_path, data_dir, own_pg_url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(said) and not window.isVisible(), timeout=20_000)
        written = out / f"kept-draft-{draft_id}.docx"
        with zipfile.ZipFile(written) as archive:
            assert "보관된 글" in archive.read("word/document.xml").decode("utf-8")
        assert written.name in said[0] and "stay kept" in said[0]
        [kept] = kept_files(data_dir)  # still kept until the server has it
        assert kept_subject(kept) == KEPT
        assert json.loads(kept.read_text("utf-8"))["draft_id"] == draft_id
        assert not window.is_attached and not window.open_failed  # Quit
    finally:
        closed(window)
        own_pg_server.resume()


def test_waiting_says_in_korean_how_many_texts_wait_and_cancel_leaves_no_thread(
    qtbot, monkeypatch, ui
) -> None:
    """ "Wait for the server" against a server still away: tried again and again, said in
    the UI language; Cancel (or Escape) ends it at once, the attempt under way left to end
    by itself and then reaped."""
    from desktop_app.services import ServerUnavailable

    monkeypatch.setattr(shared_database, "RETRY_MS", 50)
    ui.set_language("ko")
    attempts: list[float] = []

    def away() -> None:
        attempts.append(time.monotonic())
        time.sleep(0.05)
        raise ServerUnavailable("dari@office/dari", "connection refused")

    dialog = ConnectingDialog(ui, "dari@office/dari", away, None, wait=True, kept=2)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert "보관된 글 2개" in dialog.text.text() and "dari@office/dari" in dialog.text.text()
    assert dialog.cancel_button.text() == "취소"
    qtbot.waitUntil(lambda: dialog.tries >= 3, timeout=5000)
    assert dialog.isVisible() and dialog.error is None  # away is no error while waiting
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.outcome is None
    shared_database.settle()
    assert shared_database._abandoned == []


def test_an_update_of_the_schema_is_said_and_waited_for_not_cancelled_half_way(qtbot, ui) -> None:
    """Updating an older shared database (minutes with many drafts: migration 0010 rebuilds
    the search indexes) is one transaction: the dialog says so in the UI language, and
    neither Cancel nor Escape leaves it running behind a closed dialog."""
    release = threading.Event()

    def update() -> str:
        release.wait(10)
        return "opened"

    ui.set_language("ko")
    dialog = ConnectingDialog(ui, "dari@office/dari", update, None, updating=True)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert "dari@office/dari" in dialog.text.text() and "몇 분" in dialog.text.text()
    assert not dialog.cancel_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # still waiting for the update
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.outcome == "opened" and dialog.error is None
