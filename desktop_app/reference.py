"""Reference data shipped with Dari (States, UPR sessions), plus the user's own corrections.

Read from desktop_app/resources/data/ once per process; the user's session corrections
live in their data folder as upr_sessions.json, layered over the shipped file.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from desktop_app.domain.states import StateRegistry
from desktop_app.domain.upr_sessions import SessionCalendar
from desktop_app.files import atomic_write_bytes
from desktop_app.paths import resource

USER_SESSIONS = "upr_sessions.json"


def _read(path: Path | Traversable) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def shipped_states() -> StateRegistry:
    """UN member and observer States with UN and Korean names."""
    return StateRegistry.from_json(_read(resource("data", "states.json")))


@cache
def shipped_calendar() -> SessionCalendar:
    """UPR cycles and sessions as shipped."""
    return SessionCalendar.from_json(_read(resource("data", USER_SESSIONS)))


def calendar(data_dir: Path | None) -> SessionCalendar:
    """The shipped calendar with the user's corrections (from `data_dir`) on top."""
    merged = shipped_calendar()
    if data_dir is None or not (data_dir / USER_SESSIONS).exists():
        return merged
    try:
        user = SessionCalendar.from_json(_read(data_dir / USER_SESSIONS))
    except (OSError, ValueError, KeyError, TypeError):
        return merged  # a damaged corrections file must not stop the app; shipped data stands
    for number, session in user.sessions.items():
        base = merged.session(number)
        reviews = {r.state: r for r in (base.reviews if base else ())}
        reviews.update({r.state: r for r in session.reviews})
        for state, review in reviews.items():
            merged = merged.with_review(number, state, review.date)
    return merged


def save_review_date(data_dir: Path, session: int, state: str, when: date | None) -> None:
    """Record the user's correction: `state` is reviewed in `session` on `when`."""
    path = data_dir / USER_SESSIONS
    try:
        user = SessionCalendar.from_json(_read(path)) if path.exists() else SessionCalendar()
    except (OSError, ValueError, KeyError, TypeError):
        user = SessionCalendar()
    user = user.with_review(session, state, when)
    text = json.dumps(user.to_json(), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
