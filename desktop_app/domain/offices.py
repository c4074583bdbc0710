"""Dated offices: who holds a position on a date, and every doubt about it said in words.

Never a silent pick: when appointments overlap on the date there is no holder, only the
candidates and a warning naming them and their dates; a gap, a partial or unverified date
and a vacancy are warnings too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from desktop_app.domain.contacts import Appointment, ContactWarning, Person, Position
from desktop_app.domain.messages import N_


class Doubt(Enum):
    """What a warning about an office is about."""

    OVERLAP = "overlap"  # more than one appointment may cover the date
    GAP = "gap"  # nobody recorded between two appointments
    VACANT = "vacant"  # nobody recorded on the date
    UNCERTAIN = "uncertain"  # the date falls inside a partial or unknown date of office
    UNVERIFIED = "unverified"  # the holder is found by a date marked [U]


class OfficeWarning(ContactWarning):
    """A doubt about who held an office, as a sentence; `doubt` says which kind."""

    def __init__(self, doubt: Doubt, template: str, /, **params: object) -> None:
        super().__init__(template, **params)
        self.doubt = doubt


@dataclass(frozen=True)
class Holding:
    """Who holds `position_id` on `on`: a person (or none), and the doubts about it."""

    position_id: int
    on: date
    appointment: Appointment | None
    candidates: tuple[Appointment, ...] = ()  # every appointment that may cover the date
    warnings: tuple[OfficeWarning, ...] = ()

    @property
    def person_id(self) -> int | None:
        return self.appointment.person_id if self.appointment else None

    def doubts(self) -> set[Doubt]:
        return {w.doubt for w in self.warnings}


def who(person: Person | None, person_id: int) -> str:
    """`조태열 (Cho Tae-yul)` for warnings; `person-7` when the person is not known."""
    if person is None:
        return f"person-{person_id}"
    ko, en = person.name.ko.strip(), person.name.en.strip()
    if ko and en:
        return f"{ko} ({en})"
    return ko or en or f"person-{person_id}"


def office_name(position: Position) -> str:
    ko, en = position.title.ko.strip(), position.title.en.strip()
    if ko and en:
        return f"{ko} ({en})"
    return ko or en or f"position-{position.id}"


def _covers(appointment: Appointment, day: date) -> bool | None:
    """True: certainly in office on `day`; None: maybe (a partial or unknown date); False: no."""
    start, end = appointment.start, appointment.end
    if start is not None and day < start.earliest():
        return False
    if end is not None and day > end.latest():
        return False
    certain_start = start is not None and day >= start.latest()
    certain_end = end is None or day <= end.earliest()
    return True if certain_start and certain_end else None


def _used_unverified(appointment: Appointment) -> bool:
    return any(d is not None and not d.verified for d in (appointment.start, appointment.end))


def holder_on(
    position: Position,
    appointments: Iterable[Appointment],
    day: date,
    people: Mapping[int, Person] | None = None,
) -> Holding:
    """Who holds `position` on `day`, from its appointments (others are ignored)."""
    people = people or {}
    own = sorted(
        (a for a in appointments if a.position_id == position.id),
        key=lambda a: (a.start.earliest() if a.start else date.min, a.id),
    )
    covering = [(a, c) for a in own if (c := _covers(a, day)) is not False]
    office, when = office_name(position), day.isoformat()
    if len(covering) > 1:
        listed = "; ".join(
            f"{who(people.get(a.person_id), a.person_id)} {a.span()}" for a, _ in covering
        )
        warning = OfficeWarning(
            Doubt.OVERLAP,
            N_(
                "On {date}, {count} appointments to {office} overlap: {holders}. "
                "Correct their dates or choose the person."
            ),
            date=when,
            count=len(covering),
            office=office,
            holders=listed,
        )
        return Holding(position.id, day, None, tuple(a for a, _ in covering), (warning,))
    if covering:
        appointment, certain = covering[0]
        name = who(people.get(appointment.person_id), appointment.person_id)
        warnings: list[OfficeWarning] = []
        if certain is None:
            warnings.append(
                OfficeWarning(
                    Doubt.UNCERTAIN,
                    N_(
                        "{person} may not have held {office} on {date}: the appointment's dates "
                        "are {span} (not exact)."
                    ),
                    person=name,
                    office=office,
                    date=when,
                    span=appointment.span(),
                )
            )
        if _used_unverified(appointment):
            warnings.append(
                OfficeWarning(
                    Doubt.UNVERIFIED,
                    N_(
                        "{person} is found for {office} on {date} by dates not verified "
                        "({span}); check them in an official source."
                    ),
                    person=name,
                    office=office,
                    date=when,
                    span=appointment.span(),
                )
            )
        return Holding(position.id, day, appointment, (appointment,), tuple(warnings))
    before = [a for a in own if a.end is not None and a.end.latest() < day]
    after = [a for a in own if a.start is not None and a.start.earliest() > day]
    if before and after:
        warning = OfficeWarning(
            Doubt.GAP,
            N_(
                "Nobody is recorded in {office} on {date}: the appointment before it ended "
                "{end}, the next began {start}."
            ),
            office=office,
            date=when,
            end=str(before[-1].end),
            start=str(after[0].start),
        )
    else:
        warning = OfficeWarning(
            Doubt.VACANT,
            N_("Nobody is recorded in {office} on {date}."),
            office=office,
            date=when,
        )
    return Holding(position.id, day, None, (), (warning,))


def timeline_warnings(
    position: Position,
    appointments: Iterable[Appointment],
    people: Mapping[int, Person] | None = None,
) -> list[OfficeWarning]:
    """Overlaps and gaps between a position's appointments, in order (for its timeline).

    A handover on one day (one ends on the day the next begins) is neither.
    """
    people = people or {}
    own = sorted(
        (a for a in appointments if a.position_id == position.id),
        key=lambda a: (a.start.earliest() if a.start else date.min, a.id),
    )
    office = office_name(position)
    found: list[OfficeWarning] = []
    for first, second in itertools.pairwise(own):
        one = who(people.get(first.person_id), first.person_id)
        two = who(people.get(second.person_id), second.person_id)
        if second.start is None:
            continue  # an unknown start is said by holder_on, for the dates it touches
        if first.end is None or second.start.earliest() < first.end.latest():
            found.append(
                OfficeWarning(
                    Doubt.OVERLAP,
                    N_(
                        "Two appointments to {office} overlap: {first} {first_span} and "
                        "{second} {second_span}."
                    ),
                    office=office,
                    first=one,
                    first_span=first.span(),
                    second=two,
                    second_span=second.span(),
                )
            )
        elif second.start.earliest() > first.end.latest() + timedelta(days=1):
            found.append(
                OfficeWarning(
                    Doubt.GAP,
                    N_(
                        "Nobody is recorded in {office} between {end} ({first}) and {start} "
                        "({second})."
                    ),
                    office=office,
                    end=str(first.end),
                    first=one,
                    start=str(second.start),
                    second=two,
                )
            )
    return found


__all__ = ["Doubt", "Holding", "OfficeWarning", "holder_on", "timeline_warnings"]
