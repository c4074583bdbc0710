"""A position's appointments as a timeline: who held the office from when until when, the
overlaps and gaps between them said in words, and a row to add an appointment or to change
the selected one (its dates, partial or unverified as the model allows, and its holder)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contacts import (
    Appointment,
    ContactError,
    OfficeDate,
    Person,
    parse_office_date,
)
from desktop_app.gui import errors
from desktop_app.gui.contacts.labels import both
from desktop_app.i18n.errors import user_message

if TYPE_CHECKING:
    from desktop_app.domain.offices import OfficeWarning
    from desktop_app.gui.i18n import UiLanguage


class TimelineView(QWidget):
    """The appointments of one position, oldest first; `appointment_added`,
    `appointment_changed` and `appointment_removed` ask the dialog to write (through the
    service). Selecting an appointment puts its holder and dates in the row below."""

    appointment_added = Signal(object)  # a new Appointment (id 0)
    appointment_changed = Signal(object)  # an Appointment with its id, as edited
    appointment_removed = Signal(int)  # an appointment's id

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.position_id = 0
        self.terms: dict[int, Appointment] = {}
        self.title = QLabel(self)
        self.title.setStyleSheet("QLabel { font-weight: 600; }")
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(3)
        self.tree.setMinimumHeight(70)
        self.tree.currentItemChanged.connect(lambda item, _old: self._selected(item))
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("QLabel { color: #8a4b00; }")
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.person = QComboBox(self)
        self.person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.person.setMinimumContentsLength(16)  # long names do not widen the dialog
        self.start = QLineEdit(self)
        self.end = QLineEdit(self)
        self.add = QPushButton(self)
        self.add.clicked.connect(self._add)
        self.change = QPushButton(self)
        self.change.setObjectName("timeline-change")
        self.change.clicked.connect(self._change)
        self.change.setEnabled(False)
        self.remove = QPushButton(self)
        self.remove.clicked.connect(self._remove)
        adding = QGridLayout()  # the holder on one line, the dates and the button below
        adding.addWidget(self.person, 0, 0, 1, 3)
        adding.addWidget(self.start, 1, 0)
        adding.addWidget(self.end, 1, 1)
        adding.addWidget(self.add, 1, 2)
        adding.setColumnStretch(0, 1)
        adding.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.warnings)
        layout.addLayout(adding)
        chosen = QHBoxLayout()  # what the selected appointment can have done
        chosen.addWidget(self.change)
        chosen.addWidget(self.remove)
        chosen.addStretch(1)
        layout.addLayout(chosen)
        self.retranslate()

    def show_timeline(
        self,
        position_id: int,
        terms: list[Appointment],
        warnings: list[OfficeWarning],
        people: list[Person],
    ) -> None:
        _ = self.ui.gettext
        self.position_id = position_id
        self.terms = {term.id: term for term in terms}
        names = {p.id: both(p.name) for p in people}
        self.tree.blockSignals(True)
        self.tree.clear()
        self.tree.blockSignals(False)
        self.change.setEnabled(False)
        ordered = sorted(terms, key=lambda a: a.start.earliest() if a.start else date.min)
        for term in ordered:
            item = QTreeWidgetItem(
                [term.span(), names.get(term.person_id, f"person-{term.person_id}"), term.note]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, term.id)
            item.setToolTip(2, term.note)
            self.tree.addTopLevelItem(item)
        for column in range(2):
            self.tree.resizeColumnToContents(column)
        said = [user_message(w, _) for w in warnings]
        self.warnings.setText("\n".join("⚠ " + s for s in said))
        self.warnings.setVisible(bool(said))
        self.person.clear()
        for person in people:
            self.person.addItem(both(person.name), person.id)

    def _typed(self) -> tuple[int, OfficeDate | None, OfficeDate | None] | None:
        """The holder and dates typed below; a date that is not one is said in a sentence."""
        person_id = int(self.person.currentData() or 0)
        if not person_id or not self.position_id:
            return None
        try:
            start = parse_office_date(self.start.text())
            end = parse_office_date(self.end.text())
        except ContactError as error:  # "“2024-13” is not a date of office: write …"
            errors.show_error(self, self.ui, error)
            return None
        return person_id, start, end

    def _add(self) -> None:
        """A new appointment from the row below; with a bad date nothing is added."""
        typed = self._typed()
        if typed is None:
            return
        person_id, start, end = typed
        self.appointment_added.emit(Appointment(self.position_id, person_id, start, end))
        self.start.clear()
        self.end.clear()

    def selected(self) -> Appointment | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.terms.get(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def select(self, appointment_id: int) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == appointment_id:
                self.tree.setCurrentItem(item)

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        """The selected appointment's holder and dates, as written, in the row below."""
        term = self.selected() if item is not None else None
        self.change.setEnabled(term is not None)
        if term is None:
            return
        index = self.person.findData(term.person_id)
        if index >= 0:
            self.person.setCurrentIndex(index)
        self.start.setText(str(term.start) if term.start else "")
        self.end.setText(str(term.end) if term.end else "")

    def _change(self) -> None:
        """The selected appointment with the holder and dates typed; its note stays."""
        term = self.selected()
        typed = self._typed() if term is not None else None
        if term is None or typed is None:
            return
        person_id, start, end = typed
        changed = dataclasses.replace(term, person_id=person_id, start=start, end=end)
        if changed != term:
            self.appointment_changed.emit(changed)

    def _remove(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.appointment_removed.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.title.setText(_("Who held this office"))
        self.tree.setHeaderLabels([_("From – until"), _("Holder"), _("Note")])
        self.start.setPlaceholderText(_("from: 2024-01-15, 2024-01, 2024 [U]"))
        self.start.setToolTip(self.start.placeholderText())
        self.start.setAccessibleName(_("From"))
        self.end.setAccessibleName(_("Until"))
        self.end.setPlaceholderText(_("until (empty: still in office)"))
        self.end.setToolTip(self.end.placeholderText())
        self.person.setAccessibleName(_("Holder"))
        self.add.setText(_("Add appointment"))
        self.add.setToolTip(_("Add a new appointment with the holder and dates above."))
        self.change.setText(_("Save changes to the selected appointment"))
        self.change.setToolTip(
            _("The selected appointment takes the holder and dates above; its note stays.")
        )
        self.remove.setText(_("Remove the selected appointment"))
