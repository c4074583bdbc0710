"""The glossary in the window, wired in one place: live term marks in every form and the
glossary dialog (Tools ▸ Glossary…)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_app.gui import errors
from desktop_app.gui.glossary.marks import TermSource

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


class GlossaryTools(QObject):
    """Gives `window` its `term_source` and runs the glossary dialog.

    `window` is the MainWindow: it has `services`, `ui`, `commands` and `loaded`.
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        # The glossary is asked for when a field is checked, once the database is open.
        glossary = lambda: window.services.glossary.glossary()  # noqa: E731
        window.term_source = TermSource(glossary, self._document, window)
        window.commands["glossary"].triggered.connect(self.open_glossary)

    def _document(self) -> Any:
        loaded = self.window.loaded
        return loaded.document if loaded is not None else None

    def open_glossary(self) -> None:
        from desktop_app.gui.glossary.dialog import GlossaryDialog  # loaded when first needed

        window: QMainWindow = self.window
        with errors.user_errors(window, self.window.ui):
            dialog = GlossaryDialog(self.window.services.glossary, self.window.ui, window)
            dialog.glossary_changed.connect(self.window.term_source.notify_changed)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()
