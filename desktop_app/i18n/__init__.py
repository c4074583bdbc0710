"""UI translation: gettext catalogs (desktop_app/resources/locale/), and the UI language choice.

The document language is separate: a Korean UI can export an English letter.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Callable
from pathlib import Path

from desktop_app.paths import resources_dir

DOMAIN = "dari"
UI_LANGUAGES = ("ko", "en")

Translate = Callable[[str], str]


def catalog_dir() -> Path:
    """The folder holding <lang>/LC_MESSAGES/dari.po and the compiled dari.mo beside it."""
    return resources_dir() / "locale"


def system_ui_language() -> str:
    """The UI language the system asks for: "ko" for Korean, otherwise "en"."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    code = locale.getlocale()[0] or ""
    return "ko" if code.lower().startswith("ko") else "en"


def translator(language: str) -> gettext.NullTranslations:
    """The catalog for `language` (English source strings when there is none)."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, catalog_dir(), languages=[language], fallback=True)
