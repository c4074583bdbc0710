"""Export the set: the export dialog's choices (languages, layout, styles, Word/PDF/both,
PDF/A) for every document of an event, one folder, written on a worker thread with a
progress dialog and Cancel (as the mail merge is). Existing files are replaced only when
the person says so (the export dialog's question); a cancelled set writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QProgressDialog, QVBoxLayout, QWidget

from desktop_app.domain import Letter, check, describe
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.errors import KNOWN_ERRORS, sentence
from desktop_app.gui.events.worker import SetExportWorker
from desktop_app.services import ExportCancelled, ExportRequest, export_omissions
from desktop_app.services.changes import OpChanges

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.settings import Settings
    from desktop_app.services import Services
    from desktop_app.services.events import SetOutcome


def show_set_written(parent: QWidget, title: str, text: str, open_label: str) -> bool:
    """Say what the set export wrote, with "Open folder"; True when the person asks for
    the folder. Tests replace this function."""
    return _show(parent, title, text, open_label)


def _show(parent: QWidget, title: str, text: str, open_label: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    folder = box.addButton(open_label, QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
    return box.clickedButton() is folder


class SetExportDialog(ExportDialog):
    """Every document of one event into one folder; the export log records the set."""

    set_exported = Signal(object)  # OpChanges, for the window to apply
    finished_outcome = Signal(object)  # the SetOutcome (the events dialog remembers it)

    def __init__(
        self,
        services: Services,
        event_id: int,
        settings: Settings,
        ui: UiLanguage,
        parent: QWidget | None = None,
    ) -> None:
        self.services = services
        self.event_id = event_id
        self.set_event = services.events.get(event_id)
        self.members: list[Any] = [services.drafts.load(i) for i in self.set_event.draft_ids]
        if not self.members:
            services.events.plan(event_id, ExportRequest(), Path())  # says why
        super().__init__(services.drafts, self.members[0].id, settings, ui, parent)
        self.setObjectName("setExportDialog")
        self.worker: SetExportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.outcome: SetOutcome | None = None

    def _build(self) -> None:
        super()._build()
        self.fill_box = QCheckBox()
        self.fill_box.setObjectName("fillEnclosures")
        self.fill_box.setEnabled(any(isinstance(m.document, Letter) for m in self.members))
        self.form.addRow(QLabel(), self.fill_box)
        self.result_label = QLabel(wordWrap=True)
        self.result_label.setObjectName("setExportResult")
        self.result_label.hide()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.count() - 1, self.result_label)
        self.files_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 16)
        self.setMinimumWidth(640)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        super().retranslate()
        title = self.set_event.title_ko if self.ui.language == "ko" else self.set_event.title_en
        title = title or self.set_event.title_ko or self.set_event.title_en
        self.setWindowTitle(_("Export the set “{title}”").format(title=title))
        self.fill_box.setText(
            _("First list the other documents' files as each letter's enclosures (붙임)")
        )
        self.check_group.setTitle(_("Still missing in the documents"))
        self.export_button.setText(_("Export the set"))

    # -- the live part ------------------------------------------------------------------

    def _plan_names(self, request: ExportRequest) -> list[str]:
        files = self.services.events.plan(self.event_id, request, self.folder())
        return [f.plan.file_name for f in files]

    def summary_lines(self) -> list[str]:
        """Each document's findings and omissions, named by its title."""
        _ = self.ui.gettext
        request = self.request()
        langs = request.langs()
        lines = []
        for member in self.members:
            document = member.document
            found = [describe(f, _) for f in check(document) if f.lang is None or f.lang in langs]
            found += [o.describe(_) for o in export_omissions(document, request)]
            name = document.title.get(self.ui.language) or document.title.ko or str(member.id)
            lines += [_("“{title}”: {finding}").format(title=name, finding=f) for f in found]
        return lines

    # -- exporting ----------------------------------------------------------------------

    def export(self) -> None:
        """Start the set export on a worker thread."""
        _ = self.ui.gettext
        title = _("Export the set")
        if self.worker is not None:
            return
        if not self._ready_to_write(title, _("Export anyway?"), _("Export anyway")):
            return
        overwrite = self._replace_ok(title)
        if overwrite is None:
            return
        self.result_label.hide()
        self.outcome = None
        worker = SetExportWorker(
            self.services.events,
            self.event_id,
            self.request(),
            self.folder(),
            fill_enclosures=self.fill_box.isChecked(),
            overwrite=overwrite,
            parent=self,
        )
        self.progress = QProgressDialog(self)
        self.progress.setObjectName("setExportProgress")
        self.progress.setWindowTitle(title)
        self.progress.setLabelText(
            _("Making the Word files, then every PDF in one go…")
            if self.request().wants_pdf()
            else _("Starting the export…")
        )
        self.progress.setCancelButtonText(_("Cancel"))
        names = self.planned_names()  # a step per document file, and one for all the PDFs
        jobs = sum(name.endswith(".docx") for name in names) or len(names)
        self.progress.setRange(0, max(jobs + self.request().wants_pdf(), 1))
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self.cancel_export)
        worker.progressed.connect(self._progressed)
        worker.export_finished.connect(self._finished)
        worker.export_failed.connect(self._failed)
        self.worker = worker
        self.export_button.setEnabled(False)
        self.progress.show()
        worker.start()

    def cancel_export(self) -> None:
        """Ask the running export to stop; nothing of the set is written then."""
        if self.worker is None:
            return
        self.worker.request_cancel()
        if self.progress is not None:
            self.progress.setLabelText(self.ui.gettext("Stopping; no file will be written…"))

    def _progressed(self, done: int, total: int, path: str) -> None:
        if self.progress is None:
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        if not (self.worker and self.worker.cancel_requested):
            text = self.ui.gettext("File {done} of {total}: {name}")
            self.progress.setLabelText(text.format(done=done, total=total, name=Path(path).name))

    def _end_worker(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel_export)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self.worker is not None:
            self.worker.wait()  # it has emitted its last signal: returns at once
            self.worker.deleteLater()
            self.worker = None
        self.refresh()

    def _finished(self, outcome: SetOutcome) -> None:
        _ = self.ui.gettext
        self._end_worker()
        self.outcome = outcome
        folder = self.folder()
        self.settings.remember_export_folder(self.document.KIND, str(folder))
        self.set_exported.emit(outcome.changes)
        for draft_id in outcome.filled:  # an open letter shows its new enclosures
            self.set_exported.emit(OpChanges(draft=draft_id))
        self.finished_outcome.emit(outcome)
        done = len(outcome.files)
        if outcome.cancelled:
            self.result_label.setText(sentence(ExportCancelled(), self.ui))
            self.result_label.show()
            return
        text = self.ui.ngettext(
            "{count} file written in {folder}.", "{count} files written in {folder}.", done
        ).format(count=done, folder=folder)
        for notice in outcome.notices:  # no LibreOffice: the Word files, and why no PDF
            text += "\n\n" + sentence(notice, self.ui)
        self.settings.export_format = self.request().format
        if show_set_written(self, _("Export the set"), text, _("Open folder")):
            export_dialog.open_folder(folder)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._end_worker()
        if not isinstance(error, KNOWN_ERRORS):
            raise error  # our bug: the excepthook logs it and shows it as one
        export_dialog.inform(self, self.ui.gettext("Export the set"), sentence(error, self.ui))
        # pending log entries if it failed while renaming; a letter filled before it failed
        self.set_exported.emit(OpChanges(export_log=True, events=True, draft_list=True))

    def reject(self) -> None:  # Qt override: Esc or Close while exporting cancels instead
        if self.worker is not None:
            self.cancel_export()
            return
        super().reject()
