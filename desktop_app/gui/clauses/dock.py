"""The clause library as a dock of the window (View ▸ Clause library, Ctrl+Shift+L)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from desktop_app.gui.clauses.panel import ClausePanel

if TYPE_CHECKING:
    from desktop_app.gui.forms.base import DocumentForm


class ClauseDock(QObject):
    """Puts the clause panel in `window`'s right dock area and keeps its menu toggle in step.

    `window` is the MainWindow: it has `services`, `ui`, `commands`, `loaded` and
    `form` (the open draft's form).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = ClausePanel(
            window.services.clauses, window.ui, self._form, self._draft_id, window
        )
        self.panel.message.connect(lambda text: window.statusBar().showMessage(text, 6000))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()  # until asked for; the saved window state may show it again
        toggle = window.commands["clauses"]
        toggle.setCheckable(True)
        toggle.toggled.connect(self.show_panel)
        self.panel.visibilityChanged.connect(lambda _v: toggle.setChecked(self._shown()))

    def _draft_id(self) -> int:
        return self.window.loaded.id if self.window.loaded is not None else 0

    def _form(self) -> DocumentForm | None:
        return self.window.form if self.window.loaded is not None else None

    def _shown(self) -> bool:
        return not self.panel.isHidden()

    def show_panel(self, show: bool) -> None:
        """Show the clause panel (and put the cursor in its search box), or hide it."""
        if show == self._shown():
            return
        self.panel.setVisible(show)
        if show:
            self.panel.focus_search()
