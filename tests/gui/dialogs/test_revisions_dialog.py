"""The Revisions dialog against a real database: list, show, compare, restore."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QDialog

from desktop_app.domain import BilingualText
from desktop_app.gui.dialogs import revisions as revisions_dialog
from desktop_app.gui.dialogs.revisions import RevisionsDialog, reason_text
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
    assert [row[1:] for row in rows(dialog)] == [["saved", "2"], ["imported", "1"]]
    assert len(rows(dialog)[0][0]) == len("2024-04-18 10:22")
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
    assert signal.args == [draft_id]
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

    assert reason_text("exported: a.docx", quote) == "«exported: a.docx»"
    assert reason_text("restored from revision 4", quote) == "«restored from revision 4»"
    assert reason_text("something new", quote) == "something new"


def test_diff_of_identical_texts_says_so() -> None:
    assert diff_lines("a\nb", "a\nb") == []
    assert "agree" in diff_html([], no_change="They agree.")
