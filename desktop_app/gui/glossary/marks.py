"""Live terminology marks in a bilingual field: wavy underlines, tooltips and one-click fixes.

The glossary comes from a `TermSource` that the main window keeps as its
`term_source` attribute; each field finds it through its ancestors, so every
form the window shows (whatever the document kind) gets marks without the
source being threaded through every section and row. The check runs 300 ms
after the last keystroke (0.2 ms a paragraph), never inside a keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QStatusTipEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QToolButton, QWidget

from desktop_app.domain import BilingualText
from desktop_app.domain.glossary import (
    FindingKind,
    Glossary,
    Scope,
    TermFinding,
    dismissal_of,
    is_formulaic,
)
from desktop_app.domain.notes import note_spans
from desktop_app.domain.upr import UprBrief

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.domain.text import DismissedTerm

DELAY_MS = 300
NOTE_COLOUR = "#6b6b80"  # a footnote's text, written inline as ^[…], reads as an aside
TIPS_SHOWN = 8  # findings named in the button's tooltip; the menu lists them all
# (wavy underline, background) per kind: red for English to avoid, blue for a term to translate
COLOURS = {
    FindingKind.FORBIDDEN: ("#d93025", "#fde4e1"),
    FindingKind.MISSING_APPROVED: ("#1a66d9", "#e2ecfc"),
}
# The right padding keeps the label clear of the menu arrow (a click fixes, the arrow lists).
BUTTON_STYLE = (
    "QToolButton { background: #fdecea; color: #8c1d18; border: 1px solid #e8a39d;"
    " border-radius: 3px; padding: 0px 18px 0px 4px; }"
    " QToolButton::menu-button { width: 14px; border-left: 1px solid #e8a39d; }"
)
# Only dismissed findings in the field: said quietly, so the person can find them again.
DISMISSED_STYLE = (
    "QToolButton { background: transparent; color: #6b6b6b; border: 1px dashed #b8b8b8;"
    " border-radius: 3px; padding: 0px 16px 0px 4px; }"
)


class TermSource(QObject):
    """Where fields get the glossary and whether the open document faces the UN."""

    changed = Signal()  # the glossary was edited: every field checks again

    def __init__(
        self,
        glossary: Callable[[], Glossary],
        document: Callable[[], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._glossary = glossary
        self._document = document
        self.generation = 0

    def glossary(self) -> Glossary:
        return self._glossary()

    def un_facing(self) -> bool:
        """UN-only rules ("Viet Nam") apply to UPR briefs."""
        return isinstance(self._document(), UprBrief)

    def notify_changed(self) -> None:
        self.generation += 1
        self.changed.emit()


def find_term_source(widget: QWidget | None) -> TermSource | None:
    """The nearest `term_source` among the widget and its ancestors."""
    while widget is not None:
        source = getattr(widget, "term_source", None)
        if isinstance(source, TermSource):
            return source
        widget = widget.parentWidget()
    return None


def field_name(field: QWidget) -> str:
    """The document field a bilingual editor edits ("salutation", "honorific"), found as its
    key in the nearest ancestor's `fields` (a form) or `editors` (a card); "" until it has
    one."""
    widget = field.parentWidget()
    while widget is not None:
        for mapping in (getattr(widget, "fields", None), getattr(widget, "editors", None)):
            if isinstance(mapping, dict):
                for name, editor in mapping.items():
                    if editor is field and isinstance(name, str):
                        return name
        widget = widget.parentWidget()
    return ""


def side_of(finding: TermFinding) -> str:
    """The language whose text the finding's offset points into."""
    return "ko" if finding.kind is FindingKind.MISSING_APPROVED else "en"


def finding_tip(finding: TermFinding, _: Callable[[str], str]) -> str:
    """What a translator needs to know, for the tooltip."""
    term = finding.term
    if finding.kind is FindingKind.FORBIDDEN:
        if term.scope is Scope.UN:
            text = _("In UN documents: “{approved}”, not “{variant}”.")
        else:
            text = _("Use “{approved}”, not “{variant}”.")
        text = text.format(approved=term.en, variant=finding.variant)
    else:
        text = _("“{ko}” is usually “{en}” in English; the English text does not have it.")
        text = text.format(ko=term.ko, en=term.en)
        if term.alternatives:
            also = "”, “".join(term.alternatives)
            text += "\n" + _("“{also}” also count.").format(also=also)
    if term.note:
        text += "\n" + term.note
    return text


def fix_label(finding: TermFinding, _: Callable[[str], str]) -> str:
    """The one-click action: replace a forbidden variant, or copy the approved English."""
    if finding.kind is FindingKind.FORBIDDEN:
        return _("Use “{approved}”").format(approved=finding.term.en)
    return _("Copy “{english}”").format(english=finding.term.en)


def copy_tip(finding: TermFinding, _: Callable[[str], str]) -> str:
    """What "Copy" does, in words: what it puts on the clipboard."""
    return _("Copies “{english}” to the clipboard, to paste into the English.").format(
        english=finding.term.en
    )


def dismiss_label(finding: TermFinding, _: Callable[[str], str]) -> str:
    """Dismissing a finding in its field: the term may stay untranslated, or the variant."""
    if finding.kind is FindingKind.FORBIDDEN:
        return _("Keep “{variant}” in this field").format(variant=finding.variant)
    return _("Dismiss “{ko}” in this field").format(ko=finding.term.ko)


def restore_label(finding: TermFinding, _: Callable[[str], str]) -> str:
    """Bringing a dismissed finding back: what it was about."""
    term = finding.term
    if finding.kind is FindingKind.FORBIDDEN:
        return _("Show again: “{variant}” → “{approved}”").format(
            variant=finding.variant, approved=term.en
        )
    return _("Show again: “{ko}” → “{en}”").format(ko=term.ko, en=term.en)


def with_dismissal(value: BilingualText, item: DismissedTerm, dismissed: bool) -> BilingualText:
    """`value` with `item` added to (or taken from) its dismissed findings; its words, change
    times and out-of-date mark stay as they were."""
    items = set(value.dismissed)
    if dismissed:
        items.add(item)
    else:
        items.discard(item)
    return replace(value, dismissed=tuple(sorted(items)))


def fixed_value(value: BilingualText, finding: TermFinding) -> BilingualText:
    """`value` with one forbidden variant replaced by the approved English.

    A spelling fix is not a change of meaning: the Korean is not marked out of date by it.
    """
    en = value.en
    start, end = finding.offset, finding.offset + finding.length
    if finding.kind is not FindingKind.FORBIDDEN or en[start:end] != finding.variant:
        return value
    fixed = value.with_text("en", en[:start] + finding.term.en + en[end:])
    return replace(fixed, stale=value.stale)


@dataclass(frozen=True)
class Span:
    """One underlined stretch of an editor's text, and the text expected there."""

    start: int
    text: str
    colours: tuple[str, str]  # underline, background


class TermHighlighter(QSyntaxHighlighter):
    """The field's one highlighter: footnotes (`^[…]`) in a subdued colour, and wavy
    underlines under the glossary's spans (a span whose text moved is skipped until
    re-checked). One per document: Qt lets only one highlighter format a block.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spans: list[Span] = []
        self._notes: tuple[int, tuple[tuple[int, int], ...]] = (-1, ())

    def note_spans(self) -> tuple[tuple[int, int], ...]:
        """Where the notes are in the whole text (a note may run over several lines)."""
        document = self.document()
        if self._notes[0] != document.revision():
            self._notes = (document.revision(), note_spans(document.toPlainText()))
        return self._notes[1]

    def highlightBlock(self, text: str) -> None:
        block_start = self.currentBlock().position()
        note = QTextCharFormat()
        note.setForeground(QColor(NOTE_COLOUR))
        for start, end in self.note_spans():
            start, end = max(start - block_start, 0), min(end - block_start, len(text))
            if start < end:
                self.setFormat(start, end - start, note)
        for span in self.spans:
            start = span.start - block_start
            end = start + len(span.text)
            if end <= 0 or start >= len(text):
                continue
            if start >= 0 and end <= len(text) and text[start:end] != span.text:
                continue  # typed since the check: the mark waits for the next one
            mark = QTextCharFormat()
            mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            mark.setUnderlineColor(QColor(span.colours[0]))
            mark.setBackground(QColor(span.colours[1]))
            self.setFormat(max(0, start), min(len(text), end) - max(0, start), mark)


class TermMarks(QObject):
    """The terminology check of one bilingual field, and how its findings are shown and fixed.

    `field` is a BilingualEditor: `.editors`, `.ui`, `.value()`, `.replace_value()`,
    `.quiet()` and `.marker_actions(lang)` are what this uses.
    """

    def __init__(self, field: Any) -> None:
        super().__init__(field)
        self.field = field
        self.findings: list[TermFinding] = []
        # Findings the person dismissed in this field and still in its text: one per dismissal.
        self.dismissed: list[TermFinding] = []
        self._checked: tuple[Any, ...] | None = None
        self._source: TermSource | None = None
        self._name = ""
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.highlighters: dict[str, TermHighlighter] = {}
        for lang, editor in field.editors.items():
            if isinstance(editor, QPlainTextEdit):
                self.highlighters[lang] = TermHighlighter(editor.document())
                editor.viewport().installEventFilter(self)
            else:
                editor.installEventFilter(self)
        self.button = QToolButton(field)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editor's context menu has these
        self.button.setStyleSheet(BUTTON_STYLE)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self._fill_menu)  # built when opened, not per check
        self.button.setMenu(self.menu)
        self.button.clicked.connect(self._apply_first)
        self.button.hide()

    # -- checking -----------------------------------------------------------------------

    def source(self) -> TermSource | None:
        if self._source is None:
            self._source = find_term_source(self.field)
            if self._source is not None:
                self._source.changed.connect(self.refresh)
        return self._source

    def schedule(self) -> None:
        """The person typed: check once they pause."""
        self.timer.start()

    def refresh(self) -> None:
        """Check now (nothing is done when neither the text nor the glossary changed)."""
        self.timer.stop()
        source = self.source()
        texts = {lang: editor.text() for lang, editor in self.field.editors.items()}
        findings: list[TermFinding] = []
        dismissed: list[TermFinding] = []
        key: tuple[Any, ...] | None = None
        if source is not None:
            un_facing = source.un_facing()
            marks_off = self.field.value().dismissed
            key = (texts["ko"], texts["en"], un_facing, source.generation, marks_off)
            if key == self._checked:
                return
            text = BilingualText(texts["ko"], texts["en"], dismissed=marks_off)
            self._name = self._name or field_name(self.field)
            formulaic = is_formulaic(self._name)
            glossary = source.glossary()
            findings = glossary.check(text, un_facing=un_facing, formulaic=formulaic)
            if marks_off:
                every = glossary.check(
                    text, un_facing=un_facing, formulaic=formulaic, with_dismissed=True
                )
                by_dismissal = {dismissal_of(f): f for f in reversed(every) if f not in findings}
                dismissed = [by_dismissal[d] for d in sorted(by_dismissal)]
        self._checked = key
        self._show(findings, dismissed)

    def _show(self, findings: list[TermFinding], dismissed: list[TermFinding]) -> None:
        changed = findings != self.findings or dismissed != self.dismissed
        self.findings = findings
        self.dismissed = dismissed
        for lang, highlighter in self.highlighters.items():
            text = self.field.editors[lang].text()
            spans = [
                Span(f.offset, text[f.offset : f.offset + f.length], COLOURS[f.kind])
                for f in findings
                if side_of(f) == lang
            ]
            if spans != highlighter.spans:
                highlighter.spans = spans
                with self.field.quiet():  # rehighlighting says the text changed; it did not
                    highlighter.rehighlight()
        if changed:
            self.retranslate()

    # -- showing ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Label the button and its menu from the findings, in the UI language."""
        _ = self.field.ui.gettext
        findings = self.findings
        popup = QToolButton.ToolButtonPopupMode
        if not findings and self.dismissed:
            count = len(self.dismissed)
            label = self.field.ui.ngettext(
                "{count} glossary finding dismissed", "{count} glossary findings dismissed", count
            ).format(count=count)
            self.button.setText(label)
            self.button.setAccessibleName(label)
            self.button.setToolTip(
                _("Dismissed in this field: click to see them or show them again.")
            )
            self.button.setStyleSheet(DISMISSED_STYLE)
            self.button.setPopupMode(popup.InstantPopup)
            self.button.show()
            return
        if not findings:
            self.button.hide()
            return
        self.button.setStyleSheet(BUTTON_STYLE)
        label = "⚠ " + fix_label(findings[0], _)
        if len(findings) > 1:
            label += " " + _("(+{count} more)").format(count=len(findings) - 1)
        self.button.setText(label)
        self.button.setAccessibleName(label)
        tips = [finding_tip(f, _) for f in findings[:TIPS_SHOWN]]
        if findings[0].kind is FindingKind.MISSING_APPROVED:  # what a click on the button does
            tips[0] = copy_tip(findings[0], _) + "\n" + tips[0]
        if len(findings) > TIPS_SHOWN:
            tips.append(_("…and {count} more.").format(count=len(findings) - TIPS_SHOWN))
        self.button.setToolTip("\n\n".join(tips))
        # A click applies the first fix; the arrow opens every fix and dismissal.
        self.button.setPopupMode(popup.MenuButtonPopup)
        self.button.show()

    def _fill_menu(self) -> None:
        self.menu.clear()
        for finding in self.findings:
            self.menu.addAction(self._action(finding, self.menu))
            self.menu.addAction(self._dismiss_action(finding, self.menu))
        self._add_restore_actions(self.menu, self.dismissed)

    def _add_restore_actions(self, menu: QMenu, dismissed: list[TermFinding]) -> None:
        """Under a heading, one action per dismissed finding that shows it again."""
        if not dismissed:
            return
        menu.addSection(self.field.ui.gettext("Dismissed in this field"))
        for finding in dismissed:
            menu.addAction(self._restore_action(finding, menu))

    def _dismiss_action(self, finding: TermFinding, parent: QObject) -> QAction:
        _ = self.field.ui.gettext
        action = QAction(dismiss_label(finding, _), parent)
        action.setStatusTip(
            _("The glossary stops marking this in this field of this draft (Ctrl+Z undoes).")
        )
        action.triggered.connect(lambda _checked=False, f=finding: self.dismiss(f))
        return action

    def _restore_action(self, finding: TermFinding, parent: QObject) -> QAction:
        _ = self.field.ui.gettext
        action = QAction(restore_label(finding, _), parent)
        action.setStatusTip(_("The glossary marks this in this field again."))
        action.triggered.connect(lambda _checked=False, f=finding: self.restore(f))
        return action

    def _action(self, finding: TermFinding, parent: QObject) -> QAction:
        _ = self.field.ui.gettext
        action = QAction(fix_label(finding, _), parent)
        action.setToolTip(finding_tip(finding, _))
        if finding.kind is FindingKind.FORBIDDEN:
            action.setStatusTip(finding_tip(finding, _).splitlines()[0])
        else:
            action.setStatusTip(copy_tip(finding, _))
        action.triggered.connect(lambda _checked=False, f=finding: self.apply(f))
        return action

    def findings_at(self, lang: str, position: int | None = None) -> list[TermFinding]:
        """This side's findings; with `position`, those under it first."""
        mine = [f for f in self.findings if side_of(f) == lang]
        if position is None:
            return mine
        under = [f for f in mine if f.offset <= position <= f.offset + f.length]
        return under + [f for f in mine if f not in under]

    def tooltip_at(self, lang: str, position: int) -> str:
        """The tooltip for the mark at a text position, or "" when none is there."""
        under = [f for f in self.findings_at(lang) if f.offset <= position < f.offset + f.length]
        return "\n\n".join(finding_tip(f, self.field.ui.gettext) for f in under)

    # -- fixing -------------------------------------------------------------------------

    def _apply_first(self) -> None:
        if self.findings:
            self.apply(self.findings[0])

    def apply(self, finding: TermFinding) -> None:
        """Replace a forbidden variant (an edit, undoable), or copy the approved English.

        Copying, not inserting: where the term belongs in the English sentence is the
        translator's call. The English editor gets the focus, so Ctrl+V puts it at the caret.
        """
        self.refresh()  # offsets from a check made before the latest typing are not trusted
        if finding not in self.findings:
            return
        if finding.kind is FindingKind.FORBIDDEN:
            value = self.field.value()
            self.field.replace_value(fixed_value(value, finding))
            return
        _ = self.field.ui.gettext
        QGuiApplication.clipboard().setText(finding.term.en)
        english = self.field.editors["en"]
        english.setFocus(Qt.FocusReason.OtherFocusReason)
        message = _("Copied “{english}”: paste it where it belongs in the English (Ctrl+V).")
        QApplication.sendEvent(english, QStatusTipEvent(message.format(english=finding.term.en)))

    def dismiss(self, finding: TermFinding) -> None:
        """Stop marking `finding` in this field of this draft: an edit of the document (one
        undo step, saved with the draft), not of the glossary."""
        self.refresh()
        if finding in self.findings:
            value = self.field.value()
            self.field.replace_value(with_dismissal(value, dismissal_of(finding), True))

    def restore(self, finding: TermFinding) -> None:
        """Mark a dismissed finding again (an edit, undoable like the dismissal)."""
        value = self.field.value()
        self.field.replace_value(with_dismissal(value, dismissal_of(finding), False))

    # -- tooltips and context menus on the editors --------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ToolTip, QEvent.Type.ContextMenu):
            return False
        lang, editor = next(
            ((lang, e) for lang, e in self.field.editors.items() if watched in (e, _viewport(e))),
            (None, None),
        )
        if lang is None or editor is None:
            return False
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            if not isinstance(editor, QPlainTextEdit):
                return False
            tip = self.tooltip_at(lang, editor.cursorForPosition(event.pos()).position())
            if isinstance(watched, QWidget):
                watched.setToolTip(tip)  # shown (or hidden) by Qt's own handling
            return False
        if isinstance(event, QContextMenuEvent):
            self._context_menu(lang, editor, event)
            return True
        return False

    def _context_menu(self, lang: str, editor: QWidget, event: QContextMenuEvent) -> None:
        if isinstance(editor, QPlainTextEdit):
            menu = editor.createStandardContextMenu(event.pos())
            position: int | None = editor.cursorForPosition(event.pos()).position()
        elif isinstance(editor, QLineEdit):
            menu = editor.createStandardContextMenu()
            position = editor.cursorPositionAt(event.pos())
        else:
            return
        ours = [self._action(f, menu) for f in self.findings_at(lang, position)]
        under = [f for f in self.findings_at(lang) if position is not None and _covers(f, position)]
        ours += [self._dismiss_action(f, menu) for f in under]  # on a marked span
        ours += self.field.marker_actions(lang)
        mine = [f for f in self.dismissed if side_of(f) == lang]
        if mine:
            again = QMenu(self.field.ui.gettext("Dismissed in this field"), menu)
            for finding in mine:
                again.addAction(self._restore_action(finding, again))
            ours.append(again.menuAction())
        if ours:
            theirs = menu.actions()
            if theirs:  # ours first, then a line, then the editor's own
                menu.insertActions(theirs[0], ours)
                menu.insertSeparator(theirs[0])
            else:
                menu.addActions(ours)
        run_menu(menu, event.globalPos())
        menu.deleteLater()


def run_menu(menu: QMenu, where: QPoint) -> None:
    """Show a context menu until the person chooses or leaves. Tests replace this function."""
    menu.exec(where)


def _covers(finding: TermFinding, position: int) -> bool:
    """Whether a caret at `position` is on the finding's span (either end counts)."""
    return finding.offset <= position <= finding.offset + finding.length


def _viewport(editor: QWidget) -> QWidget | None:
    return editor.viewport() if isinstance(editor, QPlainTextEdit) else None
