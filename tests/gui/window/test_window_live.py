"""Two colleagues on one draft (issue 14), with real windows on SQLite and on PostgreSQL: the
list and the open draft learn of the other's change, presence is shown, and the second save
is the conflict question, never a lost update."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.app import build_window_shell
from desktop_app.domain import BilingualText
from desktop_app.gui.forms.base import now
from desktop_app.gui.window import autosave
from desktop_app.gui.window.draft_list import TITLE
from desktop_app.gui.window.live import NOTE, POLL_MS
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import ConflictChoice, LoadedDraft, Services, open_services
from desktop_app.services.live import STALE_AFTER
from desktop_app.storage.live import DraftMark
from tests.helpers.qt import forbid_window_questions, type_at_end, type_text
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


# -- the reload as one undoable step (the caret, the selection and undo kept) ---------------


def salutation_en(window: MainWindow) -> QLineEdit:
    editor = window.form.fields["salutation"].editors["en"]
    assert isinstance(editor, QLineEdit)
    return editor


def salutation_ko(window: MainWindow) -> QLineEdit:
    editor = window.form.fields["salutation"].editors["ko"]
    assert isinstance(editor, QLineEdit)
    return editor


def body_ko(window: MainWindow) -> QPlainTextEdit:
    editor = window.form.sections["body"].rows[0].editors["text"].editors["ko"]
    assert isinstance(editor, QPlainTextEdit)
    return editor


def body_en(window: MainWindow, index: int = 0) -> QPlainTextEdit:
    editor = window.form.sections["body"].rows[index].editors["text"].editors["en"]
    assert isinstance(editor, QPlainTextEdit)
    return editor


def open_in_both(qtbot, colleague) -> tuple[MainWindow, MainWindow, LoadedDraft]:
    ana, byung = colleague("ana@office"), colleague("byung@laptop")
    loaded = ana.services.drafts.create(sample_letter())
    qtbot.waitUntil(lambda: byung.drafts.model.row_of(loaded.id) >= 0, timeout=WAIT_MS)
    byung.open_draft(loaded.id)
    return ana, byung, loaded


def saves_of(window: MainWindow) -> list[int]:
    """Every save the window's autosaver sends (the versions they make), counted through
    the real service."""
    made: list[int] = []
    service = window.autosaver.service
    assert service is not None
    save = service.save

    def counted(*args: Any, **kwargs: Any) -> LoadedDraft:
        loaded = save(*args, **kwargs)
        made.append(loaded.version)
        return loaded

    service.save = counted  # type: ignore[method-assign]
    return made


def test_a_colleagues_change_is_one_undo_step_before_ones_own_typing_and_is_not_saved_back(
    qtbot, colleague
) -> None:
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    editor = subject_en(byung)
    editor.setFocus()
    type_at_end(editor, " (Byung)")
    qtbot.waitUntil(lambda: not byung.autosaver.dirty, timeout=WAIT_MS)  # his typing saved
    mine = byung.services.drafts.load(loaded.id)
    saves = saves_of(byung)
    revisions = len(byung.services.drafts.revisions(loaded.id))

    theirs = dataclasses.replace(
        mine.document, salutation=BilingualText.of("장관님께", "Dear Minister Ana")
    )
    ana.services.drafts.save(loaded.id, theirs, expected_version=mine.version)
    qtbot.waitUntil(lambda: salutation_en(byung).text() == "Dear Minister Ana", timeout=WAIT_MS)
    version = byung.autosaver.version
    assert version == mine.version + 1
    assert not byung.autosaver.dirty
    assert not byung.message_bar.isVisible()
    assert editor.hasFocus() and editor.toPlainText().endswith("(Byung)")
    qtbot.wait(2 * autosave.MAX_AGE_MS)  # longer than any autosave would wait
    assert saves == []  # nothing written back for the change itself
    assert byung.services.drafts.load(loaded.id).version == version
    assert len(byung.services.drafts.revisions(loaded.id)) == revisions

    byung.commands["undo"].trigger()  # the colleague's change, as one step: an edit, saved
    assert salutation_en(byung).text() == "Dear Minister Cho,"
    assert editor.toPlainText().endswith("(Byung)")
    assert byung.autosaver.dirty
    qtbot.waitUntil(lambda: not byung.autosaver.dirty, timeout=WAIT_MS)
    assert saves == [version + 1]  # over hers, no conflict question
    stored = ana.services.drafts.load(loaded.id).document
    assert stored.salutation.en == "Dear Minister Cho,"
    assert stored.subject.en.endswith("(Byung)")

    byung.commands["undo"].trigger()  # then his own earlier typing
    assert not editor.toPlainText().endswith("(Byung)")
    byung.commands["redo"].trigger()
    byung.commands["redo"].trigger()  # and the colleague's change again
    assert salutation_en(byung).text() == "Dear Minister Ana"
    qtbot.waitUntil(lambda: not byung.autosaver.dirty, timeout=WAIT_MS)
    stored = ana.services.drafts.load(loaded.id).document
    assert stored.salutation.en == "Dear Minister Ana"
    assert stored.subject.en.endswith("(Byung)")


def test_the_reload_changes_only_the_span_that_differs_keeping_selection_and_scroll(
    qtbot, colleague
) -> None:
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    paragraph = "\n".join(f"Line {n} of the first paragraph." for n in range(60))
    text = BilingualText.of("첫 문단", paragraph)
    first = dataclasses.replace(loaded.document.body[0], text=text)
    start = dataclasses.replace(loaded.document, body=(first, *loaded.document.body[1:]))
    saved = ana.services.drafts.save(loaded.id, start, expected_version=loaded.version)
    editor = body_en(byung)
    qtbot.waitUntil(lambda: editor.toPlainText() == paragraph, timeout=WAIT_MS)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    cursor = editor.textCursor()
    at = paragraph.index("Line 50")
    cursor.setPosition(at)
    cursor.setPosition(at + len("Line 50"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    bar = editor.verticalScrollBar()
    assert bar.maximum() > 0  # the paragraph scrolls inside its editor
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    form_scrolled = byung.form.verticalScrollBar().value()
    subject = subject_en(byung)
    subject_text = subject.toPlainText()

    changed = paragraph.replace("Line 3 of", "Line three, as Ana wrote it, of")
    edit = dataclasses.replace(first, text=BilingualText.of("첫 문단", changed))
    ana.services.drafts.save(
        loaded.id,
        dataclasses.replace(start, body=(edit, *start.body[1:])),
        expected_version=saved.version,
    )
    qtbot.waitUntil(lambda: editor.toPlainText() == changed, timeout=WAIT_MS)
    assert editor.hasFocus()
    assert editor.textCursor().selectedText() == "Line 50"  # after the change: moved with it
    assert bar.value() == scrolled
    assert byung.form.verticalScrollBar().value() == form_scrolled
    assert subject_en(byung) is subject and subject.toPlainText() == subject_text
    assert not byung.autosaver.dirty

    byung.commands["undo"].trigger()  # her change, in the field he is in
    assert editor.toPlainText() == paragraph
    assert editor.textCursor().selectedText() == "Line 50"
    qtbot.waitUntil(lambda: not byung.autosaver.dirty, timeout=WAIT_MS)
    assert ana.services.drafts.load(loaded.id).document.body[0].text.en == paragraph


def compose(editor: QWidget, preedit: str) -> None:
    """What an input method sends while a syllable is being composed."""
    QApplication.sendEvent(editor, QInputMethodEvent(preedit, []))


def commit(editor: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def shown_text(editor: QLineEdit | QPlainTextEdit) -> tuple[str, int]:
    """The editor's committed text and its caret."""
    if isinstance(editor, QLineEdit):
        return editor.text(), editor.cursorPosition()
    return editor.toPlainText(), editor.textCursor().position()


@pytest.mark.parametrize("field", ["salutation", "body"])
def test_a_change_waits_while_a_syllable_is_composed_and_comes_in_once_committed(
    qtbot, colleague, field: str
) -> None:
    """The colleague changes the field being composed in: its other side (a one-line
    field), or another paragraph of the same text (a long one). Nothing changes under the
    syllable; once committed, both are kept, with no question."""
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    document = loaded.document
    if field == "body":  # a Korean text of two paragraphs, the second one typed in
        two = BilingualText.of("첫째 문단입니다.\n둘째 문단", document.body[0].text.en)
        document = dataclasses.replace(
            document, body=(dataclasses.replace(document.body[0], text=two), *document.body[1:])
        )
        loaded = ana.services.drafts.save(loaded.id, document, expected_version=loaded.version)
        qtbot.waitUntil(lambda: byung.autosaver.version == loaded.version, timeout=WAIT_MS)
        editor: QLineEdit | QPlainTextEdit = body_ko(byung)
        hers = two.with_text("ko", "첫째 문단, 아나가 고쳤습니다.\n둘째 문단", now())
        theirs = dataclasses.replace(document.body[0], text=hers)
        changed = dataclasses.replace(document, body=(theirs, *document.body[1:]))
    else:
        editor = salutation_ko(byung)
        changed = dataclasses.replace(
            document, salutation=document.salutation.with_text("en", "Dear Minister Ana", now())
        )
    before = byung.form.document
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    if isinstance(editor, QLineEdit):
        editor.end(False)
    else:
        editor.moveCursor(QTextCursor.MoveOperation.End)
    text, caret = shown_text(editor)
    compose(editor, "ㅎ")
    compose(editor, "하")

    ana.services.drafts.save(loaded.id, changed, expected_version=loaded.version)
    qtbot.waitUntil(lambda: byung.live._deferred is not None, timeout=WAIT_MS)
    qtbot.wait(2 * POLL_MS)  # more looks: it still waits, nothing moved under the syllable
    assert byung.form.document == before
    assert shown_text(editor) == (text, caret)
    if isinstance(editor, QPlainTextEdit):
        assert editor.textCursor().block().layout().preeditAreaText() == "하"

    compose(editor, "한")
    commit(editor, "한")  # the syllable is whole: then the change comes in
    qtbot.waitUntil(lambda: byung.autosaver.version > loaded.version, timeout=WAIT_MS)
    mine = text + "한"
    if field == "body":
        merged = "첫째 문단, 아나가 고쳤습니다.\n둘째 문단한"
        assert shown_text(editor) == (merged, len(merged))  # the caret after the syllable
    else:
        assert shown_text(editor) == (mine, len(mine))  # the caret after the syllable
        assert salutation_en(byung).text() == "Dear Minister Ana"
    qtbot.waitUntil(lambda: not byung.autosaver.dirty, timeout=WAIT_MS)  # no question asked
    stored = ana.services.drafts.load(loaded.id).document
    assert stored == byung.form.document
    assert byung.message_bar.kind != NOTE
    byung.commands["undo"].trigger()  # her change, one step; the syllable stays
    assert shown_text(editor)[0] == mine


def test_typing_not_saved_yet_is_merged_with_a_change_to_another_field(qtbot, colleague) -> None:
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    for timer in (byung.autosaver.idle, byung.autosaver.max_age):
        timer.setInterval(600_000)  # his save waits until the test asks for it
    editor = subject_en(byung)
    editor.setFocus()
    type_at_end(editor, " - unsaved")
    theirs = dataclasses.replace(
        loaded.document, salutation=BilingualText.of("장관님께", "Dear Minister Ana")
    )
    ana.services.drafts.save(loaded.id, theirs, expected_version=loaded.version)
    qtbot.waitUntil(lambda: salutation_en(byung).text() == "Dear Minister Ana", timeout=WAIT_MS)
    assert editor.toPlainText().endswith(" - unsaved")
    assert editor.textCursor().position() == len(editor.toPlainText())
    assert byung.autosaver.dirty  # his words are still to be saved, over her version
    assert byung.message_bar.kind != NOTE
    assert byung.autosaver.flush()  # no conflict question (forbidden in these tests)
    stored = ana.services.drafts.load(loaded.id).document
    assert stored.salutation.en == "Dear Minister Ana"
    assert stored.subject.en.endswith(" - unsaved")


def test_typing_not_saved_waits_to_be_saved_until_the_syllable_and_the_change_are_in(
    qtbot, colleague
) -> None:
    """A colleague's change waits for a syllable; his earlier typing, not saved yet, waits
    with it (a save first would only ask the conflict question) and is saved merged."""
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    editor = salutation_ko(byung)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    editor.end(False)
    type_text(editor, " 안녕")
    assert byung.autosaver.dirty
    compose(editor, "하")
    theirs = dataclasses.replace(loaded.document, subject=BilingualText.of("아나", "Ana's"))
    ana.services.drafts.save(loaded.id, theirs, expected_version=loaded.version)
    qtbot.waitUntil(lambda: byung.live._deferred is not None, timeout=WAIT_MS)
    qtbot.wait(autosave.MAX_AGE_MS + POLL_MS)  # past every autosave: none asked anything
    assert byung.autosaver.dirty and byung.autosaver.version == loaded.version
    commit(editor, "한")
    qtbot.waitUntil(lambda: not byung.autosaver.dirty, timeout=WAIT_MS)
    stored = ana.services.drafts.load(loaded.id).document
    assert stored.salutation.ko == loaded.document.salutation.ko + " 안녕한"
    assert stored.subject.en == "Ana's"


def test_the_focus_follows_its_paragraph_when_a_colleague_adds_one_before_it(
    qtbot, colleague
) -> None:
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    editor = body_en(byung, 2)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT_MS)
    cursor = editor.textCursor()
    cursor.setPosition(10)
    cursor.setPosition(20, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    selected = cursor.selectedText()
    body = loaded.document.body
    new = dataclasses.replace(body[0], text=BilingualText.of("새 문단", "A new paragraph."))
    ana.services.drafts.save(
        loaded.id,
        dataclasses.replace(loaded.document, body=(body[0], new, *body[1:])),
        expected_version=loaded.version,
    )
    qtbot.waitUntil(lambda: len(byung.form.sections["body"].rows) == len(body) + 1, timeout=WAIT_MS)
    moved = body_en(byung, 3)  # his paragraph is the fourth now
    assert moved.toPlainText() == body[2].text.en
    assert moved.hasFocus()
    assert moved.textCursor().selectedText() == selected
    assert body_en(byung, 1).toPlainText() == "A new paragraph."
    assert not byung.autosaver.dirty

    byung.commands["undo"].trigger()  # her paragraph goes; his caret goes back with his
    assert len(byung.form.sections["body"].rows) == len(body)
    assert body_en(byung, 2).hasFocus()
    assert body_en(byung, 2).textCursor().selectedText() == selected


def loads_on_the_ui_thread(window: MainWindow) -> list[int]:
    """The drafts the window's service loads on the UI thread from now on."""
    loads: list[int] = []
    service = window.service
    load = service.load

    def counted(draft_id: int, *args: Any, **kwargs: Any) -> LoadedDraft:
        if threading.current_thread() is threading.main_thread():
            loads.append(draft_id)
        return load(draft_id, *args, **kwargs)

    service.load = counted  # type: ignore[method-assign]
    return loads


def test_a_change_on_a_server_is_read_off_the_ui_thread_and_an_older_mark_is_ignored(
    qtbot, colleague, database_url: str | None
) -> None:
    """On a server the look that finds the change reads the draft too, off the UI thread:
    a server gone silent just after it would otherwise hold the window for the driver's
    timeout while the change is taken in (it did, in the offline tests). A mark older than
    what the window shows (a look that read before this window's own save) changes nothing
    and reads nothing."""
    ana, byung, loaded = open_in_both(qtbot, colleague)
    away_from_the_list(byung)
    loads = loads_on_the_ui_thread(byung)
    theirs = dataclasses.replace(loaded.document, salutation=BilingualText.of("장관님께", "Ana's"))
    ana.services.drafts.save(loaded.id, theirs, expected_version=loaded.version)
    qtbot.waitUntil(lambda: salutation_en(byung).text() == "Ana's", timeout=WAIT_MS)
    assert byung.autosaver.version == loaded.version + 1
    if database_url is not None:
        assert loads == []
    loads.clear()
    shown = byung.form.document
    byung.live._open_draft_changed(loaded.id, DraftMark(loaded.version, trashed=False))
    assert loads == [] and byung.form.document == shown
    assert byung.message_bar.kind != NOTE
