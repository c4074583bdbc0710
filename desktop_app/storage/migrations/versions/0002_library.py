"""Glossary, clause library, meta facts, and the drafts' translation status.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the glossary, clauses and meta tables and three status columns on drafts."""
    op.create_table(
        "glossary_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("ko", sa.Text(), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("forbidden", sa.Text(), server_default="[]", nullable=False),
        sa.Column("exceptions", sa.Text(), server_default="[]", nullable=False),
        sa.Column("scope", sa.String(length=16), server_default="all", nullable=False),
        sa.Column("alternatives", sa.Text(), server_default="[]", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_terms")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "clauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("text_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("text_en", sa.Text(), server_default="", nullable=False),
        sa.Column("tags", sa.Text(), server_default="[]", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clauses")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.add_column(
            sa.Column("ko_complete", sa.Integer(), server_default=sa.text("-1"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("en_complete", sa.Integer(), server_default=sa.text("-1"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("warnings", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )


def downgrade() -> None:
    """Remove what upgrade added (glossary and clauses are lost)."""
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.drop_column("warnings")
        batch_op.drop_column("en_complete")
        batch_op.drop_column("ko_complete")
    op.drop_table("meta")
    op.drop_table("clauses")
    op.drop_table("glossary_terms")
