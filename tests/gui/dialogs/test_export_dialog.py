"""The Export dialog against a real database and real .docx files read back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.domain import BilingualText
from desktop_app.files import ExportError
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.errors import sentence
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.settings import Settings
from desktop_app.paths import sample_path
from desktop_app.services import DariError, DraftService
from tests.helpers.dialogs import show_export_dialog as make_dialog
from tests.helpers.qt import type_text

REAL_ASK = export_dialog.ask


# `out`, `settings` (exporting to `out`) and `no_unexpected_messages`: tests/gui/dialogs/conftest.py
pytestmark = pytest.mark.usefixtures("no_unexpected_messages")


@pytest.fixture
def draft_id(service: DraftService) -> int:
    return service.import_file(sample_path()).id


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Sentences the dialog showed with `inform`."""
    told: list[str] = []
    monkeypatch.setattr(export_dialog, "inform", lambda parent, title, text: told.append(text))
    return told


def shown_names(dialog: ExportDialog) -> list[str]:
    files = dialog.files_list
    return [files.item(i).text() for i in range(files.count())]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def snapshot(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


def test_both_languages_as_separate_files(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: "folder")
    monkeypatch.setattr(export_dialog, "open_folder", opened.append)
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.language_group.button(2).click()
    dialog.layout_group.button(0).click()
    names = shown_names(dialog)
    assert names == [n for n in names if n.endswith(("(ko).docx", "(en).docx"))]
    assert len(names) == 2
    assert names[0] == "2024-04-18 외교부 서한 (ko).docx"
    with qtbot.waitSignal(dialog.exported) as signal:
        dialog.export_button.click()
    written = signal.args[0]
    assert [p.name for p in written] == names
    assert snapshot(out) == sorted(names)
    ko, en = (docx_text(out / name) for name in names)
    assert "조태열" in ko and "외교부" in ko
    assert "Ministry of Foreign Affairs" in en
    assert opened == [out]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert service.revisions(draft_id)[0].reason.startswith("exported: ")


def test_names_follow_the_choices_live(
    qtbot, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.language_group.button(0).click()
    assert shown_names(dialog) == ["2024-04-18 외교부 서한 (ko).docx"]
    assert not dialog.layout_group.button(2).isEnabled()
    assert not dialog.style_en_box.isEnabled()
    dialog.style_ko_box.setCurrentIndex(dialog.style_ko_box.findData("ko-official"))
    assert shown_names(dialog) == ["2024-04-18 외교부 공문 (ko).docx"]
    dialog.language_group.button(2).click()
    dialog.layout_group.button(2).click()
    assert shown_names(dialog) == ["2024-04-18 외교부 공문 (ko-en parallel).docx"]
    assert dialog.planned_names() == shown_names(dialog)


def test_an_existing_file_is_announced_and_replaced(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: None)
    name = "2024-04-18 외교부 서한 (ko-en).docx"
    (out / name).write_bytes(b"an older export")
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.layout_group.button(1).click()
    assert shown_names(dialog) == [name]
    assert dialog.status_label.text() == f"Will replace the existing file {name}."
    asked: list[str] = []
    answers = iter([False, True])

    def answer(_parent: object, _title: str, text: str, yes: str) -> bool:
        asked.append(f"{text} [{yes}]")
        return next(answers)

    monkeypatch.setattr(export_dialog, "ask", answer)
    dialog.export_button.click()  # "No": nothing replaced, the dialog stays
    assert (out / name).read_bytes() == b"an older export" and dialog.isVisible()
    dialog.export_button.click()
    assert asked == [f"{name} already exists. Replace it? [Replace]"] * 2
    text = docx_text(out / name)
    assert "조태열" in text and "Ministry of Foreign Affairs" in text


def test_check_summary_for_the_chosen_languages(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    loaded = service.load(draft_id)
    no_english = dataclasses.replace(
        loaded.document, subject=BilingualText.of(loaded.document.subject.ko, "")
    )
    service.save(draft_id, no_english, expected_version=loaded.version)
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    findings = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
    assert findings == ["English subject is empty."]
    assert dialog.findings_list.isVisible() and not dialog.no_findings_label.isVisible()

    questions: list[str] = []
    monkeypatch.setattr(export_dialog, "ask", lambda p, t, text, yes, **kw: questions.append(text))
    dialog.export_button.click()  # the person says no: nothing is written
    assert questions[0].startswith("The draft still lacks 1 thing in the chosen languages:\n")
    assert "English subject is empty." in questions[0]
    assert snapshot(out) == []
    assert dialog.isVisible()

    dialog.language_group.button(0).click()  # Korean only: nothing missing
    assert dialog.findings_list.count() == 0
    assert dialog.no_findings_label.isVisible()
    dialog.language_group.button(1).click()
    assert shown_names(dialog) == ["2024-04-18 Ministry of Foreign Affairs letter (en).docx"]
    monkeypatch.setattr(export_dialog, "ask", lambda *args, **kwargs: True)
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: None)
    dialog.export_button.click()  # "export anyway"
    assert snapshot(out) == shown_names(dialog)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The draft still lacks 2 things in the chosen languages:"),
        ("ko", "고른 언어에서 초안에 아직 2가지가 빠져 있습니다:"),
    ],
)
def test_the_confirmation_counts_what_is_missing(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path,
    language: str, expected: str,
) -> None:  # fmt: skip
    loaded = service.load(draft_id)
    document = loaded.document
    two_missing = dataclasses.replace(
        document,
        subject=BilingualText.of(document.subject.ko, ""),
        closing=BilingualText.of(document.closing.ko, ""),
    )
    service.save(draft_id, two_missing, expected_version=loaded.version)
    ui.set_language(language)
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    questions: list[str] = []
    monkeypatch.setattr(export_dialog, "ask", lambda p, t, text, yes, **kw: questions.append(text))
    dialog.export_button.click()
    assert dialog.findings_list.count() == 2
    assert questions[0].splitlines()[0] == expected
    assert snapshot(out) == []


def test_a_folder_that_is_a_file_writes_nothing(
    qtbot, messages, service: DraftService, draft_id: int, settings: Settings, ui, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "letters"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    before = snapshot(tmp_path)
    version = service.load(draft_id).version
    revisions = len(service.revisions(draft_id))
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.language_group.button(0).click()
    dialog.folder_edit.setText(str(not_a_folder))
    assert "is a file, not a folder" in dialog.status_label.text()
    dialog.export_button.click()
    assert messages == [f"{not_a_folder} is a file, not a folder; choose another folder."]
    assert snapshot(tmp_path) == before
    assert dialog.isVisible()
    assert service.load(draft_id).version == version
    assert len(service.revisions(draft_id)) == revisions


def test_a_folder_in_the_way_of_the_file_writes_nothing(
    qtbot, messages, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    blocker = out / "2024-04-18 외교부 서한 (ko).docx"
    blocker.mkdir()
    revisions = len(service.revisions(draft_id))
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    assert "A folder named" in dialog.status_label.text()
    dialog.export_button.click()
    assert messages == [f"{blocker} was not saved: a folder has that name. Choose another folder."]
    assert snapshot(out) == [blocker.name]
    assert dialog.isVisible()
    assert len(service.revisions(draft_id)) == revisions


def test_file_in_use_becomes_a_translated_sentence(ui: UiLanguage) -> None:
    path = Path("D:/letters/letter.docx")
    try:
        try:
            raise ExportError(path, "it is open in another program", "in_use")
        except ExportError as cause:
            raise DariError(str(cause)) from cause
    except DariError as error:
        wrapped = error
    assert sentence(wrapped, ui) == (
        f"{path} is open in another program; close it or choose another name."
    )
    assert sentence(DariError("Something else."), ui) == "Something else."
    ui.set_language("ko")
    assert sentence(wrapped, ui) == (
        f"{path}이(가) 다른 프로그램에서 열려 있습니다. 그 프로그램을 닫거나 다른 이름을 고르세요."
    )


# -- issue 10: the folder, Enter, opening what was written, the question ---------------


def test_the_default_folder_is_one_that_exists(
    qtbot, monkeypatch, service: DraftService, draft_id: int, tmp_path: Path, ui
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    fresh = Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    dialog = make_dialog(qtbot, service, draft_id, fresh, ui)
    assert dialog.folder() == home  # ~/Documents does not exist: the home folder
    assert "does not exist" not in dialog.status_label.text()
    (home / "Documents").mkdir()
    dialog = make_dialog(qtbot, service, draft_id, fresh, ui)
    assert dialog.folder() == home / "Documents"


def test_the_last_folder_is_remembered_per_kind_of_draft(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui,
    tmp_path: Path, out: Path,
) -> None:  # fmt: skip
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: None)
    monkeypatch.setattr(export_dialog, "ask", lambda *args, **kwargs: True)
    brief_id = service.import_file(sample_path("founding-case-upr-brief.json")).id
    letters, briefs = tmp_path / "letters", tmp_path / "briefs"
    letters.mkdir()
    briefs.mkdir()
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.folder_edit.setText(str(letters))
    dialog.export_button.click()
    assert snapshot(letters) != []

    dialog = make_dialog(qtbot, service, brief_id, settings, ui)
    assert dialog.folder() == out  # a brief has not been exported yet: the settings' folder
    dialog.folder_edit.setText(str(briefs))
    dialog.export_button.click()
    assert snapshot(briefs) != []

    assert make_dialog(qtbot, service, draft_id, settings, ui).folder() == letters
    assert make_dialog(qtbot, service, brief_id, settings, ui).folder() == briefs
    reopened = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert make_dialog(qtbot, service, draft_id, reopened, ui).folder() == letters
    letters.rename(tmp_path / "moved")  # a remembered folder that has gone: the default again
    assert make_dialog(qtbot, service, draft_id, settings, ui).folder() == out


def test_enter_exports_and_only_the_button_opens_the_folder_picker(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(export_dialog, "show_exported", lambda p, t, text, *a: shown.append(text))
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    assert not dialog.folder_button.autoDefault() and not dialog.folder_button.isDefault()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    dialog.folder_button.setFocus()  # focus passed over the button on its way to the field
    dialog.folder_edit.setFocus()
    with qtbot.waitSignal(dialog.exported):
        qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)  # choose_folder would fail
    assert len(shown) == 1 and snapshot(out) != []


@pytest.mark.parametrize("choice", ["document", "folder"])
def test_after_the_export_the_document_or_its_folder_opens(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui,
    out: Path, choice: str,
) -> None:  # fmt: skip
    opened: list[Path] = []
    labels: list[tuple[str, ...]] = []

    def answer(parent: object, title: str, text: str, buttons: tuple[str, str]) -> str:
        labels.append(buttons)
        return choice

    monkeypatch.setattr(export_dialog, "show_exported", answer)
    monkeypatch.setattr(export_dialog, "open_folder", opened.append)
    monkeypatch.setattr(export_dialog, "open_document", opened.append)
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.layout_group.button(1).click()  # one file
    with qtbot.waitSignal(dialog.exported) as signal:
        dialog.export_button.click()
    [written] = signal.args[0]
    assert labels == [("Open document", "Open folder")]
    assert opened == [written if choice == "document" else out]
    assert written.parent == out and written.is_file()


def test_after_two_files_open_document_opens_the_first(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: "document")
    monkeypatch.setattr(export_dialog, "open_document", opened.append)
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    with qtbot.waitSignal(dialog.exported) as signal:
        dialog.export_button.click()
    assert opened == [signal.args[0][0]]


def test_the_question_defaults_to_export_anyway_and_lists_the_findings(
    qtbot, monkeypatch, service: DraftService, draft_id: int, settings: Settings, ui, out: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(export_dialog, "ask", REAL_ASK)  # the real question box
    monkeypatch.setattr(export_dialog, "show_exported", lambda *args: None)
    loaded = service.load(draft_id)
    no_english = dataclasses.replace(
        loaded.document, subject=BilingualText.of(loaded.document.subject.ko, "")
    )
    service.save(draft_id, no_english, expected_version=loaded.version)
    seen: list[tuple[str, str]] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        try:
            default = box.defaultButton()
            seen.append((default.text() if default else "", box.text()))
        finally:
            qtbot.keyClick(box, Qt.Key.Key_Return)  # what Enter does: the default button

    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    QTimer.singleShot(0, press_enter)
    dialog.export_button.click()
    [(default, text)] = seen
    assert default == "Export anyway"
    assert "The draft still lacks 1 thing in the chosen languages:" in text
    assert "English subject is empty." in text
    assert len(snapshot(out)) == 2  # Enter exported


def test_a_missing_folder_is_said_to_be_missing(
    qtbot, messages, service: DraftService, draft_id: int, settings: Settings, ui, tmp_path: Path
) -> None:
    missing = tmp_path / "없는 폴더"
    dialog = make_dialog(qtbot, service, draft_id, settings, ui)
    dialog.folder_edit.setText(str(missing))
    expected = f"The folder {missing} does not exist; choose another one."
    assert dialog.status_label.text() == expected
    dialog.export_button.click()
    assert messages == [expected]
    assert not missing.exists()


def test_ctrl_e_opens_the_export_dialog_from_a_single_line_field(
    qtbot, monkeypatch, open_window
) -> None:
    from PySide6.QtWidgets import QLineEdit

    window = open_window()
    window.commands["new"].trigger()
    subject = window.form.fields["salutation"].editors["en"]
    assert isinstance(subject, QLineEdit)
    subject.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is subject)
    type_text(subject, "Dear Minister,")
    opened: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ExportDialog):
            opened.append(dialog.folder_edit.text())
            dialog.reject()

    QTimer.singleShot(0, close_it)
    qtbot.keyClick(subject, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert subject.text() == "Dear Minister,"  # the field did not take Ctrl+E for itself
