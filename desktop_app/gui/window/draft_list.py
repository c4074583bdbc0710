"""The draft list: an item model over DraftService.list, a filter proxy, and the left-hand panel."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QTabBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import N_
from desktop_app.gui.widgets.table_model import RecordTableModel
from desktop_app.gui.window.translation_status import (
    WARNING_COLOUR,
    sort_key,
    status_text,
    status_tip,
)

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import DraftService, DraftSummary

KINDS = {
    "letter": N_("Letter"),
    "upr-brief": N_("UPR brief"),
    "press-notice": N_("Press conference notice"),
    "statement": N_("Statement"),
}
STATUSES = {"draft": N_("Draft"), "ready": N_("Ready to send"), "sent": N_("Sent")}
COLUMNS = (N_("Title"), N_("Kind"), N_("Status"), N_("Last change"), N_("Translation"))
TITLE, KIND, STATUS, CHANGED, TRANSLATION = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole
HINT_STYLE = (
    "QLabel { background: #fff8e1; color: #5a4300; border: 1px solid #e6c96a;"
    " border-radius: 3px; padding: 3px 6px; }"
)
TITLE_SHARE = 0.45  # the title column's least share of a narrow list (the rest scrolls)
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 500  # the newest drafts a search lists; "add a word" beyond (tests patch it)
CAPPED_STYLE = "QLabel { color: #505050; padding: 2px 6px; }"

Index = QModelIndex | QPersistentModelIndex


class DraftListModel(RecordTableModel):
    """Draft summaries, one row each, as DraftService.list returns them (a thin adapter)."""

    COLUMNS = COLUMNS

    def __init__(self, service: DraftService | None, ui: UiLanguage, parent: Any = None) -> None:
        super().__init__(ui, parent)
        self.service = service  # None until the window has opened the database
        self.search = ""
        self.trashed = False
        self._rows: list[DraftSummary] = []
        self.more = False  # a search found more drafts than the SEARCH_LIMIT listed
        self._editing: dict[int, str] = {}  # draft id → "Being edited by … since …" (live.py)

    def reload(self, search: str | None = None, trashed: bool | None = None) -> None:
        """Ask the service again (with a new search text or view, when given)."""
        self.search = self.search if search is None else search
        self.trashed = self.trashed if trashed is None else trashed
        if self.service is None:
            return
        # the rows first: a database that fails (a server gone) leaves the model as it was,
        # not half reset
        if self.search:  # capped: a syllable can be in a quarter of 100,000 drafts
            page = self.service.search(self.search, limit=SEARCH_LIMIT, trashed=self.trashed)
            rows, more = list(page.drafts), page.more
        else:
            rows, more = self.service.list(None, trashed=self.trashed), False
        self.beginResetModel()
        self._rows, self.more = rows, more
        self.endResetModel()

    def clear(self) -> None:
        """No rows (the window is locked); reload() lists them again."""
        self.beginResetModel()
        self._rows, self.more = [], False
        self.endResetModel()

    def update_summary(self, summary: DraftSummary) -> None:
        """A draft was saved: show its new title and time without listing everything again."""
        row = self.row_of(summary.id)
        if summary.trashed != self.trashed:
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        elif row >= 0:
            if row > 0:  # the newest change comes first, as the service lists them
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), 0)
                del self._rows[row]
                self._rows.insert(0, summary)
                self.endMoveRows()
            self._rows[0] = summary
            self.dataChanged.emit(self.index(0, 0), self.index(0, len(COLUMNS) - 1))
        elif not self.search:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self.endInsertRows()

    def refresh_in_place(self, summary: DraftSummary) -> None:
        """Show a saved draft's new title and time where its row is, without moving it."""
        row = self.row_of(summary.id)
        if row >= 0 and summary.trashed == self.trashed:
            self._rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_editing(self, notes: dict[int, str]) -> None:
        """Mark the drafts open elsewhere (✎ before the title; the sentence in its tip)."""
        if notes == self._editing:
            return
        self._editing = notes
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, TITLE), self.index(last, TITLE))

    def editing_note(self, draft_id: int) -> str:
        """Who else is editing the draft ("" when nobody)."""
        return self._editing.get(draft_id, "")

    def row_of(self, draft_id: int) -> int:
        return next((n for n, s in enumerate(self._rows) if s.id == draft_id), -1)

    def summary(self, row: int) -> DraftSummary:
        return self._rows[row]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, len(COLUMNS) - 1))

    # -- Qt model API -------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return summary.id
        if role == SUMMARY_ROLE:
            return summary
        note = self._editing.get(summary.id, "") if column == TITLE else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"✎ {self._text(summary, column)}" if note else self._text(summary, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._text(summary, column)}, {note}" if note else self._text(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            lines = [t for t in (summary.title_ko, summary.title_en, note) if t]
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == TRANSLATION:
            return status_tip(summary, self.ui.gettext, self.ui.ngettext)
        if role == Qt.ItemDataRole.ForegroundRole and column == TRANSLATION and summary.warnings:
            return QColor(WARNING_COLOUR)
        return None

    def _text(self, summary: DraftSummary, column: int) -> str:
        _ = self.ui.gettext
        if column == TITLE:
            return title_for(summary, self.ui.language) or _("(untitled)")
        if column == KIND:
            return _(KINDS.get(summary.kind, summary.kind))
        if column == STATUS:
            return _(STATUSES.get(summary.status, summary.status))
        if column == TRANSLATION:
            return status_text(summary, _)
        return summary.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")


def title_for(summary: DraftSummary, language: str) -> str:
    """The title in the UI language, else the other one."""
    first, second = (
        (summary.title_ko, summary.title_en)
        if language == "ko"
        else (summary.title_en, summary.title_ko)
    )
    return (first or second).strip()


class DraftFilterProxy(QSortFilterProxyModel):
    """Filters the list by kind and status, and sorts it (newest change first by default)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.status: str | None = None
        self.setDynamicSortFilter(True)

    def set_filters(self, kind: str | None, status: str | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.kind, self.status = kind, status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kind, self.status = kind, status
            self.invalidateRowsFilter()

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        if left.column() == CHANGED and isinstance(model, DraftListModel):
            a, b = model.summary(left.row()), model.summary(right.row())
            return (a.updated_at, a.id) < (b.updated_at, b.id)  # as the service orders them
        if left.column() == TRANSLATION and isinstance(model, DraftListModel):
            return sort_key(model.summary(left.row())) < sort_key(model.summary(right.row()))
        return super().lessThan(left, right)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.kind is None and self.status is None:
            return True  # no filter: 10,000 rows at start-up need no look at each
        model = self.sourceModel()
        if not isinstance(model, DraftListModel) or source_parent.isValid():
            return True
        summary = model.summary(source_row)
        return (self.kind is None or summary.kind == self.kind) and (
            self.status is None or summary.status == self.status
        )


class DraftListPanel(QWidget):
    """Search box, Drafts/Trash tabs, kind and status filters, the list, the trash buttons."""

    draft_chosen = Signal(int)
    trashed_chosen = Signal(int)  # a draft chosen in the trash: to preview, never to edit
    restore_requested = Signal(int)
    purge_requested = Signal(int)

    def __init__(
        self, service: DraftService | None, ui: UiLanguage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.model = DraftListModel(service, ui, self)
        self.proxy = DraftFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.tabs = QTabBar(self)
        self.tabs.addTab("")
        self.tabs.addTab("")
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        self.kind = QComboBox(self)
        self.status = QComboBox(self)
        for combo in (self.kind, self.status):
            combo.activated.connect(self._filter)
            # a narrow list keeps both filters in sight, eliding their choices
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(4)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # "Request concerning… Viet Nam": two letters that start alike still look different
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        # The service lists newest first; the proxy only sorts when a header is clicked
        # (sorting 10,000 rows through Python costs more than listing them).
        header = self.view.header()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(CHANGED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        header.setStretchLastSection(False)
        for column in (TITLE, KIND, STATUS, CHANGED, TRANSLATION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        # Right after the title, so a narrow list still shows it without scrolling.
        header.moveSection(header.visualIndex(TRANSLATION), 1)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("QLabel { color: #707070; }")
        self.hint = QLabel(self)  # the open draft is not among the search results
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.linkActivated.connect(lambda _link: self.clear_search())
        self.hint.hide()
        self.capped = QLabel(self)  # a search listed only its newest SEARCH_LIMIT drafts
        self.capped.setWordWrap(True)
        self.capped.setStyleSheet(CAPPED_STYLE)
        self.capped.hide()
        self.stack = QStackedLayout()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.restore = QPushButton(self)
        self.restore.clicked.connect(lambda: self._emit_selected(self.restore_requested))
        self.purge = QPushButton(self)
        self.purge.clicked.connect(lambda: self._emit_selected(self.purge_requested))
        filters = QHBoxLayout()
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.status, 1)
        trash_buttons = QHBoxLayout()
        trash_buttons.addWidget(self.restore)
        trash_buttons.addWidget(self.purge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs)
        layout.addLayout(filters)
        layout.addWidget(self.hint)
        layout.addWidget(self.capped)
        layout.addLayout(self.stack, 1)
        layout.addLayout(trash_buttons)
        self._selected_id = 0
        self._open_summary: DraftSummary | None = None  # the open draft, as last listed
        self._held: list[DraftSummary] = []  # saves not yet moved up (the pointer is here)
        self._reload_pending = False  # a change made elsewhere, listed once the person is out
        self._pointer_inside = False
        self.retranslate()
        self.reload()

    def attach(self, service: DraftService) -> None:
        """The database is open: list its drafts."""
        self.model.service = service
        self.reload()

    # -- state --------------------------------------------------------------------------

    @property
    def in_trash(self) -> bool:
        return self.tabs.currentIndex() == 1

    def reload(self) -> None:
        """List again from the database, keeping the selected draft selected."""
        self._held.clear()
        self._reload_pending = False
        self.model.reload(self.search.text().strip(), self.in_trash)
        self.select(self._selected_id)
        self._update_state()

    def clear_for_lock(self) -> None:
        """Show nothing (the window is locked): no rows, no search text."""
        self._search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self._update_state()

    def clear_search(self) -> None:
        """Show every draft again (no search text, no kind or status filter)."""
        self._search_timer.stop()
        self.search.clear()
        for combo in (self.kind, self.status):
            combo.setCurrentIndex(0)
        self.proxy.set_filters(None, None)
        self.reload()

    def select(self, draft_id: int) -> None:
        """Select a draft's row without reporting it as chosen."""
        self._selected_id = draft_id
        row = self.model.row_of(draft_id)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        if row < 0:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        else:
            self._open_summary = self.model.summary(row)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(index, flags)
            self.view.scrollTo(index)
        selection.blockSignals(False)
        self.view.viewport().update()
        self._update_state()

    def selected_id(self) -> int:
        index = self.view.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else 0

    def saved(self, summary: DraftSummary) -> None:
        """A draft was saved: refresh its row. While the pointer is over the list or the
        list has the focus, the row keeps its place (a click must open the draft it was
        aimed at); it moves up once the person is out of the list."""
        if summary.id == self._selected_id:
            self._open_summary = summary
        if self._holding():
            self._held = [s for s in self._held if s.id != summary.id] + [summary]
            self.model.refresh_in_place(summary)
        else:
            self.model.update_summary(summary)
        self._update_state()

    def changed_elsewhere(self) -> None:
        """Drafts were changed by another session: list again, at once unless the pointer is
        over the list (then when it leaves: a click must open the draft it was aimed at).
        The selected draft stays selected, so a keyboard in the list keeps its row."""
        if self._pointer_inside:
            self._reload_pending = True
        else:
            self.reload()

    def _holding(self) -> bool:
        return self._pointer_inside or self.view.hasFocus()

    def _release(self) -> None:
        """The person left the list: move the rows saved meanwhile to where they belong."""
        if self._reload_pending and not self._pointer_inside:
            self.reload()  # lists the saves held meanwhile too
            return
        if self._holding():
            return
        held, self._held = self._held, []
        for summary in held:
            self.model.update_summary(summary)
        if held:
            self.select(self._selected_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if watched is self.view.viewport() and kind == QEvent.Type.Resize:
            self._fit_title()
        elif watched is self.view.viewport() and kind in (QEvent.Type.Enter, QEvent.Type.Leave):
            self._pointer_inside = kind == QEvent.Type.Enter
            if not self._pointer_inside:
                self._release()
        elif watched is self.view and kind == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self._release)  # hasFocus() is still true during FocusOut
        return False

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- slots --------------------------------------------------------------------------

    def _run_search(self) -> None:
        self._search_timer.stop()
        self.reload()

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self.proxy.sort(column, order)

    def _fit_columns(self) -> None:
        """Widths for the short columns from their possible texts, not from 10,000 rows."""
        _ = self.ui.gettext
        metrics = self.view.fontMetrics()
        header = self.view.header()
        texts = {
            KIND: [_(label) for label in KINDS.values()],
            STATUS: [_(label) for label in STATUSES.values()],
            CHANGED: ["0000-00-00 00:00"],
            TRANSLATION: [_("KO {ko} · EN {en}").format(ko="100%", en="100%") + " ⚠ 99"],
        }
        for column, samples in texts.items():
            samples.append(self.model.headerData(column, Qt.Orientation.Horizontal) + "  ▼")
            width = max(metrics.horizontalAdvance(text) for text in samples) + 16
            header.resizeSection(column, width)
        self._fit_title()

    def _fit_title(self) -> None:
        """The title takes what the other columns leave, and never less than TITLE_SHARE of
        the list: in a narrow list the other columns are a scroll away, the title is not."""
        header = self.view.header()
        width = self.view.viewport().width()
        others = sum(header.sectionSize(column) for column in (KIND, STATUS, CHANGED, TRANSLATION))
        header.resizeSection(TITLE, max(width - others, int(width * TITLE_SHARE), 60))

    def _filter(self) -> None:
        self.proxy.set_filters(self.kind.currentData(), self.status.currentData())
        self._update_state()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_state()
        if current.isValid() and not self.in_trash:
            self._selected_id = int(current.data(ID_ROLE))
            self.draft_chosen.emit(self._selected_id)
        elif current.isValid():
            self.trashed_chosen.emit(int(current.data(ID_ROLE)))

    def _emit_selected(self, signal: Any) -> None:
        draft_id = self.selected_id()
        if draft_id:
            signal.emit(draft_id)

    def _update_state(self) -> None:
        _ = self.ui.gettext
        trash = self.in_trash
        self._update_hint()
        self._update_capped()
        self.restore.setVisible(trash)
        self.purge.setVisible(trash)
        has_selection = self.view.currentIndex().isValid()
        self.restore.setEnabled(has_selection)
        self.purge.setEnabled(has_selection)
        if self.proxy.rowCount() > 0:
            self.stack.setCurrentWidget(self.view)
            return
        if self.model.service is None:
            text = _("Opening your drafts…")
        elif trash:
            text = _("The trash is empty.")
        elif self._filtering():
            text = _("No draft matches.")
        else:
            text = _("No drafts yet. Start a new letter, or open the sample letter.")
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _filtering(self) -> bool:
        return bool(self.model.search or self.kind.currentData() or self.status.currentData())

    def _update_hint(self) -> None:
        """Say so when the open draft is not among the results (it stays open)."""
        draft_id, summary = self._selected_id, self._open_summary
        shown = False
        if draft_id and not self.in_trash and self._filtering():
            row = self.model.row_of(draft_id)
            shown = row < 0 or not self.proxy.mapFromSource(self.model.index(row, 0)).isValid()
        if shown:
            _ = self.ui.gettext
            title = ""
            if summary is not None and summary.id == draft_id:
                title = title_for(summary, self.ui.language)
            title = title or _("(untitled)")
            if len(title) > 60:
                title = title[:28] + "…" + title[-28:]
            sentence = _("The open draft “{title}” is not among the results.").format(
                title=html.escape(title)
            )
            link = html.escape(_("Clear search"))
            self.hint.setText(f"{sentence} <a href='clear'>{link}</a>")
            self.hint.setAccessibleName(_("The open draft is not among the results"))
        self.hint.setVisible(shown)

    def _update_capped(self) -> None:
        """Say so when a search listed only its newest SEARCH_LIMIT drafts."""
        if self.model.more and self.model.search:
            count = self.model.rowCount()
            self.capped.setText(
                self.ui.ngettext(
                    "Showing the newest {count} of more drafts found; "
                    "add a word to narrow the search.",
                    "Showing the newest {count} of more drafts found; "
                    "add a word to narrow the search.",
                    count,
                ).format(count=count)
            )
        self.capped.setVisible(self.model.more and bool(self.model.search))

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.search.setPlaceholderText(_("Search drafts (Korean or English)"))
        self.search.setAccessibleName(_("Search drafts"))
        self.tabs.setTabText(0, _("Drafts"))
        self.tabs.setTabText(1, _("Trash"))
        self.tabs.setAccessibleName(_("Drafts or trash"))
        self.view.setAccessibleName(_("Draft list"))
        self.restore.setText(_("Restore"))
        self.restore.setAccessibleName(_("Restore from the trash"))
        self.purge.setText(_("Delete permanently…"))
        self.purge.setAccessibleName(_("Delete permanently"))
        for combo, choices, everything, name in (
            (self.kind, KINDS, _("All kinds"), _("Filter by kind")),
            (self.status, STATUSES, _("All statuses"), _("Filter by status")),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for key, label in choices.items():
                combo.addItem(_(label), key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.setAccessibleName(name)
        self.model.retranslate()
        self._fit_columns()
        self._update_state()
