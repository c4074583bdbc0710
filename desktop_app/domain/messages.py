"""Marks user-visible strings in the Qt-free core for translation without translating them.

The core stays free of any UI language: it keeps the English source strings,
and `desktop_app.i18n` translates them when they reach a person. An error for
the user (`TranslatableError`) keeps its English template and its parameters
apart for the same reason.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark `message` for the catalog; return it unchanged."""
    return message


class Phrase(str):
    """A marked English phrase used as a parameter of a message; translated along with it.

    `Phrase(N_("the disk is full"))` in "could not write ({detail})" lets the whole
    sentence be said in the UI language, not only its frame.
    """

    __slots__ = ()


class TranslatableError(Exception):
    """An error for the user, kept as an English template (marked with N_) and its parameters.

    str() is the English sentence (for logs and tests); `desktop_app.i18n.errors.user_message`
    says it in the UI language. Parameters that are themselves errors are said in that
    language too. A template without parameters is not formatted: an old-style finished
    sentence, `DariError(f"… {path} …")`, keeps working as it is, braces and all.
    """

    def __init__(self, template: str, /, **params: object) -> None:
        super().__init__(template)
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return self.template.format(**self.params) if self.params else self.template
