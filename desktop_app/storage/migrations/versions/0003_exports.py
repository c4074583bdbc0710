"""The export log: every file an export or a mail merge wrote, and whether it was sent.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the exports table (existing drafts are untouched; the log starts empty)."""
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("draft_version", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("languages", sa.String(length=16), nullable=False),
        sa.Column("layout", sa.String(length=32), nullable=False),
        sa.Column("styles", sa.String(length=200), nullable=False),
        sa.Column("recipient", sa.Text(), server_default="", nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("merge_id", sa.String(length=64), nullable=True),
        sa.Column("merge_total", sa.Integer(), nullable=True),
        sa.Column("merge_cancelled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exports")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_exports_draft_id", "exports", ["draft_id"])
    op.create_index("ix_exports_exported_at", "exports", ["exported_at"])


def downgrade() -> None:
    """Remove the export log (its entries are lost; drafts are untouched)."""
    op.drop_index("ix_exports_exported_at", table_name="exports")
    op.drop_index("ix_exports_draft_id", table_name="exports")
    op.drop_table("exports")
