"""The editor of one address-book entry: its fields, Korean beside English, as a form.

`set_entry` shows an organisation, a person or a position; `value()` is the entry with what
was typed (the dialog saves it through the service). Nothing here writes.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from desktop_app.domain.contacts import BookOrganisation, OrganisationKind, Person, Position
from desktop_app.domain.text import BilingualText
from desktop_app.gui.contacts.labels import ORGANISATION_KINDS, both
from desktop_app.services.entry_fields import CONTACT_FIELDS

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

Entry = BookOrganisation | Person | Position

# field: label (the bundle merge's words too); a BilingualText field gets a Korean and an
# English box, others one box.
FIELDS: dict[type, dict[str, str]] = {
    BookOrganisation: CONTACT_FIELDS["org"],
    Person: CONTACT_FIELDS["person"],
    Position: CONTACT_FIELDS["position"],
}


class EntryEditor(QWidget):
    """Every field of one entry; the widgets are rebuilt for each kind of entry."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.entry: Entry | None = None
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.boxes: dict[str, Any] = {}  # field → QLineEdit, (ko, en) QLineEdits or a QComboBox

    def set_entry(self, entry: Entry | None, organisations: list[BookOrganisation]) -> None:
        """Show `entry` (None: nothing); `organisations` fill the "works at" choice."""
        _ = self.ui.gettext
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.boxes = {}
        self.entry = entry
        if entry is None:
            return
        policy = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        for field, label in FIELDS[type(entry)].items():
            value = getattr(entry, field)
            widget: QWidget
            if isinstance(value, BilingualText):
                widget = QWidget(self)
                row = QHBoxLayout(widget)
                row.setContentsMargins(0, 0, 0, 0)
                ko, en = QLineEdit(value.ko, widget), QLineEdit(value.en, widget)
                ko.setPlaceholderText(_("Korean"))
                en.setPlaceholderText(_("English"))
                ko.setAccessibleName(f"{_(label)} ({_('Korean')})")
                en.setAccessibleName(f"{_(label)} ({_('English')})")
                row.addWidget(ko, 1)
                row.addWidget(en, 1)
                self.boxes[field] = (ko, en)
            elif field == "kind":
                combo = QComboBox(self)
                for kind, kind_label in ORGANISATION_KINDS.items():
                    combo.addItem(_(kind_label), kind.value)
                combo.setCurrentIndex(max(0, combo.findData(value.value)))
                widget = combo
                self.boxes[field] = combo
            elif field == "organisation_id":
                combo = QComboBox(self)
                combo.setSizeAdjustPolicy(policy)  # a long mission's name does not widen it
                combo.setMinimumContentsLength(20)
                if isinstance(entry, Person):
                    combo.addItem(_("(none)"), 0)
                for organisation in organisations:
                    combo.addItem(both(organisation.name), organisation.id)
                combo.setCurrentIndex(max(0, combo.findData(value or 0)))
                widget = combo
                self.boxes[field] = combo
            else:
                line = QLineEdit(str(value), self)
                widget = line
                self.boxes[field] = line
            widget.setObjectName(f"entry-{field}")
            self.layout_.addRow(_(label), widget)

    def value(self) -> Entry | None:
        """The entry as the fields now say."""
        if self.entry is None:
            return None
        changes: dict[str, Any] = {}
        for field, box in self.boxes.items():
            if isinstance(box, tuple):
                old: BilingualText = getattr(self.entry, field)
                ko, en = box[0].text().strip(), box[1].text().strip()
                changes[field] = old if (old.ko, old.en) == (ko, en) else BilingualText.of(ko, en)
            elif field == "kind":
                changes[field] = OrganisationKind(box.currentData())
            elif field == "organisation_id":
                number = int(box.currentData() or 0)
                changes[field] = number or None if isinstance(self.entry, Person) else number
            else:
                changes[field] = box.text().strip()
        return dataclasses.replace(self.entry, **changes)
