"""The type-ahead over the address book: a line edit whose suggestions come from the service.

`조태` or `cho` finds people, offices and organisations by a Korean or an English substring
(`ContactService.search`); a person's offices are offered beside them, since a letter is
addressed to the office and takes whoever holds it on the letter's date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop_app.domain.contacts import BookOrganisation, Position
from desktop_app.domain.messages import TranslatableError
from desktop_app.gui.contacts.labels import (
    Suggestion,
    contact_of,
    is_ours,
    organisation_label,
    person_label,
    position_label,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services.contacts import ContactService

LIMIT = 8  # of each kind: a popup, not a list to scroll through


def suggestions(service: ContactService, text: str, _: Callable[[str], str]) -> list[Suggestion]:
    """Offices first (the usual recipient), then people, then organisations."""
    if not text.strip():
        return []
    hits = service.search(text, LIMIT)
    organisations: dict[int, BookOrganisation] = {o.id: o for o in hits.organisations}

    def organisation(number: int) -> BookOrganisation | None:
        if number not in organisations:
            try:
                organisations[number] = service.get(BookOrganisation, number)
            except TranslatableError:  # not there: the suggestion goes without its label
                return None
        return organisations[number]

    positions: dict[int, Position] = {p.id: p for p in hits.positions}
    for person in hits.people:
        for position in service.positions_held(person.id):
            positions.setdefault(position.id, position)
    found = [
        Suggestion(position_label(p, organisation(p.organisation_id), _), contact_of(p))
        for p in positions.values()
    ]
    found += [Suggestion(person_label(p, _), contact_of(p)) for p in hits.people]
    found += [
        Suggestion(organisation_label(o, _), contact_of(o), ours=is_ours(o))
        for o in hits.organisations
    ]
    return found


class ContactPicker(QLineEdit):
    """ "From the address book…": type, pick a line, `contact_chosen` says which entry."""

    contact_chosen = Signal(object)  # the Suggestion taken

    def __init__(
        self,
        ui: UiLanguage,
        find: Callable[[str], list[Suggestion]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self._find = find
        self.found: list[Suggestion] = []
        self._model = QStandardItemModel(self)
        self.picker = QCompleter(self._model, self)
        # The service has already matched (substrings, either language): show all it found.
        self.picker.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.picker.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.picker.setWidget(self)
        activated: Any = self.picker.activated  # the QModelIndex overload: rows, not labels
        activated[QModelIndex].connect(self._activated)
        self.textEdited.connect(self.refresh)
        self.setClearButtonEnabled(True)
        self.retranslate()

    def refresh(self, text: str) -> None:
        """Ask the address book again for what `text` matches, and show the popup."""
        self.found = self._find(text)
        self._model.clear()
        for suggestion in self.found:
            item = QStandardItem(suggestion.label)
            item.setToolTip(suggestion.label)  # the whole line, when the popup cuts it
            item.setEditable(False)
            self._model.appendRow(item)
        if self.found:
            self.picker.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.picker.popup()
        if popup is not None:
            popup.hide()

    def choose(self, row: int) -> None:
        """Take suggestion `row` (what a click or Enter in the popup does)."""
        if 0 <= row < len(self.found):
            taken = self.found[row]
            self._hide_popup()
            self.clear()
            self.found = []
            self.contact_chosen.emit(taken)

    def _activated(self, index: QModelIndex) -> None:
        self.choose(index.row())

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.setPlaceholderText(_("From the address book… (type a name, 조태 or cho)"))
        self.setAccessibleName(_("From the address book"))
