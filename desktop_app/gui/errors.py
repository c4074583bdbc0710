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
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.i18n.errors import user_message
from desktop_app.services import DariError, DatabaseUnavailable, StorageError

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


def show_startup_error(ui: UiLanguage, error: Exception) -> None:
    """Dari cannot start (its database cannot be opened): say why, before any window exists."""
    QMessageBox.critical(None, ui.gettext("Dari"), startup_sentence(error, ui))


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
