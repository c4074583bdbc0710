"""Backups for the window and the CLI: list, create, restore, and the one made each day.

The copies themselves are made by `desktop_app/storage/backups.py`; how many are kept
is the database's own setting (`backups_kept` in its meta table, default 7), so the
window and `dari` keep the same number.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.storage.errors import StorageError

if TYPE_CHECKING:
    import builtins
    from pathlib import Path

    from desktop_app.storage import Database
    from desktop_app.storage.backups import BackupInfo

log = logging.getLogger(__name__)

KEPT_KEY = "backups_kept"
DEFAULT_KEPT = 7
MIN_KEPT, MAX_KEPT = 1, 365


class BackupService:
    """The rolling backups of one open database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def kept(self) -> int:
        """How many backups are kept (the oldest beyond that are deleted)."""
        stored = self._db.meta.get(KEPT_KEY)
        try:
            return max(MIN_KEPT, min(MAX_KEPT, int(stored))) if stored else DEFAULT_KEPT
        except ValueError:
            return DEFAULT_KEPT

    def set_kept(self, count: int) -> None:
        """Keep `count` backups (1–365) from now on; the oldest beyond that go at once."""
        from desktop_app.storage import backups  # SQLAlchemy: only once a database is open

        count = max(MIN_KEPT, min(MAX_KEPT, int(count)))
        self._db.meta.set(KEPT_KEY, str(count))
        if not self._db.on_server:
            backups.prune(self._db.path, count)

    def list(self) -> builtins.list[BackupInfo]:
        """Every backup, newest first, with its date and number of drafts."""
        from desktop_app.storage import backups  # SQLAlchemy: only once a database is open

        self._refuse_on_server()
        return backups.list_backups(self._db.path, key=self._db.key)

    def _refuse_on_server(self) -> None:
        """A shared server database has no backup files here: they are the server's."""
        if self._db.server is not None:
            from desktop_app.storage.errors import ServerBackups

            raise ServerBackups(self._db.server)

    def create(self) -> BackupInfo:
        """Back up now (then keep only the newest `kept`)."""
        from desktop_app.storage import backups  # SQLAlchemy: only once a database is open

        self._refuse_on_server()
        made = backups.create(self._db.path, self._db.now(), key=self._db.key)
        backups.prune(self._db.path, self.kept)
        return next(info for info in self.list() if info.path == made)

    def daily(self) -> Path | None:
        """The first start of each day makes a backup. A failure (a full disk) is logged and
        does not stop the start: the database itself is fine."""
        from desktop_app.storage import backups  # SQLAlchemy: only once a database is open

        if self._db.on_server:
            return None  # the server's backups are its administrator's (ServerBackups)
        try:
            return backups.daily(self._db.path, self._db.now(), self.kept, key=self._db.key)
        except StorageError as error:
            log.warning("daily backup not made: %s", error)
            return None

    def restore(self, name: str) -> Path | None:
        """Put a copy of the backup `name` in place of the database. The current file is kept
        aside (`dari-before-restore-….db`, its path is returned), never overwritten."""
        return self._db.restore_backup(name)

    def latest_good(self) -> BackupInfo | None:
        """The newest backup that passes the integrity check."""
        from desktop_app.storage import backups  # SQLAlchemy: only once a database is open

        self._refuse_on_server()
        path = backups.latest_good(self._db.path, key=self._db.key)
        return next((info for info in self.list() if info.path == path), None)
