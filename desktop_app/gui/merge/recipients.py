"""The merge dialog's recipients: a list from the address book or people and offices found
by typing (조태 or cho), each resolved for the letter's date with its doubts as sentences."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contacts import BookOrganisation, ContactId, ContactKind
from desktop_app.domain.messages import TranslatableError
from desktop_app.gui.errors import KNOWN_ERRORS, sentence

if TYPE_CHECKING:
    from desktop_app.domain.letter import Recipient
    from desktop_app.domain.text import BilingualText, Lang
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import ContactService

RESOLVE_ERRORS: tuple[type[Exception], ...] = (*KNOWN_ERRORS, TranslatableError)
HITS = 8  # type-ahead suggestions shown


def _side(text: BilingualText, lang: str) -> str:
    """The text in `lang`, else the other language (one line)."""
    own: Lang = "ko" if lang == "ko" else "en"
    other: Lang = "en" if own == "ko" else "ko"
    lang = own
    return " ".join((text.get(lang) or text.get(other)).split())


def recipient_text(recipient: Recipient, lang: str) -> str:
    """`조태열 · 외교부 장관 · 외교부`: name, office and organisation, in the UI language."""
    parts = [_side(p, lang) for p in (recipient.name, recipient.title, recipient.organisation)]
    return " · ".join(part for part in parts if part)


class RecipientChooser(QWidget):
    """Chooses the merge's recipients; `changed` after every change of the resolved set."""

    changed = Signal()

    def __init__(
        self, contacts: ContactService, day: date, ui: UiLanguage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.contacts = contacts
        self.day = day
        self.ui = ui
        self.members: list[ContactId] = []
        self._recipients: list[Recipient] = []
        self._problems: list[str] = []
        self.list_box = QComboBox()
        self.list_box.setObjectName("mergeList")
        self.list_box.addItem("", "")
        for contact_list in contacts.lists():
            self.list_box.addItem(contact_list.name, contact_list.name)
        self.list_box.currentIndexChanged.connect(self._list_chosen)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("recipientSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search)
        self.search_edit.installEventFilter(self)  # Enter adds the hit; it never merges
        self.hits = QListWidget()
        self.hits.setObjectName("recipientHits")
        self.hits.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.hits.itemActivated.connect(self._add_hit)
        self.hits.hide()
        self.chosen = QListWidget()
        self.chosen.setObjectName("mergeRecipients")
        self.chosen.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeRecipient")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.date_label = QLabel(wordWrap=True)
        self.date_label.setObjectName("mergeDate")
        self.warnings_label = QLabel(wordWrap=True)
        self.warnings_label.setObjectName("mergeWarnings")
        self.warnings_label.setStyleSheet("color: #9a4d00;")
        self.warnings_label.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.list_box, 1)
        top.addWidget(self.search_edit, 1)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.date_label, 1)
        below.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hits)
        layout.addWidget(self.chosen)
        layout.addLayout(below)
        layout.addWidget(self.warnings_label)
        ui.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.list_box.setItemText(0, _("No list: choose recipients one by one"))
        self.list_box.setAccessibleName(_("List"))
        self.search_edit.setPlaceholderText(
            _("Add a recipient: type a name or office (조태 or cho)")
        )
        self.search_edit.setAccessibleName(_("Add a recipient"))
        self.hits.setAccessibleName(_("Found in the address book"))
        self.chosen.setAccessibleName(_("Recipients"))
        self.remove_button.setText(_("Remove"))
        self.date_label.setText(
            _("Each office is resolved to whoever held it on the letter's date, {date}.").format(
                date=self.day.isoformat()
            )
        )
        self._resolve()

    # -- choosing -------------------------------------------------------------------

    def choose_list(self, name: str) -> None:
        """Take a list's members as the recipients (what choosing it in the box does)."""
        self.list_box.setCurrentIndex(max(self.list_box.findData(name), 0))
        self._list_chosen()

    def _list_chosen(self) -> None:
        name = self.list_box.currentData()
        self.members = list(self.contacts.get_list(name).members) if name else []
        self._resolve()

    def add(self, contact: ContactId) -> None:
        """Add a position or person (one already there stays put)."""
        if contact not in self.members:
            self.members.append(contact)
            self._resolve()

    def remove_selected(self) -> None:
        rows = sorted((self.chosen.row(item) for item in self.chosen.selectedItems()), reverse=True)
        for row in rows:
            del self.members[row]
        if rows:
            self._resolve()

    def _search(self, text: str) -> None:
        self.hits.clear()
        if not text.strip():
            self.hits.hide()
            return
        found = self.contacts.search(text, HITS)
        lang = self.ui.language
        organisations: dict[int, BookOrganisation] = {}

        def organisation(number: int | None) -> str:
            if not number:
                return ""
            if number not in organisations:
                organisations[number] = self.contacts.get(BookOrganisation, number)
            return _side(organisations[number].name, lang)

        rows: list[tuple[ContactId, str]] = [
            (
                ContactId(ContactKind.POSITION, p.id),
                " · ".join(filter(None, (_side(p.title, lang), organisation(p.organisation_id)))),
            )
            for p in found.positions
        ]
        rows += [
            (
                ContactId(ContactKind.PERSON, p.id),
                " · ".join(filter(None, (_side(p.name, lang), organisation(p.organisation_id)))),
            )
            for p in found.people
        ]
        for contact, text_ in rows[:HITS]:
            item = QListWidgetItem(text_, self.hits)
            item.setData(Qt.ItemDataRole.UserRole, str(contact))
            item.setToolTip(str(contact))
        if self.hits.count():
            self.hits.setCurrentRow(0)
        self.hits.setVisible(bool(self.hits.count()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._add_current_hit()
            return True  # not passed on to the dialog's default button (Merge)
        return super().eventFilter(watched, event)

    def _add_current_hit(self) -> None:
        item = self.hits.currentItem()
        if item is not None:
            self._add_hit(item)

    def _add_hit(self, item: QListWidgetItem) -> None:
        self.add(ContactId.parse(str(item.data(Qt.ItemDataRole.UserRole))))
        self.search_edit.clear()

    # -- resolving ------------------------------------------------------------------

    def _resolve(self) -> None:
        """Resolve every member for the letter's date; doubts and errors become sentences."""
        _ = self.ui.gettext
        lang = self.ui.language
        self.chosen.clear()
        self._recipients, self._problems = [], []
        notes: list[str] = []
        style = self.style()
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for number, contact in enumerate(self.members, start=1):
            try:
                resolved = self.contacts.resolve(contact, self.day)
            except RESOLVE_ERRORS as error:
                problem = sentence(error, self.ui)
                self._problems.append(problem)
                item = QListWidgetItem(error_icon, f"{number}. {contact} — {problem}", self.chosen)
                item.setToolTip(problem)
                continue
            recipient = resolved.recipient
            if recipient.salutation.is_empty():  # as MergeService's resolver does
                recipient = dataclasses.replace(recipient, salutation=resolved.salutation)
            self._recipients.append(recipient)
            label = f"{number}. {recipient_text(recipient, lang)}"
            item = QListWidgetItem(label, self.chosen)
            doubts = [sentence(w, self.ui) for w in resolved.warnings]
            if doubts:
                item.setIcon(warning_icon)
                item.setToolTip("\n".join(doubts))
                who = recipient_text(recipient, lang)
                notes += [_("{who}: {doubt}").format(who=who, doubt=d) for d in doubts]
        self.warnings_label.setText("\n".join(self._problems + notes))
        self.warnings_label.setVisible(bool(self._problems or notes))
        self.remove_button.setEnabled(bool(self.members))
        self.changed.emit()

    def recipients(self) -> list[Recipient]:
        """The resolved recipients, in order (without the members that could not be resolved)."""
        return list(self._recipients)

    def problems(self) -> list[str]:
        """Why some members cannot be merged to (an office with two holders on the date …)."""
        return list(self._problems)
