"""The UI language at run time: gettext for our strings, Qt's qtbase_ko.qm for its own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator, Signal

from desktop_app.i18n import UI_LANGUAGES, translator

if TYPE_CHECKING:
    from desktop_app.domain import Lang


_MNEMONIC = re.compile(r"&(\w)")


class QtTranslator(QTranslator):
    """Qt's own catalog (`qtbase_ko.qm`), also for strings Qt has since given a mnemonic.

    Qt 6 labels its file dialog "&Look in:" and "Files of &type:", but the catalog that
    ships with PySide6 still has "Look in:" and "Files of type:": such a string is looked up
    without its "&" and gets the mnemonic back the Korean way, "다음에서 찾기(&L):".
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = super().translate(context, source, disambiguation, n)
        if found:
            return found
        mnemonic = _MNEMONIC.search(source)
        if mnemonic is None:
            return None  # None, not "": an empty translation would blank Qt's text
        plain = source[: mnemonic.start()] + source[mnemonic.start() + 1 :]
        found = super().translate(context, plain, disambiguation, n)
        if not found:
            return None
        key = f"(&{mnemonic.group(1).upper()})"
        stem, colon = (found[:-1], found[-1]) if found[-1:] in ":：" else (found, "")
        return stem + key + colon


def qt_translation_folders() -> list[str]:
    """Where Qt's own catalogs are: Qt's translations path, and PySide6's Qt/translations
    (where the PyInstaller build puts qtbase_ko.qm, should Qt's path point elsewhere)."""
    import PySide6

    bundled = str(Path(PySide6.__file__).parent / "Qt" / "translations")
    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), bundled]


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
            qt = QtTranslator(self)
            if any(qt.load(f"qtbase_{language}", folder) for folder in qt_translation_folders()):
                self._app.installTranslator(qt)
                self._qt_translator = qt
        self.changed.emit(language)
