"""The Export dialog: languages, layout, styles, folder, the real file names, then .docx files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import Finding, check, describe
from desktop_app.domain.glossary import check_terms
from desktop_app.gui import prompts
from desktop_app.gui.dialogs.settings import date_style_label
from desktop_app.gui.errors import sentence
from desktop_app.gui.merge.worker import TaskWorker, run_with_progress
from desktop_app.gui.settings import DATE_STYLES, Settings
from desktop_app.gui.window.translation_status import glossary_lines
from desktop_app.services import (
    PRESETS,
    ComposeOptions,
    DariError,
    DateStyle,
    DraftService,
    ExportRequest,
    Layout,
    StorageError,
    default_preset,
    export_omissions,
    plan_export,
    presets_for,
)
from desktop_app.services.export import (
    FORMATS,
    ExportCancelled,
    ExportResult,
    Languages,
    Progress,
    output_targets,
)

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

LANGUAGES: tuple[Languages, ...] = ("ko", "en", "both")
LAYOUTS = (Layout.SEPARATE, Layout.COMBINED, Layout.SIDE_BY_SIDE)


def with_formats(names: list[str], request: ExportRequest) -> list[str]:
    """The .docx names a plan gives, as the chosen format writes them (.pdf, or both)."""
    out: list[str] = []
    for name in names:
        if not name.endswith(".docx"):  # "… and 3 more"
            out.append(name)
            continue
        out += [path.name for path in output_targets([Path(name)], request)]
    return out


def folder_dialog(parent: QWidget, title: str, start: str) -> QFileDialog:
    """Qt's own folder chooser (not the system's), so it speaks the UI language."""
    dialog = QFileDialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOptions(QFileDialog.Option.ShowDirsOnly | QFileDialog.Option.DontUseNativeDialog)
    return dialog


def choose_folder(parent: QWidget, title: str, start: str) -> str:
    """Ask for a folder; "" when the person cancels. Tests replace this function."""
    dialog = folder_dialog(parent, title, start)
    try:
        chosen = dialog.selectedFiles() if dialog.exec() else []
    finally:
        dialog.deleteLater()
    return chosen[0] if chosen else ""


def inform(parent: QWidget, title: str, text: str) -> None:
    """Say what went wrong and what to do. Tests replace this function."""
    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """Export although something is missing? Yes is the default: the person asked to export,
    and the list says what is missing. Tests replace this function."""
    return prompts.ask(parent, title, text, yes, default_yes=True)


def show_exported(parent: QWidget, title: str, text: str, labels: tuple[str, str]) -> str | None:
    """Show what was written, with "Open document" and "Open folder" (`labels`); "document"
    or "folder" when the person asks for one, None when they close. Tests replace it."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    document = box.addButton(labels[0], QMessageBox.ButtonRole.ActionRole)
    folder = box.addButton(labels[1], QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    return "document" if clicked is document else "folder" if clicked is folder else None


def open_location(path: Path) -> None:
    """Hand a file or folder to the system (Word opens a .docx, the file manager a folder)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(folder: Path) -> None:
    """Show `folder` in the system's file manager. Tests replace this function."""
    open_location(folder)


def open_document(path: Path) -> None:
    """Open an exported file in the program the system opens .docx files with. Tests
    replace this function."""
    open_location(path)


def busy_progress(parent: QWidget, title: str, label: str, cancel: str) -> QProgressDialog:
    """A busy bar with Cancel over `parent` while one task runs on a worker thread."""
    progress = QProgressDialog(label, cancel, 0, 0, parent)
    progress.setObjectName("busyProgress")
    progress.setWindowTitle(title)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    return progress


class ExportDialog(QDialog):
    """Chooses how to export one draft, shows the files it will write, writes them."""

    exported = Signal(list)  # list[pathlib.Path] written

    def __init__(
        self,
        service: DraftService,
        draft_id: int,
        settings: Settings,
        ui: UiLanguage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.draft_id = draft_id
        self.settings = settings
        self.ui = ui
        self.document = service.load(draft_id).document
        self._findings = check(self.document)
        self._term_findings = check_terms(self.document, service.glossary())
        self._planned: list[str] = []
        self._plan_problem = ""
        self.worker: Any = None  # the export being written (TaskWorker; the set's own)
        self.setObjectName("exportDialog")
        self._build()
        self._select(self.style_ko_box, self._chosen_style("ko"))
        self._select(self.style_en_box, self._chosen_style("en"))
        self._select(self.date_style_box, "")  # the draft's own, unless changed here
        self.folder_edit.setText(settings.export_folder_for(self.document.KIND))
        self.retranslate()
        for group in (self.language_group, self.layout_group, self.format_group):
            group.idToggled.connect(self._choice_toggled)
        for box in (self.style_ko_box, self.style_en_box, self.date_style_box):
            box.currentIndexChanged.connect(self.refresh)
        self.folder_edit.textChanged.connect(self.refresh)
        ui.changed.connect(self.retranslate)
        self.refresh()

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.form = QFormLayout()
        self.language_group, language_row = self._radios(("langKo", "langEn", "langBoth"), 2)
        self.layout_group, layout_row = self._radios(("separate", "combined", "sideBySide"), 0)
        kind = self.document.KIND  # a letter's styles, or a brief's paper and OHCHR list
        self.style_ko_box = self._combo("styleKo", tuple(p.key for p in presets_for(kind, "ko")))
        self.style_en_box = self._combo("styleEn", tuple(p.key for p in presets_for(kind, "en")))
        self.date_style_box = self._combo("dateStyle", ("", *DATE_STYLES))
        self.format_group, format_row = self._radios(
            ("formatDocx", "formatPdf", "formatBoth"),
            FORMATS.index(self.settings.export_format),
        )
        self.pdfa_box = QCheckBox()
        self.pdfa_box.setObjectName("pdfa")
        self.pdfa_box.toggled.connect(self.refresh)
        format_row.insertWidget(format_row.count() - 1, self.pdfa_box)
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("exportFolder")
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.setAutoDefault(False)  # Enter exports; the picker opens on a click
        self.folder_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.files_list = QListWidget()
        self.files_list.setObjectName("plannedFiles")
        self.files_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.status_label = QLabel(wordWrap=True)
        self.status_label.setObjectName("exportStatus")
        self.status_label.setStyleSheet("color: #9a4d00;")
        rows: tuple[QWidget | QLayout, ...] = (
            language_row,
            layout_row,
            self.style_ko_box,
            self.style_en_box,
            self.date_style_box,
            format_row,
            folder_row,
            self.files_list,
        )
        for row in rows:
            self.form.addRow(QLabel(), row)
        self.form.addRow(QLabel(), self.status_label)

        self.check_group = QGroupBox()
        self.check_group.setObjectName("checkSummary")
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("findings")
        self.findings_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        self.no_findings_label = QLabel(wordWrap=True)
        self.no_findings_label.setObjectName("noFindings")
        check_layout = QVBoxLayout(self.check_group)
        check_layout.addWidget(self.findings_list)
        check_layout.addWidget(self.no_findings_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        for button in self.buttons.buttons():  # a focused button would take Enter for itself
            if isinstance(button, QPushButton):
                button.setAutoDefault(button is self.export_button)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.check_group)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _radios(self, names: tuple[str, ...], checked: int) -> tuple[QButtonGroup, QHBoxLayout]:
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for i, name in enumerate(names):
            button = QRadioButton()
            button.setObjectName(name)
            group.addButton(button, i)
            row.addWidget(button)
        row.addStretch(1)
        group.button(checked).setChecked(True)
        return group, row

    @staticmethod
    def _combo(name: str, codes: tuple[str, ...]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for code in codes:
            box.addItem(code, code)
        return box

    def _chosen_style(self, lang: str) -> str:
        """The settings' style for a letter; the kind's default for any other document."""
        kind = self.document.KIND
        if kind == "letter":
            return str(self.settings.style_ko if lang == "ko" else self.settings.style_en)
        return default_preset(kind, lang).key

    @staticmethod
    def _select(box: QComboBox, code: str) -> None:
        box.setCurrentIndex(max(box.findData(code), 0))

    # -- text in the UI language --------------------------------------------------------

    def retranslate(self) -> None:
        """Label everything in the current UI language."""
        _ = self.ui.gettext
        title = self.document.title.get(self.ui.language) or self.document.title.ko
        self.setWindowTitle(_("Export “{title}”").format(title=title) if title else _("Export"))
        for i, text in enumerate((_("Korean"), _("English"), _("Korean and English"))):
            self.language_group.button(i).setText(text)
        layouts = (_("Separate files"), _("One file, Korean then English"), _("Side by side"))
        for i, text in enumerate(layouts):
            self.layout_group.button(i).setText(text)
        for box in (self.style_ko_box, self.style_en_box):
            for i in range(box.count()):
                box.setItemText(i, _(PRESETS[box.itemData(i)].label))
        own = getattr(self.document, "date_style", DateStyle.UN).value
        self.date_style_box.setItemText(
            0, _("As in the draft ({style})").format(style=date_style_label(own, _))
        )
        for i, code in enumerate(DATE_STYLES, start=1):
            self.date_style_box.setItemText(i, date_style_label(code, _))
        labels = (
            (_("Languages"), self.language_group.button(0)),
            (_("Layout"), self.layout_group.button(0)),
            (_("Korean style"), self.style_ko_box),
            (_("English style"), self.style_en_box),
            (_("English dates"), self.date_style_box),
            (_("Format"), self.format_group.button(0)),
            (_("Folder"), self.folder_edit),
            (_("Files"), self.files_list),
        )
        for row, (text, buddy) in enumerate(labels):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(text + ":")
                label.setBuddy(buddy)
            buddy.setAccessibleName(text)
        self.language_group.button(0).setAccessibleName(_("Korean"))
        self.layout_group.button(0).setAccessibleName(_("Separate files"))
        for i, text in enumerate((_("Word"), _("PDF"), _("Word and PDF"))):
            self.format_group.button(i).setText(text)
        self.format_group.button(0).setAccessibleName(_("Word"))
        self.pdfa_box.setText(_("PDF/A, for archives"))
        self.folder_button.setText(_("Choose…"))
        self.folder_button.setAccessibleName(_("Choose the folder"))
        self.check_group.setTitle(_("Still missing"))
        self.findings_list.setAccessibleName(_("Still missing"))
        self.export_button.setText(_("Export"))
        self.refresh()

    # -- the live part ------------------------------------------------------------------

    def _choice_toggled(self, _id: int, checked: bool) -> None:
        if checked:  # the button switched off fires too; refresh once
            self.refresh()

    def request(self) -> ExportRequest:
        """What the person chose, as the services take it."""
        languages = LANGUAGES[self.language_group.checkedId()]
        layout = LAYOUTS[self.layout_group.checkedId()] if languages == "both" else Layout.SEPARATE
        code = self.date_style_box.currentData()  # "": the draft's own
        return ExportRequest(
            languages=languages,
            layout=layout,
            styles={"ko": self.style_ko_box.currentData(), "en": self.style_en_box.currentData()},
            options=ComposeOptions(date_style=DateStyle(code) if code else None),
            format=FORMATS[max(self.format_group.checkedId(), 0)],
            pdfa=self.pdfa_box.isChecked(),
            libreoffice=self.settings.libreoffice_path or None,
        )

    def folder(self) -> Path:
        """The chosen folder (`~` expanded)."""
        return Path(self.folder_edit.text().strip()).expanduser()

    def planned_names(self) -> list[str]:
        """The names of the files Export will write, as shown."""
        return list(self._planned)

    def refresh(self) -> None:
        """Recompute the file names, warnings and the check summary from the choices."""
        _ = self.ui.gettext
        request = self.request()
        langs = request.langs()
        for button in self.layout_group.buttons():
            button.setEnabled(request.languages == "both")
        self.style_ko_box.setEnabled("ko" in langs)
        self.style_en_box.setEnabled("en" in langs)
        self.date_style_box.setEnabled("en" in langs)
        self.pdfa_box.setEnabled(request.wants_pdf())
        try:
            self._planned = with_formats(self._plan_names(request), request)
            self._plan_problem = ""
        except DariError as error:
            self._planned, self._plan_problem = [], sentence(error, self.ui)
        self.files_list.clear()
        folder = self.folder()
        notes = [self._plan_problem] if self._plan_problem else []
        folder_problem = self._folder_problem()
        if folder_problem:
            notes.append(folder_problem)
        file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for name in self._planned:
            item = QListWidgetItem(file_icon, name, self.files_list)
            item.setToolTip(str(folder / name))
            target = folder / name
            if folder_problem or not target.exists():
                continue
            item.setIcon(warning_icon)
            if target.is_dir():
                text = _("A folder named {file} is in the way; choose another folder.")
            else:
                text = _("Will replace the existing file {file}.")
            notes.append(text.format(file=name))
        self.status_label.setText("\n".join(notes))
        self.status_label.setVisible(bool(notes))
        self._show_findings()
        self.export_button.setEnabled(bool(self._planned))

    def _plan_names(self, request: ExportRequest) -> list[str]:
        """The names of the files the dialog will write (the mail merge's dialog names its own)."""
        return [p.file_name for p in plan_export(self.document, request, date.today())]

    def targets(self) -> list[Path]:
        """Every file Export will write, in full (the list may shorten a long merge)."""
        return [self.folder() / name for name in self._planned]

    def _replace_ok(self, title: str) -> bool | None:
        """Whether existing files may be replaced: False when there are none, True when the
        person agrees, None when they do not (nothing is written then). As Word does."""
        existing = [path for path in self.targets() if path.is_file()]
        if not existing:
            return False
        _ = self.ui.gettext
        if len(existing) == 1:
            text = _("{file} already exists. Replace it?").format(file=existing[0].name)
        else:
            text = self.ui.ngettext(
                "{count} file already exists, such as {file}. Replace it?",
                "{count} files already exist, such as {file}. Replace them?",
                len(existing),
            ).format(count=len(existing), file=existing[0].name)
        return True if ask(self, title, text, _("Replace")) else None

    def _folder_problem(self) -> str:
        _ = self.ui.gettext
        text = self.folder_edit.text().strip()
        if not text:
            return _("Choose a folder to save the files in.")
        folder = self.folder()
        if folder.is_dir():
            return ""
        if folder.exists():
            return _("{folder} is a file, not a folder; choose another folder.").format(
                folder=folder
            )
        return _("The folder {folder} does not exist; choose another one.").format(folder=folder)

    def findings(self) -> list[Finding]:
        """What check() found that matters for the chosen languages."""
        langs = self.request().langs()
        return [f for f in self._findings if f.lang is None or f.lang in langs]

    def summary_lines(self) -> list[str]:
        """The findings, what the chosen styles do not print, and the glossary's findings,
        as sentences, for the chosen languages."""
        _ = self.ui.gettext
        lines = [describe(f, _) for f in self.findings()]
        lines += [o.describe(_) for o in export_omissions(self.document, self.request())]
        return lines + glossary_lines(self._term_findings, self.request().langs(), _)

    def _show_findings(self) -> None:
        _ = self.ui.gettext
        findings = self.summary_lines()
        self.findings_list.clear()
        self.findings_list.addItems(findings)
        self.findings_list.setVisible(bool(findings))
        self.no_findings_label.setVisible(not findings)
        self.no_findings_label.setText(_("Nothing is missing in the chosen languages."))

    # -- exporting ----------------------------------------------------------------------

    def _choose_folder(self) -> None:
        _ = self.ui.gettext
        folder = choose_folder(self, _("Choose the folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(str(Path(folder)))

    def _ready_to_write(self, title: str, question_text: str, yes: str) -> bool:
        """False (having said why) when the folder or the plan is wrong, or the person does
        not want to write while something is missing (the question and its yes button)."""
        problem = self._folder_problem() or self._plan_problem
        if problem:
            inform(self, title, problem)
            return False
        findings = self.summary_lines()
        if findings:
            question = self.ui.ngettext(
                "The draft still lacks {count} thing in the chosen languages:",
                "The draft still lacks {count} things in the chosen languages:",
                len(findings),
            )
            lines = findings[:8] + (["…"] if len(findings) > 8 else [])
            text = question.format(count=len(findings)) + "\n\n" + "\n".join(lines)
            if not ask(self, title, text + "\n\n" + question_text, yes):
                return False
        return True

    def export(self) -> None:
        """Write the files on a worker thread (LibreOffice's PDF takes seconds), with a busy
        bar and Cancel, the event loop turning meanwhile; the dialog stays until it is done.
        On success report them and close, on failure or Cancel say so and stay."""
        _ = self.ui.gettext
        title = _("Export")
        if self.worker is not None:  # Enter pressed again, or a second call while writing
            inform(self, title, _("An export is already running; wait for it or cancel it."))
            return
        if not self._ready_to_write(title, _("Export anyway?"), _("Export anyway")):
            return
        overwrite = self._replace_ok(title)
        if overwrite is None:
            return
        folder, request = self.folder(), self.request()
        service, draft_id = self.service, self.draft_id

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ExportResult:
            # the worker thread: no widget here, only the service (its own sessions)
            return service.export(
                draft_id, request, folder, overwrite=overwrite, progress=progress,
                cancelled=cancelled,
            )  # fmt: skip

        self.worker = TaskWorker(work, self)
        progress = busy_progress(self, title, _("Writing the files…"), _("Cancel"))
        self.worker.progressed.connect(
            lambda done, total, path: progress.setLabelText(
                _("File {done} of {total}: {name}").format(
                    done=done, total=total, name=Path(path).name
                )
            )
        )
        self.export_button.setEnabled(False)
        try:
            paths = run_with_progress(self.worker, progress)
        except ExportCancelled as error:
            self.refresh()
            self.status_label.setText(sentence(error, self.ui))
            self.status_label.setVisible(True)
            return
        except (DariError, StorageError) as error:
            inform(self, title, sentence(error, self.ui))
            self.refresh()
            return
        finally:
            progress.close()
            progress.deleteLater()
            self.worker.deleteLater()
            self.worker = None
            self.export_button.setEnabled(bool(self._planned))
        self.settings.remember_export_folder(self.document.KIND, str(folder))
        self.settings.export_format = self.request().format
        self.exported.emit(list(paths))
        names = "\n".join(path.name for path in paths)
        text = _("Saved in {folder}:").format(folder=folder) + "\n\n" + names
        for notice in paths.notices:
            text += "\n\n" + sentence(notice, self.ui)
        labels = (_("Open document"), _("Open folder"))
        choice = show_exported(self, _("Exported"), text, labels)
        if choice == "document" and paths:
            open_document(paths[0])
        elif choice == "folder":
            open_folder(folder)
        self.accept()

    def reject(self) -> None:  # Qt override: Esc or Close while writing cancels instead
        if self.worker is not None:
            self.worker.request_cancel()
            return
        super().reject()
