"""One bilingual field: Korean and English editors side by side, one height, with a marker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from desktop_app.domain import BilingualText, Lang
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.undo import UndoKeyFilter

BADGE_STYLE = (
    "QLabel { background: #fff1d6; color: #7a4b00; border: 1px solid #e0b060;"
    " border-radius: 3px; padding: 0px 4px; }"
)
LABEL_STYLE = "QLabel { color: #404040; font-weight: 600; }"


class LongTextEdit(QPlainTextEdit):
    """A plain-text editor for paragraphs: Tab moves on, no scroll bar, height set from outside."""

    width_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the window's QUndoStack undoes
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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


class BilingualEditor(QWidget):
    """A field label with a marker, over a Korean editor (left) and an English editor (right).

    `edited(lang, text)` fires for the person's typing only, never when the
    window puts a value in with `set_value`.
    """

    edited = Signal(str, str)

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
        self.badge = QLabel(self)
        self.badge.setStyleSheet(BADGE_STYLE)
        self.badge.hide()
        self.editors: dict[Lang, QLineEdit | LongTextEdit] = {}
        undo_filter = UndoKeyFilter(self)
        for lang in ("ko", "en"):
            editor: QLineEdit | LongTextEdit = LongTextEdit(self) if long else QLineEdit(self)
            editor.installEventFilter(undo_filter)
            editor.setProperty("lang", lang)
            if isinstance(editor, LongTextEdit):
                editor.textChanged.connect(lambda lang=lang: self._typed(lang))
                editor.width_changed.connect(self._fit_height)
            else:
                editor.textEdited.connect(lambda _text, lang=lang: self._typed(lang))
            self.editors[lang] = editor
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.label)
        top.addWidget(self.badge)
        top.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(self.editors["ko"], 1, 0)
        grid.addWidget(self.editors["en"], 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._blocking = False
        self.retranslate()

    # -- values -------------------------------------------------------------------------

    def value(self) -> BilingualText:
        return self._value

    def set_value(self, value: BilingualText) -> None:
        """Show `value` (from the document) without reporting it as an edit."""
        self._value = value
        self._blocking = True
        try:
            for lang, editor in self.editors.items():
                text = value.get(lang)
                if editor.text() == text:
                    continue
                if isinstance(editor, LongTextEdit):
                    position = editor.textCursor().position()
                    editor.setPlainText(text)
                    cursor = editor.textCursor()
                    cursor.setPosition(min(position, len(text)) if editor.hasFocus() else 0)
                    editor.setTextCursor(cursor)
                else:
                    position = editor.cursorPosition()
                    editor.setText(text)
                    if editor.hasFocus():  # undo keeps the caret where the person was
                        editor.setCursorPosition(min(position, len(text)))
        finally:
            self._blocking = False
        self._refresh_marker()
        self._fit_height()

    def accept_value(self, value: BilingualText) -> None:
        """Remember the value the document now holds after the person's own typing."""
        self._value = value
        self._refresh_marker()

    def _typed(self, lang: Lang) -> None:
        if self._blocking:
            return
        self._fit_height()
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
        self._refresh_marker()

    def _refresh_marker(self) -> None:
        _ = self.ui.gettext
        value = self._value
        ko, en = value.ko.strip(), value.en.strip()
        badge = tip = ""
        if ko and not en:
            badge, tip = _("English missing"), _("This field has Korean text but no English yet.")
        elif en and not ko:
            badge, tip = _("Korean missing"), _("This field has English text but no Korean yet.")
        elif value.stale_side() == "en":
            badge = _("English may be out of date")
            tip = _("The Korean text changed after the English was written; check the English.")
        elif value.stale_side() == "ko":
            badge = _("Korean may be out of date")
            tip = _("The English text changed after the Korean was written; check the Korean.")
        self.badge.setText(badge)
        self.badge.setToolTip(tip)
        self.badge.setAccessibleName(badge)
        self.badge.setVisible(bool(badge))
        self.editors["ko"].setPlaceholderText(_("Korean missing") if en and not ko else "한국어")
        self.editors["en"].setPlaceholderText(_("English missing") if ko and not en else "English")
        for lang in ("ko", "en"):
            self.editors[lang].setToolTip(tip if badge and not value.get(lang).strip() else "")

    # -- height -------------------------------------------------------------------------

    def _fit_height(self) -> None:
        if not self.long:
            return
        editors = [e for e in self.editors.values() if isinstance(e, LongTextEdit)]
        height = max(e.height_for_text(self.min_lines) for e in editors)
        for editor in editors:
            if editor.height() != height or editor.minimumHeight() != height:
                editor.setFixedHeight(height)
