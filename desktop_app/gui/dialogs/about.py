"""About Dari: the version, the licence and where the drafts are kept (open or copy the path)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, APP_NAME_KO, LICENSE, __version__

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.gui.i18n import UiLanguage


class AboutDialog(QDialog):
    """Dari's version and licence, and the data folder with a way to open it or copy its path."""

    def __init__(self, ui: UiLanguage, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.data_dir = data_dir
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder = QLineEdit(str(data_dir), self)
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)
        self.folder_label.setBuddy(self.folder)
        self.open_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_folder)
        self.copy_button.clicked.connect(self.copy_path)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.folder)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("About Dari"))
        version = html.escape(_("Version {version}").format(version=__version__))
        self.heading.setText(
            f"<span style='font-size: 16pt; font-weight: 600'>{APP_NAME_KO} · {APP_NAME}</span>"
            f"<br>{version}"
        )
        self.text.setText(
            _(
                "Bilingual Korean and English advocacy documents, drafted offline. "
                "Free software under the {licence} licence."
            ).format(licence=LICENSE)
        )
        self.folder_label.setText(_("Your drafts are kept in this &folder:"))
        self.open_button.setText(_("&Open the folder"))
        self.copy_button.setText(_("&Copy the path"))

    def open_folder(self) -> None:
        """Show the data folder in the system's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def copy_path(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(str(self.data_dir))
