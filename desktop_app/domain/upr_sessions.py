"""UPR cycles and sessions with their dates where known: data, editable by the user."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Review:
    """One State's review in a session."""

    state: str  # ISO alpha-2
    date: date | None = None


@dataclass(frozen=True)
class Session:
    """A UPR Working Group session."""

    number: int
    cycle: int
    start: date | None = None
    end: date | None = None
    reviews: tuple[Review, ...] = ()
    unverified: bool = False

    def review_date(self, state: str) -> date | None:
        """When `state` is reviewed in this session, if known."""
        return next((r.date for r in self.reviews if r.state == state.upper()), None)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class SessionCalendar:
    """Sessions by number; user corrections are layered over the shipped data."""

    sessions: dict[int, Session] = field(default_factory=dict)
    cycles: dict[int, tuple[int, int]] = field(default_factory=dict)  # cycle → first, last

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionCalendar:
        """From resources/data/upr_sessions.json (or the user's file of the same shape)."""
        cycles = {
            int(c["cycle"]): (int(c["first"]), int(c["last"])) for c in data.get("cycles", [])
        }
        sessions = {}
        for s in data.get("sessions", []):
            reviews = tuple(
                Review(r["state"].upper(), _date(r.get("date"))) for r in s.get("reviews", [])
            )
            number = int(s["session"])
            sessions[number] = Session(
                number=number,
                cycle=int(s.get("cycle") or cls.cycle_of(cycles, number)),
                start=_date(s.get("start")),
                end=_date(s.get("end")),
                reviews=reviews,
                unverified=bool(s.get("unverified", False)),
            )
        return cls(sessions, cycles)

    @staticmethod
    def cycle_of(cycles: dict[int, tuple[int, int]], session: int) -> int:
        """The cycle a session number belongs to (0 when unknown)."""
        return next((c for c, (a, b) in cycles.items() if a <= session <= b), 0)

    def session(self, number: int) -> Session | None:
        """A session by number."""
        return self.sessions.get(number)

    def find_review(self, state: str) -> list[tuple[Session, date | None]]:
        """Sessions that review `state`, latest first."""
        found = [
            (s, s.review_date(state))
            for s in self.sessions.values()
            if any(r.state == state.upper() for r in s.reviews)
        ]
        return sorted(found, key=lambda pair: pair[0].number, reverse=True)

    def with_review(self, number: int, state: str, when: date | None) -> SessionCalendar:
        """A copy where `state` is reviewed in session `number` on `when` (added or corrected)."""
        session = self.sessions.get(number) or Session(number, self.cycle_of(self.cycles, number))
        reviews = tuple(r for r in session.reviews if r.state != state.upper())
        session = replace(session, reviews=(*reviews, Review(state.upper(), when)))
        return replace(self, sessions={**self.sessions, number: session})

    def to_json(self) -> dict[str, Any]:
        """The same shape as the shipped file."""
        return {
            "version": 1,
            "cycles": [
                {"cycle": c, "first": a, "last": b} for c, (a, b) in sorted(self.cycles.items())
            ],
            "sessions": [
                {
                    "session": s.number,
                    "cycle": s.cycle,
                    "start": s.start.isoformat() if s.start else None,
                    "end": s.end.isoformat() if s.end else None,
                    "unverified": s.unverified,
                    "reviews": [
                        {"state": r.state, "date": r.date.isoformat() if r.date else None}
                        for r in s.reviews
                    ],
                }
                for s in sorted(self.sessions.values(), key=lambda s: s.number)
            ],
        }
