"""Tools › Address book…: search, the entries, the selected one's editor, a position's
timeline, and the drafts that use the entry. Every change goes through `ContactService`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactId,
    ContactKind,
    Person,
    Position,
)
from desktop_app.domain.text import BilingualText
from desktop_app.gui import errors
from desktop_app.gui.contacts.editor import EntryEditor
from desktop_app.gui.contacts.labels import both, contact_of
from desktop_app.gui.contacts.lists import ListsPage
from desktop_app.gui.contacts.timeline import TimelineView

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.changes import OpChanges
    from desktop_app.services.contacts import ContactService

Entry = BookOrganisation | Person | Position
KINDS = (ContactKind.ORGANISATION, ContactKind.PERSON, ContactKind.POSITION)


def entries_of(service: ContactService, kind: ContactKind) -> list[Entry]:
    """Every entry of one kind (the service's calls are typed per kind)."""
    if kind is ContactKind.ORGANISATION:
        return list(service.all(BookOrganisation))
    if kind is ContactKind.PERSON:
        return list(service.all(Person))
    return list(service.all(Position))


def entry_of(service: ContactService, contact: ContactId) -> Entry:
    if contact.kind is ContactKind.ORGANISATION:
        return service.get(BookOrganisation, contact.number)
    if contact.kind is ContactKind.PERSON:
        return service.get(Person, contact.number)
    return service.get(Position, contact.number)


def store_entry(service: ContactService, value: Entry) -> tuple[OpChanges, Entry]:
    if isinstance(value, BookOrganisation):
        return service.save(value)
    if isinstance(value, Person):
        return service.save(value)
    return service.save(value)


def remove_entry(service: ContactService, contact: ContactId) -> OpChanges:
    if contact.kind is ContactKind.ORGANISATION:
        return service.delete(BookOrganisation, contact.number)
    if contact.kind is ContactKind.PERSON:
        return service.delete(Person, contact.number)
    return service.delete(Position, contact.number)


SHOWN = 200  # of each kind without a search: the list is for finding, the search narrows it


class AddressBookDialog(QDialog):
    """The address book: organisations, people and offices, in both languages."""

    def __init__(
        self,
        service: ContactService,
        ui: UiLanguage,
        parent: QWidget | None = None,
        open_draft: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ui = ui
        self._open_draft = open_draft
        self.current: ContactId | None = None
        self.changes: list[OpChanges] = []  # what was written, for whoever opened it
        self.search = QLineEdit(self)
        self.search.setObjectName("book-search")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self.refresh())
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(lambda item, _old: self._selected(item))
        self.new_buttons: dict[ContactKind, QPushButton] = {}
        new_row = QHBoxLayout()
        for kind in KINDS:
            button = QPushButton(self)
            button.clicked.connect(lambda _c=False, k=kind: self.new_entry(k))
            new_row.addWidget(button)
            self.new_buttons[kind] = button
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(new_row)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("QLabel { font-size: 12pt; font-weight: 600; }")
        self.heading.setWordWrap(True)
        self.editor = EntryEditor(ui, self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("book-save")
        self.save_button.clicked.connect(self.save_entry)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_entry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.timeline = TimelineView(ui, self)
        self.timeline.appointment_added.connect(self._add_appointment)
        self.timeline.appointment_changed.connect(self._change_appointment)
        self.timeline.appointment_removed.connect(self._remove_appointment)
        self.used_title = QLabel(self)
        self.used_title.setStyleSheet("QLabel { font-weight: 600; }")
        self.used = QListWidget(self)
        self.used.setObjectName("book-used-in")
        self.used.itemActivated.connect(self._draft_activated)
        self.used.setMinimumHeight(60)
        self.used.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.used.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        entry = QWidget(self)  # the entry's fields scroll; the timeline and drafts stay shown
        entry_layout = QVBoxLayout(entry)
        entry_layout.addWidget(self.heading)
        entry_layout.addWidget(self.editor)
        entry_layout.addLayout(buttons)
        entry_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fields shrink
        scroll.setWidget(entry)
        used = QWidget(self)
        used_layout = QVBoxLayout(used)
        used_layout.setContentsMargins(0, 0, 0, 0)
        used_layout.addWidget(self.used_title)
        used_layout.addWidget(self.used, 1)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(scroll)
        self.right.addWidget(self.timeline)
        self.right.addWidget(used)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.right.setStretchFactor(2, 1)
        self.right.setSizes([330, 190, 110])
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 680])
        self.lists = ListsPage(service, ui, self.changes.append, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(splitter, "")
        self.tabs.addTab(self.lists, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(1000, 680)
        self.retranslate()
        self.refresh()
        self._show_entry(None)

    # -- the list -----------------------------------------------------------------------

    def refresh(self) -> None:
        """The entries the search finds (every entry, up to SHOWN of each, without one)."""
        _ = self.ui.gettext
        text = self.search.text().strip()
        if text:
            hits = self.service.search(text, SHOWN)
            groups: dict[ContactKind, list[Entry]] = {
                ContactKind.ORGANISATION: list(hits.organisations),
                ContactKind.PERSON: list(hits.people),
                ContactKind.POSITION: list(hits.positions),
            }
        else:
            groups = {kind: entries_of(self.service, kind)[:SHOWN] for kind in KINDS}
        names = {o.id: o.name.ko or o.name.en for o in self.service.all(BookOrganisation)}
        titles = {
            ContactKind.ORGANISATION: _("Organisations"),
            ContactKind.PERSON: _("People"),
            ContactKind.POSITION: _("Offices"),
        }
        self.tree.blockSignals(True)
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for kind, entries in groups.items():
            group = QTreeWidgetItem([f"{titles[kind]} ({len(entries)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for entry in entries:
                label = both(entry.title if isinstance(entry, Position) else entry.name)
                if isinstance(entry, Position):
                    label = f"{label} — {names.get(entry.organisation_id, '')}"
                contact = contact_of(entry)
                item = QTreeWidgetItem(group, [label or str(contact)])
                item.setData(0, Qt.ItemDataRole.UserRole, str(contact))
                item.setToolTip(0, f"{label}\n{contact}")
                if contact == self.current:
                    select = item
            group.setExpanded(True)
        self.tree.blockSignals(False)
        if select is not None:
            self.tree.setCurrentItem(select)

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not data:
            return
        contact = ContactId.parse(str(data))
        with errors.user_errors(self, self.ui):
            self._show_entry(entry_of(self.service, contact))

    # -- the entry ------------------------------------------------------------------------

    def _show_entry(self, entry: BookOrganisation | Person | Position | None) -> None:
        _ = self.ui.gettext
        self.current = contact_of(entry) if entry is not None and entry.id else None
        self.editor.set_entry(entry, self.service.all(BookOrganisation))
        self.save_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(self.current is not None)
        if entry is None:
            self.heading.setText(_("Choose an entry on the left, or make a new one."))
        elif not entry.id:
            self.heading.setText(_("New entry (not saved yet)"))
        else:
            self.heading.setText(f"{both(self._name(entry))}  ·  {self.current}")
        is_position = isinstance(entry, Position) and bool(entry.id)
        self.timeline.setVisible(is_position)
        if isinstance(entry, Position) and entry.id:
            terms, warnings = self.service.timeline(entry.id)
            self.timeline.show_timeline(entry.id, terms, warnings, self.service.all(Person))
        self.used.clear()
        self.used_title.setVisible(self.current is not None)
        self.used.setVisible(self.current is not None)
        if self.current is not None:
            for draft_id, title_ko, title_en in self.service.used_in(self.current):
                title = " / ".join(t for t in (title_ko, title_en) if t) or _("(untitled)")
                row = QListWidgetItem(f"#{draft_id}  {title}")
                row.setToolTip(title)
                row.setData(Qt.ItemDataRole.UserRole, draft_id)
                self.used.addItem(row)
            if not self.used.count():
                empty = QListWidgetItem(_("No draft uses this entry."))
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                self.used.addItem(empty)

    @staticmethod
    def _name(entry: BookOrganisation | Person | Position) -> BilingualText:
        return entry.title if isinstance(entry, Position) else entry.name

    def new_entry(self, kind: ContactKind) -> None:
        organisations = self.service.all(BookOrganisation)
        if kind is ContactKind.ORGANISATION:
            self._show_entry(BookOrganisation())
        elif kind is ContactKind.PERSON:
            self._show_entry(Person())
        elif organisations:
            self._show_entry(Position(organisation_id=organisations[0].id))
        else:
            _ = self.ui.gettext
            self.heading.setText(_("An office belongs to an organisation: add one first."))

    def save_entry(self) -> None:
        value = self.editor.value()
        if value is None:
            return
        with errors.user_errors(self, self.ui):
            changes, saved = store_entry(self.service, value)
            self.changes.append(changes)
            self.current = contact_of(saved)
            self.refresh()
            self._show_entry(saved)

    def delete_entry(self) -> None:
        if self.current is None:
            return
        _ = self.ui.gettext
        used = self.service.used_in(self.current)
        text = _("Delete this entry from the address book?")
        if used:
            text += " " + self.ui.ngettext(
                "{count} draft uses it; it keeps its own copy, unchanged.",
                "{count} drafts use it; they keep their own copies, unchanged.",
                len(used),
            ).format(count=len(used))
        if not errors.confirm(self, self.ui, _("Delete the entry"), text, _("Delete")):
            return
        with errors.user_errors(self, self.ui):
            self.changes.append(remove_entry(self.service, self.current))
            self.current = None
            self.refresh()
            self._show_entry(None)

    def _add_appointment(self, appointment: Appointment) -> None:
        with errors.user_errors(self, self.ui):
            changes, _saved = self.service.save(appointment)
            self.changes.append(changes)
            self._show_entry(self.service.get(Position, appointment.position_id))

    def _change_appointment(self, appointment: Appointment) -> None:
        """An appointment's new dates or holder; the timeline's warnings follow."""
        with errors.user_errors(self, self.ui):
            changes, saved = self.service.save(appointment)
            self.changes.append(changes)
            self._show_entry(self.service.get(Position, appointment.position_id))
            self.timeline.select(saved.id)

    def _remove_appointment(self, appointment_id: int) -> None:
        with errors.user_errors(self, self.ui):
            appointment = self.service.get(Appointment, appointment_id)
            self.changes.append(self.service.delete(Appointment, appointment_id))
            self._show_entry(self.service.get(Position, appointment.position_id))

    def _tab_changed(self, index: int) -> None:
        """Each page shows the book as it is now (the other page may have changed it)."""
        if self.tabs.widget(index) is self.lists:
            self.lists.refresh()
        else:
            self.refresh()

    def _draft_activated(self, item: QListWidgetItem) -> None:
        draft_id = item.data(Qt.ItemDataRole.UserRole)
        if draft_id and self._open_draft is not None:
            self.accept()
            self._open_draft(int(draft_id))

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Address book"))
        self.tabs.setTabText(0, _("Entries"))
        self.tabs.setTabText(1, _("Lists"))
        self.lists.retranslate()
        self.search.setPlaceholderText(_("Search: a name in Korean or English (조태, cho)"))
        self.search.setAccessibleName(_("Search the address book"))
        self.new_buttons[ContactKind.ORGANISATION].setText(_("New organisation"))
        self.new_buttons[ContactKind.PERSON].setText(_("New person"))
        self.new_buttons[ContactKind.POSITION].setText(_("New office"))
        self.save_button.setText(_("Save the entry"))
        self.delete_button.setText(_("Delete…"))
        self.used_title.setText(_("Used in drafts"))
        if self.close_button is not None:
            self.close_button.setText(_("Close"))
