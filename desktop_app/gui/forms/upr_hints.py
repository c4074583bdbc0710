"""Live hints on a UPR brief: the question deadline, action categories, "Viet Nam", word counts.

Hints inform; they never block anything. The texts come from domain.checks,
translated; this module only picks the words' colour and where they go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.domain.checks import describe_category, describe_window
from desktop_app.domain.upr_checks import (
    WindowState,
    action_category,
    question_window,
    vietnam_spellings,
    word_count,
)
from desktop_app.services import format_date

if TYPE_CHECKING:
    from datetime import date

    from desktop_app.domain import BilingualText

# tone -> style sheet; "open" is good news, "closed" is past, "warn" asks for a look
TONES = {
    "neutral": "QLabel { color: #606060; }",
    "open": "QLabel { color: #1b7f3b; font-weight: 600; }",
    "closed": "QLabel { color: #a03030; }",
    "warn": "QLabel { color: #8a5300; }",
    "info": "QLabel { color: #305a8c; }",
}
WINDOW_TONES = {
    WindowState.NOT_OPEN: "neutral",
    WindowState.OPEN: "open",
    WindowState.CLOSED: "closed",
}

Gettext = Callable[[str], str]


class HintLabel(QLabel):
    """One line of hint text, coloured by its tone, hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.tone = ""
        self.hide()

    def show_hint(self, text: str, tone: str = "neutral") -> None:
        if text != self.text():
            self.setText(text)
            self.setAccessibleName(text)
        if tone != self.tone:
            self.tone = tone
            self.setStyleSheet(TONES[tone])
        self.setVisible(bool(text))


def ui_date(value: date, language: str) -> str:
    """A date as the UI language writes it: 2024. 5. 6. / 6 May 2024."""
    return format_date(value, "ko" if language == "ko" else "en")


def deadline_hint(review: date | None, today: date, language: str, _: Gettext) -> tuple[str, str]:
    """The advance-question window for a review date, as (text, tone)."""
    if review is None:
        return _("Set the review date to see the deadline for advance questions."), "neutral"
    window = question_window(review, today)
    text = describe_window(window, lambda d: ui_date(d, language), _)
    return text, WINDOW_TONES[window.state]


def vietnam_hint(texts: Iterable[BilingualText], _: Gettext) -> str:
    """A warning when an English text writes "Vietnam" (not the "Vietnam War")."""
    if any(vietnam_spellings(text.en) for text in texts):
        return _("English: UN texts write “Viet Nam”, not “Vietnam”.")
    return ""


def recommendation_hint(text: BilingualText, _: Gettext) -> tuple[str, str]:
    """UPR Info's category from the English text's first verb, or a hint that it lacks one."""
    english = text.en.strip()
    if not english:
        return "", "neutral"
    category = action_category(english)
    label = describe_category(category, _)
    if category.category is None:
        return _("{label}: start with an action verb (Ratify, Ensure, Consider…)").format(
            label=label
        ), "warn"
    return label, "info"


def join_hints(*parts: tuple[str, str]) -> tuple[str, str]:
    """Several hints on one line; a warning colours the whole line."""
    texts = [text for text, _tone in parts if text]
    tones = [tone for text, tone in parts if text]
    tone = "warn" if "warn" in tones else (tones[0] if tones else "neutral")
    return " · ".join(texts), tone


def word_counts(texts: Iterable[BilingualText], _: Gettext) -> str:
    """`Words: Korean 120 · English 150` for a section."""
    items = list(texts)
    ko = sum(word_count(text.ko) for text in items)
    en = sum(word_count(text.en) for text in items)
    if not ko and not en:
        return ""
    return _("Words: Korean {ko} · English {en}").format(ko=ko, en=en)
