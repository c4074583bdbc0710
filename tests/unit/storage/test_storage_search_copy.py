"""PostgreSQL: the search indexes are on a copy of each draft's text (migration 0010), which
an autosave leaves behind and a search brings up to date first — so an autosave re-enters
nothing into them, and a search still finds what was typed a moment ago, on every path."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from desktop_app.storage import Database
from tests.helpers.postgres import PostgresServer, downgrade_newest


def _save(db: Database, draft_id: int, text: str) -> int:
    version = db.drafts.get(draft_id).version
    return db.drafts.save(
        draft_id,
        {"body": text},
        expected_version=version,
        format_version=1,
        title_ko="",
        title_en="",
        search_text=text,
    ).version


def _copies(url: str) -> dict[int, tuple[int, int, str | None]]:
    """draft id → (its version, the version its copy was made of, the copy's text)."""
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        rows = conn.execute(
            "SELECT d.id, d.version, d.indexed_version, s.search_text FROM drafts d"
            " LEFT JOIN draft_search s ON s.draft_id = d.id"
        ).fetchall()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def test_an_autosave_leaves_the_copy_and_the_next_search_finds_what_it_wrote(
    pg_url: str, tmp_path: Path
) -> None:
    with Database.open_url(pg_url, data_dir=tmp_path) as db:
        first = db.drafts.create("letter", {}, format_version=1, search_text="강제송환 중단")
        for n in range(5):
            db.drafts.create("letter", {"n": n}, format_version=1, search_text=f"초안 {n}")
        assert db.drafts.list(search="초안")  # a search: every draft copied
        assert all(version == copied for version, copied, _ in _copies(pg_url).values())

        version = _save(db, first.id, "강제송환 중단 요청 조태열")  # the autosave's statement
        assert _copies(pg_url)[first.id] == (version, version - 1, "강제송환 중단")

        # every_match asks the indexes alone (no walk): the copy was brought up to date
        assert [d.id for d in db.drafts.list(search="조태열")] == [first.id]
        assert _copies(pg_url)[first.id] == (version, version, "강제송환 중단 요청 조태열")
        page = db.drafts.page(limit=5, search="요청")
        assert [d.id for d in page.drafts] == [first.id]
        _save(db, first.id, "강제송환 중단")  # a word taken out is not found either
        assert db.drafts.list(search="조태열") == []


def test_a_copy_older_than_the_one_there_never_replaces_it(pg_url: str, tmp_path: Path) -> None:
    """Two searches catching up at once: the one that read the older text comes second."""
    with Database.open_url(pg_url, data_dir=tmp_path) as db:
        draft = db.drafts.create("letter", {}, format_version=1, search_text="처음")
        newer = _save(db, draft.id, "나중")
        db.drafts.list(search="나중")
        with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            conn.execute(  # a late search marks an older version stale and copies it
                "UPDATE drafts SET indexed_version = 0 WHERE id = %s", (draft.id,)
            )
            conn.execute(
                "INSERT INTO draft_search (draft_id, version, search_text) VALUES (%s, %s, %s)"
                " ON CONFLICT (draft_id) DO UPDATE SET version = excluded.version,"
                " search_text = excluded.search_text"
                " WHERE draft_search.version < excluded.version",
                (draft.id, newer - 1, "처음"),
            )
        assert [d.id for d in db.drafts.list(search="나중")] == [draft.id]
        assert db.drafts.list(search="처음") == []
        assert _copies(pg_url)[draft.id] == (newer, newer, "나중")


def test_catching_up_tells_no_window_that_a_draft_changed(pg_url: str, tmp_path: Path) -> None:
    """0007's NOTIFY fires for what a save writes, not for the copy's mark."""
    with Database.open_url(pg_url, data_dir=tmp_path) as db:
        draft = db.drafts.create("letter", {}, format_version=1, search_text="처음")
        db.drafts.list(search="처음")
        with psycopg.connect(
            pg_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
        ) as listener:
            listener.execute("LISTEN dari_changes")

            def heard() -> int:
                return sum(1 for _ in listener.notifies(timeout=0.5, stop_after=5))

            _save(db, draft.id, "나중")
            assert heard() >= 1  # a save is heard
            db.drafts.list(search="나중")  # the catch-up marks the draft copied
            assert _copies(pg_url)[draft.id][1] == db.drafts.get(draft.id).version
            assert heard() == 0


def test_a_purged_draft_leaves_no_copy(pg_url: str, tmp_path: Path) -> None:
    with Database.open_url(pg_url, data_dir=tmp_path) as db:
        draft = db.drafts.create("letter", {}, format_version=1, search_text="탈북민 이름")
        db.drafts.list(search="이름")
        db.drafts.purge(draft.id)
        assert _copies(pg_url) == {}
        with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            assert conn.execute("SELECT count(*) FROM draft_search").fetchone() == (0,)


@pytest.mark.parametrize("searched", [True, False], ids=["indexed", "never-searched"])
def test_a_database_of_0009_gets_copies_of_every_draft_when_updated(
    pg_server: PostgresServer, tmp_path: Path, searched: bool
) -> None:
    url = pg_server.empty_database()
    with Database.open_url(url, data_dir=tmp_path) as db:
        ids = [
            db.drafts.create("letter", {"n": n}, format_version=1, search_text=f"국군포로 {n}").id
            for n in range(3)
        ]
        if searched:
            db.drafts.list(search="국군포로")
    downgrade_newest(url)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        indexes = {row[0] for row in conn.execute("SELECT indexname FROM pg_indexes")}
        assert "ix_drafts_search_grams" in indexes and "draft_search" not in str(
            conn.execute("SELECT tablename FROM pg_tables").fetchall()
        )
    with Database.open_url(url, data_dir=tmp_path, migrate=True) as db:
        copies = _copies(url)
        assert {i: copies[i][2] for i in ids} == {i: f"국군포로 {n}" for n, i in enumerate(ids)}
        assert all(version == copied for version, copied, _ in copies.values())
        assert [d.id for d in db.drafts.list(search="포로 1")] == [ids[1]]
