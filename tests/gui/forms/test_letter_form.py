"""The letter form driven like a person would: typing (Hangul per character), buttons, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QSpinBox, QWidget

from desktop_app.domain import BilingualText, Disclosure, Letter
from desktop_app.domain.letter import SignatoryKind
from desktop_app.gui.forms.letter import SignatoryKindBox
from desktop_app.gui.widgets.bilingual_editor import BilingualEditor
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import DraftService
from desktop_app.storage import Database
from tests.helpers.qt import forbid_window_questions, type_text

# -- helpers (the same few lines as in the other GUI test files) ---------------------------


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    QTest.keyClick(widget, key, modifiers)


def settle(window: MainWindow) -> None:
    """Let the autosave timers fire (no sleeping: the database is polled)."""
    QApplication.processEvents()
    window.flush()


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(monkeypatch)


def blank_letter(window: MainWindow) -> int:
    window.commands["new"].trigger()
    assert window.loaded is not None
    return window.loaded.id


def editor(window: MainWindow, name: str) -> BilingualEditor:
    return window.form.fields[name]


# -- filling every field -----------------------------------------------------------------

SINGLE = ("reference", "via", "subject", "salutation", "closing", "contact")
COUNTS = {"senders": 1, "recipients": 2, "cc": 1, "body": 3, "enclosures": 2, "signatories": 2}


def words(path: str, lang: str) -> str:
    """The text typed into one editor: Hangul for Korean, ASCII for English."""
    return f"{path} 한글 탈북민을" if lang == "ko" else f"{path} english text"


def fill_everything(window: MainWindow) -> dict[str, object]:
    """Type into every editor of the form; returns path -> what was typed."""
    typed: dict[str, object] = {}
    form = window.form
    for name in SINGLE:
        for lang in ("ko", "en"):
            text = words(name, lang)
            type_text(editor(window, name).editors[lang], text)
            typed[f"{name}.{lang}"] = text
    for section_name, count in COUNTS.items():
        section = form.sections[section_name]
        section.set_collapsed(False)
        for _ in range(count):
            qtbot_click(section.add_button)
        assert len(section.rows) == count
        for index, row in enumerate(section.rows):
            for field, bilingual in row.editors.items():
                for lang in ("ko", "en"):
                    text = words(f"{section_name}[{index}].{field}", lang)
                    type_text(bilingual.editors[lang], text)
                    typed[f"{section_name}[{index}].{field}.{lang}"] = text
            for field, widget in row.plain.items():
                if isinstance(widget, QSpinBox):
                    widget.setFocus()
                    widget.selectAll()
                    type_text(widget, str(index + 2))
                    typed[f"{section_name}[{index}].{field}"] = index + 2
                elif isinstance(widget, SignatoryKindBox):  # (as filled in) -> organisation
                    widget.setFocus()
                    press(widget, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
                    typed[f"{section_name}[{index}].{field}"] = SignatoryKind.ORGANISATION
                else:
                    assert isinstance(widget, QLineEdit)
                    type_text(widget, f"{field}-{index}@example.org")
                    typed[f"{section_name}[{index}].{field}"] = f"{field}-{index}@example.org"
    form.no_date.setChecked(False)
    form.date.setDate(QDate(2024, 4, 18))
    form.disclosure.setFocus()
    press(form.disclosure, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)  # public -> partial
    qtbot_click(form.summary)
    return typed


def qtbot_click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def value_at(document: Letter, path: str) -> object:
    """`recipients[1].title.ko` → that string in the document."""
    value: object = document
    for part in path.split("."):
        name, _sep, index = part.partition("[")
        value = getattr(value, name)
        if index:
            value = value[int(index.rstrip("]"))]  # type: ignore[index]
    return value


def test_a_whole_letter_typed_in_is_there_after_reopening(qtbot, open_window, data_dir) -> None:
    window = open_window()
    draft_id = blank_letter(window)
    typed = fill_everything(window)
    document = window.form.document
    assert document.disclosure is Disclosure.PARTIAL
    with Database.open(data_dir / "dari.sqlite3") as other:
        service = DraftService(other)
        qtbot.waitUntil(lambda: service.load(draft_id).document == document, timeout=3000)
    window.close()

    reopened = open_window()  # a new window over the same file starts on the last draft
    assert reopened.loaded is not None and reopened.loaded.id == draft_id
    shown = reopened.form.document
    for path, text in typed.items():
        assert value_at(shown, path) == text, path
    assert shown.date is not None and shown.date.isoformat() == "2024-04-18"
    assert shown.disclosure is Disclosure.PARTIAL
    assert shown.signatory_summary is True and reopened.form.summary.isChecked()
    assert reopened.form.sections["recipients"].rows[0].editors["department"] is not None
    assert editor(reopened, "subject").editors["ko"].text() == words("subject", "ko")
    row = reopened.form.sections["signatories"].rows[1]
    assert row.editors["role"].editors["en"].text() == words("signatories[1].role", "en")


def test_no_date_is_kept(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    qtbot_click(window.form.no_date)
    assert window.form.document.date is None
    assert not window.form.date.isEnabled()


def test_undo_and_redo_restore_text(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    ko, en = editor(window, "subject").editors["ko"], editor(window, "subject").editors["en"]
    ko.setFocus()
    type_text(ko, "탈북민 강제북송")
    en.setFocus()
    type_text(en, "Forced repatriation")
    press(
        en, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )  # the window's stack, not the editor's
    assert en.text() == ""
    assert ko.text() == "탈북민 강제북송"  # typing in one field was one step
    window.commands["undo"].trigger()
    assert ko.text() == "" and window.form.document.subject == BilingualText()
    press(ko, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ko.text() == "탈북민 강제북송"
    window.commands["redo"].trigger()
    assert en.text() == "Forced repatriation"
    assert window.form.document.subject.get("en") == "Forced repatriation"


def test_undo_of_a_structural_edit_brings_the_item_back(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    body = window.form.sections["body"]
    qtbot_click(body.add_button)
    type_text(body.rows[0].editors["text"].editors["ko"], "첫째 문단")
    qtbot_click(body.rows[0].buttons["remove"])
    assert window.form.document.body == ()
    window.commands["undo"].trigger()
    assert [item.text.ko for item in window.form.document.body] == ["첫째 문단"]
    assert body.rows[0].editors["text"].editors["ko"].text() == "첫째 문단"


def test_indent_outdent_and_reorder_body_items_by_keyboard(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    body = window.form.sections["body"]
    for text in ("가장 첫 문단입니다", "요청 사항 하나", "요청 사항 둘"):
        qtbot_click(body.add_button)
        type_text(body.rows[-1].editors["text"].editors["ko"], text)
    second = body.rows[1].editors["text"].editors["ko"]
    second.setFocus()
    press(second, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    third = body.rows[2].editors["text"].editors["ko"]
    third.setFocus()
    press(third, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    press(third, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    press(third, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    assert [i.level for i in window.form.document.body] == [0, 1, 1]
    window.preview.refresh_now()
    preview = window.preview.browser.toPlainText()
    assert "1." in preview and "2." in preview  # both requests are numbered now
    assert preview.index("요청 사항 하나") < preview.index("요청 사항 둘")

    press(third, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # move "둘" above "하나"
    texts = [i.text.ko for i in window.form.document.body]
    assert texts == ["가장 첫 문단입니다", "요청 사항 둘", "요청 사항 하나"]
    focused = QApplication.focusWidget()
    assert focused is body.rows[1].editors["text"].editors["ko"]  # the focus moved with it
    window.preview.refresh_now()
    preview = window.preview.browser.toPlainText()
    assert preview.index("요청 사항 둘") < preview.index("요청 사항 하나")
    press(focused, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [i.text.ko for i in window.form.document.body][1] == "요청 사항 하나"


def test_ctrl_enter_adds_an_item_after_and_buttons_move_it(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    enclosures = window.form.sections["enclosures"]
    qtbot_click(enclosures.add_button)
    first = enclosures.rows[0].editors["name"].editors["ko"]
    type_text(first, "기자회견문")
    first.setFocus()
    press(first, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(window.form.document.enclosures) == 2
    assert QApplication.focusWidget() is enclosures.rows[1].editors["name"].editors["ko"]
    type_text(QApplication.focusWidget(), "서한(영문)")
    qtbot_click(enclosures.rows[1].buttons["move_up"])
    assert [e.name.ko for e in window.form.document.enclosures] == ["서한(영문)", "기자회견문"]


def test_a_marker_shows_where_one_language_is_missing(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    subject = editor(window, "subject")
    assert subject.badge.isHidden()
    type_text(subject.editors["ko"], "제목")
    assert not subject.badge.isHidden()
    assert subject.badge.text() == "English missing"
    assert subject.badge.toolTip()
    type_text(subject.editors["en"], "Subject")
    assert subject.badge.isHidden()  # a translation typed in is not a change to the Korean
    subject.editors["ko"].setFocus()  # a later change to one side marks the other
    type_text(subject.editors["ko"], " 변경")
    assert subject.badge.text() == "English may be out of date"


def test_korean_and_english_editors_of_a_row_have_the_same_height(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    closing = editor(window, "closing")
    type_text(closing.editors["en"], "A long closing sentence that wraps. " * 12)
    assert closing.editors["ko"].height() == closing.editors["en"].height()
    assert closing.editors["en"].height() > 3 * closing.editors["en"].fontMetrics().lineSpacing()


def test_tab_goes_korean_then_english_top_to_bottom(qtbot, open_window) -> None:
    window = open_window()
    blank_letter(window)
    subject = editor(window, "subject")
    salutation = editor(window, "salutation")
    subject.editors["ko"].setFocus()
    assert QApplication.focusWidget() is subject.editors["ko"]
    press(subject.editors["ko"], Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    assert QApplication.focusWidget() is subject.editors["en"]
    press(subject.editors["en"], Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    assert QApplication.focusWidget() is salutation.editors["ko"]


def test_every_editor_has_an_accessible_name(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    nameless = [
        w
        for w in window.form.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(window)
        and not w.accessibleName()
        and type(w).__name__ not in ("QScrollBar", "QWidget", "QCalendarWidget")
        and w.parent() is not None
        and not isinstance(w.parent(), QAbstractSpinBox)  # the spin box's own line edit
    ]
    assert nameless == []
