"""The main window: first run, the actions, trash, dialogs, UI language, layout, app.py."""

from __future__ import annotations

import gettext
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app import app as app_module
from desktop_app.domain import BilingualText
from desktop_app.gui import errors, i18n
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.dialogs.revisions import RevisionsDialog, saved_when
from desktop_app.gui.dialogs.settings import SettingsDialog
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.window.main_window import settings_store
from desktop_app.services import DariError, DraftService, services_for
from tests.helpers.qt import forbid_window_questions, type_at_end
from tests.helpers.samples import sample_letter


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(monkeypatch)


def test_first_run_shows_a_way_to_start_and_the_sample_opens(qtbot, open_window, service) -> None:
    window = open_window()
    assert window.centre.currentWidget() is window.welcome
    assert window.drafts.stack.currentWidget() is window.drafts.empty
    assert not window.commands["export"].isEnabled()
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.centre.currentWidget() is window.form
    assert window.form.document == sample_letter()
    assert [s.title_ko for s in service.list()] == [sample_letter().subject.ko]
    assert window.drafts.proxy.rowCount() == 1
    assert window.commands["export"].isEnabled()
    window.preview.refresh_now()
    assert "조태열" in window.preview.browser.toPlainText()


def test_new_letter_is_blank_with_the_organisation_as_sender(qtbot, open_window, settings) -> None:
    settings.org_name_ko = "전환기정의워킹그룹"
    settings.org_name_en = "Transitional Justice Working Group"
    window = open_window()
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    document = window.form.document
    assert document.subject == BilingualText()
    assert document.senders[0].name.ko == "전환기정의워킹그룹"
    assert QApplication.focusWidget() is window.form.fields["subject"].editors["ko"]


def test_duplicate_makes_a_second_draft(qtbot, open_window, service) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    first = window.loaded
    window.commands["duplicate"].trigger()
    assert window.loaded is not None and first is not None and window.loaded.id != first.id
    assert len(service.list()) == 2
    assert window.form.document == service.load(first.id).document


def test_trash_restore_and_delete_permanently_through_the_window(
    qtbot, open_window, service, monkeypatch
) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    draft_id = window.loaded.id
    window.commands["trash"].trigger()
    assert window.loaded is None and window.centre.currentWidget() is window.welcome
    assert service.list() == [] and [s.id for s in service.list(trashed=True)] == [draft_id]
    panel = window.drafts
    qtbot.mouseClick(panel.tabs, Qt.MouseButton.LeftButton, pos=panel.tabs.tabRect(1).center())
    assert panel.in_trash and panel.proxy.rowCount() == 1
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    assert window.commands["restore"].isEnabled()
    qtbot.mouseClick(panel.restore, Qt.MouseButton.LeftButton)
    assert [s.id for s in service.list()] == [draft_id]
    assert panel.proxy.rowCount() == 0

    service.trash(draft_id)
    panel.reload()
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    answers = [False, True]
    monkeypatch.setattr(errors, "confirm", lambda *_args: answers.pop(0))
    qtbot.mouseClick(panel.purge, Qt.MouseButton.LeftButton)  # "Cancel"
    assert len(service.list(trashed=True)) == 1
    qtbot.mouseClick(panel.purge, Qt.MouseButton.LeftButton)  # "Delete permanently"
    qtbot.waitUntil(lambda: not window.is_purging)  # the purge runs off the UI thread
    assert service.list(trashed=True) == [] and answers == []


def test_ctrl_f_focuses_the_search_box(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    QTest.keyClick(
        window.form.fields["subject"].editors["ko"],
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert QApplication.focusWidget() is window.drafts.search


def test_switching_the_ui_language_relabels_the_window(qtbot, open_window, monkeypatch) -> None:
    real = i18n.translator

    class Korean(gettext.NullTranslations):
        """The real Korean catalog, plus a menu title the catalog may not have yet."""

        def gettext(self, message: str) -> str:
            extra = {"&File": "파일(&F)"}
            return extra.get(message) or real("ko").gettext(message)

    monkeypatch.setattr(i18n, "translator", lambda lang: Korean() if lang == "ko" else real(lang))
    window = open_window()
    window.commands["new_sample"].trigger()
    assert window.commands.menus["file"].title() == "&File"
    assert window.preview.buttons["ko"].text() == "Korean"
    window.ui.set_language("ko")
    assert window.commands.menus["file"].title() == "파일(&F)"
    assert window.preview.buttons["ko"].text() == "국문"
    assert window.form.labels["heading_en"].text() == "영문"
    window.ui.set_language("en")
    assert window.commands.menus["file"].title() == "&File"


def test_every_action_and_panel_control_has_a_label(qtbot, open_window) -> None:
    window = open_window()
    assert all(action.text() and action.toolTip() for action in window.commands.actions.values())
    for widget in (
        window.drafts.search,
        window.drafts.view,
        window.drafts.kind,
        window.drafts.status,
    ):
        assert widget.accessibleName()
    assert window.welcome.sample_button.accessibleName() == "New from sample"


def test_export_saves_first_then_opens_the_dialog(qtbot, open_window, service, monkeypatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(
        ExportDialog, "exec", lambda dialog: seen.append(dialog.document.subject.ko) or 0
    )
    window = open_window()
    window.commands["new_sample"].trigger()
    type_at_end(window.form.fields["subject"].editors["ko"], " 내보내기 전")
    QTest.keyClick(window.form, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen and seen[0].endswith(" 내보내기 전")


def test_a_restored_revision_is_reloaded_and_undo_starts_afresh(
    qtbot, open_window, service, monkeypatch
) -> None:
    from desktop_app.gui.dialogs import revisions as revisions_dialog

    window = open_window()
    window.commands["new_sample"].trigger()
    draft_id = window.loaded.id
    type_at_end(window.form.fields["subject"].editors["ko"], " 나중에 쓴 글")
    assert window.history.stack.canUndo()

    def choose_the_first_revision(dialog: RevisionsDialog) -> int:
        dialog.list.setCurrentItem(dialog.list.topLevelItem(dialog.list.topLevelItemCount() - 1))
        dialog.restore_selected()
        return 1

    monkeypatch.setattr(revisions_dialog, "ask", lambda *_args: True)
    monkeypatch.setattr(RevisionsDialog, "exec", choose_the_first_revision)
    window.commands["revisions"].trigger()
    assert window.form.document.subject == sample_letter().subject
    assert service.load(draft_id).document.subject == sample_letter().subject
    assert not window.history.stack.canUndo()
    first = service.revisions(draft_id)[-1]
    when = saved_when(first.created_at, "en")
    assert window.statusBar().currentMessage() == f"Restored the revision of {when}."
    type_at_end(window.form.fields["subject"].editors["ko"], "!")
    assert window.flush()  # no conflict: the window knows the restored version


def test_settings_dialog_opens(qtbot, open_window, monkeypatch) -> None:
    opened: list[bool] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda _dialog: opened.append(True) or 0)
    window = open_window()
    window.commands["settings"].trigger()
    assert opened == [True]


def test_window_layout_and_preview_mode_are_kept(qtbot, open_window, settings) -> None:
    window = open_window()
    window.preview.set_mode("both")
    window.splitter.setSizes([200, 800, 600])
    sizes = window.splitter.sizes()
    window.close()
    assert settings.window_state and settings.window_geometry
    again = open_window()
    assert again.preview.mode == "both"
    assert again.splitter.sizes()[0] == sizes[0]  # the others follow the (offscreen) screen size


def test_known_errors_are_sentences_and_bugs_are_reported(qtbot, qapp, monkeypatch, caplog) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(errors, "show_error", lambda _p, ui, e: shown.append(("error", str(e))))
    monkeypatch.setattr(errors, "show_bug", lambda _p, ui, details: shown.append(("bug", details)))
    ui = UiLanguage(qapp, "en")
    previous = errors.install_excepthook(ui)
    try:
        with caplog.at_level(logging.ERROR):
            try:
                raise ValueError("a bug")
            except ValueError as error:
                sys.excepthook(type(error), error, error.__traceback__)
        sys.excepthook(DariError, DariError("The file is open elsewhere."), None)
    finally:
        sys.excepthook = previous
        ui.deleteLater()
    assert shown[0][0] == "bug" and "ValueError: a bug" in shown[0][1]
    assert "ValueError: a bug" in caplog.text
    assert shown[1] == ("error", "The file is open elsewhere.")


def test_a_damaged_database_is_a_sentence_not_a_traceback(qapp, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "dari.sqlite3").write_bytes(b"this is not a database" * 100)
    said: list[str] = []
    monkeypatch.setattr(
        errors, "show_startup_error", lambda ui, e: said.append(errors.sentence(e, ui))
    )
    monkeypatch.setattr(
        app_module, "settings_store", lambda *_a: settings_store(tmp_path / "s.ini")
    )
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert app_module.run_gui(data) == 1
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
    assert said and "not a Dari database or is damaged" in said[0]
    assert (data / "dari.log").exists()


def test_build_main_window_over_a_data_folder(qapp, tmp_path, service) -> None:
    qsettings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window, services = app_module.build_main_window(qapp, tmp_path / "fresh", qsettings)
    try:
        assert isinstance(window.service, DraftService)
        assert services.data_dir == tmp_path / "fresh"
        assert (tmp_path / "fresh" / "dari.sqlite3").exists()
    finally:
        window.close()
        window.deleteLater()
        window.ui.deleteLater()
        services.close()


def test_smoke_test_mode_exports_the_sample(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "smoke test passed: 24 files" in result.stdout  # four samples, six files each
    assert not (tmp_path / ".local" / "share" / "Dari").exists()  # nothing in the user's folder
    assert not (tmp_path / ".config" / "Dari").exists()


def test_the_qt_binding_does_not_release_none(qapp) -> None:
    """PySide6 6.12.0 on Python 3.11 drops one reference to None per call of a void method.

    Dari makes ~14 such calls per keystroke and starts with ~40,000 references to None,
    so it aborts ("Fatal Python error: none_dealloc") after ~3,000 keystrokes, and at
    exit. 6.11.3 does not; Python 3.12+ is immune (None is immortal there).
    """
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    assert lost < 10, (
        f"this PySide6 lost {lost} references to None in 200 calls; Dari would crash after "
        "a few thousand keystrokes: pin pyside6-essentials to a version without the bug "
        "(6.11.3 is fine) in pyproject.toml"
    )


def test_the_window_is_on_screen_before_the_database_is_opened(qtbot, qapp, data_dir) -> None:
    with services_for(data_dir) as services:
        draft = services.drafts.create(sample_letter())
    qsettings = settings_store(data_dir.parent / "s.ini")
    window = app_module.start_window(qapp, data_dir, qsettings)
    qtbot.addWidget(window)
    try:
        assert window.isVisible() and not window.is_attached
        assert window.drafts.empty.text() == "Opening your drafts…"
        assert not window.commands["new"].isEnabled()
        assert not window.welcome.isEnabled()
        with qtbot.waitSignal(window.attached, timeout=10_000):
            pass
        assert window.drafts.model.row_of(draft.id) == 0
        assert window.commands["new"].isEnabled() and window.welcome.isEnabled()
        assert window.clause_dock is not None
    finally:
        window.close()
        window.ui.deleteLater()
        if window.is_attached:
            window.services.close()


def test_a_damaged_database_found_after_the_window_shows(qtbot, qapp, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    damaged = b"this is not a database" * 100
    (data / "dari.sqlite3").write_bytes(damaged)
    said: list[str] = []
    monkeypatch.setattr(
        errors, "show_startup_error", lambda ui, e: said.append(errors.sentence(e, ui))
    )
    window = app_module.start_window(qapp, data, settings_store(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.open_failed, timeout=10_000)
    assert said and "not a Dari database or is damaged" in said[0]
    assert not window.isVisible() and not window.is_attached
    assert (data / "dari.sqlite3").read_bytes() == damaged  # left untouched
    window.ui.deleteLater()


def test_deleting_an_exported_draft_asks_whether_its_export_log_stays(
    qtbot, open_window, service, monkeypatch, tmp_path
) -> None:
    from desktop_app.services import ExportRequest

    window = open_window()
    window.commands["new_sample"].trigger()
    kept, dropped = window.loaded.id, service.create(sample_letter()).id
    for draft_id in (kept, dropped):
        folder = tmp_path / str(draft_id)
        folder.mkdir()
        service.export(draft_id, ExportRequest("both"), folder)
    window.commands["trash"].trigger()
    service.trash(dropped)
    panel = window.drafts
    qtbot.mouseClick(panel.tabs, Qt.MouseButton.LeftButton, pos=panel.tabs.tabRect(1).center())
    monkeypatch.setattr(errors, "confirm", lambda *_args: True)
    asked: list[str] = []
    answers = [None, 0, 1]  # Cancel, "Keep the log", "Delete the log too"

    def choose(_parent, _title, text, options):
        asked.append(text)
        assert options == ["Keep the log", "Delete the log too"]
        return answers.pop(0)

    monkeypatch.setattr(errors, "choose", choose)

    def purge(draft_id: int) -> None:
        panel.reload()
        row = next(
            r for r in range(panel.proxy.rowCount())
            if panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) == draft_id
        )  # fmt: skip
        panel.view.setCurrentIndex(panel.proxy.index(row, 0))
        qtbot.mouseClick(panel.purge, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.is_purging)  # the purge runs off the UI thread

    purge(kept)  # Cancel: nothing is deleted
    assert len(service.list(trashed=True)) == 2 and service.log.count_for_draft(kept) == 2
    purge(kept)
    assert service.log.count_for_draft(kept) == 2 and "2 entries" in asked[0]
    purge(dropped)
    assert service.log.count_for_draft(dropped) == 0 and service.list(trashed=True) == []
    assert answers == []
