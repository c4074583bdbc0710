"""The address book's Lists page: named, ordered groups of recipients for the mail merge.

Create, rename and delete (asked) a list; add positions or people from the address book's
type-ahead; remove and reorder members. Each member is shown with whom it addresses on a
chosen date: an office resolves to its holder on that date, and a doubt (two holders, a
gap, a vacancy, an unverified date) is said beside it in words, naming them. Every change
goes through `ContactService`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contacts import (
    BookOrganisation,
    ContactId,
    ContactKind,
    Person,
    Position,
)
from desktop_app.domain.messages import TranslatableError
from desktop_app.domain.offices import who
from desktop_app.gui import errors
from desktop_app.gui.contacts.labels import Suggestion, both
from desktop_app.gui.contacts.picker import ContactPicker, suggestions
from desktop_app.i18n.errors import user_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.changes import OpChanges
    from desktop_app.services.contacts import ContactService


class ListsPage(QWidget):
    """The lists on the left; the chosen list's members, as addressed on a date, on the right."""

    def __init__(
        self,
        service: ContactService,
        ui: UiLanguage,
        record: Callable[[OpChanges], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ui = ui
        self._record = record
        self.names = QListWidget(self)
        self.names.setObjectName("lists-names")
        self.names.currentItemChanged.connect(lambda _item, _old: self._show_members())
        self.name = QLineEdit(self)
        self.name.setObjectName("lists-name")
        self.name.setClearButtonEnabled(True)
        self.create_button = QPushButton(self)
        self.create_button.clicked.connect(self.create_list)
        self.rename_button = QPushButton(self)
        self.rename_button.clicked.connect(self.rename_list)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_list)
        name_buttons = QHBoxLayout()
        name_buttons.addWidget(self.create_button)
        name_buttons.addWidget(self.rename_button)
        name_buttons.addWidget(self.delete_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.names_title = QLabel(left)
        self.names_title.setStyleSheet("QLabel { font-weight: 600; }")
        left_layout.addWidget(self.names_title)
        left_layout.addWidget(self.names, 1)
        left_layout.addWidget(self.name)
        left_layout.addLayout(name_buttons)

        self.heading = QLabel(self)
        self.heading.setStyleSheet("QLabel { font-size: 12pt; font-weight: 600; }")
        self.heading.setWordWrap(True)
        self.day_label = QLabel(self)
        self.day = QDateEdit(self)
        self.day.setObjectName("lists-day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(lambda _d: self._show_members())
        self.day_label.setBuddy(self.day)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        self.members = QTreeWidget(self)
        self.members.setObjectName("lists-members")
        self.members.setRootIsDecorated(False)
        self.members.setColumnCount(2)
        self.members.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("QLabel { color: #8a4b00; }")
        self.warnings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picker = ContactPicker(
            ui, lambda text: self._recipients(suggestions(service, text, ui.gettext)), self
        )
        self.picker.setObjectName("lists-add")
        self.picker.contact_chosen.connect(self._chosen)
        self.up = QPushButton(self)
        self.up.clicked.connect(lambda: self.move_member(-1))
        self.down = QPushButton(self)
        self.down.clicked.connect(lambda: self.move_member(1))
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_member)
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.up)
        member_buttons.addWidget(self.down)
        member_buttons.addWidget(self.remove_button)
        member_buttons.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(day_row)
        right_layout.addWidget(self.members, 1)
        said = QScrollArea(self)  # a long list's doubts scroll; the members stay shown
        said.setWidgetResizable(True)
        said.setFrameShape(QFrame.Shape.NoFrame)
        said.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        said.setMaximumHeight(160)
        said.setWidget(self.warnings)
        self.warnings_area = said
        right_layout.addWidget(said)
        right_layout.addWidget(self.picker)
        right_layout.addLayout(member_buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self.refresh()

    # -- the lists ------------------------------------------------------------------------

    def chosen(self) -> str | None:
        item = self.names.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def refresh(self, select: str | None = None) -> None:
        """Every list by name; keeps (or makes) `select` the chosen one."""
        select = select if select is not None else self.chosen()
        self.names.blockSignals(True)
        self.names.clear()
        chosen: QListWidgetItem | None = None
        for contact_list in self.service.lists():
            item = QListWidgetItem(f"{contact_list.name}  ({len(contact_list.members)})")
            item.setData(Qt.ItemDataRole.UserRole, contact_list.name)
            item.setToolTip(contact_list.name)
            self.names.addItem(item)
            if contact_list.name == select:
                chosen = item
        self.names.blockSignals(False)
        if chosen is not None:
            self.names.setCurrentItem(chosen)
        self._show_members()

    def create_list(self) -> None:
        with errors.user_errors(self, self.ui):
            changes, made = self.service.create_list(self.name.text())
            self._record(changes)
            self.name.clear()
            self.refresh(made.name)

    def rename_list(self) -> None:
        name = self.chosen()
        if name is None:
            return
        with errors.user_errors(self, self.ui):
            changes, renamed = self.service.rename_list(name, self.name.text())
            self._record(changes)
            self.name.clear()
            self.refresh(renamed.name)

    def delete_list(self) -> None:
        name = self.chosen()
        if name is None:
            return
        _ = self.ui.gettext
        text = _(
            "Delete the list “{name}”? Its members stay in the address book; "
            "the letters already written keep their recipients."
        ).format(name=name)
        if not errors.confirm(self, self.ui, _("Delete the list"), text, _("Delete")):
            return
        with errors.user_errors(self, self.ui):
            self._record(self.service.delete_list(name))
            self.refresh("")

    # -- the members ----------------------------------------------------------------------

    def on(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def _show_members(self) -> None:
        _ = self.ui.gettext
        name = self.chosen()
        for widget in (
            self.rename_button,
            self.delete_button,
            self.picker,
            self.up,
            self.down,
            self.remove_button,
        ):
            widget.setEnabled(name is not None)
        self.members.clear()
        self.warnings.clear()
        self.warnings_area.setVisible(False)
        if name is None:
            self.heading.setText(_("Choose a list on the left, or make a new one."))
            return
        self.heading.setText(name)
        day = self.on()
        self.members.setHeaderLabels(
            [_("Member"), _("Addressed on {date}").format(date=day.isoformat())]
        )
        said: list[str] = []
        with errors.user_errors(self, self.ui):
            for member in self.service.get_list(name).members:
                label, addressed, doubts = self._member(member, day)
                item = QTreeWidgetItem([label, f"⚠ {addressed}" if doubts else addressed])
                item.setData(0, Qt.ItemDataRole.UserRole, str(member))
                item.setToolTip(0, f"{label}\n{member}")
                item.setToolTip(1, "\n".join([addressed, *doubts]))
                self.members.addTopLevelItem(item)
                said += [f"⚠ {label}: {doubt}" for doubt in doubts]
        self.members.resizeColumnToContents(0)
        self.warnings.setText("\n".join(said))
        self.warnings_area.setVisible(bool(said))
        if said:  # as tall as the sentences, up to the area's maximum; then it scrolls
            wanted = self.warnings.heightForWidth(max(self.members.width() - 20, 300)) + 6
            self.warnings_area.setMinimumHeight(min(wanted, self.warnings_area.maximumHeight()))

    def _member(self, member: ContactId, day: date) -> tuple[str, str, list[str]]:
        """(the member, whom it addresses on `day`, the doubts about it in sentences)."""
        _ = self.ui.gettext
        try:
            if member.kind is ContactKind.PERSON:
                person = self.service.get(Person, member.number)
                name = both(person.name) or str(member)
                return _("{name} — person").format(name=name), name, []
            position = self.service.get(Position, member.number)
            where = self._organisation(position.organisation_id)
            title = both(position.title) or str(member)
            label = f"{title} ({where})" if where else title
            holding = self.service.holder_on(position.id, day)
        except TranslatableError as error:  # gone since the list was read
            return str(member), user_message(error, _), []
        doubts = [user_message(w, _) for w in holding.warnings]
        if holding.person_id is not None:
            holder = self._person(holding.person_id)
            return label, both(holder.name) if holder else f"person-{holding.person_id}", doubts
        if holding.candidates:
            names = ", ".join(
                who(self._person(a.person_id), a.person_id) for a in holding.candidates
            )
            return label, _("No single holder: {names}").format(names=names), doubts
        return label, _("Nobody recorded in office"), doubts

    def _person(self, person_id: int) -> Person | None:
        try:
            return self.service.get(Person, person_id)
        except TranslatableError:
            return None

    def _organisation(self, organisation_id: int) -> str:
        try:
            organisation = self.service.get(BookOrganisation, organisation_id)
        except TranslatableError:
            return ""
        return organisation.name.ko or organisation.name.en

    @staticmethod
    def _recipients(found: list[Suggestion]) -> list[Suggestion]:
        """A list holds offices and people; an organisation is no recipient."""
        return [s for s in found if s.contact.kind is not ContactKind.ORGANISATION]

    def _chosen(self, suggestion: Suggestion) -> None:
        self.add_member(suggestion.contact)

    def add_member(self, contact: ContactId) -> None:
        name = self.chosen()
        if name is None:
            return
        with errors.user_errors(self, self.ui):
            changes, _stored = self.service.add_to_list(name, [str(contact)])
            self._record(changes)
            self.refresh(name)
            self._select_member(contact)

    def current_member(self) -> ContactId | None:
        item = self.members.currentItem()
        if item is None:
            return None
        return ContactId.parse(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def _select_member(self, contact: ContactId) -> None:
        for row in range(self.members.topLevelItemCount()):
            item = self.members.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == str(contact):
                self.members.setCurrentItem(item)

    def move_member(self, offset: int) -> None:
        name, member = self.chosen(), self.current_member()
        if name is None or member is None:
            return
        with errors.user_errors(self, self.ui):
            changes, _stored = self.service.move_in_list(name, member, offset)
            self._record(changes)
            self.refresh(name)
            self._select_member(member)

    def remove_member(self) -> None:
        name, member = self.chosen(), self.current_member()
        if name is None or member is None:
            return
        with errors.user_errors(self, self.ui):
            changes, _stored = self.service.remove_from_list(name, member)
            self._record(changes)
            self.refresh(name)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.names_title.setText(_("Lists of recipients"))
        self.name.setPlaceholderText(_("A list’s name (UPR session 46 missions)"))
        self.name.setAccessibleName(_("The list’s name"))
        self.create_button.setText(_("New list"))
        self.create_button.setToolTip(_("Make a new, empty list with the name typed above."))
        self.rename_button.setText(_("Rename"))
        self.rename_button.setToolTip(_("Give the chosen list the name typed above."))
        self.delete_button.setText(_("Delete…"))
        self.day_label.setText(_("Holders on:"))
        self.day.setToolTip(_("An office is addressed to whoever holds it on this date."))
        self.up.setText(_("Move up"))
        self.down.setText(_("Move down"))
        self.remove_button.setText(_("Remove from the list"))
        self._show_members()
