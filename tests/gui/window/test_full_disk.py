"""Issue 13, in the window: the disk fills (a real tmpfs) while a draft is typed and
exported. The autosave says "the disk is full" in the message bar (no box, no "damaged"),
the export says it too and leaves the earlier file whole, and once space is freed
"Try again now" (or the autosave's own retry) saves every typed character."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.app import build_main_window
from desktop_app.gui import errors
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.services import ExportRequest
from tests.gui.conftest import settings_file
from tests.helpers.faults import can_mount_tmpfs, fill, small_disk
from tests.helpers.qt import forbid_questions, type_text

pytestmark = pytest.mark.skipif(
    not can_mount_tmpfs(Path("/tmp/dari-tmpfs-probe")), reason="no tmpfs here"
)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_full_disk_while_typing_and_exporting(
    qtbot, tmp_path: Path, monkeypatch, language: str
) -> None:
    forbid_questions(monkeypatch, (errors, ("show_error", "confirm", "show_bug")))
    said: list[str] = []
    monkeypatch.setattr(export_dialog, "inform", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(export_dialog, "ask", lambda *args: True)
    with small_disk(tmp_path / "disk") as disk:
        window, services = build_main_window(
            QApplication.instance(), disk / "data", settings_file(tmp_path)
        )
        try:
            window.ui.set_language(language)
            qtbot.addWidget(window)
            with qtbot.waitExposed(window):
                window.show()
            window.commands["new_sample"].trigger()
            draft_id = window.loaded.id
            out = disk / "out"
            out.mkdir()
            (earlier,) = services.drafts.export(draft_id, ExportRequest(languages="ko"), out)
            earlier_bytes = earlier.read_bytes()
            editor = window.form.fields["subject"].editors["ko"]
            editor.setFocus()
            QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            before = editor.text()

            filler = fill(disk)
            type_text(editor, " 디스크 가득" * 40)
            qtbot.waitUntil(window.message_bar.isVisible, timeout=5000)  # the autosave failed
            assert QApplication.activeModalWidget() is None
            text = window.message_bar.text.text()
            assert ("디스크" in text) if language == "ko" else ("the disk is full" in text), text
            assert "damaged" not in text and "손상" not in text, text

            dialog = export_dialog.ExportDialog(
                window.service, draft_id, window.settings, window.ui, window
            )
            dialog.folder_edit.setText(str(out))
            dialog.language_group.button(0).setChecked(True)  # Korean: over the earlier file
            dialog.export()  # "Replace it?" answered yes (ask), then the disk is full
            (sentence,) = said
            assert ("디스크" in sentence) if language == "ko" else ("disk is full" in sentence)
            assert "damaged" not in sentence and "손상" not in sentence, sentence
            assert sorted(out.iterdir()) == [earlier]  # no partial target, no hidden copy
            assert earlier.read_bytes() == earlier_bytes
            with zipfile.ZipFile(earlier) as archive:
                assert archive.testzip() is None
            dialog.close()

            filler.unlink()
            if language == "en":
                qtbot.mouseClick(window.message_bar.action, Qt.MouseButton.LeftButton)
                assert not window.message_bar.isVisible()  # "Try again now" saved
            else:  # "Dari tries again by itself"
                qtbot.waitUntil(lambda: not window.message_bar.isVisible(), timeout=9000)
            saved = services.drafts.load(draft_id).document.subject.ko
            assert saved == before + " 디스크 가득" * 40
        finally:
            window.close()
            window.ui.set_language("en")
            window.ui.deleteLater()
            services.close()
