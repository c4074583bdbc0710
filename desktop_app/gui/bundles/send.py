"""File › Send to a colleague…: the drafts to send (a checklist, the open or selected one
ticked), this installation's key, the colleagues' keys (add one here), the choice of a
colleague or a passphrase for the bundle, and what travels with the drafts (the glossary
terms, clauses and address-book entries they use)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import errors

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.bundle_keys import KeyService, PublicKey

PASSPHRASE = -1  # the combo's data for "with a passphrase"
ID_ROLE = Qt.ItemDataRole.UserRole


class SendDialog(QDialog):
    """Which drafts (`chosen()`), and who the bundle is for: `recipient()` (a colleague's
    key) or `passphrase()`. `drafts`: (id, title) of each draft that may be sent."""

    def __init__(
        self,
        keys: KeyService,
        drafts: Sequence[tuple[int, str]],
        checked: Sequence[int],
        ui: UiLanguage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.ui = ui
        self.keys = keys
        self.setWindowTitle(_("Send to a colleague"))
        own = keys.own()
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        self.draft_list = QListWidget()
        self.draft_list.setAccessibleName(_("Drafts to send"))
        for draft_id, title in drafts:
            item = QListWidgetItem(title or _("(untitled)"))
            item.setData(ID_ROLE, draft_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if draft_id in checked else Qt.CheckState.Unchecked
            )
            self.draft_list.addItem(item)
        self.draft_list.itemChanged.connect(self._count_chosen)
        self.own_key = QLineEdit(own.text)
        self.own_key.setReadOnly(True)
        self.own_key.setCursorPosition(0)  # its start (dari1:…) shows, not the hex tail
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
        self.with_glossary = QCheckBox(_("Also the glossary terms they use"))
        self.with_clauses = QCheckBox(_("Also the clauses they use"))
        self.with_contacts = QCheckBox(
            _("Also the address-book entries they use (with dates of office)")
        )
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
        form.addRow("", self.with_clauses)
        form.addRow("", self.with_contacts)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # OK leads to choosing where the file goes: the button says so
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(_("Save the bundle…"))
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.draft_list, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.to.currentIndexChanged.connect(self._follow_choice)
        self._fill()
        self._count_chosen()

    def chosen(self) -> list[int]:
        """The ticked drafts' ids, in the list's order."""
        items = (self.draft_list.item(row) for row in range(self.draft_list.count()))
        return [
            int(item.data(ID_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        ]

    def _count_chosen(self) -> None:
        count = len(self.chosen())
        self.intro.setText(
            self.ui.ngettext(
                "{count} draft with all its revisions, signed and encrypted as one file.",
                "{count} drafts with all their revisions, signed and encrypted as one file.",
                count,
            ).format(count=count)
        )

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
        if not self.chosen():
            self.problem.setText(_("Tick at least one draft to send."))
            return
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
