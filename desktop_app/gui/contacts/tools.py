"""The address book wired into the window in one place: the letter form's and the UPR brief
form's pickers, Tools ›
Address book…, Tools › Update from the address book…, and the sample book for "New from
sample".

Every change goes through `services.contacts`; a party added to a letter is one edit of the
form (one undo step), its copy taken for the letter's date, its doubts said in the status bar.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMenu, QToolButton

from desktop_app.domain import Letter
from desktop_app.domain.contacts import BookOrganisation, ContactKind, Person, Position
from desktop_app.domain.messages import N_
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.upr import UprBrief
from desktop_app.gui import errors
from desktop_app.gui.contacts.labels import Suggestion, both
from desktop_app.gui.contacts.picker import ContactPicker, suggestions
from desktop_app.i18n.errors import user_message
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.domain.offices import OfficeWarning
    from desktop_app.gui.forms.base import DocumentForm
    from desktop_app.services.contacts import ContactService

PICKED_SECTIONS = ("senders", "recipients", "cc", "signatories")
# Which form holds each picked section (a section's name is unique across the forms): the
# letter's parties, and the UPR brief's submitting organisations.
PICKED: dict[str, tuple[str, ...]] = {
    Letter.KIND: PICKED_SECTIONS,
    UprBrief.KIND: ("organisations",),
}
# The press forms' parties picked the way the letter's senders and signatories are; their
# pickers are keyed "kind:section" ("press-notice:organisers"), as "signatories" is also
# the letter's.
PRESS_PICKED = {
    PressNotice.KIND: ("organisers", "co_organisers"),
    Statement.KIND: ("signatories",),
}
# organisations only, as senders
ORGANISATION_SECTIONS = ("senders", "organisations", "organisers", "co_organisers")
MESSAGE_MS = 20000


class ContactTools(QObject):
    """Gives the letter and UPR brief forms their address-book pickers and runs the
    address-book dialogs.

    `window` is the MainWindow: it has `services` (once attached), `ui`, `commands`,
    `forms`, `form` and `loaded`.
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.pickers: dict[str, ContactPicker] = {}
        self.save_buttons: dict[str, QToolButton] = {}
        self.kind_of: dict[str, str] = {}  # section → the kind of form it is in
        for kind, sections in PICKED.items():
            form = window.forms.get(kind)
            if form is None:
                continue
            for name in sections:
                self.kind_of[name] = kind
                picker = ContactPicker(window.ui, self._finder(name), form.sections[name])
                picker.setObjectName(f"book-picker-{name}")
                picker.contact_chosen.connect(lambda s, n=name: self.pick(n, s))
                form.sections[name].add_tool(picker, 1)
                self.pickers[name] = picker
                button = QToolButton(form.sections[name])
                button.setObjectName(f"book-save-{name}")
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                # the arrow Qt draws over the text of a menu button: the menu is the button
                button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
                menu = QMenu(button)
                menu.aboutToShow.connect(lambda n=name, m=menu: self._fill_save_menu(n, m))
                button.setMenu(menu)
                form.sections[name].add_tool(button)
                self.save_buttons[name] = button
        for kind, names in PRESS_PICKED.items():
            press_form = window.forms.get(kind)
            if press_form is None:
                continue
            for name in names:
                key = f"{kind}:{name}"
                picker = ContactPicker(window.ui, self._finder(name), press_form.sections[name])
                picker.setObjectName(f"book-picker-{kind}-{name}")
                picker.contact_chosen.connect(lambda s, n=name, k=kind: self.pick(n, s, k))
                press_form.sections[name].add_tool(picker, 1)
                self.pickers[key] = picker
        window.commands["address_book"].triggered.connect(self.open_address_book)
        window.commands["update_from_book"].triggered.connect(self.update_from_book)
        window.ui.changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    @property
    def service(self) -> ContactService:
        contacts: ContactService = self.window.services.contacts
        return contacts

    def retranslate(self) -> None:
        _ = self.window.ui.gettext
        for picker in self.pickers.values():
            picker.retranslate()
        for button in self.save_buttons.values():
            button.setText(_("Save to address book"))
            button.setAccessibleName(_("Save to address book"))
            button.setToolTip(_("Save a card typed by hand to the address book, in one step"))

    # -- "Save to address book" ---------------------------------------------------------

    def typed_cards(self, section: str) -> list[tuple[int, str]]:
        """The cards of `section` typed by hand (no address-book reference, not empty):
        (index, what the menu says)."""
        form = self.form_of(section)
        _ = self.window.ui.gettext
        label = form.sections[section].spec.item_label
        items = form.items(section)
        blank = form.new_item(section, [], 0)
        return [
            (i, f"{_(label).format(number=i + 1)}: {self._name(item)}")
            for i, item in enumerate(items)
            if item.book is None and item != blank
        ]

    def _fill_save_menu(self, section: str, menu: QMenu) -> None:
        _ = self.window.ui.gettext
        menu.clear()
        cards = self.typed_cards(section) if self.window.is_attached else []
        for index, text in cards:
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, i=index: self.save_card(section, i))
        if not cards:
            none = menu.addAction(_("Every card here is from the address book (or empty)."))
            none.setEnabled(False)

    def save_card(self, section: str, index: int) -> None:
        """Make a card typed by hand entries of the address book, and link the card to them:
        one edit of the draft (the copy stays as typed, only its reference is added)."""
        form = self.form_of(section)
        _ = self.window.ui.gettext
        items = list(form.items(section))
        if not 0 <= index < len(items):
            return
        with errors.user_errors(self.window, self.window.ui):
            _changes, saved = self.service.save_party(items[index], ours=section == "senders")
            items[index] = saved
            form.set_fields({section: form.stored(section, tuple(items))})
            text = _("Saved {party} to the address book.").format(party=self._name(saved))
            self.window.statusBar().showMessage(text, MESSAGE_MS)

    def form_of(self, section: str) -> DocumentForm:
        form: DocumentForm = self.window.forms[self.kind_of[section]]
        return form

    # -- the pickers --------------------------------------------------------------------

    def _finder(self, section: str) -> Callable[[str], list[Suggestion]]:
        return lambda text: self._find(section, text)

    def _find(self, section: str, text: str) -> list[Suggestion]:
        if not self.window.is_attached:
            return []
        _ = self.window.ui.gettext
        found = suggestions(self.service, text, _)
        if section == "organisations":  # a brief's submitters: organisations, ours first
            found = [s for s in found if s.contact.kind is ContactKind.ORGANISATION]
            found = [s for s in found if s.ours] + [s for s in found if not s.ours]
        elif section == "senders":  # ours first, and each of ours also as sender and signatory
            ours = [s for s in found if s.ours]
            rest = [s for s in found if not s.ours]
            found = [
                x
                for s in ours
                for x in (
                    s,
                    dataclasses.replace(
                        s,
                        label=_("{entry}, and as a signatory too").format(entry=s.label),
                        also_signs=True,
                    ),
                )
            ] + rest
        elif section in ("signatories", "organisers", "co_organisers"):
            found = [s for s in found if s.ours] + [s for s in found if not s.ours]
        return found

    def pick(self, section: str, taken: Suggestion, kind: str | None = None) -> None:
        """Add the party `taken` stands for to `section` of the open draft, as one edit;
        `kind`: a press form's section (its own "signatories", say), else the section's form."""
        form: DocumentForm = self.window.forms[kind] if kind else self.form_of(section)
        day = getattr(form.document, "date", None) or date.today()
        _ = self.window.ui.gettext
        with errors.user_errors(self.window, self.window.ui):
            item, warnings = self._party(section, taken, day)
            changes = {section: self._with(form, section, item)}
            if taken.also_signs:
                signatory = self.service.signatory(taken.contact.number)
                changes["signatories"] = self._with(form, "signatories", signatory)
            form.set_fields(changes)
            form.sections[section].set_collapsed(False)
            if section in ORGANISATION_SECTIONS:  # an organisation is the same on any date
                said = [_("Added {party}.").format(party=self._name(item))]
            else:
                said = [_("Added {party} for {day}.").format(party=self._name(item), day=day)]
            said += [user_message(w, _) for w in warnings]
            text = " ".join(said)
            self.pickers[f"{kind}:{section}" if kind else section].setToolTip(text)
            self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _party(
        self, section: str, taken: Suggestion, day: date
    ) -> tuple[Any, tuple[OfficeWarning, ...]]:
        contact = taken.contact
        service = self.service
        if section in ("recipients", "cc"):
            resolved = service.resolve(contact, day)  # an organisation or an overlap: a sentence
            return resolved.recipient, resolved.warnings
        if section in ORGANISATION_SECTIONS:
            if contact.kind is not ContactKind.ORGANISATION:
                raise DariError(
                    N_("A sender is an organisation: choose the organisation, not {entry}.")
                    if section == "senders"
                    else N_(
                        "An organiser is an organisation: choose the organisation, not {entry}."
                    )
                    if section in ("organisers", "co_organisers")
                    else N_(
                        "A submitting organisation is an organisation: choose the "
                        "organisation, not {entry}."
                    ),
                    entry=taken.label,
                )
            return service.sender(contact.number), ()
        # signatories: an organisation, a person (for their organisation), an office's holder
        if contact.kind is ContactKind.ORGANISATION:
            return service.signatory(contact.number), ()
        if contact.kind is ContactKind.PERSON:
            person = service.get(Person, contact.number)
            return service.signatory(person.organisation_id, person.id), ()
        holding = service.holder_on(contact.number, day)
        if holding.person_id is None:
            raise DariError(
                N_("Nobody holds {entry} on {day} for certain: choose the person instead."),
                entry=taken.label,
                day=day.isoformat(),
            )
        position = service.get(Position, contact.number)
        signatory = service.signatory(position.organisation_id, holding.person_id)
        return dataclasses.replace(signatory, role=position.title), holding.warnings

    @staticmethod
    def _with(form: DocumentForm, section: str, item: Any) -> tuple[Any, ...]:
        """The section's items with `item` at the end, in place of an untouched blank card."""
        items = list(form.items(section))
        if items and items[-1] == form.new_item(section, items[:-1], len(items) - 1):
            items[-1] = item
        else:
            items.append(item)
        stored: tuple[Any, ...] = form.stored(section, tuple(items))
        return stored

    @staticmethod
    def _name(item: Any) -> str:
        for field in ("name", "person", "organisation", "title"):
            value = getattr(item, field, None)
            if value is not None and both(value):
                office = getattr(item, "title", None)
                if field == "name" and office is not None and both(office):
                    return f"{both(value)} ({both(office)})"
                return both(value)
        return "—"

    # -- the dialogs --------------------------------------------------------------------

    def open_address_book(self) -> None:
        from desktop_app.gui.contacts.dialog import AddressBookDialog  # loaded when first needed

        with errors.user_errors(self.window, self.window.ui):
            dialog = AddressBookDialog(
                self.service, self.window.ui, self.window, open_draft=self._open_draft
            )
            self._run(dialog)

    def _open_draft(self, draft_id: int) -> None:
        self.window.open_draft(draft_id)

    def update_from_book(self) -> None:
        """Tools › Update from the address book…: the differences, then only what is ticked."""
        from desktop_app.gui.contacts.updates import UpdateDialog
        from desktop_app.services.contacts import apply_updates

        if self.window.loaded is None:
            return
        form: DocumentForm = self.window.form
        _ = self.window.ui.gettext
        with errors.user_errors(self.window, self.window.ui):
            found = self.service.updates(form.document)
            if not found:
                self.window.statusBar().showMessage(
                    _("Every party taken from the address book is as it is there now."),
                    MESSAGE_MS,
                )
                return
            dialog = UpdateDialog(found, self.window.ui, self.window)
            try:
                accepted = dialog.exec() == QDialog.DialogCode.Accepted
                chosen = dialog.chosen()
            finally:
                dialog.deleteLater()
            if not accepted or not chosen:
                return
            new = apply_updates(form.document, chosen)
            fields = {f.name for f in dataclasses.fields(new)}
            form.set_fields({name: getattr(new, name) for name in fields})
            self.window.statusBar().showMessage(
                self.window.ui.ngettext(
                    "Updated {count} party from the address book (Undo takes it back).",
                    "Updated {count} parties from the address book (Undo takes it back).",
                    len(chosen),
                ).format(count=len(chosen)),
                MESSAGE_MS,
            )

    def _run(self, dialog: QDialog) -> None:
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- the sample ---------------------------------------------------------------------

    def import_sample_once(self) -> int:
        """ "New from sample" also brings the sample address book, once, into an empty one."""
        service = self.service
        if service.all(BookOrganisation):
            return 0
        if service.all(Person):
            return 0
        with errors.user_errors(self.window, self.window.ui):
            _changes, added = service.import_sample()
            return added
        return 0
