"""Glossary marks and out-of-date markers in the editors, driven like a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop_app.domain import BilingualText
from desktop_app.domain.glossary import FindingKind, Glossary, Scope, Term
from desktop_app.domain.upr import UprBrief
from desktop_app.gui.glossary import marks as term_marks
from desktop_app.gui.glossary.marks import TermSource, fixed_value
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.widgets.bilingual_editor import BilingualEditor
from desktop_app.services import DraftService
from desktop_app.storage import Database
from tests.helpers.qt import forbid_window_questions, type_text


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(monkeypatch)


def seed_terms() -> list[Term]:
    from desktop_app.services.glossary_files import read_terms
    from desktop_app.services.library import seed_glossary_path

    return read_terms(seed_glossary_path())


def field_in(qtbot, ui: UiLanguage, document: object) -> BilingualEditor:
    """A long bilingual field inside a widget that offers the seed glossary, as the window does."""
    holder = QWidget()
    glossary = Glossary(seed_terms())
    holder.term_source = TermSource(lambda: glossary, lambda: document, holder)  # type: ignore[attr-defined]
    field = BilingualEditor(ui, long=True, parent=holder)
    field.holder = holder  # type: ignore[attr-defined]  # kept alive as long as the field
    qtbot.addWidget(holder)
    holder.show()
    return field


# -- a Korean term whose approved English is missing -------------------------------------


def test_typing_a_term_marks_it_with_the_approved_english(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    subject = window.form.fields["subject"]
    english = subject.editors["en"]
    english.setFocus()
    type_text(english, "Protection for refugees")
    korean = subject.editors["ko"]
    korean.setFocus()
    type_text(korean, "탈북민을 보호하라")
    marks = subject.terms
    assert marks.findings == []  # not during typing: after a pause
    qtbot.waitUntil(lambda: bool(marks.findings), timeout=2000)
    [finding] = marks.findings
    assert finding.kind is FindingKind.MISSING_APPROVED and finding.term.ko == "탈북민"
    assert (finding.offset, finding.length) == (0, 3)
    assert [(s.start, s.text) for s in marks.highlighters["ko"].spans] == [(0, "탈북민")]
    tip = marks.tooltip_at("ko", 1)
    assert "North Korean escapees" in tip
    assert marks.tooltip_at("ko", 5) == ""  # nothing marked there
    assert marks.button.isVisible()
    assert "Copy “North Korean escapees”" in marks.button.text()

    before = window.form.document
    marks.button.click()  # copies, changes nothing in the draft
    assert QGuiApplication.clipboard().text() == "North Korean escapees"
    assert QApplication.focusWidget() is english
    assert window.form.document == before

    type_text(english, " and North Korean escapees")  # an accepted English: the mark goes
    qtbot.waitUntil(lambda: not marks.findings, timeout=2000)
    assert marks.highlighters["ko"].spans == [] and marks.button.isHidden()


def test_a_korean_side_alone_is_not_checked(qtbot, ui) -> None:
    field = field_in(qtbot, ui, None)
    field.set_value(BilingualText.of("탈북민을 보호하라", ""))
    assert field.terms.findings == []  # "English missing" says it already


# -- a forbidden English variant ---------------------------------------------------------


def test_vietnam_in_a_upr_brief_is_marked_and_fixed_in_one_click(qtbot, ui) -> None:
    field = field_in(qtbot, ui, UprBrief())
    chosen: list[BilingualText] = []
    field.replaced.connect(chosen.append)
    field.set_value(BilingualText.of("베트남 정부는", "The Government of Vietnam"))
    (forbidden,) = field.terms.findings  # one finding: the variant to avoid, not also "missing"
    assert forbidden.kind is FindingKind.FORBIDDEN and forbidden.variant == "Vietnam"
    assert [(s.start, s.text) for s in field.terms.highlighters["en"].spans] == [(18, "Vietnam")]
    assert "In UN documents: “Viet Nam”, not “Vietnam”." in field.terms.tooltip_at("en", 20)
    assert field.terms.button.text() == "⚠ Use “Viet Nam”"

    field.terms.button.click()
    assert field.editors["en"].text() == "The Government of Viet Nam"
    assert [v.en for v in chosen] == ["The Government of Viet Nam"]
    assert chosen[0].stale is None  # a spelling fix does not make the Korean out of date
    assert field.terms.findings == [] and field.terms.button.isHidden()


def test_vietnam_in_a_upr_brief_window_is_fixed_as_an_undoable_edit(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_upr"].trigger()
    assert window.loaded is not None and isinstance(window.form.document, UprBrief)
    issue = window.form.fields["issue"]
    type_text(issue.editors["ko"], "베트남의 강제송환")
    issue.editors["en"].setFocus()
    type_text(issue.editors["en"], "Forced returns by Vietnam, not the Vietnam War")
    marks = issue.terms
    qtbot.waitUntil(lambda: bool(marks.findings), timeout=2000)
    forbidden = [f for f in marks.findings if f.kind is FindingKind.FORBIDDEN]
    assert [(f.offset, f.variant) for f in forbidden] == [(18, "Vietnam")]  # not "Vietnam War"
    marks.button.click()
    assert window.form.document.issue.en == "Forced returns by Viet Nam, not the Vietnam War"
    assert window.form.document.issue.stale is None
    window.commands["undo"].trigger()
    assert issue.editors["en"].text() == "Forced returns by Vietnam, not the Vietnam War"


def test_vietnam_war_and_letters_are_not_marked(qtbot, ui) -> None:
    brief = field_in(qtbot, ui, UprBrief())
    brief.set_value(BilingualText.of("베트남전", "veterans of the Vietnam War"))
    assert brief.terms.findings == []
    letter = field_in(qtbot, ui, None)  # "Viet Nam" is a rule for UN-facing documents only
    letter.set_value(BilingualText.of("베트남 정부는", "The Government of Vietnam"))
    assert letter.terms.highlighters["en"].spans == []
    assert all(f.kind is not FindingKind.FORBIDDEN for f in letter.terms.findings)


def test_a_fix_goes_through_undo_and_autosave(qtbot, open_window) -> None:
    window = open_window()
    window.services.glossary.add(
        Term("강제북송", "forced repatriation", forbidden=("deportation",), scope=Scope.ALL)
    )
    window.term_source.notify_changed()  # as the glossary dialog does
    window.commands["new"].trigger()
    assert window.loaded is not None
    draft_id = window.loaded.id
    closing = window.form.fields["closing"]
    type_text(closing.editors["ko"], "강제북송 중단")
    closing.editors["en"].setFocus()
    type_text(closing.editors["en"], "Stop the deportation now")
    marks = closing.terms
    qtbot.waitUntil(lambda: bool(marks.findings), timeout=2000)
    assert marks.findings[0].variant == "deportation"
    marks.button.click()
    assert window.form.document.closing.en == "Stop the forced repatriation now"
    assert window.form.document.closing.stale is None
    assert window.flush()
    assert window.service.load(draft_id).document.closing.en == "Stop the forced repatriation now"
    window.commands["undo"].trigger()  # the fix is its own step
    assert closing.editors["en"].text() == "Stop the deportation now"
    assert window.form.document.closing.en == "Stop the deportation now"


def test_fixed_value_replaces_only_the_marked_occurrence() -> None:
    glossary = Glossary(seed_terms())
    text = BilingualText.of("", "Vietnam and Vietnam again")
    _first, second = glossary.check(text, un_facing=True)
    assert fixed_value(text, second).en == "Vietnam and Viet Nam again"
    moved = BilingualText.of("", "A Vietnam and Vietnam again")
    assert fixed_value(moved, second) == moved  # the text moved since the check: no change


# -- may be out of date ------------------------------------------------------------------


def test_out_of_date_marker_survives_reopening_and_clears_on_confirm(
    qtbot, open_window, data_dir
) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    assert window.loaded is not None
    draft_id = window.loaded.id
    subject = window.form.fields["subject"]
    assert subject.badge.isHidden() and subject.confirm_button.isHidden()
    korean = subject.editors["ko"]
    korean.setFocus()
    QTest.keyClick(korean, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(korean, " 촉구")
    assert subject.badge.text() == "English may be out of date"
    assert subject.badge.toolTip().startswith(
        "The Korean was changed after this English was written."
    )
    assert subject.confirm_button.isVisible()
    assert subject.confirm_action in subject.marker_actions("en")
    assert subject.confirm_action not in subject.marker_actions("ko")
    assert subject.editors["en"].palette().base().color() != korean.palette().base().color()
    qtbot.waitUntil(lambda: window.service.load(draft_id).document.subject.stale == "en")
    with Database.open(data_dir / "dari.sqlite3") as other:
        assert DraftService(other).load(draft_id).document.subject.stale_side() == "en"
    window.close()

    reopened = open_window()
    assert reopened.loaded is not None and reopened.loaded.id == draft_id
    subject = reopened.form.fields["subject"]
    assert subject.badge.text() == "English may be out of date"
    assert subject.confirm_button.isVisible()
    subject.confirm_button.click()
    assert subject.badge.isHidden() and subject.confirm_button.isHidden()
    assert reopened.form.document.subject.stale is None
    assert reopened.flush()
    assert reopened.service.load(draft_id).document.subject.stale is None
    reopened.commands["undo"].trigger()  # Confirm is an edit like any other
    assert subject.badge.text() == "English may be out of date"


def test_translating_an_empty_side_marks_nothing_out_of_date(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    subject = window.form.fields["subject"]
    type_text(subject.editors["ko"], "외교부 장관님께")
    subject.editors["en"].setFocus()
    type_text(subject.editors["en"], "To the Minister")
    assert window.form.document.subject.stale is None
    assert subject.badge.isHidden()


def test_the_context_menu_offers_the_fix_and_confirm(qtbot, ui, monkeypatch) -> None:
    field = field_in(qtbot, ui, UprBrief())
    field.set_value(BilingualText("베트남 정부는", "Vietnam's Government", stale="en"))
    offered: list[list[str]] = []

    def run(menu: QMenu, where: object) -> None:
        offered.append([a.text() for a in menu.actions() if a.isVisible()])
        menu.actions()[0].trigger()

    monkeypatch.setattr(term_marks, "run_menu", run)
    english = field.editors["en"]
    where = english.cursorRect(english.textCursor()).center()  # at the start: on "Vietnam"
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, english.mapToGlobal(where))
    QApplication.sendEvent(english.viewport(), event)
    assert offered[0][:3] == [
        "Use “Viet Nam”",
        "Keep “Vietnam” in this field",  # on the marked span, its dismissal too
        "Confirm both languages agree",
    ]
    assert field.value().en == "Viet Nam's Government"
    assert field.value().stale == "en"  # the fix was a spelling; the English is still to check


# -- issue 10: no nagging in formulas; Copy says what it copied ---------------------------


def test_dear_minister_is_not_asked_for_the_ministry(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    salutation, subject = window.form.fields["salutation"], window.form.fields["subject"]
    for field, ko, en in (
        (salutation, "존경하는 외교부 장관님,", "Dear Minister,"),
        (subject, "외교부에 드리는 요청", "A request"),
    ):
        field.editors["en"].setFocus()
        type_text(field.editors["en"], en)
        field.editors["ko"].setFocus()
        type_text(field.editors["ko"], ko)
        field.terms.refresh()
    assert salutation.terms.findings == [] and salutation.terms.button.isHidden()
    [finding] = subject.terms.findings  # the same term in a field that translates
    assert finding.term.ko == "외교부"


def test_copy_says_what_it_copied(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new"].trigger()
    subject = window.form.fields["subject"]
    subject.editors["en"].setFocus()
    type_text(subject.editors["en"], "Protection")
    subject.editors["ko"].setFocus()
    type_text(subject.editors["ko"], "탈북민 보호")
    marks = subject.terms
    marks.refresh()
    assert marks.button.text() == "⚠ Copy “North Korean escapees”"
    assert marks.button.toolTip().startswith(
        "Copies “North Korean escapees” to the clipboard, to paste into the English."
    )
    marks._fill_menu()
    action, dismiss = marks.menu.actions()  # the fix, then dismissing it in this field
    assert dismiss.text() == "Dismiss “탈북민” in this field"
    assert "North Korean escapees" in action.text() and "clipboard" in action.statusTip()
    marks.button.click()
    assert QGuiApplication.clipboard().text() == "North Korean escapees"
    assert window.statusBar().currentMessage() == (
        "Copied “North Korean escapees”: paste it where it belongs in the English (Ctrl+V)."
    )
