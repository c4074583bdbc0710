"""Repeating parts of a letter (senders, recipients, body items…): add, remove, move, indent.

A section only reports what the person asked for (`field_edited`,
`structure_requested`); the letter form turns that into a new document.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import Lang
from desktop_app.domain.messages import N_
from desktop_app.gui.widgets.bilingual_editor import LABEL_STYLE, BilingualEditor
from desktop_app.gui.widgets.text_edits import composition, place_of, put_place, put_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage


@runtime_checkable
class CustomField(Protocol):
    """What the widget of a "custom" field has besides being a QWidget."""

    value_edited: SignalInstance  # the person changed the value (the new value)

    def set_value(self, value: Any) -> None: ...

    def retranslate(self) -> None: ...


@dataclass(frozen=True)
class FieldSpec:
    """One field of a repeating item: attribute, English label, and how it is edited."""

    name: str
    label: str
    kind: str = "short"  # "short" | "long" (bilingual), "mono" (one line), "count", "custom"
    # "custom": makes a widget that is also a CustomField (set_value, value_edited, retranslate)
    factory: Callable[[UiLanguage, QWidget], QWidget] | None = None


@dataclass(frozen=True)
class SectionSpec:
    """A repeating part: which fields an item has and how the section is labelled."""

    title: str
    item_label: str  # "{number}" is replaced by the item's number
    add_label: str
    fields: tuple[FieldSpec, ...]
    levels: bool = False  # body items: indent / outdent


INDENT = 20  # pixels per body level
FocusedField = tuple[str, Lang | None]  # a field of an item, and the side (None: one language)

# Structural requests a section reports.
ADD, REMOVE, MOVE, LEVEL = "add", "remove", "move", "level"

ITEM_KEYS = {
    "move_up": "Alt+Up",
    "move_down": "Alt+Down",
    "indent": "Ctrl+]",
    "outdent": "Ctrl+[",
    "add_after": "Ctrl+Return",
    "remove": "Ctrl+Shift+Delete",
}


class ItemEditor(QFrame):
    """The editors of one item, under a header with its number and its buttons."""

    def __init__(self, spec: SectionSpec, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ui = ui
        self.index = 0
        self.level = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setStyleSheet(LABEL_STYLE)
        self.buttons: dict[str, QToolButton] = {}
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(2)
        # The number wraps in a narrow form: the buttons stay in sight.
        self.title.setWordWrap(True)
        header.addWidget(self.title)
        header.addStretch(1)
        self.note = QLabel(self)  # a hint the form puts under the item's number
        self.note.setWordWrap(True)
        self.note.hide()
        style = self.style()
        icons = {
            "outdent": style.standardIcon(QStyle.StandardPixmap.SP_ArrowLeft),
            "indent": style.standardIcon(QStyle.StandardPixmap.SP_ArrowRight),
            "move_up": style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
            "move_down": style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
        }
        names = ["outdent", "indent"] if spec.levels else []
        for name in [*names, "move_up", "move_down", "add_after", "remove"]:
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every button has a shortcut
            if name in icons:
                button.setIcon(icons[name])
            else:
                button.setText("+" if name == "add_after" else "✕")
            header.addWidget(button)
            self.buttons[name] = button
        self.editors: dict[str, BilingualEditor] = {}
        self.plain: dict[str, QWidget] = {}
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 4, 8, 6)
        self.body.setSpacing(2)
        self.body.addLayout(header)
        self.body.addWidget(self.note)
        mono_row: QGridLayout | None = None
        for field in spec.fields:
            if field.kind in ("short", "long"):
                min_lines = 3 if spec.levels else 2
                editor = BilingualEditor(ui, long=field.kind == "long", min_lines=min_lines)
                editor.label.setVisible(len(spec.fields) > 1)  # else the item's title says it
                self.body.addWidget(editor)
                self.editors[field.name] = editor
                continue
            if mono_row is None:
                mono_row = QGridLayout()
                mono_row.setHorizontalSpacing(8)
                self.body.addLayout(mono_row)
            widget: QWidget
            if field.kind == "count":
                widget = QSpinBox(self)
                widget.setRange(1, 999)
            elif field.factory is not None:
                widget = field.factory(ui, self)
            else:
                widget = QLineEdit(self)
                composition().watch(widget)
            label = QLabel(self)
            label.setWordWrap(True)
            label.setBuddy(widget)
            widget.setProperty("label", label)
            self.plain[field.name] = widget
        self.mono_row = mono_row
        self.stacked = True
        self.set_stacked(False)

    def set_stacked(self, stacked: bool) -> None:
        """One-language fields one a line (a narrow form) or two a line."""
        if stacked == self.stacked:
            return
        self.stacked = stacked
        if self.mono_row is None:
            return
        columns = 1 if stacked else 2
        for position, widget in enumerate(self.plain.values()):
            label = widget.property("label")
            for item in (label, widget):
                self.mono_row.removeWidget(item)
            self.mono_row.addWidget(label, position // columns, (position % columns) * 2)
            self.mono_row.addWidget(widget, position // columns, (position % columns) * 2 + 1)
        for column in range(4):
            self.mono_row.setColumnStretch(column, 1 if column % 2 else 0)

    def set_item(self, index: int, item: Any, keep_place: bool = True) -> None:
        """Show `item` as number index+1, without reporting edits (`keep_place`: see
        `BilingualEditor.set_value`)."""
        self.index = index
        self.level = getattr(item, "level", 0)
        # deeper levels say their number in the title; the indent stops at four steps so a
        # deep paragraph keeps a usable width
        self.body.setContentsMargins(8 + INDENT * min(self.level, 4), 4, 8, 6)
        for name, editor in self.editors.items():
            editor.set_value(getattr(item, name), keep_place)
        for name, widget in self.plain.items():
            widget.blockSignals(True)
            if isinstance(widget, QSpinBox):
                widget.setValue(int(getattr(item, name)))
            elif isinstance(widget, QLineEdit):
                if keep_place:
                    put_text(widget, getattr(item, name))  # the caret stays (a reload, an undo)
                elif widget.text() != getattr(item, name):
                    widget.setText(getattr(item, name))
            elif isinstance(widget, CustomField):
                widget.set_value(getattr(item, name))
            widget.blockSignals(False)
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        title = _(self.spec.item_label).format(number=self.index + 1)
        if self.spec.levels and self.level > 0:
            title += " · " + _("numbered, level {level}").format(level=self.level)
        self.title.setText(title)
        for field in self.spec.fields:
            label = _(field.label) if len(self.spec.fields) > 1 else title
            if field.name in self.editors:
                self.editors[field.name].set_label(label, title)
            else:
                widget = self.plain[field.name]
                widget.property("label").setText(label)
                widget.setAccessibleName(f"{title}: {label}")
                if hasattr(widget, "retranslate"):
                    widget.retranslate()
        tips = {
            "outdent": _("Outdent"),
            "indent": _("Indent"),
            "move_up": _("Move up"),
            "move_down": _("Move down"),
            "add_after": _("Add after this one"),
            "remove": _("Remove"),
        }
        for name, button in self.buttons.items():
            shortcut = QKeySequence(ITEM_KEYS[name]).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            button.setToolTip(f"{tips[name]} ({shortcut})")
            button.setAccessibleName(f"{title}: {tips[name]}")

    def focus_chain(self) -> list[QWidget]:
        """This item's editors in tab order: Korean then English, top to bottom."""
        chain: list[QWidget] = []
        for field in self.spec.fields:
            if field.name in self.editors:
                chain += [self.editors[field.name].editors[lang] for lang in ("ko", "en")]
            else:
                chain.append(self.plain[field.name])
        return chain

    def focused_field(self) -> FocusedField | None:
        """(field, lang) of the editor that has the focus inside this item (lang None for a
        one-language field)."""
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        for name, editor in self.editors.items():
            for lang, side in editor.editors.items():
                if side is focus:
                    return name, lang
        for name, widget in self.plain.items():
            if widget is focus or widget.isAncestorOf(focus):
                return name, None
        return None

    def focused_field_of(self, focus: QWidget) -> FocusedField | None:
        """(field, lang) of `focus` when it is one of this item's editors."""
        for name, editor in self.editors.items():
            for lang, side in editor.editors.items():
                if side is focus:
                    return name, lang
        for name, widget in self.plain.items():
            if widget is focus or widget.isAncestorOf(focus):
                return name, None
        return None

    def focus_field(self, field: FocusedField | None) -> None:
        name, lang = field or (self.spec.fields[0].name, "ko")
        widget: QWidget | None = (
            self.editors[name].editors[lang] if lang is not None else self.plain.get(name)
        )
        (widget or self.focus_chain()[0]).setFocus(Qt.FocusReason.OtherFocusReason)


class RepeatingSection(QWidget):
    """A titled list of items with "Add", per-item buttons and keyboard shortcuts."""

    field_edited = Signal(int, str, str, object)  # index, field, lang ("" when one-language), value
    field_replaced = Signal(int, str, object)  # index, field, a whole new BilingualText
    structure_requested = Signal(str, int, int)  # ADD/REMOVE/MOVE/LEVEL, index, delta
    items_rebuilt = Signal()  # rows were added or removed: the tab order needs refreshing
    row_focused = Signal(QWidget)  # the card an add or a move put the cursor in (ItemEditor)

    def __init__(self, spec: SectionSpec, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ui = ui
        self.rows: list[ItemEditor] = []
        self.tools: list[QWidget] = []  # widgets above the cards (add_tool)
        self._pending_focus: tuple[int, FocusedField | None] | None = None
        self.collapsed = False
        self._items: tuple[Any, ...] = ()
        self.title = QToolButton(self)
        self.title.setAutoRaise(True)
        self.title.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.title.setArrowType(Qt.ArrowType.DownArrow)
        self.title.setStyleSheet("QToolButton { font-size: 12pt; font-weight: 600; }")
        self.title.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        self.summary = QLabel(self)
        self.summary.setStyleSheet("QLabel { color: #606060; }")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.hide()
        self.content = QWidget(self)
        self.add_button = QPushButton(self.content)
        self.add_button.clicked.connect(lambda: self._request(ADD, len(self.rows), 0, None))
        self.items_layout = QVBoxLayout()
        self.items_layout.setSpacing(6)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        self.tools_layout = QHBoxLayout()  # above the cards: the address-book picker
        self.tools_layout.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self.tools_layout)
        inner.addLayout(self.items_layout)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.summary, 1)
        header.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.content)
        actions = {
            "move_up": (MOVE, -1),
            "move_down": (MOVE, 1),
            "indent": (LEVEL, 1),
            "outdent": (LEVEL, -1),
            "add_after": (ADD, 1),
            "remove": (REMOVE, 0),
        }
        for name, (kind, delta) in actions.items():
            if kind == LEVEL and not spec.levels:
                continue
            keys = [ITEM_KEYS[name]] + (["Ctrl+Enter"] if name == "add_after" else [])
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda k=kind, d=delta: self._shortcut(k, d))
        self.retranslate()

    # -- showing items ------------------------------------------------------------------

    def set_items(self, items: tuple[Any, ...], keep_place: bool = True) -> None:
        """Show `items`: rows are reused, added or removed; nothing is reported as an edit
        (`keep_place`: see `BilingualEditor.set_value`)."""
        rebuilt = len(items) != len(self.rows)
        following = None
        if keep_place and self._pending_focus is None:
            following = self._follow_focus(items)
        self._items = items
        while len(self.rows) > len(items):
            row = self.rows.pop()
            row.hide()
            row.deleteLater()
        while len(self.rows) < len(items):
            self.rows.append(self._make_row())
        for index, (row, item) in enumerate(zip(self.rows, items, strict=True)):
            row.set_item(index, item, keep_place)
        if rebuilt:
            self.items_rebuilt.emit()
        self._refresh_summary()
        if following is not None:
            moved_to, moved_field, place = following
            self.rows[moved_to].focus_field(moved_field)
            widget = self.window().focusWidget()
            row = self.rows[moved_to]
            if place is not None and widget is not None and row.focused_field_of(widget):
                put_place(widget, place)
        if self._pending_focus is not None:
            index, field = self._pending_focus
            self._pending_focus = None
            self.set_collapsed(False)
            if 0 <= index < len(self.rows):
                self.rows[index].focus_field(field)
                self.row_focused.emit(self.rows[index])
            else:
                self.add_button.setFocus()

    def keep_items(self, items: tuple[Any, ...]) -> None:
        """The items the rows show after the person's own typing (no row changes)."""
        self._items = items

    def _follow_focus(self, items: tuple[Any, ...]) -> tuple[int, FocusedField, Any] | None:
        """Items shown anew (a colleague's change, an undo) that move the item the person is
        in — one added or removed before it, two swapped: where that item is now, so that
        the focus follows it, with its caret (rows are reused by position, so the row the
        focus is in would show another item). None when it stays where it was."""
        focus = self.window().focusWidget()
        row = next((r for r in self.rows if focus is not None and r.isAncestorOf(focus)), None)
        if row is None or focus is None or not self._items:
            return None
        field = row.focused_field_of(focus)
        if field is None:
            return None
        target = moved_index(self._items, items, row.index)
        if target is None or target == row.index:
            return None
        return target, field, place_of(focus)

    def _make_row(self) -> ItemEditor:
        row = ItemEditor(self.spec, self.ui, self.content)
        for name, editor in row.editors.items():
            editor.edited.connect(
                lambda lang, text, r=row, n=name: self.field_edited.emit(r.index, n, lang, text)
            )
            editor.replaced.connect(
                lambda value, r=row, n=name: self.field_replaced.emit(r.index, n, value)
            )
        for name, widget in row.plain.items():
            if isinstance(widget, QSpinBox):
                widget.valueChanged.connect(
                    lambda value, r=row, n=name: self.field_edited.emit(r.index, n, "", value)
                )
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(
                    lambda text, r=row, n=name: self.field_edited.emit(r.index, n, "", text)
                )
            elif isinstance(widget, CustomField):
                widget.value_edited.connect(
                    lambda value, r=row, n=name: self.field_edited.emit(r.index, n, "", value)
                )
        deltas = {"move_up": (MOVE, -1), "move_down": (MOVE, 1), "indent": (LEVEL, 1)}
        deltas |= {"outdent": (LEVEL, -1), "add_after": (ADD, 1), "remove": (REMOVE, 0)}
        for name, button in row.buttons.items():
            kind, delta = deltas[name]
            button.clicked.connect(lambda _c=False, r=row, k=kind, d=delta: self._button(r, k, d))
        self.items_layout.addWidget(row)
        row.show()  # now, not on a later turn: the form scrolls to a new card at once
        return row

    def add_tool(self, widget: QWidget, stretch: int = 0) -> None:
        """Put `widget` in the row above the cards (the window adds the address-book picker)."""
        widget.setParent(self.content)
        self.tools_layout.addWidget(widget, stretch)
        self.tools.append(widget)

    def focus_chain(self) -> list[QWidget]:
        return (
            [self.title, *self.tools]
            + [w for row in self.rows for w in row.focus_chain()]
            + [self.add_button]
        )

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the section to one line (its items named in a summary) or unfold it."""
        self.collapsed = collapsed
        self.content.setVisible(not collapsed)
        self.summary.setVisible(collapsed)
        arrow = Qt.ArrowType.RightArrow if collapsed else Qt.ArrowType.DownArrow
        self.title.setArrowType(arrow)
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        if not self.collapsed:
            return
        lang = self.ui.text_language()
        names = []
        for item in self._items:
            value = getattr(item, self.spec.fields[0].name)
            names.append((value.get(lang) or value.ko or value.en).strip() or "…")
        text = f"({len(names)}) " + " · ".join(names) if names else self.ui.gettext("(none)")
        self.summary.setText(text)
        self.summary.setToolTip(text)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.title.setText(_(self.spec.title))
        self.title.setAccessibleName(
            _("{section}: show or hide").format(section=_(self.spec.title))
        )
        self.add_button.setText(_(self.spec.add_label))
        self.add_button.setAccessibleName(_(self.spec.add_label))
        for row in self.rows:
            row.retranslate()
        self._refresh_summary()

    # -- requests -----------------------------------------------------------------------

    def _focused_row(self) -> ItemEditor | None:
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        return next((row for row in self.rows if row.isAncestorOf(focus)), None)

    def _shortcut(self, kind: str, delta: int) -> None:
        row = self._focused_row()
        if row is not None:
            self._button(row, kind, delta)

    def _button(self, row: ItemEditor, kind: str, delta: int) -> None:
        field = row.focused_field()
        if kind == ADD:
            self._request(ADD, row.index + 1, 0, None)
        elif kind == MOVE:
            self._request(MOVE, row.index, delta, field, row.index + delta)
        elif kind == LEVEL:
            self._request(LEVEL, row.index, delta, field, row.index)
        else:
            self._request(REMOVE, row.index, 0, None, max(0, row.index - 1))

    def _request(
        self,
        kind: str,
        index: int,
        delta: int,
        field: FocusedField | None,
        focus_index: int | None = None,
    ) -> None:
        target = index if focus_index is None else focus_index
        if kind == REMOVE and len(self.rows) <= 1:
            target = -1
        self._pending_focus = (target, field)
        self.structure_requested.emit(kind, index, delta)
        self._pending_focus = None  # applied by set_items, or the request was refused


def moved_index(old: tuple[Any, ...], new: tuple[Any, ...], index: int) -> int | None:
    """Where item `index` of `old` is in `new`: matched as a sequence (items added, removed
    or moved around it), or changed in place among as many others; None when it is gone."""
    classes: list[Any] = []

    def kind(item: Any) -> int:
        for number, known in enumerate(classes):
            if known == item:
                return number
        classes.append(item)
        return len(classes) - 1

    before, after = [kind(item) for item in old], [kind(item) for item in new]
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i1 <= index < i2:
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                return j1 + index - i1
            return None
    return None


SENDERS = SectionSpec(
    N_("Sending organisations"),
    N_("Organisation {number}"),
    N_("Add an organisation"),
    (
        FieldSpec("name", N_("Name")),
        FieldSpec("short_name", N_("Short name (used in the reference number)")),
        FieldSpec("address", N_("Address"), "long"),
        FieldSpec("postcode", N_("Postcode"), "mono"),
        FieldSpec("phone", N_("Phone"), "mono"),
        FieldSpec("fax", N_("Fax"), "mono"),
        FieldSpec("email", N_("E-mail"), "mono"),
        FieldSpec("website", N_("Website"), "mono"),
    ),
)
_PERSON_FIELDS = (
    FieldSpec("name", N_("Name")),
    FieldSpec("title", N_("Title or position")),
    FieldSpec("organisation", N_("Office or organisation")),
    FieldSpec("address", N_("Address"), "long"),
    FieldSpec("honorific", N_("Honorific (귀하 / H.E.)")),
    FieldSpec("department", N_("Department in charge (공문: 외교부장관(인권사회과장))")),
)
RECIPIENTS = SectionSpec(
    N_("Recipients"), N_("Recipient {number}"), N_("Add a recipient"), _PERSON_FIELDS
)
CC = SectionSpec(N_("Copies (cc)"), N_("Copy {number}"), N_("Add a copy recipient"), _PERSON_FIELDS)
BODY = SectionSpec(
    N_("Body"),
    N_("Paragraph {number}"),
    N_("Add a paragraph"),
    (FieldSpec("text", N_("Text"), "long"),),
    levels=True,
)
ENCLOSURES = SectionSpec(
    N_("Enclosures"),
    N_("Enclosure {number}"),
    N_("Add an enclosure"),
    (FieldSpec("name", N_("Document")), FieldSpec("quantity", N_("Copies"), "count")),
)
SIGNATORIES = SectionSpec(
    N_("Signatories"),
    N_("Signatory {number}"),
    N_("Add a signatory"),
    (
        FieldSpec("organisation", N_("Organisation")),
        FieldSpec("person", N_("Person")),
        FieldSpec("role", N_("Role")),
        FieldSpec("country", N_("Country")),
    ),
)
