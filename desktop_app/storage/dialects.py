"""SQL that differs between SQLite and PostgreSQL, written once and compiled per dialect."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ARRAY, Boolean, ColumnElement, Text, cast, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement


class contains_text(FunctionElement[bool]):
    """`column` contains `term` as a substring (Korean included, any length).

    SQLite: `instr(column, term) > 0` (a scan: TECH-NOTES, FTS5's trigrams miss two-syllable
    words). PostgreSQL: `column LIKE '%term%'` with `%`, `_` and the escape character escaped,
    which the GIN trigram index on drafts.search_text serves for a term of three ASCII
    letters or digits (migration 0001); `contains_draft_text` serves the other terms.
    """

    type = Boolean()
    inherit_cache = True
    name = "contains_text"

    def __init__(self, column: Any, term: str) -> None:
        # both values are bound: each dialect uses the one it needs (cache-safe)
        super().__init__(column, literal(term), literal(like_pattern(term)))


def like_pattern(term: str) -> str:
    """`%term%` with LIKE's wildcards and its escape character taken literally."""
    escaped = term.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%")
    return f"%{escaped.replace('_', ESCAPE + '_')}%"


ESCAPE = "/"


@compiles(contains_text)
def _contains_default(element: contains_text, compiler: SQLCompiler, **kw: Any) -> str:
    column, term, _pattern = element.clauses
    return compiler.process(func.instr(column, term) > 0, **kw)


@compiles(contains_text, "postgresql")
def _contains_postgresql(element: contains_text, compiler: SQLCompiler, **kw: Any) -> str:
    column, _term, pattern = element.clauses
    expression: ColumnElement[bool] = column.like(pattern, escape=ESCAPE)
    return compiler.process(expression, **kw)


class contains_by_grams(FunctionElement[bool]):
    """`contains_text` narrowed first by migration 0008's index of one- and two-character
    pieces (PostgreSQL): `dari_grams(column) @> grams AND strpos(column, term) > 0`.

    strpos, not LIKE, keeps the exact test out of the trigram index's reach: combined with
    it, the planner's recheck would compute dari_grams again for every draft found.

    Only for a column with that index (drafts.search_text); build it through
    `contains_draft_text`, which chooses the grams. SQLite: `instr`, as contains_text.
    """

    type = Boolean()
    inherit_cache = True
    name = "contains_by_grams"

    def __init__(self, column: Any, term: str, grams: list[str]) -> None:
        super().__init__(column, literal(term), literal(grams, ARRAY(Text())))


# A run of three ASCII letters or digits: pg_trgm takes a trigram from it under any locale.
_TRIGRAM_WORD = re.compile(r"[a-z0-9]{3}", re.ASCII | re.IGNORECASE)


def search_grams(term: str) -> list[str] | None:
    """The pieces `dari_grams` must list for a text holding `term`; None when the trigram
    index serves the term better (it has three ASCII letters or digits in a row and is all
    ASCII: English pairs such as "th" are in nearly every draft, trigrams are not).

    A term of one or two characters is its own piece; a longer one needs each pair of
    neighbouring characters (a two-syllable Korean pair is rare enough to narrow well).
    """
    if len(term) <= 2:
        return [term]
    if term.isascii() and _TRIGRAM_WORD.search(term):
        return None
    return sorted({term[i : i + 2] for i in range(len(term) - 1)})


def contains_draft_text(column: Any, term: str) -> ColumnElement[bool]:
    """`column` (drafts.search_text, indexed by migrations 0001 and 0008 on PostgreSQL)
    contains `term`, through whichever index serves it. The choice is made here, in
    Python, so that each kind of statement has its own class (SQLAlchemy's statement cache
    keys on the structure, not on the bound term)."""
    grams = search_grams(term)
    if grams is None:
        return contains_text(column, term)
    if grams == [term]:
        return has_gram(column, term)
    return contains_by_grams(column, term, grams)


@compiles(contains_by_grams)
def _by_grams_default(element: contains_by_grams, compiler: SQLCompiler, **kw: Any) -> str:
    column, term, _grams = element.clauses
    return compiler.process(func.instr(column, term) > 0, **kw)


@compiles(contains_by_grams, "postgresql")
def _by_grams_postgresql(element: contains_by_grams, compiler: SQLCompiler, **kw: Any) -> str:
    column, term, grams = element.clauses
    indexed = func.dari_grams(column).collate("C")  # as migration 0008's index is
    narrowed = indexed.op("@>", is_comparison=True)(cast(grams, ARRAY(Text())))
    expression: ColumnElement[bool] = narrowed & (func.strpos(column, term) > 0)
    return compiler.process(expression, **kw)


class has_gram(FunctionElement[bool]):
    """`contains_by_grams` for a term of one or two characters: the term is one of the
    pieces `dari_grams` lists, so the index's answer is exact and no draft's text is read
    again (`dari_grams(column) @> ARRAY[term]` alone). For a common syllable (송 in a
    quarter of the drafts) that recheck was most of the time: every text decompressed.
    SQLite: `instr`, as contains_text."""

    type = Boolean()
    inherit_cache = True
    name = "has_gram"

    def __init__(self, column: Any, term: str) -> None:
        super().__init__(column, literal(term), literal([term], ARRAY(Text())))


@compiles(has_gram)
def _has_gram_default(element: has_gram, compiler: SQLCompiler, **kw: Any) -> str:
    column, term, _grams = element.clauses
    return compiler.process(func.instr(column, term) > 0, **kw)


@compiles(has_gram, "postgresql")
def _has_gram_postgresql(element: has_gram, compiler: SQLCompiler, **kw: Any) -> str:
    column, _term, grams = element.clauses
    indexed = func.dari_grams(column).collate("C")  # as migration 0008's index is
    expression = indexed.op("@>", is_comparison=True)(cast(grams, ARRAY(Text())))
    return compiler.process(expression, **kw)


class contains_scanned(FunctionElement[bool]):
    """`column` contains `term`, tested on the text itself and on nothing else: for a walk
    of the drafts in order that stops at the first matches (`DraftRepository.page`), where
    an index condition would only add work per draft (dari_grams computed for each).
    SQLite: `instr(column, term) > 0`; PostgreSQL: `strpos(column, term) > 0`."""

    type = Boolean()
    inherit_cache = True
    name = "contains_scanned"

    def __init__(self, column: Any, term: str) -> None:
        super().__init__(column, literal(term))


@compiles(contains_scanned)
def _scanned_default(element: contains_scanned, compiler: SQLCompiler, **kw: Any) -> str:
    column, term = element.clauses
    return compiler.process(func.instr(column, term) > 0, **kw)


@compiles(contains_scanned, "postgresql")
def _scanned_postgresql(element: contains_scanned, compiler: SQLCompiler, **kw: Any) -> str:
    column, term = element.clauses
    return compiler.process(func.strpos(column, term) > 0, **kw)
