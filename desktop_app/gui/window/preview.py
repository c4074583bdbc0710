"""The live preview: the composed letter rendered as HTML, Korean, English or side by side.

It redraws on a short single-shot timer after the last change, so typing
never waits for it, and it never takes the keyboard focus.
"""

from __future__ import annotations

import html
import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import LANGS, Lang
from desktop_app.domain.messages import N_
from desktop_app.services import ComposeOptions
from desktop_app.services.preview import PreviewMode, preview_html

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from desktop_app.gui.i18n import UiLanguage

log = logging.getLogger(__name__)


class PageBrowser(QTextBrowser):
    """A QTextBrowser that says when its width changed (the page is fitted to it)."""

    width_changed = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit()


MODES = {"ko": N_("Korean"), "en": N_("English"), "both": N_("Side by side")}
REFRESH_MS = 300
SLOW_REDRAW_MS = 25  # a redraw slower than this waits for a longer pause next time
MAX_DELAY_MS = 2000


class PreviewPane(QWidget):
    """Shows how the current document will print, redrawn shortly after each change."""

    def __init__(self, settings: Any, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ui = ui
        self.mode = "ko"
        self._document: Any = None
        self._failed = False
        self.title = QLabel(self)
        self.title.setStyleSheet("QLabel { font-weight: 600; }")
        self.title.setMinimumWidth(1)  # a narrow preview keeps its mode buttons, not its title
        self.buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title)
        bar.addStretch(1)
        for mode in MODES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _c=False, m=mode: self.set_mode(m))
            group.addButton(button)
            bar.addWidget(button)
            self.buttons[mode] = button
        self.buttons[self.mode].setChecked(True)
        self.browser = PageBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.width_changed.connect(self.schedule)
        self.browser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh_now)
        if hasattr(settings, "changed"):
            settings.changed.connect(lambda _name: self.schedule())
        self.retranslate()

    def show_document(self, document: Any) -> None:
        """Redraw with `document` a moment from now (the timer restarts on every change)."""
        self._document = document
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    def set_mode(self, mode: str) -> None:
        """Korean ("ko"), English ("en") or side by side ("both")."""
        if mode not in MODES:
            return
        self.mode = mode
        self.buttons[mode].setChecked(True)
        self.refresh_now()

    def refresh_now(self) -> None:
        self.timer.stop()
        started = time.perf_counter()
        try:
            self._redraw()
        finally:
            self._adapt_delay(time.perf_counter() - started)

    def _adapt_delay(self, seconds: float) -> None:
        """A long document takes Qt ~70 ms to lay out: wait for a real pause in typing
        before redrawing it, so that keystrokes never queue behind the preview."""
        slow = seconds * 1000 > SLOW_REDRAW_MS
        self.timer.setInterval(min(MAX_DELAY_MS, int(seconds * 20_000)) if slow else REFRESH_MS)

    def _redraw(self) -> None:
        if self._document is None:
            hint = html.escape(self.ui.gettext("The open letter is shown here as it will print."))
            self.browser.setHtml(f'<p align="center" style="color:#808080"><br/><br/>{hint}</p>')
            return
        try:
            width = self.browser.viewport().width() - 2 * int(
                self.browser.document().documentMargin()
            )
            page = self._html(self._document, width - 4)
        except Exception:  # a preview must never take the window down with it
            if not self._failed:
                log.exception("the preview could not be drawn")
            self._failed = True
            self.browser.setPlainText(
                self.ui.gettext(
                    "The preview could not be drawn (a bug in Dari). Your text is safe and is "
                    "still being saved."
                )
            )
            return
        self._failed = False
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(page)
        bar.setValue(position)

    def _html(self, document: Any, width_px: int) -> str:
        # The settings' letter styles; another kind of document is shown in its default.
        styles: dict[Lang, str | None] = {
            lang: _setting(self.settings, f"style_{lang}", "") or None for lang in LANGS
        }
        mode: PreviewMode = "both" if self.mode == "both" else "en" if self.mode == "en" else "ko"
        # The draft's own date style and weekday, as the export uses them by default.
        return preview_html(document, mode, styles, ComposeOptions(), width_px)

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.title.setText(_("Preview"))
        self.browser.setAccessibleName(_("Preview of the letter"))
        if self._document is None:
            self.refresh_now()
        for mode, button in self.buttons.items():
            button.setText(_(MODES[mode]))
            button.setAccessibleName(_("Preview: {mode}").format(mode=_(MODES[mode])))


def _setting(settings: Any, name: str, default: str) -> str:
    value = getattr(settings, name, default)
    return value if isinstance(value, str) and value else default
