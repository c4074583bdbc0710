"""Adding or editing one glossary term: Korean, English, note, variants, exceptions, scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import clean_text
from desktop_app.domain.glossary import Scope, Term
from desktop_app.domain.messages import N_

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

SCOPES = {Scope.ALL: N_("All documents"), Scope.UN: N_("UN-facing documents only")}
LIST_SEPARATOR = ";"


def split_list(text: str) -> tuple[str, ...]:
    """Split at ";": "a; b;; c" → ("a", "b", "c")."""
    return tuple(v.strip() for v in clean_text(text).split(LIST_SEPARATOR) if v.strip())


def join_list(values: tuple[str, ...]) -> str:
    return f"{LIST_SEPARATOR} ".join(values)


class TermDialog(QDialog):
    """Asks for a term's parts; `term()` is the result once accepted."""

    def __init__(self, ui: UiLanguage, term: Term | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("termDialog")
        self.setMinimumWidth(520)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in ("ko", "en", "note", "alternatives", "forbidden", "exceptions"):
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.textChanged.connect(self._validate)
            self.edits[name] = edit
            form.addRow(QLabel(self), edit)
        self.scope = QComboBox(self)
        self.scope.setObjectName("scope")
        for scope in SCOPES:
            self.scope.addItem("", scope.value)
        form.addRow(QLabel(self), self.scope)
        self.form = form
        self.problem = QLabel(self, wordWrap=True)
        self.problem.setObjectName("termProblem")
        self.problem.setStyleSheet("QLabel { color: #9a4d00; }")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if term is not None:
            self.set_term(term)
        self.retranslate(editing=term is not None)
        self._validate()

    def set_term(self, term: Term) -> None:
        texts = {
            "ko": term.ko,
            "en": term.en,
            "note": term.note,
            "alternatives": join_list(term.alternatives),
            "forbidden": join_list(term.forbidden),
            "exceptions": join_list(term.exceptions),
        }
        for name, text in texts.items():
            self.edits[name].setText(text)
        self.scope.setCurrentIndex(max(0, self.scope.findData(term.scope.value)))

    def term(self) -> Term:
        """The term as filled in (cleaned; lists split at ";")."""
        text = {name: clean_text(edit.text()).strip() for name, edit in self.edits.items()}
        return Term(
            ko=text["ko"],
            en=text["en"],
            note=text["note"],
            forbidden=split_list(text["forbidden"]),
            exceptions=split_list(text["exceptions"]),
            scope=Scope(self.scope.currentData()),
            alternatives=split_list(text["alternatives"]),
        )

    def retranslate(self, editing: bool) -> None:
        _ = self.ui.gettext
        self.setWindowTitle(_("Edit term") if editing else _("New term"))
        labels = {
            "ko": _("Korean term"),
            "en": _("Approved English"),
            "note": _("Note"),
            "alternatives": _("Also accepted (separate with ;)"),
            "forbidden": _("English to avoid (separate with ;)"),
            "exceptions": _("Except in (separate with ;)"),
        }
        for row, (name, text) in enumerate(labels.items()):
            label = self._label(row)
            if isinstance(label, QLabel):
                label.setText(text + ":")
                label.setBuddy(self.edits[name])
            self.edits[name].setAccessibleName(text)
        self.edits["exceptions"].setPlaceholderText(_("e.g. Vietnam War"))
        scope_label = self._label(len(labels))
        if isinstance(scope_label, QLabel):
            scope_label.setText(_("Applies to") + ":")
            scope_label.setBuddy(self.scope)
        self.scope.setAccessibleName(_("Applies to"))
        for index, title in enumerate(SCOPES.values()):
            self.scope.setItemText(index, _(title))

    def _label(self, row: int) -> QWidget | None:
        item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        return item.widget() if item is not None else None

    def _validate(self) -> None:
        _ = self.ui.gettext
        term = self.term()
        problem = ""
        if not term.en:
            problem = _("Write the approved English term.")
        elif not term.ko and not term.forbidden:
            problem = _("Write the Korean term (or English to avoid).")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
