"""Errors the environment or the user's input causes: each carries a sentence for a person."""

from __future__ import annotations

from desktop_app.domain.messages import TranslatableError


class DariError(TranslatableError):
    """Something the user can act on (a file, a draft, a choice); str() is the English sentence.

    Raise it with a template marked for the catalog and its parameters,
    `DariError(N_("{path} does not exist."), path=path)`, so that the window and the
    command line can say it in the user's language (`desktop_app.i18n.errors`).
    Our own bugs are not DariErrors: they propagate, are logged with a traceback and
    shown as a bug.
    """

    @classmethod
    def saying(cls, cause: Exception) -> DariError:
        """A DariError that says what `cause` says (an error of a lower layer with a sentence
        of its own, such as render's ExportError); raise it `from cause`."""
        error = cls(str(cause))
        error.__cause__ = cause
        return error
