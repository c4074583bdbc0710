"""Initial schema: drafts and their revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create drafts and revisions with their indexes."""
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("title_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("status", sa.String(length=32), server_default="draft", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.create_index(batch_op.f("ix_drafts_updated_at"), ["updated_at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # A shared server database: Korean substring search (`LIKE '%탈북민%'`) through a
        # trigram index. CREATE EXTENSION needs a role allowed to (README: the office setup).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_drafts_search_text_trgm ON drafts USING gin (search_text gin_trgm_ops)"
        )

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("draft_version", sa.Integer(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("title_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_revisions_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("revisions") as batch_op:
        batch_op.create_index(batch_op.f("ix_revisions_draft_id"), ["draft_id"], unique=False)


def downgrade() -> None:
    """Drop both tables (every draft is lost: only for tests and development)."""
    with op.batch_alter_table("revisions") as batch_op:
        batch_op.drop_index(batch_op.f("ix_revisions_draft_id"))
    op.drop_table("revisions")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_drafts_search_text_trgm")
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_updated_at"))
    op.drop_table("drafts")
