"""The letter form: every field of a Letter, Korean beside English, top to bottom as it prints.

The editing machinery (typing runs, list edits, the status) is DocumentForm's.
"""

from __future__ import annotations

from dataclasses import replace
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
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import (
    BodyItem,
    Disclosure,
    Enclosure,
    Letter,
    Organisation,
    Recipient,
    Signatory,
)
from desktop_app.domain.letter import SignatoryKind
from desktop_app.domain.messages import N_
from desktop_app.gui.forms.base import DocumentForm, wheel_needs_focus
from desktop_app.gui.forms.date_style import DateStyleControls
from desktop_app.gui.widgets.bilingual_editor import LABEL_STYLE
from desktop_app.gui.widgets.flow_layout import FlowLayout
from desktop_app.gui.widgets.list_editors import (
    BODY,
    CC,
    ENCLOSURES,
    RECIPIENTS,
    SENDERS,
    SIGNATORIES,
    FieldSpec,
    SectionSpec,
)

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

SIGNATORY_KINDS = {
    None: N_("(as filled in)"),
    SignatoryKind.ORGANISATION: N_("An organisation"),
    SignatoryKind.INDIVIDUAL: N_("An individual"),
}


class SignatoryKindBox(QComboBox):
    """Whether a signatory signs as an organisation or as a person (unset: from the fields)."""

    value_edited = Signal(object)  # SignatoryKind or None

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activated.connect(lambda row: self.value_edited.emit(self._kind(row)))
        self.retranslate()

    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_needs_focus(self, event, super().wheelEvent)

    def _kind(self, row: int) -> SignatoryKind | None:
        value = self.itemData(row)
        return SignatoryKind(value) if value else None

    def set_value(self, kind: SignatoryKind | None) -> None:
        self.setCurrentIndex(max(0, self.findData(kind.value if kind else "")))

    def retranslate(self) -> None:
        _ = self.ui.gettext
        current = self.currentIndex()
        blocked = self.blockSignals(True)
        self.clear()
        for kind, label in SIGNATORY_KINDS.items():
            self.addItem(_(label), kind.value if kind else "")
        self.setCurrentIndex(max(0, current))
        self.blockSignals(blocked)


LETTER_SIGNATORIES = replace(
    SIGNATORIES,
    fields=(*SIGNATORIES.fields, FieldSpec("kind", N_("Signs as"), "custom", SignatoryKindBox)),
)

# (field, label, long, min_lines), in the order the form shows them between sections.
SINGLE_FIELDS: dict[str, tuple[str, bool, int]] = {
    "reference": (N_("Reference number"), False, 1),
    "via": (N_("Via (경유)"), False, 1),
    "subject": (N_("Subject"), True, 1),
    "salutation": (N_("Salutation"), False, 1),
    "closing": (N_("Closing"), True, 2),
    "contact": (N_("Contact line"), True, 1),
}
SECTIONS: dict[str, tuple[SectionSpec, type]] = {
    "senders": (SENDERS, Organisation),
    "recipients": (RECIPIENTS, Recipient),
    "cc": (CC, Recipient),
    "body": (BODY, BodyItem),
    "enclosures": (ENCLOSURES, Enclosure),
    "signatories": (LETTER_SIGNATORIES, Signatory),
}
LAYOUT_ORDER = (
    "reference",
    "senders",
    "recipients",
    "via",
    "cc",
    "subject",
    "salutation",
    "body",
    "closing",
    "enclosures",
    "signatories",
    "contact",
)
DISCLOSURES = {
    Disclosure.PUBLIC: N_("Public (공개)"),
    Disclosure.PARTIAL: N_("Partly public (부분공개)"),
    Disclosure.PRIVATE: N_("Not public (비공개)"),
}


class LetterForm(DocumentForm):
    """Edits one Letter; reports each change as a whole new document."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(ui, Letter(), parent)
        self.page_layout.addLayout(self._build_details(self.page))
        self.add_headings()
        for name in LAYOUT_ORDER:
            if name in SINGLE_FIELDS:
                _label, long, min_lines = SINGLE_FIELDS[name]
                self.add_field(name, long, min_lines)
            else:
                spec, item_type = SECTIONS[name]
                self.add_section(name, spec, item_type)
        self.finish_page()

    def _build_details(self, page: QWidget) -> QVBoxLayout:
        """Status, date and disclosure (wrapping onto more lines in a narrow form), the date
        style, the summary line."""
        self.date = QDateEdit(page)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(lambda _d: self._date_edited())
        self.no_date = QCheckBox(page)
        self.no_date.toggled.connect(lambda _on: self._date_edited())
        self.disclosure = QComboBox(page)
        self.disclosure.activated.connect(lambda: self.set_field("disclosure", self._disclosure()))
        details = QWidget(page)
        flow = FlowLayout(details, spacing=12)
        for name, widgets in (
            ("status", (self.status,)),
            ("date", (self.date, self.no_date)),
            ("disclosure", (self.disclosure,)),
        ):
            pair = QWidget(details)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            label = self._label(name, widgets[0], pair)
            row.addWidget(label)
            for widget in widgets:
                widget.setParent(pair)
                row.addWidget(widget)
            flow.addWidget(pair)
        # next to the date: how the draft writes its dates (kept in the draft)
        self.date_style = DateStyleControls(page)
        self.date_style.edited.connect(lambda changes: self._replace(changes))
        styles = QFormLayout()
        styles.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        styles.setContentsMargins(0, 0, 0, 0)
        styles.addRow(self._label("date_style", self.date_style.style_box, page), self.date_style)
        self.summary = QCheckBox(page)  # ○○○ 외 N개 단체 일동 above the signatories
        self.summary.toggled.connect(lambda on: self.set_field("signatory_summary", on))
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addWidget(details)
        column.addLayout(styles)
        column.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignLeft)  # a click on it ticks it
        return column

    def _label(self, name: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setStyleSheet(LABEL_STYLE)
        label.setBuddy(buddy)
        self.labels[name] = label
        return label

    # -- showing ------------------------------------------------------------------------

    def set_document(self, document: Letter) -> None:
        """Show `document` in every widget; nothing is reported as an edit."""
        super().set_document(document)
        for widget in (self.date, self.no_date, self.disclosure, self.summary):
            widget.blockSignals(True)
        self.summary.setChecked(document.signatory_summary)
        self.no_date.setChecked(document.date is None)
        self.date.setEnabled(document.date is not None)
        when = document.date or date.today()
        self.date.setDate(QDate(when.year, when.month, when.day))
        self.disclosure.setCurrentIndex(list(DISCLOSURES).index(document.disclosure))
        for widget in (self.date, self.no_date, self.disclosure, self.summary):
            widget.blockSignals(False)
        self.date_style.set_values(document)

    def fold_for_new_draft(self) -> None:
        """A freshly opened draft: fold the letterhead's organisations when there are some."""
        for name, section in self.sections.items():
            section.set_collapsed(name == "senders" and bool(self.document.senders))

    def retranslate(self) -> None:
        super().retranslate()
        _ = self.ui.gettext
        texts = {
            "status": _("Status"),
            "date": _("Date"),
            "disclosure": _("Disclosure"),
            "date_style": _("English dates"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.date.setAccessibleName(_("Date"))
        self.disclosure.setAccessibleName(_("Disclosure"))
        self.no_date.setText(_("No date"))
        self.no_date.setAccessibleName(_("No date"))
        self.date_style.retranslate(_)
        self.summary.setText(_("Summary line “… 외 N개 단체 일동” (Korean)"))
        self.summary.setAccessibleName(_("Summary line “… 외 N개 단체 일동” (Korean)"))
        self.disclosure.blockSignals(True)
        self.disclosure.clear()
        for value, label in DISCLOSURES.items():
            self.disclosure.addItem(_(label), value.value)
        self.disclosure.setCurrentIndex(list(DISCLOSURES).index(self.document.disclosure))
        self.disclosure.blockSignals(False)
        for name, editor in self.fields.items():
            editor.set_label(_(SINGLE_FIELDS[name][0]))
        for section in self.sections.values():
            section.retranslate()

    def fix_tab_order(self) -> None:
        """Tab goes Korean then English per row, top to bottom, whatever was added later."""
        chain: list[QWidget] = [self.status, self.date, self.no_date]
        chain += self.date_style.focus_chain()
        chain += [self.disclosure, self.summary]
        for name in LAYOUT_ORDER:
            if name in self.fields:
                chain += list(self.fields[name].editors.values())
            else:
                chain += self.sections[name].focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def first_editor(self) -> QWidget:
        return self.fields["subject"].editors["ko"]

    # -- edits --------------------------------------------------------------------------

    def new_item(self, section: str, items: list[Any], index: int) -> Any:
        """A new body paragraph takes the level of the one before it."""
        item = super().new_item(section, items, index)
        if section == "body" and 0 < index <= len(items):
            item = replace(item, level=items[index - 1].level)
        return item

    def _date_edited(self) -> None:
        self.date.setEnabled(not self.no_date.isChecked())
        value = None if self.no_date.isChecked() else self.date.date().toPython()
        self.set_field("date", value, ("date",))

    def _disclosure(self) -> Disclosure:
        return Disclosure(self.disclosure.currentData())
