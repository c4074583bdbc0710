"""The mail merge dialog: the export dialog's choices, the recipients, then one document per
recipient written on a worker thread with a progress dialog and Cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QProgressDialog, QVBoxLayout, QWidget

from desktop_app.domain.letter import Letter
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog, with_formats
from desktop_app.gui.errors import KNOWN_ERRORS, sentence
from desktop_app.gui.merge.recipients import RecipientChooser
from desktop_app.gui.merge.worker import MergeWorker
from desktop_app.services.changes import OpChanges
from desktop_app.services.merge import merge_names, merge_total

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.settings import Settings
    from desktop_app.services import ExportRequest, Services
    from desktop_app.services.merge import MergeOutcome

SHOWN_NAMES = 50  # the Files list shows the first names, then "… and N more"


def show_merged(parent: QWidget, title: str, text: str, open_label: str) -> bool:
    """Say what the merge wrote, with "Open folder"; True when the person asks for the
    folder. Tests replace this function."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    folder = box.addButton(open_label, QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
    return box.clickedButton() is folder


class MergeDialog(ExportDialog):
    """One letter to a list or chosen recipients: a document each, and the log records them."""

    merged = Signal(object)  # the merge's OpChanges, for the window to apply
    file_written = Signal(int, int, str)  # files written, files in all, the path (UI thread)

    def __init__(
        self,
        services: Services,
        draft_id: int,
        settings: Settings,
        ui: UiLanguage,
        parent: QWidget | None = None,
    ) -> None:
        self.services = services
        super().__init__(services.drafts, draft_id, settings, ui, parent)
        self.setObjectName("mergeDialog")
        self.worker: MergeWorker | None = None
        self.progress: QProgressDialog | None = None
        self.outcome: MergeOutcome | None = None

    # -- building (ExportDialog calls these from its __init__) ------------------------------

    def _build(self) -> None:
        super()._build()
        letter = self.document
        day = letter.date if isinstance(letter, Letter) and letter.date else date.today()
        self.chooser = RecipientChooser(self.services.contacts, day, self.ui, self)
        self.recipients_group = QGroupBox()
        self.recipients_group.setObjectName("mergeRecipientsGroup")
        QVBoxLayout(self.recipients_group).addWidget(self.chooser)
        self.combined_box = QCheckBox()
        self.combined_box.setObjectName("mergeCombined")
        self.combined_box.toggled.connect(self.refresh)
        self.form.addRow(QLabel(), self.combined_box)
        self.result_label = QLabel(wordWrap=True)
        self.result_label.setObjectName("mergeResult")
        self.result_label.hide()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.recipients_group, 1)
            layout.insertWidget(layout.count() - 1, self.result_label)
        self.chooser.changed.connect(self.refresh)
        self.setMinimumWidth(640)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        super().retranslate()
        title = self.document.title.get(self.ui.language) or self.document.title.ko
        self.setWindowTitle(
            _("Mail merge “{title}”").format(title=title) if title else _("Mail merge")
        )
        self.recipients_group.setTitle(_("Recipients"))
        self.combined_box.setText(_("Also one combined file of all the letters, for printing"))
        self.export_button.setText(_("Merge"))

    # -- the live part ----------------------------------------------------------------------

    def _plan_names(self, request: ExportRequest) -> list[str]:
        names = merge_names(
            self.document,
            self.chooser.recipients(),
            request,
            date.today(),
            combined=self.combined_box.isChecked(),
        )
        if len(names) > SHOWN_NAMES:
            more = self.ui.ngettext(
                "… and {count} more", "… and {count} more", len(names) - SHOWN_NAMES
            )
            names = [*names[:SHOWN_NAMES], more.format(count=len(names) - SHOWN_NAMES)]
        return names

    def targets(self) -> list[Path]:
        names = merge_names(
            self.document,
            self.chooser.recipients(),
            self.request(),
            date.today(),
            combined=self.combined_box.isChecked(),
        )
        return [self.folder() / name for name in with_formats(names, self.request())]

    def refresh(self) -> None:
        super().refresh()
        chooser = getattr(self, "chooser", None)
        if chooser is not None and (not chooser.recipients() or chooser.problems()):
            self.export_button.setEnabled(False)

    # -- merging ------------------------------------------------------------------------------

    def export(self) -> None:
        """Start the merge on a worker thread (the button says Merge)."""
        _ = self.ui.gettext
        title = _("Mail merge")
        if self.worker is not None:
            return
        recipients = self.chooser.recipients()
        if not recipients or self.chooser.problems():
            text = "\n".join(self.chooser.problems()) or _(
                "Choose a list or at least one recipient."
            )
            export_dialog.inform(self, title, text)
            return
        if not self._ready_to_write(title, _("Merge anyway?"), _("Merge anyway")):
            return
        overwrite = self._replace_ok(title)
        if overwrite is None:
            return
        self.result_label.hide()
        self.outcome = None
        worker = MergeWorker(
            self.services.merge,
            self.draft_id,
            recipients,
            self.request(),
            self.folder(),
            combined=self.combined_box.isChecked(),
            overwrite=overwrite,
            parent=self,
        )
        total = merge_total(recipients, self.request(), self.combined_box.isChecked())
        self.progress = QProgressDialog(self)
        self.progress.setObjectName("mergeProgress")
        self.progress.setWindowTitle(title)
        self.progress.setLabelText(
            _("Making the Word files, then every PDF in one go…")
            if self.request().wants_pdf()
            else _("Starting the merge…")
        )
        self.progress.setCancelButtonText(_("Cancel"))
        self.progress.setRange(0, total)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self.cancel_merge)
        worker.progressed.connect(self._progressed)
        worker.merge_finished.connect(self._merge_finished)
        worker.merge_failed.connect(self._merge_failed)
        self.worker = worker
        self.export_button.setEnabled(False)
        self.progress.show()
        worker.start()

    def cancel_merge(self) -> None:
        """Ask the running merge to stop after the file it is writing."""
        if self.worker is None:
            return
        self.worker.request_cancel()
        if self.progress is not None:
            self.progress.setLabelText(self.ui.gettext("Stopping after this file…"))

    def is_merging(self) -> bool:
        return self.worker is not None

    def _progressed(self, done: int, total: int, path: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            if not (self.worker and self.worker.cancel_requested):
                text = self.ui.gettext("File {done} of {total}: {name}")
                self.progress.setLabelText(
                    text.format(done=done, total=total, name=Path(path).name)
                )
        self.file_written.emit(done, total, path)

    def _end_worker(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel_merge)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self.worker is not None:
            self.worker.wait()  # it has emitted its last signal: returns at once
            self.worker.deleteLater()
            self.worker = None
        self.refresh()

    def _merge_finished(self, outcome: MergeOutcome) -> None:
        _ = self.ui.gettext
        self._end_worker()
        self.outcome = outcome
        folder = self.folder()
        self.settings.remember_export_folder(self.document.KIND, str(folder))
        self.merged.emit(outcome.changes)
        done = len(outcome.files)
        if outcome.cancelled:
            text = self.ui.ngettext(
                "Stopped after {done} of {total} file; files 1 to {done} are complete.",
                "Stopped after {done} of {total} files; files 1 to {done} are complete.",
                outcome.total,
            ).format(done=done, total=outcome.total)
            if done == 0:
                text = _("Stopped before the first file; nothing was written.")
            self.result_label.setText(text)
            self.result_label.show()
            return
        text = self.ui.ngettext(
            "{count} file written in {folder}.", "{count} files written in {folder}.", done
        ).format(count=done, folder=folder)
        for notice in outcome.notices:
            text += "\n\n" + sentence(notice, self.ui)
        if show_merged(self, _("Mail merge"), text, _("Open folder")):
            export_dialog.open_folder(folder)
        self.accept()

    def _merge_failed(self, error: Exception) -> None:
        self._end_worker()
        if not isinstance(error, KNOWN_ERRORS):
            raise error  # our bug: the excepthook logs it and shows it as one
        export_dialog.inform(self, self.ui.gettext("Mail merge"), sentence(error, self.ui))
        self.merged.emit(OpChanges(export_log=True))  # files written before it failed are logged

    def reject(self) -> None:  # Qt override: Esc or Close while merging cancels instead
        if self.worker is not None:
            self.cancel_merge()
            return
        super().reject()
