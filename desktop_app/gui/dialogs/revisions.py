"""The Revisions dialog: a draft's saved revisions, their text, a diff with now, and restore."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import DraftFormatError, Lang, from_json
from desktop_app.domain.messages import N_
from desktop_app.gui.errors import sentence
from desktop_app.gui.prompts import ask  # tests replace it here by name
from desktop_app.gui.widgets.diff_view import diff_html, diff_lines
from desktop_app.services import (
    ConflictError,
    DariError,
    DraftService,
    RevisionRecord,
    StorageError,
    format_date,
)
from desktop_app.services.preview import plain_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.gui.i18n import UiLanguage

# The reasons the services, storage and autosave store (English keys), as patterns, and
# the words shown for them; a pattern naming a revision has a second wording with its time.
REASONS: tuple[tuple[str, str], ...] = (
    (r"created", N_("created")),
    (r"imported", N_("imported")),
    (r"saved", N_("saved")),
    (r"autosaved", N_("autosaved")),
    (r"left after editing", N_("left after editing")),
    (r"exported: (?P<files>.*)", N_("exported to {files}")),
    (r"restored from revision (?P<number>\d+)", N_("restored from revision {number}")),
    (r"before restoring revision (?P<number>\d+)", N_("before restoring revision {number}")),
    (r"copied from draft (?P<number>\d+)", N_("copied from draft {number}")),
    (r"saved over a change made elsewhere", N_("saved over a change made elsewhere")),
    (
        r"changed elsewhere; kept before saving over it",
        N_("changed elsewhere; kept before saving over it"),
    ),
    (
        r"your version, kept when draft (?P<number>\d+) was changed elsewhere",
        N_("your version, kept when draft {number} was changed elsewhere"),
    ),
)


WHY = 2  # the reason's column, after the time and the version

# Faces that draw Hangul and Latin alike (Windows, macOS, Linux), so mixed lines match.
HANGUL_FONTS = ["Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR", "NanumGothic"]


WITH_TIME = {
    N_("restored from revision {number}"): N_("restored from the revision of {when}"),
    N_("before restoring revision {number}"): N_("before restoring the revision of {when}"),
}


def reason_text(
    reason: str, gettext: Callable[[str], str], times: Mapping[int, str] | None = None
) -> str:
    """A stored revision reason in the UI language (as stored when it is not a known one).

    `times` gives the time of each revision by id, so that "restored from
    revision 12" reads "restored from the revision of 18 April 2024, 10:32".
    """
    for pattern, words in REASONS:
        match = re.fullmatch(pattern, reason)
        if match:
            values = match.groupdict()
            when = (times or {}).get(int(values.get("number") or 0))
            if words in WITH_TIME and when is not None:
                return gettext(WITH_TIME[words]).format(when=when)
            return gettext(words).format(**values)
    return reason


def saved_when(moment: datetime, language: str) -> str:
    """A revision's local date and time: "18 April 2024, 10:32", "2024. 4. 18. 10:32"."""
    local = moment.astimezone()
    lang = "ko" if language == "ko" else "en"
    separator = " " if lang == "ko" else ", "
    return f"{format_date(local.date(), lang)}{separator}{local:%H:%M}"


def document_text(document: Any, gettext: Callable[[str], str]) -> str:
    """The document's Korean and English text, one after the other, as plain text."""
    parts = []
    names: dict[Lang, str] = {"ko": gettext("Korean"), "en": gettext("English")}
    for lang, name in names.items():
        parts.append(f"── {name} ──")
        parts.append(plain_text(document, lang))
    return "\n".join(parts)


def inform(parent: QWidget, title: str, text: str) -> None:
    """Say what went wrong and what to do. Tests replace this function."""
    QMessageBox.warning(parent, title, text)


class RevisionsDialog(QDialog):
    """Lists a draft's revisions; shows one, compares it with now, or restores it."""

    restored = Signal(int, str)  # draft id and the revision's time, after a restore

    def __init__(
        self,
        service: DraftService,
        draft_id: int,
        ui: UiLanguage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.draft_id = draft_id
        self.ui = ui
        self._revisions: list[RevisionRecord] = []
        self._seen_version = 0  # the draft's version when the list was read
        self.setObjectName("revisionsDialog")
        self._build()
        self.retranslate()
        self.reload()
        ui.changed.connect(self.retranslate)

    def _build(self) -> None:
        self.list = QTreeWidget()
        self.list.setObjectName("revisionList")
        self.list.setColumnCount(3)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.currentItemChanged.connect(self.show_selected)
        # The reason comes last and is never cut: a long one (file names) scrolls sideways.
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.caption = QLabel(wordWrap=True)
        self.caption.setObjectName("revisionCaption")
        self.view = QTextBrowser()
        self.view.setObjectName("revisionText")
        font = self.view.font()
        font.setFamilies([*HANGUL_FONTS, *font.families()])  # one face for Hangul and Latin
        self.view.setFont(font)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.caption)
        right_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 560])
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setCheckable(True)
        self.compare_button.toggled.connect(self.show_selected)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(980, 580)

    def retranslate(self) -> None:
        """Label everything in the current UI language."""
        _ = self.ui.gettext
        self.setWindowTitle(_("Revisions"))
        self.list.setHeaderLabels([_("Saved"), _("Version"), _("Why")])
        self.list.setAccessibleName(_("Revisions"))
        self.view.setAccessibleName(_("Text of the revision"))
        self.compare_button.setText(_("Compare with current"))
        self.restore_button.setText(_("Restore this revision…"))
        times = self._times()
        for item, revision in zip(self._items(), self._revisions, strict=True):
            item.setText(0, self._when(revision))
            reason = reason_text(revision.reason, _, times)
            item.setText(WHY, reason)
            item.setToolTip(WHY, reason)
        self.show_selected()

    def _when(self, revision: RevisionRecord) -> str:
        return saved_when(revision.created_at, self.ui.language)

    def _times(self) -> dict[int, str]:
        return {revision.id: self._when(revision) for revision in self._revisions}

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [item for item in items if item is not None]  # None only past the count

    def reload(self) -> None:
        """Read the revisions again (newest first) and select the newest."""
        _ = self.ui.gettext
        self._revisions = self.service.revisions(self.draft_id)
        self._seen_version = self.service.version(self.draft_id)
        self.list.clear()
        times = self._times()
        for revision in self._revisions:
            reason = reason_text(revision.reason, _, times)
            item = QTreeWidgetItem([self._when(revision), str(revision.draft_version), reason])
            item.setToolTip(WHY, reason)
            self.list.addTopLevelItem(item)
        newest = self.list.topLevelItem(0)  # None when there are no revisions
        if newest is not None:
            self.list.setCurrentItem(newest)
        self.show_selected()

    def selected(self) -> RevisionRecord | None:
        """The revision the list has selected."""
        current = self.list.currentItem()
        if current is None:
            return None
        row = self.list.indexOfTopLevelItem(current)
        return self._revisions[row] if 0 <= row < len(self._revisions) else None

    def show_selected(self) -> None:
        """Show the selected revision's text, or its differences from the current draft."""
        _ = self.ui.gettext
        revision = self.selected()
        self.compare_button.setEnabled(revision is not None)
        self.restore_button.setEnabled(revision is not None)
        if revision is None:
            self.caption.setText(_("Choose a revision on the left."))
            self.view.clear()
            return
        try:
            text = document_text(from_json(revision.payload), _)
            current = self.service.load(self.draft_id)
        except (DraftFormatError, DariError, StorageError) as error:
            self.caption.setText(_("This revision cannot be shown."))
            self.view.setPlainText(str(error))
            self.restore_button.setEnabled(False)
            return
        when = self._when(revision)
        if not self.compare_button.isChecked():
            caption = _("The text as it was on {when} (version {version}).")
            self.caption.setText(caption.format(when=when, version=revision.draft_version))
            self.view.setPlainText(text)
            return
        caption = _("Changes from the revision of {when} to the current draft (version {version}).")
        self.caption.setText(caption.format(when=when, version=current.version))
        legend = _(
            "Lines marked − (red) are only in the revision; "
            "lines marked + (green) only in the current draft."
        )
        lines = diff_lines(text, document_text(current.document, _))
        self.view.setHtml(diff_html(lines, legend, _("The revision and the current draft agree.")))

    def restore_selected(self) -> None:
        """After asking, make the selected revision the draft's newest version."""
        _ = self.ui.gettext
        revision = self.selected()
        if revision is None:
            return
        when = self._when(revision)
        question = _(
            "Replace the draft with the revision of {when}? The current text is kept as a "
            "revision, so you can go back to it."
        ).format(when=when)
        if not ask(self, _("Restore"), question, _("Restore this revision")):
            return
        try:
            self.service.restore_revision(
                self.draft_id, revision.id, expected_version=self._seen_version
            )
        except ConflictError:  # saved elsewhere since the list was read
            text = _(
                "The draft was changed while you were choosing; nothing was restored. "
                "Look at the list again and choose once more."
            )
            inform(self, _("Restore"), text)
            self.reload()
            return
        except (StorageError, DariError) as error:
            inform(self, _("Restore"), sentence(error, self.ui))
            return
        self.restored.emit(self.draft_id, when)
        self.accept()
