"""Issue 14: two writers on one shared PostgreSQL database, through the window.

Two real windows, each on its own computer's data folder and settings, open the same
draft in the test's PostgreSQL database (`pg_url`; this folder's `db` is SQLite, so the
URL is used directly). The translator's autosave writes first; the drafter, still on the
older version, types, and the drafter's autosave meets the conflict: the real dialog
(`window/conflict.py`: buttons enabled only after its pause, no key answers it) is
answered by a click. Either answer keeps both texts, and no draft is made twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.app import build_window_shell
from desktop_app.gui import errors
from desktop_app.gui.window import autosave
from desktop_app.gui.window.conflict import ConflictDialog
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import ConflictChoice, ConflictError, Services, open_services
from tests.gui.conftest import close_windows, settings_file, show_active
from tests.helpers.qt import forbid_questions, type_at_end

MINE = " (기안자 수정)"  # the drafter's words, typed in the window that meets the conflict
THEIRS = " (번역자 수정)"  # the translator's, saved first from the other window


@pytest.fixture(autouse=True)
def no_error_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error box or a confirmation here is a failure, not a hang."""
    forbid_questions(monkeypatch, (errors, ("show_error", "confirm", "show_bug")))


@pytest.fixture
def office_window(qtbot: Any, tmp_path: Path, pg_url: str) -> Iterator[Callable[[str], MainWindow]]:
    """Builds a real window over the shared database, as app.py does with a server URL:
    `office_window(name)` has its own data folder and settings (another computer)."""
    built: list[tuple[MainWindow, Services]] = []

    def build(name: str) -> MainWindow:
        folder = tmp_path / name
        folder.mkdir()
        window = build_window_shell(QApplication.instance(), folder, settings_file(folder))
        services = open_services(folder, database_url=pg_url)
        window.attach(services)
        built.append((window, services))
        return show_active(qtbot, window)

    yield build
    close_windows(built)


@pytest.fixture
def reader(tmp_path: Path, pg_url: str) -> Iterator[Services]:
    """A third installation that only reads what the shared database holds."""
    services = open_services(tmp_path / "reader", database_url=pg_url)
    yield services
    services.close()


def subject_ko(window: MainWindow) -> QWidget:
    return window.form.fields["subject"].editors["ko"]


class Answer:
    """Waits for the conflict dialog (polling the modal widget), makes it the active window
    as a person's click would, and clicks `choice`'s button once it is enabled."""

    def __init__(self, qtbot: Any, choice: ConflictChoice) -> None:
        self.qtbot, self.choice = qtbot, choice
        self.dialogs: list[ConflictDialog] = []
        self.armed_when_first_seen: bool | None = None
        self.clicked = False
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, ConflictDialog) or modal.choice is not None:
            return
        if modal not in self.dialogs:
            self.dialogs.append(modal)
            self.armed_when_first_seen = modal.armed
        if QApplication.activeWindow() is not modal:
            modal.activateWindow()  # offscreen, beside two windows: make it the active one
        if modal.armed:
            keep = self.choice is ConflictChoice.KEEP_MINE
            button = modal.keep_mine if keep else modal.open_theirs
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            self.clicked = True

    def stop(self) -> None:
        self.timer.stop()


@pytest.mark.parametrize("choice", [ConflictChoice.KEEP_MINE, ConflictChoice.OPEN_THEIRS])
def test_the_second_writer_s_autosave_asks_and_either_answer_keeps_both_texts(
    qtbot: Any,
    office_window: Callable[[str], MainWindow],
    reader: Services,
    monkeypatch: pytest.MonkeyPatch,
    choice: ConflictChoice,
) -> None:
    asked: list[QWidget | None] = []
    real_ask = autosave.ask_conflict_choice

    def ask(parent: QWidget | None, ui: Any) -> ConflictChoice:
        asked.append(parent)
        if len(asked) > 1:  # fail rather than wait for an answer nobody gives
            raise AssertionError("the conflict was asked a second time")
        return real_ask(parent, ui)  # the real dialog, answered by `Answer`'s click

    monkeypatch.setattr(autosave, "ask_conflict_choice", ask)
    drafter = office_window("drafter")
    drafter.commands["new_sample"].trigger()
    assert drafter.loaded is not None
    draft_id, original = drafter.loaded.id, drafter.form.document.subject.ko
    translator = office_window("translator")
    translator.drafts.reload()  # the draft made on the other computer
    translator.open_draft(draft_id)
    assert translator.loaded is not None and translator.loaded.id == draft_id

    type_at_end(subject_ko(translator), THEIRS)  # saved by the translator's autosave
    qtbot.waitUntil(lambda: not translator.autosaver.dirty, timeout=5000)
    assert reader.drafts.load(draft_id).document.subject.ko == original + THEIRS
    with pytest.raises(ConflictError):  # the drafter's window is on the older version
        drafter.service.save(
            draft_id, drafter.form.document, expected_version=drafter.autosaver.version
        )

    answer = Answer(qtbot, choice)
    try:
        type_at_end(subject_ko(drafter), MINE)  # no flush: the drafter's autosave saves
        qtbot.waitUntil(lambda: answer.clicked and not drafter.autosaver.dirty, timeout=10_000)
    finally:
        answer.stop()
    assert asked == [drafter] and len(answer.dialogs) == 1  # asked once, in its own window
    assert answer.armed_when_first_seen is False  # the buttons waited for the pause
    assert QApplication.activeModalWidget() is None

    drafts = {s.id: reader.drafts.load(s.id).document.subject.ko for s in reader.drafts.list()}
    if choice is ConflictChoice.KEEP_MINE:
        assert drafts == {draft_id: original + MINE}  # no copy made
        kept = [r.payload["subject"]["ko"] for r in reader.drafts.revisions(draft_id)]
        assert original + THEIRS in kept  # theirs stays readable in the revisions
        assert drafter.form.document.subject.ko == original + MINE
    else:
        [copy_id] = [n for n in drafts if n != draft_id]
        assert drafts == {draft_id: original + THEIRS, copy_id: original + MINE}
        assert drafter.loaded is not None and drafter.loaded.id == draft_id
        assert drafter.form.document.subject.ko == original + THEIRS  # theirs is open
        assert drafter.drafts.model.rowCount() == 2  # the list shows the copy of mine
        assert drafter.history.stack.count() == 0  # no undo back across the switch

    type_at_end(subject_ko(drafter), "!")  # the next save just works, nobody asked
    assert drafter.flush() and len(asked) == 1
    newest = drafter.form.document.subject.ko
    assert reader.drafts.load(draft_id).document.subject.ko == newest
    # The translator's window has nothing unsaved: closing it (the revision of leaving)
    # asks nothing and writes nothing over the drafter's newer text.
    translator.close()
    assert len(asked) == 1 and not translator.isVisible()
    assert reader.drafts.load(draft_id).document.subject.ko == newest
    assert len(reader.drafts.list()) == len(drafts)
