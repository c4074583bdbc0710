"""Edits the person makes as a whole, not by typing: a term fix, Confirm, an inserted clause.

Each becomes one `edited` signal of the form without a merge key, so it is its
own undo step and autosave sees it like any other edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Protocol

from desktop_app.domain import BilingualText
from desktop_app.gui.widgets.bilingual_editor import BilingualEditor
from desktop_app.gui.widgets.list_editors import RepeatingSection


class ReplacementHost(Protocol):
    """What ReplacementEdits needs of its form (DocumentForm has all of it)."""

    @property
    def sections(self) -> Mapping[str, RepeatingSection]: ...

    def items(self, section: str) -> tuple[Any, ...]: ...

    def stored(self, section: str, items: tuple[Any, ...]) -> Any: ...

    def new_item(self, section: str, items: list[Any], index: int) -> Any: ...

    def end_typing(self) -> None: ...

    def set_field(self, name: str, value: Any) -> None: ...


class ReplacementEdits:
    """Whole-value edits of a form's fields and list items; each form has one."""

    def __init__(self, form: ReplacementHost) -> None:
        self.form = form

    # -- connecting ---------------------------------------------------------------------

    def connect(self, name: str, widget: BilingualEditor | RepeatingSection) -> None:
        """Listen to a field's `replaced` or a section's `field_replaced`."""
        if isinstance(widget, RepeatingSection):
            widget.field_replaced.connect(
                lambda index, field, value: self._item_replaced(name, index, field, value)
            )
        else:
            widget.replaced.connect(lambda value: self._field_replaced(name, value))

    def _field_replaced(self, name: str, value: BilingualText) -> None:
        self.form.end_typing()  # the next keystroke starts from the new value
        self.form.set_field(name, value)

    def _item_replaced(self, section: str, index: int, field: str, value: BilingualText) -> None:
        items = list(self.form.items(section))
        if not 0 <= index < len(items):
            return
        items[index] = replace(items[index], **{field: value})
        self.form.end_typing()
        self.form.set_field(section, self.form.stored(section, tuple(items)))

    # -- clauses as new list items ------------------------------------------------------

    def clause_sections(self) -> list[str]:
        """Sections whose items are paragraphs of text (body, background, questions…)."""
        return [
            name
            for name, section in self.form.sections.items()
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
        items = list(self.form.items(name))
        item = replace(self.form.new_item(name, items, len(items)), text=text)
        if hasattr(item, "level"):
            item = replace(item, level=0)
        new_items = (*items, item)
        self.form.end_typing()
        self.form.sections[name].set_collapsed(False)
        self.form.sections[name].set_items(new_items)
        self.form.set_field(name, self.form.stored(name, new_items))
        return name
