"""A search that found more drafts than the list shows says so above the list (issue 14)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.domain import BilingualText, BodyItem, Letter
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.window import draft_list
from desktop_app.gui.window.draft_list import TITLE, DraftListPanel
from desktop_app.services import DraftService
from tests.helpers.qt import type_text


def letter(ko: str, body: str) -> Letter:
    return Letter(subject=BilingualText.of(ko, ""), body=(BodyItem(BilingualText.of(body, "")),))


@pytest.fixture
def panel(qtbot, service: DraftService, ui: UiLanguage) -> DraftListPanel:
    widget = DraftListPanel(service, ui)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def titles(panel: DraftListPanel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, TITLE).data() for row in range(proxy.rowCount())]


def test_a_capped_search_lists_the_newest_and_says_there_are_more(
    qtbot, panel: DraftListPanel, service: DraftService, ui: UiLanguage, monkeypatch
) -> None:
    monkeypatch.setattr(draft_list, "SEARCH_LIMIT", 3)
    for n in range(5):
        service.create(letter(f"서한 {n}", "탈북민 보호" + (" 특별" if n < 2 else "")))
    service.create(letter("다른 글", "유엔난민기구"))
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
        service.create(letter(f"서한 {n}", "강제송환"))
    service.create(letter("다른 글", "유엔난민기구"))
    panel.search.setText("송환")
    panel.reload()
    assert titles(panel) == ["서한 1", "서한 0"] and not panel.capped.isVisible()
