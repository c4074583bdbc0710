"""The UI language at run time: gettext for our strings, Qt's qtbase_ko.qm for its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator, Signal

from desktop_app.i18n import UI_LANGUAGES, translator

if TYPE_CHECKING:
    from desktop_app.domain import Lang


class UiLanguage(QObject):
    """Holds the current UI language; widgets call `gettext` and re-label on `changed`."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, language: str) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translator: QTranslator | None = None
        self.language = ""
        self._translation = translator("en")
        self.set_language(language)

    def text_language(self) -> Lang:
        """The document language nearest the UI language: Korean for a Korean UI, else English."""
        return "ko" if self.language == "ko" else "en"

    def gettext(self, message: str) -> str:
        """`message` in the current UI language."""
        return self._translation.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of `singular`/`plural` for `count` in the current UI language."""
        return self._translation.ngettext(singular, plural, count)

    def set_language(self, language: str) -> None:
        """Switch language: our catalog, Qt's standard buttons; emits `changed`."""
        language = language if language in UI_LANGUAGES else "en"
        if language == self.language:
            return
        self.language = language
        self._translation = translator(language)
        if self._qt_translator is not None:
            self._app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if language != "en":
            qt = QTranslator(self)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{language}", folder):
                self._app.installTranslator(qt)
                self._qt_translator = qt
        self.changed.emit(language)
