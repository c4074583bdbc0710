"""Typed settings declared one per line over QSettings, with a version and upgrade hooks.

Each setting is declared once, on the `Settings` class, with its type, its
default and a translatable title (Picard's options.py style); its key in the
file is its name. Nothing else in the app calls `QSettings.value()` with a
bare string: widgets read and write `settings.style_ko` and so on.

The file carries `meta/version`. When Dari starts on a file written by an
older version, the functions in `UPGRADES` bring it up to date in order
(Picard's config_upgrade.py style); a file from a newer Dari is read as far as
it is understood and its version is left alone.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QLocale, QObject, QSettings, QStandardPaths, Signal

from desktop_app.domain import BilingualText, Organisation
from desktop_app.domain.messages import N_
from desktop_app.i18n import UI_LANGUAGES, system_ui_language
from desktop_app.services import PRESETS

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)

T = TypeVar("T")

SETTINGS_VERSION = 1
VERSION_KEY = "meta/version"

DATE_STYLES = ("un", "us")
# Letter styles: a UPR brief is always laid out in one of its own (chosen when exporting).
KO_STYLES = tuple(k for k, p in PRESETS.items() if p.lang == "ko" and p.kind == "letter")
EN_STYLES = tuple(k for k, p in PRESETS.items() if p.lang == "en" and p.kind == "letter")


def system_language() -> str:
    """The first start's UI language: LANG and the like when set (Unix), else the system's
    own locale as Qt reads it (Windows, macOS set no LANG)."""
    if any(os.environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")):
        return system_ui_language()
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


RECENT_COUNT = 8  # drafts in File › Recent drafts


def documents_folder() -> str:
    """The user's Documents folder when it exists; else their home folder.

    A fresh account (or an offline laptop set up by hand) may have no ~/Documents: the
    system still names it, but a default folder that is not there only confuses.
    """
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return location
    return str(Path.home())


class Setting(Generic[T]):
    """One declared setting: its default (or a function giving it), title and allowed values."""

    def __init__(
        self,
        default: T | Callable[[], T],
        title: str,
        choices: tuple[T, ...] = (),
        *,
        key: str = "",
    ) -> None:
        self._default = default
        self.title = title  # English; marked with N_ where declared, translated where shown
        self.choices = choices
        self.key = key  # the name in the file; the attribute's name unless given
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.key = self.key or name

    @overload
    def __get__(self, settings: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...
    def __get__(self, settings: Settings | None, owner: type) -> T | Setting[T]:
        if settings is None:
            return self
        return settings.read(self)

    def __set__(self, settings: Settings, value: T) -> None:
        settings.write(self, value)

    def default(self) -> T:
        """The value used when the file has none (or one that does not fit)."""
        value = self._default
        return value() if callable(value) else value

    def decode(self, raw: object) -> T:
        """The stored value as this setting's type; ValueError when it cannot be."""
        raise NotImplementedError

    def encode(self, value: T) -> object:
        """What is given to QSettings.setValue."""
        return value

    def accepts(self, value: T) -> bool:
        """True when `value` is one this setting may hold."""
        return not self.choices or value in self.choices


class TextSetting(Setting[str]):
    """A string setting."""

    def decode(self, raw: object) -> str:
        if isinstance(raw, list):  # an unquoted "a, b" in a hand-edited ini file
            return ", ".join(str(part) for part in raw)
        if isinstance(raw, str):
            return raw
        raise ValueError(f"not text: {raw!r}")


class IntSetting(Setting[int]):
    """An integer setting."""

    def decode(self, raw: object) -> int:
        if isinstance(raw, bool):
            raise ValueError(f"not a number: {raw!r}")
        if isinstance(raw, int | str):
            return int(raw)
        raise ValueError(f"not a number: {raw!r}")


class BytesSetting(Setting[bytes]):
    """Opaque bytes (window geometry and state)."""

    def decode(self, raw: object) -> bytes:
        if isinstance(raw, QByteArray):
            return bytes(raw.data())
        if isinstance(raw, bytes | bytearray):
            return bytes(raw)
        raise ValueError(f"not bytes: {raw!r}")

    def encode(self, value: bytes) -> object:
        return QByteArray(value)


def _upgrade_to_1(qsettings: QSettings) -> None:
    """Version 1 is the first declared set: a file from before versioning keeps its values."""


# version reached -> function that brings a file from the version before up to it
UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_to_1}


class Settings(QObject):
    """Typed settings over QSettings, declared one per line with a default and a title."""

    changed = Signal(str)  # the setting's name

    ui_language = TextSetting(system_language, N_("User interface language"), UI_LANGUAGES)
    style_ko = TextSetting("ko-letter", N_("Style of Korean documents"), KO_STYLES)
    style_en = TextSetting("en-letter", N_("Style of English documents"), EN_STYLES)
    date_style = TextSetting("un", N_("English dates in new drafts"), DATE_STYLES)
    export_folder = TextSetting(documents_folder, N_("Default export folder"))
    # The folder each kind of draft was last exported to ("" before the first export).
    export_folder_letter = TextSetting("", N_("Last export folder for letters"))
    export_folder_upr_brief = TextSetting("", N_("Last export folder for UPR briefs"))
    export_folder_press_notice = TextSetting(
        "", N_("Last export folder for press conference notices")
    )
    export_folder_statement = TextSetting("", N_("Last export folder for statements"))
    # LibreOffice's program for PDFs ("": PATH and the usual install places)
    libreoffice_path = TextSetting("", N_("LibreOffice (for PDF)"))
    export_format = TextSetting("docx", N_("Export format"), ("docx", "pdf", "both"))
    org_name_ko = TextSetting("", N_("Organisation name (Korean)"))
    org_name_en = TextSetting("", N_("Organisation name (English)"))
    org_address_ko = TextSetting("", N_("Address (Korean)"))
    org_address_en = TextSetting("", N_("Address (English)"))
    org_phone = TextSetting("", N_("Phone"))
    org_email = TextSetting("", N_("E-mail"))
    org_logo_path = TextSetting("", N_("Logo image"))
    window_geometry = BytesSetting(b"", N_("Window position and size"))
    window_state = BytesSetting(b"", N_("Window layout"))
    last_draft_id = IntSetting(0, N_("Last open draft"))
    # encrypted drafts only; 0: never (window/lock.py checks by the wall clock)
    lock_after_minutes = IntSetting(15, N_("Lock after this many idle minutes"))
    recent_drafts = TextSetting("", N_("Recently opened drafts"))  # ids, newest first: "7,3"
    # postgresql+psycopg://USER@HOST/DATABASE, never with a password ("": this computer's
    # data folder); read at start (window/shared_database.py)
    database_url = TextSetting("", N_("Shared database"))
    # how colleagues on a shared database see who has a draft open ("": login@computer)
    editor_name = TextSetting("", N_("Your name for colleagues"))

    def __init__(
        self,
        qsettings: QSettings,
        *,
        version: int = SETTINGS_VERSION,
        upgrades: Mapping[int, Callable[[QSettings], None]] | None = None,
    ) -> None:
        super().__init__()
        self.qsettings = qsettings
        self._upgrade(version, UPGRADES if upgrades is None else upgrades)

    @classmethod
    def declared(cls) -> dict[str, Setting[Any]]:
        """Every declared setting by name, in declaration order."""
        return {name: value for name, value in vars(cls).items() if isinstance(value, Setting)}

    def read(self, setting: Setting[T]) -> T:
        """The stored value, or the default when there is none or it does not fit."""
        if not self.qsettings.contains(setting.key):
            return setting.default()
        raw = self.qsettings.value(setting.key)
        try:
            value = setting.decode(raw)
        except ValueError:
            log.warning("setting %s has an unusable value %r; using the default", setting.key, raw)
            return setting.default()
        if not setting.accepts(value):
            log.warning("setting %s has an unknown value %r; using the default", setting.key, raw)
            return setting.default()
        return value

    def write(self, setting: Setting[T], value: T) -> None:
        """Store `value` and write the file now; emits `changed` when the value changed."""
        if not setting.accepts(value):
            raise ValueError(f"{setting.name} cannot be {value!r}; choose one of {setting.choices}")
        if self._stored(setting) == value:
            return
        self.qsettings.setValue(setting.key, setting.encode(value))
        self._sync()
        self.changed.emit(setting.name)

    def _stored(self, setting: Setting[T]) -> T | None:
        """The value in the file as it is (None when absent or unusable)."""
        if not self.qsettings.contains(setting.key):
            return None
        try:
            return setting.decode(self.qsettings.value(setting.key))
        except ValueError:
            return None

    def reset(self, name: str) -> None:
        """Forget a stored value so the default applies again."""
        setting = self.declared()[name]
        if self.qsettings.contains(setting.key):
            self.qsettings.remove(setting.key)
            self._sync()
            self.changed.emit(name)

    def recent_draft_ids(self) -> list[int]:
        """The drafts opened last, newest first (ids; some may be trashed or gone since)."""
        return [int(part) for part in self.recent_drafts.split(",") if part.strip().isdigit()]

    def opened_draft(self, draft_id: int) -> None:
        """Put a draft at the top of the recent drafts (at most RECENT_COUNT are kept)."""
        ids = [draft_id, *(i for i in self.recent_draft_ids() if i != draft_id)]
        self.recent_drafts = ",".join(str(i) for i in ids[:RECENT_COUNT])

    def last_export_folder(self, kind: str) -> Setting[str] | None:
        """The setting that remembers where drafts of `kind` were last exported, if any."""
        setting = self.declared().get("export_folder_" + kind.replace("-", "_"))
        return setting if isinstance(setting, TextSetting) else None

    def export_folder_for(self, kind: str) -> str:
        """Where to offer to export a draft of `kind`: the folder last used for that kind,
        else the default export folder, else the Documents (or home) folder — the first
        that exists."""
        last = self.last_export_folder(kind)
        for folder in (self.read(last) if last else "", self.export_folder):
            if folder and Path(folder).expanduser().is_dir():
                return folder
        return documents_folder()

    def remember_export_folder(self, kind: str, folder: str) -> None:
        """Keep `folder` as the one drafts of `kind` were last exported to."""
        last = self.last_export_folder(kind)
        if last is not None:
            self.write(last, folder)

    def organisation(self) -> Organisation:
        """The organisation profile as the sender of a new letter."""
        return Organisation(
            name=BilingualText.of(self.org_name_ko, self.org_name_en),
            address=BilingualText.of(self.org_address_ko, self.org_address_en),
            phone=self.org_phone.strip(),
            email=self.org_email.strip(),
        )

    def version(self) -> int:
        """The version of the settings file (0 before any was written)."""
        raw = self.qsettings.value(VERSION_KEY, 0)
        if not isinstance(raw, int | str):
            return 0
        try:
            return int(raw)
        except ValueError:
            return 0

    def _upgrade(self, target: int, upgrades: Mapping[int, Callable[[QSettings], None]]) -> None:
        current = self.version()
        if current > target:
            log.info("settings file version %d is newer than %d; kept as is", current, target)
            return
        if current == target:
            return
        for step in range(current + 1, target + 1):
            hook = upgrades.get(step)
            if hook is not None:
                log.info("upgrading settings to version %d", step)
                hook(self.qsettings)
        self.qsettings.setValue(VERSION_KEY, target)
        self._sync()

    def _sync(self) -> None:
        self.qsettings.sync()
        if self.qsettings.status() != QSettings.Status.NoError:
            # Settings are a convenience: the draft itself lives in the database.
            log.warning("could not write the settings file %s", self.qsettings.fileName())
