"""The UPR brief form: State and review, then every part of the paper, Korean beside English.

It has LetterForm's interface (DocumentForm), so the window treats both alike;
beside the fields it shows live hints: the advance-question deadline, each
recommendation's UPR Info category, "Vietnam" in English, word counts.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from desktop_app.domain import BilingualText, BodyItem, Organisation
from desktop_app.domain.checks import iter_texts
from desktop_app.domain.messages import N_
from desktop_app.domain.upr import PriorRecommendation, Question, Recommendation, UprBrief
from desktop_app.gui.forms.base import DocumentForm
from desktop_app.gui.forms.upr_details import UprDetails
from desktop_app.gui.forms.upr_hints import (
    TONES,
    HintLabel,
    join_hints,
    recommendation_hint,
    vietnam_hint,
    word_counts,
)
from desktop_app.gui.forms.upr_sections import (
    BACKGROUND,
    ORGANISATIONS,
    PRIOR_RECOMMENDATIONS,
    QUESTIONS,
    RECOMMENDATIONS,
    SOURCES,
    AssignedStates,
    Source,
)
from desktop_app.services import ReferenceService

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.widgets.list_editors import ItemEditor, SectionSpec

# (label, long, min_lines) of the brief's single bilingual fields
SINGLE_FIELDS: dict[str, tuple[str, bool, int]] = {
    "issue": (N_("Issue (the paper's subject)"), True, 1),
    "summary": (N_("Summary (about 150 words)"), True, 4),
    "contact": (N_("Contact"), False, 1),
}
SECTIONS: dict[str, tuple[SectionSpec, type]] = {
    "organisations": (ORGANISATIONS, Organisation),
    "background": (BACKGROUND, BodyItem),
    "prior_recommendations": (PRIOR_RECOMMENDATIONS, PriorRecommendation),
    "questions": (QUESTIONS, Question),
    "recommendations": (RECOMMENDATIONS, Recommendation),
    "sources": (SOURCES, Source),
}
LAYOUT_ORDER = (
    "issue",
    "organisations",
    "summary",
    "background",
    "prior_recommendations",
    "questions",
    "recommendations",
    "sources",
    "contact",
)
COUNTED = ("summary", "background", "questions", "recommendations")  # word counts shown


def texts_of(value: Any) -> list[BilingualText]:
    """Every BilingualText in a field value, an item, or a tuple of items."""
    return [text for _path, text in iter_texts(value)]


class UprForm(DocumentForm):
    """Edits one UprBrief; reports each change as a whole new document."""

    def __init__(
        self,
        ui: UiLanguage,
        reference: ReferenceService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ui, UprBrief(), parent)
        reference = reference or ReferenceService(None)
        self.details = UprDetails(ui, reference, self.status, self.page)
        self.details.edited.connect(self._details_edited)
        self.page_layout.addWidget(self.details)
        self.add_headings()
        self.hints: dict[str, HintLabel] = {}
        for name in LAYOUT_ORDER:
            if name in SINGLE_FIELDS:
                _label, long, min_lines = SINGLE_FIELDS[name]
                self.add_field(name, long, min_lines)
            else:
                spec, item_type = SECTIONS[name]
                self.add_section(name, spec, item_type)
            self.hints[name] = HintLabel(self.page)
            self.page_layout.addWidget(self.hints[name])
        self.finish_page()

    # -- the sources are plain texts in the brief, items in the form --------------------

    def items(self, section: str) -> tuple[Any, ...]:
        if section == "sources":
            return tuple(Source(text) for text in self.document.sources)
        return super().items(section)

    def stored(self, section: str, items: tuple[Any, ...]) -> Any:
        if section == "sources":
            return tuple(item.text for item in items)
        return items

    def new_item(self, section: str, items: list[Any], index: int) -> Any:
        """A new earlier recommendation is from the same report as the one before it."""
        item = super().new_item(section, items, index)
        if section == "prior_recommendations" and 0 < index <= len(items):
            item = replace(item, symbol=items[index - 1].symbol)
        return item

    # -- showing ------------------------------------------------------------------------

    def set_document(self, document: UprBrief) -> None:
        """Show `document` in every widget; nothing is reported as an edit."""
        super().set_document(document)
        self.details.set_brief(document)
        self.refresh_hints()

    def _replace(self, changes: dict[str, Any], merge_key: Any = None) -> None:
        super()._replace(changes, merge_key)
        self.refresh_hints()

    def _details_edited(self, changes: dict[str, Any], merge_key: Any) -> None:
        """A change at the top may change more than its own widget (the calendar's offer)."""
        self._replace(changes, merge_key)
        self.details.set_brief(self.document)

    def refresh_hints(self) -> None:
        """Word counts per section, categories beside recommendations, "Vietnam" warnings."""
        _ = self.ui.gettext
        brief = self.document
        for name, label in self.hints.items():
            value = getattr(brief, name)
            text, tone = join_hints(
                (word_counts(texts_of(value), _) if name in COUNTED else "", "neutral"),
                (vietnam_hint(texts_of(value), _) if name in self.fields else "", "warn"),
            )
            label.show_hint(text, tone)
        for name, section in self.sections.items():
            for row, item in zip(section.rows, self.items(name), strict=False):
                assigned = row.plain.get("states")
                if isinstance(assigned, AssignedStates):
                    assigned.set_choices(brief.target_states)
                parts = [(vietnam_hint(texts_of(item), _), "warn")]
                if name == "recommendations":
                    parts.insert(0, recommendation_hint(item.text, _))
                self._show_note(row, *join_hints(*parts))

    @staticmethod
    def _show_note(row: ItemEditor, text: str, tone: str) -> None:
        if row.note.text() != text:
            row.note.setText(text)
            row.note.setAccessibleName(text)
        row.note.setStyleSheet(TONES[tone])
        row.note.setVisible(bool(text))

    def fold_for_new_draft(self) -> None:
        """A freshly opened brief: fold the organisations when there are some."""
        for name, section in self.sections.items():
            section.set_collapsed(name == "organisations" and bool(self.document.organisations))

    def retranslate(self) -> None:
        super().retranslate()
        _ = self.ui.gettext
        self.details.retranslate()
        for name, editor in self.fields.items():
            editor.set_label(_(SINGLE_FIELDS[name][0]))
        for section in self.sections.values():
            section.retranslate()
        self.refresh_hints()

    def fix_tab_order(self) -> None:
        """Tab goes through the details, then Korean then English per row, top to bottom."""
        chain: list[QWidget] = self.details.focus_chain()
        for name in LAYOUT_ORDER:
            if name in self.fields:
                chain += list(self.fields[name].editors.values())
            else:
                chain += self.sections[name].focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def first_editor(self) -> QWidget:
        return self.details.state if not self.document.state else self.fields["issue"].editors["ko"]
