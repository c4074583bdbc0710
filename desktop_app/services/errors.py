"""Errors the environment or the user's input causes: each carries a sentence for a person."""

from __future__ import annotations


class DariError(Exception):
    """Something the user can act on (a file, a draft, a choice); str() is the sentence.

    Our own bugs are not DariErrors: they propagate, are logged with a
    traceback and shown as a bug.
    """
