"""The window's bilingual drafting tools, wired in one place: live glossary marks in every form,
the clause library panel (View ▸ Clause library, Ctrl+Shift+L) and the glossary dialog
(Tools ▸ Glossary…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop_app.gui import errors
from desktop_app.gui.clause_panel import ClausePanel
from desktop_app.gui.term_marks import TermSource


class BilingualTools(QObject):
    """Gives `window` its `term_source` and clause panel, and runs the glossary dialog.

    `window` is the MainWindow: it has `services`, `ui`, `commands`, `loaded`
    and `form` (the open draft's form).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        window.term_source = TermSource(window.services.glossary.glossary, self._document, window)
        self.clauses = ClausePanel(
            window.services.clauses, window.ui, self._form, self._draft_id, window
        )
        self.clauses.message.connect(lambda text: window.statusBar().showMessage(text, 6000))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.clauses)
        self.clauses.hide()  # until asked for; the saved window state may show it again
        toggle = window.commands["clauses"]
        toggle.setCheckable(True)
        toggle.toggled.connect(self.show_clauses)
        self.clauses.visibilityChanged.connect(lambda _v: toggle.setChecked(self._clauses_shown()))
        window.commands["glossary"].triggered.connect(self.open_glossary)

    def _document(self) -> Any:
        loaded = self.window.loaded
        return loaded.document if loaded is not None else None

    def _draft_id(self) -> int:
        return self.window.loaded.id if self.window.loaded is not None else 0

    def _form(self) -> QWidget | None:
        return self.window.form if self.window.loaded is not None else None

    def _clauses_shown(self) -> bool:
        return not self.clauses.isHidden()

    def show_clauses(self, show: bool) -> None:
        """Show the clause panel (and put the cursor in its search box), or hide it."""
        if show == self._clauses_shown():
            return
        self.clauses.setVisible(show)
        if show:
            self.clauses.focus_search()

    def open_glossary(self) -> None:
        from desktop_app.gui.glossary_dialog import GlossaryDialog  # loaded when first needed

        window: QMainWindow = self.window
        with errors.user_errors(window, self.window.ui):
            dialog = GlossaryDialog(self.window.services.glossary, self.window.ui, window)
            dialog.glossary_changed.connect(self.window.term_source.notify_changed)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()
