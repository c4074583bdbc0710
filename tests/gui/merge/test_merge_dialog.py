"""The mail merge dialog and the export log view, on a real database and real .docx files:
a list of three offices, the progress dialog, Cancel after the first file, Mark sent, CSV."""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.domain.contacts import Position
from desktop_app.gui import prompts
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.merge import dialog as merge_dialog
from desktop_app.gui.merge import log as log_view
from desktop_app.gui.merge.dialog import MergeDialog
from desktop_app.gui.merge.log import ExportLogDialog, MarkSentDialog
from desktop_app.gui.merge.worker import SWITCH_INTERVAL
from desktop_app.gui.settings import Settings
from desktop_app.paths import sample_path
from desktop_app.services import Services, open_services
from tests.helpers.qt import type_text

LIST = "Ministers, sample"
OFFICES = ("외교부 장관", "국무총리", "대통령")


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    opened = open_services(data_dir)
    try:
        opened.contacts.import_sample()
        positions = {p.title.ko: p for p in opened.contacts.all(Position)}
        opened.contacts.create_list(LIST)
        opened.contacts.add_to_list(LIST, [f"position-{positions[t].id}" for t in OFFICES])
        yield opened
    finally:
        opened.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def settings(tmp_path: Path, out: Path) -> Settings:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.export_folder = str(out)
    return settings


@pytest.fixture(autouse=True)
def no_unexpected_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(*args: object, **kw: object) -> None:
        raise AssertionError(f"unexpected message: {args[1:]!r}")

    for name in ("inform", "ask", "choose_folder", "open_folder", "open_document"):
        monkeypatch.setattr(export_dialog, name, unexpected)
    monkeypatch.setattr(merge_dialog, "show_merged", unexpected)
    monkeypatch.setattr(prompts, "inform", unexpected)
    monkeypatch.setattr(log_view, "ask_sent", unexpected)


@pytest.fixture
def draft_id(services: Services) -> int:
    return services.drafts.import_file(sample_path()).id


def make_dialog(qtbot, services: Services, draft_id: int, settings: Settings, ui) -> MergeDialog:
    dialog = MergeDialog(services, draft_id, settings, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_merge_to_a_list_writes_one_file_each_with_the_progress_dialog_and_logs_them(
    qtbot, services: Services, draft_id: int, settings: Settings, ui, out: Path, monkeypatch
) -> None:
    monkeypatch.setattr(export_dialog, "ask", lambda *args: True)  # the sample lacks nothing?
    told: list[str] = []
    monkeypatch.setattr(merge_dialog, "show_merged", lambda p, t, text, label: told.append(text))
    dialog = make_dialog(qtbot, services, draft_id, settings, ui)
    assert not dialog.export_button.isEnabled()  # no recipient yet
    dialog.chooser.choose_list(LIST)
    names = [dialog.chooser.chosen.item(i).text() for i in range(dialog.chooser.chosen.count())]
    assert names[0] == "1. 조태열 · 외교부 장관 · 외교부" or "Cho Tae-yul" in names[0]
    assert len(names) == 3 and dialog.chooser.problems() == []
    assert "[U]" in dialog.chooser.warnings_label.text()  # the sample's unverified dates, said
    dialog.language_group.button(2).setChecked(True)  # Korean and English: two files each
    assert dialog.files_list.count() == 6
    steps: list[tuple[int, int]] = []
    dialog.file_written.connect(lambda done, total, _path: steps.append((done, total)))
    switching: list[float] = []  # the GIL handed back to the UI thread sooner while merging
    dialog.file_written.connect(lambda *_a: switching.append(sys.getswitchinterval()))
    before = sys.getswitchinterval()
    with qtbot.waitSignal(dialog.finished, timeout=60000):
        dialog.export_button.click()
        assert dialog.progress is not None and dialog.progress.isVisible()
    assert steps == [(n, 6) for n in range(1, 7)]
    assert switching == [min(before, SWITCH_INTERVAL)] * 6
    assert sys.getswitchinterval() == before  # and back after it
    files = sorted(out.glob("*.docx"))
    assert len(files) == 6 and told == ["6 files written in " + str(out) + "."]
    entries = services.log.entries(draft_id=draft_id)
    assert len(entries) == 6 and not any(e.merge_cancelled for e in entries)
    assert sorted(e.sha256 for e in entries) == sorted(sha256(f) for f in files)
    text = "\n".join(
        p.text for p in docx.Document(str(out / Path(entries[0].file_path).name)).paragraphs
    )
    assert "조태열" in text


def test_cancel_after_the_first_file_leaves_one_complete_file_and_says_so(
    qtbot, services: Services, draft_id: int, settings: Settings, ui, out: Path, monkeypatch
) -> None:
    monkeypatch.setattr(export_dialog, "ask", lambda *args: True)
    dialog = make_dialog(qtbot, services, draft_id, settings, ui)
    dialog.chooser.choose_list(LIST)
    dialog.language_group.button(0).setChecked(True)  # Korean: one file each

    def cancel_after_first(done: int, _total: int, _path: str) -> None:
        if done == 1:
            assert dialog.progress is not None
            dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel

    dialog.file_written.connect(cancel_after_first)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_merging(), timeout=60000)
    files = list(out.glob("*.docx"))
    assert len(files) == 1
    docx.Document(str(files[0]))  # complete and valid
    assert not list(out.glob(".*.tmp"))  # no partial second file
    assert dialog.result_label.text() == ("Stopped after 1 of 3 files; files 1 to 1 are complete.")
    assert dialog.isVisible()
    [entry] = services.log.entries(draft_id=draft_id)
    assert entry.merge_cancelled and entry.sha256 == sha256(files[0])


def test_a_recipient_is_picked_by_typing_korean(
    qtbot, services: Services, draft_id: int, settings: Settings, ui
) -> None:
    dialog = make_dialog(qtbot, services, draft_id, settings, ui)
    dialog.chooser.search_edit.setFocus()
    type_text(dialog.chooser.search_edit, "외교부 장")
    assert dialog.chooser.hits.count() >= 1
    assert "Minister of Foreign Affairs" in dialog.chooser.hits.item(0).text()  # UI: English
    qtbot.keyClick(dialog.chooser.search_edit, Qt.Key.Key_Return)
    [recipient] = dialog.chooser.recipients()
    assert recipient.name.ko == "조태열"  # the letter is dated 18 April 2024
    assert dialog.export_button.isEnabled(), (
        dialog.status_label.text(),
        dialog.chooser.problems(),
        dialog.planned_names(),
    )


def test_the_log_view_marks_an_entry_sent_and_exports_csv(
    qtbot, services: Services, draft_id: int, ui, out: Path, tmp_path: Path, monkeypatch
) -> None:
    from desktop_app.services import ExportRequest

    services.drafts.export(draft_id, ExportRequest(languages="both"), out)
    view = ExportLogDialog(services, ui, draft_id)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 2
    first = view.model.entry(0)
    view.select_entry(first.id)
    today = date.today()
    monkeypatch.setattr(log_view, "ask_sent", lambda *args: (today, "email", "to the desk officer"))
    view.mark_sent_button.click()
    stored = services.log.entry(first.id)
    assert (stored.sent_on, stored.channel, stored.note) == (today, "email", "to the desk officer")
    assert view.model.data(view.model.index(0, 10)) == "e-mail"
    view.sent_box.setCurrentIndex(2)  # not sent
    assert [e.id for e in view.model.entries()] != [first.id] and view.model.rowCount() == 1
    view.sent_box.setCurrentIndex(0)
    target = tmp_path / "log.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    view.csv_button.click()
    rows = list(csv.DictReader(target.read_text("utf-8-sig").splitlines()))
    assert [r["channel"] for r in rows] == ["email", ""] and rows[0]["sent_at"] == today.isoformat()
    view.select_entry(first.id)
    view.mark_unsent_button.click()
    assert services.log.entry(first.id).sent_on is None


def test_the_mark_sent_dialog_answers_date_channel_and_note(qtbot, ui: UiLanguage) -> None:
    dialog = MarkSentDialog(ui, date(2024, 4, 18))
    qtbot.addWidget(dialog)
    dialog.channel_box.setCurrentIndex(dialog.channel_box.findData("fax"))
    type_text(dialog.note_edit, "팩스 02-000")
    day, channel, note = dialog.answer()
    assert (day, channel, note) == (date.today(), "fax", "팩스 02-000")
    assert dialog.date_edit.minimumDate().toPython() == date(2024, 4, 18)


def test_the_window_opens_the_merge_from_the_file_menu(open_window, monkeypatch) -> None:
    window = open_window("en")
    window.new_from_sample()
    opened: list[MergeDialog] = []
    monkeypatch.setattr(window, "_run_dialog", opened.append)
    window.commands["merge"].trigger()
    assert isinstance(opened[0], MergeDialog)
    assert window.commands["merge"] in window.commands.menus["file"].actions()
    window.commands["export_log"].trigger()
    assert isinstance(opened[1], ExportLogDialog) and opened[1].draft_id is None
    window.commands["draft_export_log"].trigger()
    assert opened[2].draft_id == window.loaded.id
    for dialog in opened:
        dialog.deleteLater()
    QApplication.processEvents()


def test_a_long_draft_title_does_not_push_the_recipient_and_file_out_of_sight(
    qtbot, services: Services, ui: UiLanguage, out: Path
) -> None:
    from desktop_app.gui.merge.log import WIDE_COLUMN_PX, WIDE_COLUMNS
    from desktop_app.services import ExportRequest

    letter = services.drafts.import_file(sample_path()).id  # its title is a long one
    services.drafts.export(letter, ExportRequest("en"), out)
    dialog = ExportLogDialog(services, ui, None)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 500)
    dialog.show()
    table = dialog.table
    assert table.model().rowCount() == 1
    assert table.columnWidth(1) == WIDE_COLUMN_PX  # the title was wider: it is cut
    for column in WIDE_COLUMNS:
        assert table.columnWidth(column) <= WIDE_COLUMN_PX
        shown = table.model().index(0, column).data()
        tip = table.model().index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        assert shown in (tip or "")  # a plain export has no recipient: "" then
    assert table.model().index(0, 1).data().startswith("Request concerning")
    # the log's codes in words: language, layout, style
    assert [table.model().index(0, c).data() for c in (3, 4, 5)] == [
        "English",
        "Separate files",
        "English letter",
    ]
    assert table.model().headerData(1, Qt.Orientation.Horizontal) == "Draft title"
