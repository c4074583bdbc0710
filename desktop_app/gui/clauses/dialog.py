"""Adding or editing one library clause: a title and a text in both languages, and tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import BilingualText, clean_text
from desktop_app.domain.clauses import Clause

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

TAG_SEPARATOR = ","


def ask_clause(parent: QWidget, ui: UiLanguage, clause: Clause, editing: bool) -> Clause | None:
    """The clause dialog filled with `clause`; None when cancelled. Tests replace it."""
    dialog = ClauseDialog(ui, clause, editing, parent)
    try:
        return dialog.clause() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def suggested_title(text: str, limit: int = 40) -> str:
    """The first line of a text, cut at a word near `limit` characters: a title to edit."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(" ,.;:") + "…"


class ClauseDialog(QDialog):
    """Asks for a clause's titles, texts and tags; `clause()` is the result once accepted."""

    def __init__(
        self, ui: UiLanguage, clause: Clause, editing: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("clauseDialog")
        self.setMinimumSize(720, 420)
        self.titles = {lang: QLineEdit(clause.title.get(lang), self) for lang in ("ko", "en")}
        self.texts = {lang: QPlainTextEdit(clause.text.get(lang), self) for lang in ("ko", "en")}
        self.tags = QLineEdit(f"{TAG_SEPARATOR} ".join(clause.tags), self)
        self.labels = {name: QLabel(self) for name in ("ko", "en", "title", "text", "tags")}
        grid = QGridLayout()
        grid.addWidget(self.labels["ko"], 0, 1)
        grid.addWidget(self.labels["en"], 0, 2)
        grid.addWidget(self.labels["title"], 1, 0)
        grid.addWidget(self.labels["text"], 2, 0, Qt.AlignmentFlag.AlignTop)
        for column, lang in enumerate(("ko", "en"), start=1):
            grid.addWidget(self.titles[lang], 1, column)
            grid.addWidget(self.texts[lang], 2, column)
            self.titles[lang].textChanged.connect(self._validate)
            self.texts[lang].textChanged.connect(self._validate)
        grid.addWidget(self.labels["tags"], 3, 0)
        grid.addWidget(self.tags, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(2, 1)
        self.problem = QLabel(self, wordWrap=True)
        self.problem.setStyleSheet("QLabel { color: #9a4d00; }")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.retranslate(editing)
        self._validate()

    def clause(self) -> Clause:
        """The clause as filled in (cleaned)."""
        titles = {lang: edit.text().strip() for lang, edit in self.titles.items()}
        texts = {lang: edit.toPlainText().strip() for lang, edit in self.texts.items()}
        tags = clean_text(self.tags.text()).split(TAG_SEPARATOR)
        return Clause(
            title=BilingualText.of(titles["ko"], titles["en"]),
            text=BilingualText.of(texts["ko"], texts["en"]),
            tags=tuple(t.strip() for t in tags if t.strip()),
        )

    def retranslate(self, editing: bool) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Edit clause") if editing else _("New clause"))
        texts = {
            "ko": _("Korean"),
            "en": _("English"),
            "title": _("Title"),
            "text": _("Text"),
            "tags": _("Tags (separate with commas)"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        for lang, language in (("ko", _("Korean")), ("en", _("English"))):
            self.titles[lang].setAccessibleName(_("Title ({language})").format(language=language))
            self.texts[lang].setAccessibleName(_("Text ({language})").format(language=language))
        self.labels["tags"].setBuddy(self.tags)
        self.tags.setAccessibleName(_("Tags"))

    def _validate(self) -> None:
        _ = self.ui.gettext
        clause = self.clause()
        problem = ""
        if clause.title.is_empty():
            problem = _("Give the clause a title, in either language.")
        elif clause.text.is_empty():
            problem = _("Write the clause's text, in either language.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
