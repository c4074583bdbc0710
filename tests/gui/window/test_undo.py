"""Delete, Undo and the trash; one undo history per draft; blank drafts nobody typed in."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop_app.domain import BilingualText, Letter
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import DraftService
from tests.helpers.cli import dari
from tests.helpers.qt import forbid_window_questions, type_at_end, type_text
from tests.helpers.samples import sample_letter


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(monkeypatch)


def subject_ko(window: MainWindow) -> QWidget:
    return window.form.fields["subject"].editors["ko"]


def choose(window: MainWindow, draft_id: int) -> None:
    """Click a draft's row in the list (as the mouse does: it becomes current)."""
    panel = window.drafts
    index = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(draft_id), 0))
    assert index.isValid()
    panel.view.setCurrentIndex(index)


def press(widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    QTest.keyClick(widget, key, modifier)


def test_delete_in_the_list_trashes_and_ctrl_z_brings_it_back(qtbot, open_window, service):
    window = open_window()
    window.commands["new_sample"].trigger()
    draft_id = window.loaded.id
    press(window.drafts.view, Qt.Key.Key_Delete)
    assert service.list() == [] and [s.id for s in service.list(trashed=True)] == [draft_id]
    assert window.loaded is None
    notice = window.undo_notice
    assert notice.isVisible()
    assert notice.text.text() == "Moved “Request concerning the forced repatriat…” to the trash."
    assert notice.button.text() == "Undo"
    press(window.drafts.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in service.list()] == [draft_id] and service.list(trashed=True) == []
    assert window.loaded is not None and window.loaded.id == draft_id
    assert window.drafts.selected_id() == draft_id
    assert not notice.isVisible()
    assert "is back from the trash" in window.statusBar().currentMessage()


def test_the_status_bar_undo_link_restores_the_draft(qtbot, open_window, service) -> None:
    window = open_window("ko")
    window.commands["new_sample"].trigger()
    draft_id = window.loaded.id
    window.commands["trash"].trigger()
    assert window.undo_notice.text.text() == (
        "“중국 내 탈북민 강제북송 중단과 베트남 국가별 정례인권검토(UPR)에…” "
        "초안을 휴지통으로 옮겼습니다."
    )
    assert window.undo_notice.button.text() == "실행 취소"
    qtbot.mouseClick(window.undo_notice.button, Qt.MouseButton.LeftButton)
    assert [s.id for s in service.list()] == [draft_id]
    assert window.loaded is not None and window.loaded.id == draft_id
    assert not window.undo_notice.isVisible()


def test_delete_while_typing_deletes_a_character_not_the_draft(qtbot, open_window, service):
    window = open_window()
    window.commands["new_sample"].trigger()
    editor = subject_ko(window)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_Home)
    before = editor.text()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.text() == before[1:]
    assert len(service.list()) == 1 and service.list(trashed=True) == []
    assert window.loaded is not None


def test_a_trashed_draft_is_previewed_read_only(qtbot, open_window, service) -> None:
    gone = BilingualText.of("버린 초안", "Gone")
    trashed = service.create(replace(sample_letter(), subject=gone))
    service.trash(trashed.id)
    window = open_window()
    window.commands["new_sample"].trigger()
    panel = window.drafts
    qtbot.mouseClick(panel.tabs, Qt.MouseButton.LeftButton, pos=panel.tabs.tabRect(1).center())
    choose(window, trashed.id)
    assert window.loaded is None  # nothing is open for editing
    assert window.centre.currentWidget() is window.trashed  # says where it is, not "start"
    assert "“Gone” is in the trash" in window.trashed.text.text()
    window.preview.refresh_now()
    assert "버린 초안" in window.preview.browser.toPlainText()
    assert window.preview.browser.isReadOnly()
    assert not window.commands["trash"].isEnabled() and window.commands["restore"].isEnabled()
    press(panel.view, Qt.Key.Key_Delete)  # Delete in the trash does not purge
    assert [s.id for s in service.list(trashed=True)] == [trashed.id]
    assert service.load(trashed.id).document.subject.ko == "버린 초안"
    # Its Restore button takes it out of the trash; the centre no longer names it.
    qtbot.mouseClick(window.trashed.restore_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in service.list(trashed=True)] == []
    assert window.centre.currentWidget() is window.welcome
    window.preview.refresh_now()
    assert "버린 초안" not in window.preview.browser.toPlainText()


def test_leaving_the_trash_tab_stops_showing_a_trashed_draft(qtbot, open_window, service) -> None:
    trashed = service.create(replace(sample_letter(), subject=BilingualText.of("버린", "Gone")))
    service.trash(trashed.id)
    window = open_window("ko")
    panel = window.drafts
    qtbot.mouseClick(panel.tabs, Qt.MouseButton.LeftButton, pos=panel.tabs.tabRect(1).center())
    choose(window, trashed.id)
    assert window.trashed.heading.text() == "휴지통에 있음"
    assert "“버린”" in window.trashed.text.text()
    qtbot.mouseClick(panel.tabs, Qt.MouseButton.LeftButton, pos=panel.tabs.tabRect(0).center())
    assert window.centre.currentWidget() is window.welcome
    window.preview.refresh_now()
    assert "버린" not in window.preview.browser.toPlainText()


def test_each_draft_keeps_its_own_undo_history(qtbot, open_window, service) -> None:
    other = service.create(replace(sample_letter(), subject=BilingualText.of("다른 초안", "Other")))
    window = open_window()
    window.commands["new_sample"].trigger()
    first = window.loaded.id
    type_at_end(subject_ko(window), " 하나")
    choose(window, other.id)
    type_at_end(subject_ko(window), " 둘")
    window.commands["undo"].trigger()
    assert subject_ko(window).text() == "다른 초안"
    choose(window, first)
    assert subject_ko(window).text().endswith(" 하나")
    assert window.history.stack.canUndo()
    window.commands["undo"].trigger()
    assert subject_ko(window).text() == sample_letter().subject.ko
    assert window.flush()
    assert service.load(first).document.subject.ko == sample_letter().subject.ko
    choose(window, other.id)
    window.commands["redo"].trigger()  # the other draft's undone step is still there
    assert subject_ko(window).text() == "다른 초안 둘"


def test_a_draft_changed_elsewhere_starts_a_new_undo_history(qtbot, open_window, service):
    other = service.create(replace(sample_letter(), subject=BilingualText.of("다른 초안", "Other")))
    window = open_window()
    window.commands["new_sample"].trigger()
    first = window.loaded.id
    type_at_end(subject_ko(window), " 하나")
    choose(window, other.id)
    loaded = service.load(first)  # another writer (the CLI, a second window) saves it
    theirs = replace(loaded.document, subject=BilingualText.of("그쪽 제목", "Theirs"))
    service.save(first, theirs, expected_version=loaded.version)
    choose(window, first)
    assert subject_ko(window).text() == "그쪽 제목"
    assert not window.history.stack.canUndo()  # undo cannot write the stale text back


def test_a_blank_draft_nobody_typed_in_does_not_stay(qtbot, open_window, service) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    sample = window.loaded.id
    window.commands["new"].trigger()
    blank = window.loaded.id
    choose(window, sample)  # left by switching
    assert [s.id for s in service.list()] == [sample]
    assert service.list(trashed=True) == []  # purged, not trashed
    window.commands["new"].trigger()
    window.commands["new_upr"].trigger()  # left by New again
    assert len(service.list()) == 2
    window.close()  # left by closing the window
    assert [s.id for s in service.list()] == [sample] and blank not in {
        s.id for s in service.list(trashed=True)
    }


def test_a_draft_typed_in_and_emptied_again_is_kept(qtbot, open_window, service) -> None:
    window = open_window()
    window.commands["new"].trigger()
    draft_id = window.loaded.id
    editor = subject_ko(window)
    type_text(editor, "가")
    assert window.flush()
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == ""
    window.commands["new_sample"].trigger()
    assert draft_id in {s.id for s in service.list()}
    assert [r.reason for r in service.revisions(draft_id)] == ["left after editing", "created"]


def test_discard_if_blank_removes_only_an_untouched_blank(service: DraftService) -> None:
    imported = service.create(sample_letter(), reason="imported")
    assert service.discard_if_blank(imported.id, sample_letter()).removed is None
    written = service.create(sample_letter())  # "created", version 1, but not blank
    assert service.discard_if_blank(written.id, Letter()).removed is None
    blank = service.create(Letter())
    saved = service.save(blank.id, blank.document, expected_version=1)
    assert service.discard_if_blank(saved.id, Letter()).removed is None
    fresh = service.create(Letter())
    changes = service.discard_if_blank(fresh.id, Letter())
    assert changes.removed == fresh.id and changes.draft_list
    assert {s.id for s in service.list()} == {imported.id, written.id, blank.id}
    assert service.list(trashed=True) == []


def test_the_cli_trash_and_restore_are_unaffected(service: DraftService, data_dir) -> None:
    loaded = service.create(sample_letter(), reason="imported")
    assert dari("trash", str(loaded.id), data_dir=data_dir).returncode == 0
    assert service.is_trashed(loaded.id)
    assert dari("restore", str(loaded.id), data_dir=data_dir).returncode == 0
    assert not service.is_trashed(loaded.id)
