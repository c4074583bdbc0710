"""The top of the UPR form: State, session, review date with its deadline, and the calendar.

When the shipped (or the user's) session calendar knows the review date it is
offered, never imposed; a date the person typed can be saved for the session.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app.domain.upr import UprBrief
from desktop_app.domain.upr_sessions import SessionCalendar
from desktop_app.gui import errors
from desktop_app.gui.forms.base import wheel_needs_focus
from desktop_app.gui.forms.date_style import DateStyleControls
from desktop_app.gui.forms.state_picker import StateListEditor, StatePicker
from desktop_app.gui.forms.upr_hints import HintLabel, deadline_hint, ui_date
from desktop_app.gui.widgets.bilingual_editor import LABEL_STYLE
from desktop_app.services import DariError, ReferenceService

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage


class WheelSafeSpinBox(QSpinBox):
    """A spin box the mouse wheel only turns when it has the focus (the form scrolls)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_needs_focus(self, event, super().wheelEvent)


class UprDetails(QWidget):
    """State under review, cycle, session, dates, target States; `edited(changes)` on a change."""

    edited = Signal(object, object)  # {field: value}, merge key

    def __init__(
        self,
        ui: UiLanguage,
        reference: ReferenceService,
        status: QComboBox,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.reference = reference
        self.today: Callable[[], date] = date.today
        self.calendar: SessionCalendar = reference.calendar()
        self.brief = UprBrief()
        self._offer: tuple[int, date] | None = None
        self.status = status
        self.state = StatePicker(ui, reference.states(), parent=self)
        self.state.state_chosen.connect(lambda code: self._edit({"state": code}))
        self.cycle = WheelSafeSpinBox(self)
        self.cycle.setRange(1, 9)
        self.cycle.valueChanged.connect(lambda v: self._edit({"cycle": v}, ("cycle",)))
        self.session = WheelSafeSpinBox(self)
        self.session.setRange(0, 199)
        self.session.setSpecialValueText("—")
        self.session.valueChanged.connect(self._session_edited)
        self.date, self.no_date = self._date_pair("date")
        self.review_date, self.no_review_date = self._date_pair("review_date")
        self.date_style = DateStyleControls(self)
        self.date_style.edited.connect(lambda changes: self._edit(changes))
        self.use_calendar = QPushButton(self)
        self.use_calendar.clicked.connect(self._use_calendar)
        self.save_date = QPushButton(self)
        self.save_date.clicked.connect(self._save_date)
        self.deadline = HintLabel(self)
        self.targets = StateListEditor(ui, self)
        self.targets.value_edited.connect(lambda codes: self._edit({"target_states": codes}))
        self.labels: dict[str, QLabel] = {}
        self._lay_out()
        self.retranslate()

    def _date_pair(self, name: str) -> tuple[QDateEdit, QCheckBox]:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        unset = QCheckBox(self)
        edit.dateChanged.connect(lambda _d: self._date_edited(name, edit, unset))
        unset.toggled.connect(lambda _on: self._date_edited(name, edit, unset))
        return edit, unset

    def _lay_out(self) -> None:
        # a form whose labels go above their fields when the form is too narrow for both
        grid = QFormLayout(self)
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        grid.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)

        def row(*widgets: QWidget) -> QHBoxLayout:
            box = QHBoxLayout()
            for widget in widgets:
                box.addWidget(widget)
            box.addStretch(1)
            return box

        def label(name: str, buddy: QWidget) -> QLabel:
            text = QLabel(self)
            text.setStyleSheet(LABEL_STYLE)
            text.setBuddy(buddy)
            self.labels[name] = text
            return text

        cycle_label = label("cycle", self.cycle)
        session_row = row(self.session, cycle_label, self.cycle)
        session_row.insertSpacing(1, 12)
        rows: list[tuple[str, QWidget, QHBoxLayout | QWidget]] = [
            ("status", self.status, row(self.status)),
            ("state", self.state, self.state),
            ("session", self.session, session_row),
            ("review_date", self.review_date, row(self.review_date, self.no_review_date)),
            ("", self.deadline, self.deadline),
            ("", self.use_calendar, row(self.use_calendar)),
            ("", self.save_date, row(self.save_date)),
            ("targets", self.targets, self.targets),
            ("date", self.date, row(self.date, self.no_date)),
            ("date_style", self.date_style.style_box, self.date_style),
        ]
        for name, buddy, field in rows:
            if name:
                grid.addRow(label(name, buddy), field)
            else:
                grid.addRow("", field)  # under the field above, not under the labels

    # -- showing ------------------------------------------------------------------------

    def set_brief(self, brief: UprBrief) -> None:
        """Show the brief's details without reporting edits."""
        self.brief = brief
        widgets: tuple[QWidget, ...] = (self.cycle, self.session, self.date, self.no_date)
        widgets += (self.review_date, self.no_review_date)
        for widget in widgets:
            widget.blockSignals(True)
        self.state.set_state(brief.state)
        self.cycle.setValue(brief.cycle)
        self.session.setValue(brief.session or 0)
        for edit, unset, value in (
            (self.date, self.no_date, brief.date),
            (self.review_date, self.no_review_date, brief.review_date),
        ):
            unset.setChecked(value is None)
            edit.setEnabled(value is not None)
            when = value or self.today()
            edit.setDate(QDate(when.year, when.month, when.day))
        for widget in widgets:
            widget.blockSignals(False)
        self.date_style.set_values(brief)
        self.targets.set_value(brief.target_states)
        self.refresh(brief)

    def refresh(self, brief: UprBrief) -> None:
        """The deadline and the calendar's offers for the brief as it now is."""
        _ = self.ui.gettext
        self.brief = brief
        language = self.ui.language
        self.deadline.show_hint(*deadline_hint(brief.review_date, self.today(), language, _))
        self._offer = self._calendar_offer(brief)
        if self._offer is not None:
            session, when = self._offer
            if session == brief.session:
                text = _("Use {date} from the calendar").format(date=ui_date(when, language))
            else:
                text = _("Use session {session}, {date}, from the calendar").format(
                    session=session, date=ui_date(when, language)
                )
            self.use_calendar.setText(text)
            self.use_calendar.setAccessibleName(text)
        self.use_calendar.setVisible(self._offer is not None)
        known = self._known_date(brief)
        can_save = (
            self.reference.can_save
            and bool(brief.state and brief.session and brief.review_date)
            and known != brief.review_date
        )
        if can_save:
            text = _("Save this date for session {session}").format(session=brief.session)
            self.save_date.setText(text)
            self.save_date.setAccessibleName(text)
            self.save_date.setToolTip(
                _("Remember this review date in your session calendar, for the next brief.")
            )
        self.save_date.setVisible(can_save)

    def _known_date(self, brief: UprBrief) -> date | None:
        session = self.calendar.session(brief.session) if brief.session else None
        return session.review_date(brief.state) if session and brief.state else None

    def _calendar_offer(self, brief: UprBrief) -> tuple[int, date] | None:
        """(session, review date) the calendar knows and the brief does not have yet."""
        if not brief.state:
            return None
        if brief.session:
            known = self._known_date(brief)
            return (brief.session, known) if known and known != brief.review_date else None
        dated = [(s.number, when) for s, when in self.calendar.find_review(brief.state) if when]
        return dated[0] if dated else None

    # -- edits --------------------------------------------------------------------------

    def _edit(self, changes: dict[str, Any], merge_key: Any = None) -> None:
        self.edited.emit(changes, merge_key)

    def _session_edited(self, value: int) -> None:
        changes: dict[str, Any] = {"session": value or None}
        cycle = SessionCalendar.cycle_of(self.calendar.cycles, value) if value else 0
        if cycle:
            changes["cycle"] = cycle
        self._edit(changes, ("session",))

    def _date_edited(self, name: str, edit: QDateEdit, unset: QCheckBox) -> None:
        edit.setEnabled(not unset.isChecked())
        value = None if unset.isChecked() else edit.date().toPython()
        self._edit({name: value}, (name,))

    def _use_calendar(self) -> None:
        if self._offer is None:
            return
        session, when = self._offer
        changes: dict[str, Any] = {"session": session, "review_date": when}
        cycle = SessionCalendar.cycle_of(self.calendar.cycles, session)
        if cycle:
            changes["cycle"] = cycle
        self._edit(changes)

    def _save_date(self) -> None:
        brief = self.brief
        if not (self.reference.can_save and brief.session and brief.state and brief.review_date):
            return
        try:
            self.reference.save_review_date(brief.session, brief.state, brief.review_date)
        except DariError as error:
            errors.show_error(self, self.ui, error)
            return
        self.calendar = self.reference.calendar()
        self.refresh(brief)

    # -- labels and keyboard ------------------------------------------------------------

    def retranslate(self) -> None:
        _ = self.ui.gettext
        texts = {
            "state": _("State under review"),
            "status": _("Status"),
            "session": _("Session"),
            "cycle": _("Cycle"),
            "date": _("Date of the paper"),
            "review_date": _("Review date"),
            "targets": _("For (States)"),
            "date_style": _("English dates"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
            buddy = self.labels[name].buddy()
            if buddy is not None and name != "status":
                buddy.setAccessibleName(text)
        self.state.retranslate()
        self.state.set_placeholder(_("Type a name in Korean or English"))
        self.targets.setAccessibleName(_("For (States)"))
        self.targets.setToolTip(_("The States you will ask to submit these questions"))
        self.targets.retranslate()
        for unset in (self.no_date, self.no_review_date):
            unset.setText(_("Not set"))
        self.no_date.setAccessibleName(_("No date of the paper"))
        self.no_review_date.setAccessibleName(_("No review date"))
        self.date_style.retranslate(_)
        self.session.setToolTip(_("The UPR Working Group session, e.g. 46"))
        self.refresh(self.brief)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.state, self.status, self.session, self.cycle]
        chain += [self.date, self.no_date, *self.date_style.focus_chain()]
        chain += [self.review_date, self.no_review_date]
        return [*chain, self.use_calendar, self.save_date, self.targets.picker]

    def fix_tab_order(self) -> None:
        for first, second in pairwise(self.focus_chain()):
            QWidget.setTabOrder(first, second)
