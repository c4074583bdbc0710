"""What every document form shares: the scrolling page, the status, typing runs, list edits.

A form keeps the document it shows. The person's edits become a new
document and an `edited(old, new, merge_key)` signal; the window records
that for undo and autosave. `set_document` shows a document without
reporting anything. LetterForm and UprForm are built on this class, so the
window can treat every kind of document alike.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain import BilingualText, Lang, clean_text
from desktop_app.domain.letter import MAX_LEVEL
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.widgets.bilingual_editor import BilingualEditor, as_lang
from desktop_app.gui.widgets.list_editors import (
    ADD,
    LEVEL,
    MOVE,
    REMOVE,
    ItemEditor,
    RepeatingSection,
    SectionSpec,
)
from desktop_app.gui.window.draft_list import STATUSES
from desktop_app.gui.window.replacements import ReplacementEdits

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QWheelEvent

    from desktop_app.gui.i18n import UiLanguage

HEADING_STYLE = "QLabel { color: #606060; }"
# Korean goes above English when the form's visible width is under STACK_BELOW pixels, and
# back beside it from SIDE_BY_SIDE_FROM on (the gap keeps a scroll bar from flipping it).
STACK_BELOW = 560
SIDE_BY_SIDE_FROM = 590


def wheel_needs_focus(
    box: QWidget, event: QWheelEvent, turn: Callable[[QWheelEvent], None]
) -> None:
    """For the wheelEvent of combo and spin boxes: the wheel turns them (`turn`, the box's own
    handler) only once they have the focus, so scrolling a long form never changes a value by
    accident; otherwise the event goes on to the form, which scrolls."""
    if box.hasFocus():
        turn(event)
    else:
        event.ignore()


def now() -> datetime:
    """When an edit happened (each side of a bilingual text remembers it)."""
    return datetime.now(UTC)


class DocumentForm(QScrollArea):
    """Edits one document of one kind; reports each change as a whole new document."""

    edited = Signal(object, object, object)  # old document, new document, merge key or None
    status_chosen = Signal(str)

    def __init__(self, ui: UiLanguage, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.document = document
        self._typing: tuple[Any, BilingualText] | None = None
        self._opening = False  # set_document shows a draft just opened (`open_document`)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, BilingualEditor] = {}
        self.sections: dict[str, RepeatingSection] = {}
        self.item_types: dict[str, Callable[[], Any]] = {}
        self.replacements = ReplacementEdits(self)  # term fixes, Confirm, inserted clauses
        self.stacked = False  # Korean above English (a narrow form)
        self.setWidgetResizable(True)
        # Fields stack and labels wrap in a narrow form; a horizontal scroll bar is the last
        # resort, never a cut-off column.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.page = QWidget(self)
        self.page_layout = QVBoxLayout(self.page)
        self.page_layout.setContentsMargins(8, 8, 8, 24)
        self.page_layout.setSpacing(4)
        self.status = QComboBox(self.page)
        self.status.activated.connect(lambda: self.status_chosen.emit(self.status.currentData()))

    # -- building -----------------------------------------------------------------------

    def add_headings(self) -> None:
        """The "Korean" and "English" column headings over the editors."""
        headings = QGridLayout()
        for column, name in enumerate(("ko", "en")):
            label = QLabel(self.page)
            label.setStyleSheet(HEADING_STYLE)
            headings.addWidget(label, 0, column)
            headings.setColumnStretch(column, 1)
            self.labels["heading_" + name] = label
        self.page_layout.addLayout(headings)

    def add_field(self, name: str, long: bool = False, min_lines: int = 2) -> BilingualEditor:
        """A bilingual editor for the document's field `name`, added to the page."""
        editor = BilingualEditor(self.ui, long=long, min_lines=min_lines, parent=self.page)
        editor.edited.connect(lambda lang, text: self._field_typed(name, lang, text))
        self.replacements.connect(name, editor)
        self.page_layout.addWidget(editor)
        self.fields[name] = editor
        return editor

    def add_section(
        self, name: str, spec: SectionSpec, item_type: Callable[[], Any]
    ) -> RepeatingSection:
        """A repeating section for the document's tuple field `name`, added to the page."""
        section = RepeatingSection(spec, self.ui, self.page)
        section.field_edited.connect(lambda i, f, lang, v: self._item_typed(name, i, f, lang, v))
        self.replacements.connect(name, section)
        section.structure_requested.connect(lambda kind, i, d: self._restructure(name, kind, i, d))
        section.items_rebuilt.connect(self.fix_tab_order)
        section.items_rebuilt.connect(self._arrange_fields)
        section.row_focused.connect(self._scroll_to_row)
        self.page_layout.addWidget(section)
        self.sections[name] = section
        self.item_types[name] = item_type
        return section

    def finish_page(self) -> None:
        """Put the built page in the scroll area, labelled and showing the document."""
        self.page_layout.addStretch(1)
        self.setWidget(self.page)
        self.retranslate()
        self.open_document(self.document)
        self._arrange_fields()

    # -- fitting the form to its width ----------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        if (width < STACK_BELOW) != self.stacked and (width >= SIDE_BY_SIDE_FROM) == self.stacked:
            self.stacked = not self.stacked
            self._arrange_fields()
        if event.size().height() != event.oldSize().height():
            for editor in self.page.findChildren(BilingualEditor):
                editor.fit_height()  # a long field takes at most half the visible height

    def _arrange_fields(self) -> None:
        """Every field Korean above English (narrow) or side by side, the headings to match."""
        for editor in self.page.findChildren(BilingualEditor):
            editor.set_stacked(self.stacked)
        for row in self.page.findChildren(ItemEditor):
            row.set_stacked(self.stacked)
        for name in ("heading_ko", "heading_en"):
            if name in self.labels:
                self.labels[name].setVisible(not self.stacked)

    def _scroll_to_row(self, row: QWidget) -> None:
        """Bring a card that was just added or moved into sight, once it is laid out."""

        def scroll() -> None:
            if not isValid(row) or not self.page.isAncestorOf(row):
                return
            for _nested in range(4):  # each layout level posts the next one's request
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.ensureWidgetVisible(row, 0, 24)  # the whole card when it fits
            focus = QApplication.focusWidget()
            if focus is not None and row.isAncestorOf(focus):
                self.ensureWidgetVisible(focus)

        scroll()  # at once (laid out now), and again when its fields have fitted their text
        QTimer.singleShot(0, scroll)

    # -- showing ------------------------------------------------------------------------

    def set_document(self, document: Any) -> None:
        """Show `document` in every widget; nothing is reported as an edit. Only the editors
        whose text differs change, and only in the span that differs: the caret, the
        selection and the scroll stay (an undo, a colleague's change taken in)."""
        self.document = document
        self._typing = None
        keep = not self._opening
        for name, editor in self.fields.items():
            editor.set_value(getattr(document, name), keep_place=keep)
        for name, section in self.sections.items():
            section.set_items(self.items(name), keep_place=keep)

    def open_document(self, document: Any) -> None:
        """Show a draft just opened (or read again from the database): its texts set anew,
        each paragraph shown from its start, as a file just opened is."""
        self._opening = True
        try:
            self.set_document(document)
        finally:
            self._opening = False

    def set_status(self, status: str) -> None:
        """Show the draft's status (kept with the draft, not in the document)."""
        index = self.status.findData(status)
        if index < 0:
            self.status.addItem(status, status)
            index = self.status.count() - 1
        self.status.setCurrentIndex(index)

    def retranslate(self) -> None:
        """The labels every form has: the column headings and the status."""
        _ = self.ui.gettext
        if "heading_ko" in self.labels:
            self.labels["heading_ko"].setText(_("Korean"))
            self.labels["heading_en"].setText(_("English"))
        self.status.setAccessibleName(_("Status"))
        current = self.status.currentData()
        self.status.clear()
        for key, label in STATUSES.items():
            self.status.addItem(_(label), key)
        self.set_status(current or "draft")

    def fix_tab_order(self) -> None:
        """Tab goes Korean then English per row, top to bottom (each form says how)."""

    def first_editor(self) -> QWidget:
        """Where the cursor goes in a new draft."""
        raise NotImplementedError

    def fold_for_new_draft(self) -> None:
        """A freshly opened draft: fold what the person rarely changes."""

    # -- list items as the document holds them ------------------------------------------

    def items(self, section: str) -> tuple[Any, ...]:
        """The items a section shows (a form may wrap the document's values)."""
        return tuple(getattr(self.document, section))

    def stored(self, section: str, items: tuple[Any, ...]) -> Any:
        """The document's value for a section's items (the inverse of `items`)."""
        return items

    def new_item(self, section: str, items: list[Any], index: int) -> Any:
        """The item "Add" inserts at `index`."""
        return self.item_types[section]()

    # -- edits --------------------------------------------------------------------------

    def set_field(self, name: str, value: Any, merge_key: Any = None) -> None:
        """Change one field of the document as one edit."""
        self._replace({name: value}, merge_key)

    def set_fields(self, changes: dict[str, Any]) -> None:
        """Change several fields as one edit made as a whole (an update from the address
        book): the widgets show the new document, typing starts again from it."""
        self.end_typing()
        self._replace(changes)
        self.set_document(self.document)
        self.fix_tab_order()

    def _replace(self, changes: dict[str, Any], merge_key: Any = None) -> None:
        """Change several fields as one edit (one undo step)."""
        old = self.document
        new = replace(old, **changes)
        if new != old:
            self.document = new
            self.edited.emit(old, new, merge_key)

    def end_typing(self) -> None:
        """The current run of typing is over (the focus moved, or the document was replaced)."""
        self._typing = None

    def _typed_value(
        self, key: tuple[Any, ...], current: BilingualText, lang: Lang, text: str
    ) -> BilingualText:
        """The new value of a field from the value it had when this run of typing began.

        BilingualText marks the other side stale when a side in step with it
        changes; judged per keystroke, typing a translation would mark the
        original stale from its second letter on. One run of typing is one change.
        """
        if self._typing is None or self._typing[0] != key:
            self._typing = (key, current)
        return self._typing[1].with_text(lang, text, now())

    def _field_typed(self, name: str, lang: str, text: str) -> None:
        key = (name, lang)
        value = self._typed_value(key, getattr(self.document, name), as_lang(lang), text)
        self.fields[name].accept_value(value)
        self.set_field(name, value, key)

    def _item_typed(self, section: str, index: int, field: str, lang: str, value: Any) -> None:
        items = list(self.items(section))
        current = getattr(items[index], field)
        key = (section, index, field, lang)
        if isinstance(current, BilingualText):
            value = self._typed_value(key, current, as_lang(lang), value)
            self.sections[section].rows[index].editors[field].accept_value(value)
        elif isinstance(value, str):
            value = clean_text(value)
        items[index] = replace(items[index], **{field: value})
        self.sections[section].keep_items(tuple(items))
        self.set_field(section, self.stored(section, tuple(items)), key)

    def _restructure(self, section: str, kind: str, index: int, delta: int) -> None:
        items = list(self.items(section))
        if kind == ADD:
            items.insert(index, self.new_item(section, items, index))
        elif kind == REMOVE and 0 <= index < len(items):
            del items[index]
        elif kind == MOVE and 0 <= index + delta < len(items):
            items[index], items[index + delta] = items[index + delta], items[index]
        elif kind == LEVEL and 0 <= index < len(items):
            level = min(MAX_LEVEL, max(0, items[index].level + delta))
            items[index] = replace(items[index], level=level)
        new_items = tuple(items)
        if new_items == self.items(section):
            return
        self._typing = None
        self.sections[section].set_items(new_items)
        self.set_field(section, self.stored(section, new_items))
