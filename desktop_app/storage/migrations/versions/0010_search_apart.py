"""The search indexes move beside the drafts: an autosave no longer rewrites them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

PostgreSQL only (SQLite has no search index; nothing changes in a file). An UPDATE that
is not HOT puts the new row into every index of its table, and a save changes
`updated_at` (indexed, for the list's order): each autosave re-entered some 1,100 pieces
of the draft's text into the gram index and 1,200 trigrams into the trigram index —
about 5 ms of the ~10 an autosave took on a local server (bench/bench_postgres.py).

So the indexed text lives in `draft_search` (one row per draft: its id, the version whose
text it holds, the text), with migration 0001's trigram and 0008's gram index, and
`drafts.indexed_version` says which version that is. An autosave moves `version` and
leaves `indexed_version` behind: a partial index (`ix_drafts_unindexed`, a few bytes
per draft waiting) finds those drafts, and the search brings them up to date before it
asks the indexes (`storage/search_pg.py::catch_up`). The walks of the newest drafts read
`drafts.search_text` itself, which every save writes, so a search is as exact as before.

The NOTIFY trigger of 0007 fires on the columns a save writes, not on `indexed_version`:
bringing the index up to date tells no window that a draft changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every column of drafts but indexed_version (what a change of a draft writes).
DRAFT_COLUMNS = (
    "id, uid, kind, title_ko, title_en, status, created_at, updated_at, deleted_at, version, "
    "format_version, payload, search_text, ko_complete, en_complete, warnings"
)
# The search indexes of 0001 and 0008, as they are built over either table.
SEARCH_INDEXES = {
    "trgm": "USING gin (search_text gin_trgm_ops)",
    "grams": 'USING gin ((dari_grams(search_text) COLLATE "C"))',
}
# Their names on drafts, before this migration.
ON_DRAFTS = {"trgm": "ix_drafts_search_text_trgm", "grams": "ix_drafts_search_grams"}


def _notify_trigger(events: str) -> str:
    return (
        f"CREATE TRIGGER drafts_notify_changes AFTER {events} ON drafts "
        "FOR EACH STATEMENT EXECUTE FUNCTION dari_notify_changes()"
    )


def upgrade() -> None:
    """Move the search indexes to draft_search, filled from every draft."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE drafts ADD COLUMN indexed_version integer NOT NULL DEFAULT 0")
    op.execute(
        "CREATE TABLE draft_search ("
        " draft_id integer NOT NULL,"
        " version integer NOT NULL,"
        " search_text text NOT NULL,"
        " CONSTRAINT pk_draft_search PRIMARY KEY (draft_id),"
        " CONSTRAINT fk_draft_search_draft_id_drafts FOREIGN KEY (draft_id)"
        " REFERENCES drafts (id) ON DELETE CASCADE)"
    )
    op.execute("DROP TRIGGER IF EXISTS drafts_notify_changes ON drafts")
    op.execute(_notify_trigger(f"INSERT OR DELETE OR UPDATE OF {DRAFT_COLUMNS}"))
    op.execute(
        "INSERT INTO draft_search (draft_id, version, search_text) "
        "SELECT id, version, search_text FROM drafts"
    )
    op.execute("UPDATE drafts SET indexed_version = version")
    for name, definition in SEARCH_INDEXES.items():
        op.execute(f"DROP INDEX IF EXISTS {ON_DRAFTS[name]}")
        op.execute(f"CREATE INDEX ix_draft_search_{name} ON draft_search {definition}")
    op.execute("CREATE INDEX ix_drafts_unindexed ON drafts (id) WHERE indexed_version < version")


def downgrade() -> None:
    """The indexes back on drafts (0008's), draft_search and indexed_version dropped."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_drafts_unindexed")
    op.execute("DROP TABLE IF EXISTS draft_search")
    op.execute("DROP TRIGGER IF EXISTS drafts_notify_changes ON drafts")
    op.execute(_notify_trigger("INSERT OR UPDATE OR DELETE"))
    op.execute("ALTER TABLE drafts DROP COLUMN IF EXISTS indexed_version")
    for name, definition in SEARCH_INDEXES.items():
        op.execute(f"CREATE INDEX {ON_DRAFTS[name]} ON drafts {definition}")
