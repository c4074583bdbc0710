"""A non-modal bar above the window's panes for warnings that arrive while the person types.

Like Word's yellow bar or Firefox's notification bar: an icon, a sentence, an
action button where there is one ("Try again") and a close button. It never
takes the keyboard focus: its buttons take focus only by Tab, so a key typed
while it appears goes on into the editor (issue 13: a message box there took
the keystrokes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

STYLE = """
MessageBar { background: #fff4ce; border: 1px solid #e0c36b; border-radius: 3px; }
MessageBar QLabel { color: #3b2f00; }
"""


class MessageBar(QFrame):
    """One message at a time; a new one replaces the old (the same one is not repeated)."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.ui = ui
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.icon = QLabel(self)
        self.icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            .pixmap(QSize(20, 20))
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.action = QPushButton(self)
        self.action.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the editor focused
        self.action.setAutoDefault(False)
        self.action.clicked.connect(self._act)
        self.close_button = QToolButton(self)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.clicked.connect(lambda: self.dismiss())
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""  # what the message is about ("save"), so its end can clear it
        self._on_action: Callable[[], object] | None = None
        self.retranslate()
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        kind: str = "",
        action: str = "",
        on_action: Callable[[], object] | None = None,
    ) -> None:
        """Show `text` (replacing any message), with a button `action` calling `on_action`."""
        self.kind = kind
        self.text.setText(text)
        self._on_action = on_action
        self.action.setText(action)
        self.action.setVisible(bool(action and on_action))
        self.show()

    def dismiss(self, kind: str | None = None) -> None:
        """Hide the message (only if it is of `kind`, when given)."""
        if kind is not None and kind != self.kind:
            return
        self.hide()
        self.kind = ""
        self._on_action = None

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.close_button.setToolTip(_("Close this message"))
        self.close_button.setAccessibleName(_("Close this message"))

    def _act(self) -> None:
        if self._on_action is not None:
            self._on_action()
