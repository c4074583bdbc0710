"""DraftRepository.list: Korean substrings, English case-insensitivity, filters and order."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop_app.storage import Database
from tests.helpers.postgres import PostgresServer


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    drafts = db.drafts
    letter = drafts.create(
        "letter",
        {"body": "..."},
        format_version=1,
        title_ko="장관님께 드리는 공개서한",
        title_en="Open Letter to the Minister",
        search_text="탈북민을 강제송환하지 말아 주십시오",
    )
    brief = drafts.create(
        "upr_brief",
        {"body": "..."},
        format_version=1,
        title_en="UPR advance questions",
        status="final",
        search_text="Death Penalty moratorium; 탈북 여성",
    )
    press = drafts.create(
        "press_statement",
        {"body": "..."},
        format_version=1,
        title_ko="성명서",
        search_text="Press statement on the death penalty",
    )
    trashed = drafts.create(
        "letter", {"body": "..."}, format_version=1, search_text="탈북 청소년 지원 요청"
    )
    drafts.trash(trashed.id)
    return {"letter": letter.id, "brief": brief.id, "press": press.id, "trashed": trashed.id}


def _ids(db: Database, **kwargs: object) -> list[int]:
    return [draft.id for draft in db.drafts.list(**kwargs)]  # type: ignore[arg-type]


def test_korean_substring_of_any_length(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search="탈북") == [ids["brief"], ids["letter"]]
    assert _ids(db, search="북민") == [ids["letter"]]
    assert _ids(db, search="송") == [ids["letter"]]


def test_decomposed_hangul_query_is_normalised(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search=unicodedata.normalize("NFD", "탈북민")) == [ids["letter"]]


def test_english_is_case_insensitive_and_terms_are_anded(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search="DEATH penalty") == [ids["press"], ids["brief"]]
    assert _ids(db, search="death  탈북") == [ids["brief"]]
    assert _ids(db, search="death minister") == []
    assert _ids(db, search="   ") == [ids["press"], ids["brief"], ids["letter"]]


def test_titles_are_searchable(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search="minister") == [ids["letter"]]
    assert _ids(db, search="성명") == [ids["press"]]


def test_kind_status_and_trash_filters(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, kind="letter") == [ids["letter"]]
    assert _ids(db, status="final") == [ids["brief"]]
    assert _ids(db, status="draft", search="탈북") == [ids["letter"]]
    assert _ids(db, trashed=True) == [ids["trashed"]]
    assert _ids(db, trashed=True, search="탈북") == [ids["trashed"]]
    assert _ids(db, trashed=True, kind="upr_brief") == []


def test_newest_updated_first(db: Database, ids: dict[str, int]) -> None:
    letter = db.drafts.get(ids["letter"])
    db.drafts.save(
        letter.id,
        letter.payload,
        expected_version=letter.version,
        format_version=1,
        title_ko=letter.title_ko,
        title_en=letter.title_en,
        search_text="탈북민을",
    )
    assert _ids(db) == [ids["letter"], ids["press"], ids["brief"]]
    summary = db.drafts.list(kind="letter")[0]
    assert summary.version == 2
    assert not hasattr(summary, "payload")


# -- PostgreSQL answers as SQLite does (migration 0008's index of characters and pairs) ------

TEXTS = [
    "탈북민을 강제송환하지 말아 주십시오",
    "Death Penalty moratorium; 탈북 여성",
    "북한 인권 UN인권이사회 report",
    "인 권 (a space between them)",
    "100% of 50_000 and a/b and 100/% and a__b",
    "\n탈\n북\n",
    "송",
    "UPR 4주기 국가별 정례인권검토",
    "ÉCOLE école 학교",
]
TERMS = [
    "탈",
    "송",
    "북",
    "탈북",
    "인권",
    "북민",
    "북한",
    "탈북민",
    "강제송환",
    "정례인권검토",
    "un인권",
    "인권이",
    "upr",
    "death",
    "DEATH",
    "penalty",
    "report",
    "a",
    "ab",
    "4주기",
    "%",
    "_",
    "/",
    "100%",
    "50_0",
    "a/b",
    "/%",
    "a__b",
    "%%",
    "école",
    "É",
    "주십시오",
    "없는말",
]


def _same_drafts(database: Database) -> None:
    for n, text in enumerate(TEXTS):
        database.drafts.create("letter", {"n": n}, format_version=1, search_text=text)


def test_postgresql_finds_what_sqlite_finds(pg_url: str, tmp_path: Path) -> None:
    import random

    rng = random.Random(14)
    pieces = ["탈", "북", "민", "인", "권", "a", "B", "%", "_", "/", " ", "\n", "ab"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(80)]
    terms = [*TERMS, *("".join(rng.choice(pieces[:10]) for _ in range(k)) for k in (1, 2, 3) * 15)]
    with (
        Database.open(tmp_path / "dari.sqlite3") as lite,
        Database.open_url(pg_url, data_dir=tmp_path) as server,
    ):
        for database in (lite, server):
            _same_drafts(database)
            for n, text in enumerate(texts):
                database.drafts.create("letter", {"r": n}, format_version=1, search_text=text)
        for term in terms:
            assert _ids(server, search=term) == _ids(lite, search=term), term
        # the fixed terms each find something (but the one that is nowhere): no vacuous check
        assert [term for term in TERMS if not _ids(lite, search=term)] == ["없는말"]


def test_every_kind_of_term_can_use_an_index_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    """With scans forbidden, the plan of each kind of term reads an index of search_text:
    the gram index (migration 0008) for Korean and short terms, the trigram one for English
    words. (Only that index: the exact test, strpos, is not one the trigram index takes.)
    """
    import psycopg
    from sqlalchemy import select
    from sqlalchemy.dialects import postgresql

    from desktop_app.storage.codec import SUMMARY_COLUMNS
    from desktop_app.storage.dialects import contains_draft_text
    from desktop_app.storage.models import Draft
    from desktop_app.storage.search_pg import DRAFT_SEARCH

    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        _same_drafts(server)
    url = pg_url.split("?host=")
    grams, trigrams = "ix_draft_search_grams", "ix_draft_search_trgm"
    expected = {  # a term of one or two characters has no trigram: only the grams serve it
        "탈": (grams,),
        "탈북": (grams,),
        "ab": (grams,),
        "%": (grams,),
        "탈북민": (grams,),  # Korean: pairs, whatever the server's locale makes of Hangul
        "un인권": (grams,),
        "a/b": (grams,),  # no three ASCII letters in a row: no trigram to narrow by
        "penalty": (trigrams,),
    }
    with psycopg.connect(host=url[1], dbname=url[0].rsplit("/", 1)[1], user="postgres") as conn:
        conn.execute("SET enable_seqscan = off")
        for term, indexes in expected.items():
            side = DRAFT_SEARCH.c  # the indexed copies of the drafts' text (migration 0010)
            found = (  # gathered from them alone, as search_pg._by_index does
                select(side.draft_id)
                .where(contains_draft_text(side.search_text, term))
                .cte("found")
                .prefix_with("MATERIALIZED")
            )
            stmt = select(*SUMMARY_COLUMNS).join(found, found.c.draft_id == Draft.id)
            sql = str(
                stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
            )
            plan = "\n".join(row[0] for row in conn.execute("EXPLAIN " + sql))  # type: ignore[operator]
            assert any(index in plan for index in indexes), (term, plan)


def test_korean_search_needs_no_hangul_locale_on_postgresql(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    """Under LC_CTYPE "C" pg_trgm takes no trigram from Hangul (show_trgm('탈북민') is
    empty), so the trigram index cannot narrow a Korean term; the gram index still does."""
    import psycopg

    url = pg_server.empty_database(locale="C")
    with Database.open_url(url, data_dir=tmp_path) as server:
        _same_drafts(server)
        assert _ids(server, search="탈북민") == [1]
        assert _ids(server, search="인권") == [8, 3]
        assert _ids(server, search="école") == [9]
    name = url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(host=str(pg_server.socket), dbname=name, user="postgres") as conn:
        assert conn.execute("SELECT show_trgm('탈북민')").fetchone() == ([],)
        conn.execute("SET enable_seqscan = off")
        plan = " ".join(
            row[0]
            for row in conn.execute(
                """EXPLAIN SELECT draft_id FROM draft_search"""
                """ WHERE (dari_grams(search_text) COLLATE "C")"""
                """ @> ARRAY['탈북', '북민'] AND strpos(search_text, '탈북민') > 0"""
            )
        )
        assert "ix_draft_search_grams" in plan, plan


def test_every_match_is_gathered_through_the_indexes_on_postgresql(
    pg_url: str, tmp_path: Path
) -> None:
    """list(search) on PostgreSQL: the drafts the indexes find, gathered (a MATERIALIZED CTE)
    and then sorted, with sequential scans off for the transaction. Left to itself, for a
    piece in nearly every draft (법, in 98% of 100,000) the planner walked the updated_at
    index computing dari_grams for each draft: 15.7 s, now ~1 s."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    def on_execute(
        _c: object, _cursor: object, statement: str, parameters: object, *_a: object
    ) -> None:
        if "indexed_version" not in statement:  # the catch-up before a search (its own test)
            sent.append((statement, parameters))

    with Database.open_url(pg_url, data_dir=tmp_path) as server:
        _same_drafts(server)
        event.listen(server.engine, "before_cursor_execute", on_execute)
        try:
            assert _ids(server, search="탈") == [6, 2, 1]
        finally:
            event.remove(server.engine, "before_cursor_execute", on_execute)
        guard, (statement, parameters) = sent
        assert "set_config('enable_seqscan', 'off', true)" in guard[0]
        assert "WITH found AS MATERIALIZED" in statement
        with server.engine.connect() as connection:
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.exec_driver_sql("EXPLAIN " + statement, parameters)  # type: ignore[arg-type]
            assert "ix_draft_search_grams" in "\n".join(row[0] for row in plan)
