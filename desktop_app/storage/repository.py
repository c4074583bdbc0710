"""The base every repository shares: short sessions, SQLite errors turned into ours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage.engine import runtime_error_for
from desktop_app.storage.errors import StorageError


class Repository:
    """One short session per call; a write commits (durably) before the call returns."""

    def __init__(self, sessions: sessionmaker[Session], path: Path) -> None:
        self._sessions = sessions
        self._path = path
        self._error_for: Callable[[BaseException | None], StorageError] = lambda exc: (
            runtime_error_for(path, exc)
        )

    def report_errors_with(self, error_for: Callable[[BaseException | None], StorageError]) -> None:
        """Turn driver errors into `error_for`'s (a server database's sentences)."""
        self._error_for = error_for

    def error_for(self, exc: BaseException | None) -> StorageError:
        """Our sentence for a driver error of this database."""
        return self._error_for(exc)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            raise self._error_for(exc.orig) from exc

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            raise self._error_for(exc.orig) from exc
