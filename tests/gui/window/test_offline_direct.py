"""Issue 14: a save asked directly — Ctrl+S (twice), a status chosen, leaving the draft for
another, closing, File › Export… — never holds the window while the shared database's
address accepts and never answers (a server gone from the network). The server of this
module is stopped and a silent socket put at its address; a 10 ms QTimer records the UI
thread's gaps; the text typed is kept on this computer, and reaches the server once it is
back."""

from __future__ import annotations

import contextlib
import itertools
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from desktop_app.gui import prompts
from desktop_app.gui.window.main_window import MainWindow
from tests.gui.window.test_offline import (
    TYPED_MORE,
    TYPED_OFFLINE,
    TYPED_ONLINE,
    Blackhole,
    kept_files,
    kept_subject,
    server_window,
    subject_editor,
)
from tests.helpers.postgres import PostgresServer
from tests.helpers.qt import forbid_window_questions, type_text

__all__ = ["server_window"]  # the fixture, shared with the offline suite

MAX_GAP_S = 0.5  # "well under 1 s" on the loaded shared machine (the driver waits 5 s)


class Ticks:
    """The UI thread's heartbeat: a 10 ms timer's ticks; `max_gap` is the longest pause."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(lambda: self.ticks.append(time.monotonic()))

    def __enter__(self) -> Ticks:
        self.timer.start()
        self.ticks.append(time.monotonic())
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()
        self.ticks.append(time.monotonic())

    @property
    def max_gap(self) -> float:
        return max(b - a for a, b in itertools.pairwise(self.ticks))


@contextlib.contextmanager
def silent(server: PostgresServer) -> Iterator[Blackhole]:
    """The server stopped, and a socket that accepts and never answers at its address."""
    server.halt("fast")
    hole = Blackhole(server.socket / ".s.PGSQL.5432")
    try:
        yield hole
    finally:
        hole.close()


def online_draft(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    window.commands["new"].trigger()
    type_text(subject_editor(window), TYPED_ONLINE)
    qtbot.waitUntil(lambda: not window.autosaver.dirty, timeout=5000)
    return TYPED_ONLINE


def back(qtbot, window: MainWindow, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    """The server answers again: the window sends what it kept."""
    server.resume()
    window.offline.try_now()
    qtbot.waitUntil(lambda: not window.offline.active, timeout=20_000)


def report(path: str, gap: float) -> None:
    print(f"longest UI gap during {path}: {gap * 1000:.0f} ms")


def test_ctrl_s_twice_and_typing_on_while_the_server_is_silent(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    online_draft(qtbot, window)
    draft_id = window.loaded.id
    editor = subject_editor(window)
    with silent(own_pg_server), Ticks() as ticks:
        type_text(editor, TYPED_OFFLINE)
        window.commands["save"].trigger()  # Ctrl+S: asks the server off the UI thread
        check = window.autosaver._check
        assert check is not None
        type_text(editor, TYPED_MORE)  # the typing goes on while it waits
        window.commands["save"].trigger()  # a second Ctrl+S joins the same save
        assert window.autosaver._check is check
        qtbot.waitUntil(lambda: window.autosaver.kept_locally, timeout=12_000)
    report("Ctrl+S", ticks.max_gap)
    assert ticks.max_gap < MAX_GAP_S, ticks.max_gap
    everything = TYPED_ONLINE + TYPED_OFFLINE + TYPED_MORE
    [kept] = kept_files(data_dir)
    assert kept_subject(kept) == everything
    assert json.loads(kept.read_text("utf-8"))["revision_reason"] == "saved"  # not forgotten
    assert window.message_bar.kind == "offline" and window.offline.active
    back(qtbot, window, own_pg_server)
    assert services.drafts.load(draft_id).document.subject.ko == everything
    assert "saved" in [r.reason for r in services.drafts.revisions(draft_id)]
    assert kept_files(data_dir) == []


def test_a_status_chosen_while_the_server_is_silent(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    online_draft(qtbot, window)
    draft_id = window.loaded.id
    with silent(own_pg_server), Ticks() as ticks:
        type_text(subject_editor(window), TYPED_OFFLINE)
        window.form.status_chosen.emit("ready")
        qtbot.waitUntil(lambda: window.autosaver.kept_locally, timeout=12_000)
    report("a status chosen", ticks.max_gap)
    assert ticks.max_gap < MAX_GAP_S, ticks.max_gap
    [kept] = kept_files(data_dir)
    assert json.loads(kept.read_text("utf-8"))["status"] == "ready"
    back(qtbot, window, own_pg_server)
    saved = services.drafts.load(draft_id)
    assert saved.document.subject.ko == TYPED_ONLINE + TYPED_OFFLINE
    assert saved.record.status == "ready"


def test_leaving_the_draft_for_another_keeps_its_text_first(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    online_draft(qtbot, window)
    first = window.loaded.id
    other = services.drafts.create(window.form.document).id  # a second draft to go to
    window.drafts.reload()
    with silent(own_pg_server), Ticks() as ticks:
        type_text(subject_editor(window), TYPED_OFFLINE)
        window.open_draft(other)  # A's newest text is kept before anything else happens
    report("leaving the draft", ticks.max_gap)
    assert ticks.max_gap < MAX_GAP_S, ticks.max_gap
    [kept] = kept_files(data_dir)
    assert kept_subject(kept) == TYPED_ONLINE + TYPED_OFFLINE
    assert json.loads(kept.read_text("utf-8"))["revision_reason"] == "left after editing"
    assert window.loaded.id == first  # B's text is on the server: A stays, said at once
    assert "cannot be reached" in window.statusBar().currentMessage()
    assert window.form.fields["subject"].editors["ko"].text() == TYPED_ONLINE + TYPED_OFFLINE
    back(qtbot, window, own_pg_server)
    assert services.drafts.load(first).document.subject.ko == TYPED_ONLINE + TYPED_OFFLINE
    window.open_draft(other)  # the server is back: B opens
    assert window.loaded.id == other


def test_closing_while_the_server_is_silent_asks_nothing_and_loses_nothing(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    online_draft(qtbot, window)
    draft_id = window.loaded.id
    with silent(own_pg_server), Ticks() as ticks:
        type_text(subject_editor(window), TYPED_OFFLINE)
        started = time.monotonic()
        assert window.close()  # no question; bounded by the check's wait
        took = time.monotonic() - started
    report("closing", ticks.max_gap)
    assert ticks.max_gap < MAX_GAP_S, ticks.max_gap
    assert took < 8, took
    assert window.autosaver._check is None and window.offline._probe is None  # no thread left
    services.close()
    [kept] = kept_files(data_dir)
    assert kept_subject(kept) == TYPED_ONLINE + TYPED_OFFLINE
    own_pg_server.resume()
    _again, services = server_window()  # the next start sends it
    assert kept_files(data_dir) == []
    assert services.drafts.load(draft_id).document.subject.ko == TYPED_ONLINE + TYPED_OFFLINE


def test_export_while_the_server_is_silent_writes_the_editors_text(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path,
    tmp_path: Path,
) -> None:  # fmt: skip
    forbid_window_questions(monkeypatch)
    target = tmp_path / "kept letter"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    window, services = server_window()
    online_draft(qtbot, window)
    draft_id = window.loaded.id
    with silent(own_pg_server), Ticks() as ticks:
        type_text(subject_editor(window), TYPED_OFFLINE)
        window.commands["export"].trigger()
    report("File › Export…", ticks.max_gap)
    assert ticks.max_gap < MAX_GAP_S, ticks.max_gap
    with zipfile.ZipFile(target.with_suffix(".docx")) as archive:
        assert "중국을 거쳐 왔다" in archive.read("word/document.xml").decode("utf-8")
    [kept] = kept_files(data_dir)
    assert kept_subject(kept) == TYPED_ONLINE + TYPED_OFFLINE
    back(qtbot, window, own_pg_server)
    assert services.drafts.load(draft_id).document.subject.ko == TYPED_ONLINE + TYPED_OFFLINE


@pytest.mark.parametrize("path", ["save", "leave"])
def test_a_healthy_server_saves_directly_as_ever(
    qtbot, monkeypatch, server_window, data_dir: Path, path: str
) -> None:
    """With the server answering, the question costs a round trip: Ctrl+S says "Saved",
    leaving opens the other draft with the first one saved."""
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    online_draft(qtbot, window)
    first = window.loaded.id
    other = services.drafts.create(window.form.document).id
    window.drafts.reload()
    type_text(subject_editor(window), TYPED_MORE)
    if path == "save":
        window.commands["save"].trigger()
        qtbot.waitUntil(lambda: not window.autosaver.dirty, timeout=5000)
        assert "Saved" in window.statusBar().currentMessage()
    else:
        window.open_draft(other)
        assert window.loaded.id == other
    assert services.drafts.load(first).document.subject.ko == TYPED_ONLINE + TYPED_MORE
    assert kept_files(data_dir) == [] and not window.offline.active


def test_closing_while_the_probe_waits_on_the_silent_server_repaints(
    qtbot, monkeypatch, server_window, own_pg_server: PostgresServer, data_dir: Path
) -> None:
    """Away already, the keeper's probe waiting on the silent address: closing waits for
    it (no thread outlives the window) with the window repainting, and asks nothing."""
    forbid_window_questions(monkeypatch)
    window, services = server_window()
    online_draft(qtbot, window)
    draft_id = window.loaded.id
    with silent(own_pg_server):
        type_text(subject_editor(window), TYPED_OFFLINE)
        qtbot.waitUntil(lambda: window.autosaver.kept_locally, timeout=12_000)
        qtbot.waitUntil(lambda: window.offline._probe is not None, timeout=5000)
        with Ticks() as ticks:
            assert window.close()
    report("closing while a probe waits", ticks.max_gap)
    assert ticks.max_gap < MAX_GAP_S, ticks.max_gap
    assert window.offline._probe is None and window.autosaver._check is None
    services.close()
    [kept] = kept_files(data_dir)
    assert kept_subject(kept) == TYPED_ONLINE + TYPED_OFFLINE
    own_pg_server.resume()
    _again, services = server_window()
    assert services.drafts.load(draft_id).document.subject.ko == TYPED_ONLINE + TYPED_OFFLINE
