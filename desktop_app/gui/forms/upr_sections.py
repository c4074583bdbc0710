"""The repeating parts of a UPR brief (organisations, background, questions…) for the form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QListView, QListWidget, QListWidgetItem, QWidget

from desktop_app.domain import BilingualText
from desktop_app.domain.messages import N_
from desktop_app.domain.states import StateRegistry
from desktop_app.domain.upr import Response
from desktop_app.gui.forms.base import wheel_needs_focus
from desktop_app.gui.forms.state_picker import StateListEditor
from desktop_app.gui.widgets.list_editors import FieldSpec, SectionSpec
from desktop_app.services import ReferenceService

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

RESPONSES = {
    None: N_("(not known)"),
    Response.SUPPORTED: N_("Supported"),
    Response.NOTED: N_("Noted"),
}


class ResponseBox(QComboBox):
    """Supported, Noted, or not known: the only answers a State gives to a recommendation."""

    value_edited = Signal(object)  # Response or None

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activated.connect(lambda row: self.value_edited.emit(self._response(row)))
        self.retranslate()

    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_needs_focus(self, event, super().wheelEvent)

    def _response(self, row: int) -> Response | None:
        value = self.itemData(row)
        return Response(value) if value else None

    def set_value(self, response: Response | None) -> None:
        self.setCurrentIndex(max(0, self.findData(response.value if response else "")))

    def retranslate(self) -> None:
        _ = self.ui.gettext
        current = self.currentIndex()
        blocked = self.blockSignals(True)
        self.clear()
        for response, label in RESPONSES.items():
            self.addItem(_(label), response.value if response else "")
        self.setCurrentIndex(max(0, current))
        self.blockSignals(blocked)


class AssignedStates(QListWidget):
    """Which of the brief's target States an item is for: one tick box per State.

    One stop in the tab order: the arrow keys move between the States, Space ticks
    or unticks one. All ticked is stored as () ("all of them"); the last ticked one
    cannot be unticked. A State the item names that is no longer a target is shown,
    ticked and marked, until the person unticks it (the export check names it too).
    Hidden while the brief has no target States.
    """

    value_edited = Signal(object)  # tuple of ISO alpha-2 codes; () means all

    def __init__(
        self, ui: UiLanguage, parent: QWidget | None = None, states: StateRegistry | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.states = states or ReferenceService(None).states()
        self._value: tuple[str, ...] = ()
        self._choices: tuple[str, ...] = ()
        self._shown: tuple[tuple[str, ...], tuple[str, ...], str] | None = None
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(self._ticked)
        self.setVisible(False)

    def value(self) -> tuple[str, ...]:
        return self._value

    def set_value(self, codes: tuple[str, ...]) -> None:
        """Show `codes` (from the document) without reporting an edit."""
        self._value = tuple(codes)
        self._fill()

    def set_choices(self, targets: tuple[str, ...]) -> None:
        """The brief's target States, the ones an item can be given to."""
        self._choices = tuple(dict.fromkeys(code.upper() for code in targets))
        self._fill()

    def _codes(self) -> list[str]:
        extra = [c.upper() for c in self._value if c.upper() not in self._choices]
        return [*self._choices, *dict.fromkeys(extra)]

    def _fill(self) -> None:
        language = self.ui.text_language()
        shown = (self._value, self._choices, language)
        if shown == self._shown:
            return
        self._shown = shown
        _ = self.ui.gettext
        chosen = {c.upper() for c in self._value}
        blocked = self.blockSignals(True)
        current = self.currentRow()
        self.clear()
        for code in self._codes():
            name = self.states.name(code, language)
            if code not in self._choices:
                name = _("{state} (not among the target States)").format(state=name)
            item = QListWidgetItem(name, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            ticked = not chosen or code in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(min(max(current, 0), self.count() - 1))
        self.blockSignals(blocked)
        visible = bool(self._choices) or bool(self._value)
        self.setVisible(visible)
        label = self.property("label")
        if isinstance(label, QWidget):
            label.setVisible(visible)
        self.setFixedHeight(self.sizeHint().height())

    def _ticked(self, _item: QListWidgetItem) -> None:
        codes = [
            str(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]
        if not codes:  # an item is for at least one State: keep the last one ticked
            self._shown = None
            self._fill()
            return
        value = () if codes == list(self._choices) else tuple(codes)
        if value != self._value:
            self._value = value
            self._shown = None
            self._fill()
            self.value_edited.emit(value)

    def sizeHint(self) -> QSize:
        """Tall enough for every State, wrapped at the current width."""
        line = (self.sizeHintForRow(0) if self.count() else self.fontMetrics().height()) + 4
        width = max(self.viewport().width(), 200)
        used, lines = 0, 1
        for row in range(self.count()):
            step = self.sizeHintForIndex(self.model().index(row, 0)).width() + 2 * self.spacing()
            if used and used + step > width:
                lines, used = lines + 1, 0
            used += step
        return QSize(super().sizeHint().width(), lines * line + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setFixedHeight(self.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """As tall as every State needs; as narrow as a narrow form (the States wrap)."""
        return QSize(min(120, self.sizeHint().width()), self.sizeHint().height())

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setToolTip(
            _(
                "The target States asked to put it; all when every one is ticked. "
                "Arrow keys move, Space ticks or unticks."
            )
        )
        self._shown = None
        self._fill()


@dataclass(frozen=True)
class Source:
    """A source as a list item (the brief keeps its sources as plain bilingual texts)."""

    text: BilingualText = field(default_factory=BilingualText)


ORGANISATIONS = SectionSpec(
    N_("Submitting organisations"),
    N_("Organisation {number}"),
    N_("Add an organisation"),
    (
        FieldSpec("name", N_("Name")),
        FieldSpec("short_name", N_("Short name")),
        FieldSpec("address", N_("Address"), "long"),
        FieldSpec("email", N_("E-mail"), "mono"),
        FieldSpec("phone", N_("Phone"), "mono"),
        FieldSpec("website", N_("Website"), "mono"),
    ),
)
BACKGROUND = SectionSpec(
    N_("Background"),
    N_("Paragraph {number}"),
    N_("Add a paragraph"),
    (FieldSpec("text", N_("Text"), "long"),),
    levels=True,
)
PRIOR_RECOMMENDATIONS = SectionSpec(
    N_("Earlier UPR recommendations"),
    N_("Earlier recommendation {number}"),
    N_("Add an earlier recommendation"),
    (
        FieldSpec("text", N_("Recommendation as the report lists it"), "long"),
        FieldSpec("symbol", N_("Document symbol (A/HRC/…)"), "mono"),
        FieldSpec("paragraph", N_("Paragraph"), "mono"),
        FieldSpec("states", N_("Recommending States"), "custom", StateListEditor),
        FieldSpec("response", N_("Response"), "custom", ResponseBox),
    ),
)
QUESTIONS = SectionSpec(
    N_("Suggested advance questions"),
    N_("Question {number}"),
    N_("Add a question"),
    (
        FieldSpec("text", N_("Question"), "long"),
        FieldSpec("theme", N_("Theme")),
        FieldSpec("rationale", N_("Why ask (rationale)"), "long"),
        FieldSpec("states", N_("For"), "custom", AssignedStates),
    ),
)
RECOMMENDATIONS = SectionSpec(
    N_("Suggested recommendations"),
    N_("Recommendation {number}"),
    N_("Add a recommendation"),
    (
        FieldSpec("text", N_("Recommendation (start with an action verb)"), "long"),
        FieldSpec("previously", N_("As previously recommended (symbol, paragraph)"), "mono"),
        FieldSpec("states", N_("For"), "custom", AssignedStates),
    ),
)
SOURCES = SectionSpec(
    N_("Sources"), N_("Source {number}"), N_("Add a source"), (FieldSpec("text", N_("Source")),)
)
