""" "Update from the address book": what would change, party by party and field by field,
each party ticked or not; only the ticked ones are taken (the caller makes it one edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.errors import user_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.contacts import PartyUpdate


def party_name(party: str, gettext: Callable[[str], str]) -> str:
    """`recipients[0]` → `Recipient 1` in the UI language."""
    section, _sep, rest = party.partition("[")
    number = int(rest.rstrip("]")) + 1 if rest else 1
    labels = {
        "senders": gettext("Sender {number}"),
        "recipients": gettext("Recipient {number}"),
        "cc": gettext("Copy to {number}"),
        "signatories": gettext("Signatory {number}"),
        "organisations": gettext("Organisation {number}"),
    }
    return labels.get(section, party).format(number=number)


class UpdateDialog(QDialog):
    """The differences between the draft's copies and the address book, to tick."""

    def __init__(
        self, updates: list[PartyUpdate], ui: UiLanguage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.updates = updates
        self.setWindowTitle(_("Update from the address book"))
        intro = QLabel(
            _(
                "The draft keeps its own copy of each party. Tick the parties to take again "
                "from the address book; the others stay as they are. Undo takes it back."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(
            [_("Party and field"), _("In the draft"), _("In the address book")]
        )
        self.items: list[QTreeWidgetItem] = []
        for update in updates:
            item = QTreeWidgetItem([party_name(update.party, _), "", ""])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            for change in update.changes:
                QTreeWidgetItem(item, [change.field, change.old, change.new])
            for warning in update.warnings:
                QTreeWidgetItem(item, [_("Warning"), user_message(warning, _), ""])
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            self.items.append(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        buttons = QDialogButtonBox(self)
        take = buttons.addButton(
            _("Take the ticked parties"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        take.setObjectName("take")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def chosen(self) -> list[PartyUpdate]:
        """The ticked parties' updates."""
        return [
            update
            for update, item in zip(self.updates, self.items, strict=True)
            if item.checkState(0) == Qt.CheckState.Checked
        ]
