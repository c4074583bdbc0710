"""DraftRepository.page: a capped search is the head of list()'s answer, on both databases,
and on PostgreSQL it walks the newest drafts first and asks the indexes only when that falls
short (issue 14: a search over 100,000 drafts answers in about 100 ms)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, update

from desktop_app.storage import Database, search_pg
from desktop_app.storage.models import Draft
from tests.helpers.postgres import PostgresServer

PIECES = ["탈", "북", "민", "인", "권", "송", "a", "B", "ab", " ", "\n"]
TERMS = ["탈", "송", "탈북", "인권", "탈북민", "북민인", "ab", "abab", "탈 인권", "a 송", "없는말"]
TERMS += [""]  # no search: the newest drafts


@pytest.fixture
def many(db: Database) -> Database:
    """60 drafts of random pieces: some share an updated_at (the id breaks the tie), some
    are in the trash, two kinds and two statuses."""
    rng = random.Random(14)
    for n in range(60):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        kind = "letter" if n % 3 else "statement"
        draft = db.drafts.create(
            kind,
            {"n": n},
            format_version=1,
            search_text=text,
            status="ready" if n % 4 == 0 else "draft",
        )
        if n % 11 == 5:
            db.drafts.trash(draft.id)
    with db.engine.begin() as connection:  # ties: the same moment for ids 10-19
        moment = db.drafts.get(15).updated_at
        connection.execute(update(Draft).where(Draft.id.between(10, 19)).values(updated_at=moment))
    return db


# Settings of search_pg that send PostgreSQL down each of its paths over 60 drafts (SQLite
# answers with one statement whatever they are): the walks alone; the probe of the gram
# index for a term a short walk met at most twice; a probe that is never enough (a cap of 1
# candidate), then walks going on, the newest older drafts through the indexes, or all of
# them.
PATHS = {
    "walks": {"PROBE_WALK": 1000, "SEARCH_WALK": 1000},
    "probe": {"PROBE_WALK": 3, "SEARCH_WALK": 6, "RARE_HITS": 3},
    "walk on": {
        "PROBE_WALK": 2,
        "SEARCH_WALK": 4,
        "PROBE_CAP": 1,
        "EXACT_CAP": 1,
        "CONTINUE_MAX": 1000,
    },
    "window": {
        "PROBE_WALK": 2,
        "SEARCH_WALK": 4,
        "PROBE_CAP": 1,
        "EXACT_CAP": 1,
        "CONTINUE_MAX": 0,
    },
    "all": {
        "PROBE_WALK": 2,
        "SEARCH_WALK": 4,
        "PROBE_CAP": 1,
        "EXACT_CAP": 1,
        "CONTINUE_MAX": 0,
        "WINDOW_MAX": 0,
    },
}


@pytest.mark.parametrize("path", PATHS)
def test_a_page_is_the_head_of_the_list(
    many: Database, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For every term, filter and cap: the same drafts in the same order as list()'s first
    ones, and `more` exactly when list() has more, whichever path PostgreSQL takes."""
    for name, value in PATHS[path].items():
        monkeypatch.setattr(search_pg, name, value)
    checked = 0
    with _statements(many) as sent:
        for term in TERMS:
            for filters in ({}, {"kind": "letter"}, {"status": "ready"}, {"trashed": True}):
                everything = many.drafts.list(search=term, **filters)  # type: ignore[arg-type]
                for limit in (0, 1, 2, 5, 50, 100):
                    page = many.drafts.page(limit=limit, search=term, **filters)  # type: ignore[arg-type]
                    assert list(page.drafts) == everything[:limit], (term, filters, limit)
                    assert page.more == (len(everything) > limit), (term, filters, limit)
                    checked += page.more
    assert checked > 50  # the caps did cut: no vacuous check
    assert len(many.drafts.list(search="탈")) > 10
    if many.engine.dialect.name == "postgresql":  # each path was taken (not vacuous either)
        steps = {_step(sql) for sql, _ in sent}
        expected = {
            "walks": {"walk"},
            "probe": {"walk", "probe"},
            "walk on": {"walk", "probe", "index"},
            "window": {"walk", "probe", "start", "index"},
            "all": {"walk", "probe", "index"},
        }[path]
        assert expected <= steps, (path, steps)
        assert (path == "walks") == ("probe" not in steps)


def _step(sql: str) -> str:
    """Which step of search_pg sent a statement."""
    if "row_number()" in sql:
        return "walk"
    if "WITH candidates AS MATERIALIZED" in sql:
        return "probe"
    if "WITH found AS MATERIALIZED" in sql:
        return "index"
    if "OFFSET" in sql:
        return "start"
    return "other"


def test_a_negative_limit_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="limit"):
        db.drafts.page(limit=-1, search="탈")


@contextmanager
def _statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    sent: list[tuple[str, Any]] = []

    def on_execute(_c: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if "indexed_version" not in statement:  # the catch-up before a search (its own test)
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", on_execute)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", on_execute)


def _plan(db: Database, statement: str, parameters: Any) -> str:
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters)
        return "\n".join(row[0] for row in rows)


def test_postgresql_walks_for_a_common_term_and_asks_the_gram_index_for_a_rare_one(
    pg_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common term: the short walk alone, one statement (no dari_grams computed). A rare
    one (a name, a case number, mixed, English): the short walk, then the gram index asked
    at once (the probe), a few drafts found, no walk of the newest SEARCH_WALK."""
    monkeypatch.setattr(search_pg, "PROBE_WALK", 10)
    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        server.drafts.create("letter", {}, format_version=1, search_text="이도준 tjwg/2024/1")
        for n in range(40):
            text = "탈북민 인권 tjwg/2023/1" if n % 2 else "송환 tjwg/2022/2"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)
        with _statements(server) as sent:
            page = server.drafts.page(limit=4, search="탈북민")
        assert [d.id for d in page.drafts] == [41, 39, 37, 35] and page.more
        (walk,) = sent  # the walk found enough: one statement
        assert "dari_grams" not in walk[0] and "strpos" in walk[0], walk[0]
        assert "ix_drafts_updated_at" in _plan(server, *walk)
        for term in ("이도준", "tjwg/2024", "이도준 tjwg", "2024/1", "tjwg/2024/1"):
            with _statements(server) as sent:
                page = server.drafts.page(limit=2, search=term)
            assert [d.id for d in page.drafts] == [1] and not page.more, term
            assert [_step(sql) for sql, _ in sent] == ["walk", "other", "probe"], term
            assert "set_config('enable_seqscan', 'off', true)" in sent[1][0]
            assert "ix_draft_search_grams" in _plan(server, *sent[2]), term


def test_postgresql_judges_a_term_by_the_short_walk_and_the_size_of_the_table(
    pg_server: PostgresServer, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term the short walk met twice in 20 drafts of 200 should be in about 20: below the
    cap for a term of one or two characters (exact: the gram index asked at once), not for a
    longer one (its texts would be read again). The table's size is pg_class's estimate:
    unknown before the first ANALYZE (a database of its own, autovacuum off for the table),
    when only RARE_HITS (here 0) decides."""
    settings = {"PROBE_WALK": 20, "RARE_HITS": 0, "EXACT_CAP": 100, "PROBE_CAP": 10}
    for name, value in settings.items():
        monkeypatch.setattr(search_pg, name, value)
    with Database.open_url(pg_server.empty_database(), data_dir=tmp_path) as server:
        with server.engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE drafts SET (autovacuum_enabled = false)")
        for n in range(200):
            text = "귀환 귀환자" if n % 10 == 0 else "송환 return"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)

        def steps(term: str) -> list[str]:
            with _statements(server) as sent:
                page = server.drafts.page(limit=4, search=term)
            assert list(page.drafts) == server.drafts.list(search=term)[:4] and page.more
            return [_step(sql) for sql, _ in sent]

        assert "probe" not in steps("귀환")  # the size unknown
        with server.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE drafts")
        assert steps("귀환") == ["walk", "other", "probe"]
        assert "probe" not in steps("귀환자")


def test_postgresql_asks_about_older_drafts_for_a_term_the_walks_met_a_few_times(
    pg_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term in 1 of 8 drafts, walks of 4 then 16 (of 20), a probe that is not enough (at
    most 1 candidate): too rare for the walks to fill the page, so the indexes are asked
    about the drafts older than those walked, the newest of them first (updated_at ≥ a
    moment); the same head as list()."""
    settings = {
        "PROBE_WALK": 4,
        "SEARCH_WALK": 20,
        "CONTINUE_MAX": 10,
        "PROBE_CAP": 1,
        "EXACT_CAP": 1,
    }
    for name, value in settings.items():
        monkeypatch.setattr(search_pg, name, value)
    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        for n in range(200):
            text = "보호 protection" if n % 8 == 0 else "송환 return"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)
        for term in ("보호", "protection"):
            with _statements(server) as sent:
                page = server.drafts.page(limit=4, search=term)
            assert list(page.drafts) == server.drafts.list(search=term)[:4] and page.more
            steps = [_step(sql) for sql, _ in sent]
            assert steps == ["walk", "other", "probe", "walk", "start", "index"], (term, steps)
            assert "updated_at >=" in sent[-1][0] and "updated_at <=" in sent[-1][0]


def test_postgresql_walks_on_for_a_term_whose_pieces_are_everywhere(
    pg_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "tjwg/2024" where every draft has a tjwg/20xx case number: every piece of the term is
    in every draft, so no index narrows it; the walks met it in 1 of 4 drafts, so they go on
    from where they stopped (no draft read twice) instead of asking an index. (Met once in
    the short walk: in about 25 of the 100 drafts, more than the probe's cap of 10. The
    table is analysed first: the shared test database keeps pg_class's estimate from earlier
    tests, and a stale one under 40 drafts would make the search probe first.)"""
    settings = {"PROBE_WALK": 4, "SEARCH_WALK": 12, "PROBE_CAP": 10, "RARE_HITS": 0}
    for name, value in settings.items():
        monkeypatch.setattr(search_pg, name, value)
    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        for n in range(100):
            text = f"문서 번호 tjwg/{2021 + n % 4}/{n:06d}"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)
        with server.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE drafts")
        with _statements(server) as sent:
            page = server.drafts.page(limit=5, search="tjwg/2024")
        assert list(page.drafts) == server.drafts.list(search="tjwg/2024")[:5] and page.more
        assert [_step(sql) for sql, _ in sent] == ["walk", "walk", "walk"]
        assert "updated_at <=" in sent[2][0]  # the third walk starts where the second ended


def test_postgresql_reads_its_steps_in_one_snapshot(
    pg_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft saved by someone else between two steps (after the walks, before the index)
    moves from the older drafts to the newest: the page is still the head of the answer as
    it stood when the search began, with that draft once (REPEATABLE READ)."""
    for name, value in {"PROBE_WALK": 2, "SEARCH_WALK": 4, "CONTINUE_MAX": 0}.items():
        monkeypatch.setattr(search_pg, name, value)
    with (
        Database.open_url(pg_url, data_dir=tmp_path) as server,
        Database.open_url(pg_url, data_dir=tmp_path / "other") as colleague,
    ):
        for n in range(30):
            text = "보호" if n % 3 == 0 else "송환"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)
        before = server.drafts.list(search="보호")
        moved = colleague.drafts.get(before[-1].id)
        saved: list[int] = []

        def save_meanwhile(_c: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if "set_config" in statement and not saved:
                record = colleague.drafts.save(
                    moved.id,
                    moved.payload,
                    expected_version=moved.version,
                    format_version=1,
                    title_ko="",
                    title_en="",
                    search_text="보호",
                )
                saved.append(record.id)

        event.listen(server.engine, "before_cursor_execute", save_meanwhile)
        try:
            page = server.drafts.page(limit=8, search="보호")
        finally:
            event.remove(server.engine, "before_cursor_execute", save_meanwhile)
        assert saved == [moved.id]
        assert list(page.drafts) == before[:8] and page.more
        assert server.drafts.list(search="보호")[0].id == moved.id  # it did move
        with server.engine.connect() as connection:  # the pooled connection is as it was
            show = connection.exec_driver_sql
            assert show("SHOW transaction_isolation").scalar() == "read committed"
            assert show("SHOW enable_seqscan").scalar() == "on"
