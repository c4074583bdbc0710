"""Deleting for good runs off the UI thread (it rewrites every backup): the window stays
usable and shows that it is busy, the list updates when the purge is done, a failure is a
sentence in the message bar, and locking or closing waits for it. Real window, real
database and backups; the purge's backup rewrite is held at a gate so the test sees it
running."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain import BilingualText
from desktop_app.gui import errors
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.storage import backups
from desktop_app.storage.errors import DatabaseUnavailable
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks
from tests.helpers.qt import forbid_questions, type_text
from tests.helpers.samples import sample_letter

REAL_FORGET = backups.forget_drafts


@pytest.fixture(autouse=True)
def no_error_boxes(monkeypatch) -> None:
    forbid_questions(monkeypatch, (errors, ("show_error", "show_bug")))
    monkeypatch.setattr(errors, "confirm", lambda *_args: True)


class Gate:
    """Holds the purge's rewrite of the backups (in the worker thread) until opened."""

    def __init__(self, monkeypatch: Any, fail: Exception | None = None) -> None:
        self.started = threading.Event()
        self.open = threading.Event()
        self.thread: threading.Thread | None = None
        self.fail = fail
        monkeypatch.setattr(backups, "forget_drafts", self._forget)

    def _forget(self, *args: Any, **kwargs: Any) -> int:
        self.thread = threading.current_thread()
        self.started.set()
        assert self.open.wait(20)
        if self.fail is not None:
            raise self.fail
        return REAL_FORGET(*args, **kwargs)


@pytest.fixture
def gate(monkeypatch) -> Any:
    """`gate(fail=None)`: a Gate, opened at the end of the test whatever happened."""
    made: list[Gate] = []

    def make(fail: Exception | None = None) -> Gate:
        made.append(Gate(monkeypatch, fail))
        return made[-1]

    yield make
    for each in made:
        each.open.set()


def _trashed_canary_and_an_open_draft(window: MainWindow) -> int:
    service = window.service
    doomed = service.create(
        replace(sample_letter(), subject=BilingualText.of(KO_CANARY, EN_CANARY))
    ).id
    for _ in range(3):
        window.services.backups.create()
    service.trash(doomed)
    window.commands["new_sample"].trigger()
    panel = window.drafts
    panel.reload()
    qtbot_click_tab(panel, 1)
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    return doomed


def qtbot_click_tab(panel: Any, index: int) -> None:
    panel.tabs.setCurrentIndex(index)
    QApplication.processEvents()


def test_the_window_stays_usable_while_a_purge_rewrites_the_backups(
    qtbot, open_window, data_dir, gate
) -> None:
    window = open_window()
    doomed = _trashed_canary_and_an_open_draft(window)
    gate = gate()
    assert leaks(data_dir, KO_CANARY, EN_CANARY)  # in the database and three backups
    qtbot.mouseClick(window.drafts.purge, Qt.MouseButton.LeftButton)
    assert gate.started.wait(10)
    assert gate.thread is not threading.main_thread()  # not on the UI thread
    assert window.is_purging and window.busy.isVisible()
    assert window.drafts.proxy.rowCount() == 1  # the list changes when it is done
    # meanwhile the person types in the open draft, and every key lands
    qtbot_click_tab(window.drafts, 0)
    editor = window.form.fields["subject"].editors["ko"]
    editor.setFocus()
    before = editor.text()
    type_text(editor, "다리")
    assert len(editor.text()) == len(before) + 2 and "다리" in editor.text()
    window.purge(doomed)  # a second purge meanwhile: said, not started
    assert "still being deleted" in window.statusBar().currentMessage()
    gate.open.set()
    qtbot.waitUntil(lambda: not window.is_purging, timeout=20_000)
    assert not window.busy.isVisible()
    assert window.service.list(trashed=True) == []
    qtbot_click_tab(window.drafts, 1)
    assert window.drafts.proxy.rowCount() == 0
    assert window.flush()
    assert leaks(data_dir, KO_CANARY, EN_CANARY) == []  # gone from every backup too


def test_a_purge_that_fails_says_why_in_the_bar(qtbot, open_window, data_dir, gate) -> None:
    window = open_window("ko")
    _trashed_canary_and_an_open_draft(window)
    gate = gate(DatabaseUnavailable(data_dir / "dari.sqlite3", "disk"))
    qtbot.mouseClick(window.drafts.purge, Qt.MouseButton.LeftButton)
    gate.open.set()
    qtbot.waitUntil(lambda: not window.is_purging, timeout=20_000)
    assert window.message_bar.isVisible() and window.message_bar.kind == "purge"
    assert "데이터베이스" in window.message_bar.text.text()
    assert QApplication.activeModalWidget() is None
    assert not window.busy.isVisible()


def test_locking_or_closing_waits_for_the_purge(qtbot, open_window, gate) -> None:
    window = open_window()
    _trashed_canary_and_an_open_draft(window)
    gate = gate()
    qtbot.mouseClick(window.drafts.purge, Qt.MouseButton.LeftButton)
    assert gate.started.wait(10)
    threading.Timer(0.3, gate.open.set).start()
    assert window.flush()  # what the lock calls first: the purge ends and is applied
    assert not window.is_purging and window.service.list(trashed=True) == []
    assert window.drafts.proxy.rowCount() == 0


def test_a_damaged_file_the_purge_could_not_rewrite_is_said_and_offered_for_deletion(
    qtbot, open_window, data_dir, gate, monkeypatch
) -> None:
    window = open_window()
    _trashed_canary_and_an_open_draft(window)
    aside = data_dir / "dari-damaged-20260101-000000.db"
    aside.write_bytes(b"\0" * 4096 + KO_CANARY.encode() + b"\0" * 4096)  # nothing reads
    gate = gate()
    qtbot.mouseClick(window.drafts.purge, Qt.MouseButton.LeftButton)
    gate.open.set()
    qtbot.waitUntil(lambda: not window.is_purging, timeout=20_000)
    bar = window.message_bar
    assert bar.isVisible() and bar.kind == "damaged_left"
    assert aside.name in bar.text.text() and "may still hold its text" in bar.text.text()
    assert bar.action.isVisible() and aside.exists()  # nothing deleted without a word
    window.ui.set_language("ko")  # said again in the other language, the button kept
    try:
        assert "손상된 파일" in bar.text.text() and aside.name in bar.text.text()
        assert bar.kind == "damaged_left" and bar.action.isVisible()
    finally:
        window.ui.set_language("en")
    asked: list[str] = []

    def answer(parent: Any, ui: Any, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # the first time the person says no

    monkeypatch.setattr(errors, "confirm", answer)
    qtbot.mouseClick(bar.action, Qt.MouseButton.LeftButton)
    assert aside.exists() and bar.isVisible() and aside.name in asked[0]
    qtbot.mouseClick(bar.action, Qt.MouseButton.LeftButton)
    assert not aside.exists() and not bar.isVisible()
    assert "deleted" in window.statusBar().currentMessage()
    assert leaks(data_dir, KO_CANARY, EN_CANARY) == []
