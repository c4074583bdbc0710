"""Opening a shared PostgreSQL database at start: its password, an older or newer schema, a
server that cannot be reached, each said in a sentence with the ways on.

The password is asked for only when the server wants one and neither ~/.pgpass nor
PGPASSWORD answered; it goes to the database driver for this session's connections and is
kept nowhere else (not in Settings, not in the log). Every question is a module function
(`ask_password`, `ask_update`, `ask_after_problem`) that tests replace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import N_
from desktop_app.gui import errors
from desktop_app.services import (
    ServerLoginRefused,
    ServerSchemaOld,
    ServerSchemaTooNew,
    ServerUnavailable,
    ServerUrlInvalid,
    StorageError,
    checked_url,
    password_missing,
    server_name,
)

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import Services

log = logging.getLogger(__name__)

INSTEAD = N_("Open this computer's drafts instead")
LOCAL: Final = "local"  # open this computer's drafts instead, for this session
QUIT: Final = "quit"
Choice = Literal["connect", "update", "retry", "local", "quit"]
# open_services over the shared database with this password (None: .pgpass) and `migrate`
Opener = Callable[[str | None, bool], "Services"]


class PasswordDialog(QDialog):
    """The shared database's password (masked), with the refusal of the last one if any."""

    def __init__(
        self, ui: UiLanguage, server: str, user: str, problem: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.choice: Choice = QUIT
        self.setWindowTitle(_("Shared database"))
        self.intro = QLabel(
            _(
                "The shared database “{server}” asks for the password of “{user}”. Dari keeps "
                "it in memory while it is open and stores it nowhere."
            ).format(server=server, user=user or "?"),
            self,
        )
        self.intro.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setObjectName("serverPassword")
        self.field.setAccessibleName(_("Password"))
        self.problem = QLabel(problem, self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(bool(problem))
        self.buttons = QDialogButtonBox(self)
        self.connect_button = self.buttons.addButton(
            _("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.local_button = self.buttons.addButton(
            _(INSTEAD), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.quit_button = self.buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.setDefault(True)
        self.connect_button.setEnabled(False)
        self.field.textChanged.connect(lambda text: self.connect_button.setEnabled(bool(text)))
        self.connect_button.clicked.connect(lambda: self._close_with("connect"))
        self.local_button.clicked.connect(lambda: self._close_with(LOCAL))
        self.quit_button.clicked.connect(lambda: self._close_with(QUIT))
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.field, self.problem, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)
        self.field.setFocus()

    def _close_with(self, choice: Choice) -> None:
        self.choice = choice
        if choice == "connect":
            self.accept()
        else:
            self.field.clear()  # nothing typed stays in a widget
            self.reject()

    def take_password(self) -> str:
        """The typed password, emptied from the field."""
        password = self.field.text()
        self.field.clear()
        return password


def ask_password(
    ui: UiLanguage, server: str, user: str, problem: str, parent: QWidget | None
) -> tuple[Choice, str]:
    """("connect", the password), or (LOCAL | QUIT, ""). Tests replace this function."""
    dialog = PasswordDialog(ui, server, user, problem, parent)
    dialog.exec()
    password = dialog.take_password() if dialog.choice == "connect" else ""
    return dialog.choice, password


def update_question(ui: UiLanguage, server: str) -> str:
    """What updating a shared database of an older Dari does, said before it is done."""
    return ui.gettext(
        "The shared database “{server}” was made by an older version of Dari. Update it so "
        "that this version can use it? Dari cannot make a backup of a database on a server: "
        "if it matters, ask whoever runs the server to make one first (pg_dump). The update "
        "is done in one step: if it fails, the database is left as it was. Afterwards, "
        "colleagues with the older Dari cannot open it until they install this version."
    ).format(server=server)


def ask_update(ui: UiLanguage, server: str, parent: QWidget | None) -> Choice:
    """ "update", LOCAL or QUIT (the default: nothing changes). Tests replace this function."""
    _ = ui.gettext
    box = QMessageBox(
        QMessageBox.Icon.Question, _("Dari"), update_question(ui, server), parent=parent
    )
    update = box.addButton(_("Update it"), QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton(_(INSTEAD), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    return "update" if clicked is update else LOCAL if clicked is local else QUIT


def ask_after_problem(
    ui: UiLanguage, sentence: str, *, retry: bool, parent: QWidget | None
) -> Choice:
    """The problem's sentence with "Try again" (when trying again can help), "Open this
    computer's drafts instead" and "Quit": "retry", LOCAL or QUIT. Tests replace this."""
    _ = ui.gettext
    box = QMessageBox(QMessageBox.Icon.Warning, _("Dari"), sentence, parent=parent)
    again = box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole) if retry else None
    local = box.addButton(_(INSTEAD), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again or local)
    box.exec()
    clicked = box.clickedButton()
    if again is not None and clicked is again:
        return "retry"
    return LOCAL if clicked is local else QUIT


def no_encryption_sentence(ui: UiLanguage, server: str) -> str:
    """Why Tools › Encryption does nothing over a shared database."""
    return ui.gettext(
        "Your drafts are in the shared database “{server}”, not in a file on this computer, "
        "so Dari's encryption (which encrypts that file) does not apply to them. A database "
        "on a server is protected there: ask whoever runs it about the server's disk "
        "encryption and about encrypted connections (?sslmode=require at the end of the "
        "address)."
    ).format(server=server)


def say_no_encryption(parent: QWidget | None, ui: UiLanguage, server: str) -> None:
    """Tools › Encryption over a shared database. Tests replace this function."""
    QMessageBox.information(parent, ui.gettext("Dari"), no_encryption_sentence(ui, server))


def open_shared(
    ui: UiLanguage, url: str, open_with: Opener, parent: QWidget | None, *, migrate: bool = False
) -> Services | Literal["local", "quit"]:
    """Open the shared database at `url` through `open_with(password, migrate)`, asking what
    the server needs; its Services, or what the person chose instead (LOCAL or QUIT).

    `migrate` True (the command line's --migrate) updates an older schema without asking.
    Other errors (this computer's data folder cannot be made) propagate.
    """
    try:
        url = checked_url(url)  # a password in it, or not an address Dari can use
    except StorageError as error:
        log.warning("shared database not opened: %s", error)
        sentence = errors.startup_sentence(error, ui)
        return _instead(ask_after_problem(ui, sentence, retry=False, parent=parent))
    name = server_name(url)
    password: str | None = None
    while True:
        try:
            return open_with(password, migrate)
        except ServerLoginRefused as error:
            first = password is None and password_missing(error)
            problem = "" if first else errors.startup_sentence(error, ui)
            log.info("the shared database %s asks for a password (first: %s)", name, first)
            choice, typed = ask_password(ui, name, error.user, problem, parent)
            if choice != "connect":
                return _instead(choice)
            password = typed
        except ServerSchemaOld:
            choice = ask_update(ui, name, parent)
            if choice != "update":
                return _instead(choice)
            log.info("updating the shared database %s, as the person chose", name)
            migrate = True
        except ServerSchemaTooNew as error:
            log.warning("shared database not opened: %s", error)
            sentence = errors.startup_sentence(error, ui)
            return _instead(ask_after_problem(ui, sentence, retry=False, parent=parent))
        except (ServerUnavailable, ServerUrlInvalid) as error:
            log.warning("shared database not opened: %s", error)
            sentence = errors.startup_sentence(error, ui)
            choice = ask_after_problem(ui, sentence, retry=True, parent=parent)
            if choice != "retry":
                return _instead(choice)


def _instead(choice: Choice) -> Literal["local", "quit"]:
    """What to do instead of the shared database: this computer's drafts, or quit."""
    return "local" if choice == LOCAL else "quit"
