"""Tools › Events in a real window over a real database: create an event, add two drafts,
export the set on the worker thread (files on disk, log rows), fill the letter's 붙임 from
the set (names match the files written; Undo takes it back)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.domain import BilingualText
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.events import dialog as events_dialog
from desktop_app.gui.events import export as set_export
from desktop_app.gui.events.dialog import EventEditor, EventsDialog
from desktop_app.gui.events.export import SetExportDialog
from desktop_app.gui.window.translation_status import status_text
from desktop_app.services import ExportRequest
from tests.helpers.samples import sample_letter, sample_upr_brief


def _select_row(dialog: EventsDialog, draft_id: int) -> None:
    for row in range(dialog.table.rowCount()):
        item = dialog.table.item(row, 0)
        if item is not None and item.data(0x0100) == draft_id:  # Qt.UserRole
            dialog.table.setCurrentCell(row, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            dialog.table.selectRow(row)
            return
    raise AssertionError(f"draft {draft_id} is not in the table")


def _events_dialog(window: Any, qtbot: Any) -> EventsDialog:
    dialog = EventsDialog(window.services, window.settings, window.ui, window, window)
    dialog.changes_made.connect(window.apply_changes)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_event_of_two_drafts_is_exported_and_fills_the_letters_enclosures(
    open_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    window = open_window("en")
    letter = window.services.drafts.create(sample_letter()).id
    brief = window.services.drafts.create(sample_upr_brief()).id
    window.drafts.reload()
    out = tmp_path / "set"
    out.mkdir()
    dialog = _events_dialog(window, qtbot)
    assert dialog.event_list.count() == 0 and not dialog.export_button.isEnabled()

    monkeypatch.setattr(
        events_dialog,
        "edit_event",
        lambda *a: (BilingualText("UPR 기자회견", "UPR press conference"), None, BilingualText()),
    )
    dialog.new_button.click()
    assert dialog.event_list.count() == 1 and "UPR press conference" in dialog.header.text()
    monkeypatch.setattr(events_dialog, "choose_drafts", lambda *a: [letter, brief])
    dialog.add_button.click()
    assert dialog.table.rowCount() == 2
    summaries = {s.id: s for s in window.services.drafts.list()}
    kinds = [dialog.table.item(r, 0).text() for r in range(2)]
    assert kinds == ["Letter", "UPR brief"]
    assert dialog.table.item(0, 2).text() == status_text(summaries[letter], window.ui.gettext)
    assert dialog.export_button.isEnabled()

    # Export the set: the export dialog's choices, the worker, the progress dialog.
    told: list[str] = []
    monkeypatch.setattr(export_dialog, "ask", lambda *a: True)
    monkeypatch.setattr(set_export, "show_set_written", lambda p, t, text, label: told.append(text))
    progress_seen: list[bool] = []

    def run(self: SetExportDialog) -> int:
        self.folder_edit.setText(str(out))
        self.language_group.button(2).setChecked(True)  # Korean and English, separate
        assert self.files_list.count() == 4
        self.export_button.click()
        progress_seen.append(self.progress is not None and self.progress.isVisible())
        qtbot.waitUntil(lambda: self.worker is None, timeout=60000)
        return 1

    monkeypatch.setattr(SetExportDialog, "exec", run)
    dialog.export_button.click()
    assert progress_seen == [True] and told == [f"4 files written in {out}."]
    files = sorted(out.glob("*.docx"))
    assert len(files) == 4 and "4 files of the set" in dialog.message.text()
    entries = window.services.log.entries()
    event_id = dialog.current_event_id()
    assert len(entries) == 4 and {e.event_id for e in entries} == {event_id}
    assert sorted(e.sha256 for e in entries) == sorted(
        hashlib.sha256(f.read_bytes()).hexdigest() for f in files
    )

    # Fill the letter's enclosures from the set: the brief's files, by the names written.
    _select_row(dialog, letter)
    assert dialog.fill_button.isEnabled()
    before = window.form.document.enclosures if window.loaded else None
    dialog.fill_button.click()
    assert window.loaded is not None and window.loaded.id == letter
    enclosures = window.form.document.enclosures
    assert enclosures != before
    brief_files = {f.name for f in files if "UPR" in f.name}
    ko_names = {e.name.ko + ".docx" for e in enclosures if e.name.ko + ".docx" in brief_files}
    en_names = {e.name.en + ".docx" for e in enclosures if e.name.en + ".docx" in brief_files}
    assert len(ko_names) == 1 and len(en_names) == 1 and ko_names | en_names == brief_files
    assert "Undo" in dialog.message.text()
    window.commands["undo"].trigger()  # one edit: Undo takes it back
    assert window.form.document.enclosures == sample_letter().enclosures
    window.commands["redo"].trigger()
    assert window.form.document.enclosures == enclosures
    assert window.flush()
    stored = window.services.drafts.load(letter).document
    assert stored.enclosures == enclosures
    dialog.close()


def test_the_editor_keeps_a_bad_date_and_says_why(qtbot, ui) -> None:
    editor = EventEditor(ui, None, None)
    qtbot.addWidget(editor)
    editor.title_ko.setText("기자회견")
    editor.date_edit.setText("18 April")
    editor.accept()
    assert editor.problem.isVisibleTo(editor) and "2024-04-18" in editor.problem.text()
    assert editor.result() == 0 and editor.date_edit.text() == "18 April"
    editor.date_edit.setText("2024-04-18")
    editor.accept()
    assert editor.result() == 1


def test_tools_menu_opens_the_events(open_window, monkeypatch) -> None:
    window = open_window("en")
    opened: list[Any] = []
    monkeypatch.setattr(window, "_run_dialog", opened.append)
    assert window.commands["events"] in window.commands.menus["tools"].actions()
    window.commands["events"].trigger()
    assert isinstance(opened[0], EventsDialog)
    for dialog in opened:
        dialog.deleteLater()
    QApplication.processEvents()


def test_cancel_in_the_progress_dialog_stops_the_set_export(
    open_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    window = open_window("en")
    services = window.services
    drafts = [services.drafts.create(sample_letter()).id for _ in range(3)]
    _c, event = services.events.create(BilingualText("기자회견", ""))
    services.events.add(event.id, drafts)
    monkeypatch.setattr(export_dialog, "ask", lambda *a: True)
    out = tmp_path / "out"
    out.mkdir()
    dialog = SetExportDialog(services, event.id, window.settings, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.language_group.button(0).setChecked(True)

    def cancel_after_first(done: int, _total: int, _path: str) -> None:
        if done == 1 and dialog.progress is not None:
            dialog.progress.findChild(QPushButton).click()

    dialog.export_button.click()
    assert dialog.worker is not None
    dialog.worker.progressed.connect(cancel_after_first)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60000)
    # Deliberately changed with the staged batch: Cancel used to leave the files made
    # before it; now nothing of the set is renamed into place (nor left staged).
    assert list(out.iterdir()) == []
    assert dialog.result_label.text() == "The export was cancelled; no file was written."
    assert services.log.entries() == []


def test_existing_files_are_replaced_only_when_the_person_says_so(
    open_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    window = open_window("en")
    services = window.services
    drafts = [
        services.drafts.create(sample_letter()).id,
        services.drafts.create(sample_upr_brief()).id,
    ]
    _c, event = services.events.create(BilingualText("기자회견", ""))
    services.events.add(event.id, drafts)
    out = tmp_path / "out"
    out.mkdir()
    services.events.export_set(event.id, ExportRequest("ko"), out)
    before = {p: p.read_bytes() for p in out.iterdir()}
    old = next(iter(before))
    old.write_bytes(b"an earlier version")
    questions: list[str] = []
    answer = {"Replace": False}
    monkeypatch.setattr(
        export_dialog,
        "ask",
        lambda _p, _t, text, yes: questions.append(text) or answer.get(yes, True),
    )
    told: list[str] = []
    monkeypatch.setattr(set_export, "show_set_written", lambda p, t, text, label: told.append(text))
    dialog = SetExportDialog(services, event.id, window.settings, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.language_group.button(0).setChecked(True)
    assert "Will replace the existing file" in dialog.status_label.text()
    dialog.export_button.click()  # "2 files already exist…": No
    assert questions[-1].startswith("2 files already exist, such as ")
    assert dialog.worker is None and old.read_bytes() == b"an earlier version"
    assert len(services.log.entries()) == 2
    answer["Replace"] = True
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60000)
    assert told == [f"2 files written in {out}."]
    assert old.read_bytes() == before[old] and sorted(out.iterdir()) == sorted(before)
    assert len(services.log.entries()) == 4
