"""Reference data for the forms: the UN's States and the UPR calendar, with the user's
corrections kept in their data folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app import reference
from desktop_app.domain.messages import N_
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from desktop_app.domain.states import StateRegistry
    from desktop_app.domain.upr_sessions import SessionCalendar


class ReferenceService:
    """States and UPR sessions as shipped, with the corrections saved in `data_dir`."""

    def __init__(self, data_dir: Path | None) -> None:
        self._data_dir = data_dir

    @property
    def can_save(self) -> bool:
        """True when corrections can be kept (there is a data folder)."""
        return self._data_dir is not None

    def states(self) -> StateRegistry:
        """UN member and observer States with UN and Korean names."""
        return reference.shipped_states()

    def calendar(self) -> SessionCalendar:
        """The shipped session calendar with the user's corrections on top."""
        return reference.calendar(self._data_dir)

    def save_review_date(self, session: int, state: str, when: date | None) -> OpChanges:
        """Remember that `state` is reviewed in `session` on `when`, for the next brief."""
        if self._data_dir is None:
            raise DariError(N_("There is no data folder to keep the session calendar in."))
        from desktop_app.files import ExportError

        try:
            reference.save_review_date(self._data_dir, session, state, when)
        except ExportError as error:
            raise DariError.saying(error) from error
        return OpChanges(calendar=True)
