"""Choosing States by typing part of a Korean or English name: one State, or a list of them.

The picker shows "베트남 — Viet Nam" (English first in the English UI) and
keeps the ISO code; "베트", "viet", "VNM" and "socialist" all find Viet Nam.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSizePolicy, QToolButton, QWidget

from desktop_app.domain.states import State, StateRegistry
from desktop_app.gui.forms.base import wheel_needs_focus
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.widgets.flow_layout import FlowLayout
from desktop_app.services import ReferenceService

if TYPE_CHECKING:
    from desktop_app.domain.states import State, StateRegistry
    from desktop_app.gui.i18n import UiLanguage

CODE_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


def state_label(state: State, language: str) -> str:
    """Both names, the UI language's first: "베트남 — Viet Nam" / "Viet Nam — 베트남"."""
    if language == "ko":
        return f"{state.ko_short} — {state.un_short}"
    return f"{state.un_short} — {state.ko_short}"


def search_key(state: State) -> str:
    """Everything a person may type to find the State."""
    return " ".join(
        (state.iso2, state.iso3, state.un_short, state.un_formal, state.ko_short, state.ko_formal)
    )


class StateCompleter(QCompleter):
    """Matches anywhere in the names and codes, and puts the State's label in the box."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class StatePicker(QComboBox):
    """An editable list of all States; `state_chosen(code)` when the person picks one ("": none).

    The mouse wheel only turns it when it has the focus, so scrolling the
    form never changes a State by accident.
    """

    state_chosen = Signal(str)

    def __init__(
        self, ui: UiLanguage, states: StateRegistry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.states = states or ReferenceService(None).states()
        self._code = ""
        self._placeholder = ""
        self._filled_for: str | None = None  # the UI language the list was filled in
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.list_model = QStandardItemModel(self)
        self.setModel(self.list_model)
        completer = StateCompleter(self.list_model, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        self.activated.connect(lambda row: self._choose(str(self.itemData(row, CODE_ROLE) or "")))
        self.text_box().editingFinished.connect(self._typing_finished)
        self._fill()

    def _fill(self) -> None:
        """All States, sorted by their name in the UI language, after an empty "none" row.

        Filled once per UI language: 195 rows cost ~10 ms, and start-up re-labels often.
        """
        language = self.ui.language
        if self._filled_for == language:
            return
        self._filled_for = language
        key = (lambda s: s.ko_short) if language == "ko" else (lambda s: s.un_short.casefold())
        self.blockSignals(True)
        self.list_model.clear()
        none = QStandardItem("")
        none.setData("", CODE_ROLE)
        none.setData("", SEARCH_ROLE)
        self.list_model.appendRow(none)
        for state in sorted(self.states.all(), key=key):
            item = QStandardItem(state_label(state, language))
            item.setData(state.iso2, CODE_ROLE)
            item.setData(search_key(state), SEARCH_ROLE)
            self.list_model.appendRow(item)
        self.blockSignals(False)
        self._show_code()

    # -- value --------------------------------------------------------------------------

    def state(self) -> str:
        """The chosen State's ISO alpha-2 code ("" when none)."""
        return self._code

    def set_state(self, code: str) -> None:
        """Show `code` (from the document) without reporting it as chosen."""
        state = self.states.get(code) if code else None
        self._code = state.iso2 if state else code.upper()
        self._show_code()

    def _show_code(self) -> None:
        row = self.findData(self._code, CODE_ROLE) if self._code else 0
        self.blockSignals(True)
        if row >= 0:
            self.setCurrentIndex(row)
        else:  # a code the shipped list lacks: keep it, shown as it is
            self.setCurrentIndex(-1)
        self.setEditText(self.itemText(row) if row >= 0 else self._code)
        self.blockSignals(False)

    def _choose(self, code: str) -> None:
        changed = code != self._code
        self._code = code
        self._show_code()
        if changed:
            self.state_chosen.emit(code)

    def _typing_finished(self) -> None:
        """Enter or leaving the box: take what was typed if it names one State, else undo it."""
        text = self.currentText().strip()
        if text == (self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else self._code):
            return
        if not text:
            self._choose("")
            return
        row = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if row >= 0:
            self._choose(str(self.itemData(row, CODE_ROLE)))
            return
        found = self.states.search(text)
        if len(found) == 1:
            self._choose(found[0].iso2)
        else:
            self._show_code()

    # -- look ---------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_needs_focus(self, event, super().wheelEvent)

    def text_box(self) -> QLineEdit:
        """The box the person types a State's name in."""
        box = self.lineEdit()
        assert box is not None, "an editable combo box always has its line edit"
        return box

    def set_placeholder(self, text: str) -> None:
        """The hint shown while the box is empty (translated by the caller)."""
        self._placeholder = text
        self.text_box().setPlaceholderText(text)

    def retranslate(self) -> None:
        self._fill()


class StateListEditor(QWidget):
    """Several States: one button per State (click to remove) and a picker to add one.

    Has the interface of a custom list-editor field: `set_value`, `value_edited`, `retranslate`.
    """

    value_edited = Signal(object)  # tuple of ISO alpha-2 codes

    def __init__(
        self, ui: UiLanguage, parent: QWidget | None = None, states: StateRegistry | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self._codes: tuple[str, ...] = ()
        self.picker = StatePicker(ui, states, self)
        self.picker.state_chosen.connect(self._add)
        self.picker.text_box().installEventFilter(self)
        self.states = self.picker.states
        self.picker.setMinimumContentsLength(12)
        self.picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.chips: list[QToolButton] = []
        self.flow = FlowLayout(self)  # the States wrap onto more lines, the picker last
        self.flow.addWidget(self.picker)
        sizing = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)
        self.setFocusProxy(self.picker)
        self.retranslate()

    def value(self) -> tuple[str, ...]:
        return self._codes

    def set_value(self, codes: tuple[str, ...]) -> None:
        """Show `codes` (from the document) without reporting an edit."""
        if tuple(codes) != self._codes or len(self.chips) != len(codes):
            self._codes = tuple(codes)
            self._show_chips()

    def _show_chips(self) -> None:
        _ = self.ui.gettext
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        for code in self._codes:
            name = self.states.name(code, self.ui.text_language())
            chip = QToolButton(self)
            chip.setText(f"{name} ✕")
            chip.setToolTip(_("Remove {state}").format(state=name))
            chip.setAccessibleName(_("Remove {state}").format(state=name))
            chip.clicked.connect(lambda _c=False, c=code: self._remove(c))
            self.flow.insert_widget(len(self.chips), chip)
            self.chips.append(chip)

    def _add(self, code: str) -> None:
        self.picker.set_state("")
        if code and code not in self._codes:
            self._edited((*self._codes, code))

    def _remove(self, code: str) -> None:
        self._edited(tuple(c for c in self._codes if c != code))
        self.picker.setFocus()

    def _edited(self, codes: tuple[str, ...]) -> None:
        self._codes = codes
        self._show_chips()
        self.value_edited.emit(codes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Backspace in the empty picker removes the last State, as in a list of tags."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Backspace
            and not self.picker.currentText()
            and self._codes
        ):
            self._remove(self._codes[-1])
            return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.picker.retranslate()
        self.picker.set_placeholder(_("Add a State…"))
        self.picker.setAccessibleName(self.accessibleName() or _("Add a State"))
        self._show_chips()
