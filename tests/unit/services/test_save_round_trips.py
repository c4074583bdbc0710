"""An autosave on a shared database is one statement (issue 14's autosave figure): no BEGIN,
no COMMIT, no ping before it when its connection was used a moment ago — and still never a
failed save on a connection the server's restart left dead, nor a lost reply taken for a
conflict. Over a real PostgreSQL server of the module's own (stopped and started)."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event

from desktop_app.domain import BilingualText, Letter
from desktop_app.services import Services, blank_document, open_services
from desktop_app.storage import server
from tests.helpers.postgres import PostgresServer


@pytest.fixture
def services(data_dir: Path, own_pg_url: str) -> Iterator[Services]:
    opened = open_services(data_dir, database_url=own_pg_url)
    yield opened
    opened.close()


def letter(subject: str) -> Any:
    document = blank_document(Letter.KIND)
    return dataclasses.replace(document, subject=BilingualText(subject, "saved"))


class Sent:
    """What the server received, as its log says (`log_statement = all`): the statements,
    BEGIN, COMMIT and the pool's ping (an empty statement, ";") — every round trip."""

    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self.statements: list[str] = []
        self._mark = ""

    def __enter__(self) -> list[str]:
        self.server.sql("ALTER SYSTEM SET log_statement = 'all'")
        self.server.sql("SELECT pg_reload_conf()")
        self._mark = f"mark-{uuid.uuid4().hex}"
        self.server.sql(f"SELECT '{self._mark}'")
        return self.statements

    def __exit__(self, *_exc: object) -> None:
        end = f"mark-{uuid.uuid4().hex}"
        self.server.sql(f"SELECT '{end}'")
        self.server.sql("ALTER SYSTEM RESET log_statement")
        self.server.sql("SELECT pg_reload_conf()")
        log = (self.server.root / "server.log").read_text(encoding="utf-8", errors="replace")
        between = log[log.index(self._mark) : log.index(end)].splitlines()[1:-1]
        for line in between:
            found = re.search(r"LOG:  (?:statement|execute [^:]*): (\S*)", line)
            if found:
                word = found.group(1).upper()
                self.statements.append("PING" if word == ";" else word)


def test_an_autosave_is_one_statement_and_a_revision_one_transaction(
    services: Services, own_pg_server: PostgresServer
) -> None:
    draft = services.drafts.create(letter("first"))
    saved = services.drafts.save(draft.id, letter("second"), expected_version=draft.version)
    with Sent(own_pg_server) as sent:
        again = services.drafts.save(draft.id, letter("third"), expected_version=saved.version)
    assert sent == ["UPDATE"]
    with Sent(own_pg_server) as sent:
        services.drafts.save(
            draft.id, letter("fourth"), expected_version=again.version, revision_reason="x"
        )
    assert sent[0] == "BEGIN" and sent[-1] == "COMMIT"
    assert "INSERT" in sent  # the revision, in the save's own transaction
    stored = services.drafts.load(draft.id)
    assert stored.document.subject.ko == "fourth"
    assert services.drafts.revisions(draft.id)[0].reason == "x"


def test_a_conflict_and_a_missing_draft_are_said_as_before(services: Services) -> None:
    from desktop_app.services import ConflictError
    from desktop_app.storage.errors import DraftNotFound

    draft = services.drafts.create(letter("a"))
    services.drafts.save(draft.id, letter("b"), expected_version=draft.version)
    with pytest.raises(ConflictError):
        services.drafts.save(draft.id, letter("mine"), expected_version=draft.version)
    assert services.drafts.load(draft.id).document.subject.ko == "b"
    with pytest.raises(DraftNotFound):
        services.drafts.save(draft.id + 1000, letter("c"), expected_version=1)


def test_an_idle_connection_is_pinged_first_one_just_used_is_not(
    services: Services, own_pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = services.drafts.create(letter("a"))
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", 0.0)  # every pooled connection is idle
    with Sent(own_pg_server) as sent:
        saved = services.drafts.save(draft.id, letter("b"), expected_version=draft.version)
    assert sent == ["PING", "UPDATE"]
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", 3600.0)
    with Sent(own_pg_server) as sent:
        services.drafts.save(draft.id, letter("c"), expected_version=saved.version)
    assert sent == ["UPDATE"]


@pytest.mark.parametrize("idle", [0.0, 3600.0], ids=["pinged", "used-a-moment-ago"])
def test_a_connection_the_restart_left_dead_does_not_fail_the_save(
    services: Services,
    own_pg_server: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
    idle: float,
) -> None:
    """Either the ping finds the pooled connection dead (idle), or the save's statement does
    and is asked once more on a new connection (used a moment before the restart)."""
    draft = services.drafts.create(letter("a"))
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", idle)
    own_pg_server.halt("fast")
    own_pg_server.resume()
    saved = services.drafts.save(draft.id, letter("after the restart"), expected_version=1)
    assert saved.version == draft.version + 1
    assert services.drafts.load(draft.id).document.subject.ko == "after the restart"


def test_a_save_whose_reply_was_lost_is_that_save_not_a_conflict(
    services: Services, own_pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The statement reached the server and committed, then the connection died before the
    reply: the second asking finds its own text there, and that is the save."""
    draft = services.drafts.create(letter("a"))
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", 3600.0)
    engine = services._db.engine
    url = engine.url
    done: list[int] = []

    def commit_then_cut(conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        if done or not statement.startswith("UPDATE drafts"):
            return
        pid = conn.connection.dbapi_connection.info.backend_pid
        with psycopg.connect(
            host=url.query["host"], dbname=url.database, user=url.username, autocommit=True
        ) as side:
            side.execute(statement, parameters)  # the save itself, committed
            side.execute("SELECT pg_terminate_backend(%s)", (pid,))  # the reply never comes
        done.append(pid)

    event.listen(engine, "before_cursor_execute", commit_then_cut)
    try:
        saved = services.drafts.save(draft.id, letter("typed"), expected_version=draft.version)
    finally:
        event.remove(engine, "before_cursor_execute", commit_then_cut)
    assert done, "the save's statement was not met"
    assert saved.version == draft.version + 1
    assert services.drafts.load(draft.id).document.subject.ko == "typed"
    assert services.drafts.load(draft.id).version == draft.version + 1


def test_reachable_right_after_a_restart_is_true(
    services: Services, own_pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window asks before each timed save: a connection the restart killed a moment
    after its last use must not make it say the server is away."""
    assert services.pending is not None
    assert services.pending.reachable()
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", 3600.0)
    own_pg_server.halt("fast")
    own_pg_server.resume()
    assert services.pending.reachable()
    own_pg_server.halt("fast")
    assert not services.pending.reachable()
