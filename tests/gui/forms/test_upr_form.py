"""The UPR brief form driven like a person would, exported and read back from real .docx files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget

from desktop_app.domain.upr import UprBrief
from desktop_app.gui.dialogs import export as export_dialog
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.dialogs.revisions import RevisionsDialog
from desktop_app.gui.forms.state_picker import StatePicker
from desktop_app.gui.forms.upr import UprForm
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.reference import calendar
from desktop_app.services import DraftService
from desktop_app.storage import Database
from tests.helpers.qt import forbid_window_questions, type_text

# The State picker's suggestion list is a popup; the offscreen platform cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

# -- helpers (the same few lines as in the other GUI test files) ---------------------------


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def pick_state(picker: StatePicker, text: str, *, arrow: bool) -> None:
    """Type part of a name; take the first suggestion (Down, Return) or just press Return."""
    line = picker.lineEdit()
    line.setFocus()
    type_text(line, text)
    popup = picker.completer().popup()
    if arrow:
        assert popup.isVisible()
        QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup if popup.isVisible() else line, Qt.Key.Key_Return)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    """A test that opens a message box it did not expect fails instead of hanging."""
    forbid_window_questions(
        monkeypatch,
        (export_dialog, ("inform", "ask", "show_exported", "choose_folder", "open_folder")),
    )


def upr_form(window: MainWindow) -> UprForm:
    assert isinstance(window.form, UprForm)
    return window.form


def export(qtbot, window: MainWindow, folder: Path, styles: dict[str, str]) -> list[Path]:
    """Export the open draft through the Export dialog, both languages as separate files."""
    assert window.loaded is not None and window.flush()
    dialog = ExportDialog(window.service, window.loaded.id, window.settings, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(folder))
    dialog.language_group.button(2).click()
    dialog.layout_group.button(0).click()
    for box, lang in ((dialog.style_ko_box, "ko"), (dialog.style_en_box, "en")):
        box.setCurrentIndex(box.findData(styles[lang]))
        assert box.currentData() == styles[lang]
    with qtbot.waitSignal(dialog.exported) as signal:
        dialog.export_button.click()
    dialog.deleteLater()
    return list(signal.args[0])


QUESTIONS = [
    ("난민 보호 조치는 무엇입니까?", "What measures protect refugees in Viet Nam?"),
    ("강제송환금지 원칙은 어떻게 보장됩니까?", "How is non-refoulement ensured?"),
    ("국군포로 기록을 공유하겠습니까?", "Will records from the Vietnam War be shared?"),
]
RECOMMENDATIONS = [
    ("난민협약을 비준할 것.", "Ratify the 1951 Refugee Convention and its 1967 Protocol."),
    ("난민협약 비준을 검토할 것.", "Consider ratifying the 1951 Refugee Convention."),
]


def type_rows(window: MainWindow, section_name: str, texts: list[tuple[str, str]]) -> None:
    section = upr_form(window).sections[section_name]
    for ko, en in texts:
        click(section.add_button)
        editor = section.rows[-1].editors["text"]
        type_text(editor.editors["ko"], ko)  # Hangul one key event at a time
        editor.editors["en"].setFocus()
        QTest.keyClicks(editor.editors["en"], en)  # ASCII may go in one call


# -- the whole brief through the widgets ---------------------------------------------------


def test_a_brief_typed_in_exports_as_paper_and_as_ohchr_list(
    qtbot, monkeypatch, open_window, data_dir: Path, tmp_path: Path
) -> None:
    window = open_window()
    window.commands["new_upr"].trigger()
    form = upr_form(window)
    assert window.loaded is not None and window.loaded.record.kind == "upr-brief"
    draft_id = window.loaded.id
    details = form.details

    pick_state(details.state, "베트", arrow=True)  # the Korean name finds Viet Nam
    assert form.document.state == "VN"
    assert details.state.currentText() == "Viet Nam — 베트남"
    assert details.deadline.text().startswith("Set the review date")

    details.session.setFocus()
    details.session.selectAll()
    QTest.keyClicks(details.session, "46")
    assert form.document.session == 46 and form.document.cycle == 4
    assert details.use_calendar.isVisibleTo(window)
    assert details.use_calendar.text() == "Use 7 May 2024 from the calendar"
    click(details.use_calendar)
    assert form.document.review_date == date(2024, 5, 7)
    assert details.review_date.date() == QDate(2024, 5, 7)
    assert not details.use_calendar.isVisibleTo(window)
    assert not details.save_date.isVisibleTo(window)  # the calendar already has this date
    # The review was in 2024: seen today, the advance-question window has closed.
    assert "closed on 6 May 2024" in details.deadline.text()
    assert details.deadline.tone == "closed"

    pick_state(details.targets.picker, "대한", arrow=False)  # one match: Return takes it
    assert form.document.target_states == ("KR",)
    assert [chip.text() for chip in details.targets.chips] == ["Republic of Korea ✕"]

    issue = form.fields["issue"]
    type_text(issue.editors["ko"], "탈북민을 포함한 난민의 보호")
    issue.editors["en"].setFocus()
    QTest.keyClicks(issue.editors["en"], "refugees in Vietnam")
    assert "“Viet Nam”, not “Vietnam”" in form.hints["issue"].text()
    for _ in range(len("Vietnam")):
        QTest.keyClick(issue.editors["en"], Qt.Key.Key_Backspace)
    QTest.keyClicks(issue.editors["en"], "Viet Nam")
    assert form.hints["issue"].isHidden()
    assert form.document.issue.en == "refugees in Viet Nam"

    type_rows(window, "questions", QUESTIONS)
    type_rows(window, "recommendations", RECOMMENDATIONS)
    assert "Words: Korean" in form.hints["questions"].text()

    questions = form.sections["questions"]
    third = questions.rows[2].editors["text"].editors["ko"]
    third.setFocus()
    QTest.keyClick(third, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # Q3 above Q2
    assert [q.text.ko for q in form.document.questions] == [QUESTIONS[i][0] for i in (0, 2, 1)]
    assert QApplication.focusWidget() is questions.rows[1].editors["text"].editors["ko"]
    click(questions.rows[1].buttons["move_down"])  # and back with the button
    assert [q.text.ko for q in form.document.questions] == [q[0] for q in QUESTIONS]

    recommendations = form.sections["recommendations"].rows
    assert "Category 5 specific action (“Ratify”)" in recommendations[0].note.text()
    assert "Category 3 considering action (“Consider”)" in recommendations[1].note.text()
    assert questions.rows[2].note.isHidden()  # "Vietnam War" is a historical name

    document = form.document
    with Database.open(data_dir / "dari.sqlite3") as other:
        service = DraftService(other)
        qtbot.waitUntil(lambda: service.load(draft_id).document == document, timeout=3000)

    out = tmp_path / "out"
    out.mkdir()
    reported: list[str] = []
    asked: list[str] = []  # hints (say, a glossary term) ask "Export anyway?": yes
    monkeypatch.setattr(export_dialog, "ask", lambda _p, _t, text, _y: asked.append(text) or True)
    monkeypatch.setattr(
        export_dialog, "show_exported", lambda _p, _t, text, _o: reported.append(text)
    )
    paper = export(qtbot, window, out, {"ko": "upr-brief-ko", "en": "upr-brief-en"})
    ohchr = export(qtbot, window, out, {"ko": "upr-ohchr-ko", "en": "upr-ohchr-en"})
    assert len(set(paper + ohchr)) == 4  # four files, none written over
    assert "2024-05-07 베트남 UPR 사전질의 목록 (en).docx" in reported[1]
    paper_ko, paper_en = (docx_text(path) for path in paper)
    ohchr_ko, ohchr_en = (docx_text(path) for path in ohchr)
    assert "Universal Periodic Review of Viet Nam" in paper_en
    assert "46th session" in paper_en and "Q3." in paper_en and "R2." in paper_en
    assert "베트남" in paper_ko and "사전 서면질의" in paper_ko and "국군포로 기록" in paper_ko
    assert "Advance questions to Viet Nam" in ohchr_en
    assert "REPUBLIC OF KOREA" in ohchr_en.splitlines()
    assert "베트남에 대한 사전 서면질의" in ohchr_ko and "대한민국" in ohchr_ko
    for text in (paper_en, ohchr_en):
        assert re.findall(r"Vietnam(?! War)", text) == []
        assert "Viet Nam" in text
    assert service_revision(window, draft_id).startswith("exported: ")


def service_revision(window: MainWindow, draft_id: int) -> str:
    return window.service.revisions(draft_id)[0].reason


def test_new_upr_brief_from_sample_opens_the_founding_case(qtbot, open_window) -> None:
    window = open_window()
    assert not window.welcome.upr_sample_button.isHidden()
    new_menu = [action.objectName() for action in window.commands.new_menu.actions()]
    assert new_menu == ["new", "new_sample", "new_upr", "new_upr_sample", "new_notice",
                        "new_notice_sample", "new_statement", "new_statement_sample"]  # fmt: skip
    click(window.welcome.upr_sample_button)
    form = upr_form(window)
    assert window.centre.currentWidget() is form
    brief = form.document
    assert isinstance(brief, UprBrief) and brief.state == "VN" and brief.session == 46
    assert len(form.sections["questions"].rows) == 3
    assert (
        form.sections["questions"]
        .rows[2]
        .editors["text"]
        .editors["en"]
        .text()
        .startswith("Will Viet Nam share")
    )
    notes = [row.note.text() for row in form.sections["recommendations"].rows]
    assert notes[2] == "Category 5 specific action (“Ratify”)"
    assert form.details.deadline.tone == "closed"
    row = window.drafts.model.row_of(window.loaded.id)
    assert window.drafts.model.index(row, 1).data() == "UPR brief"
    assert window.windowTitle().startswith("the protection of refugees")

    window.preview.set_mode("en")
    assert "Universal Periodic Review of Viet Nam" in window.preview.browser.toPlainText()
    window.preview.set_mode("both")
    shown = window.preview.browser.toPlainText()
    assert "베트남" in shown and "Viet Nam" in shown


def test_letters_and_briefs_each_open_in_their_own_form(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    letter_id = window.loaded.id
    assert window.form is window.forms["letter"]
    window.commands["new_upr_sample"].trigger()
    assert window.form is window.forms["upr-brief"]
    window.open_draft(letter_id)
    assert window.centre.currentWidget() is window.forms["letter"]

    window.commands["new_upr"].trigger()  # undo works for a brief as for a letter
    form = upr_form(window)
    summary = form.fields["summary"].editors["ko"]
    summary.setFocus()
    type_text(summary, "요약입니다")
    assert form.document.summary.ko == "요약입니다"
    QTest.keyClick(summary, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.document.summary.ko == "" and summary.text() == ""


def test_a_review_date_can_be_saved_for_a_session(qtbot, open_window, data_dir: Path) -> None:
    window = open_window()
    window.commands["new_upr"].trigger()
    details = upr_form(window).details
    pick_state(details.state, "viet", arrow=False)
    assert upr_form(window).document.state == "VN"
    assert details.use_calendar.text() == "Use session 46, 7 May 2024, from the calendar"
    details.session.setValue(53)  # a session the shipped calendar has no date for
    assert not details.use_calendar.isVisibleTo(window)
    click(details.no_review_date)  # "Not set" off: the date edit holds the date
    details.review_date.setDate(QDate(2026, 11, 3))
    assert upr_form(window).document.review_date == date(2026, 11, 3)
    assert details.save_date.text() == "Save this date for session 53"
    click(details.save_date)
    assert (data_dir / "upr_sessions.json").is_file()
    assert calendar(data_dir).session(53).review_date("VN") == date(2026, 11, 3)
    assert not details.save_date.isVisibleTo(window)


def test_the_export_dialog_offers_the_brief_styles(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window()
    window.settings.style_en = "en-letter"
    window.commands["new_upr_sample"].trigger()
    dialog = ExportDialog(window.service, window.loaded.id, window.settings, window.ui, window)
    qtbot.addWidget(dialog)
    boxes = {"ko": dialog.style_ko_box, "en": dialog.style_en_box}
    keys = {lang: [box.itemData(i) for i in range(box.count())] for lang, box in boxes.items()}
    assert keys == {"ko": ["upr-brief-ko", "upr-ohchr-ko"], "en": ["upr-brief-en", "upr-ohchr-en"]}
    assert dialog.style_en_box.currentData() == "upr-brief-en"
    assert dialog.style_en_box.currentText() == "UPR briefing paper (English)"
    assert any("베트남" in name for name in dialog.planned_names())
    dialog.deleteLater()


def test_the_form_speaks_korean(qtbot, open_window) -> None:
    window = open_window("ko")
    window.commands["new_upr_sample"].trigger()
    details = upr_form(window).details
    assert details.state.currentText() == "베트남 — Viet Nam"
    assert "사전 서면질의" in details.deadline.text()
    assert details.targets.chips[0].text() == "대한민국 ✕"


def test_every_control_of_the_brief_form_has_an_accessible_name(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_upr_sample"].trigger()
    form = upr_form(window)
    for section in form.sections.values():
        section.set_collapsed(False)
    nameless = [
        w
        for w in form.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(window)
        and not w.accessibleName()
        and type(w).__name__ not in ("QScrollBar", "QWidget", "QCalendarWidget")
        and not (w.parent() and type(w.parent()).__name__ in ("StatePicker", "ResponseBox"))
        and not isinstance(w.parent(), QAbstractSpinBox)  # the spin box's own line edit
    ]
    assert nameless == []


def test_scrolling_over_the_form_does_not_change_a_state_or_session(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_upr_sample"].trigger()
    form = upr_form(window)
    form.fields["summary"].editors["ko"].setFocus()
    for widget in (form.details.state, form.details.session):
        centre = QPointF(widget.rect().center())
        wheel = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, wheel)
    assert form.document.state == "VN" and form.document.session == 46
    assert window.history.stack.count() == 0


def test_the_revisions_of_a_brief_show_its_text(qtbot, open_window) -> None:
    window = open_window()
    window.commands["new_upr_sample"].trigger()
    dialog = RevisionsDialog(window.service, window.loaded.id, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    shown = dialog.view.toPlainText()
    assert "Universal Periodic Review of Viet Nam" in shown and "베트남" in shown
    dialog.deleteLater()


def test_a_question_given_to_one_state_is_listed_only_under_it(
    qtbot, monkeypatch, open_window, tmp_path: Path
) -> None:
    from desktop_app.gui.forms.upr_sections import AssignedStates

    window = open_window()
    window.commands["new_upr"].trigger()
    form = upr_form(window)
    details = form.details
    pick_state(details.state, "베트", arrow=True)
    type_rows(window, "questions", QUESTIONS[:2])
    assigned = form.sections["questions"].rows[1].plain["states"]
    assert isinstance(assigned, AssignedStates)
    assert assigned.isHidden()  # no target States yet: nothing to choose
    pick_state(details.targets.picker, "대한", arrow=False)
    pick_state(details.targets.picker, "독일", arrow=False)
    assert form.document.target_states == ("KR", "DE")
    assigned = form.sections["questions"].rows[1].plain["states"]
    assert isinstance(assigned, AssignedStates)
    assert not assigned.isHidden() and assigned.count() == 2
    assert assigned.accessibleName() == "Question 2: For"
    # By keyboard: onto the list, the first State (Korea), Space unticks it.
    assigned.setFocus()
    assigned.setCurrentRow(0)
    QTest.keyClick(assigned, Qt.Key.Key_Space)
    assert form.document.questions[1].states == ("DE",)
    assert form.document.questions[0].states == ()
    # The last ticked State cannot be unticked: a question is for somebody.
    assigned.setCurrentRow(1)
    QTest.keyClick(assigned, Qt.Key.Key_Space)
    assert form.document.questions[1].states == ("DE",)

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(export_dialog, "ask", lambda *_a: True)
    monkeypatch.setattr(export_dialog, "show_exported", lambda *_a: None)
    _ko, en = export(qtbot, window, out, {"ko": "upr-ohchr-ko", "en": "upr-ohchr-en"})
    lines = [p.text for p in docx.Document(str(en)).paragraphs]
    korea, germany = lines.index("REPUBLIC OF KOREA"), lines.index("GERMANY")
    assert korea < germany
    assert [line.lstrip("•\t ") for line in lines[korea + 1 : germany]] == [QUESTIONS[0][1]]
    assert [line.lstrip("•\t ") for line in lines[germany + 1 :]] == [q[1] for q in QUESTIONS[:2]]
