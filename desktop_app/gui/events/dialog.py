"""Tools › Events: the events, each event's documents with their translation status, and
what to do with the set (add the open draft or any draft, open one, fill a letter's 붙임
from the set, export the set).

Everything goes through `services.events`; filling the enclosures is one whole-value edit
of the open letter's form (`DocumentForm.set_fields`, one undo step, autosaved).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import BilingualText, Letter
from desktop_app.gui import errors
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.errors import sentence
from desktop_app.gui.window.draft_list import KINDS, title_for
from desktop_app.gui.window.translation_status import WARNING_COLOUR, status_text, status_tip
from desktop_app.services import DariError, ExportRequest, Layout, parse_date

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import DraftSummary, EventRecord, Services
    from desktop_app.services.events import SetOutcome

EventValues = tuple[BilingualText, date | None, BilingualText]


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget with its object name (what tests and screen readers find it by)."""
    widget.setObjectName(name)
    return widget


def both(ko: str, en: str) -> str:
    return " / ".join(t for t in (ko.strip(), en.strip()) if t)


class EventEditor(QDialog):
    """The title, date and place of an event (new or edited)."""

    def __init__(self, ui: UiLanguage, event: EventRecord | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self.ui = ui
        _ = ui.gettext
        self.title_ko = named(QLineEdit(event.title_ko if event else ""), "eventTitleKo")
        self.title_en = named(QLineEdit(event.title_en if event else ""), "eventTitleEn")
        when = event.date.isoformat() if event and event.date else ""
        self.date_edit = named(QLineEdit(when), "eventDate")
        self.date_edit.setPlaceholderText("2024-04-18")
        self.place_ko = named(QLineEdit(event.place_ko if event else ""), "eventPlaceKo")
        self.place_en = named(QLineEdit(event.place_en if event else ""), "eventPlaceEn")
        self.problem = named(QLabel(wordWrap=True), "eventProblem")
        self.problem.setStyleSheet("color: #9a4d00;")
        self.problem.hide()
        form = QFormLayout()
        rows = (
            (_("Title (Korean)"), self.title_ko),
            (_("Title (English)"), self.title_en),
            (_("Date"), self.date_edit),
            (_("Place (Korean)"), self.place_ko),
            (_("Place (English)"), self.place_en),
        )
        for text, widget in rows:
            form.addRow(text + ":", widget)
            widget.setAccessibleName(text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setWindowTitle(_("Edit the event") if event else _("New event"))
        self.setMinimumWidth(480)

    def values(self) -> EventValues:
        """The values typed; DariError for a date that is not one."""
        text = self.date_edit.text().strip()
        when = parse_date(text) if text else None
        title = BilingualText(self.title_ko.text(), self.title_en.text())
        place = BilingualText(self.place_ko.text(), self.place_en.text())
        return title, when, place

    def accept(self) -> None:  # Qt override: a bad date or no title keeps the dialog open
        try:
            title, _when, _place = self.values()
        except DariError as error:
            self.problem.setText(sentence(error, self.ui))
            self.problem.show()
            return
        if not (title.ko.strip() or title.en.strip()):
            self.problem.setText(
                self.ui.gettext("An event needs a title, in Korean or in English.")
            )
            self.problem.show()
            return
        super().accept()


def edit_event(parent: QWidget, ui: UiLanguage, event: EventRecord | None) -> EventValues | None:
    """Ask for an event's title, date and place; None when cancelled. Tests replace this."""
    editor = EventEditor(ui, event, parent)
    try:
        return editor.values() if editor.exec() == QDialog.DialogCode.Accepted else None
    finally:
        editor.deleteLater()


def choose_drafts(
    parent: QWidget, ui: UiLanguage, drafts: list[DraftSummary]
) -> list[int]:  # pragma: no cover - tests replace it
    """Pick drafts (several at once) to add to an event; [] when cancelled."""
    _ = ui.gettext
    dialog = QDialog(parent)
    dialog.setObjectName("chooseDrafts")
    dialog.setWindowTitle(_("Add drafts to the event"))
    listing = QListWidget(dialog)
    listing.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    for summary in drafts:
        kind = _(KINDS.get(summary.kind, summary.kind))
        title = summary.title_ko or summary.title_en or _("(untitled)")
        item = QListWidgetItem(f"{kind} · {title}", listing)
        item.setData(Qt.ItemDataRole.UserRole, summary.id)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(_("Choose one or more drafts (Ctrl or Shift for several):")))
    layout.addWidget(listing)
    layout.addWidget(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in listing.selectedItems()]
    finally:
        dialog.deleteLater()


class EventsDialog(QDialog):
    """The events and their sets. `host` is the MainWindow (open_draft, loaded, form,
    flush, apply_changes) or None in tests of the dialog alone."""

    changes_made = Signal(object)  # OpChanges, for the window to apply

    def __init__(
        self, services: Services, settings: Any, ui: UiLanguage, host: Any, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventsDialog")
        self.services = services
        self.settings = settings
        self.ui = ui
        self.host = host
        self.last_request: ExportRequest | None = None  # the set's last export, for the 붙임
        self.last_outcome: SetOutcome | None = None
        self._build()
        self.retranslate()
        ui.changed.connect(self.retranslate)
        self.reload()

    # -- building -----------------------------------------------------------------------

    def _button(self, name: str, slot: Any) -> QPushButton:
        button = named(QPushButton(), name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.event_list = named(QListWidget(), "eventList")
        self.event_list.currentRowChanged.connect(lambda _row: self.show_event())
        self.new_button = self._button("newEvent", self.new_event)
        self.edit_button = self._button("editEvent", self.edit_current)
        self.delete_button = self._button("deleteEvent", self.delete_current)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.events_label = QLabel()
        left_layout.addWidget(self.events_label)
        left_layout.addWidget(self.event_list, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        self.header = named(QLabel(wordWrap=True), "eventHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.table = named(QTableWidget(0, 3), "eventDocuments")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.add_open_button = self._button("addOpenDraft", self.add_open_draft)
        self.add_button = self._button("addDrafts", self.add_drafts)
        self.remove_button = self._button("removeDocument", self.remove_selected)
        self.up_button = self._button("moveUp", lambda: self.move_selected(-1))
        self.down_button = self._button("moveDown", lambda: self.move_selected(1))
        self.open_button = self._button("openDocument", self.open_selected)
        self.fill_button = self._button("fillEnclosures", self.fill_enclosures)
        self.export_button = self._button("exportSet", self.export_set)
        self.message = named(QLabel(wordWrap=True), "eventMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.table, 1)
        for buttons in (
            (self.add_open_button, self.add_button, self.remove_button),
            (self.up_button, self.down_button, self.open_button),
            (self.fill_button, self.export_button),
        ):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            right_layout.addLayout(row)
        right_layout.addWidget(self.message)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 620])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.resize(900, 520)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Events"))
        self.events_label.setText(_("Events:"))
        self.event_list.setAccessibleName(_("Events"))
        self.table.setAccessibleName(_("Documents of the event"))
        self.table.setHorizontalHeaderLabels([_("Kind"), _("Title"), _("Translation")])
        texts = {
            self.new_button: _("New…"),
            self.edit_button: _("Edit…"),
            self.delete_button: _("Delete"),
            self.add_open_button: _("Add the open draft"),
            self.add_button: _("Add drafts…"),
            self.remove_button: _("Remove from the event"),
            self.up_button: _("Move up"),
            self.down_button: _("Move down"),
            self.open_button: _("Open"),
            self.fill_button: _("Fill the enclosures from the set"),
            self.export_button: _("Export the set…"),
        }
        for button, text in texts.items():
            button.setText(text)
        self.fill_button.setToolTip(
            _("List the files of the other documents as this letter's enclosures (붙임)")
        )
        self.show_event()

    # -- what is shown ------------------------------------------------------------------

    def current_event_id(self) -> int | None:
        item = self.event_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected_draft_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _event_label(self, event: EventRecord) -> str:
        title = (event.title_ko if self.ui.language == "ko" else event.title_en) or both(
            event.title_ko, event.title_en
        )
        when = event.date.isoformat() if event.date else ""
        return " · ".join(part for part in (when, title) if part)

    def reload(self, select: int | None = None) -> None:
        """Re-read the events, keeping (or moving to) the selected one."""
        keep = select if select is not None else self.current_event_id()
        self.event_list.blockSignals(True)
        self.event_list.clear()
        row = 0
        for n, event in enumerate(self.services.events.list()):
            item = QListWidgetItem(self._event_label(event), self.event_list)
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            item.setToolTip(both(event.title_ko, event.title_en))
            if event.id == keep:
                row = n
        self.event_list.blockSignals(False)
        if self.event_list.count():
            self.event_list.setCurrentRow(row)
        self.show_event()

    def show_event(self, select_draft: int | None = None) -> None:
        """Show the current event's header and documents."""
        _ = self.ui.gettext
        event_id = self.current_event_id()
        keep = select_draft if select_draft is not None else self.selected_draft_id()
        self.table.setRowCount(0)
        if event_id is None:
            self.header.setText(_("No event yet: “New…” makes one."))
            self._update_buttons()
            return
        view = self.services.events.show(event_id)
        event = view.event
        lines = [both(event.title_ko, event.title_en)]
        details = [
            event.date.isoformat() if event.date else "",
            both(event.place_ko, event.place_en),
        ]
        if any(details):
            lines.append(" · ".join(d for d in details if d))
        count = self.ui.ngettext("{count} document", "{count} documents", len(view.documents))
        lines.append(count.format(count=len(view.documents)))
        self.header.setText("\n".join(lines))
        self.table.setRowCount(len(view.documents))
        for row, document in enumerate(view.documents):
            summary = document.summary
            kind = QTableWidgetItem(_(KINDS.get(summary.kind, summary.kind)))
            kind.setData(Qt.ItemDataRole.UserRole, summary.id)
            title = QTableWidgetItem(title_for(summary, self.ui.language) or _("(untitled)"))
            title.setToolTip(both(summary.title_ko, summary.title_en))
            status = QTableWidgetItem(status_text(summary, _))
            status.setToolTip(status_tip(summary, _, self.ui.ngettext))
            if summary.warnings > 0:
                status.setForeground(QColor(WARNING_COLOUR))
            for column, item in enumerate((kind, title, status)):
                self.table.setItem(row, column, item)
            if summary.id == keep:
                self.table.selectRow(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_event = self.current_event_id() is not None
        selected = self.selected_draft_id()
        rows = self.table.rowCount()
        for button in (self.edit_button, self.delete_button, self.add_button):
            button.setEnabled(has_event)
        loaded = getattr(self.host, "loaded", None)
        self.add_open_button.setEnabled(has_event and loaded is not None)
        for button in (self.remove_button, self.open_button):
            button.setEnabled(selected is not None)
        row = self.table.currentRow() if selected is not None else -1
        self.up_button.setEnabled(selected is not None and row > 0)
        self.down_button.setEnabled(selected is not None and 0 <= row < rows - 1)
        self.fill_button.setEnabled(selected is not None and self._is_letter(selected))
        self.export_button.setEnabled(has_event and rows > 0)

    def _is_letter(self, draft_id: int) -> bool:
        return any(
            d.summary.kind == Letter.KIND and d.draft_id == draft_id for d in self._documents()
        )

    def _documents(self) -> tuple[Any, ...]:
        event_id = self.current_event_id()
        return () if event_id is None else self.services.events.show(event_id).documents

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _apply(self, changes: Any) -> None:
        self.changes_made.emit(changes)

    # -- events -------------------------------------------------------------------------

    def new_event(self) -> None:
        values = edit_event(self, self.ui, None)
        if values is None:
            return
        title, when, place = values
        with errors.user_errors(self, self.ui):
            changes, event = self.services.events.create(title, when=when, place=place)
            self._apply(changes)
            self.reload(select=event.id)

    def edit_current(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        event = self.services.events.get(event_id)
        values = edit_event(self, self.ui, event)
        if values is None:
            return
        title, when, place = values
        with errors.user_errors(self, self.ui):
            changes, _edited = self.services.events.edit(
                event_id, expected_version=event.version, title=title, when=when, place=place
            )
            self._apply(changes)
        self.reload(select=event_id)

    def delete_current(self) -> None:
        _ = self.ui.gettext
        event_id = self.current_event_id()
        if event_id is None:
            return
        event = self.services.events.get(event_id)
        text = _("Delete the event “{title}”? Its documents stay as drafts.").format(
            title=both(event.title_ko, event.title_en)
        )
        if not export_dialog.ask(self, _("Delete the event"), text, _("Delete")):
            return
        with errors.user_errors(self, self.ui):
            self._apply(self.services.events.delete(event_id))
        self.reload()

    # -- the set ------------------------------------------------------------------------

    def _add(self, draft_ids: list[int]) -> None:
        event_id = self.current_event_id()
        if event_id is None or not draft_ids:
            return
        _ = self.ui.gettext
        moved = [i for i in draft_ids if self.services.events.event_of(i) not in (None, event_id)]
        with errors.user_errors(self, self.ui):
            changes, _event = self.services.events.add(event_id, draft_ids)
            self._apply(changes)
            if moved:
                self.say(
                    self.ui.ngettext(
                        "{count} draft moved here from another event (a draft is in one "
                        "event at a time).",
                        "{count} drafts moved here from other events (a draft is in one "
                        "event at a time).",
                        len(moved),
                    ).format(count=len(moved))
                )
        self.show_event(select_draft=draft_ids[-1])

    def add_open_draft(self) -> None:
        loaded = getattr(self.host, "loaded", None)
        if loaded is not None and self.host.flush():
            self._add([loaded.id])

    def add_drafts(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        inside = set(self.services.events.get(event_id).draft_ids)
        candidates = [d for d in self.services.drafts.list() if d.id not in inside]
        self._add(choose_drafts(self, self.ui, candidates))

    def remove_selected(self) -> None:
        event_id, draft_id = self.current_event_id(), self.selected_draft_id()
        if event_id is None or draft_id is None:
            return
        with errors.user_errors(self, self.ui):
            changes, _event = self.services.events.remove(event_id, [draft_id])
            self._apply(changes)
        self.show_event()

    def move_selected(self, step: int) -> None:
        event_id, draft_id = self.current_event_id(), self.selected_draft_id()
        if event_id is None or draft_id is None:
            return
        order = list(self.services.events.get(event_id).draft_ids)
        at = order.index(draft_id)
        to = at + step
        if not 0 <= to < len(order):
            return
        order[at], order[to] = order[to], order[at]
        with errors.user_errors(self, self.ui):
            changes, _event = self.services.events.reorder(event_id, order)
            self._apply(changes)
        self.show_event(select_draft=draft_id)

    def open_selected(self) -> None:
        """Open the selected document in the window (the dialog stays open)."""
        draft_id = self.selected_draft_id()
        if draft_id is not None and self.host is not None:
            self.host.open_draft(draft_id)
            self._update_buttons()

    def request(self) -> ExportRequest:
        """The request the set was last exported with here, else the settings' styles."""
        if self.last_request is not None:
            return self.last_request
        styles = {"ko": str(self.settings.style_ko), "en": str(self.settings.style_en)}
        return ExportRequest("both", Layout.SEPARATE, styles)  # type: ignore[arg-type]

    def fill_enclosures(self) -> None:
        """The selected letter's 붙임 lists the other documents' files: opened in the window
        if it is not, then one edit of its form (Undo takes it back)."""
        _ = self.ui.gettext
        event_id, draft_id = self.current_event_id(), self.selected_draft_id()
        if event_id is None or draft_id is None or self.host is None:
            return
        loaded = getattr(self.host, "loaded", None)
        if loaded is None or loaded.id != draft_id:
            self.host.open_draft(draft_id)
            loaded = getattr(self.host, "loaded", None)
            if loaded is None or loaded.id != draft_id:
                return
        form = self.host.form
        with errors.user_errors(self, self.ui):
            proposed = self.services.events.proposed_enclosures(
                event_id, draft_id, self.request(), letter=form.document
            )
            if proposed == form.document.enclosures:
                self.say(_("The letter's enclosures already list the files of the set."))
                return
            form.set_fields({"enclosures": proposed})
            names = "\n".join(
                f"{n}. {e.name.en if self.ui.language == 'en' else e.name.ko}"
                for n, e in enumerate(proposed, start=1)
            )
            self.say(_("The letter's enclosures now list (Undo takes it back):") + "\n" + names)

    def export_set(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        if self.host is not None and not self.host.flush():
            return
        from desktop_app.gui.events.export import SetExportDialog

        with errors.user_errors(self, self.ui):
            dialog = SetExportDialog(self.services, event_id, self.settings, self.ui, self)
            dialog.set_exported.connect(self._apply)
            dialog.finished_outcome.connect(lambda outcome: self._exported(dialog, outcome))
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()
        self.show_event()

    def _exported(self, dialog: Any, outcome: SetOutcome) -> None:
        self.last_request = dialog.request()
        self.last_outcome = outcome
        count = len(outcome.files)
        self.say(
            self.ui.ngettext(
                "{count} file of the set written in {folder}.",
                "{count} files of the set written in {folder}.",
                count,
            ).format(count=count, folder=dialog.folder())
        )
