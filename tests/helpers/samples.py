"""The founding-case sample letter and small builders for tests."""

from __future__ import annotations

import json
from typing import Any

from desktop_app.domain import Letter, from_json
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.upr import UprBrief
from desktop_app.paths import sample_path


def sample_payload() -> dict[str, Any]:
    """The shipped sample, as JSON."""
    data: dict[str, Any] = json.loads(sample_path().read_text(encoding="utf-8"))
    return data


def sample_letter() -> Letter:
    """The shipped founding-case letter."""
    letter = from_json(sample_payload())
    assert isinstance(letter, Letter)
    return letter


def sample_upr_brief() -> UprBrief:
    """The shipped founding-case brief on Viet Nam's 46th-session review."""
    path = sample_path("founding-case-upr-brief.json")
    brief = from_json(json.loads(path.read_text(encoding="utf-8")))
    assert isinstance(brief, UprBrief)
    return brief


def sample_press_notice() -> PressNotice:
    """The shipped notice of the press conference of 18 April 2024."""
    path = sample_path("founding-case-press-notice.json")
    notice = from_json(json.loads(path.read_text(encoding="utf-8")))
    assert isinstance(notice, PressNotice)
    return notice


def sample_statement() -> Statement:
    """The shipped statement read at it."""
    path = sample_path("founding-case-statement.json")
    statement = from_json(json.loads(path.read_text(encoding="utf-8")))
    assert isinstance(statement, Statement)
    return statement
