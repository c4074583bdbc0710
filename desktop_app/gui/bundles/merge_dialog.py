"""The merge dialog: each conflict an import left, mine beside theirs, one choice each.

A conflict is a field, or in a long text each stretch of paragraphs (`body[2].text.ko ¶3`),
that both sides changed differently; the draft holds "mine" until the person chooses.
Without a draft, the dialog shows the address-book entries and clauses changed on both
sides, field by field under each entry's name ("Name (Korean)", "Position held from");
the entry here is unchanged until then. OK saves the choices once (a revision names a
draft's); Decide later keeps them pending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import errors

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import OpChanges
    from desktop_app.services.bundles import BundleService


class MergeDialog(QDialog):
    """The pending conflicts of one draft (or, with `draft_id` None, of the address book
    and the clauses), side by side: mine | theirs."""

    def __init__(
        self,
        bundles: BundleService,
        draft_id: int | None,
        ui: UiLanguage,
        parent: QWidget | None = None,
    ) -> None:
        from desktop_app.services.bundle_entries import KIND_NAMES, field_label, shown_value
        from desktop_app.services.bundles import conflict_label

        super().__init__(parent)
        _ = ui.gettext
        self.ui = ui
        self.bundles = bundles
        self.draft_id = draft_id
        self.changes: OpChanges | None = None
        self.setWindowTitle(_("Merge: choose for each conflict"))
        self.resize(900, 560)
        if draft_id is not None:
            text = _(
                "Both you and your colleague changed these parts differently since you last "
                "shared this draft. Your text is kept until you choose; the other version is "
                "also in the draft's revisions."
            )
        else:
            text = _(
                "Both you and your colleague changed these address-book entries or clauses "
                "differently since you last shared them. Each is kept as it is here until "
                "you choose, field by field."
            )
        intro = QLabel(text)
        intro.setWordWrap(True)
        grid = QGridLayout()
        self._grid = grid
        grid.addWidget(QLabel("<b>" + _("Field") + "</b>"), 0, 0)
        grid.addWidget(QLabel("<b>" + _("Mine (this computer)") + "</b>"), 0, 1)
        grid.addWidget(QLabel("<b>" + _("Theirs (the bundle)") + "</b>"), 0, 2)
        # each conflict's key: a draft's conflict id, or an entry field's path
        self.groups: dict[Any, QButtonGroup] = {}
        self.mine_buttons: dict[Any, QRadioButton] = {}
        self.theirs_buttons: dict[Any, QRadioButton] = {}
        if draft_id is not None:
            for conflict in bundles.conflicts(draft_id):
                place = conflict_label(conflict.path, _)
                self._add_row(conflict.id, place, conflict.mine, conflict.theirs)
        else:
            for entry in bundles.entry_conflicts():
                what = _(KIND_NAMES[entry.kind])
                heading = QLabel(f"<b>{what[:1].upper() + what[1:]} “{_escape(entry.label)}”</b>")
                heading.setObjectName("entry")
                heading.setWordWrap(True)
                grid.addWidget(heading, grid.rowCount(), 0, 1, 3)
                for f in entry.fields:
                    self._add_row(
                        f.path,
                        field_label(f.name, _, entry.kind),
                        shown_value(f.name, f.mine, _),
                        shown_value(f.name, f.theirs, _),
                    )
        grid.setRowStretch(grid.rowCount(), 1)  # the conflicts at the top, the space below
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        later = buttons.addButton(_("Decide later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("later")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _add_row(self, key: Any, place_text: str, mine: Any, theirs: Any) -> None:
        """One conflict: where it is, then mine and theirs each with its choice."""
        from desktop_app.services.bundles import as_text

        _ = self.ui.gettext
        grid = self._grid
        row = grid.rowCount()
        place = QLabel(place_text)
        place.setWordWrap(True)
        place.setMinimumWidth(110)  # "Position held from", "이름 (영문)" on one line or two
        place.setMaximumWidth(160)
        grid.addWidget(place, row, 0)
        for column, (value, label) in enumerate(
            ((mine, _("Keep mine")), (theirs, _("Take theirs"))), start=1
        ):
            cell = QWidget()
            layout = QVBoxLayout(cell)
            layout.setContentsMargins(0, 0, 0, 0)
            view = QPlainTextEdit(as_text(value))
            view.setReadOnly(True)
            view.setAccessibleName(f"{place_text}: {label}")
            # as tall as the longer side's text wraps to, within reason: a one-line
            # subject does not get a page of empty box
            lines = max(len(as_text(v)) // 45 + as_text(v).count("\n") + 1 for v in (mine, theirs))
            view.setFixedHeight(view.fontMetrics().lineSpacing() * min(lines + 1, 14) + 12)
            button = QRadioButton(label)
            layout.addWidget(view)
            layout.addWidget(button)
            grid.addWidget(cell, row, column)
            (self.mine_buttons if column == 1 else self.theirs_buttons)[key] = button
        group = QButtonGroup(self)
        group.addButton(self.mine_buttons[key])
        group.addButton(self.theirs_buttons[key])
        self.mine_buttons[key].setChecked(True)
        self.groups[key] = group

    def choices(self) -> dict[Any, str]:
        """Each conflict's choice as the radio buttons say."""
        return {
            key: "theirs" if self.theirs_buttons[key].isChecked() else "mine" for key in self.groups
        }

    def apply(self) -> None:
        """Save the choices; a sentence (and the dialog stays) if that fails."""
        with errors.user_errors(self, self.ui):
            if self.draft_id is not None:
                self.changes = self.bundles.resolve(self.draft_id, self.choices())
            else:
                self.changes = self.bundles.resolve_entries(self.choices())
            self.accept()


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)
