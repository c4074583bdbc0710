"""The export log view: what file of which draft was made for whom, whether it was sent;
filters, "Mark sent…", "Mark not sent", "Export CSV…" and an entry's folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import prompts
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.errors import KNOWN_ERRORS, sentence
from desktop_app.gui.widgets.table_model import Index, RecordTableModel
from desktop_app.services import PRESETS
from desktop_app.services.log import CHANNELS, recipient_label

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import ExportEntryRecord, Services

N_ = str  # marks the column titles for the catalog; the model translates them when shown


# The log keeps codes (`ko`, `separate`, `ko-letter`); the table says them in words.
LANGUAGE_LABELS = {"ko": N_("Korean"), "en": N_("English"), "both": N_("Korean and English")}
LAYOUT_LABELS = {
    "separate": N_("Separate files"),
    "combined": N_("One file, Korean then English"),
    "side-by-side": N_("Side by side"),
}


def in_words(codes: str, labels: dict[str, str], _: Any) -> str:
    """`ko,en` → `국문, 영문`; a code without a label is shown as it is."""
    return ", ".join(_(labels[c]) if c in labels else c for c in codes.split(",") if c)


WIDE_COLUMNS = (1, 6, 7)  # draft title, recipient, file name: elided, whole in the tooltip
WIDE_COLUMN_PX = 240  # so that the recipient, the file and whether it was sent stay in sight


class LogTableModel(RecordTableModel):
    """The log's entries, one a row; `titles` names the drafts (id → title)."""

    COLUMNS = (
        N_("When"),
        N_("Draft title"),
        N_("Revision"),
        N_("Language"),
        N_("Layout"),
        N_("Style"),
        N_("Recipient"),
        N_("File"),
        N_("Size"),
        N_("Sent"),
        N_("Channel"),
    )

    def __init__(self, ui: UiLanguage, parent: Any = None) -> None:
        super().__init__(ui, parent)
        self.titles: dict[int, str] = {}

    def set_entries(self, entries: list[ExportEntryRecord], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.titles = titles
        self.endResetModel()

    def entry(self, row: int) -> ExportEntryRecord:
        entry: ExportEntryRecord = self._rows[row]
        return entry

    def entries(self) -> list[ExportEntryRecord]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self.entry(index.row())
        _ = self.ui.gettext
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 7:
                return entry.file_path + "\nSHA-256 " + entry.sha256
            if column == 9 and entry.note:
                return entry.note
            if column in WIDE_COLUMNS:  # cut to a width in the table: the whole text here
                return self.data(index, Qt.ItemDataRole.DisplayRole)
            return None
        when = (
            entry.exported_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.exported_at else ""
        )
        if entry.merge_cancelled:
            when += " " + _("(merge cancelled)")
        title = self.titles.get(entry.draft_id) or _("draft {number} (deleted)").format(
            number=entry.draft_id
        )
        values = (
            when,
            title,
            "" if entry.revision_id is None else str(entry.revision_id),
            in_words(entry.languages, LANGUAGE_LABELS, _),
            in_words(entry.layout, LAYOUT_LABELS, _),
            in_words(entry.styles, {k: p.label for k, p in PRESETS.items()}, _),
            recipient_label(entry),
            Path(entry.file_path).name,
            self.ui.ngettext("{count} byte", "{count} bytes", entry.size).format(
                count=f"{entry.size:,}"
            ),
            entry.sent_on.isoformat() if entry.sent_on else "",
            _(CHANNELS[entry.channel]) if entry.channel in CHANNELS else (entry.channel or ""),
        )
        return values[column]


class MarkSentDialog(QDialog):
    """Asks when and how an entry's file was sent, and a note."""

    def __init__(
        self, ui: UiLanguage, exported: date | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.setObjectName("markSentDialog")
        self.setWindowTitle(_("Mark sent"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("sentDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate.currentDate())
        if exported is not None:
            self.date_edit.setMinimumDate(QDate(exported.year, exported.month, exported.day))
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("sentChannel")
        for key, label in CHANNELS.items():
            self.channel_box.addItem(_(label), key)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("sentNote")
        form = QFormLayout()
        form.addRow(_("Sent on") + ":", self.date_edit)
        form.addRow(_("Channel") + ":", self.channel_box)
        form.addRow(_("Note") + ":", self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Mark sent"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def answer(self) -> tuple[date, str, str]:
        """(the date it was sent, the channel's key, the note)."""
        chosen = self.date_edit.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        return day, str(self.channel_box.currentData()), self.note_edit.text()


def ask_sent(
    parent: QWidget, ui: UiLanguage, exported: date | None
) -> tuple[date, str, str] | None:
    """When and how was it sent? None when the person cancels. Tests replace this function."""
    dialog = MarkSentDialog(ui, exported, parent)
    try:
        return dialog.answer() if dialog.exec() else None
    finally:
        dialog.deleteLater()


class ExportLogDialog(QDialog):
    """The export log of one draft (`draft_id`) or of all drafts, with filters."""

    def __init__(
        self,
        services: Services,
        ui: UiLanguage,
        draft_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ui = ui
        self.draft_id = draft_id
        self.setObjectName("exportLogDialog")
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("logScope")
        if draft_id is not None:
            self.scope_box.addItem("", draft_id)
        self.scope_box.addItem("", None)
        self.sent_box = QComboBox()
        self.sent_box.setObjectName("logSent")
        for value in (None, True, False):
            self.sent_box.addItem("", value)
        today = QDate.currentDate()
        self.since_check, self.since_edit = QCheckBox(), QDateEdit(today.addMonths(-1))
        self.until_check, self.until_edit = QCheckBox(), QDateEdit(today)
        for name, check, edit in (
            ("logSince", self.since_check, self.since_edit),
            ("logUntil", self.until_check, self.until_edit),
        ):
            check.setObjectName(name + "On")
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.reload)
            edit.dateChanged.connect(self.reload)
        self.scope_box.currentIndexChanged.connect(self.reload)
        self.sent_box.currentIndexChanged.connect(self.reload)
        filters = QHBoxLayout()
        for widget in (self.scope_box, self.sent_box, self.since_check, self.since_edit,
                       self.until_check, self.until_edit):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        self.model = LogTableModel(ui, self)
        self.table = QTableView()
        self.table.setObjectName("logTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.status_label = QLabel()
        self.status_label.setObjectName("logStatus")
        self.mark_sent_button = QPushButton()
        self.mark_sent_button.setObjectName("markSent")
        self.mark_unsent_button = QPushButton()
        self.mark_unsent_button.setObjectName("markUnsent")
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("exportCsv")
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openFolder")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeLog")
        self.mark_sent_button.clicked.connect(self.mark_sent)
        self.mark_unsent_button.clicked.connect(self.mark_unsent)
        self.csv_button.clicked.connect(self.export_csv)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.mark_sent_button, self.mark_unsent_button, self.folder_button,
                       self.csv_button):  # fmt: skip
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(960, 560)
        ui.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Export log"))
        labels = (
            [_("This draft"), _("All drafts")] if self.draft_id is not None else [_("All drafts")]
        )
        for i, text in enumerate(labels):
            self.scope_box.setItemText(i, text)
        self.scope_box.setAccessibleName(_("Drafts"))
        for i, text in enumerate((_("Sent or not"), _("Sent"), _("Not sent"))):
            self.sent_box.setItemText(i, text)
        self.sent_box.setAccessibleName(_("Sent"))
        self.since_check.setText(_("From"))
        self.until_check.setText(_("To"))
        self.mark_sent_button.setText(_("Mark sent…"))
        self.mark_unsent_button.setText(_("Mark not sent"))
        self.csv_button.setText(_("Export CSV…"))
        self.folder_button.setText(_("Open folder"))
        self.close_button.setText(_("Close"))
        self.table.setAccessibleName(_("Export log"))
        self.reload()

    # -- the entries --------------------------------------------------------------------

    @staticmethod
    def _day(edit: QDateEdit) -> date:
        chosen = edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def reload(self) -> None:
        """Read the entries again for the filters; keep the selected entry selected."""
        _ = self.ui.gettext
        selected = self.selected()
        since = self._day(self.since_edit) if self.since_check.isChecked() else None
        until = self._day(self.until_edit) if self.until_check.isChecked() else None
        try:
            entries = self.services.log.entries(
                draft_id=self.scope_box.currentData(),
                sent=self.sent_box.currentData(),
                since=since,
                until=until,
            )
        except KNOWN_ERRORS as error:
            self.model.set_entries([], {})
            self.status_label.setText(sentence(error, self.ui))
            self._update_buttons()
            return
        drafts = self.services.drafts
        titles: dict[int, str] = {}
        for summary in [*drafts.list(), *drafts.list(trashed=True)]:
            own = summary.title_ko if self.ui.language == "ko" else summary.title_en
            titles[summary.id] = own or summary.title_ko or summary.title_en or f"#{summary.id}"
        self.model.set_entries(entries, titles)
        self.table.resizeColumnsToContents()
        self._wanted = {column: self.table.columnWidth(column) for column in WIDE_COLUMNS}
        for column in WIDE_COLUMNS:
            if self.table.columnWidth(column) > WIDE_COLUMN_PX:
                self.table.setColumnWidth(column, WIDE_COLUMN_PX)
        self._widen()
        sent = sum(1 for entry in entries if entry.sent_on)
        self.status_label.setText(
            self.ui.ngettext("{count} entry", "{count} entries", len(entries)).format(
                count=len(entries)
            )
            + " · "
            + _("{sent} sent").format(sent=sent)
        )
        if selected is not None:
            for row, entry in enumerate(entries):
                if entry.id == selected.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> ExportEntryRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.entry(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int) -> None:
        """Select the row of an entry (tests and the window)."""
        for row, entry in enumerate(self.model.entries()):
            if entry.id == entry_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0, QModelIndex()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self._widen)  # once the layout has given the table its width

    def _widen(self) -> None:
        """Room to spare in a wide window goes to the cut columns, recipient and file first,
        up to their whole text (the last column, Channel, takes what is left)."""
        wanted = getattr(self, "_wanted", None)
        if not wanted:
            return
        last = self.model.columnCount() - 1
        used = sum(self.table.columnWidth(c) for c in range(last))
        spare = self.table.viewport().width() - used - 120  # the last column keeps some
        for column in (6, 7, 1):
            grow = min(spare, wanted[column] - self.table.columnWidth(column))
            if grow > 0:
                self.table.setColumnWidth(column, self.table.columnWidth(column) + grow)
                spare -= grow

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.mark_sent_button.setEnabled(entry is not None)
        self.mark_unsent_button.setEnabled(entry is not None and entry.sent_on is not None)
        self.folder_button.setEnabled(entry is not None)
        self.csv_button.setEnabled(self.model.rowCount() > 0)

    # -- actions ------------------------------------------------------------------------

    def mark_sent(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        exported = entry.exported_at.astimezone().date() if entry.exported_at else None
        answer = ask_sent(self, self.ui, exported)
        if answer is None:
            return
        day, channel, note = answer
        try:
            self.services.log.mark_sent(entry.id, channel, sent_on=day, note=note)
        except KNOWN_ERRORS as error:
            prompts.inform(self, self.ui.gettext("Mark sent"), sentence(error, self.ui))
            return
        self.reload()

    def mark_unsent(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        try:
            self.services.log.mark_unsent(entry.id)
        except KNOWN_ERRORS as error:
            prompts.inform(self, self.ui.gettext("Mark not sent"), sentence(error, self.ui))
            return
        self.reload()

    def export_csv(self) -> None:
        _ = self.ui.gettext
        path = prompts.save_file(self, _("Export CSV"), "export-log.csv", _("CSV files (*.csv)"))
        if not path:
            return
        try:
            count = self.services.log.export_csv(Path(path), self.model.entries())
        except KNOWN_ERRORS as error:
            prompts.inform(self, _("Export CSV"), sentence(error, self.ui))
            return
        self.status_label.setText(
            self.ui.ngettext(
                "{count} entry written to {file}.", "{count} entries written to {file}.", count
            ).format(count=count, file=path)
        )

    def open_folder(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        folder = Path(entry.file_path).parent
        if not folder.is_dir():
            text = self.ui.gettext("The folder {folder} is no longer there.").format(folder=folder)
            prompts.inform(self, self.ui.gettext("Open folder"), text)
            return
        export_dialog.open_folder(folder)
