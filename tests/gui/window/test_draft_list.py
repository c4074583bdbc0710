"""The draft list: model (checked by qtmodeltester), filters, search through the box, the trash."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from desktop_app.domain import BilingualText, BodyItem, Letter
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.window import draft_list
from desktop_app.gui.window.draft_list import (
    CHANGED,
    ID_ROLE,
    STATUS,
    TITLE,
    TRANSLATION,
    DraftListModel,
    DraftListPanel,
)
from desktop_app.services import DraftService
from tests.helpers.qt import type_text
from tests.helpers.samples import sample_letter


def letter(ko: str, en: str = "", body: str = "") -> Letter:
    return Letter(
        subject=BilingualText.of(ko, en),
        body=(BodyItem(BilingualText.of(body, "")),) if body else (),
    )


@pytest.fixture
def panel(qtbot, service: DraftService, ui: UiLanguage) -> DraftListPanel:
    widget = DraftListPanel(service, ui)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def titles(panel: DraftListPanel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, TITLE).data() for row in range(proxy.rowCount())]


def test_the_model_passes_qtmodeltester(qtmodeltester, service: DraftService, ui) -> None:
    service.create(letter("외교부 서한", "Letter to the Minister"))
    service.create(letter("", "Only English"))
    trashed = service.create(letter("버린 초안"))
    service.trash(trashed.id)
    model = DraftListModel(service, ui)
    model.reload()
    qtmodeltester.check(model)
    model.reload(search="서한")
    qtmodeltester.check(model)
    model.reload(search="", trashed=True)
    qtmodeltester.check(model)


def test_the_proxy_passes_qtmodeltester(qtmodeltester, panel, service) -> None:
    service.create(letter("하나"))
    panel.reload()
    qtmodeltester.check(panel.proxy)


def test_titles_follow_the_ui_language_with_the_other_as_fallback(panel, service, ui) -> None:
    service.create(letter("국문 제목", "English title"))
    service.create(letter("", "English only"))
    service.create(letter("", ""))
    panel.reload()
    assert sorted(titles(panel)) == sorted(["English title", "English only", "(untitled)"])
    ui.set_language("ko")
    panel.retranslate()
    assert "국문 제목" in titles(panel) and "English only" in titles(panel)


def test_rows_show_kind_status_and_local_time_newest_first(panel, service) -> None:
    first = service.create(letter("첫째"))
    second = service.create(letter("둘째"))
    service.save(first.id, letter("첫째 고침"), expected_version=first.version, status="sent")
    panel.reload()
    proxy = panel.proxy
    assert titles(panel) == ["첫째 고침", "둘째"]
    assert proxy.index(0, STATUS).data() == "Sent"
    assert proxy.index(0, 1).data() == "Letter"
    stamp = service.load(first.id).record.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert proxy.index(0, CHANGED).data() == stamp
    assert proxy.index(1, TITLE).data(ID_ROLE) == second.id


def test_search_box_finds_a_korean_substring(qtbot, panel, service) -> None:
    service.create(letter("중국 내 강제북송", body="탈북민을 강제로 돌려보내지 말 것"))
    service.create(letter("다른 서한", "Another letter", body="유엔난민기구"))
    panel.reload()
    assert len(titles(panel)) == 2
    panel.search.setFocus()
    type_text(panel.search, "탈북")
    qtbot.waitUntil(lambda: titles(panel) == ["중국 내 강제북송"], timeout=2000)
    panel.search.clear()
    type_text(panel.search, "another")
    qtbot.waitUntil(lambda: titles(panel) == ["Another letter"], timeout=2000)
    type_text(panel.search, "zzz")
    qtbot.waitUntil(lambda: titles(panel) == [], timeout=2000)
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == "No draft matches."


def test_kind_and_status_filters(panel, service) -> None:
    ready = service.create(letter("준비된 서한"))
    service.save(ready.id, ready.document, expected_version=ready.version, status="ready")
    service.create(letter("초안"))
    panel.reload()
    panel.status.setCurrentIndex(panel.status.findData("ready"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert titles(panel) == ["준비된 서한"]
    panel.kind.setCurrentIndex(panel.kind.findData("letter"))
    panel.kind.activated.emit(panel.kind.currentIndex())
    assert titles(panel) == ["준비된 서한"]
    panel.status.setCurrentIndex(0)
    panel.status.activated.emit(0)
    assert len(titles(panel)) == 2


def test_trash_tab_lists_trashed_drafts_with_restore(qtbot, panel, service) -> None:
    kept = service.create(letter("남길 초안"))
    gone = service.create(letter("버릴 초안"))
    service.trash(gone.id)
    panel.reload()
    assert titles(panel) == ["남길 초안"]
    assert panel.restore.isHidden()
    panel.tabs.setCurrentIndex(1)
    assert titles(panel) == ["버릴 초안"]
    assert not panel.restore.isHidden()
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    with qtbot.waitSignal(panel.restore_requested) as blocker:
        panel.restore.click()
    assert blocker.args == [gone.id]
    assert kept.id != gone.id


def test_choosing_a_row_reports_the_draft(qtbot, panel, service) -> None:
    draft = service.create(letter("하나"))
    panel.reload()
    with qtbot.waitSignal(panel.draft_chosen) as blocker:
        panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    assert blocker.args == [draft.id]


def test_a_saved_draft_updates_its_row_in_place(panel, service) -> None:
    draft = service.create(sample_letter())
    panel.reload()
    document = replace(draft.document, subject=BilingualText.of("새 제목", "New subject"))
    saved = service.save(draft.id, document, expected_version=draft.version)
    panel.saved(saved.record)
    assert titles(panel) == ["New subject"]


def test_empty_list_says_how_to_start(panel) -> None:
    assert panel.stack.currentWidget() is panel.empty
    assert "New" in panel.empty.text() or "new" in panel.empty.text()


def test_headers_sort_and_a_saved_draft_moves_to_the_top(qtmodeltester, panel, service) -> None:
    first = service.create(letter("가 첫째"))
    service.create(letter("나 둘째"))
    panel.reload()
    qtmodeltester.check(panel.model)  # stays connected: the move below is checked too
    assert titles(panel) == ["나 둘째", "가 첫째"]
    header = panel.view.header()
    header.setSortIndicator(TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(panel) == ["가 첫째", "나 둘째"]
    header.setSortIndicator(TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(panel) == ["나 둘째", "가 첫째"]
    header.setSortIndicator(CHANGED, Qt.SortOrder.DescendingOrder)
    saved = service.save(first.id, letter("가 고침"), expected_version=first.version)
    panel.saved(saved.record)
    assert titles(panel) == ["가 고침", "나 둘째"]


# -- reading the list, and not moving it under the pointer -----------------------------------

LONG_A = "Request concerning the forced repatriation of North Korean escapees from China"
LONG_B = "Request concerning the forced repatriation of North Korean escapees from Viet Nam"


def shown_text(panel: DraftListPanel, row: int) -> str:
    """The title as the view paints it in its column (elided as the view elides)."""
    index = panel.proxy.index(row, TITLE)
    width = panel.view.header().sectionSize(TITLE) - 8
    return panel.view.fontMetrics().elidedText(index.data(), panel.view.textElideMode(), width)


def test_titles_that_start_alike_look_different_and_the_status_column_shows(
    qtbot, panel, service
) -> None:
    service.create(letter("", LONG_A))
    service.create(letter("", LONG_B))
    panel.resize(340, 500)
    panel.reload()
    qtbot.waitUntil(lambda: panel.view.header().sectionSize(TITLE) >= 140)
    first, second = shown_text(panel, 0), shown_text(panel, 1)
    assert "…" in first and first != second  # elided in the middle: the endings differ
    assert first.endswith(LONG_B[-3:]) and second.endswith(LONG_A[-3:])
    assert panel.proxy.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole) == LONG_B
    header = panel.view.header()
    assert header.visualIndex(TRANSLATION) == 1  # right after the title
    right = header.sectionViewportPosition(TRANSLATION) + header.sectionSize(TRANSLATION)
    assert right <= panel.view.viewport().width()  # readable without scrolling


def enter(widget, inside: bool) -> None:
    if inside:
        event = QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5))
    else:
        event = QEvent(QEvent.Type.Leave)
    QApplication.sendEvent(widget, event)


def test_a_save_does_not_move_rows_under_the_pointer_and_moves_them_after(panel, service) -> None:
    older = service.create(letter("가 먼저"))
    service.create(letter("나 나중"))
    panel.reload()
    assert titles(panel) == ["나 나중", "가 먼저"]
    enter(panel.view.viewport(), True)
    saved = service.save(older.id, letter("가 고침"), expected_version=older.version)
    panel.saved(saved.record)
    assert titles(panel) == ["나 나중", "가 고침"]  # the new title, in the old place
    enter(panel.view.viewport(), False)
    assert titles(panel) == ["가 고침", "나 나중"]  # the pointer left: newest first again


def test_a_save_does_not_move_rows_while_the_list_has_the_focus(qtbot, panel, service) -> None:
    older = service.create(letter("가 먼저"))
    service.create(letter("나 나중"))
    panel.reload()
    panel.activateWindow()
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    saved = service.save(older.id, letter("가 고침"), expected_version=older.version)
    panel.saved(saved.record)
    assert titles(panel) == ["나 나중", "가 고침"]
    panel.search.setFocus()
    qtbot.waitUntil(lambda: titles(panel) == ["가 고침", "나 나중"])


def test_an_open_draft_filtered_out_by_a_search_is_named_above_the_list(
    qtbot, panel, service
) -> None:
    opened = service.create(letter("열린 초안", "The open one"))
    service.create(letter("다른 초안", "Another"))
    panel.reload()
    panel.select(opened.id)  # the window opened it
    assert not panel.hint.isVisible()
    chosen: list[int] = []
    panel.draft_chosen.connect(chosen.append)
    panel.search.setText("Another")
    qtbot.waitUntil(lambda: titles(panel) == ["Another"])
    assert panel.hint.isVisible()
    assert "The open one" in panel.hint.text() and "not among the results" in panel.hint.text()
    panel.hint.linkActivated.emit("clear")  # "Clear search"
    assert panel.search.text() == "" and len(titles(panel)) == 2
    assert not panel.hint.isVisible()
    assert panel.selected_id() == opened.id and chosen == []  # nothing else was opened


# -- a search that found more drafts than the list shows says so above it (issue 14) --


def test_a_capped_search_lists_the_newest_and_says_there_are_more(
    qtbot, panel: DraftListPanel, service: DraftService, ui: UiLanguage, monkeypatch
) -> None:
    monkeypatch.setattr(draft_list, "SEARCH_LIMIT", 3)
    for n in range(5):
        service.create(letter(f"서한 {n}", body="탈북민 보호" + (" 특별" if n < 2 else "")))
    service.create(letter("다른 글", body="유엔난민기구"))
    panel.reload()
    assert len(titles(panel)) == 6 and not panel.capped.isVisible()  # no search: no cap
    panel.search.setFocus()
    type_text(panel.search, "탈북")
    qtbot.waitUntil(lambda: titles(panel) == ["서한 4", "서한 3", "서한 2"], timeout=2000)
    assert panel.capped.isVisible()
    assert panel.capped.text() == (
        "Showing the newest 3 of more drafts found; add a word to narrow the search."
    )
    assert QApplication.activeModalWidget() is None  # said beside the list, nothing to answer
    assert panel.search.text() == "탈북" and panel.search.hasFocus()  # typing goes on
    ui.set_language("ko")
    panel.retranslate()
    assert panel.capped.isVisible() and "3" in panel.capped.text()
    assert "검색" in panel.capped.text() and "Showing" not in panel.capped.text()
    type_text(panel.search, " 특별")  # a word more: two drafts, all of them shown
    qtbot.waitUntil(lambda: titles(panel) == ["서한 1", "서한 0"], timeout=2000)
    assert not panel.capped.isVisible()
    panel.clear_search()
    assert len(titles(panel)) == 6 and not panel.capped.isVisible()


def test_a_search_finding_exactly_the_cap_says_nothing_more(
    panel: DraftListPanel, service: DraftService, monkeypatch
) -> None:
    monkeypatch.setattr(draft_list, "SEARCH_LIMIT", 2)
    for n in range(2):
        service.create(letter(f"서한 {n}", body="강제송환"))
    service.create(letter("다른 글", body="유엔난민기구"))
    panel.search.setText("송환")
    panel.reload()
    assert titles(panel) == ["서한 1", "서한 0"] and not panel.capped.isVisible()
