"""The repeating parts of a UPR brief (organisations, background, questions…) for the form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.domain import BilingualText
from desktop_app.domain.messages import N_
from desktop_app.domain.upr import Response
from desktop_app.gui.forms.base import wheel_needs_focus
from desktop_app.gui.forms.state_picker import StateListEditor
from desktop_app.gui.widgets.list_editors import FieldSpec, SectionSpec

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
    ),
)
RECOMMENDATIONS = SectionSpec(
    N_("Suggested recommendations"),
    N_("Recommendation {number}"),
    N_("Add a recommendation"),
    (
        FieldSpec("text", N_("Recommendation (start with an action verb)"), "long"),
        FieldSpec("previously", N_("As previously recommended (symbol, paragraph)"), "mono"),
    ),
)
SOURCES = SectionSpec(
    N_("Sources"), N_("Source {number}"), N_("Add a source"), (FieldSpec("text", N_("Source")),)
)
