"""A shared PostgreSQL database, on the real server the tests start (tests/helpers/postgres.py)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from desktop_app.storage import Database, migrate
from desktop_app.storage.errors import (
    ConflictError,
    ServerBackups,
    ServerLoginRefused,
    ServerSchemaOld,
    ServerSchemaTooNew,
    ServerUnavailable,
    ServerUrlInvalid,
)
from desktop_app.storage.server import strip_password
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, SHARED, PostgresServer, downgrade_newest


def _new(db: Database, title: str = "초안") -> int:
    return db.drafts.create("letter", {"body": title}, format_version=1, title_ko=title).id


def _save(db: Database, draft_id: int, version: int, text: str) -> None:
    db.drafts.save(
        draft_id,
        {"body": text},
        expected_version=version,
        format_version=1,
        title_ko=text,
        title_en="",
        search_text=text,
    )


def test_the_second_of_two_writers_gets_a_conflict_not_a_lost_update(
    pg_url: str, tmp_path: Path
) -> None:
    with (
        Database.open_url(pg_url, data_dir=tmp_path) as first,
        Database.open_url(pg_url, data_dir=tmp_path) as second,
    ):
        draft_id = _new(first)
        _save(first, draft_id, 1, "번역자의 수정")
        with pytest.raises(ConflictError) as raised:
            _save(second, draft_id, 1, "기안자의 수정")
        assert (raised.value.expected_version, raised.value.actual_version) == (1, 2)
        assert second.drafts.get(draft_id).payload == {"body": "번역자의 수정"}


def test_korean_substring_search_with_wildcards_taken_literally(
    pg_url: str, tmp_path: Path
) -> None:
    with Database.open_url(pg_url, data_dir=tmp_path) as db:
        wanted = _new(db, "탈북민을 위한 100% 지원_안")
        _new(db, "다른 초안")
        assert [d.id for d in db.drafts.list(search="탈북")] == [wanted]
        assert [d.id for d in db.drafts.list(search="0% 지원_")] == [wanted]
        assert [d.id for d in db.drafts.list(search="%")] == [wanted]
        assert db.drafts.list(search="1_0") == []


def _files_holding(server: PostgresServer, db: Database, needle: str) -> list[str]:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("CHECKPOINT")  # the shared buffers written to the files
        relations = [
            str(row[0])
            for row in conn.exec_driver_sql(
                "SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pg_toast') "
                "AND pg_relation_filepath(c.oid) IS NOT NULL"
            )
        ]
    found = []
    for relation in relations:
        for path in (server.data / relation).parent.glob(Path(relation).name + "*"):
            if needle.encode("utf-8") in path.read_bytes():
                found.append(relation)
    return found


def test_purge_leaves_the_text_in_no_table_file(
    pg_server: PostgresServer, pg_url: str, tmp_path: Path
) -> None:
    marker = "MARKER-7f3a9c 김영희-증언"
    with Database.open_url(pg_url, data_dir=tmp_path) as db:
        other = _new(db, "다른 초안")
        secret = _new(db, marker)
        _save(db, secret, 1, marker + " v2")
        db.drafts.add_revision(secret, "saved")
        assert _files_holding(pg_server, db, marker)

        db.drafts.trash(secret)
        db.drafts.purge(secret)

        assert _files_holding(pg_server, db, marker) == []
        assert db.drafts.get(other).payload == {"body": "다른 초안"}
    assert not list(tmp_path.iterdir())  # no marker, no backup, nothing of ours on this side


def test_backups_of_a_server_database_are_the_servers(pg_url: str, tmp_path: Path) -> None:
    with Database.open_url(pg_url, data_dir=tmp_path) as db, pytest.raises(ServerBackups):
        db.restore_backup("dari-20240418-120000.db")


@pytest.mark.parametrize(
    "url",
    [
        "mysql://dari@office/dari",
        "postgresql+psycopg://dari@office",  # no database
        "postgresql+psycopg://dari:@:bad:port/x",
    ],
)
def test_a_wrong_url_is_said_in_a_sentence(url: str, tmp_path: Path) -> None:
    with pytest.raises(ServerUrlInvalid) as raised:
        Database.open_url(url, data_dir=tmp_path)
    assert "postgresql+psycopg://USER@HOST/DATABASE" in str(raised.value)


def test_an_unreachable_server_is_said_in_a_sentence(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://dari@/dari?host={tmp_path}"  # no server listens there
    with pytest.raises(ServerUnavailable) as raised:
        Database.open_url(url, data_dir=tmp_path)
    assert "could not reach the shared database" in str(raised.value)


def test_a_server_gone_away_is_the_servers_sentence_in_every_repository(
    own_pg_server: PostgresServer, own_pg_url: str, tmp_path: Path
) -> None:
    """Every repository, the bundles' and any added later included, says a stopped server in
    the server's sentence (not a database file's, nor the driver's message)."""
    with Database.open_url(own_pg_url, data_dir=tmp_path) as db:
        names = {name for name, value in vars(db).items() if value in db.repositories()}
        assert {"drafts", "bundles", "contacts", "live", "events"} <= names
        own_pg_server.halt("fast")
        try:
            with pytest.raises(ServerUnavailable):
                db.bundles.imported("a bundle")
            with pytest.raises(ServerUnavailable):
                db.contacts.search("김")
            for repository in db.repositories():
                said = repository.error_for(OSError("server closed the connection unexpectedly"))
                assert isinstance(said, ServerUnavailable), type(repository).__name__
        finally:
            own_pg_server.resume()


def test_a_refused_or_missing_password_is_said_in_a_sentence(
    pg_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    url = pg_server.url(SHARED, user=PASSWORD_ROLE)
    for password in ("wrong", None):
        with pytest.raises(ServerLoginRefused) as raised:
            Database.open_url(url, data_dir=tmp_path, password=password)
        assert PASSWORD not in str(raised.value)
        assert f"refused the login of “{PASSWORD_ROLE}”" in str(raised.value)
    pg_server.sql(f"GRANT ALL ON SCHEMA public TO {PASSWORD_ROLE}", SHARED)
    pg_server.sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}", SHARED)
    Database.open_url(url, data_dir=tmp_path, password=PASSWORD).close()


def test_a_pgpass_file_gives_the_password(
    pg_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{PASSWORD_ROLE}:{PASSWORD}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    pg_server.sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}", SHARED)
    Database.open_url(pg_server.url(SHARED, user=PASSWORD_ROLE), data_dir=tmp_path).close()


def test_an_empty_database_gets_the_schema_newer_is_refused_older_waits_for_migrate(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    url = pg_server.empty_database()
    Database.open_url(url, data_dir=tmp_path).close()  # new: Dari's tables made
    name = url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(host=str(pg_server.socket), dbname=name, user="postgres") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    with pytest.raises(ServerSchemaTooNew) as raised:
        Database.open_url(url, data_dir=tmp_path, migrate=True)
    assert "newer version of Dari" in str(raised.value)

    with psycopg.connect(host=str(pg_server.socket), dbname=name, user="postgres") as conn:
        conn.execute("UPDATE alembic_version SET version_num = %s", (migrate.SCHEMA_HEAD,))
    downgrade_newest(url)  # a database one schema behind
    with pytest.raises(ServerSchemaOld) as old:
        Database.open_url(url, data_dir=tmp_path)
    assert "--migrate" in str(old.value)
    with Database.open_url(url, data_dir=tmp_path, migrate=True) as db:
        assert db.events.list() == []


def test_settings_and_sentences_never_carry_the_password() -> None:
    assert strip_password("postgresql+psycopg://dari:s3cret@office/dari") == (
        "postgresql+psycopg://dari@office/dari"
    )
    assert strip_password("postgresql+psycopg://dari@office/dari") == (
        "postgresql+psycopg://dari@office/dari"
    )
