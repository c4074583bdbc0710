"""Nothing lost: autosave timing, saving on focus change / switch / close, errors, conflicts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop_app.domain import BilingualText
from desktop_app.gui.window import autosave
from desktop_app.gui.window.autosave import ConflictChoice
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import DraftService
from desktop_app.storage import DatabaseUnavailable
from tests.helpers.qt import forbid_window_questions, type_at_end
from tests.helpers.samples import sample_letter


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(monkeypatch)


def subject_ko(window: MainWindow) -> QWidget:
    return window.form.fields["subject"].editors["ko"]


def stored_subject(service: DraftService, draft_id: int) -> BilingualText:
    return service.load(draft_id).document.subject


def open_sample(window: MainWindow) -> int:
    window.commands["new_sample"].trigger()
    assert window.loaded is not None
    return window.loaded.id


def test_typing_is_saved_within_two_seconds(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    editor = window.form.fields["salutation"].editors["en"]
    editor.setFocus()
    type_at_end(editor, " Excellency")
    qtbot.waitUntil(
        lambda: service.load(draft_id).document.salutation.en.endswith("Excellency"), timeout=2000
    )
    assert not window.autosaver.dirty


def test_long_typing_is_saved_while_it_goes_on(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    editor = subject_ko(window)
    editor.setFocus()
    text = "가나다라마바사아자차카타파하" * 4
    typed: list[str] = []
    timer = QTimer(interval=50)

    def key() -> None:
        if len(typed) < len(text):
            typed.append(text[len(typed)])
            type_at_end(editor, typed[-1])

    timer.timeout.connect(key)
    timer.start()
    try:  # the idle timer never fires while keys come every 50 ms; the max-age one does
        qtbot.waitUntil(lambda: "가나다" in stored_subject(service, draft_id).ko, timeout=2500)
        assert len(typed) < len(text)
    finally:
        timer.stop()


def test_focus_leaving_a_field_saves_at_once(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    editor = subject_ko(window)
    editor.setFocus()
    type_at_end(editor, " 추가")
    assert window.autosaver.dirty
    window.form.fields["subject"].editors["en"].setFocus()
    assert not window.autosaver.dirty
    assert stored_subject(service, draft_id).ko.endswith(" 추가")


def test_switching_drafts_saves_the_one_left(qtbot, open_window, service) -> None:
    other = service.create(replace(sample_letter(), subject=BilingualText.of("다른 초안", "Other")))
    window = open_window()
    draft_id = open_sample(window)
    type_at_end(subject_ko(window), " 바꿈")
    window.drafts.view.setCurrentIndex(
        window.drafts.proxy.mapFromSource(
            window.drafts.model.index(window.drafts.model.row_of(other.id), 0)
        )
    )
    assert window.loaded is not None and window.loaded.id == other.id
    assert stored_subject(service, draft_id).ko.endswith(" 바꿈")
    assert window.form.document.subject.ko == "다른 초안"


def test_closing_the_window_saves(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    type_at_end(subject_ko(window), " 닫기 전")
    window.close()
    assert stored_subject(service, draft_id).ko.endswith(" 닫기 전")


def test_a_storage_error_is_a_sentence_and_the_next_save_retries(
    qtbot, open_window, service, monkeypatch
) -> None:
    window = open_window()
    draft_id = open_sample(window)
    shown: list[str] = []
    window.autosaver.save_failed.connect(shown.append)
    real_save = window.service.save
    failures = [DatabaseUnavailable(Path("dari.sqlite3"), "database or disk is full")] * 2

    def save(*args, **kwargs):
        if failures:
            raise failures.pop()
        return real_save(*args, **kwargs)

    monkeypatch.setattr(window.service, "save", save)
    type_at_end(subject_ko(window), " 첫 시도")
    assert window.flush() is False
    assert subject_ko(window).text().endswith(" 첫 시도")  # the text stays in the form
    assert "Not saved" in window.save_state.text()
    type_at_end(subject_ko(window), "!")
    assert window.flush() is False
    assert len(shown) == 2 and "disk is full" in shown[0]  # a sentence for each failure,
    assert window.message_bar.isVisible()  # in the bar (no modal box: they are forbidden)
    assert "disk is full" in window.message_bar.text.text()
    type_at_end(subject_ko(window), "?")
    qtbot.waitUntil(
        lambda: stored_subject(service, draft_id).ko.endswith(" 첫 시도!?"), timeout=2000
    )
    assert "Saved" in window.save_state.text()
    assert not window.message_bar.isVisible()  # a save that worked ends the message


def test_ctrl_s_keeps_a_revision(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    type_at_end(subject_ko(window), " 저장")
    QTest.keyClick(subject_ko(window), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    reasons = [r.reason for r in service.revisions(draft_id)]
    assert reasons[0] == "saved"
    assert service.revisions(draft_id)[0].payload["subject"]["ko"].endswith(" 저장")


def test_a_revision_every_five_minutes_of_editing(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    now = [1000.0]
    window.autosaver.clock = lambda: now[0]
    window.autosaver.start(service.load(draft_id))
    type_at_end(subject_ko(window), "가")
    window.flush()
    assert [r.reason for r in service.revisions(draft_id)] == ["imported"]
    now[0] += 301
    type_at_end(subject_ko(window), "나")
    window.flush()
    assert [r.reason for r in service.revisions(draft_id)] == ["autosaved", "imported"]


def test_status_is_saved_with_the_draft(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    status = window.form.status
    status.setCurrentIndex(status.findData("ready"))
    status.activated.emit(status.currentIndex())
    assert service.load(draft_id).record.status == "ready"


def test_start_reopens_the_last_draft_as_last_autosaved(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    type_at_end(subject_ko(window), " 마지막")
    window.close()
    again = open_window()
    assert again.loaded is not None and again.loaded.id == draft_id
    assert again.form.document == service.load(draft_id).document
    assert subject_ko(again).text().endswith(" 마지막")


# -- another writer saved meanwhile ----------------------------------------------------


def other_writer_saves(service: DraftService, draft_id: int, subject: str) -> None:
    loaded = service.load(draft_id)
    document = replace(loaded.document, subject=BilingualText.of(subject, "Theirs"))
    service.save(draft_id, document, expected_version=loaded.version)


def test_conflict_keep_mine_saves_over_theirs_and_keeps_theirs_as_a_revision(
    qtbot, open_window, service, monkeypatch
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(
        autosave, "ask_conflict_choice", lambda *_a: asked.append(True) or ConflictChoice.KEEP_MINE
    )
    window = open_window()
    draft_id = open_sample(window)
    other_writer_saves(service, draft_id, "그쪽 제목")
    type_at_end(subject_ko(window), " 내 글")
    assert window.flush()
    assert asked == [True]
    assert stored_subject(service, draft_id).ko.endswith(" 내 글")
    theirs = [r for r in service.revisions(draft_id) if r.payload["subject"]["ko"] == "그쪽 제목"]
    assert theirs, "their version must stay readable in the revisions"
    type_at_end(subject_ko(window), "!")
    assert window.flush() and asked == [True]  # asked once; the next save just works


def test_conflict_open_theirs_keeps_mine_as_a_new_draft(
    qtbot, open_window, service, monkeypatch
) -> None:
    monkeypatch.setattr(autosave, "ask_conflict_choice", lambda *_a: ConflictChoice.OPEN_THEIRS)
    window = open_window()
    draft_id = open_sample(window)
    other_writer_saves(service, draft_id, "그쪽 제목")
    type_at_end(subject_ko(window), " 내 글")
    assert window.flush()
    assert window.loaded is not None and window.loaded.id == draft_id
    assert window.form.document.subject.ko == "그쪽 제목"  # theirs is open
    assert stored_subject(service, draft_id).ko == "그쪽 제목"
    copies = [s for s in service.list() if s.id != draft_id]
    assert len(copies) == 1
    assert stored_subject(service, copies[0].id).ko.endswith(" 내 글")  # mine is kept
    assert window.history.stack.count() == 0


def test_six_minutes_of_typing_leave_an_autosaved_revision(qtbot, open_window, service) -> None:
    window = open_window()
    window.commands["new"].trigger()
    draft_id = window.loaded.id
    now = [5000.0]
    window.autosaver.clock = lambda: now[0]
    editor = subject_ko(window)
    for char in "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차":
        now[0] += 10  # a key every ten seconds, six minutes in all
        type_at_end(editor, char)
        window.flush()  # what the idle and max-age timers do
    reasons = [r.reason for r in service.revisions(draft_id)]
    assert reasons.count("autosaved") == 1 and reasons[-1] == "created"
    assert service.revisions(draft_id)[0].payload["subject"]["ko"].startswith("가나다라마바")


def test_an_edited_draft_left_keeps_a_revision(qtbot, open_window, service) -> None:
    other = service.create(replace(sample_letter(), subject=BilingualText.of("다른 초안", "Other")))
    window = open_window()
    draft_id = open_sample(window)
    type_at_end(subject_ko(window), " 바꿈")
    assert window.flush()  # saved, but no revision yet
    assert [r.reason for r in service.revisions(draft_id)] == ["imported"]
    row = window.drafts.model.row_of(other.id)
    window.drafts.view.setCurrentIndex(
        window.drafts.proxy.mapFromSource(window.drafts.model.index(row, 0))
    )
    revisions = service.revisions(draft_id)
    assert [r.reason for r in revisions] == ["left after editing", "imported"]
    assert revisions[0].payload["subject"]["ko"].endswith(" 바꿈")
    window.close()  # the other draft was only read: no revision for it
    assert [r.reason for r in service.revisions(other.id)] == ["created"]


def test_closing_the_window_after_editing_keeps_a_revision(qtbot, open_window, service) -> None:
    window = open_window()
    draft_id = open_sample(window)
    type_at_end(subject_ko(window), " 닫기 전")
    window.close()
    revisions = service.revisions(draft_id)
    assert revisions[0].reason == "left after editing"
    assert revisions[0].payload["subject"]["ko"].endswith(" 닫기 전")
