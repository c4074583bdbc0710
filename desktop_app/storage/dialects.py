"""SQL that differs between SQLite and PostgreSQL, written once and compiled per dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement


class contains_text(FunctionElement[bool]):
    """`column` contains `term` as a substring (Korean included, any length).

    SQLite: `instr(column, term) > 0` (a scan: TECH-NOTES, FTS5's trigrams miss two-syllable
    words). PostgreSQL: `column LIKE '%term%'` with `%`, `_` and the escape character escaped,
    which the GIN trigram index on drafts.search_text serves (migration 0001).
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
