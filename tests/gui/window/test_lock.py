"""The lock: after it no widget holds draft text and the database says "locked"; unlocking
reopens the same draft at the same place; idle minutes by the wall clock; the start dialog;
turning encryption on from the window."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from desktop_app.app import build_main_window
from desktop_app.domain import BilingualText
from desktop_app.gui.dialogs.encryption import EncryptionDialog
from desktop_app.gui.window.lock import MAX_TRIES, PassphraseDialog
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import DatabaseLocked, EncryptionService, services_for
from desktop_app.storage import crypto
from tests.gui.conftest import settings_file
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks
from tests.helpers.samples import sample_letter

FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASS = "correct horse 바탕 staple"


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(max(model.columnCount(parent), 1)):
            index = model.index(row, column, parent)
            for role in (0, 3):  # display, tooltip
                value = model.data(index, role)
                if value is not None:
                    texts.append(str(value))
            if model.hasChildren(index):
                texts += _model_texts(model, index)
    return texts


def texts_in(window: QWidget) -> list[str]:
    """Every text a widget of the window shows or keeps, its models' included."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit | QTextBrowser):
            texts += [widget.toPlainText(), widget.toHtml()]
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
        texts += [widget.toolTip(), widget.accessibleName()]
    return texts


@pytest.fixture
def encrypted_window(qtbot, tmp_path: Path, data_dir: Path):
    with services_for(data_dir) as services:
        draft = services.drafts.create(sample_letter())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
    turned = EncryptionService(data_dir, kdf=FAST).turn_on(PASS)
    window, services = build_main_window(
        QApplication.instance(), data_dir, settings_file(tmp_path), key=turned.key
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.open_draft(draft.id)
    yield window
    window.close()
    services.close()


def _holds_canary(window: MainWindow) -> list[str]:
    return [t for t in texts_in(window) if KO_CANARY in t or EN_CANARY in t]


def test_after_lock_no_widget_holds_draft_text_and_the_database_says_locked(
    qtbot, encrypted_window: MainWindow
) -> None:
    window = encrypted_window
    assert _holds_canary(window)  # the walk does find the text while unlocked
    editor = window.form.fields["subject"].editors["ko"]
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    draft_id = window.loaded.id
    box = QMessageBox(QMessageBox.Icon.Information, "Dari", KO_CANARY, parent=window)
    box.open()  # a dialog open at the time of the lock
    window.commands["lock"].trigger()  # Ctrl+L
    assert window.locker.locked
    assert not box.isVisible()
    assert _holds_canary(window) == []
    assert window.history.stack.count() == 0 and window.history.operations.count() == 0
    assert window.loaded is None
    for call in (lambda: window.service.list(), lambda: window.service.load(draft_id)):
        with pytest.raises(DatabaseLocked, match="locked"):
            call()
    assert leaks(window.services.data_dir, KO_CANARY, EN_CANARY) == []
    # a wrong passphrase: one sentence, still locked
    window.locker.screen.field.setText("wrong passphrase")
    window.locker.screen.button.click()
    assert window.locker.locked
    assert "does not unlock" in window.locker.screen.problem.text()
    # the right one: the same draft, the same field, the same place
    window.locker.screen.field.setText(PASS)
    window.locker.screen.button.click()
    assert not window.locker.locked
    assert window.loaded is not None and window.loaded.id == draft_id
    assert window.form.document.subject.ko == KO_CANARY
    editor = window.form.fields["subject"].editors["ko"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=2000)
    assert editor.textCursor().position() == 3


def test_idle_minutes_count_by_the_wall_clock(encrypted_window: MainWindow) -> None:
    window = encrypted_window
    window.settings.lock_after_minutes = 0
    window.locker.last_input = time.time() - 10_000
    assert not window.locker.check_idle()  # 0: never
    window.settings.lock_after_minutes = 5
    window.locker.last_input = time.time() - 4 * 60
    assert not window.locker.check_idle()
    # a laptop asleep for six minutes: time.time() moved on, so the lock comes at once
    assert window.locker.check_idle(now=window.locker.last_input + 6 * 60)
    assert window.locker.locked and _holds_canary(window) == []


def test_an_unencrypted_window_does_not_lock(open_window) -> None:
    window = open_window()
    assert not window.commands["lock"].isEnabled()
    assert not window.locker.lock()


def test_the_start_dialog_retries_then_quits(qtbot, data_dir: Path, ui) -> None:
    with services_for(data_dir):
        pass
    EncryptionService(data_dir, kdf=FAST).turn_on(PASS)
    service = EncryptionService(data_dir)
    dialog = PassphraseDialog(ui, service.unlock, None)
    qtbot.addWidget(dialog)
    dialog.field.setText("wrong one")
    dialog.try_unlock()
    assert dialog.key is None and "does not unlock" in dialog.problem.text()
    assert dialog.field.text() == ""
    dialog.field.setText(PASS)
    dialog.try_unlock()
    assert dialog.key is not None and dialog.result() == PassphraseDialog.DialogCode.Accepted
    quitting = PassphraseDialog(ui, service.unlock, None)
    qtbot.addWidget(quitting)
    for _ in range(MAX_TRIES):
        quitting.field.setText("wrong one")
        quitting.try_unlock()
    assert quitting.key is None and quitting.result() == PassphraseDialog.DialogCode.Rejected


def test_turning_encryption_on_from_the_window(qtbot, open_window, data_dir: Path) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    window.flush()
    dialog = EncryptionDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning.isVisible() and "no way around" in dialog.warning.text()
    assert not dialog.recovery_box.isVisible()
    dialog.new1.setText("a long passphrase")
    dialog.new2.setText("a different one")
    dialog.on_button.click()
    assert "not the same" in dialog.problem.text()
    dialog.new1.setText("a long passphrase")
    dialog.new2.setText("a long passphrase")
    dialog.on_button.click()
    assert window.services.encrypted
    assert crypto.looks_like_recovery_key(dialog.recovery_field.text())
    assert dialog.recovery_box.isVisible() and "full-disk" in dialog.disk_copies.text()
    assert window.service.list()  # the same window goes on over the encrypted file
    assert leaks(data_dir, "강제북송") == []
    assert window.commands["lock"].isEnabled()
    dialog.grab().save("/tmp/dari-encryption-dialog.png")
    window.locker.lock()
    window.grab().save("/tmp/dari-lock-screen.png")


def test_start_asks_the_passphrase_before_opening_and_quit_opens_nothing(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path
) -> None:
    import desktop_app.app as app_module

    with services_for(data_dir) as services:
        services.drafts.create(
            replace(sample_letter(), subject=BilingualText.of(KO_CANARY, EN_CANARY))
        )
    EncryptionService(data_dir, kdf=FAST).turn_on(PASS)
    monkeypatch.setattr(
        app_module, "unlock_at_start", lambda ui, encryption, parent: encryption.unlock(PASS)
    )
    window = app_module.start_window(QApplication.instance(), data_dir, settings_file(tmp_path))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_attached, timeout=5000)
    assert [s.title_ko for s in window.service.list()] == [KO_CANARY]
    assert window.commands["lock"].isEnabled()
    window.locker.lock()
    window.close()
    window.services.close()
    asked: list[bool] = []

    def quit_at_prompt(ui, encryption, parent):
        asked.append(True)
        return None

    monkeypatch.setattr(app_module, "unlock_at_start", quit_at_prompt)
    window = app_module.start_window(QApplication.instance(), data_dir, settings_file(tmp_path))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert not window.is_attached and not window.isVisible() and not window.open_failed
