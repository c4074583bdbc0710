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

from desktop_app.storage import Database
from desktop_app.storage import drafts as drafts_module
from desktop_app.storage.models import Draft

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


@pytest.mark.parametrize("walk", [3, 1000])
def test_a_page_is_the_head_of_the_list(
    many: Database, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For every term, filter and cap: the same drafts in the same order as list()'s first
    ones, and `more` exactly when list() has more (with a walk of 3 drafts PostgreSQL's
    index path answers most of these; with 1000 the walk does)."""
    monkeypatch.setattr(drafts_module, "SEARCH_WALK", walk)
    checked = 0
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


def test_a_negative_limit_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="limit"):
        db.drafts.page(limit=-1, search="탈")


@contextmanager
def _statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    sent: list[tuple[str, Any]] = []

    def on_execute(_c: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
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


def test_postgresql_walks_for_a_common_term_and_asks_the_index_for_a_rare_one(
    pg_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafts_module, "SEARCH_WALK", 20)
    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        for n in range(40):
            text = "탈북민 인권" if n % 2 else "송환"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)
        server.drafts.create("letter", {}, format_version=1, search_text="이도준 tjwg/2024/1")
        with _statements(server) as sent:
            page = server.drafts.page(limit=5, search="탈북민")
        assert [d.id for d in page.drafts] == [40, 38, 36, 34, 32] and page.more
        (walk,) = sent  # the walk found enough: one statement
        assert "dari_grams" not in walk[0] and "strpos" in walk[0], walk[0]
        assert "ix_drafts_updated_at" in _plan(server, *walk)
        for term in ("이도준", "tjwg/2024", "이도준 tjwg"):
            with _statements(server) as sent:
                page = server.drafts.page(limit=2, search=term)
            assert [d.id for d in page.drafts] == [41] and not page.more
            *_walks, found = sent  # the newest held too few: at last the indexes answered
            assert "MATERIALIZED" in found[0], found[0]
            plan = _plan(server, *found)
            grams, trigrams = "ix_drafts_search_grams" in plan, "ix_drafts_search_text_trgm" in plan
            assert {"이도준": grams, "tjwg/2024": trigrams}.get(term, grams or trigrams), plan


def test_postgresql_asks_about_the_newest_first_for_a_term_the_walk_met_a_few_times(
    pg_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term in 1 of 8 drafts, a walk of 20: the gram index asked about the newest drafts
    only (updated_at ≥ a moment), an English word walking further; the same head as list()."""
    monkeypatch.setattr(drafts_module, "SEARCH_WALK", 20)
    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        for n in range(120):
            text = "보호 protection" if n % 8 == 0 else "송환 return"
            server.drafts.create("letter", {"n": n}, format_version=1, search_text=text)
        for term, kinds in (("보호", ["walk", "moment", "newest"]), ("protection", ["walk"] * 2)):
            with _statements(server) as sent:
                page = server.drafts.page(limit=3, search=term)
            assert list(page.drafts) == server.drafts.list(search=term)[:3] and page.more
            said = [
                "newest" if "updated_at >=" in sql else "walk" if "newest" in sql else "moment"
                for sql, _ in sent
            ]
            assert said == kinds, (term, [sql for sql, _ in sent])
