"""The glossary dialog: the termbase as a filterable table; add, edit, delete, import, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import N_
from desktop_app.gui import prompts
from desktop_app.gui.errors import sentence
from desktop_app.gui.glossary.term_dialog import SCOPES, TermDialog, join_list
from desktop_app.gui.widgets.table_model import RecordTableModel
from desktop_app.services import DariError, GlossaryService, StorageError, StoredTerm

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.domain.glossary import Term
    from desktop_app.gui.i18n import UiLanguage

COLUMNS = (
    N_("Korean"),
    N_("English"),
    N_("Note"),
    N_("Also accepted"),
    N_("English to avoid"),
    N_("Except in"),
    N_("Applies to"),
)
KO, EN, NOTE, ALTERNATIVES, FORBIDDEN, EXCEPTIONS, SCOPE = range(len(COLUMNS))
COLUMN_WIDTHS = (150, 240, 200, 180, 110, 120, 120)
ID_ROLE = Qt.ItemDataRole.UserRole
FILE_TYPES = N_(
    "Glossary (*.csv *.tbx);;CSV, for Excel (*.csv);;TBX, for translation tools (*.tbx)"
)

Index = QModelIndex | QPersistentModelIndex


def ask_term(parent: QWidget, ui: UiLanguage, term: Term | None) -> Term | None:
    """The term dialog, filled with `term` when editing; None when cancelled. Tests replace it."""
    dialog = TermDialog(ui, term, parent)
    try:
        return dialog.term() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class GlossaryModel(RecordTableModel):
    """Every term of the glossary, one row each (a thin adapter over GlossaryService.terms)."""

    COLUMNS = COLUMNS

    def __init__(self, service: GlossaryService, ui: UiLanguage, parent: Any = None) -> None:
        super().__init__(ui, parent)
        self.service = service
        self._rows: list[StoredTerm] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.service.terms()
        self.endResetModel()

    def stored(self, row: int) -> StoredTerm:
        return self._rows[row]

    def row_of(self, term_id: int) -> int:
        return next((n for n, t in enumerate(self._rows) if t.id == term_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stored = self._rows[index.row()]
        if role == ID_ROLE:
            return stored.id
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._text(stored.term, index.column())
        return None

    def _text(self, term: Term, column: int) -> str:
        if column == SCOPE:
            return self.ui.gettext(SCOPES[term.scope])
        values = (term.ko, term.en, term.note)
        lists = (term.alternatives, term.forbidden, term.exceptions)
        return values[column] if column < len(values) else join_list(lists[column - len(values)])


class GlossaryFilter(QSortFilterProxyModel):
    """Keeps the terms whose Korean or English (or accepted English) contains the filter text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.text = text.casefold().strip()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text = text.casefold().strip()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not self.text or not isinstance(model, GlossaryModel) or source_parent.isValid():
            return True
        term = model.stored(source_row).term
        haystack = " ".join((term.ko, term.en, *term.alternatives)).casefold()
        return all(word in haystack for word in self.text.split())


class GlossaryDialog(QDialog):
    """Shows and edits the glossary; `glossary_changed` tells the editors to check again."""

    glossary_changed = Signal()

    def __init__(
        self, service: GlossaryService, ui: UiLanguage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ui = ui
        self.setObjectName("glossaryDialog")
        self.model = GlossaryModel(service, ui, self)
        self.proxy = GlossaryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("glossaryFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.count = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        # The glossary's own order until a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.table.setWordWrap(False)  # one line a term; the tooltip shows a long cell whole
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        actions: dict[str, Callable[[], None]] = {
            "add": self.add,
            "edit": self.edit_selected,
            "delete": self.delete_selected,
            "import": self.import_file,
            "export": self.export_file,
        }
        for name, slot in actions.items():
            button = QPushButton(self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
            if name == "delete":
                row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(1180, 640)
        ui.changed.connect(self.retranslate)
        self.reload()
        self.retranslate()

    # -- state --------------------------------------------------------------------------

    def reload(self, select: int = 0) -> None:
        """Read the glossary again, selecting the term `select` when it is there."""
        self.model.reload()
        row = self.model.row_of(select)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        self._update_buttons()

    def selected(self) -> StoredTerm | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.stored(self.proxy.mapToSource(index).row())

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.buttons["edit"].setEnabled(has)
        self.buttons["delete"].setEnabled(has)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.ui.ngettext("{count} term", "{count} terms", total).format(count=total)
        if shown != total:
            text = self.ui.ngettext(
                "{shown} of {count} term", "{shown} of {count} terms", total
            ).format(shown=shown, count=total)
        self.count.setText(text)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Glossary"))
        self.filter.setPlaceholderText(_("Filter (Korean or English)"))
        self.filter.setAccessibleName(_("Filter the glossary"))
        self.table.setAccessibleName(_("Glossary terms"))
        labels = {
            "add": _("Add…"),
            "edit": _("Edit…"),
            "delete": _("Delete…"),
            "import": _("Import…"),
            "export": _("Export…"),
        }
        for name, text in labels.items():
            self.buttons[name].setText(text)
            self.buttons[name].setAccessibleName(text.removesuffix("…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._update_buttons()

    # -- edits --------------------------------------------------------------------------

    def _run(self, action: Callable[[], Any]) -> Any:
        """Run a service call; an error from the environment becomes a sentence."""
        try:
            return action()
        except (DariError, StorageError) as error:
            prompts.inform(self, self.ui.gettext("Glossary"), sentence(error, self.ui))
            return None

    def add(self) -> None:
        term = ask_term(self, self.ui, None)
        if term is None:
            return
        stored = self._run(lambda: self.service.add(term))
        if stored is not None:
            self.filter.clear()
            self._changed(stored.id)

    def edit_selected(self) -> None:
        current = self.selected()
        if current is None:
            return
        term = ask_term(self, self.ui, current.term)
        if term is None or term == current.term:
            return
        if self._run(lambda: self.service.update(current.id, term)) is not None:
            self._changed(current.id)

    def delete_selected(self) -> None:
        _ = self.ui.gettext
        current = self.selected()
        if current is None:
            return
        question = _("Delete “{ko}” (“{en}”) from the glossary?")
        if not prompts.ask(
            self,
            _("Delete term"),
            question.format(ko=current.term.ko, en=current.term.en),
            _("Delete"),
        ):
            return
        self._run(lambda: self.service.delete(current.id))
        self._changed()

    def import_file(self) -> None:
        _ = self.ui.gettext
        chosen = prompts.open_file(self, _("Import a glossary"), _(FILE_TYPES))
        if not chosen:
            return
        counts = self._run(lambda: self.service.import_file(Path(chosen)))
        self._changed()
        if counts is not None:
            added, updated = counts
            text = self.ui.ngettext(
                "{file}: {added} term added, {updated} updated.",
                "{file}: {added} terms added, {updated} updated.",
                added,
            ).format(file=Path(chosen).name, added=added, updated=updated)
            prompts.inform(self, _("Glossary"), text)

    def export_file(self) -> None:
        _ = self.ui.gettext
        chosen = prompts.save_file(self, _("Export the glossary"), "glossary.csv", _(FILE_TYPES))
        if not chosen:
            return
        count = self._run(lambda: self.service.export_file(Path(chosen)))
        if count is not None:
            text = self.ui.ngettext(
                "{count} term written to {file}.", "{count} terms written to {file}.", count
            ).format(count=count, file=chosen)
            prompts.inform(self, _("Glossary"), text)

    def _changed(self, select: int = 0) -> None:
        self.reload(select)
        self.glossary_changed.emit()
