"""File › Backups…: the rolling backups by date with their number of drafts; back up now,
restore one (after a confirmation; the current file is kept aside, never overwritten), and
how many are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import errors, prompts

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.services import BackupInfo, BackupService


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BackupsDialog(QDialog):
    """The backups of the open database. `restored` is called after a restore."""

    def __init__(
        self,
        backups: BackupService,
        ui: UiLanguage,
        parent: QWidget | None = None,
        *,
        restored: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        _ = ui.gettext
        self.ui = ui
        self.backups = backups
        self._restored = restored
        self.setWindowTitle(_("Backups"))
        self.resize(620, 420)
        intro = QLabel(
            _(
                "Dari copies all your drafts here at the first start of each day and before "
                "every update of its database. Restoring a backup keeps your current file "
                "beside it, unchanged."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Drafts"), _("File")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.back_up = QPushButton(_("Back up now"), self)
        self.restore = QPushButton(_("Restore…"), self)
        self.kept = QSpinBox(self)
        self.kept.setRange(1, 365)
        self.kept.setValue(backups.kept)
        self.kept.setSuffix(" " + _("backups kept"))
        row = QHBoxLayout()
        row.addWidget(self.back_up)
        row.addWidget(self.restore)
        row.addStretch(1)
        row.addWidget(self.kept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.back_up.clicked.connect(self.back_up_now)
        self.restore.clicked.connect(self.restore_selected)
        self.kept.editingFinished.connect(self._keep)
        self.table.itemSelectionChanged.connect(self._update)
        self._infos: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        """List the backups, newest first."""
        _ = self.ui.gettext
        with errors.user_errors(self, self.ui):
            self._infos = self.backups.list()
        self.table.setRowCount(len(self._infos))
        for row, info in enumerate(self._infos):
            when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
            drafts = str(info.drafts) if info.readable else _("damaged")
            for column, text in enumerate((when, drafts, info.name)):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self._infos:
            self.table.selectRow(0)
        self._update()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._infos[rows[0].row()] if rows else None

    def _update(self) -> None:
        chosen = self.selected()
        self.restore.setEnabled(chosen is not None and chosen.readable)

    def _keep(self) -> None:
        with errors.user_errors(self, self.ui):
            self.backups.set_kept(self.kept.value())
        self.reload()

    def back_up_now(self) -> None:
        with errors.user_errors(self, self.ui):
            self.backups.create()
        self.reload()

    def restore_selected(self) -> None:
        _ = self.ui.gettext
        chosen = self.selected()
        if chosen is None:
            return
        when = chosen.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        question = _(
            "Restore the backup of {when} ({count} drafts)? The drafts as they are now are "
            "kept in a separate file, unchanged; changes made since {when} will not be in "
            "the list."
        ).format(when=when, count=chosen.drafts)
        if not prompts.ask(self, _("Restore a backup"), question, _("Restore")):
            return
        with errors.user_errors(self, self.ui):
            aside = self.backups.restore(chosen.name)
            if aside is not None:
                prompts.inform(
                    self,
                    _("Backup restored"),
                    _("The backup is restored. Your file as it was is kept as “{path}”.").format(
                        path=aside
                    ),
                )
            if self._restored is not None:
                self._restored()
        self.reload()
