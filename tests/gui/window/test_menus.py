"""The menus a Word or 한글 user looks for: File, Edit, Help; import (menu and drop), recent
drafts, the guide and About, mnemonics and the live language switch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QMenu,
    QWidget,
)

from desktop_app import __version__
from desktop_app.app import build_main_window
from desktop_app.gui import errors, prompts
from desktop_app.gui.dialogs.about import AboutDialog
from desktop_app.gui.dialogs.help import HelpDialog
from desktop_app.gui.settings import Settings, system_language
from desktop_app.gui.window import main_window
from desktop_app.gui.window.actions import without_mnemonic
from desktop_app.services import sample_path
from tests.helpers.qt import forbid_window_questions, type_text

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def menu_entries(menu: QMenu) -> list[str]:
    return [a.objectName() or a.text() for a in menu.actions() if not a.isSeparator()]


def test_every_menu_has_the_named_items(open_window) -> None:
    window = open_window()
    menus = window.commands.menus
    assert [m.title() for m in window.menuBar().findChildren(QMenu) if m.parent() is
            window.menuBar()][:5] == ["&File", "&Edit", "&View", "&Tools", "&Help"]  # fmt: skip
    file = menu_entries(menus["file"])
    for name in ("new", "import", "export", "print", "print_preview", "quit", "save", "revisions",
                 "trash"):  # fmt: skip
        assert name in file
    assert menus["recent"].menuAction() in menus["file"].actions()
    assert menu_entries(menus["edit"]) == [
        "undo", "redo", "cut", "copy", "paste", "select_all", "find"
    ]  # fmt: skip
    assert menu_entries(menus["help"]) == ["guide", "about"]
    printing = window.commands["print"]
    assert not printing.isEnabled()  # no draft open yet (tests/gui/window/test_printing.py)
    assert printing.toolTip() == "Print… (Ctrl+P)"


def test_ctrl_y_redoes_as_ctrl_shift_z_does(open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    field = window.form.fields["subject"].editors["en"]
    field.setFocus()
    type_text(field, "Forced repatriation")
    window.commands["undo"].trigger()
    assert field.text() == ""
    QTest.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "Forced repatriation"
    assert window.form.document.subject.get("en") == "Forced repatriation"


def test_cut_copy_paste_and_select_all_act_on_the_focused_field(open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    ko = window.form.fields["subject"].editors["ko"]
    en = window.form.fields["subject"].editors["en"]
    ko.setFocus()
    type_text(ko, "강제북송")
    window.commands["select_all"].trigger()
    assert ko.textCursor().selectedText() == "강제북송"
    window.commands["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "강제북송"
    window.commands["cut"].trigger()
    assert ko.text() == ""
    en.setFocus()
    window.commands["paste"].trigger()
    assert en.text() == "강제북송"
    assert window.form.document.subject.get("en") == "강제북송"


def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text('{"format": 4, "kind": ', encoding="utf-8")
    return path


def test_import_from_the_menu_opens_the_draft(open_window, service, monkeypatch) -> None:
    window = open_window()
    asked: list[str] = []

    def choose(parent, title, filters) -> str:
        asked.append(filters)
        return str(sample_path())

    monkeypatch.setattr(prompts, "open_file", choose)
    window.commands["import"].trigger()
    assert asked and "*.json" in asked[0]
    (draft,) = service.list()
    assert window.loaded is not None and window.loaded.id == draft.id
    assert window.centre.currentWidget() is window.form


def test_a_broken_file_is_a_sentence_and_no_draft(open_window, service, tmp_path,
                                                  monkeypatch) -> None:  # fmt: skip
    window = open_window("ko")
    said: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda p, ui, e: said.append(errors.sentence(e, ui)))
    monkeypatch.setattr(prompts, "open_file", lambda *a: str(broken_file(tmp_path)))
    window.commands["import"].trigger()
    assert service.list() == [] and window.loaded is None
    (sentence,) = said
    assert "broken.json" in sentence and HANGUL.search(sentence)
    assert "Traceback" not in sentence


def drop(target: QWidget, paths: list[Path]) -> bool:
    """Drag files over `target` and drop them, as a file manager does; whether they were taken
    (a widget that takes no drops passes them to its parent, up to the window)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(target.rect().center())
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    enter = QDragEnterEvent(where.toPoint(), copy, data, left, none)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(where, copy, data, left, none)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def test_a_dropped_json_file_becomes_a_draft_and_opens(open_window, service, tmp_path,
                                                       monkeypatch) -> None:  # fmt: skip
    window = open_window()
    assert window.acceptDrops()
    assert drop(window.welcome, [sample_path()])
    (draft,) = service.list()
    assert window.loaded is not None and window.loaded.id == draft.id
    said: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda p, ui, e: said.append(errors.sentence(e, ui)))
    drop(window, [broken_file(tmp_path)])
    assert len(service.list()) == 1 and len(said) == 1 and "broken.json" in said[0]
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    assert not drop(window, [other])


def test_recent_drafts_lists_the_last_opened_and_opens_them(open_window, service) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    first = window.loaded.id
    window.commands["new_upr_sample"].trigger()
    second = window.loaded.id
    window.commands["new"].trigger()
    blank = window.loaded.id
    recent = window.commands.menus["recent"]
    recent.aboutToShow.emit()
    ids = [a.objectName() for a in recent.actions()]
    assert ids == [f"recent-{blank}", f"recent-{second}", f"recent-{first}"]
    assert recent.actions()[0].text().startswith("&1 ")
    recent.actions()[2].trigger()
    assert window.loaded.id == first
    window.commands["trash"].trigger()  # a trashed draft is not offered
    recent.aboutToShow.emit()
    assert f"recent-{first}" not in [a.objectName() for a in recent.actions()]
    assert window.settings.recent_draft_ids()[:1] == [first]  # kept, skipped when shown


def test_recent_drafts_keeps_eight(settings: Settings) -> None:
    for draft_id in range(1, 12):
        settings.opened_draft(draft_id)
    settings.opened_draft(5)
    assert settings.recent_draft_ids() == [5, 11, 10, 9, 8, 7, 6, 4]


@pytest.mark.parametrize(("language", "heading"), [("en", "Dari guide"), ("ko", "다리 안내서")])
def test_the_guide_shows_in_the_ui_language(open_window, monkeypatch, language, heading) -> None:
    window = open_window(language)
    shown: list[str] = []
    monkeypatch.setattr(HelpDialog, "exec", lambda self: shown.append(
        self.browser.toPlainText()) or 0)  # fmt: skip
    window.commands["guide"].trigger()
    (text,) = shown
    assert text.startswith(heading)
    assert "Ctrl+Y" in text
    assert bool(HANGUL.search(text.replace("한글", ""))) == (language == "ko")  # 한글: the program


@pytest.mark.parametrize("language", ["en", "ko"])
def test_about_shows_the_version_and_the_data_folder(open_window, data_dir, monkeypatch,
                                                     language) -> None:  # fmt: skip
    window = open_window(language)
    opened: list[str] = []
    seen: list[AboutDialog] = []

    def run(dialog: AboutDialog) -> int:
        seen.append(dialog)
        assert __version__ in dialog.heading.text() and "GPL" in dialog.text.text()
        assert dialog.folder.text() == str(data_dir)
        dialog.copy_button.click()
        assert QGuiApplication.clipboard().text() == str(data_dir)
        dialog.open_button.click()
        return 0

    monkeypatch.setattr(AboutDialog, "exec", run)
    monkeypatch.setattr(
        "desktop_app.gui.dialogs.about.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    window.commands["about"].trigger()
    assert seen and opened == [str(data_dir)]
    korean = bool(HANGUL.search(seen[0].folder_label.text()))
    assert korean == (language == "ko")


def all_menus(window: main_window.MainWindow) -> list[QMenu]:
    """Every menu of the window: the menu bar's, their submenus, the toolbar's New menu."""
    found: list[QMenu] = [window.commands.new_menu]
    todo = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while todo:
        menu = todo.pop()
        found.append(menu)
        todo += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def mnemonic(text: str) -> str:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


@pytest.mark.parametrize("language", ["en", "ko"])
def test_no_two_items_of_a_menu_share_a_mnemonic(open_window, language) -> None:
    window = open_window(language)
    window.commands["new_sample"].trigger()
    window.commands.menus["recent"].aboutToShow.emit()
    bars = [[a.text() for a in window.menuBar().actions()]]
    menus = [[a.text() for a in m.actions() if not a.isSeparator()] for m in all_menus(window)]
    assert len(menus) >= 7
    for texts in bars + menus:
        keys = [mnemonic(t) for t in texts if mnemonic(t)]
        assert len(keys) == len(set(keys)), texts


def visible_texts(window: main_window.MainWindow) -> list[str]:
    """Every visible label, button, action and menu title and the status bar's text."""
    texts: list[str] = [m.title() for m in all_menus(window)]
    texts += [a.text() for m in all_menus(window) for a in m.actions() if not a.isSeparator()]
    texts += [a.iconText() for a in window.commands.toolbar.actions() if not a.isSeparator()]
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window) and widget.text():
            texts.append(widget.text())
    for combo in window.findChildren(QComboBox):
        if combo.isVisibleTo(window):
            texts += [combo.itemText(i) for i in range(combo.count())]
    texts.append(window.statusBar().currentMessage())
    return [t for t in texts if t.strip()]


ALLOWED_LATIN = re.compile(
    r"^(Dari|다리 · Dari|UPR|JSON|UN|US|Use Dari in English|KO \d+%.*|\d.*|[A-Z]{2,}.*)$"
)


def english_only(texts: list[str]) -> list[str]:
    """The texts with no Hangul that are more than a name, number or brand."""
    return [
        t
        for t in texts
        if not HANGUL.search(t)
        and LATIN_WORD.search(without_mnemonic(t))
        and not ALLOWED_LATIN.match(without_mnemonic(t))
    ]


def test_a_live_switch_leaves_nothing_in_the_other_language(open_window, qtbot) -> None:
    window = open_window("en")
    window.commands["new_sample"].trigger()
    window.form.fields["subject"].editors["en"].setFocus()
    type_text(window.form.fields["subject"].editors["en"], " (1)")
    assert window.autosaver.flush()
    assert window.save_state.text().startswith("Saved at")
    window.statusBar().showMessage("Saved, and kept as a revision.")
    window.ui.set_language("ko")
    assert "저장" in window.save_state.text()
    assert english_only(visible_texts(window)) == []
    window.ui.set_language("en")
    for text in (m.title() for m in all_menus(window)):
        assert not HANGUL.search(text), text
    assert not HANGUL.search(window.save_state.text())


def test_combo_boxes_fit_their_items_after_a_switch(open_window) -> None:
    window = open_window("ko")  # Korean items are narrower: "공개", then "Public (공개)"
    window.commands["new_sample"].trigger()
    window.ui.set_language("en")
    QApplication.processEvents()
    for combo in window.findChildren(QComboBox):
        if combo.isVisibleTo(window) and combo.count():
            widest = max(
                combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                for i in range(combo.count())
            )
            assert combo.width() >= widest, combo.currentText()


def test_the_welcome_panel_offers_the_other_language(open_window) -> None:
    window = open_window("en")
    link = window.welcome.language_link
    assert "Korean or English" in link.text() and "한국어로 보기" in link.text()
    link.linkActivated.emit("ko")
    assert window.ui.language == "ko"
    assert "Use Dari in English" in link.text() and HANGUL.search(link.text())
    assert window.commands.menus["file"].title() == "파일(&F)"


@pytest.mark.parametrize(("lang", "title"), [("ko_KR.UTF-8", "파일(&F)"), ("en_US.UTF-8", "&File")])
def test_the_first_start_follows_the_system_language(
    qapp, tmp_path, data_dir, monkeypatch, lang, title
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    store = QSettings(str(tmp_path / "first.ini"), QSettings.Format.IniFormat)  # nothing stored
    window, services = build_main_window(qapp, data_dir, store)
    try:
        assert window.commands.menus["file"].title() == title
        assert window.settings.ui_language == lang[:2]
    finally:
        window.close()
        window.ui.set_language("en")
        window.deleteLater()
        services.close()


def test_without_lang_the_first_start_asks_qt(monkeypatch) -> None:
    from PySide6.QtCore import QLocale

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.Korean))
    assert system_language() == "ko"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.English))
    assert system_language() == "en"


def test_view_preview_closes_and_reopens_the_preview(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    preview = window.commands["preview"]
    assert preview in window.commands.menus["view"].actions()
    assert preview.isCheckable() and preview.isChecked()
    width = window.splitter.sizes()[2]
    assert width > 0
    preview.trigger()
    assert window.splitter.sizes()[2] == 0 and not preview.isChecked()
    assert window.centre.width() > 0
    preview.trigger()
    assert window.splitter.sizes()[2] == width and preview.isChecked()
    # Dragged shut to the right edge, as the splitter allows: the menu follows.
    window.splitter.moveSplitter(window.splitter.width(), 2)
    assert window.splitter.sizes()[2] == 0
    assert not preview.isChecked()


def test_a_draft_dropped_on_a_text_field_is_imported_not_typed(open_window, service) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    subject = window.form.fields["subject"]
    before = {lang: editor.text() for lang, editor in subject.editors.items()}
    for editor in subject.editors.values():
        target = editor.viewport() if hasattr(editor, "viewport") else editor
        assert drop(target, [sample_path()])
    assert len(service.list()) == 3  # the sample, and the file dropped twice: two imports
    assert window.loaded is not None and window.loaded.id == max(s.id for s in service.list())
    # The field the file was dropped on kept its text: no path was typed into it.
    first = service.list()[-1]
    assert service.load(first.id).document.subject.ko == before["ko"]
    assert all(
        str(sample_path()) not in e.text() for e in window.form.fields["subject"].editors.values()
    )


def test_text_dragged_onto_a_field_is_still_dropped_there(open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    english = window.form.fields["subject"].editors["en"]
    target = english.viewport() if hasattr(english, "viewport") else english
    data = QMimeData()
    data.setText("Release them")
    where = QPointF(target.rect().center())
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    enter = QDragEnterEvent(where.toPoint(), copy, data, left, none)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(where, copy, data, left, none)
    QApplication.sendEvent(target, event)
    assert "Release them" in english.text()
