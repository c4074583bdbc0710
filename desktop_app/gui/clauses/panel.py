"""The clause library panel: search, preview, insert a copy into the draft, manage the library.

Insert puts a COPY of the clause into the draft through the form's normal
edit path (one undo step, autosaved): into the bilingual field that last had
the focus (Korean into its Korean editor, English into its English one), or,
when a list or nothing had it, as a new paragraph at the end of the list.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QGridLayout,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain import BilingualText, Lang
from desktop_app.domain.clauses import Clause
from desktop_app.gui import prompts
from desktop_app.gui.clauses.dialog import ask_clause, suggested_title
from desktop_app.gui.clauses.insert import insert_into_field, insertion_target
from desktop_app.gui.errors import sentence
from desktop_app.services import ClauseService, DariError, StorageError, StoredClause

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.forms.base import DocumentForm
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.widgets.bilingual_editor import BilingualEditor

ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class ClauseListModel(QAbstractListModel):
    """The library's clauses (or those matching a search), titled in the UI language."""

    def __init__(self, service: ClauseService, ui: UiLanguage, parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.ui = ui
        self.search = ""
        self._rows: list[StoredClause] = []

    def reload(self, search: str | None = None) -> None:
        self.search = self.search if search is None else search.strip()
        self.beginResetModel()
        self._rows = self.service.list(self.search or None)
        self.endResetModel()

    def stored(self, row: int) -> StoredClause:
        return self._rows[row]

    def row_of(self, clause_id: int) -> int:
        return next((n for n, c in enumerate(self._rows) if c.id == clause_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stored = self._rows[index.row()]
        if role == ID_ROLE:
            return stored.id
        title = stored.clause.title
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            first = title.ko if self.ui.language == "ko" else title.en
            return (first or title.ko or title.en).strip() or self.ui.gettext("(untitled)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (title.ko, title.en, ", ".join(stored.clause.tags)) if t)
        return None


def preview_html(clause: Clause, ui: UiLanguage) -> str:
    """Both languages of a clause, for the preview box."""
    _ = ui.gettext
    parts = []
    languages: dict[Lang, str] = {"ko": _("Korean"), "en": _("English")}
    for lang, language in languages.items():
        title, text = clause.title.get(lang), clause.text.get(lang)
        body = html.escape(text).replace("\n", "<br>") or f"<i>{html.escape(_('(none)'))}</i>"
        parts.append(
            f"<p style='color:#606060;margin:0'>{html.escape(language)}</p>"
            f"<p style='margin:2px 0 0 0'><b>{html.escape(title)}</b></p>"
            f"<p style='margin:2px 0 10px 0'>{body}</p>"
        )
    if clause.tags:
        tags = html.escape(", ".join(clause.tags))
        parts.append(f"<p style='color:#606060'>{html.escape(_('Tags'))}: {tags}</p>")
    return "".join(parts)


class ClausePanel(QDockWidget):
    """The side panel; `message` carries a sentence for the status bar."""

    message = Signal(str)

    def __init__(
        self,
        service: ClauseService,
        ui: UiLanguage,
        current_form: Callable[[], DocumentForm | None],
        current_draft: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ui = ui
        self.current_form = current_form
        self.current_draft = current_draft
        self.last_focus: tuple[QWidget, int] | None = None  # and the draft it was in
        self.setObjectName("clausePanel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.model = ClauseListModel(service, ui, self)
        inner = QWidget(self)
        self.search = QLineEdit(inner)
        self.search.setObjectName("clauseSearch")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(lambda: self.reload(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.list = QListView(inner)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.list.doubleClicked.connect(lambda _index: self.insert())
        self.preview = QTextBrowser(inner)
        self.preview.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, inner)
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setSizes([260, 300])
        self.buttons: dict[str, QPushButton] = {}
        slots = {
            "insert": self.insert,
            "from_field": self.new_from_field,
            "new": self.new_clause,
            "edit": self.edit_selected,
            "delete": self.delete_selected,
        }
        grid = QGridLayout()
        for position, (name, slot) in enumerate(slots.items()):
            button = QPushButton(inner)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
            grid.addWidget(button, position // 2, position % 2)  # two a row: a narrow dock
        self.more = QToolButton(inner)
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.more_menu = QMenu(self.more)
        self.import_action = self.more_menu.addAction("", self.import_file)
        self.export_action = self.more_menu.addAction("", self.export_file)
        self.more.setMenu(self.more_menu)
        grid.addWidget(self.more, 2, 1)
        self.buttons["insert"].setDefault(True)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addLayout(grid)
        self.setWidget(inner)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        ui.changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self.reload()

    # -- the list -----------------------------------------------------------------------

    def reload(self, search: str | None = None, select: int = 0) -> None:
        """List the clauses again (matching `search` when given), keeping one selected."""
        self._search_timer.stop()
        keep = select or self._selected_id()
        self.model.reload(search)
        row = self.model.row_of(keep)
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._show_current()

    def selected(self) -> StoredClause | None:
        index = self.list.currentIndex()
        return self.model.stored(index.row()) if index.isValid() else None

    def _selected_id(self) -> int:
        selected = self.selected()
        return selected.id if selected else 0

    def _show_current(self) -> None:
        stored = self.selected()
        self.preview.setHtml(preview_html(stored.clause, self.ui) if stored else self._empty_html())
        for name in ("insert", "edit", "delete"):
            self.buttons[name].setEnabled(stored is not None)

    def _empty_html(self) -> str:
        """What the library is for and how to fill it (nothing to preview)."""
        _ = self.ui.gettext
        if self.model.rowCount() > 0:
            return ""
        if self.model.search:
            return f"<p style='color:#606060'>{html.escape(_('No clause matches.'))}</p>"
        paragraphs = (
            _(
                "The clause library keeps sentences you write again and again, in Korean and "
                "English: a request, a closing, a paragraph on the non-refoulement principle."
            ),
            _(
                "To add one, click in a field of a draft that has the text and choose “New from "
                "this field”, or choose “New…” and write it. “Insert” puts a copy into the "
                "field you were in."
            ),
        )
        return "".join(f"<p style='color:#404040'>{html.escape(text)}</p>" for text in paragraphs)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- where a clause goes ------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        form = self.current_form()
        if new is not None and form is not None and form.isAncestorOf(new):
            self.last_focus = (new, self.current_draft())

    def focus_target(self) -> QWidget | None:
        """The widget of the open draft's form that last had the focus, if it is still there
        (a field focused in another draft does not count)."""
        form = self.current_form()
        if self.last_focus is None or form is None:
            return None
        focus, draft = self.last_focus
        if draft != self.current_draft() or not isValid(focus) or not form.isAncestorOf(focus):
            return None
        return focus

    def insert(self) -> None:
        """Insert a copy of the selected clause into the draft."""
        _ = self.ui.gettext
        stored, form = self.selected(), self.current_form()
        if stored is None:
            return
        if form is None:
            prompts.inform(self, _("Clause library"), _("Open a draft first, then insert."))
            return
        field, lang, section = insertion_target(form, self.focus_target())
        title = stored.clause.title.get(self.ui.text_language()) or stored.clause.title.ko
        if field is not None:
            insert_into_field(field, stored.clause.text, lang)
            self.message.emit(_("Inserted “{title}”.").format(title=title))
            return
        used = form.replacements.append_clause(stored.clause.text, section)
        if used is not None:
            self.message.emit(_("Inserted “{title}” as a new paragraph.").format(title=title))

    # -- the library ---------------------------------------------------------------------

    def _run(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except (DariError, StorageError) as error:
            prompts.inform(self, self.ui.gettext("Clause library"), sentence(error, self.ui))
            return None

    def _focused_field(self) -> BilingualEditor | None:
        form = self.current_form()
        if form is None:
            return None
        field, _lang, _section = insertion_target(form, self.focus_target())
        return field

    def new_from_field(self) -> None:
        """A new clause from the text of the field that last had the focus."""
        _ = self.ui.gettext
        field = self._focused_field()
        if field is None or field.value().is_empty():
            text = _("Click in a field with text first, then choose “New from this field”.")
            prompts.inform(self, _("Clause library"), text)
            return
        value = field.value()
        draft = Clause(
            title=BilingualText.of(suggested_title(value.ko), suggested_title(value.en)),
            text=BilingualText.of(value.ko.strip(), value.en.strip()),
        )
        self._add(draft)

    def new_clause(self) -> None:
        self._add(Clause())

    def _add(self, draft: Clause) -> None:
        clause = ask_clause(self, self.ui, draft, editing=False)
        if clause is None:
            return
        stored = self._run(lambda: self.service.add(clause))
        if stored is not None:
            self.search.clear()
            self.reload("", select=stored.id)

    def edit_selected(self) -> None:
        current = self.selected()
        if current is None:
            return
        clause = ask_clause(self, self.ui, current.clause, editing=True)
        if clause is None or clause == current.clause:
            return
        if self._run(lambda: self.service.update(current.id, clause)) is not None:
            self.reload(select=current.id)

    def delete_selected(self) -> None:
        _ = self.ui.gettext
        current = self.selected()
        if current is None:
            return
        title = current.clause.title.get(self.ui.text_language()) or current.clause.title.ko
        question = _("Delete “{title}” from the clause library? Drafts keep their copies.")
        if prompts.ask(self, _("Delete clause"), question.format(title=title), _("Delete")):
            self._run(lambda: self.service.delete(current.id))
            self.reload()

    def import_file(self) -> None:
        _ = self.ui.gettext
        chosen = prompts.open_file(self, _("Import clauses"), _("Clause library (*.json)"))
        if not chosen:
            return
        added = self._run(lambda: self.service.import_file(Path(chosen)))
        self.reload()
        if added is not None:
            text = self.ui.ngettext(
                "{file}: {count} clause added (titles already in the library are skipped).",
                "{file}: {count} clauses added (titles already in the library are skipped).",
                added,
            )
            prompts.inform(
                self, _("Clause library"), text.format(file=Path(chosen).name, count=added)
            )

    def export_file(self) -> None:
        _ = self.ui.gettext
        chosen = prompts.save_file(
            self, _("Export the clause library"), "clauses.json", _("Clause library (*.json)")
        )
        if not chosen:
            return
        count = self._run(lambda: self.service.export_file(Path(chosen)))
        if count is not None:
            text = self.ui.ngettext(
                "{count} clause written to {file}.", "{count} clauses written to {file}.", count
            ).format(count=count, file=chosen)
            prompts.inform(self, _("Clause library"), text)

    # -- labels -------------------------------------------------------------------------

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Clause library"))
        self.search.setPlaceholderText(_("Search clauses (Korean or English)"))
        self.search.setAccessibleName(_("Search clauses"))
        self.list.setAccessibleName(_("Clauses"))
        self.preview.setAccessibleName(_("Clause preview"))
        labels = {
            "insert": (_("Insert"), _("Insert a copy into the field you were in")),
            "from_field": (_("New from this field"), _("Keep the field you were in as a clause")),
            "new": (_("New…"), _("Write a new clause")),
            "edit": (_("Edit…"), _("Edit the selected clause")),
            "delete": (_("Delete…"), _("Delete the selected clause from the library")),
        }
        for name, (text, tip) in labels.items():
            self.buttons[name].setText(text)
            self.buttons[name].setToolTip(tip)
            self.buttons[name].setAccessibleName(text.removesuffix("…"))
        self.more.setText(_("More"))
        self.more.setAccessibleName(_("More: import and export"))
        self.import_action.setText(_("Import…"))
        self.export_action.setText(_("Export…"))
        if self.model.rowCount() > 0:
            last = self.model.index(self.model.rowCount() - 1, 0)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
        self._show_current()
