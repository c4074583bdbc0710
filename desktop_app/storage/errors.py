"""Storage exceptions whose str() is a sentence a non-programmer can act on.

Each keeps its English template (marked for the catalog) and parameters, so that
`desktop_app.i18n.errors.user_message` can say it in the UI language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from desktop_app.domain.messages import N_, TranslatableError


class StorageError(TranslatableError):
    """Base class of every error raised by desktop_app.storage."""


class DatabaseCorrupt(StorageError):
    """The file is not a SQLite database, is damaged, or belongs to another program."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail  # for the log, not for the person
        super().__init__(
            N_(
                "The file “{path}” is not a Dari database or is damaged, so Dari did not open "
                "it. Nothing was changed in the file. Restore a backup (`dari backups list`, "
                "then `dari backups restore NAME`), save what can still be read into a new "
                "file (`dari salvage`), or choose another data folder."
            ),
            path=path,
        )


class DatabaseTooNew(StorageError):
    """The file was written by a newer version of Dari than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            N_(
                "The file “{path}” was written by a newer version of Dari, so this version did "
                "not open it. Nothing was changed in the file. Install the newer version of "
                "Dari to open it."
            ),
            path=path,
        )


class DatabaseUnavailable(StorageError):
    """SQLite refused an operation (disk full, file locked, read-only folder, …)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail  # a Phrase when it is one of ours (translated with the sentence)
        super().__init__(
            N_(
                "Dari could not read or write its database file “{path}” ({detail}). Check "
                "that the disk is not full and that no other program is using the file, then "
                "try again."
            ),
            path=path,
            detail=detail,
        )


class BackupNotFound(StorageError):
    """No backup has this name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            N_("There is no backup named “{name}” (`dari backups list` shows them)."), name=name
        )


class DamagedFileNotFound(StorageError):
    """No damaged file kept aside (`dari-damaged-*.db`) has this name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            N_(
                "There is no damaged file named “{name}” kept aside in the data folder; "
                "nothing was deleted."
            ),
            name=name,
        )


class DraftNotFound(StorageError):
    """No draft (or, with include_trashed=False, no live draft) has this id."""

    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        super().__init__(
            N_("Draft number {number} was not found. It may have been deleted permanently."),
            number=draft_id,
        )


class RevisionNotFound(StorageError):
    """No revision has this id."""

    def __init__(self, revision_id: int) -> None:
        self.revision_id = revision_id
        super().__init__(
            N_(
                "Revision number {number} was not found. Its draft may have been deleted "
                "permanently."
            ),
            number=revision_id,
        )


class ConflictError(StorageError):
    """A save started from an older version than the one stored (optimistic locking)."""

    def __init__(self, draft_id: int, expected_version: int, actual_version: int) -> None:
        self.draft_id = draft_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        super().__init__(
            N_(
                "Draft number {number} was changed somewhere else while you were editing it "
                "(you started from version {expected}; the saved draft is now version "
                "{actual}). Your changes were not written over it: reload the draft, or keep "
                "your text as a new draft."
            ),
            number=draft_id,
            expected=expected_version,
            actual=actual_version,
        )


ItemKind = Literal[
    "glossary term",
    "clause",
    "export log entry",
    "organisation",
    "person",
    "position",
    "appointment",
    "event",
]

_ITEM_NOT_FOUND: dict[str, str] = {
    "glossary term": N_("Glossary term {number} does not exist (it may have been deleted)."),
    "clause": N_("Clause {number} does not exist (it may have been deleted)."),
    "export log entry": N_(
        "There is no entry {number} in the export log; `dari log` lists the entries."
    ),
    "organisation": N_(
        "Organisation org-{number} is not in the address book (it may have been deleted)."
    ),
    "person": N_("Person person-{number} is not in the address book (it may have been deleted)."),
    "position": N_(
        "Position position-{number} is not in the address book (it may have been deleted)."
    ),
    "appointment": N_("Appointment {number} does not exist (it may have been deleted)."),
    "event": N_("There is no event {number}; `dari events list` lists the events."),
}


class EventChanged(StorageError):
    """An event was changed elsewhere since it was read (optimistic locking)."""

    def __init__(self, event_id: int) -> None:
        self.event_id = event_id
        super().__init__(
            N_(
                "Event {number} was changed somewhere else meanwhile; nothing was written. "
                "Look at it again and repeat the change."
            ),
            number=event_id,
        )


class ItemNotFound(StorageError):
    """A glossary term, clause or address-book entry that is not (or no longer) there."""

    def __init__(self, what: ItemKind, item_id: int) -> None:
        self.what = what
        self.item_id = item_id
        super().__init__(_ITEM_NOT_FOUND[what], number=item_id)


class ContactListNotFound(StorageError):
    """No list of recipients has this name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            N_("There is no list named “{name}” (`dari lists create` makes one)."), name=name
        )


class ContactListExists(StorageError):
    """A list of recipients with this name exists already."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(N_("A list named “{name}” exists already."), name=name)


class DatabaseLocked(StorageError):
    """The database is encrypted and this session holds no key (locked, or not yet unlocked)."""

    def __init__(self, path: Path) -> None:
        self.database = path  # not in the sentence: it names no file
        super().__init__(
            N_(
                "Your drafts are locked. Unlock Dari with your passphrase (or your recovery "
                "key) to see or change them."
            )
        )


class WrongPassphrase(StorageError):
    """The passphrase (or recovery key) does not unlock this database."""

    def __init__(self, path: Path) -> None:
        self.database = path  # not in the sentence: it names no file
        super().__init__(N_("That passphrase does not unlock your drafts."))


class KeyFileDamaged(StorageError):
    """The encryption header beside an encrypted database is missing or unreadable."""

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail  # for the log
        super().__init__(
            N_(
                "The key file “{path}” of your encrypted drafts is missing or damaged, so Dari "
                "cannot unlock them. Nothing was changed. Put the file back from a copy; "
                "without it the drafts cannot be read."
            ),
            path=path,
        )


class EncryptionStateError(StorageError):
    """Turning encryption on when it is on, or off when it is off."""

    def __init__(self, encrypted: bool) -> None:
        self.encrypted = encrypted
        super().__init__(
            N_("Your drafts are already encrypted.")
            if encrypted
            else N_("Your drafts are not encrypted.")
        )


# -- a shared PostgreSQL database (storage/server.py) ---------------------------------------
# `server` below is the address without any password: "dari@office-server/dari".


class ServerUrlInvalid(StorageError):
    """A database URL Dari cannot use (not postgresql+psycopg://…, or malformed)."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(
            N_(
                "“{url}” is not a database address Dari can use. Write it as "
                "postgresql+psycopg://USER@HOST/DATABASE (no password in it: Dari asks for "
                "it, or reads it from your .pgpass file)."
            ),
            url=url,
        )


class ServerUrlHasPassword(StorageError):
    """A database URL with a password in it: refused, the password would be kept in the clear
    (the settings file, the shell's history, the process list)."""

    def __init__(self, url: str) -> None:
        self.url = url  # without the password (strip_password)
        super().__init__(
            N_(
                "The address “{url}” had a password in it, so Dari did not keep or use it: a "
                "password there would be stored in the clear. Write the address with no "
                "password in it (postgresql+psycopg://USER@HOST/DATABASE); Dari asks for the "
                "password when it connects, or reads it from your .pgpass file."
            ),
            url=url,
        )


class ServerUnavailable(StorageError):
    """The server cannot be reached, or stopped answering."""

    def __init__(self, server: str, detail: str) -> None:
        self.server = server
        self.detail = detail  # the driver's first line, for the person who runs the server
        super().__init__(
            N_(
                "Dari could not reach the shared database “{server}” ({detail}). Check that "
                "the server is running and that this computer can reach it, then try again."
            ),
            server=server,
            detail=detail,
        )


class ServerLoginRefused(StorageError):
    """The server refused the user name or password."""

    def __init__(self, server: str, user: str) -> None:
        self.server = server
        self.user = user
        super().__init__(
            N_(
                "The shared database “{server}” refused the login of “{user}”: the password is "
                "wrong or the user does not exist. Check the user name and the password (or "
                "your .pgpass file) and try again."
            ),
            server=server,
            user=user,
        )


class ServerSchemaTooNew(StorageError):
    """The server's database was set up by a newer Dari than this one."""

    def __init__(self, server: str, revision: str) -> None:
        self.server = server
        self.revision = revision
        super().__init__(
            N_(
                "The shared database “{server}” was set up by a newer version of Dari, so this "
                "version did not use it. Nothing was changed. Install the newer version of "
                "Dari on this computer."
            ),
            server=server,
        )


class ServerSchemaOld(StorageError):
    """The server's database is of an older Dari and was not updated without asking."""

    def __init__(self, server: str) -> None:
        self.server = server
        super().__init__(
            N_(
                "The shared database “{server}” was set up by an older version of Dari and must "
                "be updated before this version can use it; nothing was changed. Ask whoever "
                "runs the server for a backup first (pg_dump), then update it with "
                "`dari --database-url URL --migrate list`."
            ),
            server=server,
        )


class ServerBackups(StorageError):
    """Dari's file backups asked of a database that lives on a server."""

    def __init__(self, server: str) -> None:
        self.server = server
        super().__init__(
            N_(
                "Your drafts are in the shared database “{server}”, so Dari keeps no backup "
                "files of them on this computer. Backups of that database are made on the "
                "server (for example with pg_dump): ask whoever runs it."
            ),
            server=server,
        )
