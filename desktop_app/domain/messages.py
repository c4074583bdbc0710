"""Marks user-visible strings in the Qt-free core for translation without translating them.

The core stays free of any UI language: it keeps the English source strings,
and `desktop_app.i18n` translates them when they reach a person.
"""


def N_(message: str) -> str:
    """Mark `message` for the catalog; return it unchanged."""
    return message
