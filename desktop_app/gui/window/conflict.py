"""The save-conflict question, asked so that no typed key can answer it (issue 13).

It appears while the person may be typing: a space or Enter meant for the
letter must not choose "Keep mine" unread. So the dialog has no default
button, the focus starts on its text (not on a button), Escape and the close
box do not answer, and the buttons are enabled only after a short pause
(`ARM_MS`). Afterwards a button is chosen by mouse, or deliberately by Tab
and Space/Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import ConflictChoice

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

ARM_MS = 600  # keys typed in the first moment after it appears answer nothing


class ConflictDialog(QDialog):
    """Keep mine (save over theirs) or open theirs (mine kept as a copy); nothing is lost."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        _ = ui.gettext
        self.setWindowTitle(_("This draft was changed elsewhere"))
        self.setModal(True)
        self.choice: ConflictChoice | None = None
        icon = QLabel(self)
        icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            .pixmap(QSize(32, 32))
        )
        self.text = QLabel(
            _(
                "This draft was saved from somewhere else (another Dari window, or a copy of "
                "the database) while you were editing it. Nothing has been written over yet.\n\n"
                "Keep mine: your text replaces theirs (theirs stays in the revisions).\n"
                "Open theirs: your text is kept as a new draft, and their version is opened."
            ),
            self,
        )
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(420)
        # The focus starts here, on text: Space and Enter do nothing to a label.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keep_mine = QPushButton(_("Keep mine (save over theirs)"), self)
        self.open_theirs = QPushButton(_("Open theirs (mine is kept as a copy)"), self)
        for button, choice in (
            (self.keep_mine, ConflictChoice.KEEP_MINE),
            (self.open_theirs, ConflictChoice.OPEN_THEIRS),
        ):
            button.setAutoDefault(False)  # Enter on the dialog presses nothing
            button.setDefault(False)
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.open_theirs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.arm = QTimer(self, singleShot=True, interval=ARM_MS)
        self.arm.timeout.connect(self._armed)

    @property
    def armed(self) -> bool:
        """True once the buttons can be pressed."""
        return self.keep_mine.isEnabled()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.arm.start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and not self.armed:
            # Keys reach the dialog from now on: the pause counts from here.
            self.text.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            self.arm.start()
        return super().event(event)

    def _armed(self) -> None:
        for button in (self.keep_mine, self.open_theirs):
            button.setEnabled(True)
        if not self.text.hasFocus():
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # an answer is chosen with a button, never by a stray key
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Escape and the close box answer nothing: both choices keep everything, but one
        must be chosen."""
        if self.choice is not None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.choice is None:
            event.ignore()
            return
        super().closeEvent(event)


def ask(parent: QWidget | None, ui: UiLanguage) -> ConflictChoice:
    """Show the dialog until a button is chosen."""
    dialog = ConflictDialog(ui, parent)
    try:
        while dialog.choice is None:
            dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()
