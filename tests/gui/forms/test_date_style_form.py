"""The date style next to the date, in the letter and UPR forms: kept in the draft, shown in
the preview, and what the export writes unless the Export dialog is told otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.domain import DateStyle
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.window.main_window import MainWindow
from tests.helpers.docx_checks import docx_text
from tests.helpers.qt import forbid_window_questions


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(
        monkeypatch,
        (export_dialog, ("inform", "ask", "choose_folder", "open_folder")),
    )
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: False)  # "Exported": OK


def preview_text(window: MainWindow) -> str:
    window.preview.set_mode("both")
    window.preview.refresh_now()
    return window.preview.browser.toPlainText()


def choose_us(window: MainWindow) -> None:
    """Pick "US style" with the keyboard, as a person would."""
    box = window.form.date_style.style_box  # type: ignore[attr-defined]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == "us"


def export_both(qtbot, window: MainWindow, folder: Path, override: str | None = None) -> str:
    assert window.loaded is not None and window.flush()
    dialog = ExportDialog(window.service, window.loaded.id, window.settings, window.ui, window)
    qtbot.addWidget(dialog)
    assert dialog.date_style_box.currentData() == ""  # the draft's own, by default
    if override is not None:
        dialog.date_style_box.setCurrentIndex(dialog.date_style_box.findData(override))
    dialog.folder_edit.setText(str(folder))
    dialog.language_group.button(2).click()
    dialog.layout_group.button(0).click()
    with qtbot.waitSignal(dialog.exported) as signal:
        dialog.export_button.click()
    dialog.deleteLater()
    return "\n".join(docx_text(path) for path in signal.args[0])


def test_the_letter_form_keeps_us_dates_and_the_weekday(qtbot, open_window, tmp_path) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()  # dated 2024-04-18, a Thursday (목)
    assert "18 April 2024" in preview_text(window)
    choose_us(window)
    assert window.form.document.date_style is DateStyle.US
    QTest.mouseClick(window.form.date_style.weekday, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.form.document.korean_weekday is True
    text = preview_text(window)
    assert "April 18, 2024" in text and "18 April 2024" not in text
    assert "2024. 4. 18.(목)" in text
    folder = tmp_path / "out"
    folder.mkdir()
    exported = export_both(qtbot, window, folder)
    assert "April 18, 2024" in exported and "2024. 4. 18.(목)" in exported
    again = tmp_path / "again"
    again.mkdir()
    assert "18 April 2024" in export_both(qtbot, window, again, override="un")
    # kept in the draft: a reopened window shows it
    QApplication.processEvents()
    assert window.flush()
    reopened = open_window()
    assert reopened.loaded is not None and reopened.loaded.document.date_style is DateStyle.US
    assert reopened.form.date_style.style_box.currentData() == "us"  # type: ignore[attr-defined]
    assert reopened.form.date_style.weekday.isChecked()  # type: ignore[attr-defined]


def test_the_upr_form_keeps_us_dates_and_the_weekday(qtbot, open_window, tmp_path) -> None:
    window = open_window()
    window.commands["new_upr_sample"].trigger()
    details = window.form.details  # type: ignore[attr-defined]
    box = details.date_style.style_box
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Down)
    QTest.mouseClick(details.date_style.weekday, Qt.MouseButton.LeftButton)
    brief = window.form.document
    assert (brief.date_style, brief.korean_weekday) == (DateStyle.US, True)
    assert brief.review_date is not None
    folder = tmp_path / "out"
    folder.mkdir()
    exported = export_both(qtbot, window, folder)
    us = f"{brief.review_date:%B} {brief.review_date.day}, {brief.review_date.year}"
    assert us in exported
    weekday = "월화수목금토일"[brief.review_date.weekday()]
    ko = f"{brief.review_date.year}. {brief.review_date.month}. {brief.review_date.day}."
    assert f"{ko}({weekday})" in exported


def test_new_drafts_start_in_the_settings_date_style(qtbot, open_window, settings) -> None:
    settings.date_style = "us"
    window = open_window()
    window.commands["new"].trigger()
    assert window.form.document.date_style is DateStyle.US
    assert window.form.date_style.style_box.currentData() == "us"  # type: ignore[attr-defined]
