""" "Update from the address book": what would change, party by party and field by field,
each party ticked or not; only the ticked ones are taken (the caller makes it one edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.forms.upr_sections import ORGANISATIONS
from desktop_app.gui.widgets.list_editors import CC, RECIPIENTS, SENDERS, SIGNATORIES, SectionSpec
from desktop_app.i18n.errors import user_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.contacts import PartyUpdate


SPECS: dict[str, SectionSpec] = {
    "senders": SENDERS,
    "recipients": RECIPIENTS,
    "cc": CC,
    "signatories": SIGNATORIES,
    "organisations": ORGANISATIONS,  # a UPR brief's submitting organisations
}


def party_name(party: str, gettext: Callable[[str], str]) -> str:
    """`recipients[0]` → `Recipient 1`, as the form's card is headed, in the UI language."""
    section, _sep, rest = party.partition("[")
    number = int(rest.rstrip("]")) + 1 if rest else 1
    spec = SPECS.get(section)
    return gettext(spec.item_label).format(number=number) if spec else party


def field_name(party: str, field: str, gettext: Callable[[str], str]) -> str:
    """`address.ko` → `Address (Korean)`, the form's label for it."""
    spec = SPECS.get(party.partition("[")[0])
    name, _sep, lang = field.partition(".")
    labels = {f.name: f.label for f in spec.fields} if spec else {}
    label = gettext(labels[name]) if name in labels else name
    side = {"ko": gettext("Korean"), "en": gettext("English")}.get(lang)
    return f"{label} ({side})" if side else label


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
        warnings: list[str] = []
        for update in updates:
            item = QTreeWidgetItem([party_name(update.party, _), "", ""])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            for change in update.changes:
                row = QTreeWidgetItem(
                    item, [field_name(update.party, change.field, _), change.old, change.new]
                )
                row.setToolTip(1, change.old)
                row.setToolTip(2, change.new)
            warnings += [
                f"{party_name(update.party, _)}: {user_message(w, _)}" for w in update.warnings
            ]
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            self.items.append(item)
        self.tree.resizeColumnToContents(0)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in (1, 2):  # the old and the new value side by side, each half
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.warnings = QLabel("\n".join("⚠ " + w for w in warnings), self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("QLabel { color: #8a4b00; }")
        self.warnings.setVisible(bool(warnings))
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
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
        self.resize(820, 480)

    def chosen(self) -> list[PartyUpdate]:
        """The ticked parties' updates."""
        return [
            update
            for update, item in zip(self.updates, self.items, strict=True)
            if item.checkState(0) == Qt.CheckState.Checked
        ]
