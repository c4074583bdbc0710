"""Encryption at rest for the window and the command line: status, unlock, on, change, off.

The key derivation runs once per unlock (`unlock`), never per connection: the session keeps
the database key in memory (`SessionKey`) and hands it to `open_services(data_dir, key)`.
Turning encryption on or off needs the database closed (the caller closes its Services
first and opens new ones after). Backups beside the database made by a migration
(every copy in `backups/` and kept aside) are converted along with it, so none stays readable;
a damaged file kept aside is rebuilt from what can be read of it, and one in which nothing
can be read is named in the result (`TurnedOn.left_plaintext`, `TurnedOff.left_encrypted`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.messages import N_
from desktop_app.paths import database_path
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from desktop_app.storage.crypto import KdfParams, SessionKey

_log = logging.getLogger(__name__)

MIN_PASSPHRASE = 8

# Said after turning encryption on (the window and `dari encryption on`).
DISK_COPIES = N_(
    "Your drafts are now encrypted, and the unencrypted file was overwritten and removed. "
    "Copies of it that the disk may still hold (in free space, on an SSD, in backups made by "
    "other programs) are protected only by full-disk encryption such as BitLocker, FileVault "
    "or LUKS."
)
NO_WAY_AROUND = N_(
    "There is no way around the passphrase: if you forget it, your drafts are gone for good, "
    "unless you keep the recovery key Dari shows you next (print it or save it somewhere "
    "safe, away from this computer)."
)
TURNED_OFF = N_(
    "Your drafts are no longer encrypted: anyone who can read this computer's disk can read them."
)
# Said for each damaged file kept aside that could not be converted with the database.
LEFT_PLAINTEXT = N_(
    "Dari could not read or rewrite the damaged file “{name}” kept aside, so it could not be "
    "encrypted: it may still hold drafts unencrypted. Dari leaves it as it is; delete it if "
    "you do not need it (a specialist might still get drafts out of it)."
)
# Said for each backup that could not be encrypted (a full disk, a bad file): the database is
# encrypted by then, so turning encryption on goes on and the recovery key is still shown.
BACKUP_LEFT_PLAINTEXT = N_(
    "Dari could not encrypt the backup “{name}”, so it still holds your drafts unencrypted. "
    "Delete it if you do not need it (it is in the folder {folder}), or make room on the disk, "
    "then turn encryption off and on again."
)
LEFT_ENCRYPTED = N_(
    "Dari could not read or rewrite the damaged file “{name}” kept aside, so it could not be "
    "decrypted: it stays encrypted, and the key file “{key}” beside it lets your current "
    "passphrase or recovery key unlock it."
)


RECOVERY_SHEET = N_(
    "Dari recovery key\n\n{key}\n\nThis key unlocks the encrypted drafts of Dari in the folder "
    "{folder} if the passphrase is forgotten. Keep it somewhere safe, away from the computer; "
    "anyone who has it and the computer can read the drafts."
)


def recovery_sheet(gettext: Callable[[str], str], key: str, folder: Path | None = None) -> str:
    """The text of a saved or printed recovery key."""
    return gettext(RECOVERY_SHEET).format(key=key, folder=folder or "")


def write_recovery_file(path: Path, key: str, gettext: Callable[[str], str] = str) -> None:
    """Save the recovery key as a user-only text file (DariError when it cannot be written)."""
    from desktop_app.files import atomic_write_bytes
    from desktop_app.files.errors import ExportError

    try:
        atomic_write_bytes(path, recovery_sheet(gettext, key).encode("utf-8"))
    except ExportError as error:
        raise DariError.saying(error) from error


@dataclass(frozen=True)
class EncryptionStatus:
    """Whether the data folder's database is encrypted, and where its key header is."""

    encrypted: bool
    database: Path
    header: Path


@dataclass(frozen=True)
class TurnedOn:
    """The result of turning encryption on: the key for this session and the recovery key."""

    key: SessionKey
    recovery_key: str  # shown (printed or saved) once; Dari keeps no copy of it
    converted: tuple[Path, ...]  # the database and the backups converted with it
    # damaged files kept aside in which nothing could be read: still unencrypted (LEFT_PLAINTEXT)
    left_plaintext: tuple[Path, ...] = ()
    # backups that could not be converted: still unencrypted (BACKUP_LEFT_PLAINTEXT)
    backups_left: tuple[Path, ...] = ()


@dataclass(frozen=True)
class TurnedOff:
    """The result of turning encryption off: the files decrypted, and the damaged files kept
    aside that could not be (still encrypted, their key header copied beside them)."""

    converted: tuple[Path, ...]
    left_encrypted: tuple[Path, ...] = ()


class PassphraseTooShort(DariError):
    """A new passphrase shorter than MIN_PASSPHRASE characters."""

    def __init__(self) -> None:
        super().__init__(
            N_("Choose a passphrase of at least {count} characters."), count=MIN_PASSPHRASE
        )


class FolderOpenInWindow(DariError):
    """Another process (a Dari window) has the data folder open: converting or replacing
    its database now would pull the file from under it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            N_(
                "The data folder “{folder}” is open in a Dari window, so nothing was changed. "
                "Close that window first (or use File › Encryption… in it), then try again."
            ),
            folder=folder,
        )


def refuse_if_open_elsewhere(data_dir: Path | None) -> None:
    """FolderOpenInWindow when a window holds the folder (`files/inuse.py`)."""
    from desktop_app.files.inuse import open_elsewhere

    folder = database_path(data_dir).parent
    if open_elsewhere(folder):
        raise FolderOpenInWindow(folder)


class EncryptionService:
    """Encryption of one data folder's database (the database itself closed or open)."""

    def __init__(self, data_dir: Path | None, *, kdf: KdfParams | None = None) -> None:
        self.database = database_path(data_dir)
        self._kdf = kdf  # None: crypto.DEFAULT_KDF (tests pass cheaper parameters)

    def status(self) -> EncryptionStatus:
        """Encrypted or not (a fresh folder is not)."""
        from desktop_app.storage.crypto import header_path, is_encrypted

        return EncryptionStatus(
            is_encrypted(self.database), self.database, header_path(self.database)
        )

    def unlock(self, secret: str) -> SessionKey:
        """The session's key from the passphrase or the recovery key (WrongPassphrase)."""
        from desktop_app.storage.crypto import SessionKey, read_header, unlock

        if not self.status().encrypted:
            from desktop_app.storage.errors import EncryptionStateError

            raise EncryptionStateError(False)
        return SessionKey(unlock(read_header(self.database), secret, self.database))

    def _backups(self) -> list[Path]:
        """Every copy Dari keeps of the database (`storage/backups.py::copies`: the rolling
        backups, the files kept aside by a restore or a salvage, older migration backups),
        converted with it so that none stays readable, or unreadable, once it changes."""
        from desktop_app.storage import backups

        found = backups.copies(self.database)
        return [path for path in found if path.is_file() and path.stat().st_size > 0]

    def turn_on(self, passphrase: str) -> TurnedOn:
        """Encrypt the database (and its migration backups); the database must be closed."""
        from desktop_app.storage.cipherfile import convert
        from desktop_app.storage.crypto import (
            SessionKey,
            create_key,
            header_path,
            is_plaintext_sqlite,
            write_header,
        )
        from desktop_app.storage.errors import EncryptionStateError, StorageError

        if self.status().encrypted:
            raise EncryptionStateError(True)
        if len(passphrase) < MIN_PASSPHRASE:
            raise PassphraseTooShort()
        refuse_if_open_elsewhere(self.database.parent)
        new = create_key(passphrase, self._kdf)
        # The header first: a stop before the swap leaves it beside the plaintext file,
        # which stays the database (crypto.is_encrypted looks at the file itself).
        write_header(self.database, new.header)
        converted: list[Path] = []
        if self.database.exists() and self.database.stat().st_size > 0:
            convert(self.database, None, new.key)
            converted.append(self.database)
        else:  # no database yet: SQLCipher creates it encrypted on first open
            self.database.unlink(missing_ok=True)
        backups_left: list[Path] = []
        for backup in self._backups():
            if is_plaintext_sqlite(backup):
                # the database is encrypted by now: one backup that fails must not lose the
                # recovery key (raising here would never show it); it is named instead
                try:
                    convert(backup, None, new.key)
                except (StorageError, OSError) as error:
                    _log.warning("the backup %s was not encrypted: %s", backup.name, error)
                    backups_left.append(backup)
                    continue
                converted.append(backup)
        left: list[Path] = []
        for damaged in self._damaged():
            if header_path(damaged).exists():  # encrypted already, with a key of its own
                continue
            if self._convert_damaged(damaged, None, new.key):
                converted.append(damaged)
            else:
                left.append(damaged)
        assert header_path(self.database).exists()
        return TurnedOn(
            SessionKey(new.key),
            new.recovery_key,
            tuple(converted),
            tuple(left),
            tuple(backups_left),
        )

    def _damaged(self) -> list[Path]:
        """The damaged files kept aside (`dari-damaged-*.db`, left out of `copies()`: they
        cannot be copied as a database), each converted with the database from what can be
        read of it, since it may hold the drafts' text."""
        from desktop_app.storage import backups

        found = backups.damaged_files(self.database)
        return [path for path in found if path.stat().st_size > 0]

    @staticmethod
    def _convert_damaged(path: Path, old_key: bytes | None, new_key: bytes | None) -> bool:
        """One damaged file converted: as a copy when it reads whole (a purge rebuilt it
        already), else rebuilt from what can be read; False when it was left as it is."""
        import logging

        from desktop_app.storage import backups
        from desktop_app.storage.cipherfile import convert, convert_damaged
        from desktop_app.storage.errors import StorageError

        log = logging.getLogger(__name__)
        try:
            if backups.is_good(path, old_key):
                convert(path, old_key, new_key)
                return True
            if convert_damaged(path, old_key, new_key):
                return True
        except StorageError as error:
            log.warning("%s was not converted: %s", path.name, error)
            return False
        except Exception:  # a damaged file is any bytes: never lose the new key over one
            log.exception("%s was not converted (a bug reading a damaged file)", path.name)
            return False
        log.warning("%s was not converted: nothing reads", path.name)
        return False

    def change_passphrase(self, secret: str, new_passphrase: str) -> None:
        """Rewrap the database key under a new passphrase (the recovery key still works)."""
        from desktop_app.storage.crypto import read_header, rewrap, unlock, write_header

        if len(new_passphrase) < MIN_PASSPHRASE:
            raise PassphraseTooShort()
        header = read_header(self.database)
        key = unlock(header, secret, self.database)
        write_header(self.database, rewrap(header, key, new_passphrase, self._kdf))

    def turn_off(self, secret: str) -> TurnedOff:
        """Decrypt the database and its backups (and the damaged files kept aside, from what
        can be read of them), then remove the header (database closed)."""
        from desktop_app.storage.cipherfile import convert
        from desktop_app.storage.crypto import (
            header_path,
            is_plaintext_sqlite,
            read_header,
            write_header,
        )
        from desktop_app.storage.crypto import unlock as unwrap

        if not self.status().encrypted:
            from desktop_app.storage.errors import EncryptionStateError

            raise EncryptionStateError(False)
        header = read_header(self.database)
        key = unwrap(header, secret, self.database)
        refuse_if_open_elsewhere(self.database.parent)
        converted: list[Path] = []
        if self.database.exists():
            convert(self.database, key, None)
            converted.append(self.database)
        for backup in self._backups():
            if not is_plaintext_sqlite(backup):
                convert(backup, key, None)
                converted.append(backup)
        left: list[Path] = []
        for damaged in self._damaged():
            if is_plaintext_sqlite(damaged) or header_path(damaged).exists():
                continue
            if self._convert_damaged(damaged, key, None):
                converted.append(damaged)
            else:  # never lost with the header: a copy of it stays beside the file
                write_header(damaged, header)
                left.append(damaged)
        header_path(self.database).unlink(missing_ok=True)
        return TurnedOff(tuple(converted), tuple(left))


def self_check(folder: Path) -> None:
    """Encrypt a new database in `folder`, lock, unlock: SQLCipher and Argon2id work here
    (the smoke test of the built program; cheap key-derivation parameters)."""
    from desktop_app.services.container import services_for
    from desktop_app.storage.crypto import KdfParams

    service = EncryptionService(folder, kdf=KdfParams(1, 8 * 1024, 1))
    with services_for(folder):
        pass
    turned = service.turn_on("smoke test passphrase")
    with services_for(folder, turned.key) as services:
        services.lock()
        services.unlock(service.unlock(turned.recovery_key))
        assert services.encrypted and services.glossary.terms(), "encrypted database is empty"
