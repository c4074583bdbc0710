"""What the centre shows while a draft in the trash is previewed: where it is, and the way
back (Restore), instead of the welcome panel's "start a new draft"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage


def centre_panel(panel: QWidget, inner: QWidget) -> None:
    """Lay `inner` out in the middle of `panel`, a little above centre, as the centre's
    panels (welcome, in the trash) are."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner, 4)
    row.addStretch(1)
    layout = QVBoxLayout(panel)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)


def draft_name(document: Any, ui: UiLanguage, limit: int = 80) -> str:
    """A draft's title in the UI language (else the other), on one line, cut at `limit`
    characters (with "…")."""
    subject = document.title
    summary = subject.ko if ui.language == "ko" else subject.en
    lines = (summary or subject.ko or subject.en).strip().splitlines()
    name = lines[0].strip() if lines else ui.gettext("(untitled)")
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


class TrashedPanel(QWidget):
    """The centre while a trashed draft is previewed read-only: its name, that it is in the
    trash, and a Restore button (the window wires it to its restore action)."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self._document: Any = None
        inner = QWidget(self)
        inner.setMaximumWidth(480)
        self.heading = QLabel(inner)
        self.heading.setStyleSheet("QLabel { font-size: 16pt; font-weight: 600; }")
        self.heading.setWordWrap(True)
        self.text = QLabel(inner)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.restore_button = QPushButton(inner)
        self.restore_button.setMinimumHeight(36)
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        centre_panel(self, inner)
        self.retranslate()

    def show_draft(self, document: Any) -> None:
        """Name `document`, the trashed draft the preview shows."""
        self._document = document
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        name = draft_name(self._document, self.ui) if self._document is not None else ""
        self.heading.setText(_("In the trash"))
        self.text.setText(
            _(
                "“{name}” is in the trash. The preview shows it as it was; to edit it again, "
                "restore it. It stays in the trash until you restore it or delete it for good."
            ).format(name=name)
        )
        self.restore_button.setText(_("Restore from trash"))
