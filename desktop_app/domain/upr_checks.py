"""Hints for a UPR brief: the advance-question window, action categories, UN naming, word counts.

Hints inform, they never block an export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from desktop_app.domain.messages import N_
from desktop_app.domain.upr import UprBrief

# UPR Info's action categories, by the recommendation's first verb (UPR.md).
CATEGORY_VERBS: dict[int, tuple[str, ...]] = {
    1: ("call", "seek", "share", "request", "encourage", "invite", "urge", "appeal"),
    2: ("continue", "maintain", "pursue", "persevere", "keep", "sustain", "further"),
    3: (
        "consider",
        "envisage",
        "explore",
        "review",
        "study",
        "reflect",
        "examine",
        "analyse",
        "analyze",
        "assess",
        "evaluate",
    ),
    4: (
        "ensure",
        "guarantee",
        "promote",
        "strengthen",
        "take",
        "intensify",
        "enhance",
        "improve",
        "protect",
        "respect",
        "combat",
        "fight",
        "prevent",
        "address",
        "support",
        "step",
        "redouble",
        "increase",
        "facilitate",
        "uphold",
        "refrain",
        "cooperate",
        "work",
        "foster",
        "provide",
        "allow",
        "make",
        "raise",
        "eliminate",
        "end",
        "stop",
        "cease",
        "release",
        "reduce",
        "develop",
        "bring",
        "align",
        "harmonize",
        "harmonise",
        "engage",
        "grant",
        "extend",
        "respond",
        "put",
        "give",
        "establish",
    ),
    5: (
        "adopt",
        "amend",
        "establish",
        "investigate",
        "ratify",
        "accede",
        "abolish",
        "implement",
        "enact",
        "repeal",
        "criminalize",
        "criminalise",
        "decriminalize",
        "decriminalise",
        "sign",
        "withdraw",
        "lift",
        "prosecute",
        "publish",
        "issue",
        "create",
        "introduce",
        "incorporate",
        "submit",
        "remove",
        "revise",
        "become",
        "join",
        "set",
        "legislate",
        "pass",
        "approve",
        "allocate",
        "accept",
        "abrogate",
        "prohibit",
        "ban",
    ),
}
CATEGORY_LABELS = {
    1: N_("1 minimal action"),
    2: N_("2 continuing action"),
    3: N_("3 considering action"),
    4: N_("4 general action"),
    5: N_("5 specific action"),
}
_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _verb_table() -> dict[str, int]:
    table: dict[str, int] = {}
    # Lower categories first so that a verb listed twice keeps its more specific category.
    for category in sorted(CATEGORY_VERBS):
        for verb in CATEGORY_VERBS[category]:
            table[verb] = category
    return table


_VERBS = _verb_table()


@dataclass(frozen=True)
class ActionCategory:
    """The category of a recommendation and the verb it was read from (category None: no verb)."""

    category: int | None
    verb: str


def action_category(text: str) -> ActionCategory:
    """UPR Info's category from the first verb: "Ratify …" is 5, "Consider ratifying …" is 3."""
    match = _FIRST_WORD.search(text)
    if match is None:
        return ActionCategory(None, "")
    word = match.group(0)
    verb = word.lower()
    singular = verb[:-3] + "y" if verb.endswith("ies") else verb.removesuffix("s")
    for candidate in (verb, singular, verb.removesuffix("es")):
        if candidate in _VERBS:
            return ActionCategory(_VERBS[candidate], word)
    return ActionCategory(None, word)


class WindowState(Enum):
    """Where a date falls relative to the advance-question window."""

    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class QuestionWindow:
    """Advance questions go in writing from 10 days to 24 hours before the review."""

    opens: date
    closes: date
    state: WindowState
    days: int  # days until it opens (NOT_OPEN), left (OPEN), or since it closed (CLOSED)


def question_window(review: date, today: date) -> QuestionWindow:
    """The advance-question window for a review on `review`, seen on `today`.

    It opens 10 days before the review and closes 24 hours before it, i.e. the
    last day to send is the day before the review.
    """
    opens = review - timedelta(days=10)
    closes = review - timedelta(days=1)
    if today < opens:
        return QuestionWindow(opens, closes, WindowState.NOT_OPEN, (opens - today).days)
    if today <= closes:
        return QuestionWindow(opens, closes, WindowState.OPEN, (closes - today).days)
    return QuestionWindow(opens, closes, WindowState.CLOSED, (today - closes).days)


# "Vietnam" is not the UN's name, except in the historical "Vietnam War".
_VIETNAM = re.compile(r"\bVietnam\b(?!\s+War\b)")


def vietnam_spellings(text: str) -> list[int]:
    """Offsets of "Vietnam" where UN usage wants "Viet Nam" ("Vietnam War" excepted)."""
    return [m.start() for m in _VIETNAM.finditer(text)]


def word_count(text: str) -> int:
    """Words (Korean: 어절, space-separated units) in `text`."""
    return len(text.split())


def states_not_targeted(brief: UprBrief) -> list[tuple[str, str]]:
    """(path, code) of each State a question or recommendation is assigned to that is not
    among the brief's target States, e.g. ("questions[1]", "FR"), in document order."""
    targets = {code.upper() for code in brief.target_states}
    found: list[tuple[str, str]] = []
    for name in ("questions", "recommendations"):
        for i, item in enumerate(getattr(brief, name)):
            found += [(f"{name}[{i}]", c) for c in item.states if c.upper() not in targets]
    return found
