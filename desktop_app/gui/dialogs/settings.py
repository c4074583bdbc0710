"""The Settings dialog: UI language, default styles, the organisation profile, export folder,
the shared database's address."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.prompts import FILE_DIALOG_OPTIONS
from desktop_app.gui.settings import DATE_STYLES, EN_STYLES, KO_STYLES, Settings
from desktop_app.i18n.errors import user_message
from desktop_app.services import PRESETS, DateStyle, StorageError, checked_url, format_date
from desktop_app.services.live import default_editor_name

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage

THUMBNAIL_SIZE = 96
EXAMPLE_DATE = date(2024, 4, 18)
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}  # each in its own language, never translated


def choose_folder(parent: QWidget, title: str, start: str) -> str:
    """Ask for a folder; "" when the person cancels. Tests replace this function."""
    only_dirs = QFileDialog.Option.ShowDirsOnly
    return QFileDialog.getExistingDirectory(parent, title, start, only_dirs | FILE_DIALOG_OPTIONS)


def choose_program(parent: QWidget, title: str, start: str) -> str:
    """Ask for a program file (soffice, soffice.exe, LibreOffice.app); "" when cancelled.
    Tests replace this function."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, title, start, "", options=FILE_DIALOG_OPTIONS
    )
    return str(path)


def choose_image(parent: QWidget, title: str, start: str, filter_text: str) -> str:
    """Ask for an image file; "" when the person cancels. Tests replace this function."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, title, start, filter_text, options=FILE_DIALOG_OPTIONS
    )
    return path


def inform(parent: QWidget, title: str, text: str) -> None:
    """Tell the person something went wrong and how to fix it. Tests replace this function."""
    QMessageBox.warning(parent, title, text)


def date_style_label(code: str, gettext: Callable[[str], str]) -> str:
    """ "UN style: 18 April 2024" for a date style code, in the UI language."""
    _ = gettext
    example = format_date(EXAMPLE_DATE, "en", DateStyle(code))
    if code == "us":
        return _("US style: {example}").format(example=example)
    return _("UN style: {example}").format(example=example)


def thumbnail(path: str) -> QPixmap | None:
    """The image at `path` scaled to fit the thumbnail, or None when it cannot be read."""
    image = QImage(path) if path else QImage()
    if image.isNull():
        return None
    return QPixmap.fromImage(
        image.scaled(
            THUMBNAIL_SIZE,
            THUMBNAIL_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )


class SettingsDialog(QDialog):
    """Edits the Settings; OK writes them, Cancel leaves them (and the UI language) as they were."""

    def __init__(self, settings: Settings, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ui = ui
        self._original_language = ui.language
        self._logo_path = settings.org_logo_path
        self.setObjectName("settingsDialog")
        self._build()
        self._load()
        self.retranslate()
        ui.changed.connect(self.retranslate)
        self.language_box.currentIndexChanged.connect(self._language_chosen)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.setMinimumWidth(560)  # room for a database address and the hints beside it
        general = QWidget()
        self.general_form = QFormLayout(general)
        self.language_box = QComboBox()
        self.language_box.setObjectName("uiLanguage")
        for code in ("ko", "en"):
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.style_ko_box = self._combo("styleKo", KO_STYLES)
        self.style_en_box = self._combo("styleEn", EN_STYLES)
        self.date_style_box = self._combo("dateStyle", DATE_STYLES)
        self.folder_edit = self._line("exportFolder")
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("chooseExportFolder")
        self.folder_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.general_form.addRow(QLabel(), self.language_box)
        self.general_form.addRow(QLabel(), self.style_ko_box)
        self.general_form.addRow(QLabel(), self.style_en_box)
        self.general_form.addRow(QLabel(), self.date_style_box)
        self.general_form.addRow(QLabel(), folder_row)
        self.libreoffice_edit = self._line("libreofficePath")
        self.libreoffice_button = QPushButton()
        self.libreoffice_button.setObjectName("chooseLibreoffice")
        self.libreoffice_button.clicked.connect(self._choose_libreoffice)
        libreoffice_row = QHBoxLayout()
        libreoffice_row.addWidget(self.libreoffice_edit, 1)
        libreoffice_row.addWidget(self.libreoffice_button)
        self.general_form.addRow(QLabel(), libreoffice_row)
        # A shared PostgreSQL database (issue 14): its address, never its password
        self.database_edit = self._line("databaseUrl")
        self.general_form.addRow(QLabel(), self.database_edit)
        self.database_hint = QLabel()
        self.database_hint.setObjectName("databaseUrlHint")
        self.database_hint.setWordWrap(True)
        self.general_form.addRow(self.database_hint)
        self.editor_name_edit = self._line("editorName")
        self.editor_name_edit.setMaxLength(80)
        self.general_form.addRow(QLabel(), self.editor_name_edit)
        self.tabs.addTab(general, "")

        profile = QWidget()
        self.profile_form = QFormLayout(profile)
        self.name_ko_edit = self._line("orgNameKo")
        self.name_en_edit = self._line("orgNameEn")
        self.address_ko_edit = self._address("orgAddressKo")
        self.address_en_edit = self._address("orgAddressEn")
        self.phone_edit = self._line("orgPhone")
        self.email_edit = self._line("orgEmail")
        self.logo_label = QLabel()
        self.logo_label.setObjectName("logoThumbnail")
        self.logo_label.setFixedSize(THUMBNAIL_SIZE + 8, THUMBNAIL_SIZE + 8)
        self.logo_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_label.setWordWrap(True)
        self.logo_button = QPushButton()
        self.logo_button.setObjectName("chooseLogo")
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_remove_button = QPushButton()
        self.logo_remove_button.setObjectName("removeLogo")
        self.logo_remove_button.clicked.connect(lambda: self._set_logo(""))
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.logo_remove_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        for editor in (
            self.name_ko_edit,
            self.name_en_edit,
            self.address_ko_edit,
            self.address_en_edit,
            self.phone_edit,
            self.email_edit,
        ):
            self.profile_form.addRow(QLabel(), editor)
        self.profile_form.addRow(QLabel(), logo_row)
        self.tabs.addTab(profile, "")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

    @staticmethod
    def _combo(name: str, codes: tuple[str, ...]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for code in codes:
            box.addItem(code, code)
        return box

    @staticmethod
    def _line(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    @staticmethod
    def _address(name: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setObjectName(name)
        editor.setTabChangesFocus(True)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
        return editor

    # -- text in the UI language --------------------------------------------------------

    def retranslate(self) -> None:
        """Label everything in the current UI language."""
        _ = self.ui.gettext
        self.setWindowTitle(_("Settings"))
        self.tabs.setTabText(0, _("General"))
        self.tabs.setTabText(1, _("Organisation profile"))
        self.folder_button.setText(_("Choose…"))
        self.libreoffice_button.setText(_("Browse…"))
        self.libreoffice_edit.setPlaceholderText(_("Found by itself"))
        self.database_edit.setPlaceholderText(_("Empty: the drafts on this computer"))
        self.editor_name_edit.setPlaceholderText(
            _("Empty: your login and computer name ({name})").format(name=default_editor_name())
        )
        self.editor_name_edit.setToolTip(
            _(
                "Colleagues on the same database see it beside a draft you have open "
                "(“Being edited by …”)."
            )
        )
        self.database_hint.setText(
            _(
                "A database the office shares, as postgresql+psycopg://USER@HOST/DATABASE, with "
                "no password in it: Dari asks for the password when it connects (or reads it "
                "from your .pgpass file). Dari opens it the next time it starts."
            )
        )
        self.logo_button.setText(_("Choose…"))
        self.logo_remove_button.setText(_("Remove"))
        for box, codes in ((self.style_ko_box, KO_STYLES), (self.style_en_box, EN_STYLES)):
            for i, code in enumerate(codes):
                box.setItemText(i, _(PRESETS[code].label))
        for i, code in enumerate(DATE_STYLES):
            self.date_style_box.setItemText(i, date_style_label(code, _))
        rows = (
            (self.general_form, 0, self.language_box, Settings.ui_language.title),
            (self.general_form, 1, self.style_ko_box, Settings.style_ko.title),
            (self.general_form, 2, self.style_en_box, Settings.style_en.title),
            (self.general_form, 3, self.date_style_box, Settings.date_style.title),
            (self.general_form, 4, self.folder_edit, Settings.export_folder.title),
            (self.general_form, 5, self.libreoffice_edit, Settings.libreoffice_path.title),
            (self.general_form, 6, self.database_edit, Settings.database_url.title),
            (self.general_form, 8, self.editor_name_edit, Settings.editor_name.title),
            (self.profile_form, 0, self.name_ko_edit, Settings.org_name_ko.title),
            (self.profile_form, 1, self.name_en_edit, Settings.org_name_en.title),
            (self.profile_form, 2, self.address_ko_edit, Settings.org_address_ko.title),
            (self.profile_form, 3, self.address_en_edit, Settings.org_address_en.title),
            (self.profile_form, 4, self.phone_edit, Settings.org_phone.title),
            (self.profile_form, 5, self.email_edit, Settings.org_email.title),
            (self.profile_form, 6, self.logo_label, Settings.org_logo_path.title),
        )
        for form, row, widget, title in rows:
            text = _(title)
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(text + ":")
                label.setBuddy(widget)
            widget.setAccessibleName(text)
        self.folder_button.setAccessibleName(_("Choose the default export folder"))
        self.libreoffice_button.setAccessibleName(_("Choose LibreOffice's program"))
        self.logo_button.setAccessibleName(_("Choose the logo image"))
        self.logo_remove_button.setAccessibleName(_("Remove the logo image"))
        self._show_logo()

    # -- values -------------------------------------------------------------------------

    def _load(self) -> None:
        s = self.settings
        self._select(self.language_box, self.ui.language)  # what the person sees now
        self._select(self.style_ko_box, s.style_ko)
        self._select(self.style_en_box, s.style_en)
        self._select(self.date_style_box, s.date_style)
        self.folder_edit.setText(s.export_folder)
        self.libreoffice_edit.setText(s.libreoffice_path)
        self.database_edit.setText(s.database_url)
        self.editor_name_edit.setText(s.editor_name)
        self.name_ko_edit.setText(s.org_name_ko)
        self.name_en_edit.setText(s.org_name_en)
        self.address_ko_edit.setPlainText(s.org_address_ko)
        self.address_en_edit.setPlainText(s.org_address_en)
        self.phone_edit.setText(s.org_phone)
        self.email_edit.setText(s.org_email)
        for edit in (
            self.folder_edit,
            self.database_edit,
            self.name_ko_edit,
            self.name_en_edit,
            self.email_edit,
        ):
            edit.setCursorPosition(0)  # show the start of a long name, not its end

    @staticmethod
    def _select(box: QComboBox, code: str) -> None:
        index = box.findData(code)
        box.setCurrentIndex(max(index, 0))

    def accept(self) -> None:
        """Check what can be checked, write every setting, close."""
        _ = self.ui.gettext
        email = self.email_edit.text().strip()
        if email and "@" not in email:
            inform(
                self, _("Settings"), _("“{email}” is not an e-mail address.").format(email=email)
            )
            self.tabs.setCurrentIndex(1)
            self.email_edit.setFocus()
            return
        folder = self.folder_edit.text().strip()
        changed = folder != self.settings.export_folder
        if folder and changed and not Path(folder).expanduser().is_dir():
            text = _("The folder {folder} does not exist; choose another one.")
            inform(self, _("Settings"), text.format(folder=folder))
            self.tabs.setCurrentIndex(0)
            self.folder_edit.setFocus()
            return
        libreoffice = self.libreoffice_edit.text().strip()
        if libreoffice and not Path(libreoffice).expanduser().exists():
            text = _("{path} does not exist; choose LibreOffice's program (soffice).")
            inform(self, _("Settings"), text.format(path=libreoffice))
            self.tabs.setCurrentIndex(0)
            self.libreoffice_edit.setFocus()
            return
        try:  # a password in it is refused (it would be kept in the clear), the text kept
            database_url = checked_url(self.database_edit.text())
        except StorageError as error:
            inform(self, _("Settings"), user_message(error, _))
            self.tabs.setCurrentIndex(0)
            self.database_edit.setFocus()
            return
        s = self.settings
        s.database_url = database_url
        s.editor_name = " ".join(self.editor_name_edit.text().split())  # one line
        s.libreoffice_path = str(Path(libreoffice).expanduser()) if libreoffice else ""
        s.ui_language = self.language_box.currentData()
        s.style_ko = self.style_ko_box.currentData()
        s.style_en = self.style_en_box.currentData()
        s.date_style = self.date_style_box.currentData()
        if folder:
            s.export_folder = str(Path(folder).expanduser())
        else:
            s.reset("export_folder")  # back to the Documents folder
        s.org_name_ko = self.name_ko_edit.text().strip()
        s.org_name_en = self.name_en_edit.text().strip()
        s.org_address_ko = self.address_ko_edit.toPlainText().strip()
        s.org_address_en = self.address_en_edit.toPlainText().strip()
        s.org_phone = self.phone_edit.text().strip()
        s.org_email = email
        s.org_logo_path = self._logo_path
        self._original_language = self.ui.language
        super().accept()

    def reject(self) -> None:
        """Close without writing; a language tried out in the dialog is undone."""
        if self.ui.language != self._original_language:
            self.ui.set_language(self._original_language)
        super().reject()

    def _language_chosen(self) -> None:
        self.ui.set_language(self.language_box.currentData())

    def _choose_folder(self) -> None:
        _ = self.ui.gettext
        folder = choose_folder(self, _("Choose the default export folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(str(Path(folder)))

    def _choose_libreoffice(self) -> None:
        _ = self.ui.gettext
        path = choose_program(self, _("Choose LibreOffice's program"), self.libreoffice_edit.text())
        if path:
            self.libreoffice_edit.setText(str(Path(path)))

    def _choose_logo(self) -> None:
        _ = self.ui.gettext
        start = str(Path(self._logo_path).parent) if self._logo_path else ""
        images = _("Images") + " (*.png *.jpg *.jpeg *.gif *.bmp)"
        path = choose_image(self, _("Choose the logo image"), start, images)
        if not path:
            return
        if thumbnail(path) is None:
            text = _("{file} is not an image Dari can read; choose a PNG or JPEG file.")
            inform(self, _("Settings"), text.format(file=path))
            return
        self._set_logo(str(Path(path)))

    def _set_logo(self, path: str) -> None:
        self._logo_path = path
        self._show_logo()

    def _show_logo(self) -> None:
        _ = self.ui.gettext
        pixmap = thumbnail(self._logo_path)
        self.logo_remove_button.setEnabled(bool(self._logo_path))
        if pixmap is not None:
            self.logo_label.setPixmap(pixmap)
            self.logo_label.setToolTip(self._logo_path)
            return
        self.logo_label.setPixmap(QPixmap())
        self.logo_label.setText(_("The file is missing") if self._logo_path else _("No logo"))
        self.logo_label.setToolTip(self._logo_path)

    @property
    def logo_path(self) -> str:
        """The logo chosen in the dialog (written on OK)."""
        return self._logo_path
