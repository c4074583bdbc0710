"""The Help guide: a short offline guide in the UI language, shipped with Dari."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.services import guide_path

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage


class HelpDialog(QDialog):
    """Shows desktop_app/resources/guide/guide.<language>.html; it follows no link out."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # offline: nothing to open, nothing fetched
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.retranslate()
        ui.changed.connect(lambda _lang: self.retranslate())

    def retranslate(self) -> None:
        self.setWindowTitle(self.ui.gettext("Dari guide"))
        self.browser.setHtml(guide_path(self.ui.language).read_text(encoding="utf-8"))
