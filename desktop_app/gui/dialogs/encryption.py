"""File › Encryption…: encrypt the drafts with a passphrase, change it, turn it off, and the
idle minutes before the window locks (window/lock.py).

Before any passphrase is typed the dialog says there is no way around it; after turning
encryption on it shows the recovery key once, to save as a file or print, and the sentence
about copies the disk may still hold. Turning it off asks twice (the passphrase, then a
question whose button says what happens).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import errors, prompts
from desktop_app.gui.window import damaged
from desktop_app.i18n.errors import user_message
from desktop_app.services import EncryptionService, StorageError
from desktop_app.services.encryption import (
    BACKUP_LEFT_PLAINTEXT,
    DISK_COPIES,
    LEFT_ENCRYPTED,
    LEFT_PLAINTEXT,
    NO_WAY_AROUND,
    TURNED_OFF,
)
from desktop_app.services.errors import DariError

log = logging.getLogger(__name__)


def _secret(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    return field


def _sentence(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class EncryptionDialog(QDialog):
    """Encryption of the open data folder; `window` is the MainWindow (services, ui)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main = window
        self.ui = window.ui
        self.service = EncryptionService(window.services.data_dir)
        self.recovery_key = ""  # shown once, after turning encryption on
        _ = self.ui.gettext
        self.setWindowTitle(_("Encryption"))
        self.setMinimumWidth(560)
        self.layout_ = QVBoxLayout(self)
        self.status = _sentence("")
        self.layout_.addWidget(self.status)
        self.problem = _sentence("")
        self.problem.setStyleSheet("color: #b00020")
        # turn on
        self.on_box = QGroupBox(_("Encrypt your drafts"), self)
        form = QFormLayout(self.on_box)
        self.warning = _sentence(_(NO_WAY_AROUND))
        self.warning.setStyleSheet("font-weight: bold")
        form.addRow(self.warning)
        self.new1 = _secret(self, "new-passphrase")
        self.new2 = _secret(self, "new-passphrase-again")
        form.addRow(_("Passphrase"), self.new1)
        form.addRow(_("The same again"), self.new2)
        self.on_button = QPushButton(_("Encrypt my drafts"), self)
        form.addRow(self.on_button)
        # the recovery key, once
        self.recovery_box = QGroupBox(_("Your recovery key"), self)
        rform = QVBoxLayout(self.recovery_box)
        rform.addWidget(
            _sentence(
                _(
                    "This key also unlocks your drafts. Save it to a file on a USB stick, or "
                    "print it, and keep it away from this computer. Dari does not keep it and "
                    "will not show it again."
                )
            )
        )
        self.recovery_field = QLineEdit(self)
        self.recovery_field.setReadOnly(True)
        self.recovery_field.setObjectName("recovery-key")
        rform.addWidget(self.recovery_field)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Save to a file…"), self)
        self.print_button = QPushButton(_("Print…"), self)
        self.copy_button = QPushButton(_("Copy"), self)
        for button in (self.save_button, self.print_button, self.copy_button):
            row.addWidget(button)
        row.addStretch(1)
        rform.addLayout(row)
        self.disk_copies = _sentence(_(DISK_COPIES))
        rform.addWidget(self.disk_copies)
        # change / off
        self.change_box = QGroupBox(_("Change the passphrase"), self)
        cform = QFormLayout(self.change_box)
        self.current = _secret(self, "current-passphrase")
        self.changed1 = _secret(self, "changed-passphrase")
        self.changed2 = _secret(self, "changed-passphrase-again")
        cform.addRow(_("Current passphrase or recovery key"), self.current)
        cform.addRow(_("New passphrase"), self.changed1)
        cform.addRow(_("The same again"), self.changed2)
        self.change_button = QPushButton(_("Change the passphrase"), self)
        cform.addRow(self.change_button)
        self.off_box = QGroupBox(_("Stop encrypting"), self)
        oform = QFormLayout(self.off_box)
        self.off_secret = _secret(self, "off-passphrase")
        oform.addRow(_("Passphrase or recovery key"), self.off_secret)
        self.off_button = QPushButton(_("Decrypt my drafts…"), self)
        oform.addRow(self.off_button)
        # idle lock
        idle = QFormLayout()
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSpecialValueText(_("never"))
        self.minutes.setSuffix(_(" min"))
        self.minutes.setValue(window.settings.lock_after_minutes)
        idle.addRow(_("Lock after this many idle minutes"), self.minutes)
        # damaged files kept aside that could not be converted (said, offered for deletion)
        self.left: tuple[Path, ...] = ()
        self.damaged_text = _sentence("")
        self.damaged_text.setStyleSheet("color: #b00020")
        self.damaged_button = QPushButton(_("Delete the damaged file…"), self)
        self.damaged_button.clicked.connect(self.delete_damaged)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for widget in (self.on_box, self.recovery_box, self.change_box, self.off_box):
            self.layout_.addWidget(widget)
        self.layout_.addLayout(idle)
        self.layout_.addWidget(self.damaged_text)
        self.layout_.addWidget(self.damaged_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(buttons)
        self.on_button.clicked.connect(self.turn_on)
        self.change_button.clicked.connect(self.change)
        self.off_button.clicked.connect(self.turn_off)
        self.save_button.clicked.connect(self.save_recovery_key)
        self.print_button.clicked.connect(self.print_recovery_key)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.recovery_key)
        )
        self.minutes.valueChanged.connect(self._minutes_changed)
        self._refresh()

    def _minutes_changed(self, value: int) -> None:
        self.main.settings.lock_after_minutes = value

    def _refresh(self) -> None:
        _ = self.ui.gettext
        encrypted = self.service.status().encrypted
        self.status.setText(
            _("Your drafts are encrypted.") if encrypted else _("Your drafts are not encrypted.")
        )
        self.on_box.setVisible(not encrypted)
        self.recovery_box.setVisible(bool(self.recovery_key))
        self.change_box.setVisible(encrypted)
        self.off_box.setVisible(encrypted)
        self.minutes.setEnabled(encrypted)
        self.damaged_text.setVisible(bool(self.damaged_text.text()))
        self.damaged_button.setVisible(bool(self.left))
        self.main._update_actions()
        self.layout_.activate()
        self.adjustSize()

    def _fail(self, error: Exception) -> None:
        log.info("encryption: %s: %s", type(error).__name__, error)
        self.problem.setText(user_message(error, self.ui.gettext))

    def _convert(self, action: Any, key_if_failed: Any) -> Any:
        """Close the database, run `action`; False when it failed (the database, untouched,
        is opened again with `key_if_failed()`)."""
        services = self.main.services
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        services.close()
        try:
            result = action()
        except (StorageError, DariError) as error:
            services.reopen(key_if_failed())
            self._fail(error)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return result

    def turn_on(self) -> None:
        _ = self.ui.gettext
        first, second = self.new1.text(), self.new2.text()
        self.new1.clear()
        self.new2.clear()
        if first != second:
            self.problem.setText(_("The two passphrases are not the same; nothing was changed."))
            return
        if not self.main.flush():
            return
        turned = self._convert(lambda: self.service.turn_on(first), lambda: None)
        if turned is False:
            return
        self.main.services.reopen(turned.key)
        self.recovery_key = turned.recovery_key
        self.recovery_field.setText(turned.recovery_key)
        self.problem.clear()
        self.left = turned.left_plaintext
        said = damaged.sentences(self.ui, LEFT_PLAINTEXT, self.left)
        for path in turned.backups_left:  # no button: the person deletes or retries later
            said += " " + self.ui.gettext(BACKUP_LEFT_PLAINTEXT).format(
                name=path.name, folder=path.parent
            )
        self.damaged_text.setText(said.strip())
        self._refresh()

    def delete_damaged(self) -> None:
        """The damaged files that stayed unencrypted: deleted if the person says so."""
        if damaged.delete_after_asking(self, self.ui, self.main.services.data_dir, self.left):
            self.left = ()
            self.damaged_text.setText(self.ui.gettext("The damaged file was deleted."))
            self._refresh()

    def change(self) -> None:
        _ = self.ui.gettext
        current, first, second = self.current.text(), self.changed1.text(), self.changed2.text()
        for field in (self.current, self.changed1, self.changed2):
            field.clear()
        if first != second:
            self.problem.setText(_("The two passphrases are not the same; nothing was changed."))
            return
        try:
            self.service.change_passphrase(current, first)
        except (StorageError, DariError) as error:
            self._fail(error)
            return
        self.problem.setText(_("The passphrase was changed. Your recovery key still works."))

    def turn_off(self) -> None:
        _ = self.ui.gettext
        secret = self.off_secret.text()
        self.off_secret.clear()
        try:
            self.service.unlock(secret).drop()  # the first question: the passphrase
        except (StorageError, DariError) as error:
            self._fail(error)
            return
        if not errors.confirm(
            self,
            self.ui,
            _("Stop encrypting"),
            _(
                "Decrypt your drafts? Anyone who can read this computer's disk will be able "
                "to read them."
            ),
            _("Decrypt my drafts"),
        ):
            return
        if not self.main.flush():
            return
        done = self._convert(
            lambda: self.service.turn_off(secret), lambda: self.service.unlock(secret)
        )
        if done is False:
            return
        self.main.services.reopen(None)
        self.recovery_key = ""
        self.problem.setText(_(TURNED_OFF))
        self.left = ()
        self.damaged_text.setText(
            " ".join(
                _(LEFT_ENCRYPTED).format(name=path.name, key=f"{path.name}.key")
                for path in done.left_encrypted
            )
        )
        self._refresh()

    def save_recovery_key(self) -> None:
        _ = self.ui.gettext
        path = prompts.save_file(
            self, _("Save the recovery key"), "dari-recovery-key.txt", _("Text files (*.txt)")
        )
        if not path:
            return
        from desktop_app.services.encryption import write_recovery_file

        with errors.user_errors(self, self.ui):
            write_recovery_file(Path(path), self.recovery_key, self.ui.gettext)
            self.problem.setText(_("The recovery key was saved to {path}.").format(path=path))

    def print_recovery_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(recovery_text(self.ui.gettext, self.recovery_key))
        document.print_(printer)


def recovery_text(gettext: Any, key: str) -> str:
    """What the saved or printed recovery key says."""
    from desktop_app.services.encryption import recovery_sheet

    return recovery_sheet(gettext, key)
