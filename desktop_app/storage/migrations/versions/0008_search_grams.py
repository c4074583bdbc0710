"""Korean substring search on PostgreSQL: an index of every one- and two-character piece.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

PostgreSQL only (SQLite scans with instr; nothing changes in a file). The trigram index of
0001 cannot serve a term of one or two syllables (탈북, 인권: no trigram), and it serves a
Korean term only when the server's LC_CTYPE counts Hangul as letters (not under "C"). So
`dari_grams(text)` lists every character and every pair of neighbouring characters of the
text (core SQL, no extension; GIN removes the repeats), and a GIN index over
`dari_grams(search_text)` finds the drafts holding all of a term's pairs; `strpos` then
keeps those that hold the term itself (`storage/dialects.py::contains_draft_text`).

Measured on the test server (a draft of 3,500 characters): the pairs are cut by
`regexp_replace` and `string_to_array` (C, linear) in 1-2 ms, where a per-character SQL
loop took 4-6 ms. The index compares its keys under the "C" collation (bytes): under the
database's C.UTF-8 each save spent 6-7 ms in it, under "C" 3-4 ms. The function is
declared costly so that the planner never evaluates it row by row when the index can
answer. The separator is chr(1), a control character the text rule never lets into a draft.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRAMS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION dari_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
SELECT array_remove(
    string_to_array(t, NULL)
    || string_to_array(regexp_replace(t, '(..)', '\1' || chr(1), 'g'), chr(1))
    || string_to_array(regexp_replace(substr(t, 2), '(..)', '\1' || chr(1), 'g'), chr(1)),
    '')
$$
"""


def upgrade() -> None:
    """Add dari_grams() and the GIN index over drafts' search text (PostgreSQL only)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GRAMS_FUNCTION)
    op.execute(
        "CREATE INDEX ix_drafts_search_grams ON drafts "
        'USING gin ((dari_grams(search_text) COLLATE "C"))'
    )


def downgrade() -> None:
    """Drop the index and the function."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_drafts_search_grams")
    op.execute("DROP FUNCTION IF EXISTS dari_grams(text)")
