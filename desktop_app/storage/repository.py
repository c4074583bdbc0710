"""The base every repository shares: short sessions, SQLite errors turned into ours.

`one_transaction(sessions)` makes every repository call on that database, in this thread,
until the block ends, share one session: the block commits once or not at all (a bundle's
address-book entries and its drafts, issue 14)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage.engine import runtime_error_for
from desktop_app.storage.errors import StorageError

# The session of the `one_transaction` block this thread is in, with its sessionmaker.
_SHARED: ContextVar[tuple[sessionmaker[Session], Session] | None] = ContextVar(
    "dari_shared_session", default=None
)


@contextmanager
def one_transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction every repository of `sessions` joins in this thread until the block
    ends: committed when it ends, rolled back (nothing written) if it raises. Nested
    blocks join the outer one."""
    shared = _SHARED.get()
    if shared is not None and shared[0] is sessions:
        yield shared[1]
        return
    with sessions.begin() as session:
        token = _SHARED.set((sessions, session))
        try:
            yield session
        finally:
            _SHARED.reset(token)


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

    def _joined(self) -> Session | None:
        """The session of the `one_transaction` block this call is inside, if any."""
        shared = _SHARED.get()
        return shared[1] if shared is not None and shared[0] is self._sessions else None

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            joined = self._joined()
            if joined is not None:  # sees what the block wrote so far
                yield joined
                return
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            raise self._error_for(exc.orig) from exc

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            joined = self._joined()
            if joined is not None:  # committed with the block
                yield joined
                joined.flush()
                return
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            raise self._error_for(exc.orig) from exc
