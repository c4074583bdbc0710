"""All services over one database, built in one place for the window and the command line."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop_app.paths import database_path, secure_data_dir
from desktop_app.services.backups import BackupService
from desktop_app.services.contacts import ContactService
from desktop_app.services.drafts import DraftService
from desktop_app.services.events import EventService
from desktop_app.services.library import ClauseService, GlossaryService
from desktop_app.services.live import LiveService
from desktop_app.services.log import ExportLogService
from desktop_app.services.merge import MergeService
from desktop_app.services.reference import ReferenceService

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime
    from pathlib import Path

    from desktop_app.files.inuse import FolderHold
    from desktop_app.services.bundles import BundleService
    from desktop_app.services.pending import PendingEdits
    from desktop_app.storage import Database
    from desktop_app.storage.crypto import SessionKey


@dataclass(frozen=True)
class Services:
    """The use cases of one open database; the database itself stays private to them."""

    drafts: DraftService
    glossary: GlossaryService
    clauses: ClauseService
    reference: ReferenceService
    log: ExportLogService  # the export log (the same one drafts.export records in)
    merge: MergeService  # mail merge; its `resolver` is the address book's
    contacts: ContactService
    backups: BackupService  # the rolling backups: list, create, restore
    events: EventService  # events: the documents of one occasion as a set
    live: LiveService  # colleagues' changes and who is editing what (issue 14)
    _db: Database = field(repr=False)
    _holds: list[FolderHold] = field(default_factory=list, repr=False)  # the window's mark
    # A shared database's edits kept on this computer while it cannot be reached (None for
    # a database file of ours: nothing to keep apart from it)
    pending: PendingEdits | None = None

    @property
    def bundles(self) -> BundleService:
        """Bundles between laptops (export, import, their conflicts) and the keys."""
        from desktop_app.services.bundle_keys import KeyService
        from desktop_app.services.bundles import BundleService

        return BundleService(self._db, self.drafts, KeyService(self._db), self.drafts.clock)

    @property
    def data_dir(self) -> Path:
        """The folder holding the database."""
        return self._db.path.parent

    @property
    def server(self) -> str | None:
        """The shared database's name (user@host/database, never a password); None when the
        drafts are in this computer's data folder."""
        return self._db.server

    @property
    def lost_saves(self) -> datetime | None:
        """When the database was opened: the time of the last save it should hold but does
        not (a damaged WAL dropped the saves after its newest one); None when none were lost."""
        lost = self._db.lost_saves
        return lost.saved_at if lost is not None else None

    def hold_folder(self) -> None:
        """Mark the data folder as open here (the window does, `files/inuse.py`) until
        close(): meanwhile another process's `dari encryption on|off` or `dari backups
        restore` refuses instead of converting or replacing the file under it."""
        from desktop_app.files.inuse import FolderHold

        if not self._holds:
            self._holds.append(FolderHold(self.data_dir))
        self._holds[0].acquire()

    def close(self) -> None:
        """Close the database (the services are unusable afterwards, until reopen())."""
        self.live.close()  # this session's presence row goes first
        self._db.close()
        for hold in self._holds:
            hold.release()

    @property
    def encrypted(self) -> bool:
        """True when the database is encrypted (opened with a session key)."""
        return self._db.encrypted

    def lock(self) -> None:
        """Close every connection and drop the session's key: from now on every call
        raises DatabaseLocked (an unencrypted database is only closed)."""
        self.live.release()  # its own connection holds the key too
        self._db.lock()

    @property
    def locked(self) -> bool:
        """True after lock() on an encrypted database, until unlock()."""
        return self._db.locked

    def reopen(self, key: SessionKey | None) -> None:
        """After close(): the same services over the file again, encrypted with `key` (just
        turned on, from EncryptionService.turn_on) or not (None: just turned off)."""
        self._db.reopen(key)
        for hold in self._holds:
            hold.acquire()

    def unlock(self, key: SessionKey) -> None:
        """Use the same services again with the key `EncryptionService.unlock` gave."""
        self._db.unlock(key)


def build_services(db: Database, clock: Callable[[], datetime] | None = None) -> Services:
    """Seed the glossary on a new database, then wire the services together."""
    glossary = GlossaryService(db)
    glossary.seed_if_needed()
    drafts = DraftService(db, clock, glossary.glossary)
    contacts = ContactService(db, drafts)
    pending = None
    if db.server is not None:
        from desktop_app.services.pending import PendingEdits

        pending = PendingEdits(db.path.parent, db, drafts)
    return Services(
        drafts,
        glossary,
        ClauseService(db),
        ReferenceService(db.path.parent),
        drafts.log,
        MergeService(drafts, resolver=contacts.merge_recipients),  # the address book's
        contacts,
        BackupService(db),
        EventService(db, drafts),
        LiveService(db),
        db,
        pending=pending,
    )


def open_services(
    data_dir: Path | None,
    key: SessionKey | None = None,
    *,
    database_url: str | None = None,
    password: str | None = None,
    migrate: bool = False,
) -> Services:
    """Open (creating or migrating) the database in `data_dir` and build its services.

    With `database_url` (postgresql+psycopg://USER@HOST/DB) the drafts are in that shared
    database instead (`Database.open_url`: `password` for the driver only, `migrate` to
    update an older schema); `data_dir` keeps this computer's settings and logs.

    Raises StorageError (DatabaseCorrupt, DatabaseTooNew, DatabaseUnavailable, and
    DatabaseLocked for an encrypted folder without `key`, from EncryptionService.unlock)
    when it cannot be opened; the caller closes the Services.
    """
    from desktop_app.storage import Database  # SQLAlchemy loads here, not at start-up

    try:
        folder = secure_data_dir(data_dir)
    except OSError as exc:
        from desktop_app.storage import DatabaseUnavailable

        raise DatabaseUnavailable(database_path(data_dir), exc.strerror or str(exc)) from exc
    if database_url is not None:
        db = Database.open_url(database_url, data_dir=folder, password=password, migrate=migrate)
    else:
        db = Database.open(database_path(folder), key=key)
    try:
        services = build_services(db)
        services.backups.daily()  # the first start of each day
        return services
    except BaseException:
        db.close()
        raise


@contextmanager
def services_for(
    data_dir: Path | None, key: SessionKey | None = None, **server: Any
) -> Iterator[Services]:
    """`open_services` as a context manager that closes the database at the end."""
    services = open_services(data_dir, key, **server)
    try:
        yield services
    finally:
        services.close()
