"""The clause library panel: inserting copies into the draft, and managing the library."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.domain import BilingualText
from desktop_app.domain.clauses import Clause
from desktop_app.gui import prompts
from desktop_app.gui.clauses import panel as clause_panel
from desktop_app.gui.clauses.dialog import suggested_title
from desktop_app.gui.clauses.insert import insert_at
from desktop_app.gui.clauses.panel import ClauseListModel, ClausePanel
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.services import ClauseService
from desktop_app.storage import Database
from tests.helpers.qt import forbid_window_questions, type_text

NON_REFOULEMENT = Clause(
    title=BilingualText.of("강제송환금지 원칙", "Principle of non-refoulement"),
    text=BilingualText.of(
        "정부는 강제송환금지 원칙을 지켜야 합니다.",
        "The Government must respect the principle of non-refoulement.",
    ),
    tags=("non-refoulement",),
)
EXCOM = Clause(
    title=BilingualText.of("집행이사회 회원국", "Korea on UNHCR's Executive Committee"),
    text=BilingualText.of(
        "대한민국은 유엔난민기구 집행이사회 회원국입니다.",
        "The Republic of Korea sits on UNHCR's Executive Committee.",
    ),
)


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(
        monkeypatch,
        (prompts, ("ask", "inform", "open_file", "save_file")),
        (clause_panel, ("ask_clause",)),
    )


@pytest.fixture
def window(open_window) -> MainWindow:
    """A window with two clauses in its library and the panel shown."""
    window = open_window()
    window.services.clauses.add(NON_REFOULEMENT)
    window.services.clauses.add(EXCOM)
    window.commands["clauses"].trigger()
    return window


def panel_of(window: MainWindow) -> ClausePanel:
    panel = window.clause_dock.panel
    panel.reload()
    return panel


def choose(panel: ClausePanel, title_en: str) -> None:
    for row in range(panel.model.rowCount()):
        if panel.model.stored(row).clause.title.en == title_en:
            panel.list.setCurrentIndex(panel.model.index(row, 0))
            return
    raise AssertionError(f"no clause {title_en!r}")


def library(window: MainWindow) -> list[Clause]:
    return [stored.clause for stored in window.services.clauses.list()]


# -- inserting ---------------------------------------------------------------------------


def test_the_shortcut_shows_the_panel_and_its_search(qtbot, open_window) -> None:
    window = open_window()
    panel = window.clause_dock.panel
    assert panel.isHidden()
    assert window.commands["clauses"].shortcut().toString() == "Ctrl+Shift+L"
    window.commands["clauses"].trigger()
    assert panel.isVisible() and window.commands["clauses"].isChecked()
    assert QApplication.focusWidget() is panel.search
    window.commands["clauses"].trigger()
    assert panel.isHidden() and not window.commands["clauses"].isChecked()


def test_insert_into_the_focused_field_is_a_copy(qtbot, window) -> None:
    window.commands["new"].trigger()
    assert window.loaded is not None
    draft_id = window.loaded.id
    panel = panel_of(window)
    subject = window.form.fields["subject"]
    korean = subject.editors["ko"]
    korean.setFocus()
    type_text(korean, "요청:")
    choose(panel, "Principle of non-refoulement")
    QTest.mouseClick(panel.buttons["insert"], Qt.MouseButton.LeftButton)

    value = window.form.document.subject
    assert value.ko == "요청: 정부는 강제송환금지 원칙을 지켜야 합니다."
    assert value.en == "The Government must respect the principle of non-refoulement."
    assert korean.text() == value.ko and subject.editors["en"].text() == value.en
    assert value.stale is None
    assert QApplication.focusWidget() is korean and korean.textCursor().position() == len(value.ko)
    assert window.flush()
    assert window.service.load(draft_id).document.subject == value

    type_text(korean, " 꼭")  # editing the draft leaves the library alone
    subject.editors["en"].setFocus()
    type_text(subject.editors["en"], " Now.")
    assert window.flush()
    assert window.service.load(draft_id).document.subject.en.endswith("non-refoulement. Now.")
    assert sorted(library(window), key=lambda c: c.title.en) == [EXCOM, NON_REFOULEMENT]
    window.commands["undo"].trigger()
    window.commands["undo"].trigger()
    window.commands["undo"].trigger()  # the insertion was one step
    assert window.form.document.subject.ko == "요청:"
    assert window.form.document.subject.en == ""


def test_insert_into_a_body_paragraph_goes_at_the_caret(qtbot, window) -> None:
    window.commands["new"].trigger()
    panel = panel_of(window)
    body = window.form.sections["body"]
    QTest.mouseClick(body.add_button, Qt.MouseButton.LeftButton)
    korean = body.rows[0].editors["text"].editors["ko"]
    type_text(korean, "첫째, 둘째.")
    cursor = korean.textCursor()
    cursor.setPosition(3)  # after "첫째,"
    korean.setTextCursor(cursor)
    choose(panel, "Korea on UNHCR's Executive Committee")
    QTest.mouseClick(panel.buttons["insert"], Qt.MouseButton.LeftButton)
    item = window.form.document.body[0]
    assert item.text.ko == "첫째, 대한민국은 유엔난민기구 집행이사회 회원국입니다. 둘째."
    assert item.text.en == "The Republic of Korea sits on UNHCR's Executive Committee."
    assert len(window.form.document.body) == 1


def test_insert_with_the_body_list_focused_adds_a_paragraph(qtbot, window) -> None:
    window.commands["new_sample"].trigger()
    panel = panel_of(window)
    before = window.form.document.body
    body = window.form.sections["body"]
    body.add_button.setFocus()
    choose(panel, "Principle of non-refoulement")
    QTest.mouseClick(panel.buttons["insert"], Qt.MouseButton.LeftButton)
    after = window.form.document.body
    assert after[:-1] == before
    assert after[-1].text == NON_REFOULEMENT.text and after[-1].level == 0
    assert len(body.rows) == len(after)
    assert body.rows[-1].editors["text"].editors["en"].text() == NON_REFOULEMENT.text.en
    window.commands["undo"].trigger()
    assert window.form.document.body == before


def test_insert_with_nothing_focused_in_this_draft_adds_a_paragraph(qtbot, window) -> None:
    window.commands["new"].trigger()  # the focus goes to the subject…
    type_text(window.form.fields["subject"].editors["ko"], "첫")  # (kept: not left blank)
    window.commands["new"].trigger()  # …of the first draft; this one has none focused yet
    panel = panel_of(window)
    window.drafts.view.setFocus()
    choose(panel, "Korea on UNHCR's Executive Committee")
    panel.buttons["insert"].click()
    assert [item.text for item in window.form.document.body] == [EXCOM.text]
    assert window.form.document.subject.is_empty()


def test_the_library_is_unchanged_by_editing_an_inserted_paragraph(qtbot, window) -> None:
    window.commands["new"].trigger()
    window.drafts.view.setFocus()
    window.clause_dock.panel.last_focus = None
    panel = panel_of(window)
    choose(panel, "Principle of non-refoulement")
    panel.buttons["insert"].click()
    editor = window.form.sections["body"].rows[0].editors["text"].editors["en"]
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, " Changed in the draft.")
    assert window.flush()
    assert window.form.document.body[0].text.en.endswith("Changed in the draft.")
    stored = {s.clause.title.en: s.clause for s in window.services.clauses.list()}
    assert stored["Principle of non-refoulement"] == NON_REFOULEMENT


def test_inserting_needs_an_open_draft(qtbot, window, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text: told.append(text))
    panel = panel_of(window)
    panel.insert()
    assert told == ["Open a draft first, then insert."]


# -- the library -------------------------------------------------------------------------


def test_search_in_either_language(qtbot, window) -> None:
    panel = panel_of(window)
    assert panel.model.rowCount() == 2
    panel.search.setText("집행이사회")
    qtbot.waitUntil(lambda: panel.model.search == "집행이사회")
    assert [panel.model.stored(0).clause] == [EXCOM] and panel.model.rowCount() == 1
    panel.search.setText("refoulement")
    qtbot.waitUntil(lambda: panel.model.search == "refoulement")
    assert [panel.model.stored(0).clause] == [NON_REFOULEMENT] and panel.model.rowCount() == 1
    assert "non-refoulement" in panel.preview.toPlainText()
    assert "강제송환금지 원칙" in panel.preview.toPlainText()


def test_new_clause_from_the_focused_field(qtbot, window, monkeypatch) -> None:
    window.commands["new_sample"].trigger()
    panel = panel_of(window)
    salutation = window.form.fields["salutation"]
    salutation.editors["en"].setFocus()
    offered: list[Clause] = []

    def answer(parent: object, ui: object, clause: Clause, editing: bool) -> Clause:
        offered.append(clause)
        return Clause(title=BilingualText.of("인사", "Greeting"), text=clause.text)

    monkeypatch.setattr(clause_panel, "ask_clause", answer)
    panel.buttons["from_field"].click()
    assert offered[0].text == BilingualText.of(
        salutation.value().ko.strip(), salutation.value().en.strip()
    )
    assert offered[0].title.en == suggested_title(salutation.value().en)
    assert any(c.title.en == "Greeting" for c in library(window))
    assert panel.selected() is not None and panel.selected().clause.title.en == "Greeting"


def test_edit_and_delete_a_clause(qtbot, window, monkeypatch) -> None:
    panel = panel_of(window)
    choose(panel, "Principle of non-refoulement")
    edited = Clause(NON_REFOULEMENT.title, BilingualText.of("고친 문단", "Edited"), ("edited",))
    monkeypatch.setattr(clause_panel, "ask_clause", lambda *args, **kwargs: edited)
    panel.buttons["edit"].click()
    assert edited in library(window)
    questions: list[str] = []

    def no(parent: object, title: str, text: str, yes: str) -> bool:
        questions.append(text)
        return False

    monkeypatch.setattr(prompts, "ask", no)
    panel.buttons["delete"].click()
    assert edited in library(window)  # the person said no
    assert "Drafts keep their copies" in questions[0]
    monkeypatch.setattr(prompts, "ask", lambda *args: True)
    panel.buttons["delete"].click()
    assert library(window) == [EXCOM]


def test_export_and_import_the_library_as_json(qtbot, window, monkeypatch, tmp_path) -> None:
    panel = panel_of(window)
    told: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text: told.append(text))
    target = tmp_path / "partners.json"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    panel.export_action.trigger()
    assert told[-1] == f"2 clauses written to {target}."
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert bundle["kind"] == "clauses" and len(bundle["clauses"]) == 2

    for stored in window.services.clauses.list():
        window.services.clauses.delete(stored.id)
    panel.reload()
    assert panel.model.rowCount() == 0
    monkeypatch.setattr(prompts, "open_file", lambda *args: str(target))
    panel.import_action.trigger()
    assert told[-1].startswith("partners.json: 2 clauses added")
    assert sorted(c.title.en for c in library(window)) == sorted(
        c.title.en for c in (NON_REFOULEMENT, EXCOM)
    )
    assert panel.model.rowCount() == 2

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(prompts, "open_file", lambda *args: str(broken))
    panel.import_action.trigger()
    assert "is not valid JSON" in told[-1]


def test_the_clause_model_passes_qtmodeltester(qtmodeltester, db: Database, qapp) -> None:
    service = ClauseService(db)
    service.add(NON_REFOULEMENT)
    service.add(EXCOM)
    ui = UiLanguage(qapp, "en")
    try:
        model = ClauseListModel(service, ui)
        model.reload()
        qtmodeltester.check(model)
        model.reload("refoulement")
        qtmodeltester.check(model)
    finally:
        ui.deleteLater()


def test_insert_at_spaces_the_addition() -> None:
    assert insert_at("", 0, "가") == ("가", 1)
    assert insert_at("앞뒤", 1, "가") == ("앞 가 뒤", 3)
    assert insert_at("앞 ", 2, "가") == ("앞 가", 3)
    assert insert_at("line\n", 5, "next") == ("line\nnext", 9)


def test_a_upr_brief_takes_clauses_as_background_or_questions(qtbot, window) -> None:
    window.commands["new_upr"].trigger()
    window.commands["new_upr"].trigger()  # nothing of this draft focused yet
    panel = panel_of(window)
    window.drafts.view.setFocus()
    choose(panel, "Principle of non-refoulement")
    panel.buttons["insert"].click()
    brief = window.form.document
    assert [item.text for item in brief.background] == [NON_REFOULEMENT.text]
    window.form.sections["questions"].add_button.setFocus()
    panel.buttons["insert"].click()
    assert [q.text for q in window.form.document.questions] == [NON_REFOULEMENT.text]
    assert len(window.form.document.background) == 1


def test_the_empty_library_says_what_it_is_for_and_how_to_add_a_clause(qtbot, open_window):
    window = open_window()  # a new data folder: no clause yet
    window.commands["clauses"].trigger()
    panel = window.clause_dock.panel
    assert panel.model.rowCount() == 0
    text = panel.preview.toPlainText()
    assert "sentences you write again and again" in text
    assert "New from this field" in text and "New…" in text
    panel.search.setText("없는 문안")
    panel.reload(panel.search.text())
    assert panel.preview.toPlainText() == "No clause matches."
