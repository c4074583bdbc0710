"""A shared PostgreSQL database (psycopg 3): its URL, engine, errors, schema check and VACUUM.

What only makes sense for a file is not done on a server, each for its reason:
file backups, the last-save marker, the WAL checkpoint, secure_delete, SQLCipher and private
file modes. The server's files, their permissions, its backups and its encryption are the
server's (and its administrator's); a deleted row is gone from what any connection can read
at once, and from the table's files after the VACUUM FULL a purge runs (`vacuum`): a
plain VACUUM only marks the dead rows' space free and leaves their bytes in the pages.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError

from desktop_app.storage.errors import (
    ServerLoginRefused,
    ServerSchemaOld,
    ServerSchemaTooNew,
    ServerUnavailable,
    ServerUrlInvalid,
    StorageError,
)

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 5  # an unreachable server is said within seconds, not minutes
# A server that vanishes from the network mid-save (a laptop leaving the office's Wi-Fi: no
# TCP reset ever comes) is noticed by TCP keepalives and libpq's tcp_user_timeout within
# seconds instead of the kernel's ~15 minutes; ignored over a unix socket. (Not testable
# here without dropping packets; a stopped server, which resets, is tested.)
TCP_OPTIONS: dict[str, int] = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 15_000,  # ms: data sent but unacknowledged this long fails
}
# A pooled connection idle longer than this is asked first whether it still works (one round
# trip), so the first save after the server restarted does not fail on a dead one. One used a
# moment ago is not: asking every time doubled the round trips of an autosave typed second
# after second (and the window's autosave asks the server just before saving anyway).
PING_AFTER_IDLE_S = 1.0
# The tables a purge deletes from: VACUUM'd after it, so the dead rows' text leaves the pages.
PURGED_TABLES = ("revisions", "exports", "event_documents", "draft_search", "drafts")
# SQLSTATE of a refused login: invalid_password, invalid_authorization_specification
_LOGIN_REFUSED = {"28P01", "28000"}


def driver_check() -> str:
    """Load psycopg and its libpq as a connection would (the one-folder build's smoke test
    calls this); which implementation loaded ("binary" or "c"). ImportError when missing."""
    import psycopg

    return str(psycopg.pq.__impl__)


def is_server_url(location: object) -> bool:
    """True when `location` is a database URL rather than a file path."""
    return isinstance(location, str) and "://" in location


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it; ServerUrlInvalid unless postgresql+psycopg://…/DB."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise ServerUrlInvalid(strip_password(url)) from exc
    if parsed.drivername not in (DRIVER, "postgresql") or not parsed.database:
        raise ServerUrlInvalid(strip_password(url))
    return parsed.set(drivername=DRIVER)


def strip_password(url: str) -> str:
    """The URL without any password (what Settings stores and sentences show)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        if "@" in url and "://" in url:  # keep the scheme and the host, drop user:password
            scheme, rest = url.split("://", 1)
            return f"{scheme}://{rest.rsplit('@', 1)[1]}"
        return url
    if parsed.password is None:
        return url
    without = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return without.render_as_string(hide_password=False)


def display_name(url: URL) -> str:
    """How a sentence names the server's database: user@host/database, no password."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    user = f"{url.username}@" if url.username else ""
    return f"{user}{host}/{url.database}"


def has_password(url: str) -> bool:
    """True when the URL carries a password (refused: it would be stored in the clear)."""
    try:
        return make_url(url).password is not None
    except (ArgumentError, ValueError):
        return False


def create_server_engine(url: URL, *, password: str | None = None) -> Engine:
    """An engine over psycopg 3. The password, when given, goes to the driver only (never
    into the URL that is logged or stored); without one libpq reads ~/.pgpass."""
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "dari",
        **TCP_OPTIONS,
    }
    if password is not None:
        connect_args["password"] = password
    engine = create_engine(url, connect_args=connect_args, pool_use_lifo=True)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's `pool_pre_ping`, for connections idle over PING_AFTER_IDLE_S only. The
    pool is last-in first-out, so the connection just used (by the window's reachability
    check, a moment before the save) is the one the next call gets, and a spare one grows idle
    and is pinged. A connection that does not answer is replaced (DisconnectionError: the pool
    connects anew, and fails with the server's error when the server is away)."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since <= PING_AFTER_IDLE_S:
            return  # a new connection, or one just used
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError(str(error)) from error


def error_for(server: str, user: str, exc: BaseException | None) -> StorageError:
    """Our sentence for a driver error on the server."""
    sqlstate = getattr(exc, "sqlstate", None)
    message = str(exc or "").strip().splitlines()
    first = message[0] if message else "no answer"
    if sqlstate in _LOGIN_REFUSED or "password authentication failed" in first:
        return ServerLoginRefused(server, user)
    if "no password supplied" in first:
        return ServerLoginRefused(server, user)
    return ServerUnavailable(server, first)


def needs_password(exc: BaseException) -> bool:
    """True when the server asked for a password and none was given (prompt, then retry)."""
    return "no password supplied" in str(getattr(exc, "orig", exc))


def stamped_revisions(engine: Engine) -> tuple[str, ...] | None:
    """The database's Alembic revisions; None for an empty database (nothing of Dari's)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).fetchall()
    return tuple(str(row[0]) for row in rows)


def prepare(engine: Engine, server: str, *, migrate: bool) -> bool:
    """Check the schema; create it in an empty database, or update an older one when
    `migrate` (ServerSchemaOld otherwise). Returns True when it migrated an existing schema.

    A newer schema is refused (ServerSchemaTooNew). On PostgreSQL the DDL is transactional:
    a migration that fails leaves the database as it was. No backup is made by Dari (the
    server's backups are the administrator's; the sentence of ServerSchemaOld says so).
    """
    from desktop_app.storage import migrate as migrations

    current = stamped_revisions(engine)
    if current == (migrations.SCHEMA_HEAD,):
        return False
    known = migrations.known_revisions()
    for revision in current or ():
        if revision not in known:
            raise ServerSchemaTooNew(server, revision)
    if current and not migrate:
        raise ServerSchemaOld(server)
    migrations.upgrade_connection(engine)
    return bool(current)


def vacuum(engine: Engine) -> None:
    """VACUUM FULL the tables a purge deletes from (outside a transaction, as VACUUM must be):
    each table and its indexes are rewritten into new files and the old ones removed, so the
    purged text is in no file of the database. It locks each table for the rewrite (well
    under a second for an office's drafts); colleagues' saves wait for it, none fails."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in PURGED_TABLES:
            connection.exec_driver_sql(f"VACUUM FULL {table}")


def first_connect(engine: Engine, server: str, user: str) -> None:
    """Connect once, so a wrong address or password is said at open, not at the first save."""
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise error_for(server, user, exc.orig) from exc
