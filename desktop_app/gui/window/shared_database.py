"""Opening a shared PostgreSQL database at start: its password, an older or newer schema, a
server that cannot be reached, each said in a sentence with the ways on.

The password is asked for only when the server wants one and neither ~/.pgpass nor
PGPASSWORD answered; it goes to the database driver for this session's connections and is
kept nowhere else (not in Settings, not in the log). Every question is a module function
(`ask_password`, `ask_update`, `ask_after_problem`, `ask_when_away`, `ask_export_folder`)
that tests replace.

The connection and the schema check run off the UI thread (`connect_off_thread`): a
server that does not answer (an address on a network gone away) holds the window for
nothing — a small "Connecting…" dialog with Cancel repaints meanwhile, and Cancel answers
at once (the attempt is left to end by itself, at the driver's 5 s connect timeout; what
it opened then is closed, and `settle` waits for it before the application ends). When the
server is away and this computer keeps texts for it (`services/pending.py`), the question
says how many wait and offers "Wait for the server" (tried again every few seconds, the
window opened — and the texts sent — when it answers) and "Export the kept texts…".
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import N_
from desktop_app.gui import errors
from desktop_app.gui.merge.worker import CallWorker
from desktop_app.services import (
    DariError,
    ExportError,
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
    from desktop_app.services.pending import PendingEdit

log = logging.getLogger(__name__)

INSTEAD = N_("Open this computer's drafts instead")
LOCAL: Final = "local"  # open this computer's drafts instead, for this session
QUIT: Final = "quit"
Choice = Literal["connect", "update", "retry", "wait", "export", "local", "quit"]
# open_services over the shared database with this password (None: .pgpass) and `migrate`
Opener = Callable[[str | None, bool], "Services"]
# the edits this computer keeps for the shared database being opened (services/pending.py)
Kept = Callable[[], "list[PendingEdit]"]
CANCELLED: Final = "cancelled"  # the person cancelled the connection under way
SHOW_AFTER_MS = 150  # a connection made sooner shows no dialog
RETRY_MS = 3000  # "Wait for the server": how often it is tried again


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


class ConnectingDialog(QDialog):
    """ "Connecting to the shared database…" with a busy bar and Cancel, while `call` runs on
    a worker; `wait`: tried again every `RETRY_MS` while the server is away ("Wait for the
    server"). `outcome` is the call's result, `error` its exception; neither after Cancel."""

    def __init__(
        self,
        ui: UiLanguage,
        server: str,
        call: Callable[[], Services],
        parent: QWidget | None,
        *,
        wait: bool = False,
        kept: int = 0,
        worker: CallWorker | None = None,
        updating: bool = False,
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.ui, self.server, self.call, self.wait, self.kept = ui, server, call, wait, kept
        # The schema is being updated: one transaction that cannot be stopped half-way from
        # here (closing Dari rolls it back), so it is said, and Cancel waits for it.
        self.updating = updating
        self.outcome: Services | None = None
        self.error: Exception | None = None
        self.tries = 0
        self.setWindowTitle(_("Shared database"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # moving: something is under way
        self.busy.setTextVisible(False)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(not updating)
        layout = QVBoxLayout(self)
        for widget in (self.text, self.busy, self.cancel_button):
            layout.addWidget(widget)
        self.setMinimumWidth(420)
        self.retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self.retry.timeout.connect(lambda: self._attempt(None))
        self._say()
        self.worker: CallWorker | None = None
        self._attempt(worker)

    def _say(self) -> None:
        _ = self.ui.gettext
        if self.updating:
            text = _(
                "Updating the shared database “{server}” for this version of Dari. With many "
                "drafts this takes a few minutes, and colleagues connected to it wait "
                "meanwhile. If Dari is closed before it ends, nothing is changed."
            ).format(server=self.server)
        elif not self.wait:
            text = _("Connecting to the shared database “{server}”…").format(server=self.server)
        else:
            text = self.ui.ngettext(
                "Waiting for the shared database “{server}” to answer; Dari tries again every "
                "few seconds. {count} text kept on this computer is sent as soon as it does.",
                "Waiting for the shared database “{server}” to answer; Dari tries again every "
                "few seconds. {count} texts kept on this computer are sent as soon as it does.",
                self.kept,
            ).format(server=self.server, count=self.kept)
        self.text.setText(text)

    def _attempt(self, worker: CallWorker | None) -> None:
        if worker is None:
            worker = CallWorker(self.call)
        self.worker = worker
        self.tries += 1
        worker.finished.connect(lambda: self._ended(worker))
        if not worker.isRunning() and not worker.isFinished():
            worker.start()

    def _ended(self, worker: CallWorker) -> None:
        if worker is not self.worker:  # cancelled: `abandon` closes what it opened
            return
        self.worker = None
        worker.wait()
        worker.deleteLater()
        if worker.error is None:
            self.outcome = worker.result  # type: ignore[assignment]
            self.accept()
        elif self.wait and isinstance(worker.error, ServerUnavailable):
            log.info("the shared database %s is still away; trying again", self.server)
            self.retry.start()
        else:
            self.error = worker.error
            self.accept()

    def cancel(self) -> None:
        """Cancel at once: the attempt under way is left to end by itself."""
        self.retry.stop()
        worker, self.worker = self.worker, None
        if worker is not None:
            abandon(worker)
        self.reject()

    def reject(self) -> None:  # Qt override: Escape and the window's close button too
        if self.updating and self.worker is not None:
            return  # the update ends by itself (see __init__)
        if self.worker is not None:
            self.cancel()
            return
        super().reject()


_abandoned: list[CallWorker] = []  # connections cancelled and still under way


def abandon(worker: CallWorker) -> None:
    """Leave a cancelled connection to end by itself (the driver's timeout); what it opened
    is closed then. `settle` waits for it before the application ends."""
    _abandoned.append(worker)
    worker.finished.connect(lambda: _reap(worker))
    if worker.isFinished():
        _reap(worker)


def _reap(worker: CallWorker) -> None:
    if worker not in _abandoned:
        return
    _abandoned.remove(worker)
    worker.wait()
    opened = worker.result
    if opened is not None and hasattr(opened, "close"):
        log.info("a cancelled connection to the shared database ended; closed again")
        opened.close()
    worker.deleteLater()


def settle() -> None:
    """Wait for cancelled connections still under way (at most the driver's connect
    timeout): no thread outlives the application, and nothing they opened stays open."""
    for worker in list(_abandoned):
        worker.wait()
        _reap(worker)


def connect_off_thread(
    ui: UiLanguage,
    server: str,
    call: Callable[[], Services],
    parent: QWidget | None,
    *,
    wait: bool = False,
    kept: int = 0,
    updating: bool = False,
) -> Services | Literal["cancelled"]:
    """Run `call` (open the shared database; `updating`: and update its schema) on a
    worker; the dialog shows when it takes longer than a moment. Its Services, CANCELLED,
    or its error raised here."""
    worker: CallWorker | None = None
    if not wait:
        worker = CallWorker(call)
        worker.start()
        if worker.wait(SHOW_AFTER_MS):  # answered at once: no dialog
            worker.deleteLater()
            if worker.error is not None:
                raise worker.error
            return worker.result  # type: ignore[return-value]
    dialog = ConnectingDialog(
        ui, server, call, parent, wait=wait, kept=kept, worker=worker, updating=updating
    )
    try:
        dialog.exec()
        if dialog.error is not None:
            raise dialog.error
        if dialog.outcome is None:
            return CANCELLED
        return dialog.outcome
    finally:
        dialog.deleteLater()


def cancelled_sentence(ui: UiLanguage, server: str) -> str:
    return ui.gettext(
        "Connecting to the shared database “{server}” was cancelled. Nothing was changed."
    ).format(server=server)


def ask_when_away(ui: UiLanguage, sentence: str, kept: int, parent: QWidget | None) -> Choice:
    """The server is out of reach and this computer keeps `kept` texts for it: "retry",
    "wait" (open the window when it answers), "export" (the kept texts to Word files),
    LOCAL or QUIT. Tests replace this function."""
    _ = ui.gettext
    waiting = ui.ngettext(
        "{count} text kept on this computer waits to be sent to it.",
        "{count} texts kept on this computer wait to be sent to it.",
        kept,
    ).format(count=kept)
    box = QMessageBox(
        QMessageBox.Icon.Warning, _("Dari"), f"{sentence}\n\n{waiting}", parent=parent
    )
    wait = box.addButton(_("Wait for the server"), QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
    export = box.addButton(_("Export the kept texts…"), QMessageBox.ButtonRole.ActionRole)
    local = box.addButton(_(INSTEAD), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(wait)
    box.exec()
    clicked = box.clickedButton()
    answers: dict[object, Choice] = {wait: "wait", again: "retry", export: "export", local: LOCAL}
    return answers.get(clicked, QUIT)


def ask_export_folder(ui: UiLanguage, parent: QWidget | None) -> str:
    """The folder the kept texts go to; "" when the person cancels. Tests replace this."""
    return QFileDialog.getExistingDirectory(
        parent,
        ui.gettext("Export the kept texts to a folder"),
        "",
        QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
    )


def say_exported(ui: UiLanguage, text: str, parent: QWidget | None) -> None:
    """What the export of the kept texts did. Tests replace this function."""
    QMessageBox.information(parent, ui.gettext("Dari"), text)


def export_kept_texts(ui: UiLanguage, edits: list[PendingEdit], parent: QWidget | None) -> None:
    """Each kept text to a Word file of its own (Korean, then English) in a folder the person
    chooses, named by the draft's number only; the kept copies stay until the server has
    them. Nothing is written over."""
    from desktop_app.services.pending import export_kept

    folder = ask_export_folder(ui, parent)
    if not folder:
        return
    written: list[str] = []
    try:
        for edit in edits:
            target = _free_name(Path(folder), f"kept-draft-{edit.draft_id}")
            written.append(export_kept(edit.document, target, date.today()).name)
    except Exception as error:
        if not isinstance(error, ExportError | DariError | StorageError):
            raise  # our bug: the excepthook shows it
        log.warning("the kept texts were not all exported: %s", error)
        say_exported(ui, errors.sentence(error, ui), parent)
        return
    say_exported(
        ui,
        ui.ngettext(
            "Exported {count} kept text to “{folder}”: {names}. The texts also stay kept on "
            "this computer until the shared database has them.",
            "Exported {count} kept texts to “{folder}”: {names}. The texts also stay kept on "
            "this computer until the shared database has them.",
            len(written),
        ).format(count=len(written), folder=folder, names=", ".join(written)),
        parent,
    )


def _free_name(folder: Path, stem: str) -> Path:
    target = folder / f"{stem}.docx"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}.docx"
        number += 1
    return target


def open_shared(
    ui: UiLanguage,
    url: str,
    open_with: Opener,
    parent: QWidget | None,
    *,
    migrate: bool = False,
    kept: Kept | None = None,
) -> Services | Literal["local", "quit"]:
    """Open the shared database at `url` through `open_with(password, migrate)` on a worker
    (`connect_off_thread`), asking what the server needs; its Services, or what the person
    chose instead (LOCAL or QUIT).

    `migrate` True (the command line's --migrate) updates an older schema without asking.
    `kept`: the texts this computer keeps for that database (the away question counts
    them, offers to wait for the server and to export them). Other errors (this
    computer's data folder cannot be made) propagate.
    """
    try:
        url = checked_url(url)  # a password in it, or not an address Dari can use
    except StorageError as error:
        log.warning("shared database not opened: %s", error)
        sentence = errors.startup_sentence(error, ui)
        return _instead(ask_after_problem(ui, sentence, retry=False, parent=parent))
    name = server_name(url)
    password: str | None = None
    wait = False
    while True:
        try:
            edits = kept() if kept is not None and wait else []
            call = functools.partial(open_with, password, migrate)
            opened = connect_off_thread(
                ui, name, call, parent, wait=wait, kept=len(edits), updating=migrate and not wait
            )
            wait = False
            if opened == CANCELLED:
                choice = ask_after_problem(ui, cancelled_sentence(ui, name), retry=True,
                                           parent=parent)  # fmt: skip
                if choice != "retry":
                    return _instead(choice)
                continue
            return opened
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
            waiting = kept() if kept is not None and isinstance(error, ServerUnavailable) else []
            while waiting:
                choice = ask_when_away(ui, sentence, len(waiting), parent)
                if choice != "export":
                    break
                export_kept_texts(ui, waiting, parent)
            else:
                choice = ask_after_problem(ui, sentence, retry=True, parent=parent)
            wait = choice == "wait"
            if choice not in ("retry", "wait"):
                return _instead(choice)


def _instead(choice: Choice) -> Literal["local", "quit"]:
    """What to do instead of the shared database: this computer's drafts, or quit."""
    return "local" if choice == LOCAL else "quit"
