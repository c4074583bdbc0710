"""Showing errors: the environment's fault as a sentence, our own bugs as a logged bug report.

Every question or message box the window shows goes through one of the small
functions here, so tests can answer them by monkeypatching the function.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from desktop_app.i18n.errors import user_message
from desktop_app.services import DariError, DatabaseCorrupt, DatabaseUnavailable, StorageError

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

log = logging.getLogger(__name__)

KNOWN_ERRORS: tuple[type[Exception], ...] = (DariError, StorageError)


def sentence(error: Exception, ui: UiLanguage, *, text_in_window: bool = True) -> str:
    """The error as a sentence in the UI language (the core's English one when not known).

    `text_in_window` is False at start-up, before the window holds any text.
    """
    _ = ui.gettext
    text = user_message(error, _)
    if isinstance(error, DatabaseUnavailable) and text_in_window:  # a save failed: nothing lost
        text += " " + _("Your text is still in the window.")
    return text


def show_error(parent: QWidget | None, ui: UiLanguage, error: Exception) -> None:
    """Tell the person what went wrong and what to do (a DariError or StorageError)."""
    QMessageBox.warning(parent, ui.gettext("Dari"), sentence(error, ui))


def show_startup_error(ui: UiLanguage, error: Exception) -> str | None:
    """Dari cannot start (its database cannot be opened): say why, before any draft is open.

    For a damaged file the box offers what can be done, and returns the choice:
    "restore" (the latest good backup), "salvage" (what can be read, into a new file),
    "folder" (another data folder); None to quit. The damaged file is never changed.
    """
    _ = ui.gettext
    if not isinstance(error, DatabaseCorrupt):
        QMessageBox.critical(None, _("Dari"), startup_sentence(error, ui))
        return None
    box = QMessageBox(QMessageBox.Icon.Critical, _("Dari"), damaged_sentence(error, ui))
    options = {
        "restore": box.addButton(_("Restore the latest backup"), QMessageBox.ButtonRole.AcceptRole),
        "salvage": box.addButton(_("Salvage what can be read"), QMessageBox.ButtonRole.AcceptRole),
        "folder": box.addButton(_("Choose another folder…"), QMessageBox.ButtonRole.AcceptRole),
    }
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(options["restore"])
    box.exec()
    clicked = box.clickedButton()
    return next((name for name, button in options.items() if button is clicked), None)


def damaged_sentence(error: DatabaseCorrupt, ui: UiLanguage) -> str:
    """The window's sentence for a damaged file: what happened, and the three ways on."""
    return ui.gettext(
        "The file “{path}” is not a Dari database or is damaged, so Dari did not open it. "
        "Nothing was changed in the file. You can restore the latest backup that is in good "
        "order, save what can still be read into a new file, or choose another data folder. "
        "Either way the damaged file is kept, unchanged."
    ).format(path=error.path)


def error_folder(error: Exception) -> Path | None:
    """The data folder an error's database file is in, if it names one."""
    path = getattr(error, "path", None)
    return Path(path).parent if path is not None else None


def choose_data_folder(ui: UiLanguage) -> str:
    """Another data folder; "" when the person cancels. Tests replace this function."""
    from desktop_app.gui.prompts import FILE_DIALOG_OPTIONS

    only_dirs = QFileDialog.Option.ShowDirsOnly
    return QFileDialog.getExistingDirectory(
        None, ui.gettext("Choose a data folder"), "", only_dirs | FILE_DIALOG_OPTIONS
    )


def show_no_good_backup(ui: UiLanguage) -> None:
    """There is no backup to restore. Tests replace this function."""
    QMessageBox.warning(
        None,
        ui.gettext("Dari"),
        ui.gettext(
            "There is no backup in good order to restore. You can still save what can be "
            "read of the damaged file into a new one, or choose another data folder."
        ),
    )


def show_salvaged(ui: UiLanguage, drafts: int, kept_aside: Path) -> None:
    """What a salvage kept. Tests replace this function."""
    QMessageBox.information(
        None,
        ui.gettext("Dari"),
        ui.gettext(
            "Drafts read back from the damaged file: {count}. They are in a new database; "
            "the damaged file is kept, unchanged, as “{path}”."
        ).format(count=drafts, path=kept_aside),
    )


def lost_saves_sentence(ui: UiLanguage, saved_at: datetime) -> str:
    """The database's journal was damaged and dropped the last saves: said in the window's
    message bar (not a box, which would take the keys typed meanwhile)."""
    when = saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return ui.gettext(
        "The last saves were lost: the database's journal was damaged, so changes made "
        "until {when} are not in your drafts. Check your most recent drafts."
    ).format(when=when)


def startup_sentence(error: Exception, ui: UiLanguage) -> str:
    """Why Dari cannot start, as a sentence: no window holds any text yet, so it does not
    say that the text is still in the window."""
    return sentence(error, ui, text_in_window=False)


def confirm(parent: QWidget | None, ui: UiLanguage, title: str, text: str, action: str) -> bool:
    """Ask a yes/no question whose "yes" button says what happens (`action`)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
    """A question with one button per option (the first is the default) and Cancel;
    the index of the chosen option, None for Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(buttons) if button is clicked), None)


def show_bug(parent: QWidget | None, ui: UiLanguage, details: str) -> None:
    """Show one of our bugs: what it means for the person, the traceback for a report."""
    _ = ui.gettext
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Dari"),
        _(
            "Something went wrong inside Dari. This is a bug in Dari, not something you did. "
            "Your drafts are saved automatically; please send the details below to the "
            "people who support Dari."
        ),
        parent=parent,
    )
    box.setDetailedText(details)
    box.exec()


@contextmanager
def user_errors(parent: QWidget | None, ui: UiLanguage) -> Iterator[None]:
    """Run a user's action; a DariError or StorageError becomes a message, not a crash."""
    try:
        yield
    except KNOWN_ERRORS as error:
        log.info("%s: %s", type(error).__name__, error)
        show_error(parent, ui, error)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_excepthook(ui: UiLanguage) -> ExceptHook:
    """Log every uncaught exception and show it as a bug (known errors as sentences).

    Returns the previous hook. Slots that raise reach this hook instead of
    killing the process silently.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        parent = QApplication.activeWindow()
        if isinstance(error, KNOWN_ERRORS):
            log.warning("unhandled %s: %s", kind.__name__, error)
            show_error(parent, ui, error)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("bug (uncaught exception):\n%s", details)
        show_bug(parent, ui, details)

    sys.excepthook = hook
    return previous
