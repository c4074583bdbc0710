"""Settings: declared, typed, persisted through a real ini file; the Settings dialog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.domain import BilingualText
from desktop_app.gui.dialogs import settings as settings_dialog
from desktop_app.gui.dialogs.settings import SettingsDialog
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.settings import SETTINGS_VERSION, Settings, documents_folder, system_language

HANGUL = re.compile("[가-힣]")

INTERFACE = {
    "ui_language": str,
    "style_ko": str,
    "style_en": str,
    "date_style": str,
    "export_folder": str,
    "export_folder_letter": str,
    "export_folder_upr_brief": str,
    "export_folder_press_notice": str,
    "export_folder_statement": str,
    "libreoffice_path": str,
    "export_format": str,
    "org_name_ko": str,
    "org_name_en": str,
    "org_address_ko": str,
    "org_address_en": str,
    "org_phone": str,
    "org_email": str,
    "org_logo_path": str,
    "window_geometry": bytes,
    "window_state": bytes,
    "last_draft_id": int,
    "lock_after_minutes": int,
    "recent_drafts": str,
    "database_url": str,
    "editor_name": str,
}


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_file: Path) -> Settings:
    return Settings(ini(settings_file))


@pytest.fixture
def ui(qapp: QApplication) -> Iterator[UiLanguage]:
    language = UiLanguage(qapp, "ko")
    yield language
    language.set_language("en")  # removes Qt's Korean translator from the shared app
    language.deleteLater()


@pytest.fixture(autouse=True)
def no_unexpected_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang the test: fail instead."""

    def unexpected(parent: object, title: str, text: str, *args: object) -> None:
        raise AssertionError(f"unexpected message: {text}")

    for name in ("inform", "choose_image", "choose_folder"):
        monkeypatch.setattr(settings_dialog, name, unexpected)


# -- Settings ---------------------------------------------------------------------------


def test_declares_exactly_the_interface_with_titles_and_defaults(settings: Settings) -> None:
    declared = Settings.declared()
    assert list(declared) == list(INTERFACE)
    for name, setting in declared.items():
        assert setting.title.strip(), name
        assert isinstance(getattr(settings, name), INTERFACE[name]), name


def test_defaults_on_a_new_file(settings: Settings, settings_file: Path) -> None:
    assert settings.ui_language == system_language()
    assert (settings.style_ko, settings.style_en, settings.date_style) == (
        "ko-letter",
        "en-letter",
        "un",
    )
    assert settings.export_folder == documents_folder()
    assert settings.org_name_ko == settings.org_logo_path == ""
    assert settings.window_geometry == b""
    assert settings.last_draft_id == 0
    assert settings.version() == SETTINGS_VERSION
    assert "version=1" in settings_file.read_text(encoding="utf-8")


def test_round_trip_through_the_ini_file(settings: Settings, settings_file: Path) -> None:
    values = {
        "ui_language": "ko",
        "style_ko": "ko-official",
        "date_style": "us",
        "export_folder": "/srv/letters, 2024",
        "org_name_ko": "(사)물망초",
        "org_name_en": "Mulmangcho",
        "org_address_ko": "서울시 종로구\n사직로8길 60",
        "org_phone": "02-000-0000",
        "org_email": "contact@example.org",
        "window_geometry": b"\x00\x01\xffgeometry",
        "last_draft_id": 42,
    }
    for name, value in values.items():
        setattr(settings, name, value)
    reopened = Settings(ini(settings_file))
    for name, value in values.items():
        assert getattr(reopened, name) == value, name


def test_a_write_emits_changed_once_and_only_on_change(qtbot, settings: Settings) -> None:
    names: list[str] = []
    settings.changed.connect(names.append)
    settings.style_ko = "ko-official"
    settings.style_ko = "ko-official"
    settings.last_draft_id = 7
    assert names == ["style_ko", "last_draft_id"]


def test_unusable_stored_values_fall_back_to_defaults(settings_file: Path) -> None:
    raw = ini(settings_file)
    raw.setValue("ui_language", "fr")
    raw.setValue("date_style", "iso")
    raw.setValue("last_draft_id", "not a number")
    raw.sync()
    settings = Settings(ini(settings_file))
    assert settings.ui_language == system_language()
    assert settings.date_style == "un"
    assert settings.last_draft_id == 0


def test_a_value_outside_the_choices_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="style_en"):
        settings.style_en = "ko-letter"
    assert settings.style_en == "en-letter"


def test_reset_brings_back_the_default(settings: Settings) -> None:
    settings.export_folder = "/somewhere"
    settings.reset("export_folder")
    assert settings.export_folder == documents_folder()


def test_upgrade_hooks_run_once_in_order(settings_file: Path) -> None:
    raw = ini(settings_file)
    raw.setValue("meta/version", 1)
    raw.setValue("old_style", "ko-official")
    raw.sync()
    ran: list[int] = []

    def to_2(qsettings: QSettings) -> None:
        ran.append(2)
        qsettings.setValue("style_ko", qsettings.value("old_style"))
        qsettings.remove("old_style")

    def to_3(qsettings: QSettings) -> None:
        ran.append(3)

    settings = Settings(ini(settings_file), version=3, upgrades={2: to_2, 3: to_3})
    assert ran == [2, 3]
    assert settings.style_ko == "ko-official"
    assert settings.version() == 3
    Settings(ini(settings_file), version=3, upgrades={2: to_2, 3: to_3})
    assert ran == [2, 3]


def test_a_file_from_a_newer_dari_keeps_its_version(settings_file: Path) -> None:
    raw = ini(settings_file)
    raw.setValue("meta/version", SETTINGS_VERSION + 5)
    raw.setValue("style_ko", "ko-official")
    raw.sync()
    settings = Settings(ini(settings_file))
    assert settings.version() == SETTINGS_VERSION + 5
    assert settings.style_ko == "ko-official"


def test_organisation_profile_as_a_domain_object(settings: Settings) -> None:
    settings.org_name_ko = "(사)물망초"
    settings.org_name_en = "Mulmangcho"
    settings.org_address_en = "60 Sajik-ro 8-gil, Seoul"
    settings.org_email = "contact@example.org"
    organisation = settings.organisation()
    assert organisation.name == BilingualText.of("(사)물망초", "Mulmangcho")
    assert organisation.address.en == "60 Sajik-ro 8-gil, Seoul"
    assert organisation.email == "contact@example.org"


def test_nothing_else_reads_qsettings_with_a_bare_string() -> None:
    root = Path(__file__).resolve().parents[2] / "desktop_app"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "settings.py" and path.parent.name == "gui":
            continue
        text = path.read_text(encoding="utf-8")
        if "QSettings" in text and re.search(r"\.value\(\s*[\"']", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


# -- the Settings dialog ----------------------------------------------------------------


def test_choosing_a_language_applies_at_once_and_ok_keeps_it(
    qtbot, settings: Settings, ui: UiLanguage
) -> None:
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    assert dialog.style_ko_box.itemText(0) == "국문 서한"
    with qtbot.waitSignal(ui.changed):
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    assert ui.language == "en"
    assert dialog.style_ko_box.itemText(0) == "Korean letter (서한)"
    assert dialog.windowTitle() == "Settings"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.ui_language == "en"


def test_cancel_undoes_a_language_tried_out(qtbot, settings: Settings, ui: UiLanguage) -> None:
    settings.ui_language = "ko"
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.reject()
    assert ui.language == "ko"
    assert settings.ui_language == "ko"
    assert dialog.style_ko_box.itemText(0) == "국문 서한"


def test_ok_writes_the_profile_folder_and_logo(
    qtbot, monkeypatch, tmp_path: Path, settings: Settings, ui: UiLanguage
) -> None:
    logo = tmp_path / "logo.png"
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(logo))
    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.setattr(settings_dialog, "choose_image", lambda *args: str(logo))
    monkeypatch.setattr(settings_dialog, "choose_folder", lambda *args: str(folder))
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    dialog.name_ko_edit.setText("전환기정의워킹그룹")
    qtbot.keyClicks(dialog.name_en_edit, "Transitional Justice Working Group")
    dialog.address_en_edit.setPlainText("Seoul\nRepublic of Korea")
    qtbot.keyClicks(dialog.phone_edit, "02-000-0000")
    qtbot.keyClicks(dialog.email_edit, "tjwg@example.org")
    dialog.date_style_box.setCurrentIndex(dialog.date_style_box.findData("us"))
    dialog.style_ko_box.setCurrentIndex(dialog.style_ko_box.findData("ko-official"))
    dialog.logo_button.click()
    dialog.folder_button.click()
    assert not dialog.logo_label.pixmap().isNull()
    assert dialog.logo_label.pixmap().width() <= settings_dialog.THUMBNAIL_SIZE
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.org_name_ko == "전환기정의워킹그룹"
    assert settings.org_name_en == "Transitional Justice Working Group"
    assert settings.org_address_en == "Seoul\nRepublic of Korea"
    assert (settings.org_phone, settings.org_email) == ("02-000-0000", "tjwg@example.org")
    assert (settings.date_style, settings.style_ko) == ("us", "ko-official")
    assert settings.org_logo_path == str(logo)
    assert settings.export_folder == str(folder)


def test_a_file_that_is_not_an_image_is_refused(
    qtbot, monkeypatch, tmp_path: Path, settings: Settings, ui: UiLanguage
) -> None:
    not_image = tmp_path / "notes.png"
    not_image.write_text("not a picture", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(settings_dialog, "choose_image", lambda *args: str(not_image))
    monkeypatch.setattr(settings_dialog, "inform", lambda parent, title, text: told.append(text))
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    dialog.logo_button.click()
    assert len(told) == 1
    assert str(not_image) in told[0]
    assert dialog.logo_path == ""


def test_a_bad_email_keeps_the_dialog_open(
    qtbot, monkeypatch, settings: Settings, ui: UiLanguage
) -> None:
    told: list[str] = []
    monkeypatch.setattr(settings_dialog, "inform", lambda parent, title, text: told.append(text))
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email_edit, "contact.example.org")
    dialog.accept()
    assert told and "contact.example.org" in told[0]
    assert dialog.isVisible()
    assert settings.org_email == ""


def test_libreoffice_is_chosen_with_browse_and_a_wrong_path_is_refused(
    qtbot, monkeypatch, settings: Settings, ui, tmp_path: Path
) -> None:
    program = tmp_path / "LibreOffice" / "program" / "soffice"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    told: list[str] = []
    monkeypatch.setattr(settings_dialog, "choose_program", lambda *args: str(program))
    monkeypatch.setattr(settings_dialog, "inform", lambda parent, title, text: told.append(text))
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    dialog.libreoffice_edit.setText(str(tmp_path / "nowhere"))
    dialog.accept()
    assert len(told) == 1 and str(tmp_path / "nowhere") in told[0] and "soffice" in told[0]
    assert settings.libreoffice_path == ""
    dialog.libreoffice_button.click()
    assert dialog.libreoffice_edit.text() == str(program)
    dialog.accept()
    assert settings.libreoffice_path == str(program)


def test_the_shared_database_address_is_kept_without_a_password_and_empty_means_this_computer(
    qtbot, monkeypatch, settings: Settings, settings_file: Path, ui: UiLanguage
) -> None:
    told: list[str] = []
    monkeypatch.setattr(settings_dialog, "inform", lambda parent, title, text: told.append(text))
    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.database_edit.text() == "" and dialog.database_edit.placeholderText()
    assert "postgresql+psycopg://" in dialog.database_hint.text()
    typed = "postgresql+psycopg://dari:s3cret@office.example/dari"
    dialog.database_edit.setText(typed)
    dialog.accept()
    # refused in a sentence (Korean here), the person's text left in the field to correct
    assert len(told) == 1 and HANGUL.search(told[0])
    assert "s3cret" not in told[0] and "dari@office.example/dari" in told[0]
    assert dialog.isVisible() and dialog.database_edit.text() == typed
    assert settings.database_url == "" and "s3cret" not in settings_file.read_text("utf-8")
    dialog.database_edit.setText("mysql://office.example/dari")
    dialog.accept()
    assert len(told) == 2 and "mysql://office.example/dari" in told[1]
    assert dialog.isVisible() and settings.database_url == ""
    dialog.database_edit.setText("  postgresql+psycopg://dari@office.example/dari ")
    dialog.accept()
    assert len(told) == 2 and dialog.result() == QDialog.DialogCode.Accepted
    assert (
        Settings(ini(settings_file)).database_url == "postgresql+psycopg://dari@office.example/dari"
    )
    again = SettingsDialog(settings, ui)
    qtbot.addWidget(again)
    assert again.database_edit.text() == "postgresql+psycopg://dari@office.example/dari"
    again.database_edit.clear()  # back to this computer's data folder
    again.accept()
    assert settings.database_url == ""


def test_the_name_colleagues_see_is_one_line_and_empty_means_the_login(
    qtbot, settings: Settings, settings_file: Path, ui: UiLanguage
) -> None:
    from desktop_app.services.live import default_editor_name

    dialog = SettingsDialog(settings, ui)
    qtbot.addWidget(dialog)
    assert default_editor_name() in dialog.editor_name_edit.placeholderText()
    assert dialog.editor_name_edit.accessibleName()  # labelled, for screen readers
    dialog.editor_name_edit.setText("  김지민   (번역) ")
    dialog.accept()
    assert Settings(ini(settings_file)).editor_name == "김지민 (번역)"
    again = SettingsDialog(settings, ui)
    qtbot.addWidget(again)
    assert again.editor_name_edit.text() == "김지민 (번역)"
    again.editor_name_edit.clear()
    again.accept()
    assert settings.editor_name == ""
