"""File › Send to a colleague…: this installation's key, the colleagues' keys (add one
here), and the choice of a colleague or a passphrase for the bundle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import errors

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.bundle_keys import KeyService, PublicKey

PASSPHRASE = -1  # the combo's data for "with a passphrase"


class SendDialog(QDialog):
    """Who the bundle is for: `recipient()` (a colleague's key) or `passphrase()`."""

    def __init__(
        self, keys: KeyService, count: int, ui: UiLanguage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.ui = ui
        self.keys = keys
        self.setWindowTitle(_("Send to a colleague"))
        own = keys.own()
        intro = QLabel(
            ui.ngettext(
                "{count} draft with all its revisions, signed and encrypted as one file.",
                "{count} drafts with all their revisions, signed and encrypted as one file.",
                count,
            ).format(count=count)
        )
        intro.setWordWrap(True)
        self.own_key = QLineEdit(own.text)
        self.own_key.setReadOnly(True)
        self.own_fingerprint = QLabel(own.fingerprint)
        self.to = QComboBox()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Name"))
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("dari1:age1…")
        add = QPushButton(_("Add"))
        add.clicked.connect(self.add_colleague)
        adding = QHBoxLayout()
        adding.addWidget(self.name_edit, 1)
        adding.addWidget(self.key_edit, 3)
        adding.addWidget(add)
        self.with_glossary = QCheckBox(_("Also the glossary terms it uses"))
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Your public key:"), self.own_key)
        form.addRow(_("Its fingerprint (compare by phone):"), self.own_fingerprint)
        form.addRow(_("Send to:"), self.to)
        form.addRow(_("Passphrase:"), self.passphrase_edit)
        form.addRow(_("Passphrase again:"), self.repeat_edit)
        form.addRow(_("Add a colleague's key:"), adding)
        form.addRow("", self.with_glossary)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.to.currentIndexChanged.connect(self._follow_choice)
        self._fill()

    def _fill(self, select: str | None = None) -> None:
        _ = self.ui.gettext
        self.to.clear()
        self._colleagues = self.keys.colleagues()
        for index, colleague in enumerate(self._colleagues):
            self.to.addItem(f"{colleague.name} ({colleague.key.fingerprint})", index)
            if colleague.name == select:
                self.to.setCurrentIndex(index)
        self.to.addItem(_("Anyone with a passphrase"), PASSPHRASE)
        self._follow_choice()

    def _follow_choice(self) -> None:
        by_passphrase = self.to.currentData() == PASSPHRASE
        self.passphrase_edit.setEnabled(by_passphrase)
        self.repeat_edit.setEnabled(by_passphrase)

    def add_colleague(self) -> None:
        """Keep the typed name and key; a key that is not one is said in a sentence."""
        with errors.user_errors(self, self.ui):
            colleague = self.keys.add_colleague(self.name_edit.text(), self.key_edit.text())
            self.name_edit.clear()
            self.key_edit.clear()
            self._fill(select=colleague.name)

    def recipient(self) -> PublicKey | None:
        """The chosen colleague's key (None for a passphrase)."""
        index = self.to.currentData()
        return None if index == PASSPHRASE else self._colleagues[int(index)].key

    def passphrase(self) -> str | None:
        """The typed passphrase (None when a colleague is chosen)."""
        return self.passphrase_edit.text() if self.to.currentData() == PASSPHRASE else None

    def check_and_accept(self) -> None:
        """Accept unless the passphrase is too short or typed differently twice."""
        from desktop_app.services.bundles import MIN_PASSPHRASE

        _ = self.ui.gettext
        passphrase = self.passphrase()
        if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
            self.problem.setText(
                _("A passphrase has at least {count} characters.").format(count=MIN_PASSPHRASE)
            )
            return
        if passphrase is not None and passphrase != self.repeat_edit.text():
            self.problem.setText(_("The two passphrases are not the same."))
            return
        self.accept()
