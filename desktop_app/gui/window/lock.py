"""Locking the window: on demand (Ctrl+L, the toolbar), after idle minutes, and unlocking.

Only an encrypted database is locked (an unencrypted one has no key to drop). Locking
saves first (a save that fails stops the lock: the text is never thrown away), closes
every dialog, empties the editors, the preview, the draft list and the undo stacks, drops
the key and closes the connections (`Services.lock`), and shows the lock screen; unlocking
derives the key once (`EncryptionService.unlock`) and reopens the same draft with the
cursor where it was. Idle time is wall-clock time (`time.time()` of the last input against
now, checked on a timer), so the time a laptop spent asleep counts. When the desktop
session locks, the window locks too where the platform says so (`session_lock.py`: D-Bus
on Linux; a hook for Windows and macOS).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import N_
from desktop_app.gui import errors
from desktop_app.gui.window.session_lock import SessionLockWatcher
from desktop_app.i18n.errors import user_message
from desktop_app.services import EncryptionService, StorageError, WrongPassphrase

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import SessionKey

log = logging.getLogger(__name__)

MAX_TRIES = 5  # at the start: then Dari closes (each try costs the key derivation, ~1 s)
CHECK_EVERY_MS = 15_000
INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
    QEvent.Type.TouchBegin,
}
LOCKED_INTRO = N_(
    "Dari is locked. Your drafts are encrypted on the disk; type your passphrase (or your "
    "recovery key) to go on where you were."
)
START_INTRO = N_("Your drafts are encrypted. Type your passphrase (or your recovery key).")


def _secret_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName("passphrase")
    return field


class PassphraseDialog(QDialog):
    """Asks for the passphrase at start until it unlocks (a few tries), or the user quits."""

    def __init__(
        self, ui: UiLanguage, unlock: Callable[[str], SessionKey], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.ui = ui
        self._unlock = unlock
        self.key: SessionKey | None = None
        self.tries = 0
        self.setWindowTitle(_("Unlock your drafts"))
        self.intro = QLabel(_(START_INTRO), self)
        self.intro.setWordWrap(True)
        self.field = _secret_field(self)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(
            _("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.field, self.problem, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(420)

    def try_unlock(self) -> None:
        """Unlock with the field's text; on failure one sentence, and Quit after MAX_TRIES."""
        secret = self.field.text()
        self.field.clear()
        try:
            self.key = self._unlock(secret)
        except WrongPassphrase as error:
            self.tries += 1
            sentence = user_message(error, self.ui.gettext)
            if self.tries >= MAX_TRIES:
                log.info("start: %s wrong passphrases, closing", self.tries)
                self.reject()
                return
            self.problem.setText(sentence)
            return
        except StorageError as error:
            self.problem.setText(user_message(error, self.ui.gettext))
            return
        self.accept()


class LockScreen(QWidget):
    """What the window shows while locked: a sentence, the passphrase field, Unlock."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock-screen")
        self.ui = ui
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = _secret_field(self)
        self.field.setMaximumWidth(360)
        self.button = QPushButton(self)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.intro)
        layout.addWidget(self.field, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.problem)
        layout.addStretch(3)
        self.field.returnPressed.connect(self.button.click)
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.intro.setText(_(LOCKED_INTRO))
        self.button.setText(_("Unlock"))


class WindowLock(QObject):
    """Locks and unlocks a MainWindow (`window`: its services, forms, list, preview)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.last_input = time.time()
        self._place: tuple[int, QWidget | None, int] | None = None  # draft, focus, cursor
        self._docks: list[QWidget] = []
        self.screen = LockScreen(window.ui)
        self.stack = QStackedWidget(window)
        self.stack.addWidget(window.takeCentralWidget())
        self.stack.addWidget(self.screen)
        window.setCentralWidget(self.stack)
        self.screen.button.clicked.connect(self.unlock_from_screen)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_idle)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.session = SessionLockWatcher(self.session_locked, self)

    def session_locked(self) -> bool:
        """The desktop session locked (session_lock.py): lock too, when there is a key."""
        if self.locked or not self.can_lock:
            return False
        return self.lock()

    # -- idle ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in INPUT_EVENTS:
            self.last_input = time.time()
        return False

    def check_idle(self, now: float | None = None) -> bool:
        """Lock when the idle minutes (a setting; 0: never) have passed by the wall clock."""
        minutes = self.window.settings.lock_after_minutes
        if self.locked or minutes <= 0 or not self.can_lock:
            return False
        if (now if now is not None else time.time()) - self.last_input < minutes * 60:
            return False
        log.info("locking after %s idle minutes", minutes)
        return self.lock()

    @property
    def can_lock(self) -> bool:
        """Only an open, encrypted database can be locked."""
        return bool(self.window.is_attached and self.window.services.encrypted)

    # -- lock ---------------------------------------------------------------------------

    def lock(self) -> bool:
        """Save, close dialogs, empty every view, drop the key, show the lock screen.

        False (nothing locked) when the database is not encrypted, or when the last changes
        could not be saved: they stay on screen and the save problem is shown.
        """
        window = self.window
        if self.locked or not self.can_lock:
            return False
        if not window.flush():
            window.statusBar().showMessage(
                window.ui.gettext("Dari did not lock: your last changes could not be saved.")
            )
            return False
        self._close_dialogs()
        focus = QApplication.focusWidget()
        cursor = 0
        if isinstance(focus, QLineEdit):
            cursor = focus.cursorPosition()
        elif isinstance(focus, QTextEdit | QPlainTextEdit):
            cursor = focus.textCursor().position()
        draft_id = window.loaded.id if window.loaded is not None else 0
        inside = focus is not None and window.centre.isAncestorOf(focus)
        self._place = (draft_id, focus if inside else None, cursor)
        window.clear_for_lock()
        self._docks = [dock for dock in window.dock_widgets() if dock.isVisible()]
        for dock in self._docks:
            dock.hide()
        window.services.lock()
        if draft_id:
            window.settings.last_draft_id = draft_id
        self.locked = True
        window.menuBar().setEnabled(False)
        window.commands.toolbar.setEnabled(False)
        self.stack.setCurrentWidget(self.screen)
        self.screen.problem.clear()
        self.screen.field.clear()
        self.screen.field.setFocus()
        window.setWindowTitle("Dari")
        return True

    def _close_dialogs(self) -> None:
        """Close every dialog and empty what it shows: a dialog run with exec() lives on
        until its caller lets it go, and must not keep draft text meanwhile."""
        dialogs = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not self.window and isinstance(widget, QDialog)
        ]
        for dialog in dialogs:
            if dialog.isVisible():
                dialog.reject()
            _empty(dialog)

    # -- unlock -------------------------------------------------------------------------

    def unlock_from_screen(self) -> bool:
        """The lock screen's Unlock: the key from the field's text, then the same place."""
        secret = self.screen.field.text()
        self.screen.field.clear()
        try:
            key = EncryptionService(self.window.services.data_dir).unlock(secret)
        except StorageError as error:
            self.screen.problem.setText(user_message(error, self.window.ui.gettext))
            return False
        self.unlock(key)
        return True

    def unlock(self, key: SessionKey) -> None:
        """Use the database again and reopen the draft with the cursor where it was."""
        window = self.window
        window.services.unlock(key)
        self.locked = False
        self.last_input = time.time()
        self.stack.setCurrentIndex(0)
        window.menuBar().setEnabled(True)
        window.commands.toolbar.setEnabled(True)
        for dock in self._docks:
            dock.show()
        with errors.user_errors(window, window.ui):
            window.drafts.reload()
        draft_id, focus, cursor = self._place or (0, None, 0)
        self._place = None
        if draft_id:
            window.open_draft(draft_id)
        window._update_title()
        if focus is not None and window.centre.isAncestorOf(focus):
            focus.setFocus()
            if isinstance(focus, QLineEdit):
                focus.setCursorPosition(cursor)
            elif isinstance(focus, QTextEdit | QPlainTextEdit):
                text_cursor = focus.textCursor()
                text_cursor.setPosition(min(cursor, len(focus.toPlainText())))
                focus.setTextCursor(text_cursor)


def _empty(root: QWidget) -> None:
    """Blank every text a (closed) dialog holds, and detach its views' models."""
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QLineEdit | QTextEdit | QPlainTextEdit | QComboBox):
            widget.clear()
        elif isinstance(widget, QAbstractItemView):
            widget.setModel(None)
    root.setWindowTitle("")


def unlock_at_start(ui: UiLanguage, encryption: EncryptionService, parent: QWidget) -> Any:
    """The passphrase dialog before the database opens: the session key, or None (Quit)."""
    dialog = PassphraseDialog(ui, encryption.unlock, parent)
    dialog.exec()
    return dialog.key
