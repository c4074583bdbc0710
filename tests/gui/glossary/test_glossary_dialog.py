"""The glossary dialog over a real database: filter, add, edit, delete, CSV and TBX round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.app import build_main_window
from desktop_app.domain.glossary import Scope, Term
from desktop_app.gui import prompts
from desktop_app.gui.glossary import dialog as glossary_dialog
from desktop_app.gui.glossary.dialog import EN, KO, SCOPE, GlossaryDialog, GlossaryModel
from desktop_app.gui.glossary.term_dialog import TermDialog
from desktop_app.gui.i18n import UiLanguage
from desktop_app.services import GlossaryService
from desktop_app.storage import Database
from tests.helpers.qt import forbid_window_questions, type_text


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(
        monkeypatch,
        (prompts, ("ask", "inform", "open_file", "save_file")),
        (glossary_dialog, ("ask_term",)),
    )


@pytest.fixture
def glossary(db: Database) -> GlossaryService:
    service = GlossaryService(db)
    service.seed_if_needed()
    return service


@pytest.fixture
def dialog(qtbot, glossary: GlossaryService, ui: UiLanguage) -> GlossaryDialog:
    widget = GlossaryDialog(glossary, ui)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text: said.append(text))
    return said


def shown(dialog: GlossaryDialog, column: int = KO) -> list[str]:
    return [dialog.proxy.index(r, column).data() for r in range(dialog.proxy.rowCount())]


def select(dialog: GlossaryDialog, ko: str) -> None:
    row = shown(dialog).index(ko)
    dialog.table.selectRow(row)


def test_models_pass_qtmodeltester(qtmodeltester, glossary, ui, dialog) -> None:
    model = GlossaryModel(glossary, ui)
    model.reload()
    qtmodeltester.check(model)
    dialog.proxy.set_text("난민")
    qtmodeltester.check(dialog.proxy)


def test_the_table_shows_the_seed_glossary_and_filters_in_both_languages(qtbot, dialog) -> None:
    total = dialog.model.rowCount()
    assert total > 40 and dialog.count.text() == f"{total} terms"
    row = shown(dialog).index("베트남")
    assert dialog.proxy.index(row, EN).data() == "Viet Nam"
    assert dialog.proxy.index(row, SCOPE).data() == "UN-facing documents only"
    type_text(dialog.filter, "탈북")
    assert set(shown(dialog)) == {"탈북민", "탈북 난민"}
    assert dialog.count.text() == f"2 of {total} terms"
    dialog.filter.clear()
    QTest.keyClicks(dialog.filter, "prisoners of war")
    assert "국군포로" in shown(dialog) and "납북자" not in shown(dialog)


def test_add_edit_and_delete_a_term(qtbot, dialog, glossary, monkeypatch) -> None:
    changed: list[bool] = []
    dialog.glossary_changed.connect(lambda: changed.append(True))
    new = Term("인권침해", "human rights violations", note="not 'abuses'", forbidden=("abuses",))
    monkeypatch.setattr(glossary_dialog, "ask_term", lambda parent, ui, term: new)
    dialog.buttons["add"].click()
    assert new in [t.term for t in glossary.terms()]
    assert dialog.selected() is not None and dialog.selected().term == new
    assert changed == [True]

    edited = Term("인권침해", "human rights violations", scope=Scope.UN)
    offered: list[Term | None] = []

    def edit(parent: object, ui: object, term: Term | None) -> Term:
        offered.append(term)
        return edited

    monkeypatch.setattr(glossary_dialog, "ask_term", edit)
    dialog.buttons["edit"].click()
    assert offered == [new]
    assert edited in [t.term for t in glossary.terms()] and new not in [
        t.term for t in glossary.terms()
    ]

    questions: list[str] = []
    monkeypatch.setattr(prompts, "ask", lambda p, t, text, yes: questions.append(text) or False)
    dialog.buttons["delete"].click()
    assert edited in [t.term for t in glossary.terms()]  # the person said no
    assert questions == ["Delete “인권침해” (“human rights violations”) from the glossary?"]
    monkeypatch.setattr(prompts, "ask", lambda *args: True)
    dialog.buttons["delete"].click()
    assert edited not in [t.term for t in glossary.terms()]
    assert len(changed) == 3
    assert not dialog.buttons["edit"].isEnabled()


@pytest.mark.parametrize("suffix", [".csv", ".tbx"])
def test_export_then_import_brings_every_term_back(
    qtbot, dialog, glossary, monkeypatch, tmp_path: Path, told, suffix: str
) -> None:
    before = [t.term for t in glossary.terms()]
    target = tmp_path / f"glossary{suffix}"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    dialog.buttons["export"].click()
    assert told == [f"{len(before)} terms written to {target}."]
    if suffix == ".csv":
        assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs

    for stored in glossary.terms()[:10]:  # lose some, change one
        glossary.delete(stored.id)
    first = glossary.terms()[0]
    glossary.update(first.id, Term(first.term.ko, "something else"))
    dialog.reload()
    monkeypatch.setattr(prompts, "open_file", lambda *args: str(target))
    dialog.buttons["import"].click()
    assert told[-1] == f"{target.name}: 10 terms added, {len(before) - 10} updated."
    assert sorted(t.term.ko for t in glossary.terms()) == sorted(t.ko for t in before)
    assert {t.term for t in glossary.terms()} == set(before)
    assert dialog.model.rowCount() == len(before)


def test_a_bad_file_is_a_sentence(qtbot, dialog, monkeypatch, tmp_path: Path, told) -> None:
    bad = tmp_path / "terms.csv"
    bad.write_text("korean,english\n탈북민,escapees\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "open_file", lambda *args: str(bad))
    dialog.buttons["import"].click()
    assert told == ["terms.csv needs the columns “ko” and “en” in its first line."]


def test_the_term_dialog_splits_lists_and_needs_the_english(qtbot, ui) -> None:
    dialog = TermDialog(ui)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    type_text(dialog.edits["ko"], "베트남")
    dialog.edits["en"].setText("Viet Nam")
    dialog.edits["forbidden"].setText("Vietnam; ")
    dialog.edits["exceptions"].setText("Vietnam War;Vietnam-era")
    dialog.scope.setCurrentIndex(dialog.scope.findData("un"))
    assert ok.isEnabled()
    assert dialog.term() == Term(
        "베트남",
        "Viet Nam",
        forbidden=("Vietnam",),
        exceptions=("Vietnam War", "Vietnam-era"),
        scope=Scope.UN,
    )
    again = TermDialog(ui, dialog.term())
    qtbot.addWidget(again)
    assert again.term() == dialog.term()


def test_a_glossary_change_rechecks_the_open_draft(
    qtbot, tmp_path: Path, data_dir: Path, monkeypatch
) -> None:
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window, db = build_main_window(QApplication.instance(), data_dir, qsettings)
    qtbot.addWidget(window)
    try:
        window.show()
        window.commands["new"].trigger()
        subject = window.form.fields["subject"]
        type_text(subject.editors["ko"], "인권침해 조사")
        subject.editors["en"].setFocus()
        type_text(subject.editors["en"], "Inquiry into abuses")
        subject.terms.refresh()
        assert subject.terms.findings == []
        term = Term("인권침해", "human rights violations")
        monkeypatch.setattr(glossary_dialog, "ask_term", lambda *args: term)

        def run(dialog: GlossaryDialog) -> int:
            dialog.buttons["add"].click()
            return 0

        monkeypatch.setattr(GlossaryDialog, "exec", run)
        window.commands["glossary"].trigger()
        assert [f.term for f in subject.terms.findings] == [term]
    finally:
        window.close()
        window.ui.deleteLater()
        db.close()


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "one.csv: 1 term added, 0 updated.", "two.csv: 2 terms added, 0 updated."),
        (
            "ko",
            "one.csv: 용어 1개를 추가하고 0개를 갱신했습니다.",
            "two.csv: 용어 2개를 추가하고 0개를 갱신했습니다.",
        ),
    ],
)
def test_import_counts_in_the_singular_and_the_plural(
    qtbot, dialog, ui, monkeypatch, tmp_path: Path, told, language: str, one: str, two: str
) -> None:
    ui.set_language(language)
    files = {
        "one.csv": "ko,en\n시험용어,test term\n",
        "two.csv": "ko,en\n다른용어,other term\n또다른용어,another term\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(prompts, "open_file", lambda *args, path=path: str(path))
        dialog.buttons["import"].click()
    assert told == [one, two]
