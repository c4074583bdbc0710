"""Two colleagues on one draft (issue 14), with real windows on SQLite and on PostgreSQL: the
list and the open draft learn of the other's change, presence is shown, and the second save
is the conflict question, never a lost update."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.app import build_window_shell
from desktop_app.domain import BilingualText
from desktop_app.gui.window import autosave
from desktop_app.gui.window.draft_list import TITLE
from desktop_app.gui.window.live import NOTE
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import ConflictChoice, Services, open_services
from desktop_app.services.live import STALE_AFTER
from tests.helpers.qt import forbid_window_questions, type_at_end
from tests.helpers.samples import sample_letter

WAIT_MS = 8000  # generous: a loaded machine; the bench measures the real latency


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None: both windows over the same SQLite data folder; else the server's database."""
    return None if request.param == "sqlite" else request.getfixturevalue("pg_url")


@pytest.fixture
def colleague(
    qtbot, tmp_path: Path, data_dir: Path, database_url: str | None
) -> Iterator[Callable[[str], MainWindow]]:
    """`colleague(name)`: a real window (its own settings, its own session) on the database."""
    built: list[tuple[MainWindow, Services]] = []

    def build(name: str) -> MainWindow:
        store = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        window = build_window_shell(QApplication.instance(), data_dir, store)
        window.settings.editor_name = name  # Settings › Your name for colleagues
        services = open_services(data_dir, database_url=database_url)
        window.attach(services)
        built.append((window, services))
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    yield build
    for window, services in built:
        window.close()
        window.ui.deleteLater()
        services.close()


def away_from_the_list(window: MainWindow) -> None:
    """The person is not in the list (a list with the focus keeps its rows still)."""
    window.drafts.search.setFocus()


def subject_en(window: MainWindow) -> QWidget:
    return window.form.fields["subject"].editors["en"]


def test_a_colleagues_new_draft_and_save_reach_the_list_and_the_open_draft(
    qtbot, colleague
) -> None:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    away_from_the_list(byung)
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)

    byung.open_draft(loaded.id)
    editor = subject_en(byung)
    editor.setFocus()
    ana.open_draft(loaded.id)
    away_from_the_list(ana)
    editor.setFocus()
    typed = subject_en(ana)
    typed.setFocus()
    type_at_end(typed, " (revised)")
    qtbot.waitUntil(lambda: not ana.autosaver.dirty, timeout=WAIT_MS)

    # Byung typed nothing: his open draft is reloaded, and his list shows the new title.
    qtbot.waitUntil(lambda: byung.form.document.subject.en.endswith("(revised)"), timeout=WAIT_MS)
    assert byung.autosaver.version == ana.autosaver.version
    row = byung.drafts.model.row_of(loaded.id)
    assert byung.drafts.model.summary(row).title_en.endswith("(revised)")
    assert not byung.message_bar.isVisible()


def test_presence_shows_who_else_has_the_draft_open_in_the_status_bar_and_the_list(
    qtbot, colleague
) -> None:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    ana.open_draft(loaded.id)

    qtbot.waitUntil(lambda: "ana@office" in byung.live.presence.text(), timeout=WAIT_MS)
    assert "Being edited by ana@office since" in byung.live.presence.text()
    assert byung.live.presence.isVisible()
    model = byung.drafts.model
    title = model.index(model.row_of(loaded.id), TITLE)
    assert model.data(title).startswith("✎ ")
    assert "ana@office" in model.editing_note(loaded.id)
    # one's own session never shows itself
    qtbot.waitUntil(lambda: "byung@laptop" in ana.live.presence.text(), timeout=WAIT_MS)
    assert "ana@office" not in ana.live.presence.text()

    ana.close()  # her window goes, and her presence row with it
    qtbot.waitUntil(lambda: not byung.live.presence.isVisible(), timeout=WAIT_MS)
    assert not model.data(title).startswith("✎ ")


def test_a_change_made_elsewhere_while_typing_is_a_note_then_the_conflict_question(
    qtbot, colleague, monkeypatch
) -> None:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    for timer in (byung.autosaver.idle, byung.autosaver.max_age):
        timer.setInterval(600_000)  # his save waits until the test asks for it
    editor = subject_en(byung)
    editor.setFocus()
    type_at_end(editor, " - Byung's words")
    assert byung.autosaver.dirty

    theirs = dataclasses.replace(
        loaded.document, subject=BilingualText.of("아나의 제목", "Ana's title")
    )
    ana.services.drafts.save(loaded.id, theirs, expected_version=loaded.version)
    qtbot.waitUntil(lambda: byung.message_bar.kind == NOTE, timeout=WAIT_MS)
    assert "changed elsewhere" in byung.message_bar.text.text()
    assert byung.form.document.subject.en.endswith("Byung's words")  # his text stays

    asked: list[bool] = []

    def keep_mine(_parent, _ui) -> ConflictChoice:
        asked.append(True)
        return ConflictChoice.KEEP_MINE

    monkeypatch.setattr(autosave, "ask_conflict_choice", keep_mine)
    assert byung.autosaver.flush()
    assert asked == [True]
    stored = byung.services.drafts.load(loaded.id).document
    assert stored.subject.en.endswith("Byung's words")
    kept = [r.title_en for r in byung.services.drafts.revisions(loaded.id)]
    assert "Ana's title" in kept  # hers stays in the revisions: nothing lost
    assert byung.message_bar.kind != NOTE


def test_a_draft_trashed_elsewhere_closes_here_when_nothing_is_unsaved(qtbot, colleague) -> None:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    away_from_the_list(byung)
    ana.services.drafts.trash(loaded.id)
    qtbot.waitUntil(lambda: byung.loaded is None, timeout=WAIT_MS)
    assert byung.message_bar.kind == NOTE
    assert "trash" in byung.message_bar.text.text()
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) < 0, timeout=WAIT_MS)


def test_the_reload_keeps_the_field_being_read_and_its_cursor(qtbot, colleague) -> None:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    editor = subject_en(byung)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    cursor = editor.textCursor()
    cursor.setPosition(4)
    editor.setTextCursor(cursor)

    salutation = dataclasses.replace(
        loaded.document, salutation=BilingualText.of("장관님께", "Dear Minister Ana")
    )
    ana.services.drafts.save(loaded.id, salutation, expected_version=loaded.version)
    qtbot.waitUntil(
        lambda: byung.form.document.salutation.en == "Dear Minister Ana", timeout=WAIT_MS
    )
    assert subject_en(byung).hasFocus()
    assert subject_en(byung).textCursor().position() == 4
    assert not byung.autosaver.dirty


def test_the_list_waits_while_the_pointer_is_over_it(qtbot, colleague) -> None:
    from PySide6.QtCore import QEvent

    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    away_from_the_list(byung)
    viewport = byung.drafts.view.viewport()
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Enter))  # the pointer comes in
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts._reload_pending, timeout=WAIT_MS)
    assert byung.drafts.model.row_of(loaded.id) < 0  # no row moves under the pointer
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    assert byung.drafts.model.row_of(loaded.id) >= 0


def test_a_draft_trashed_elsewhere_while_typing_stays_open_and_keeps_saving(
    qtbot, colleague
) -> None:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    for timer in (byung.autosaver.idle, byung.autosaver.max_age):
        timer.setInterval(600_000)
    editor = subject_en(byung)
    editor.setFocus()
    type_at_end(editor, " - unsaved words")
    ana.services.drafts.trash(loaded.id)
    qtbot.waitUntil(lambda: byung.message_bar.kind == NOTE, timeout=WAIT_MS)
    assert "trash" in byung.message_bar.text.text()
    assert byung.loaded is not None and byung.loaded.id == loaded.id  # nothing closed on him
    assert byung.autosaver.flush()
    stored = ana.services.drafts.load(loaded.id)
    assert stored.record.trashed and stored.document.subject.en.endswith("unsaved words")


def test_presence_gone_quiet_comes_back_with_the_first_save_not_the_next_beat(
    qtbot, colleague, database_url: str | None
) -> None:
    """A draft left untouched stops being beaten (no write every 15 s); the first save after
    the pause beats its row at once (off the UI thread on a server), not the timer."""
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    ana.open_draft(loaded.id)
    qtbot.waitUntil(lambda: "ana@office" in byung.live.presence.text(), timeout=WAIT_MS)
    live, db = ana.services.live, ana.services._db

    def fresh() -> bool:
        moment = db.live.now() - STALE_AFTER
        return any(row.session == live.session for row in db.live.present(fresh_after=moment))

    # what a long pause leaves: her row older than STALE_AFTER, her last write long ago
    ana.live.stop()  # no look under way while the row is aged
    db.live.beat(live.session, db.live.now() - timedelta(minutes=5))
    live._written = None
    assert not fresh()
    ana.live.poll_timer.start()  # the beat timer stays stopped: only a save can beat now
    if database_url is None:  # SQLite: any commit moves the gate (on a server a beat
        # sends no NOTIFY, and colleagues read presence again within FULL_CHECK_S)
        qtbot.waitUntil(lambda: not byung.live.presence.isVisible(), timeout=WAIT_MS)
    type_at_end(subject_en(ana), " again")
    qtbot.waitUntil(fresh, timeout=WAIT_MS)
    if database_url is None:
        qtbot.waitUntil(lambda: "ana@office" in byung.live.presence.text(), timeout=WAIT_MS)
