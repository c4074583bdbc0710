"""The merge dialog: each conflict an import left, mine beside theirs, one choice each.

A conflict is a field, or in a long text each stretch of paragraphs (`body[2].text.ko ¶3`),
that both sides changed differently; the draft holds "mine" until the person chooses.
OK saves the choices once (a revision names it); Later keeps them pending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    """The pending conflicts of one draft, side by side: mine | theirs."""

    def __init__(
        self, bundles: BundleService, draft_id: int, ui: UiLanguage, parent: QWidget | None = None
    ) -> None:
        from desktop_app.services.bundles import as_text, conflict_label

        super().__init__(parent)
        _ = ui.gettext
        self.ui = ui
        self.bundles = bundles
        self.draft_id = draft_id
        self.changes: OpChanges | None = None
        self.setWindowTitle(_("Merge: choose for each conflict"))
        self.resize(900, 560)
        intro = QLabel(
            _(
                "Both you and your colleague changed these parts differently since you last "
                "shared this draft. Your text is kept until you choose; the other version is "
                "also in the draft's revisions."
            )
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>" + _("Field") + "</b>"), 0, 0)
        grid.addWidget(QLabel("<b>" + _("Mine (this computer)") + "</b>"), 0, 1)
        grid.addWidget(QLabel("<b>" + _("Theirs (the bundle)") + "</b>"), 0, 2)
        self.groups: dict[int, QButtonGroup] = {}
        self.mine_buttons: dict[int, QRadioButton] = {}
        self.theirs_buttons: dict[int, QRadioButton] = {}
        for row, conflict in enumerate(bundles.conflicts(draft_id), start=1):
            place = QLabel(conflict_label(conflict.path, _))
            place.setWordWrap(True)
            place.setMaximumWidth(160)
            grid.addWidget(place, row, 0)
            for column, (value, label) in enumerate(
                ((conflict.mine, _("Keep mine")), (conflict.theirs, _("Take theirs"))), start=1
            ):
                cell = QWidget()
                layout = QVBoxLayout(cell)
                layout.setContentsMargins(0, 0, 0, 0)
                shown = as_text(value)
                view = QPlainTextEdit(shown)
                view.setReadOnly(True)
                # as tall as the longer side's text wraps to, within reason: a one-line
                # subject does not get a page of empty box
                lines = max(
                    len(as_text(v)) // 45 + as_text(v).count("\n") + 1
                    for v in (conflict.mine, conflict.theirs)
                )
                view.setFixedHeight(view.fontMetrics().lineSpacing() * min(lines + 1, 14) + 12)
                button = QRadioButton(label)
                layout.addWidget(view)
                layout.addWidget(button)
                grid.addWidget(cell, row, column)
                (self.mine_buttons if column == 1 else self.theirs_buttons)[conflict.id] = button
            group = QButtonGroup(self)
            group.addButton(self.mine_buttons[conflict.id])
            group.addButton(self.theirs_buttons[conflict.id])
            self.mine_buttons[conflict.id].setChecked(True)
            self.groups[conflict.id] = group
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

    def choices(self) -> dict[int, str]:
        """Each conflict's choice as the radio buttons say."""
        return {
            cid: "theirs" if self.theirs_buttons[cid].isChecked() else "mine" for cid in self.groups
        }

    def apply(self) -> None:
        """Save the choices; a sentence (and the dialog stays) if that fails."""
        with errors.user_errors(self, self.ui):
            self.changes = self.bundles.resolve(self.draft_id, self.choices())
            self.accept()
