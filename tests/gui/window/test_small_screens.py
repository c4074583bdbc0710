"""A 1024×700 screen with every panel open: every field and card button can be reached and used;
"+" brings its card into sight; a huge paste scrolls inside its field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from desktop_app.gui.widgets.bilingual_editor import MAX_LINES, BilingualEditor
from desktop_app.gui.window.main_window import MainWindow
from tests.helpers.qt import forbid_window_questions

SMALL = (1024, 700)
EDITOR_MIN_WIDTH = 200


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch) -> None:
    forbid_window_questions(monkeypatch)


def small_window_with_everything_open(qtbot, open_window, language: str, kind: str) -> MainWindow:
    window = open_window(language)
    window.resize(*SMALL)
    if kind == "letter":
        window.new_from_sample()
    else:
        window.new_upr_brief_from_sample()
    window.commands["clauses"].setChecked(True)
    assert window.clause_dock is not None
    qtbot.waitUntil(lambda: window.clause_dock.panel.isVisible())
    for section in window.form.sections.values():
        section.set_collapsed(False)
    settle_layout(window)
    return window


def settle_layout(window: MainWindow) -> None:
    """Let the nested layouts of the unfolded form finish (each level posts the next)."""
    page = window.form.page
    for _ in range(10):
        QApplication.processEvents()
        if page.height() == page.heightForWidth(page.width()):
            return


def reachable_widgets(window: MainWindow) -> list[QWidget]:
    """Everything in the form a person types into or clicks, the card buttons included."""
    page = window.form.page
    found: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractButton)) or (
            widget.focusPolicy().value and widget.metaObject().className().startswith("Q")
        ):
            if isinstance(widget.parentWidget(), (QPlainTextEdit,)):
                continue  # a text editor's own viewport
            found.append(widget)
    return found


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def scroll_into_view(form: QScrollArea, widget: QWidget) -> None:
    """Scroll the form as a person would until the whole widget shows (ensureWidgetVisible
    shows only the caret of a text editor)."""
    where = rect_in(widget, form.widget())
    for bar, start, length, visible in (
        (form.verticalScrollBar(), where.top(), where.height(), form.viewport().height()),
        (form.horizontalScrollBar(), where.left(), where.width(), form.viewport().width()),
    ):
        if start + length > bar.value() + visible:
            bar.setValue(start + length - visible)
        if start < bar.value():
            bar.setValue(start)


@pytest.mark.parametrize("kind", ["letter", "upr"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_field_and_card_button_is_reachable_at_1024x700_with_every_panel_open(
    qtbot, open_window, language: str, kind: str
) -> None:
    window = small_window_with_everything_open(qtbot, open_window, language, kind)
    assert (window.width(), window.height()) == SMALL  # the panels fit: the window did not grow
    assert window.preview.isVisible() and window.preview.width() >= 200
    assert window.clause_dock is not None and window.clause_dock.panel.width() >= 200
    form = window.form
    assert form.horizontalScrollBar().maximum() == 0  # nothing sticks out at the right
    widgets = reachable_widgets(window)
    editors = [e for f in form.page.findChildren(BilingualEditor) for e in f.editors.values()]
    assert len(editors) > 20 and all(e in widgets for e in editors if e.isVisibleTo(form.page))
    assert sum(isinstance(w, QAbstractButton) and w.text() == "+" for w in widgets) > 5
    viewport = form.viewport()
    for widget in widgets:
        scroll_into_view(form, widget)
        where = rect_in(widget, viewport)
        assert viewport.rect().contains(where), (widget, widget.accessibleName(), where)
        assert window.rect().contains(rect_in(widget, window)), widget.accessibleName()
        if widget in editors:
            assert widget.width() >= EDITOR_MIN_WIDTH, widget.accessibleName()


def test_a_wide_form_puts_english_beside_korean_and_a_narrow_one_below(qtbot, open_window) -> None:
    window = open_window("en")
    window.resize(1600, 1000)
    window.new_from_sample()
    subject = window.form.fields["subject"].editors
    window.splitter.setSizes([300, 1000, 300])
    qtbot.waitUntil(lambda: subject["en"].x() > subject["ko"].x())
    assert subject["en"].y() == subject["ko"].y()
    window.splitter.setSizes([300, 360, 940])
    QApplication.processEvents()
    qtbot.waitUntil(lambda: subject["en"].y() > subject["ko"].y())
    assert subject["en"].x() == subject["ko"].x()
    assert not window.form.labels["heading_en"].isVisible()  # each editor says its language


def test_plus_scrolls_to_the_new_card_and_puts_the_cursor_in_it(qtbot, open_window) -> None:
    window = open_window("en")
    window.resize(*SMALL)
    window.new_from_sample()
    form = window.form
    body = form.sections["body"]
    body.set_collapsed(False)
    count = len(body.rows)
    first = body.rows[0]
    form.verticalScrollBar().setValue(0)
    scroll_into_view(form, first.buttons["add_after"])  # the card's "+" at the bottom edge
    QApplication.processEvents()
    first.buttons["add_after"].click()
    assert len(body.rows) == count + 1
    new = body.rows[1]
    first_field = new.editors["text"].editors["ko"]
    qtbot.waitUntil(lambda: form.viewport().rect().contains(rect_in(new, form.viewport())))
    assert first_field.hasFocus()


def test_a_200_kb_paste_scrolls_inside_its_field(qtbot, open_window) -> None:
    window = open_window("en")
    window.resize(*SMALL)
    window.new_letter()
    form = window.form
    body = form.sections["body"]
    if not body.rows:
        body.add_button.click()
    field = body.rows[0].editors["text"]
    korean = field.editors["ko"]
    assert isinstance(korean, QPlainTextEdit)
    korean.setFocus()
    short_height = korean.height()
    korean.insertPlainText("한 줄\n둘째 줄\n셋째 줄\n넷째 줄")  # a few lines: the field grows
    assert korean.height() > short_height
    QApplication.clipboard().setText("탈북민 강제송환 중단 요청. " * 12_000)  # about 200 KB
    assert len(QApplication.clipboard().text().encode()) > 200_000
    korean.paste()
    lines = QFontMetrics(korean.font()).lineSpacing() * (MAX_LINES + 1)
    limit = min(lines, form.viewport().height() // 2 + 1)
    assert korean.height() <= limit
    assert field.editors["en"].height() == korean.height()
    assert korean.verticalScrollBar().maximum() > 0  # the rest is a scroll away, inside
    assert form.document.body[0].text.ko.startswith("한 줄")
