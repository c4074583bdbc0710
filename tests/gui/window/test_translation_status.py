"""Translation status at a glance in the draft list, and the glossary in the export summary."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop_app.domain import BilingualText, BodyItem, Letter, to_json
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.settings import Settings
from desktop_app.gui.window.draft_list import TRANSLATION, DraftListModel, DraftListPanel
from desktop_app.services import Services, build_services
from desktop_app.storage import Database


@pytest.fixture
def services(db: Database) -> Services:
    """Every service, with the seed glossary, as the window has them."""
    return build_services(db)


def letter(subject: BilingualText, *body: BilingualText) -> Letter:
    return Letter(subject=subject, body=tuple(BodyItem(text) for text in body))


def status_of(model: DraftListModel, draft_id: int) -> tuple[str, str]:
    index = model.index(model.row_of(draft_id), TRANSLATION)
    return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)


def test_the_list_shows_completeness_and_warnings(qtbot, qtmodeltester, db, services, ui) -> None:
    drafts = services.drafts
    complete = drafts.create(letter(BilingualText.of("공개 서한", "An open letter")))
    half = drafts.create(
        letter(BilingualText.of("공개 서한", "Open letter"), BilingualText.of("본문", ""))
    )
    stale = BilingualText.of("탈북민 보호", "Protection of refugees").with_text(
        "ko", "탈북민 보호 촉구"
    )
    warned = drafts.create(letter(stale))  # out of date, and 탈북민's English missing
    unknown = db.drafts.create(  # stored before translation status existed
        "letter", to_json(Letter()), format_version=1, title_ko="옛 초안", title_en=""
    )
    model = DraftListModel(drafts, ui)
    model.reload()
    qtmodeltester.check(model)
    assert status_of(model, complete.id)[0] == "KO 100% · EN 100%"
    assert status_of(model, half.id)[0] == "KO 100% · EN 50%"
    text, tip = status_of(model, warned.id)
    assert text == "KO 100% · EN 100% ⚠ 2"
    assert tip.endswith("2 glossary or out-of-date warnings.")
    assert model.index(model.row_of(warned.id), TRANSLATION).data(Qt.ItemDataRole.ForegroundRole)
    assert status_of(model, unknown.id)[0] == "KO — · EN —"

    ui.set_language("ko")
    assert status_of(model, half.id)[0] == "국 100% · 영 50%"


def test_the_row_follows_a_save_without_listing_again(qtbot, services, ui) -> None:
    drafts = services.drafts
    loaded = drafts.create(letter(BilingualText.of("제목", "")))
    panel = DraftListPanel(drafts, ui)
    qtbot.addWidget(panel)
    assert status_of(panel.model, loaded.id)[0] == "KO 100% · EN 0%"
    saved = drafts.save(
        loaded.id, letter(BilingualText.of("제목", "Title")), expected_version=loaded.version
    )
    panel.saved(saved.record)
    assert status_of(panel.model, loaded.id)[0] == "KO 100% · EN 100%"


def test_sorting_by_translation_puts_the_least_translated_first(qtbot, services, ui) -> None:
    drafts = services.drafts
    ids = [
        drafts.create(letter(BilingualText.of("가", "A"))).id,
        drafts.create(letter(BilingualText.of("나", ""))).id,
    ]
    panel = DraftListPanel(drafts, ui)
    qtbot.addWidget(panel)
    panel.view.sortByColumn(TRANSLATION, Qt.SortOrder.AscendingOrder)
    order = [panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)]
    assert order == [ids[1], ids[0]]


def test_export_summary_lists_glossary_and_out_of_date_fields(
    qtbot, monkeypatch, services, ui, tmp_path: Path
) -> None:
    subject = BilingualText.of("탈북민 보호", "Protection of refugees").with_text(
        "ko", "탈북민 보호 촉구"
    )
    document = dataclasses.replace(letter(subject, BilingualText.of("본문", "Body")), date=None)
    loaded = services.drafts.create(document)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.export_folder = str(tmp_path)
    dialog = ExportDialog(services.drafts, loaded.id, settings, ui)
    qtbot.addWidget(dialog)
    lines = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
    assert "English subject may be out of date." in lines
    assert (
        "subject: “탈북민” is usually “North Korean escapees” in English, which the English "
        "text lacks." in lines
    )
    dialog.language_group.button(0).click()  # Korean only: the English-side warnings go
    lines = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
    assert not any("탈북민" in line or "out of date" in line for line in lines)

    dialog.language_group.button(1).click()
    questions: list[str] = []
    monkeypatch.setattr(export_dialog, "ask", lambda p, t, text, yes: questions.append(text))
    dialog.export_button.click()  # answered "no": nothing written
    assert "North Korean escapees" in questions[0] and "Export anyway?" in questions[0]
