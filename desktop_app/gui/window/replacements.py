"""Edits the person makes as a whole, not by typing: a term fix, Confirm, an inserted clause.

A mix-in for DocumentForm: each becomes one `edited` signal without a merge
key, so it is its own undo step and autosave sees it like any other edit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.domain import BilingualText


class ReplacementEdits:
    """Whole-value edits of a form's fields and list items (mixed into DocumentForm)."""

    # DocumentForm provides these, and _set, items, stored and new_item.
    document: Any
    fields: dict[str, Any]
    sections: dict[str, Any]
    _typing: Any

    # -- connecting ---------------------------------------------------------------------

    def connect_replacements(self, name: str, widget: Any) -> None:
        """Listen to a field's `replaced` or a section's `field_replaced`."""
        if hasattr(widget, "field_replaced"):
            widget.field_replaced.connect(
                lambda index, field, value: self._item_replaced(name, index, field, value)
            )
        else:
            widget.replaced.connect(lambda value: self._field_replaced(name, value))

    def _field_replaced(self, name: str, value: BilingualText) -> None:
        self._typing = None  # the next keystroke starts from the new value
        self._set(name, value)

    def _item_replaced(self, section: str, index: int, field: str, value: Any) -> None:
        items = list(self.items(section))
        if not 0 <= index < len(items):
            return
        items[index] = replace(items[index], **{field: value})
        self._typing = None
        self._set(section, self.stored(section, tuple(items)))

    # -- clauses as new list items ------------------------------------------------------

    def clause_sections(self) -> list[str]:
        """Sections whose items are paragraphs of text (body, background, questions…)."""
        return [
            name
            for name, section in self.sections.items()
            if section.spec.fields
            and section.spec.fields[0].name == "text"
            and section.spec.fields[0].kind == "long"
        ]

    def append_clause(self, text: BilingualText, section: str | None = None) -> str | None:
        """Add `text` as a new item (level 0) at the end of `section`, or of the first list
        that takes paragraphs; returns the section used (None when the form has none)."""
        names = self.clause_sections()
        name = section if section in names else (names[0] if names else None)
        if name is None:
            return None
        items = list(self.items(name))
        item = replace(self.new_item(name, items, len(items)), text=text)
        if hasattr(item, "level"):
            item = replace(item, level=0)
        new_items = (*items, item)
        self._typing = None
        self.sections[name].set_collapsed(False)
        self.sections[name].set_items(new_items)
        self._set(name, self.stored(name, new_items))
        return name
