"""Benchmark: PostgreSQL over a local socket — autosave, listing, Korean search (issue 14).

A throw-away server (tests/helpers/postgres.py) started with an office's settings: fsync,
synchronous commit and full-page writes on (`durable=True`). Measured, all through the
services the window uses:

- autosave: `DraftService.save` (the autosaver's call, no revision) of the sample letter,
  one character typed between saves; p50/p95/max in ms over SAVES saves, the statements
  each sends (SQLAlchemy's cursor events, plus BEGIN and COMMIT), the same with a
  revision ("autosaved", every five minutes), the same on a SQLite file, and on the
  server with fsync off (what the tests' server does);
- listing: `DraftService.list()` (the draft list's call) over LIST drafts in PostgreSQL
  and in a SQLite file holding the same rows, in the same run; the ratio PG/SQLite;
- search: `DraftService.list(search)` over SEARCH drafts on PostgreSQL for one-, two-,
  three-or-more-syllable Korean terms, mixed terms and English words; p50/p95 ms and
  the hits of each term, and one EXPLAIN ANALYZE per kind (which index, how long).
  Then the same two-syllable and Korean terms with migration 0008's index dropped (in a
  transaction rolled back), as it was before it.

The drafts are bulk-inserted (executemany; no service call per draft), their search text
made by `_corpus` (about 1,300 characters, up to 3,500). The listing's drafts carry a
sample's payload; the search's 90,000 others a small one (the list reads neither). Those
are inserted with the schema at 0006, and migrations 0007 to the newest then build the
indexed copies (0010) and their indexes over all 100,000 (`migration_0007_to_head_s`: what
an office's upgrade costs).

The window's capped search (`DraftService.search(term, limit=500)`, issue 14) is measured
after the full list, per term with the statements it sent. `--search` measures only the
search over 100,000 drafts, before (every match) and after (capped), in ~3–5 minutes;
`--keep` leaves its server running and prints its socket, `--socket DIR` reuses it, and
`--capped-only` measures only the capped search (~20 s; the every-match half can take
minutes when the server picks a plan computing dari_grams per draft). Each capped term
lists its statements with their times: which steps of `storage/search_pg.py` it took.

Prints JSON. Not a test: `.venv/bin/python bench/bench_postgres.py [--quick | --search]`.
Timings on the shared 2-core machine are upper bounds. `--quick` takes ~30 s; the full
run took ~13 minutes there, most of it PostgreSQL building the two GIN indexes over
100,000 drafts (the inserts under the trigram index, then migration 0008).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert

from desktop_app.domain import from_json
from desktop_app.services import DraftService
from desktop_app.services.container import build_services
from desktop_app.services.search import search_text
from desktop_app.storage import Database
from desktop_app.storage.codec import dump_payload, index_text
from desktop_app.storage.models import Draft
from tests.helpers.postgres import PostgresServer, missing_reason

SAMPLES = Path(__file__).resolve().parent.parent / "desktop_app" / "resources" / "samples"
DOMAIN = Path("/work/shared/domain")
TERMS = {
    "korean_1": ["송", "탈", "법", "귀"],
    "korean_2": ["탈북", "인권", "난민", "송환", "서한", "포로"],
    "korean_3plus": ["탈북민", "강제송환", "유엔난민기구", "정례인권검토", "국군포로"],
    "mixed": ["upr에", "un인권", "tjwg/2024"],
    "english": ["repatriation", "refugee", "minister", "non-refoulement", "geneva"],
    "rare": [],  # a generated name and a case number, filled in by _corpus
}


def _ms(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def _timed(call: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - start)
    return times, value


# -- realistic text -------------------------------------------------------------------------


def _samples() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.json"))]


def _sentences(payloads: list[dict[str, Any]]) -> list[str]:
    """Lines of the samples' search text and of the domain notes, split at full stops."""
    lines = [line for payload in payloads for line in search_text(payload).splitlines()]
    for note in sorted(DOMAIN.glob("*.md")) if DOMAIN.is_dir() else ():
        lines += note.read_text(encoding="utf-8").lower().splitlines()
    pieces = [
        piece.strip() for line in lines for piece in line.replace("다. ", "다.\n").split("\n")
    ]
    return sorted({piece for piece in pieces if len(piece) > 8})


SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍"
GIVEN = "민서지현준우영수진하은도윤예성혜원태경주아빈"
# common syllables for made-up words: an office's drafts are about more than the samples
SYLLABLES = (
    "가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추"
    "기니디리미비시이지치키티피히개내대래매배새애재채거너더러머버서어저처게네데레메"
    "세에제한국민정부회의원장관법률조약보고서위원회사업계획예산단체활동지원교육연구"
)


def _corpus(count: int, seed: int) -> Iterator[tuple[str, str, str]]:
    """(title_ko, title_en, search text) of `count` drafts, the same for the same seed: one
    to three sentences of the samples and the domain notes, then 100-450 words drawn alike
    from those texts' words (one in ten) and from made-up two- or three-syllable words (so
    a word of the samples is in a few percent of the drafts, not in all), a name and a case number.
    The last draft's name and case number become the rare terms."""
    rng = random.Random(seed)
    sentences = _sentences(_samples())
    real = sorted({word for sentence in sentences for word in sentence.split()})
    made = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))) for _ in range(len(real) * 9)]
    words = real + made
    for n in range(count):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        case = f"tjwg/{2000 + n % 25}/{n:06d}"
        chosen = rng.sample(sentences, rng.randint(0, 3))
        filler = " ".join(rng.choices(words, k=rng.randint(100, 450)))
        body = "\n".join([*chosen, filler, f"담당: {name}", f"문서 번호 {case}"])[:3500]
        yield f"{name}님 사건 {n}", f"Case {n}", body
    TERMS["rare"] = [name, case]


def _rows(count: int, payloads: list[str], start: datetime, seed: int) -> list[dict[str, Any]]:
    rows = []
    for n, (title_ko, title_en, text) in enumerate(_corpus(count, seed)):
        moment = start + timedelta(seconds=n)
        rows.append(
            {
                "kind": "letter",
                "title_ko": title_ko,
                "title_en": title_en,
                "status": "draft",
                "created_at": moment,
                "updated_at": moment,
                "version": 1,
                "format_version": 5,
                "payload": payloads[n % len(payloads)],
                "search_text": index_text(title_ko, title_en, text),
                "ko_complete": 100,
                "en_complete": 80,
                "warnings": 0,
            }
        )
    return rows


def _bulk_insert(db: Database, rows: list[dict[str, Any]]) -> float:
    start = time.perf_counter()
    with db.engine.begin() as connection:
        for first in range(0, len(rows), 2000):
            connection.execute(insert(Draft), rows[first : first + 2000])
    return time.perf_counter() - start


# -- statements per save ------------------------------------------------------------------


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    """Every statement the engine sends, BEGIN and COMMIT included."""
    sent: list[str] = []

    def on_execute(_c: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement.split(None, 1)[0])

    def on_wire(conn: Any) -> bool:  # an autocommit statement sends no BEGIN nor COMMIT
        return bool(conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT")

    def on_begin(conn: Any) -> None:
        if on_wire(conn):
            sent.append("BEGIN")

    def on_commit(conn: Any) -> None:
        if on_wire(conn):
            sent.append("COMMIT")

    listeners = [("before_cursor_execute", on_execute), ("begin", on_begin), ("commit", on_commit)]
    for name, listener in listeners:
        event.listen(db.engine, name, listener)
    try:
        yield sent
    finally:
        for name, listener in listeners:
            event.remove(db.engine, name, listener)


# -- the three figures --------------------------------------------------------------------


def autosave(db: Database, saves: int) -> dict[str, Any]:
    """The autosaver's save, one character typed between saves, over the services the app
    wires (the seeded glossary checked at each save, as the window's are). The first saves
    of a session prepare the statements (SQLAlchemy's compile, the server's PREPARE after
    psycopg's fifth): reported apart, then ten more before the timing — a person's session
    autosaves hundreds of times."""
    service = build_services(db).drafts
    letter = from_json(_samples()[0])
    loaded = service.create(letter)
    document, version = loaded.document, loaded.version
    paragraph = document.body[0]

    def typed(n: int) -> Any:
        text = replace(paragraph.text, ko=paragraph.text.ko + "가나다라"[n % 4] * (n % 7))
        return replace(document, body=(replace(paragraph, text=text), *document.body[1:]))

    first: list[float] = []
    for n in range(10):
        start = time.perf_counter()
        version = service.save(loaded.id, typed(n), expected_version=version).version
        first.append(time.perf_counter() - start)
    times: list[float] = []
    for n in range(saves):
        edited = typed(n)
        start = time.perf_counter()
        version = service.save(loaded.id, edited, expected_version=version).version
        times.append(time.perf_counter() - start)
    with _counting(db) as sent:
        version = service.save(loaded.id, typed(1), expected_version=version).version
    revised: list[float] = []
    for n in range(max(5, saves // 10)):
        start = time.perf_counter()
        version = service.save(
            loaded.id, typed(n), expected_version=version, revision_reason="autosaved"
        ).version
        revised.append(time.perf_counter() - start)
    return {
        "saves": saves,
        **_ms(times),
        "first_save_ms": round(first[0] * 1000, 2),
        "statements_per_save": sent,
        "with_revision": _ms(revised),
    }


def listing(databases: dict[str, Database], repeat: int) -> dict[str, Any]:
    """The draft list's call over the same rows in each database, alternating."""
    times: dict[str, list[float]] = {name: [] for name in databases}
    for _ in range(repeat):
        for name, db in databases.items():
            took, rows = _timed(lambda db=db: DraftService(db).list(), 1)  # type: ignore[misc]
            times[name] += took
    result: dict[str, Any] = {name: _ms(took) for name, took in times.items()}
    result["drafts"] = len(rows)
    result["ratio_p50"] = round(
        result["postgresql"]["p50_ms"] / max(result["sqlite"]["p50_ms"], 0.01), 2
    )
    return result


def search(db: Database, server: PostgresServer, database: str, repeat: int) -> dict[str, Any]:
    """Each kind of term through the service, its hits, and one EXPLAIN ANALYZE per kind;
    then the window's capped search (`capped`)."""
    service = DraftService(db)
    result: dict[str, Any] = {}
    for kind, terms in TERMS.items():
        times, hits = [], {}
        for term in terms:
            took, found = _timed(lambda term=term: service.list(term), repeat)  # type: ignore[misc]
            times += took
            hits[term] = len(found)
        result[kind] = {**_ms(times), "hits": hits, "plan": _plan(db, server, database, terms[0])}
    result["capped"] = capped_search(db, repeat)
    result["without_0008"] = {
        term: _plan(db, server, database, term, drop="ix_draft_search_grams")
        for term in ("탈북", "인권", "탈북민", "강제송환")
    }
    return result


def capped_search(db: Database, repeat: int, limit: int = 500) -> dict[str, Any]:
    """The window's search, `DraftService.search(term, limit=500)`: p50/p95 per kind of
    term (and per term), the statements each sent with their time, whether more matched."""
    service = DraftService(db)
    result: dict[str, Any] = {"limit": limit}
    for kind, terms in TERMS.items():
        times: list[float] = []
        per_term: dict[str, Any] = {}
        for term in terms:
            took, page = _timed(
                lambda term=term: service.search(term, limit=limit),  # type: ignore[misc]
                repeat,
            )
            times += took
            with _timing_statements(db) as sent:
                service.search(term, limit=limit)
            per_term[term] = {
                **_ms(took),
                "shown": len(page.drafts),
                "more": page.more,
                "statements_ms": sent,
            }
        result[kind] = {**_ms(times), "terms": per_term}
    return result


@contextmanager
def _timing_statements(db: Database) -> Iterator[list[str]]:
    """Each statement sent, as "its first words: ms"."""
    sent: list[str] = []

    def before(conn: Any, *_args: Any) -> None:
        conn.info["bench_start"] = time.perf_counter()

    def after(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        took = (time.perf_counter() - conn.info["bench_start"]) * 1000
        words = " ".join(statement.split()[:3])
        sent.append(f"{words}: {took:.1f}")

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)


def search_only(repeat: int, socket: str | None, capped_only: bool = False) -> dict[str, Any]:
    """`--search`: only the search over 100,000 drafts, before (every match, as
    `DraftService.list`) and after (the capped `DraftService.search`). The drafts are
    inserted with the two GIN indexes dropped and rebuilt after (faster than the full
    run's way); with `--socket DIR`, a running server's `bench` database (as this mode
    leaves it with `--keep`) is used as it is. `--capped-only` skips the every-match calls
    (the slow half: tens of seconds a term when the server picks a generic plan)."""
    server = PostgresServer()  # search reads only: the durable settings change nothing here
    result: dict[str, Any] = {"drafts": 100_000, "repeat": repeat}
    folder = Path(tempfile.mkdtemp())
    if socket is None:
        server.start()
        server.sql("CREATE DATABASE bench")
        url = server.url("bench")
    else:
        server.socket = Path(socket)
        url = f"postgresql+psycopg://postgres@/bench?host={socket}"
    try:
        pg = Database.open_url(url, data_dir=folder)
        if socket is None:
            result["build_s"] = _build_search_set(pg, server)
        else:
            _corpus_terms()
        try:
            before: dict[str, Any] = {}
            service = DraftService(pg)
            for kind, terms in () if capped_only else TERMS.items():
                times: list[float] = []
                for term in terms:
                    took, _found = _timed(lambda t=term: service.list(t), repeat)  # type: ignore[misc]
                    times += took
                before[kind] = _ms(times)
            if before:
                result["before_every_match"] = before
            result["after_capped"] = capped_search(pg, repeat)
        finally:
            pg.close()
    finally:
        if socket is None and not KEEP:
            server.stop()
        elif socket is None:
            result["kept_server_socket"] = str(server.socket)
    return result


KEEP = False


def _corpus_terms() -> None:
    """The rare terms of the search set, as _corpus leaves them (no rows kept)."""
    for _row in _corpus(90_000, seed=15):
        pass


def _build_search_set(pg: Database, server: PostgresServer) -> dict[str, float]:
    indexes = {
        "ix_draft_search_trgm": "USING gin (search_text gin_trgm_ops)",
        "ix_draft_search_grams": """USING gin ((dari_grams(search_text) COLLATE "C"))""",
    }
    for name in indexes:
        server.sql(f"DROP INDEX {name}", database="bench")
    payloads = [dump_payload(p) for p in _samples()]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    took = {"insert_s": _bulk_insert(pg, _rows(10_000, payloads, start, seed=14))}
    took["insert_s"] += _bulk_insert(pg, _rows(90_000, ['{"kind": "letter"}'], start, seed=15))
    began = time.perf_counter()
    server.sql(  # what migration 0010 does: the indexed copies, then the marks
        "INSERT INTO draft_search SELECT id, version, search_text FROM drafts", database="bench"
    )
    server.sql("UPDATE drafts SET indexed_version = version", database="bench")
    took["copies_s"] = time.perf_counter() - began
    for name, definition in indexes.items():
        began = time.perf_counter()
        server.sql(f"CREATE INDEX {name} ON draft_search {definition}", database="bench")
        took[f"{name}_s"] = time.perf_counter() - began
    server.sql("VACUUM ANALYZE drafts", database="bench")
    server.sql("VACUUM ANALYZE draft_search", database="bench")
    return {key: round(value, 1) for key, value in took.items()}


def _plan(db: Database, server: PostgresServer, database: str, term: str, drop: str = "") -> str:
    """Which index the list's statement uses for `term` (the indexed copies gathered, as
    `search_pg._by_index` does), and its execution time. With `drop`, that index is dropped
    (rolled back after) and the statement is the one before migration 0008
    (`contains_text`: the LIKE alone)."""
    import psycopg
    from sqlalchemy import select

    from desktop_app.storage.codec import SUMMARY_COLUMNS, fold
    from desktop_app.storage.dialects import contains_draft_text, contains_text
    from desktop_app.storage.search_pg import DRAFT_SEARCH

    contains = contains_text if drop else contains_draft_text
    side = DRAFT_SEARCH.c
    found = (
        select(side.draft_id)
        .where(contains(side.search_text, fold(term)))
        .cte("found")
        .prefix_with("MATERIALIZED")
    )
    stmt = (
        select(*SUMMARY_COLUMNS)
        .join(found, found.c.draft_id == Draft.id)
        .where(Draft.deleted_at.is_(None))
    )
    compiled = stmt.order_by(Draft.updated_at.desc(), Draft.id.desc()).compile(db.engine)
    with psycopg.connect(host=str(server.socket), dbname=database, user="postgres") as conn:
        if drop:
            conn.execute(f"DROP INDEX {drop}")  # type: ignore[arg-type]
        query = f"EXPLAIN ANALYZE {compiled}"
        lines = [row[0] for row in conn.execute(query, compiled.params)]  # type: ignore[arg-type]
        conn.rollback()
    scans = [line.strip() for line in lines if "Scan" in line]
    return "; ".join([*scans, lines[-1].strip()])


def _downgrade(db: Database, revision: str) -> None:
    """Alembic's downgrade on the server (as tests/unit/storage/test_storage_server.py)."""
    from alembic import command

    from desktop_app.storage import migrate

    with db.engine.begin() as connection:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def main(quick: bool) -> dict[str, Any]:
    saves, list_count, search_count, repeat = (
        (30, 500, 3000, 3) if quick else (200, 10_000, 100_000, 10)
    )
    server = PostgresServer(durable=True)
    server.start()
    result: dict[str, Any] = {"quick": quick, "server": "PostgreSQL, unix socket, fsync on"}
    try:
        server.sql("CREATE DATABASE bench")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            pg = Database.open_url(server.url("bench"), data_dir=folder)
            lite = Database.open(folder / "dari.sqlite3")
            try:
                result["autosave_postgresql"] = autosave(pg, saves)
                result["autosave_sqlite"] = autosave(lite, saves)
                payloads = [dump_payload(p) for p in _samples()]
                start = datetime(2024, 1, 1, tzinfo=UTC)
                rows = _rows(list_count, payloads, start, seed=14)
                result["insert_s"] = {
                    "postgresql": round(_bulk_insert(pg, rows), 2),
                    "sqlite": round(_bulk_insert(lite, rows), 2),
                    "drafts": len(rows),
                }
                result["listing"] = listing({"postgresql": pg, "sqlite": lite}, repeat)
                more = _rows(search_count - list_count, ['{"kind": "letter"}'], start, seed=15)
                _downgrade(pg, "0006")  # the gram index is built once, by its migration
                result["insert_s"]["postgresql_search_set"] = round(_bulk_insert(pg, more), 2)
                began = time.perf_counter()
                Database.open_url(server.url("bench"), data_dir=folder, migrate=True).close()
                result["migration_0007_to_head_s"] = round(time.perf_counter() - began, 2)
                server.sql("VACUUM ANALYZE drafts", database="bench")
                server.sql("VACUUM ANALYZE draft_search", database="bench")
                result["search"] = {"drafts": search_count, **search(pg, server, "bench", repeat)}
                server.sql("ALTER SYSTEM SET fsync = off")
                server.sql("ALTER SYSTEM SET synchronous_commit = off")
                server.sql("SELECT pg_reload_conf()")
                result["autosave_postgresql_fsync_off"] = autosave(pg, saves)
            finally:
                pg.close()
                lite.close()
    finally:
        server.stop()
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke run (seconds)")
    parser.add_argument(
        "--search",
        action="store_true",
        help="only the search over 100,000 drafts, every match vs the capped page (~5 min)",
    )
    parser.add_argument("--keep", action="store_true", help="--search: leave the server running")
    parser.add_argument("--socket", metavar="DIR", help="--search: a running server's bench db")
    parser.add_argument("--repeat", type=int, default=10, help="--search: calls per term")
    parser.add_argument(
        "--capped-only", action="store_true", help="--search: only the capped page, no every-match"
    )
    arguments = parser.parse_args()
    if (reason := missing_reason()) is not None:
        sys.exit(reason)
    if arguments.search:
        KEEP = arguments.keep
        found = search_only(arguments.repeat, arguments.socket, arguments.capped_only)
    else:
        found = main(arguments.quick)
    print(json.dumps(found, indent=2, ensure_ascii=False))
