"""Presence: who has which draft open, since when (issue 14); on PostgreSQL a NOTIFY per change.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

`presence` holds one row per open window (its session id), the draft it shows, the
editor's name, when it opened the draft and its last heartbeat; a row whose heartbeat is
older than a timeout is ignored (a window that crashed). The rows go with their draft
(ON DELETE CASCADE). On PostgreSQL a trigger sends `NOTIFY dari_changes` (no payload: no
text, no name) after every change of `drafts` and of who is where in `presence`, so the
other windows learn of it at once (services/live.py); SQLite needs none (`PRAGMA
data_version` tells a connection that another one committed).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "dari_changes"


def upgrade() -> None:
    """Add `presence`; on PostgreSQL, the NOTIFY triggers on drafts and presence."""
    op.create_table(
        "presence",
        sa.Column("session", sa.String(32), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("editor", sa.Text(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("heartbeat", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_presence_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session", name=op.f("pk_presence")),
    )
    op.create_index("ix_presence_draft_id", "presence", ["draft_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION dari_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{CHANNEL}', '');
                RETURN NULL;
            END
            $$
            """
        )
        op.execute(
            "CREATE TRIGGER drafts_notify_changes AFTER INSERT OR UPDATE OR DELETE ON drafts "
            "FOR EACH STATEMENT EXECUTE FUNCTION dari_notify_changes()"
        )
        op.execute(
            "CREATE TRIGGER presence_notify_changes "
            "AFTER INSERT OR DELETE OR UPDATE OF draft_id ON presence "
            "FOR EACH STATEMENT EXECUTE FUNCTION dari_notify_changes()"
        )


def downgrade() -> None:
    """Forget who is where (the drafts stay); drop the triggers on PostgreSQL."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS presence_notify_changes ON presence")
        op.execute("DROP TRIGGER IF EXISTS drafts_notify_changes ON drafts")
        op.execute("DROP FUNCTION IF EXISTS dari_notify_changes()")
    op.drop_index("ix_presence_draft_id", table_name="presence")
    op.drop_table("presence")
