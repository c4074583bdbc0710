"""Issue 14: the shared database's server goes away mid-typing (a real PostgreSQL of this
module's own, stopped with pg_ctl) and nothing typed is lost: the window keeps the text,
says the server is unreachable, keeps the text on this computer, and sends it when the
server is back — also after a quit while it was away."""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import stat
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.app import build_window_shell
from desktop_app.gui import prompts
from desktop_app.gui.window import autosave
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import ConflictChoice, Services, open_services
from desktop_app.services.pending import PENDING_FOLDER
from tests.gui.conftest import settings_file
from tests.helpers.canary import leaks
from tests.helpers.postgres import PostgresServer
from tests.helpers.qt import forbid_window_questions, type_text
from tests.helpers.samples import sample_letter

TYPED_ONLINE = "면담 기록: 김 씨는 2019년에 "
TYPED_OFFLINE = "중국을 거쳐 왔다 — crossed via China, "
TYPED_MORE = "then Laos. 라오스를 지나 ✓"


@pytest.fixture
def server_window(
    qtbot, tmp_path: Path, data_dir: Path, own_pg_url: str
) -> Iterator[Callable[[], tuple[MainWindow, Services]]]:
    """Windows over the module server's database, built as app.py builds them (the shell,
    then `attach` with services opened on the URL); closed after the test."""
    built: list[tuple[MainWindow, Services]] = []

    def build() -> tuple[MainWindow, Services]:
        window = build_window_shell(QApplication.instance(), data_dir, settings_file(tmp_path))
        services = open_services(data_dir, database_url=own_pg_url)
        window.attach(services)
        window.offline.probe_timer.setInterval(300)  # the test does not wait 5 s per probe
        built.append((window, services))
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        return window, services

    yield build
    for window, services in built:
        window.close()
        window.ui.set_language("en")  # Qt's Korean translator leaves the shared app
        window.ui.deleteLater()
        services.close()


def kept_files(data_dir: Path) -> list[Path]:
    folder = data_dir / PENDING_FOLDER
    return sorted(folder.rglob("draft-*.json")) if folder.exists() else []


def kept_subject(path: Path) -> str:
    return str(json.loads(path.read_text("utf-8"))["payload"]["subject"]["ko"])


def subject_editor(window: MainWindow):  # type: ignore[no-untyped-def]
    editor = window.form.fields["subject"].editors["ko"]
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    return editor


def type_until_away(qtbot, window: MainWindow, server: PostgresServer, data_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """Type, let it save, stop the server, type on: the autosave keeps the text here."""
    window.commands["new"].trigger()
    editor = subject_editor(window)
    type_text(editor, TYPED_ONLINE)
    qtbot.waitUntil(lambda: not window.autosaver.dirty, timeout=5000)  # on the server
    server.halt("fast")
    type_text(editor, TYPED_OFFLINE)  # mid-typing: the server is gone
    qtbot.waitUntil(lambda: window.autosaver.kept_locally, timeout=5000)
    return str(editor.text())


@pytest.mark.parametrize("language", ["en", "ko"])
def test_server_stopped_mid_typing_loses_nothing(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    language: str,
) -> None:  # fmt: skip
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    window.ui.set_language(language)
    shown = type_until_away(qtbot, window, own_pg_server, data_dir)
    draft_id = window.loaded.id
    assert shown == TYPED_ONLINE + TYPED_OFFLINE  # the editor kept every character
    assert QApplication.activeModalWidget() is None  # no box took the keys
    assert window.message_bar.isVisible() and window.message_bar.kind == "offline"
    said = window.message_bar.text.text()
    if language == "ko":
        assert "연결할 수 없습니다" in said and "이 컴퓨터에도 보관합니다" in said, said
        assert "이 컴퓨터에 보관 중" in window.save_state.text()
    else:
        assert "cannot be reached" in said and "kept on this computer" in said, said
        assert "Kept on this computer" in window.save_state.text()
    [kept] = kept_files(data_dir)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept_subject(kept) == shown

    editor = subject_editor(window)
    type_text(editor, TYPED_MORE)  # still away: each autosave rewrites the local copy
    everything = TYPED_ONLINE + TYPED_OFFLINE + TYPED_MORE
    qtbot.waitUntil(lambda: kept_subject(kept) == everything, timeout=5000)
    qtbot.mouseClick(window.message_bar.action, Qt.MouseButton.LeftButton)  # still away
    qtbot.waitUntil(lambda: window.offline._probe is None, timeout=5000)
    assert window.offline.active and kept.exists()  # nothing sent, nothing lost
    still = window.statusBar().currentMessage()
    assert ("여전히" in still) if language == "ko" else ("still cannot be reached" in still)

    own_pg_server.resume()
    qtbot.mouseClick(window.message_bar.action, Qt.MouseButton.LeftButton)  # Try again now
    qtbot.waitUntil(lambda: not window.offline.active, timeout=5000)
    assert kept_files(data_dir) == []  # removed as soon as it was sent
    assert not window.message_bar.isVisible()
    assert services.drafts.load(draft_id).document.subject.ko == everything
    assert editor.text() == everything
    assert not window.autosaver.dirty
    # the leak rule: once sent, no copy of the text is left on this computer (the drafts
    # are on the server; the data folder keeps settings and the log, which hold no text)
    assert leaks(data_dir, TYPED_OFFLINE.strip(), TYPED_MORE.strip()) == []


def test_the_window_asks_again_by_itself(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    shown = type_until_away(qtbot, window, own_pg_server, data_dir)
    own_pg_server.resume()
    qtbot.waitUntil(lambda: not window.offline.active, timeout=8000)  # the periodic probe
    assert kept_files(data_dir) == []
    assert services.drafts.load(window.loaded.id).document.subject.ko == shown


def test_quit_while_away_then_start_with_the_server_back(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)  # no "leave and lose the changes?" on quit
    window, services = server_window()
    shown = type_until_away(qtbot, window, own_pg_server, data_dir)
    draft_id = window.loaded.id
    assert window.close()  # quits without a question: the text is kept here
    services.close()
    [kept] = kept_files(data_dir)
    assert kept_subject(kept) == shown

    own_pg_server.resume()
    again, services = server_window()
    assert kept_files(data_dir) == []  # sent at start, before the last draft reopened
    assert services.drafts.load(draft_id).document.subject.ko == shown
    assert again.loaded is not None and again.loaded.id == draft_id
    assert again.form.fields["subject"].editors["ko"].text() == shown


def test_a_colleagues_change_meanwhile_is_the_conflict_question(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    own_pg_url: str,
) -> None:  # fmt: skip
    forbid_window_questions(monkeypatch)
    asked: list[bool] = []

    def keep_mine(*_args: object) -> ConflictChoice:
        asked.append(True)
        return ConflictChoice.KEEP_MINE

    monkeypatch.setattr(autosave, "ask_conflict_choice", keep_mine)
    window, services = server_window()
    shown = type_until_away(qtbot, window, own_pg_server, data_dir)
    draft_id = window.loaded.id
    own_pg_server.resume()
    colleague = open_services(data_dir / "colleague", database_url=own_pg_url)
    try:
        theirs = colleague.drafts.load(draft_id)
        document = theirs.document
        changed = type(document.subject)("동료가 고친 제목", "a colleague's subject")
        colleague.drafts.save(
            draft_id, type(document)(**{**vars(document), "subject": changed}),
            expected_version=theirs.version,
        )  # fmt: skip
    finally:
        colleague.close()
    window.offline.probe()
    qtbot.waitUntil(lambda: not window.offline.active, timeout=5000)
    assert asked == [True]
    assert kept_files(data_dir) == []
    assert services.drafts.load(draft_id).document.subject.ko == shown
    reasons = [r.reason for r in services.drafts.revisions(draft_id)]
    assert "changed elsewhere; kept before saving over it" in reasons  # theirs kept


def test_export_while_away_writes_the_editors_text(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    tmp_path: Path,
) -> None:  # fmt: skip
    forbid_window_questions(monkeypatch)
    target = tmp_path / "kept letter"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    window, _services = server_window()
    type_until_away(qtbot, window, own_pg_server, data_dir)
    window.commands["export"].trigger()
    written = target.with_suffix(".docx")
    with zipfile.ZipFile(written) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "중국을 거쳐 왔다" in body
    assert "not in the export log" in window.statusBar().currentMessage()
    own_pg_server.resume()


def quit_while_away(
    qtbot, server_window, server: PostgresServer, data_dir: Path
) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    window, services = server_window()
    shown = type_until_away(qtbot, window, server, data_dir)
    draft_id = window.loaded.id
    assert window.close()
    services.close()
    server.resume()
    return draft_id, shown


def colleague_of(data_dir: Path, url: str) -> Services:
    return open_services(data_dir / "colleague", database_url=url)


def test_changed_elsewhere_before_the_next_start_keeps_both(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    own_pg_url: str,
) -> None:  # fmt: skip
    forbid_window_questions(monkeypatch)
    monkeypatch.setattr(autosave, "ask_conflict_choice", lambda *a: ConflictChoice.OPEN_THEIRS)
    draft_id, shown = quit_while_away(qtbot, server_window, own_pg_server, data_dir)
    colleague = colleague_of(data_dir, own_pg_url)
    try:
        theirs = colleague.drafts.load(draft_id)
        subject = type(theirs.document.subject)("동료의 제목", "theirs")
        document = type(theirs.document)(**{**vars(theirs.document), "subject": subject})
        colleague.drafts.save(draft_id, document, expected_version=theirs.version)
    finally:
        colleague.close()
    window, services = server_window()  # the kept edit meets their change: the question
    assert kept_files(data_dir) == []
    subjects = {d.id: d.title_ko for d in services.drafts.list()}
    assert services.drafts.load(draft_id).document.subject.ko == "동료의 제목"
    [copy_id] = [i for i in subjects if i != draft_id]
    assert services.drafts.load(copy_id).document.subject.ko == shown  # mine, apart
    assert str(copy_id) in window.statusBar().currentMessage()


def test_deleted_for_good_before_the_next_start_becomes_a_new_draft(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    own_pg_url: str,
) -> None:  # fmt: skip
    forbid_window_questions(monkeypatch)
    draft_id, shown = quit_while_away(qtbot, server_window, own_pg_server, data_dir)
    colleague = colleague_of(data_dir, own_pg_url)
    try:
        colleague.drafts.trash(draft_id)
        colleague.drafts.purge(draft_id, keep_log=False)
    finally:
        colleague.close()
    _window, services = server_window()
    assert kept_files(data_dir) == []
    [kept] = services.drafts.list()
    assert kept.id != draft_id
    assert services.drafts.load(kept.id).document.subject.ko == shown


class Blackhole:
    """A unix socket at the server's address that accepts and never answers: a server that
    is "there" but silent (as an address on a network gone away), so libpq waits for its
    connect timeout."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        self.listener.listen(8)
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _address = self.listener.accept()
                self.accepted.append(connection)

    def close(self) -> None:
        for connection in self.accepted:
            connection.close()
        self.listener.close()
        self.path.unlink(missing_ok=True)


def test_a_silent_server_never_freezes_the_typing(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    type_until_away(qtbot, window, own_pg_server, data_dir)
    hole = Blackhole(own_pg_server.socket / ".s.PGSQL.5432")
    try:
        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start()
        window.offline.probe()  # waits on the silent server, off the UI thread
        editor = subject_editor(window)
        type_text(editor, TYPED_MORE)  # the autosave writes the local copy: no network
        [kept] = kept_files(data_dir)
        everything = TYPED_ONLINE + TYPED_OFFLINE + TYPED_MORE
        qtbot.waitUntil(lambda: kept_subject(kept) == everything, timeout=4000)
        assert window.offline._probe is not None  # still waiting on the silent server
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert len(ticks) > 20 and max(gaps) < 0.5, max(gaps)  # a loaded shared machine
    finally:
        hole.close()
    qtbot.waitUntil(lambda: window.offline._probe is None, timeout=8000)
    assert window.offline.active  # the silent server did not count as back
    own_pg_server.resume()
    window.offline.probe()
    qtbot.waitUntil(lambda: not window.offline.active, timeout=5000)
    assert services.drafts.load(window.loaded.id).document.subject.ko == everything


def test_a_kept_copy_of_another_origin_is_not_dropped_by_a_save(
    qtbot, monkeypatch, server_window, data_dir: Path
) -> None:
    """A kept edit the editor does not show (an earlier session's, say) survives the open
    draft's saves, and is sent against its own base: the conflict question, both kept."""
    forbid_window_questions(monkeypatch)
    monkeypatch.setattr(autosave, "ask_conflict_choice", lambda *a: ConflictChoice.OPEN_THEIRS)
    window, services = server_window()
    window.commands["new"].trigger()
    editor = subject_editor(window)
    type_text(editor, TYPED_ONLINE)
    qtbot.waitUntil(lambda: not window.autosaver.dirty, timeout=5000)
    draft_id, base = window.loaded.id, window.loaded.version
    assert services.pending is not None
    other = window.form.document
    other = type(other)(**{**vars(other), "subject": type(other.subject)("다른 곳의 글", "")})
    services.pending.keep(draft_id, base, other)
    type_text(editor, TYPED_MORE)
    qtbot.waitUntil(lambda: not window.autosaver.dirty, timeout=5000)  # saved to the server
    [kept] = kept_files(data_dir)  # not dropped: the editor never showed it
    assert kept_subject(kept) == "다른 곳의 글"
    assert window.offline.send_all()
    assert kept_files(data_dir) == []
    subjects = {
        d.id: services.drafts.load(d.id).document.subject.ko for d in services.drafts.list()
    }
    assert subjects[draft_id] == TYPED_ONLINE + TYPED_MORE
    assert "다른 곳의 글" in subjects.values()  # kept apart as a new draft


def test_the_first_save_to_a_silent_address_holds_no_keystroke(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    """The server vanishes without a word (its address accepts and never answers, as one
    gone from the network): the timed save asks it off the UI thread first, so the window
    does not wait the driver's 5 s connect timeout; then the text is kept here."""
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    window.commands["new"].trigger()
    editor = subject_editor(window)
    type_text(editor, TYPED_ONLINE)
    qtbot.waitUntil(lambda: not window.autosaver.dirty, timeout=5000)
    own_pg_server.halt("fast")
    hole = Blackhole(own_pg_server.socket / ".s.PGSQL.5432")
    try:
        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start()
        type_text(editor, TYPED_OFFLINE)
        qtbot.waitUntil(lambda: window.autosaver.kept_locally, timeout=12000)
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert max(gaps) < 0.5, max(gaps)  # not the 5 s of the connect timeout
        [kept] = kept_files(data_dir)
        assert kept_subject(kept) == TYPED_ONLINE + TYPED_OFFLINE
    finally:
        hole.close()
    own_pg_server.resume()
    window.offline.try_now()
    qtbot.waitUntil(lambda: not window.offline.active, timeout=5000)
    assert services.drafts.load(window.loaded.id).document.subject.ko == editor.text()


def test_a_colleagues_change_found_just_before_the_server_went_is_shown_once_it_is_back(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    own_pg_url: str,
) -> None:  # fmt: skip
    """Showing a change reads the database (the list); the server gone between the look and
    the showing must be no traceback, and the change is not forgotten."""
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    window.live.stop()  # the test looks itself, at chosen moments
    colleague = colleague_of(data_dir, own_pg_url)
    try:
        new = colleague.drafts.create(sample_letter())
        changes = services.live.poll()
        for _ in range(200):  # NOTIFY arrives a moment after the commit
            if changes.drafts:
                break
            time.sleep(0.01)
            changes = services.live.poll()
        assert new.id in changes.drafts
    finally:
        colleague.close()
    own_pg_server.halt("fast")
    window.live.apply(changes)  # raised ServerUnavailable from the list's reload before
    assert window.drafts.model.row_of(new.id) < 0 and window.live._held is not None
    own_pg_server.resume()
    window.live.start()
    qtbot.waitUntil(lambda: window.drafts.model.row_of(new.id) >= 0, timeout=20_000)
