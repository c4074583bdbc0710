"""The draft list: model (checked by qtmodeltester), filters, search through the box, the trash."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain import BilingualText, BodyItem, Letter
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.window.draft_list import (
    CHANGED,
    ID_ROLE,
    STATUS,
    TITLE,
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
