"""The one place where an error for the user becomes a sentence in the UI language (no Qt).

The window (`desktop_app.gui.errors`), its export dialog and the command line all
call `user_message`. It knows every error that carries a sentence:

- `TranslatableError` (DariError, StorageError and their subclasses): the English
  template is looked up in the catalog and filled with its parameters, each said in
  the same language when it is an error or a `Phrase` itself;
- `ExportError` (a file could not be written; desktop_app.files), by its `reason_code`, and
  `PdfUnavailable` (no LibreOffice);
- an old-style `DariError("a finished English sentence")` is said as it is, unless it
  only repeats the error it was raised from (`raise DariError(str(error)) from error`,
  or `DariError.saying(error)`), which is then said instead.

Anything else is one of our bugs: its str() is returned, and the caller reports it as one.
"""

from __future__ import annotations

from desktop_app.domain.messages import N_, Phrase, TranslatableError
from desktop_app.i18n import Translate

# ExportError.reason_code -> the sentence ({file}: the path; {reason}: the English reason)
EXPORT_FAILURES = {
    "in_use": N_("{file} is open in another program; close it or choose another name."),
    "disk_full": N_(
        "{file} was not saved: the disk is full. Free some space or use another drive."
    ),
    "is_directory": N_("{file} was not saved: a folder has that name. Choose another folder."),
    "not_found": N_("{file} was not saved: its folder does not exist. Choose another folder."),
    "permission": N_(
        "{file} was not saved: that folder is write-protected. Choose another folder."
    ),
    "unavailable": N_("{file} was not saved: the drive is not available. Choose another folder."),
    "other": N_("{file} was not saved ({reason}). Choose another folder or try again."),
}
PDF_UNAVAILABLE = N_(
    "{file} was not made: LibreOffice is not installed on this computer, so Dari cannot "
    "make PDF files."
)


def user_message(error: BaseException, gettext: Translate) -> str:
    """`error` as a sentence in the language of `gettext` (str(error) when it is not known)."""
    from desktop_app.files import ExportError, PdfUnavailable  # on first use: a fast start

    if isinstance(error, TranslatableError):
        if error.params:
            params = {name: _said(value, gettext) for name, value in error.params.items()}
            return gettext(error.template).format(**params)
        cause = error.__cause__
        if cause is not None and str(cause) == error.template and is_known(cause):
            return user_message(cause, gettext)
        return gettext(error.template) if error.template else ""
    if isinstance(error, PdfUnavailable):
        return gettext(PDF_UNAVAILABLE).format(file=error.path)
    if isinstance(error, ExportError):
        template = EXPORT_FAILURES.get(error.reason_code, EXPORT_FAILURES["other"])
        return gettext(template).format(file=error.path, reason=error.reason)
    return str(error)


def is_known(error: BaseException) -> bool:
    """True for an error that carries a sentence for the user (not one of our bugs)."""
    from desktop_app.files import ExportError

    return isinstance(error, TranslatableError | ExportError)


def _said(value: object, gettext: Translate) -> object:
    """A parameter as it goes into the sentence: errors and phrases in the same language."""
    if isinstance(value, Phrase):
        return gettext(value)
    if isinstance(value, BaseException) and is_known(value):
        return user_message(value, gettext)
    return value
