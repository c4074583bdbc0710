"""The Revisions dialog against a real database: list, show, compare, restore."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtWidgets import QDialog

from desktop_app.domain import BilingualText
from desktop_app.gui.dialogs import revisions as revisions_dialog
from desktop_app.gui.dialogs.revisions import RevisionsDialog, reason_text, saved_when
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.widgets.diff_view import diff_html, diff_lines
from desktop_app.paths import sample_path
from desktop_app.services import DraftService

OLD_SUBJECT = "Request concerning the forced repatriation"
NEW_SUBJECT = "Renewed request on forced repatriation"


@pytest.fixture(autouse=True)
def no_unexpected_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang the test: fail instead."""

    def unexpected(parent: object, title: str, text: str, *args: object) -> None:
        raise AssertionError(f"unexpected message: {text}")

    for name in ("inform", "ask"):
        monkeypatch.setattr(revisions_dialog, name, unexpected)


@pytest.fixture
def draft_id(service: DraftService) -> int:
    """The sample, imported, then saved with a new English subject (two revisions)."""
    loaded = service.import_file(sample_path())
    document = loaded.document
    assert document.subject.en.startswith(OLD_SUBJECT)
    changed = dataclasses.replace(document, subject=document.subject.with_text("en", NEW_SUBJECT))
    service.save(loaded.id, changed, expected_version=loaded.version, revision_reason="saved")
    return loaded.id


def make_dialog(qtbot, service: DraftService, draft_id: int, ui: UiLanguage) -> RevisionsDialog:
    dialog = RevisionsDialog(service, draft_id, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rows(dialog: RevisionsDialog) -> list[list[str]]:
    items = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    return [[item.text(c) for c in range(3)] for item in items]


def test_lists_revisions_newest_first(qtbot, service: DraftService, draft_id: int, ui) -> None:
    dialog = make_dialog(qtbot, service, draft_id, ui)
    assert [row[1:] for row in rows(dialog)] == [["2", "saved"], ["1", "imported"]]
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", rows(dialog)[0][0])
    assert dialog.selected() == service.revisions(draft_id)[0]


def test_shows_the_text_of_the_selected_revision(
    qtbot, service: DraftService, draft_id: int, ui
) -> None:
    dialog = make_dialog(qtbot, service, draft_id, ui)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    text = dialog.view.toPlainText()
    assert OLD_SUBJECT in text
    assert "외교부" in text  # the Korean side too
    assert NEW_SUBJECT not in text


def test_compare_shows_the_changed_line(qtbot, service: DraftService, draft_id: int, ui) -> None:
    dialog = make_dialog(qtbot, service, draft_id, ui)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    dialog.compare_button.click()
    lines = dialog.view.toPlainText().splitlines()
    removed = [line for line in lines if line.startswith("− ")]
    added = [line for line in lines if line.startswith("+ ")]
    assert len(removed) == 1 and OLD_SUBJECT in removed[0]
    assert len(added) == 1 and NEW_SUBJECT in added[0]
    assert "#fde0de" in dialog.view.toHtml()  # removed lines are coloured
    dialog.compare_button.click()
    assert "− " not in dialog.view.toPlainText()


def test_restore_brings_back_the_old_subject(
    qtbot, monkeypatch, service: DraftService, draft_id: int, ui
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(
        revisions_dialog, "ask", lambda p, t, text, yes: questions.append(text) or True
    )
    dialog = make_dialog(qtbot, service, draft_id, ui)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    old_revision = dialog.selected()
    with qtbot.waitSignal(dialog.restored) as signal:
        dialog.restore_button.click()
    assert signal.args == [draft_id, saved_when(old_revision.created_at, "en")]
    assert len(questions) == 1
    loaded = service.load(draft_id)
    assert loaded.document.subject.en.startswith(OLD_SUBJECT)
    assert loaded.version == 3
    reasons = [r.reason for r in service.revisions(draft_id)]
    assert reasons == [f"restored from revision {old_revision.id}", "saved", "imported"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_restore_keeps_unrevisioned_text_as_a_revision(
    qtbot, monkeypatch, service: DraftService, draft_id: int, ui
) -> None:
    loaded = service.load(draft_id)
    autosaved = dataclasses.replace(
        loaded.document, subject=BilingualText.of(loaded.document.subject.ko, "Autosaved words")
    )
    service.save(draft_id, autosaved, expected_version=loaded.version)  # no revision
    monkeypatch.setattr(revisions_dialog, "ask", lambda *args: True)
    dialog = make_dialog(qtbot, service, draft_id, ui)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()
    kept = service.revisions(draft_id)[1]
    assert kept.reason.startswith("before restoring revision")
    assert kept.payload["subject"]["en"] == "Autosaved words"


def test_saying_no_restores_nothing(qtbot, monkeypatch, service: DraftService, draft_id, ui):
    monkeypatch.setattr(revisions_dialog, "ask", lambda *args: False)
    dialog = make_dialog(qtbot, service, draft_id, ui)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    with qtbot.assertNotEmitted(dialog.restored):
        dialog.restore_button.click()
    assert service.load(draft_id).version == 2


def test_a_save_elsewhere_meanwhile_is_not_overwritten(
    qtbot, monkeypatch, service: DraftService, draft_id: int, ui
) -> None:
    told: list[str] = []
    monkeypatch.setattr(revisions_dialog, "ask", lambda *args: True)
    monkeypatch.setattr(revisions_dialog, "inform", lambda p, t, text: told.append(text))
    dialog = make_dialog(qtbot, service, draft_id, ui)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    loaded = service.load(draft_id)
    elsewhere = dataclasses.replace(
        loaded.document, subject=loaded.document.subject.with_text("en", "Written elsewhere")
    )
    service.save(draft_id, elsewhere, expected_version=loaded.version, revision_reason="saved")
    with qtbot.assertNotEmitted(dialog.restored):
        dialog.restore_button.click()
    assert len(told) == 1 and "nothing was restored" in told[0]
    assert service.load(draft_id).document.subject.en == "Written elsewhere"
    assert len(rows(dialog)) == 3  # the list was read again
    assert dialog.isVisible()


def test_reasons_in_the_ui_language() -> None:
    def quote(text: str) -> str:
        return f"«{text}»"

    assert reason_text("exported: a.docx", quote) == "«exported to a.docx»"
    assert reason_text("restored from revision 4", quote) == "«restored from revision 4»"
    times = {4: "18 April 2024, 10:32"}
    assert reason_text("restored from revision 4", quote, times) == (
        "«restored from the revision of {when}»".replace("{when}", times[4])
    )
    assert reason_text("before restoring revision 5", quote, times) == (
        "«before restoring revision 5»"  # revision 5 is not listed: its number stays
    )
    assert reason_text("before restoring revision 4", quote, times) == (
        f"«before restoring the revision of {times[4]}»"
    )
    assert reason_text("something new", quote) == "something new"


def test_revision_times_read_as_dates() -> None:
    from datetime import UTC, datetime

    moment = datetime(2024, 4, 18, 1, 32, tzinfo=UTC)
    local = moment.astimezone()
    assert saved_when(moment, "en") == f"{local.day} {local:%B} {local.year}, {local:%H:%M}"
    assert saved_when(moment, "ko") == f"{local.year}. {local.month}. {local.day}. {local:%H:%M}"


def test_the_korean_dialog_shows_dates_and_korean_reasons(
    qtbot, monkeypatch, service: DraftService, draft_id: int, ui
) -> None:
    loaded = service.load(draft_id)
    service.save(
        draft_id, loaded.document, expected_version=loaded.version, revision_reason="autosaved"
    )
    loaded = service.load(draft_id)
    service.save(
        draft_id,
        loaded.document,
        expected_version=loaded.version,
        revision_reason="left after editing",
    )
    service._db.drafts.add_revision(draft_id, "exported: 서한 (ko).docx")
    first = service.revisions(draft_id)[-1]
    monkeypatch.setattr(revisions_dialog, "ask", lambda *args: True)
    restore = make_dialog(qtbot, service, draft_id, ui)
    restore.list.setCurrentItem(restore.list.topLevelItem(restore.list.topLevelItemCount() - 1))
    restore.restore_button.click()
    ui.set_language("ko")
    dialog = make_dialog(qtbot, service, draft_id, ui)
    listed = rows(dialog)
    when = saved_when(first.created_at, "ko")
    assert [row[2] for row in listed] == [
        f"{when} 판에서 복원",
        "내보냄: 서한 (ko).docx",
        "편집 후 나갈 때 저장",
        "자동 저장",
        "저장",
        "가져옴",
    ]
    assert all(re.fullmatch(r"\d{4}\. \d{1,2}\. \d{1,2}\. \d\d:\d\d", row[0]) for row in listed)
    header = dialog.list.header()
    for row in range(dialog.list.topLevelItemCount()):  # no reason is cut off
        item = dialog.list.topLevelItem(row)
        width = dialog.list.fontMetrics().horizontalAdvance(item.text(2))
        assert width < header.sectionSize(2)
        assert item.toolTip(2) == item.text(2)


def test_diff_of_identical_texts_says_so() -> None:
    assert diff_lines("a\nb", "a\nb") == []
    assert "agree" in diff_html([], no_change="They agree.")
