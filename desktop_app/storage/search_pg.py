"""The capped search on PostgreSQL (`DraftRepository.page`): the newest `wanted` drafts that hold
every term, in list()'s order (updated_at, then id, newest first), found in steps chosen by
what each step learns of the term (docs/architecture.md, "Capped search"):

1. a short walk of the newest PROBE_WALK drafts, in order, each text tested by strpos. A term
   in about one draft in ten fills the page within the walks;
2. a term the short walk met at most RARE_HITS times is asked of the gram index first, about
   at most PROBE_CAP drafts holding its pieces (one bounded statement): when fewer hold them,
   those are every candidate, and the answer is exact (a name, a case number: a few ms);
3. otherwise the walk goes on from where it stopped, to SEARCH_WALK drafts in all; then, from
   the density the walks met, on again for a term that should fill the page within
   CONTINUE_MAX more drafts ("tjwg/2024": its pieces are in nearly every draft, so an index
   would read them all again), or else the indexes are asked about the drafts older than
   the walked ones: the newest of them that should hold twice what is missing, then all.

Each step reads only drafts older than the previous one's (the boundary is the last draft
walked), so the pieces put together are the exact head of the full answer. They are read in
one REPEATABLE READ snapshot, so that a draft saved meanwhile is neither lost nor counted
twice between two steps; sequential scans are disabled for it (a LIMIT over a common piece
made the planner compute dari_grams draft by draft: 'tj' alone took 22 s).
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from desktop_app.storage.codec import SUMMARY_COLUMNS
from desktop_app.storage.dialects import contains_draft_text, contains_scanned, search_grams
from desktop_app.storage.models import Draft

NEWEST_FIRST = (Draft.updated_at.desc(), Draft.id.desc())

# The indexed copy of each draft's search text (migration 0010, PostgreSQL only: not in the
# models' metadata, which describes both databases): the trigram and gram indexes are on
# it, so that an autosave, which writes drafts.search_text, re-enters nothing into them.
DRAFT_SEARCH = Table(
    "draft_search",
    MetaData(),
    Column("draft_id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("search_text", Text, nullable=False),
)
_STALE_COPIED = text(
    """
    WITH stale AS (
        SELECT id, version, search_text FROM drafts WHERE indexed_version < version
    ), copied AS (
        INSERT INTO draft_search (draft_id, version, search_text)
        SELECT id, version, search_text FROM stale
        ON CONFLICT (draft_id) DO UPDATE
            SET version = excluded.version, search_text = excluded.search_text
            WHERE draft_search.version < excluded.version
    )
    SELECT id, version FROM stale
    """
)
_MARKED = text(
    """
    UPDATE drafts SET indexed_version = caught.version
    FROM unnest(CAST(:ids AS integer[]), CAST(:versions AS integer[])) AS caught(id, version)
    WHERE drafts.id = caught.id AND drafts.indexed_version < caught.version
    """
)

# How many of the newest drafts the search reads in order before it asks the indexes. Reading
# a draft's text costs ~6 µs here; the index path ~9 µs per draft found when its text must be
# read again, ~12 µs through the trigram index. 5,000 and 8,000 were measured over 100,000
# drafts: 5,000 had the lower worst case (bench/bench_postgres.py --search).
SEARCH_WALK = 5000
# The first, short walk (~2 ms) that tells a rare term from a common one.
PROBE_WALK = 300
# A term the short walk met rarely enough that fewer than the cap should hold it (judged
# from the table's size in pg_class), or at most RARE_HITS times when the size is unknown,
# is asked of the gram index first, about at most PROBE_CAP drafts (~1 ms for a name in 10
# drafts, at most ~15 ms when more hold its pieces: then the walk goes on), or EXACT_CAP
# when every term has one or two characters (the index's answer is exact, no text is read:
# ~5 µs a draft, where the walk would read ~50 per match of a term in 2% of the drafts).
RARE_HITS = 2
PROBE_CAP = 1000
EXACT_CAP = 4000
# A walk goes on past SEARCH_WALK when the density it met should fill the page within this
# many more drafts (~30 ms); a rarer term is asked of the indexes.
CONTINUE_MAX = 5000
# The indexes are asked about the newest WINDOW_MAX older drafts at most before all of them:
# finding where the window starts reads ~1 µs a draft (an OFFSET), and past 20,000 a term is
# rare enough (under ~2%) that every draft the index finds costs less.
WINDOW_MAX = 4 * SEARCH_WALK

Boundary = tuple[datetime, int]  # the last draft walked: (updated_at, id)


def catch_up(session: Session) -> int:
    """Bring the indexed copies of the drafts saved since they were copied (autosaves, new
    drafts) up to date, before a search asks the indexes; returns how many were copied.

    For `session` in autocommit: the copy (and the indexes' work, ~5 ms a draft) is one
    statement that locks no draft; marking them copied is a second, quick one, which
    leaves a draft saved again meanwhile waiting for the next search (its mark is the
    version copied, below the new one). Two searches catching up at once copy the same
    text; the copy of an older version never replaces a newer one."""
    stale = builtins.list(session.execute(_STALE_COPIED).all())
    if stale:
        session.execute(
            _MARKED,
            {"ids": [row.id for row in stale], "versions": [row.version for row in stale]},
        )
    return len(stale)


def newest_matches(
    session: Session, filters: builtins.list[Any], terms: builtins.list[str], wanted: int
) -> builtins.list[Any]:
    """The newest `wanted` rows (SUMMARY_COLUMNS) among the drafts passing `filters` whose
    search text holds every term; fewer when there are fewer."""
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    rows, boundary, drafts = _walk(session, filters, terms, wanted, PROBE_WALK)
    if len(rows) == wanted or boundary is None:
        return rows
    cap = EXACT_CAP if all(len(term) <= 2 for term in terms) else PROBE_CAP
    expected = len(rows) * drafts / PROBE_WALK  # drafts holding the terms, about
    probing = expected < cap if drafts > 0 else len(rows) <= RARE_HITS
    if probing:
        no_sequential_scans(session)
        probed = _probe(session, filters, terms, wanted, cap)
        if probed is not None:
            return probed
    more, boundary, _drafts = _walk(
        session, filters, terms, wanted - len(rows), SEARCH_WALK - PROBE_WALK, boundary
    )
    rows += more
    walked = SEARCH_WALK
    if len(rows) == wanted or boundary is None:
        return rows
    missing = wanted - len(rows)
    further = missing * walked // max(len(rows), 1)  # more drafts that should hold them
    if rows and further <= CONTINUE_MAX:
        more, boundary, _drafts = _walk(session, filters, terms, missing, further * 2, boundary)
        rows += more
        walked += further * 2
        if len(rows) == wanted or boundary is None:
            return rows
        missing = wanted - len(rows)
        further = missing * walked // len(rows)
    older = [*filters, _older_than(boundary)]
    if not probing:
        no_sequential_scans(session)
    window = further * 2  # the older drafts that should hold twice what is missing
    if rows and window <= WINDOW_MAX:
        since = session.scalar(
            select(Draft.updated_at)
            .where(*older)
            .order_by(*NEWEST_FIRST)
            .offset(window - 1)
            .limit(1)
        )
        if since is not None:
            found = _by_index(session, [*older, Draft.updated_at >= since], terms, missing)
            if len(found) == missing:  # every older draft is older than `since`: the same head
                return rows + found
    return rows + _by_index(session, older, terms, missing)


def every_match(
    session: Session, filters: builtins.list[Any], terms: builtins.list[str]
) -> builtins.list[Any]:
    """Every draft passing `filters` that holds every term, newest first (`list(search)`):
    gathered through the indexes, then sorted. Left to itself the planner walked the
    updated_at index computing dari_grams for each draft when a piece was in most of them
    (법, in 98% of 100,000 drafts: 15.7 s, now ~1 s for the 98,469 it returns)."""
    no_sequential_scans(session)
    return _by_index(session, filters, terms, None)


def no_sequential_scans(session: Session) -> None:
    """For the rest of the search's transaction: no statement computes dari_grams draft by
    draft (the walks use the updated_at index either way). Set only before the indexes are
    asked: one round trip less for a common term. (dari_grams' declared COST 1000 is far
    below the ~0.15 ms a call of it takes on a long text.)"""
    session.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))


def _older_than(boundary: Boundary) -> ColumnElement[bool]:
    """Drafts after `boundary` in list()'s order (updated_at, then id, both descending): the
    updated_at index bounds the scan, the id breaks a tie."""
    moment, draft_id = boundary
    return and_(Draft.updated_at <= moment, or_(Draft.updated_at < moment, Draft.id < draft_id))


def _walk(
    session: Session,
    filters: builtins.list[Any],
    terms: builtins.list[str],
    wanted: int,
    span: int,
    after: Boundary | None = None,
) -> tuple[builtins.list[Any], Boundary | None, float]:
    """The first `wanted` matches among the next `span` drafts in order (after `after`, or
    from the newest), each text tested by strpos alone; the last draft walked (None when
    there was none left to walk: everything from there on was read); and how many drafts
    the table holds, as pg_class estimates it (-1 when unknown: never vacuumed or analysed).

    The walk stops at the last match wanted (the outer LIMIT), and a subquery's LIMIT bounds
    it, which no condition can be pushed under. The row numbered `span` comes back too,
    match or not: it is where the next walk starts."""
    region = [*filters] if after is None else [*filters, _older_than(after)]
    hit = and_(*(contains_scanned(Draft.search_text, term) for term in terms))
    place = func.row_number().over(order_by=NEWEST_FIRST)
    newest = (
        select(*SUMMARY_COLUMNS, hit.label("hit"), place.label("place"))
        .where(*region)
        .order_by(*NEWEST_FIRST)
        .limit(span)
        .subquery("newest")
    )
    size: Select[
        tuple[Any]
    ] = (  # pg_class's estimate of the table's rows: one look-up, no draft counted
        select(literal_column("reltuples"))
        .select_from(table("pg_class"))
        .where(literal_column("oid") == cast(literal(Draft.__tablename__), REGCLASS))
    )
    stmt = (
        select(
            *(newest.c[column.key] for column in SUMMARY_COLUMNS),
            newest.c.hit,
            newest.c.place,
            size.scalar_subquery().label("drafts"),
        )
        .where(or_(newest.c.hit, newest.c.place == span))
        .order_by(newest.c.updated_at.desc(), newest.c.id.desc())
        .limit(wanted + 1)
    )
    rows = builtins.list(session.execute(stmt).all())
    hits = [_summary(row) for row in rows if row.hit][:wanted]
    last = rows[-1] if rows and rows[-1].place == span else None
    drafts = float(rows[0].drafts) if rows else -1.0
    if len(hits) == wanted or last is None:
        return hits, None, drafts
    return hits, (last.updated_at, last.id), drafts


def _summary(row: Any) -> tuple[Any, ...]:
    return tuple(row[: len(SUMMARY_COLUMNS)])


def _probe(
    session: Session, filters: builtins.list[Any], terms: builtins.list[str], wanted: int, cap: int
) -> builtins.list[Any] | None:
    """The newest `wanted` matches when fewer than `cap` drafts hold every piece of the
    terms (migration 0008's gram index, for English words too: it makes the count bounded,
    where pg_trgm's recheck reads a text for each trigram match); None when more do.

    One statement: at most `cap` candidates gathered (a MATERIALIZED CTE, in no order),
    counted, and those holding every term (strpos) sorted, the newest kept."""
    grams = sorted({gram for term in terms for gram in _pieces(term)})
    side = DRAFT_SEARCH.c
    holds = _holds_pieces(side.search_text, grams)
    # The index alone first (draft_search's, in a MATERIALIZED CTE: with sequential scans
    # off nothing else can answer it, so no plan computes dari_grams draft by draft), then
    # the drafts it names, tested on their current text.
    candidates = (
        select(side.draft_id).where(holds).limit(cap).cte("candidates").prefix_with("MATERIALIZED")
    )
    counted = select(func.count().label("candidates")).select_from(candidates).subquery()
    exact = [  # a term of one or two characters is a piece itself: the index's answer is exact
        func.strpos(Draft.search_text, term) > 0 for term in terms if len(term) > 2
    ]
    found = (
        select(*SUMMARY_COLUMNS)
        .join(candidates, candidates.c.draft_id == Draft.id)
        .where(*filters, *exact)
        .order_by(*NEWEST_FIRST)
        .limit(wanted)
        .lateral("found")
    )
    stmt = select(counted.c.candidates, *found.c).select_from(counted.outerjoin(found, true()))
    rows = builtins.list(session.execute(stmt).all())
    if rows[0].candidates >= cap:
        return None
    return [tuple(row[1:]) for row in rows if row.id is not None]


def _holds_pieces(column: Any, grams: builtins.list[str]) -> ColumnElement[bool]:
    """`column`'s pieces include every one of `grams`: migration 0010's gram index alone
    (`dari_grams(column) COLLATE "C" @> grams`, exact for the pieces, no text read)."""
    indexed = func.dari_grams(column).collate("C")  # as the index is
    pieces = cast(literal(grams, ARRAY(Text())), ARRAY(Text()))
    return indexed.op("@>", is_comparison=True)(pieces)


def _pieces(term: str) -> builtins.list[str]:
    """The pieces dari_grams lists for a text holding `term`: the term itself when it has one
    or two characters, else each pair of neighbouring characters."""
    if len(term) <= 2:
        return [term]
    return [term[i : i + 2] for i in range(len(term) - 1)]


def _by_index(
    session: Session, filters: builtins.list[Any], terms: builtins.list[str], wanted: int | None
) -> builtins.list[Any]:
    """The newest `wanted` (or all) of every draft the search indexes find: they are
    gathered first from draft_search alone (a MATERIALIZED CTE, so that the planner cannot
    walk the updated_at index instead, computing dari_grams for each draft), then their
    drafts read, filtered and sorted."""
    side = DRAFT_SEARCH.c
    hits = select(side.draft_id)
    exact: builtins.list[ColumnElement[bool]] = []
    for term in terms:
        grams = search_grams(term)
        if grams is None or grams == [term]:  # the trigram LIKE, or a piece itself: exact
            hits = hits.where(contains_draft_text(side.search_text, term))
        else:  # narrowed by its pairs here, tested on the drafts kept (a window: fewer)
            hits = hits.where(_holds_pieces(side.search_text, grams))
            exact.append(func.strpos(Draft.search_text, term) > 0)
    found = hits.cte("found").prefix_with("MATERIALIZED")
    stmt = select(*SUMMARY_COLUMNS).join(found, found.c.draft_id == Draft.id)
    stmt = stmt.where(*filters, *exact)
    stmt = stmt.order_by(*NEWEST_FIRST)
    if wanted is not None:
        stmt = stmt.limit(wanted)
    return builtins.list(session.execute(stmt).all())
