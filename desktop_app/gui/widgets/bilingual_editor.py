"""One bilingual field: Korean and English editors side by side (or Korean above English when
the form is narrow), one height up to a cap, with a marker."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetrics,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desktop_app.domain import LANGS, BilingualText, Lang
from desktop_app.gui.glossary.marks import TermMarks
from desktop_app.gui.widgets.drops import DraftFilesToWindow
from desktop_app.gui.widgets.text_edits import composition, put_text
from desktop_app.gui.window.undo import UndoKeyFilter

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop_app.gui.i18n import UiLanguage

BADGE_STYLE = (
    "QLabel { background: #fff1d6; color: #7a4b00; border: 1px solid #e0b060;"
    " border-radius: 3px; padding: 0px 4px; }"
)
LABEL_STYLE = "QLabel { color: #404040; font-weight: 600; }"
# "May be out of date" looks unlike "missing": a cool colour, dashed, and the stale editor tinted.
STALE_STYLE = (
    "QLabel { background: #ece8fb; color: #3d2a8c; border: 1px dashed #8a78d0;"
    " border-radius: 3px; padding: 0px 4px; }"
)
STALE_TINT = QColor("#f5f2ff")
NOTE_SHORTCUT = "Ctrl+Alt+F"  # Word's Insert Footnote
MAX_LINES = 20  # a long field grows with its text up to this, then scrolls inside


def as_lang(value: str) -> Lang:
    """`value` as a document language; signals carry it as a plain `str`."""
    for lang in LANGS:
        if value == lang:
            return lang
    raise ValueError(f"not a document language: {value!r}")


class LongTextEdit(QPlainTextEdit):
    """A plain-text editor for paragraphs: Tab moves on, height set from outside; a scroll bar
    only once the text is taller than the height it may take."""

    width_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the window's QUndoStack undoes
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self.toPlainText()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit()

    def height_for_text(self, min_lines: int) -> int:
        """The height that shows all of the text at the current width, at least `min_lines`."""
        document = self.document()
        layout = document.documentLayout()
        content = 0.0
        block = document.begin()
        while block.isValid():
            content += layout.blockBoundingRect(block).height()
            block = block.next()
        margin = document.documentMargin()
        lines = QFontMetrics(self.font()).lineSpacing() * min_lines + 2 * margin
        return int(max(content + margin, lines)) + 2 * self.frameWidth() + 2

    def height_limit(self) -> int:
        """The most a field may take: MAX_LINES lines, or half the form's visible height
        when that is smaller (the form being the nearest scroll area around the field)."""
        spacing = QFontMetrics(self.font()).lineSpacing()
        limit = spacing * MAX_LINES + 2 * int(self.document().documentMargin()) + 2
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None and parent.viewport().height() > 0:
            limit = min(limit, parent.viewport().height() // 2)
        return max(limit, spacing * 3)


class BilingualEditor(QWidget):
    """A field label with a marker, over a Korean editor (left) and an English editor (right).

    `edited(lang, text)` fires for the person's typing only, never when the
    window puts a value in with `set_value`; `replaced(value)` fires when the
    person chose a whole new value (a term fix, Confirm, an inserted clause).
    """

    edited = Signal(str, str)
    replaced = Signal(object)  # BilingualText

    def __init__(
        self, ui: UiLanguage, long: bool = False, min_lines: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.long = long
        self.min_lines = min_lines
        self._label_text = ""
        self._context = ""
        self._value = BilingualText()
        self.label = QLabel(self)
        self.label.setStyleSheet(LABEL_STYLE)
        self.label.setWordWrap(True)  # a long label wraps in a narrow form instead of widening it
        self.badge = QLabel(self)
        self.badge.setStyleSheet(BADGE_STYLE)
        self.badge.hide()
        self.confirm_button = QToolButton(self)
        self.confirm_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # also in the context menu
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.hide()
        self.confirm_action = QAction(self)
        self.confirm_action.triggered.connect(self.confirm)
        self.editors: dict[Lang, QLineEdit | LongTextEdit] = {}
        undo_filter = UndoKeyFilter(self)
        drops = DraftFilesToWindow(self)
        for lang in ("ko", "en"):
            editor: QLineEdit | LongTextEdit = LongTextEdit(self) if long else QLineEdit(self)
            editor.installEventFilter(undo_filter)
            editor.installEventFilter(drops)
            composition().watch(editor)  # no reload changes it under a Korean syllable
            if isinstance(editor, LongTextEdit):
                editor.viewport().installEventFilter(drops)  # a text edit's drops land there
            editor.setProperty("lang", lang)
            if isinstance(editor, LongTextEdit):
                editor.textChanged.connect(lambda lang=lang: self._typed(lang))
                editor.width_changed.connect(self._fit_height)
            else:
                editor.textEdited.connect(lambda _text, lang=lang: self._typed(lang))
            self.editors[lang] = editor
        self.note_actions: dict[Lang, QAction] = {}
        for lang, editor in self.editors.items():
            note = QAction(editor)
            note.setShortcut(QKeySequence(NOTE_SHORTCUT))
            note.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            note.triggered.connect(lambda _checked=False, lang=lang: self.insert_note(lang))
            editor.addAction(note)
            self.note_actions[lang] = note
        self._base = {
            lang: e.palette().color(QPalette.ColorRole.Base) for lang, e in self.editors.items()
        }
        self.terms = TermMarks(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.label, 1)  # the label takes the line (it wraps only when short of it)
        top.addWidget(self.badge)
        top.addWidget(self.confirm_button)
        top.addWidget(self.terms.button)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 2, 0, 2)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        self.grid.addLayout(top, 0, 0, 1, 2)
        self.stacked = True
        self.set_stacked(False)
        self._blocking = False
        self.retranslate()

    def set_stacked(self, stacked: bool) -> None:
        """Korean above English (a narrow form), or Korean beside English."""
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for editor in self.editors.values():
            self.grid.removeWidget(editor)
        if stacked:
            self.grid.addWidget(self.editors["ko"], 1, 0, 1, 2)
            self.grid.addWidget(self.editors["en"], 2, 0, 1, 2)
        else:
            self.grid.addWidget(self.editors["ko"], 1, 0)
            self.grid.addWidget(self.editors["en"], 1, 1)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)

    def fit_height(self) -> None:
        """Size the long editors again (the form's visible height changed)."""
        self._fit_height()

    # -- values -------------------------------------------------------------------------

    def value(self) -> BilingualText:
        return self._value

    def set_value(self, value: BilingualText, keep_place: bool = True) -> None:
        """Show `value` (from the document) without reporting it as an edit; a value already
        shown changes nothing. `keep_place` (an undo, a colleague's change): only the span of
        each side that differs is replaced (`put_text`), the caret, the selection and the
        scroll stay. Else (a draft opened) the text is set anew: the caret at the start of a
        paragraph (a line's at its end), kept only in the editor that has the focus."""
        if value == self._value and all(
            editor.text() == value.get(lang) for lang, editor in self.editors.items()
        ):
            return
        self._value = value
        self._blocking = True
        try:
            for lang, editor in self.editors.items():
                text = value.get(lang)
                if keep_place:
                    put_text(editor, text)
                elif editor.text() == text:
                    continue
                elif isinstance(editor, LongTextEdit):
                    position = editor.textCursor().position()
                    editor.setPlainText(text)
                    cursor = editor.textCursor()
                    cursor.setPosition(min(position, len(text)) if editor.hasFocus() else 0)
                    editor.setTextCursor(cursor)
                else:
                    position = editor.cursorPosition()
                    editor.setText(text)
                    if editor.hasFocus():
                        editor.setCursorPosition(min(position, len(text)))
        finally:
            self._blocking = False
        self._refresh_marker()
        self._fit_height()
        self.terms.refresh()

    def replace_value(self, value: BilingualText) -> None:
        """Show a value the person chose as a whole and report it (`replaced`)."""
        if value == self._value:
            return
        self.set_value(value)
        self.replaced.emit(value)

    def confirm(self) -> None:
        """The person checked that both languages agree: clear the out-of-date mark."""
        if self._value.stale_side() is not None:
            self.replace_value(self._value.confirmed())

    def insert_note(self, lang: Lang) -> None:
        """Write a footnote at the caret, `^[…]`, around the selection if there is one, and
        put the caret inside it: what goes between ^[ and ] prints at the foot of the page."""
        editor = self.editors[lang]
        editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(editor, QLineEdit):
            selected = editor.selectedText()
            editor.insert(f"^[{selected}]")
            editor.cursorBackward(False)
            return
        cursor = editor.textCursor()
        selected = cursor.selectedText().replace("\u2029", "\n")  # Qt's paragraph separator
        cursor.insertText(f"^[{selected}]")
        cursor.movePosition(QTextCursor.MoveOperation.Left)
        editor.setTextCursor(cursor)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes made inside (re-highlighting) are not the person's typing."""
        blocking, self._blocking = self._blocking, True
        try:
            yield
        finally:
            self._blocking = blocking

    def accept_value(self, value: BilingualText) -> None:
        """Remember the value the document now holds after the person's own typing."""
        self._value = value
        self._refresh_marker()

    def _typed(self, lang: Lang) -> None:
        if self._blocking:
            return
        self._fit_height()
        self.terms.schedule()
        self.edited.emit(lang, self.editors[lang].text())

    # -- labels and marker --------------------------------------------------------------

    def set_label(self, text: str, context: str = "") -> None:
        """The field's name, translated; `context` ("Recipient 2") prefixes accessible names."""
        self._label_text = text
        self._context = context
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.label.setText(self._label_text)
        field = self._label_text
        if self._context and self._context != field:
            field = f"{self._context}: {field}"
        for lang, editor in self.editors.items():
            name = _("{field} (Korean)") if lang == "ko" else _("{field} (English)")
            editor.setAccessibleName(name.format(field=field))
        confirm = _("Confirm")
        self.confirm_button.setText(confirm)
        self.confirm_button.setToolTip(
            _("Both languages say the same: clear the out-of-date mark.")
        )
        self.confirm_button.setAccessibleName(
            _("{field}: confirm both languages agree").format(field=field)
        )
        self.confirm_action.setText(_("Confirm both languages agree"))
        for note in self.note_actions.values():
            note.setText(_("Insert &footnote"))
            note.setStatusTip(_("A footnote at the caret: its text goes between ^[ and ]"))
        self._refresh_marker()
        self.terms.retranslate()

    def _refresh_marker(self) -> None:
        _ = self.ui.gettext
        value = self._value
        ko, en = not value.is_blank("ko"), not value.is_blank("en")
        stale: str | None = None
        badge = tip = ""
        if ko and not en:
            badge, tip = _("English missing"), _("This field has Korean text but no English yet.")
        elif en and not ko:
            badge, tip = _("Korean missing"), _("This field has English text but no Korean yet.")
        elif value.stale_side() == "en":
            stale, badge = "en", _("English may be out of date")
            tip = _("The Korean was changed after this English was written.")
        elif value.stale_side() == "ko":
            stale, badge = "ko", _("Korean may be out of date")
            tip = _("The English was changed after this Korean was written.")
        if stale:
            tip += " " + _("Check it, then choose Confirm if both say the same.")
        self.badge.setText(badge)
        self.badge.setToolTip(tip)
        self.badge.setAccessibleName(badge)
        self.badge.setVisible(bool(badge))
        style = STALE_STYLE if stale else BADGE_STYLE
        if self.badge.styleSheet() != style:
            self.badge.setStyleSheet(style)
        self.confirm_button.setVisible(bool(stale))
        self.confirm_action.setVisible(bool(stale))
        self.editors["ko"].setPlaceholderText(_("Korean missing") if en and not ko else "한국어")
        self.editors["en"].setPlaceholderText(_("English missing") if ko and not en else "English")
        for lang, editor in self.editors.items():
            editor.setToolTip(tip if badge and (lang == stale or value.is_blank(lang)) else "")
            palette = editor.palette()
            base = STALE_TINT if lang == stale else self._base[lang]
            if palette.color(QPalette.ColorRole.Base) != base:
                palette.setColor(QPalette.ColorRole.Base, base)
                editor.setPalette(palette)

    def marker_actions(self, lang: str) -> list[QAction]:
        """Actions for an editor's context menu: Insert footnote; Confirm, on the out-of-date
        side."""
        note = self.note_actions[as_lang(lang)]
        return [self.confirm_action, note] if self._value.stale_side() == lang else [note]

    # -- height -------------------------------------------------------------------------

    def _fit_height(self) -> None:
        if not self.long:
            return
        editors = [e for e in self.editors.values() if isinstance(e, LongTextEdit)]
        height = max(e.height_for_text(self.min_lines) for e in editors)
        height = min(height, min(e.height_limit() for e in editors))
        for editor in editors:
            if editor.height() != height or editor.minimumHeight() != height:
                editor.setFixedHeight(height)
