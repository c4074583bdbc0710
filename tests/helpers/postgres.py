"""A real PostgreSQL server for the tests, started in a temporary folder (unix socket only).

`initdb` refuses to run as root, so the cluster belongs to the `postgres` user (Debian's
`postgresql` package makes it). Each test gets its own database, copied from a template
that was migrated once (`CREATE DATABASE … SHARED`), which is fast.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PASSWORD_ROLE = "dari_pw"  # a role that must give its password (scram), for the refusal tests
PASSWORD = "correct horse"
SHARED = "dari_tests"  # the migrated database the tests share, emptied before each


def postgres_bin() -> Path | None:
    """The folder of Debian's PostgreSQL binaries (the newest version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def missing_reason() -> str | None:
    """Why no server can be started here, or None."""
    if postgres_bin() is None:
        return "PostgreSQL is not installed (apt-get install postgresql)"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no `postgres` user (apt-get install postgresql makes it)"
    return None


class PostgresServer:
    """One throw-away cluster: start(), url(name), empty_database(), halt()/resume(), stop()."""

    def __init__(self, *, durable: bool = False) -> None:
        # durable: fsync, synchronous commit and full-page writes on, as an office's server
        # runs (the benchmarks' figures), and a crash (`halt("immediate")`) keeps every
        # committed save; off by default, which the tests need for speed (off, such a crash
        # may lose the last commits: tested, a save came back a version older)
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="dari-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.bin = postgres_bin()
        self._names = itertools.count(1)
        self._spares: set[str] = set()

    def _as_postgres(self, *args: str) -> None:
        # as root (CI, containers) through runuser; a normal user runs the binaries itself
        as_root = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        command = [*as_root, *args]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        assert self.bin is not None
        self.socket.mkdir()
        user = pwd.getpwnam("postgres")
        for folder in (self.root, self.socket):
            os.chown(folder, user.pw_uid, user.pw_gid)
        self._as_postgres(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--auth=trust",
            "-U",
            "postgres",
        )
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            f"local all {PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n", encoding="utf-8"
        )
        options = self._options()
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "start",
        )
        self.sql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")

    def url(self, database: str, user: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server, over the unix socket."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket), dbname=database, user="postgres", autocommit=True
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def make_shared(self) -> None:
        """The database migrated to Dari's head that the tests share."""
        from desktop_app.storage import Database

        self.sql(f"CREATE DATABASE {SHARED}")
        Database.open_url(self.url(SHARED), data_dir=self.root).close()

    def empty_database(self, locale: str | None = None) -> str:
        """A new database with nothing in it (not even Dari's tables); its URL. With
        `locale` (e.g. "C"), its LC_COLLATE and LC_CTYPE are that instead of C.UTF-8."""
        name = f"test_{next(self._names)}"
        options = f" TEMPLATE template0 LOCALE '{locale}'" if locale else ""
        self.sql(f"CREATE DATABASE {name}{options}")
        return self.url(name)

    def reset_shared(self, name: str = SHARED) -> str:
        """The migrated shared database emptied for the next test (faster than a copy:
        DELETE in every table and every sequence back to 1); its URL."""
        import psycopg

        with psycopg.connect(host=str(self.socket), dbname=name, user="postgres") as conn:
            conn.execute("SET session_replication_role = replica")  # no FK order needed
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            ]
            for table in tables:
                conn.execute(f"DELETE FROM {table}")  # type: ignore[arg-type]
            for (sequence,) in conn.execute(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall():
                conn.execute(f"ALTER SEQUENCE {sequence} RESTART")  # type: ignore[arg-type]
        return self.url(name)

    def spare(self, number: int) -> str:
        """The URL of spare migrated database `number` (1, 2, …), emptied as the shared one is:
        a second office or laptop beside the shared database in one test. Made and migrated
        the first time it is asked for, then only emptied."""
        from desktop_app.storage import Database

        name = f"{SHARED}_{number}"
        if name not in self._spares:
            self.sql(f"CREATE DATABASE {name}")
            Database.open_url(self.url(name), data_dir=self.root).close()
            self._spares.add(name)
        return self.reset_shared(name)

    def halt(self, mode: str = "fast") -> None:
        """Stop the server but keep its data directory (`resume()` starts it again): the
        server going away under a running window. `mode` is pg_ctl's: "fast" ends every
        session (clients get "terminating connection"), "immediate" is a crash (no
        shutdown checkpoint; the next start recovers from the WAL)."""
        assert self.bin is not None
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def resume(self) -> None:
        """Start a halted server again over the same data directory (its databases kept)."""
        assert self.bin is not None
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "start",
        )

    def _options(self) -> str:
        options = f"-k {self.socket} -c listen_addresses=''"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        return options

    def stop(self) -> None:
        if self.bin is not None and (self.data / "postmaster.pid").exists():
            self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def downgrade_newest(url: str) -> None:
    """The database at `url` one schema behind: Alembic's own downgrade of the newest
    migration (a shared database of an older Dari)."""
    from alembic import command
    from sqlalchemy import create_engine

    from desktop_app.storage import migrate

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "-1")
    finally:
        engine.dispose()
