"""The press forms: the press conference notice and the statement, Korean beside English.

Both have LetterForm's interface (DocumentForm). The notice's organisers and co-organisers
and the statement's signatories are picked from the address book (`gui/contacts/tools.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from desktop_app.domain import BilingualText, BodyItem, Organisation, Signatory
from desktop_app.domain.messages import N_
from desktop_app.domain.press import (
    DemandStyle,
    PressContact,
    PressNotice,
    ProgrammeItem,
    ProgrammeKind,
    Statement,
)
from desktop_app.gui.forms.base import DocumentForm, wheel_needs_focus
from desktop_app.gui.forms.date_style import DateStyleControls
from desktop_app.gui.widgets.bilingual_editor import LABEL_STYLE
from desktop_app.gui.widgets.list_editors import BODY, SENDERS, SIGNATORIES, FieldSpec, SectionSpec

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage

PROGRAMME_KINDS = {
    ProgrammeKind.HOST: N_("Moderator (사회)"),
    ProgrammeKind.SPEECH: N_("Speech (발언)"),
    ProgrammeKind.STATEMENT: N_("Reading of the statement (기자회견문 낭독)"),
    ProgrammeKind.LETTER: N_("Handing over of the letter (서한 전달)"),
    ProgrammeKind.QUESTIONS: N_("Questions and answers (질의응답)"),
    ProgrammeKind.INTERPRETATION: N_("Interpretation (통역)"),
    ProgrammeKind.OTHER: N_("Other (the topic is its name)"),
}
DEMAND_STYLES = {
    DemandStyle.NUMBERED: N_("Numbered: 1. 2. 3."),
    DemandStyle.TRIANGLE: N_("Marked with △"),
}


class ChoiceBox(QComboBox):
    """A choice among an Enum's values, labelled in the UI language (a "custom" field)."""

    value_edited = Signal(object)

    def __init__(self, ui: UiLanguage, labels: dict[Any, str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.choices = labels
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activated.connect(lambda row: self.value_edited.emit(list(self.choices)[row]))
        self.retranslate()

    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_needs_focus(self, event, super().wheelEvent)

    def set_value(self, value: Any) -> None:
        blocked = self.blockSignals(True)
        self.setCurrentIndex(max(0, list(self.choices).index(value)))
        self.blockSignals(blocked)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        current = self.currentIndex()
        blocked = self.blockSignals(True)
        self.clear()
        for label in self.choices.values():
            self.addItem(_(label))
        self.setCurrentIndex(max(0, current))
        self.blockSignals(blocked)


def programme_kind_box(ui: UiLanguage, parent: QWidget) -> QWidget:
    box = ChoiceBox(ui, PROGRAMME_KINDS, parent)
    box.setAccessibleName(ui.gettext("Part of the programme"))
    return box


@dataclass(frozen=True)
class Line:
    """One bilingual line as a list item (purposes and demands are plain texts)."""

    text: BilingualText = field(default_factory=BilingualText)


ORGANISATION_FIELDS = tuple(
    FieldSpec("short_name", N_("Short name")) if f.name == "short_name" else f
    for f in SENDERS.fields
)
ORGANISERS = replace(
    SENDERS,
    title=N_("Organisers (주최)"),
    add_label=N_("Add an organiser"),
    fields=ORGANISATION_FIELDS,
)
CO_ORGANISERS = replace(
    SENDERS,
    title=N_("Co-organisers (주관)"),
    add_label=N_("Add a co-organiser"),
    fields=ORGANISATION_FIELDS,
)
PURPOSE = SectionSpec(
    N_("Purpose (취지), one point each"),
    N_("Point {number}"),
    N_("Add a point"),
    (FieldSpec("text", N_("Point"), "long"),),
)
PROGRAMME = SectionSpec(
    N_("Programme (순서), in order"),
    N_("Item {number}"),
    N_("Add an item to the programme"),
    (
        FieldSpec("kind", N_("Part"), "custom", programme_kind_box),
        FieldSpec("speaker", N_("Speaker")),
        FieldSpec("affiliation", N_("Affiliation")),
        FieldSpec("topic", N_("Topic")),
    ),
)
CONTACTS = SectionSpec(
    N_("Press contact (문의)"),
    N_("Contact {number}"),
    N_("Add a press contact"),
    (
        FieldSpec("name", N_("Name")),
        FieldSpec("role", N_("Role or organisation")),
        FieldSpec("phone", N_("Phone"), "mono"),
        FieldSpec("email", N_("E-mail"), "mono"),
    ),
)
DEMANDS = SectionSpec(
    N_("Demands"),
    N_("Demand {number}"),
    N_("Add a demand"),
    (FieldSpec("text", N_("Demand"), "long"),),
)
STATEMENT_BODY = replace(BODY, title=N_("Body (in the first person plural: 우리는 … / We …)"))
STATEMENT_SIGNATORIES = replace(
    SIGNATORIES, title=N_("Signatories (the first is named: ○○○ 외 N개 단체 일동)")
)
LINE_SECTIONS = ("purpose", "demands")  # tuples of texts, edited as Line items


class PressForm(DocumentForm):
    """What both press forms share: a row of details on top, line sections, tab order."""

    SINGLE_FIELDS: ClassVar[dict[str, tuple[str, bool, int]]] = {}
    SECTIONS: ClassVar[dict[str, tuple[SectionSpec, Callable[[], Any]]]] = {}
    LAYOUT_ORDER: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ui: UiLanguage, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(ui, document, parent)
        self.details = QFormLayout()
        self.details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.details_chain: list[QWidget] = [self.status]
        self.add_detail("status", self.status)
        self.date = QDateEdit(self.page)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(lambda _d: self._date_edited())
        self.no_date = QCheckBox(self.page)
        self.no_date.toggled.connect(lambda _on: self._date_edited())
        self.build_details()
        self.add_detail("date", self.date, self.date, self.no_date)
        self.date_style = DateStyleControls(self.page)
        self.date_style.edited.connect(lambda changes: self._replace(changes))
        self.add_detail("date_style", self.date_style.style_box, self.date_style)
        self.details_chain[-1:] = self.date_style.focus_chain()
        self.page_layout.addLayout(self.details)
        self.add_headings()
        for name in self.LAYOUT_ORDER:
            if name in self.SINGLE_FIELDS:
                _label, long, min_lines = self.SINGLE_FIELDS[name]
                self.add_field(name, long, min_lines)
            else:
                spec, item_type = self.SECTIONS[name]
                self.add_section(name, spec, item_type)
        self.finish_page()

    def build_details(self) -> None:
        """The kind's own widgets in the details (before the date)."""

    def add_detail(self, name: str, buddy: QWidget, *widgets: QWidget) -> None:
        label = QLabel(self.page)
        label.setStyleSheet(LABEL_STYLE)
        label.setBuddy(buddy)
        self.labels[name] = label
        if len(widgets) > 1:
            row = QWidget(self.page)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                widget.setParent(row)
                layout.addWidget(widget)
            layout.addStretch(1)
            self.details.addRow(label, row)
        else:
            self.details.addRow(label, widgets[0] if widgets else buddy)
        if buddy is not self.status:
            self.details_chain += [buddy, *(w for w in widgets if w is not buddy)]

    # -- purposes and demands are plain texts in the document, items in the form --------

    def items(self, section: str) -> tuple[Any, ...]:
        if section in LINE_SECTIONS:
            return tuple(Line(text) for text in getattr(self.document, section))
        return super().items(section)

    def stored(self, section: str, items: tuple[Any, ...]) -> Any:
        if section in LINE_SECTIONS:
            return tuple(item.text for item in items)
        return items

    # -- showing ------------------------------------------------------------------------

    def set_document(self, document: Any) -> None:
        super().set_document(document)
        for widget in (self.date, self.no_date):
            widget.blockSignals(True)
        self.no_date.setChecked(document.date is None)
        self.date.setEnabled(document.date is not None)
        when = document.date or date.today()
        self.date.setDate(QDate(when.year, when.month, when.day))
        for widget in (self.date, self.no_date):
            widget.blockSignals(False)
        self.date_style.set_values(document)

    def detail_texts(self) -> dict[str, str]:
        _ = self.ui.gettext
        return {"status": _("Status"), "date": _("Date"), "date_style": _("English dates")}

    def retranslate(self) -> None:
        super().retranslate()
        _ = self.ui.gettext
        for name, text in self.detail_texts().items():
            self.labels[name].setText(text)
        self.date.setAccessibleName(_("Date"))
        self.no_date.setText(_("No date"))
        self.no_date.setAccessibleName(_("No date"))
        self.date_style.retranslate(_)
        for name, editor in self.fields.items():
            editor.set_label(_(self.SINGLE_FIELDS[name][0]))
        for section in self.sections.values():
            section.retranslate()

    def fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.status, *self.details_chain]
        for name in self.LAYOUT_ORDER:
            if name in self.fields:
                chain += list(self.fields[name].editors.values())
            else:
                chain += self.sections[name].focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def first_editor(self) -> QWidget:
        return self.fields["title"].editors["ko"]

    def _date_edited(self) -> None:
        self.date.setEnabled(not self.no_date.isChecked())
        value = None if self.no_date.isChecked() else self.date.date().toPython()
        self.set_field("date", value, ("date",))


def _to_qt(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def _from_qt(value: QDateTime) -> datetime:
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


class DateTimeField:
    """A date-and-time editor with a box for "none" (no time yet / immediate release)."""

    def __init__(self, form: PressForm, name: str) -> None:
        self.form, self.name = form, name
        self.edit = QDateTimeEdit(form.page)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setObjectName(name)
        self.edit.dateTimeChanged.connect(lambda _v: self._edited())
        self.none = QCheckBox(form.page)
        self.none.setObjectName(f"{name}-none")
        self.none.toggled.connect(lambda _on: self._edited())

    def show(self, value: datetime | None, fallback: datetime) -> None:
        for widget in (self.edit, self.none):
            widget.blockSignals(True)
        self.none.setChecked(value is None)
        self.edit.setEnabled(value is not None)
        self.edit.setDateTime(_to_qt(value or fallback))
        for widget in (self.edit, self.none):
            widget.blockSignals(False)

    def _edited(self) -> None:
        self.edit.setEnabled(not self.none.isChecked())
        value = None if self.none.isChecked() else _from_qt(self.edit.dateTime())
        self.form.set_field(self.name, value, (self.name,))


class PressNoticeForm(PressForm):
    """Edits one PressNotice; reports each change as a whole new document."""

    SINGLE_FIELDS: ClassVar[dict[str, tuple[str, bool, int]]] = {
        "title": (N_("Title (printed “[기자회견] …” / “Media advisory: …”)"), True, 1),
        "place": (N_("Place (장소)"), False, 1),
    }
    SECTIONS: ClassVar[dict[str, tuple[SectionSpec, Callable[[], Any]]]] = {
        "organisers": (ORGANISERS, Organisation),
        "co_organisers": (CO_ORGANISERS, Organisation),
        "purpose": (PURPOSE, Line),
        "programme": (PROGRAMME, ProgrammeItem),
        "contacts": (CONTACTS, PressContact),
    }
    LAYOUT_ORDER = ("title", "place", "organisers", "co_organisers", "purpose", "programme",
                    "contacts")  # fmt: skip

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(ui, PressNotice(), parent)

    def build_details(self) -> None:
        self.starts = DateTimeField(self, "starts")
        self.add_detail("starts", self.starts.edit, self.starts.edit, self.starts.none)
        self.embargo = DateTimeField(self, "embargo")
        self.add_detail("embargo", self.embargo.edit, self.embargo.none, self.embargo.edit)
        self.embargo_warning = QLabel(self.page)
        self.embargo_warning.setObjectName("embargo-warning")
        self.embargo_warning.setWordWrap(True)
        self.embargo_warning.setStyleSheet("color: #9a3412;")
        self.details.addRow(self.embargo_warning)

    def set_document(self, document: PressNotice) -> None:
        super().set_document(document)
        start = document.starts or datetime.combine(date.today(), datetime.min.time())
        self.starts.show(document.starts, start.replace(hour=11, minute=0))
        self.embargo.show(document.embargo, start)
        self._show_warning()

    def _replace(self, changes: dict[str, Any], merge_key: Any = None) -> None:
        super()._replace(changes, merge_key)
        if hasattr(self, "embargo_warning"):
            self._show_warning()

    def _show_warning(self) -> None:
        _ = self.ui.gettext
        late = isinstance(self.document, PressNotice) and self.document.embargo_after_start()
        text = (
            _("The embargo lifts after the press conference begins: journalists there could not "
              "report it.")
            if late
            else ""
        )  # fmt: skip
        self.embargo_warning.setText(text)
        self.embargo_warning.setVisible(late)

    def detail_texts(self) -> dict[str, str]:
        _ = self.ui.gettext
        return {
            **super().detail_texts(),
            "starts": _("Date and time (일시)"),
            "embargo": _("Embargo (엠바고)"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        _ = self.ui.gettext
        self.starts.none.setText(_("Not fixed yet"))
        self.starts.edit.setAccessibleName(_("Date and time (일시)"))
        self.embargo.none.setText(_("For immediate release (즉시 보도 가능)"))
        self.embargo.edit.setAccessibleName(_("Embargoed until"))
        if hasattr(self, "embargo_warning"):
            self._show_warning()

    def fold_for_new_draft(self) -> None:
        for name, section in self.sections.items():
            section.set_collapsed(name == "co_organisers" and not self.document.co_organisers)


class StatementForm(PressForm):
    """Edits one Statement; reports each change as a whole new document."""

    SINGLE_FIELDS: ClassVar[dict[str, tuple[str, bool, int]]] = {
        "title": (N_("Title"), True, 1),
        "closing": (N_("Closing paragraph"), True, 2),
    }
    SECTIONS: ClassVar[dict[str, tuple[SectionSpec, Callable[[], Any]]]] = {
        "body": (STATEMENT_BODY, BodyItem),
        "demands": (DEMANDS, Line),
        "signatories": (STATEMENT_SIGNATORIES, Signatory),
    }
    LAYOUT_ORDER = ("title", "body", "demands", "closing", "signatories")

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(ui, Statement(), parent)

    def build_details(self) -> None:
        self.demand_style = ChoiceBox(self.ui, DEMAND_STYLES, self.page)
        self.demand_style.setObjectName("demand-style")
        self.demand_style.value_edited.connect(lambda v: self.set_field("demand_style", v))
        self.add_detail("demand_style", self.demand_style)

    def set_document(self, document: Statement) -> None:
        super().set_document(document)
        self.demand_style.set_value(document.demand_style)

    def detail_texts(self) -> dict[str, str]:
        _ = self.ui.gettext
        return {**super().detail_texts(), "demand_style": _("Demands")}

    def retranslate(self) -> None:
        super().retranslate()
        self.demand_style.retranslate()
        self.demand_style.setAccessibleName(self.ui.gettext("Demands"))

    def new_item(self, section: str, items: list[Any], index: int) -> Any:
        """A new body paragraph takes the level of the one before it."""
        item = super().new_item(section, items, index)
        if section == "body" and 0 < index <= len(items):
            item = replace(item, level=items[index - 1].level)
        return item
