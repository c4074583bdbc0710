"""Issue 13: a message that appears while the person types takes no keystrokes.

A failed save (a real read-only database: SQLite refuses every write) goes to the
window's message bar: no modal box, the keyboard stays in the editor, every typed
character is in the text. The conflict question (a second DraftService saved the
draft meanwhile) is a real modal dialog that no typed Space/Enter answers; a click does.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from sqlalchemy import event

from desktop_app.domain import BilingualText
from desktop_app.gui import errors
from desktop_app.gui.window.conflict import ARM_MS, ConflictDialog
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import ConflictChoice, DraftService, ExportRequest
from tests.helpers.qt import forbid_questions, type_text
from tests.helpers.samples import sample_payload


@pytest.fixture(autouse=True)
def no_error_boxes(monkeypatch) -> None:
    """Any modal error box is a failure here (the bar is the only way to say it)."""
    forbid_questions(monkeypatch, (errors, ("show_error", "confirm", "show_bug")))


def subject_ko(window: MainWindow) -> QWidget:
    return window.form.fields["subject"].editors["ko"]


def open_sample(window: MainWindow) -> int:
    window.commands["new_sample"].trigger()
    assert window.loaded is not None
    return window.loaded.id


class ReadOnly:
    """Makes the window's database really read-only for SQLite (`PRAGMA query_only`, on
    every connection of its pool), and writable again."""

    def __init__(self, window: MainWindow) -> None:
        self.engine = window.service._db.engine

    @staticmethod
    def _on_connect(connection: Any, _record: Any) -> None:
        connection.execute("PRAGMA query_only = ON")

    def __enter__(self) -> ReadOnly:
        event.listen(self.engine, "connect", self._on_connect)
        self.engine.dispose()  # the pooled connections were opened writable
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "connect", self._on_connect)
        self.engine.dispose()


def keyboard() -> QWidget:
    """Where the keyboard's keys go now."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_save_failing_while_typing_shows_the_bar_and_takes_no_key(
    qtbot, open_window, service: DraftService, language: str
) -> None:
    window = open_window(language)
    draft_id = open_sample(window)
    editor = subject_ko(window)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    before = editor.text()
    with ReadOnly(window):
        qtbot.keyClicks(keyboard(), " abc")
        type_text(keyboard(), " 읽기 전용")
        qtbot.waitUntil(window.message_bar.isVisible, timeout=4000)  # the autosave failed
        assert QApplication.activeModalWidget() is None
        assert keyboard() is editor  # the bar took no focus
        qtbot.keyClicks(keyboard(), " def ghi")  # typing goes on while the bar is up
        type_text(keyboard(), "가나")
        assert editor.text() == before + " abc 읽기 전용 def ghi가나"
        qtbot.wait(1500)  # another failed save: still the bar, still no box
        assert QApplication.activeModalWidget() is None
        assert window.message_bar.isVisible()
        text = window.message_bar.text.text()
        action = window.message_bar.action.text()
        if language == "ko":
            assert "저장" in text and "읽기 전용" in text
        else:
            assert "not saved" in text and "read-only" in text
            assert action == "Try again now"
        assert service.load(draft_id).document.subject.ko == before
    window.message_bar.grab().save(f"/tmp/message-bar-{language}.png")
    window.grab().save(f"/tmp/message-bar-window-{language}.png")
    qtbot.mouseClick(window.message_bar.action, Qt.MouseButton.LeftButton)  # Try again now
    assert not window.message_bar.isVisible()
    assert service.load(draft_id).document.subject.ko == before + " abc 읽기 전용 def ghi가나"
    assert keyboard() is editor


def test_the_bar_closes_by_its_close_button(qtbot, open_window) -> None:
    window = open_window()
    open_sample(window)
    editor = subject_ko(window)
    editor.setFocus()
    with ReadOnly(window):
        qtbot.keyClicks(keyboard(), "x")
        assert not window.flush()
    assert window.message_bar.isVisible()
    qtbot.mouseClick(window.message_bar.close_button, Qt.MouseButton.LeftButton)
    assert not window.message_bar.isVisible()
    assert keyboard() is editor


def other_writer_saves(service: DraftService, draft_id: int, subject: str) -> None:
    loaded = service.load(draft_id)
    document = replace(loaded.document, subject=BilingualText.of(subject, "Theirs"))
    service.save(draft_id, document, expected_version=loaded.version)


def test_typed_keys_do_not_answer_the_conflict_question_a_click_does(
    qtbot, open_window, service: DraftService
) -> None:
    window = open_window()
    draft_id = open_sample(window)
    other_writer_saves(service, draft_id, "그쪽 제목")  # a second DraftService, same draft
    editor = subject_ko(window)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    seen: dict[str, Any] = {}

    def dialog() -> ConflictDialog | None:
        modal = QApplication.activeModalWidget()
        return modal if isinstance(modal, ConflictDialog) else None

    def typed_keys() -> None:  # the person goes on typing, unaware: space, Enter, Escape
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            QTest.keyClick(keyboard(), key)
        qtbot.keyClicks(keyboard(), " and ")

    tries = [0]

    def drive() -> None:
        box = dialog()
        tries[0] += 1
        if box is not None and QApplication.activeWindow() is not box:
            box.activateWindow()  # offscreen, after other tests' windows: make it the active one
        if box is None or (QApplication.activeWindow() is not box and tries[0] < 300):
            if tries[0] >= 1000:  # never up: fail rather than hang
                seen["never up"] = True
                return
            QTimer.singleShot(10, drive)
            return
        seen["focus"] = keyboard()
        seen["buttons"] = box.findChildren(QPushButton)
        seen["armed at once"] = box.armed
        typed_keys()  # within the first moment
        seen["open after first keys"] = box.isVisible() and box.choice is None
        QTimer.singleShot(ARM_MS + 200, later)

    def later() -> None:
        box = dialog()
        assert box is not None
        typed_keys()  # after the pause: still no key answers it
        seen["open after later keys"] = box.isVisible() and box.choice is None
        seen["armed"] = box.armed
        qtbot.mouseClick(box.keep_mine, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)
    qtbot.keyClicks(editor, " mine")
    assert window.flush()  # the conflict: the real dialog is asked
    assert not seen["armed at once"]
    assert seen["open after first keys"] and seen["open after later keys"] and seen["armed"]
    assert not isinstance(seen["focus"], QPushButton)
    assert seen["focus"].window() is not window  # the keys went to the dialog's text
    assert editor.toPlainText().endswith(" mine")  # none of them reached the letter either
    assert all(not b.isDefault() and not b.autoDefault() for b in seen["buttons"])
    assert service.load(draft_id).document.subject.ko.endswith(" mine")  # Keep mine, clicked
    assert QApplication.activeModalWidget() is None


def test_the_conflict_buttons_answer_a_deliberate_tab_and_space(qtbot, ui) -> None:
    box = ConflictDialog(ui)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.focusWidget() is box.text
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Space)
    assert box.choice is None and not box.armed  # before the pause: nothing
    qtbot.waitUntil(lambda: box.armed, timeout=2000)
    box.text.setFocus()
    QTest.keyClick(box.text, Qt.Key.Key_Space)
    QTest.keyClick(box.text, Qt.Key.Key_Return)
    assert box.choice is None
    QTest.keyClick(box.text, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box.open_theirs
    QTest.keyClick(box.open_theirs, Qt.Key.Key_Space)
    assert box.choice is ConflictChoice.OPEN_THEIRS


def test_the_window_removes_stale_temps_beside_logged_exports_at_start(
    qtbot, open_window, service: DraftService, tmp_path
) -> None:
    """A hidden copy a killed export left beside a logged file goes when the window opens."""
    folder = tmp_path / "exports"
    folder.mkdir()
    draft = service.import_json(sample_payload())
    (target,) = service.export(draft.id, ExportRequest("ko"), folder)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.write(fd, target.read_bytes())
    os.close(fd)
    open_window()
    qtbot.waitUntil(lambda: not os.path.exists(name), timeout=3000)
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_saves_a_damaged_journal_dropped_are_said_in_the_bar_in_both_languages(
    qtbot, tmp_path
) -> None:
    """A real data folder whose WAL was damaged after three saves: the window opens, says so
    in the bar (no box; the sentence follows the UI language), and the draft list is there."""
    import random

    from desktop_app import app as app_module
    from desktop_app.gui.window.main_window import settings_store
    from desktop_app.services import open_services
    from tests.helpers.damage import copy_folder, garbage_wal
    from tests.helpers.samples import sample_letter

    data = tmp_path / "data"
    services = open_services(data)
    try:
        kept = services.drafts.create(sample_letter())
        services._db.checkpoint()
        for _ in range(3):  # these saves live only in the WAL
            kept = services.drafts.save(kept.id, sample_letter(), expected_version=kept.version)
        copy = copy_folder(data, tmp_path / "copy")  # the files as a crash leaves them
    finally:
        services.close()
    garbage_wal(copy / "dari.sqlite3-wal", random.Random(1))
    (copy / "dari.sqlite3-shm").unlink(missing_ok=True)
    window = app_module.start_window(
        QApplication.instance(), copy, settings_store(tmp_path / "s.ini")
    )
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        qtbot.waitUntil(window.message_bar.isVisible, timeout=5000)
        assert QApplication.activeModalWidget() is None  # a bar, not a box
        english = window.message_bar.text.text()
        assert "The last saves were lost" in english
        assert window.drafts.model.rowCount() == 1
        window.ui.set_language("ko")
        korean = window.message_bar.text.text()
        assert korean != english and "저장" in korean
        assert english.split("until ")[1][:19] in korean  # the same time, in Korean words
        window.message_bar.grab().save("/tmp/message-bar-lost-saves-ko.png")
    finally:
        window.ui.set_language("en")
        window.close()
        window.ui.deleteLater()
        if window.is_attached:
            window.services.close()
