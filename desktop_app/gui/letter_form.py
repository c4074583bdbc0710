"""The letter form: every field of a Letter, Korean beside English, top to bottom as it prints.

The form keeps the document it shows. The person's edits become a new
document and an `edited(old, new, merge_key)` signal; the window records
that for undo and autosave. `set_document` shows a document without
reporting anything.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import (
    BilingualText,
    BodyItem,
    Disclosure,
    Enclosure,
    Letter,
    Organisation,
    Recipient,
    Signatory,
    clean_text,
)
from desktop_app.domain.letter import MAX_LEVEL
from desktop_app.domain.messages import N_
from desktop_app.gui.bilingual_editor import LABEL_STYLE, BilingualEditor
from desktop_app.gui.draft_list import STATUSES
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.list_editors import (
    ADD,
    BODY,
    CC,
    ENCLOSURES,
    LEVEL,
    MOVE,
    RECIPIENTS,
    REMOVE,
    SENDERS,
    SIGNATORIES,
    RepeatingSection,
    SectionSpec,
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
    "signatories": (SIGNATORIES, Signatory),
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


def now() -> datetime:
    """When an edit happened (each side of a bilingual text remembers it)."""
    return datetime.now(UTC)


class LetterForm(QScrollArea):
    """Edits one Letter; reports each change as a whole new document."""

    edited = Signal(object, object, object)  # old document, new document, merge key or None
    status_chosen = Signal(str)

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.document = Letter()
        self._typing: tuple[Any, BilingualText] | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 12, 24)
        layout.setSpacing(4)
        self.labels: dict[str, QLabel] = {}
        layout.addLayout(self._build_details(page))
        headings = QGridLayout()
        for column, name in enumerate(("ko", "en")):
            label = QLabel(page)
            label.setStyleSheet("QLabel { color: #606060; }")
            headings.addWidget(label, 0, column)
            headings.setColumnStretch(column, 1)
            self.labels["heading_" + name] = label
        layout.addLayout(headings)
        self.fields: dict[str, BilingualEditor] = {}
        self.sections: dict[str, RepeatingSection] = {}
        for name in LAYOUT_ORDER:
            if name in SINGLE_FIELDS:
                _label, long, min_lines = SINGLE_FIELDS[name]
                editor = BilingualEditor(ui, long=long, min_lines=min_lines, parent=page)
                editor.edited.connect(lambda lang, text, n=name: self._field_typed(n, lang, text))
                layout.addWidget(editor)
                self.fields[name] = editor
            else:
                section = RepeatingSection(SECTIONS[name][0], ui, page)
                section.field_edited.connect(
                    lambda i, f, lang, v, n=name: self._item_typed(n, i, f, lang, v)
                )
                section.structure_requested.connect(
                    lambda kind, i, d, n=name: self._restructure(n, kind, i, d)
                )
                section.items_rebuilt.connect(self.fix_tab_order)
                layout.addWidget(section)
                self.sections[name] = section
        layout.addStretch(1)
        self.setWidget(page)
        self.retranslate()
        self.set_document(self.document)

    def _build_details(self, page: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.status = QComboBox(page)
        self.status.activated.connect(lambda: self.status_chosen.emit(self.status.currentData()))
        self.date = QDateEdit(page)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(lambda _d: self._date_edited())
        self.no_date = QCheckBox(page)
        self.no_date.toggled.connect(lambda _on: self._date_edited())
        self.disclosure = QComboBox(page)
        self.disclosure.activated.connect(lambda: self._set("disclosure", self._disclosure()))
        for column, (name, widget) in enumerate(
            (("status", self.status), ("date", self.date), ("disclosure", self.disclosure))
        ):
            label = QLabel(page)
            label.setStyleSheet(LABEL_STYLE)
            label.setBuddy(widget)
            self.labels[name] = label
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        grid.addWidget(self.no_date, 1, 3)
        grid.setColumnStretch(6, 1)
        return grid

    # -- showing ------------------------------------------------------------------------

    def set_document(self, document: Letter) -> None:
        """Show `document` in every widget; nothing is reported as an edit."""
        self.document = document
        self._typing = None
        for name, editor in self.fields.items():
            editor.set_value(getattr(document, name))
        for name, section in self.sections.items():
            section.set_items(getattr(document, name))
        for widget in (self.date, self.no_date, self.disclosure):
            widget.blockSignals(True)
        self.no_date.setChecked(document.date is None)
        self.date.setEnabled(document.date is not None)
        when = document.date or date.today()
        self.date.setDate(QDate(when.year, when.month, when.day))
        self.disclosure.setCurrentIndex(list(DISCLOSURES).index(document.disclosure))
        for widget in (self.date, self.no_date, self.disclosure):
            widget.blockSignals(False)

    def fold_for_new_draft(self) -> None:
        """A freshly opened draft: fold the letterhead's organisations when there are some."""
        for name, section in self.sections.items():
            section.set_collapsed(name == "senders" and bool(self.document.senders))

    def set_status(self, status: str) -> None:
        """Show the draft's status (kept with the draft, not in the document)."""
        index = self.status.findData(status)
        if index < 0:
            self.status.addItem(status, status)
            index = self.status.count() - 1
        self.status.setCurrentIndex(index)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        texts = {
            "status": _("Status"),
            "date": _("Date"),
            "disclosure": _("Disclosure"),
            "heading_ko": _("Korean"),
            "heading_en": _("English"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.status.setAccessibleName(_("Status"))
        self.date.setAccessibleName(_("Date"))
        self.disclosure.setAccessibleName(_("Disclosure"))
        self.no_date.setText(_("No date"))
        self.no_date.setAccessibleName(_("No date"))
        current = self.status.currentData()
        self.status.clear()
        for key, label in STATUSES.items():
            self.status.addItem(_(label), key)
        self.set_status(current or "draft")
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
        chain: list[QWidget] = [self.status, self.date, self.no_date, self.disclosure]
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

    def _set(self, name: str, value: Any, merge_key: Any = None) -> None:
        old = self.document
        new = replace(old, **{name: value})
        if new != old:
            self.document = new
            self.edited.emit(old, new, merge_key)

    def end_typing(self) -> None:
        """The current run of typing is over (the focus moved, or the document was replaced)."""
        self._typing = None

    def _typed_value(
        self, key: tuple[Any, ...], current: BilingualText, lang: str, text: str
    ) -> BilingualText:
        """The new value of a field from the value it had when this run of typing began.

        BilingualText marks the other side stale when a side in step with it
        changes; judged per keystroke, typing a translation would mark the
        original stale from its second letter on. One run of typing is one change.
        """
        if self._typing is None or self._typing[0] != key:
            self._typing = (key, current)
        return self._typing[1].with_text(lang, text, now())  # type: ignore[arg-type]

    def _field_typed(self, name: str, lang: str, text: str) -> None:
        key = (name, lang)
        value = self._typed_value(key, getattr(self.document, name), lang, text)
        self.fields[name].accept_value(value)
        self._set(name, value, key)

    def _item_typed(self, section: str, index: int, field: str, lang: str, value: Any) -> None:
        items = list(getattr(self.document, section))
        current = getattr(items[index], field)
        key = (section, index, field, lang)
        if isinstance(current, BilingualText):
            value = self._typed_value(key, current, lang, value)
            self.sections[section].rows[index].editors[field].accept_value(value)
        elif isinstance(value, str):
            value = clean_text(value)
        items[index] = replace(items[index], **{field: value})
        self._set(section, tuple(items), key)

    def _restructure(self, section: str, kind: str, index: int, delta: int) -> None:
        items = list(getattr(self.document, section))
        if kind == ADD:
            level = items[index - 1].level if section == "body" and 0 < index <= len(items) else 0
            item = SECTIONS[section][1]()
            items.insert(index, replace(item, level=level) if section == "body" else item)
        elif kind == REMOVE and 0 <= index < len(items):
            del items[index]
        elif kind == MOVE and 0 <= index + delta < len(items):
            items[index], items[index + delta] = items[index + delta], items[index]
        elif kind == LEVEL and 0 <= index < len(items):
            level = min(MAX_LEVEL, max(0, items[index].level + delta))
            items[index] = replace(items[index], level=level)
        new_items = tuple(items)
        if new_items == getattr(self.document, section):
            return
        self._typing = None
        self.sections[section].set_items(new_items)
        self._set(section, new_items)

    def _date_edited(self) -> None:
        self.date.setEnabled(not self.no_date.isChecked())
        value = None if self.no_date.isChecked() else self.date.date().toPython()
        self._set("date", value, ("date",))

    def _disclosure(self) -> Disclosure:
        return Disclosure(self.disclosure.currentData())
