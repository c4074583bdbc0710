"""Qt's own dialogs (file and folder choosers, standard buttons) speak the UI language."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from desktop_app.gui import prompts
from desktop_app.gui.dialogs.export import folder_dialog
from tests.helpers.qt import forbid_window_questions


def labels_of(dialog: QFileDialog) -> dict[str, str]:
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}


def open_folder_dialog(qtbot, parent) -> QFileDialog:
    """The export dialog's folder chooser, shown without waiting for an answer."""
    dialog = folder_dialog(parent, "", "")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_folder_chooser_is_korean_in_a_korean_window(qtbot, monkeypatch, open_window) -> None:
    forbid_window_questions(monkeypatch)
    window = open_window("ko")
    dialog = open_folder_dialog(qtbot, window)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's, not the system's
    labels = labels_of(dialog)
    assert labels["lookInLabel"] == "다음에서 찾기(&L):"  # Qt's "&Look in:"
    assert labels["fileTypeLabel"] == "파일 형식(&T):"
    assert labels["fileNameLabel"] == "디렉터리:"
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "취소"


def test_a_live_switch_changes_qt_s_own_text_too(qtbot, monkeypatch, open_window) -> None:
    forbid_window_questions(monkeypatch)
    window = open_window("en")
    assert labels_of(open_folder_dialog(qtbot, window))["lookInLabel"] == "&Look in:"
    window.ui.set_language("ko")
    assert labels_of(open_folder_dialog(qtbot, window))["lookInLabel"] == "다음에서 찾기(&L):"
    window.ui.set_language("en")
    assert labels_of(open_folder_dialog(qtbot, window))["lookInLabel"] == "&Look in:"


def test_the_glossary_s_file_choosers_are_qt_s_own_too() -> None:
    assert prompts.FILE_DIALOG_OPTIONS & QFileDialog.Option.DontUseNativeDialog


def test_qt_s_korean_catalog_is_found_where_the_build_puts_it() -> None:
    from pathlib import Path

    from PySide6.QtCore import QTranslator

    from desktop_app.gui.i18n import qt_translation_folders

    bundled = qt_translation_folders()[-1]
    assert Path(bundled, "qtbase_ko.qm").is_file()  # PySide6/Qt/translations, as build.spec keeps
    assert QTranslator().load("qtbase_ko", bundled)
