"""Events: documents of one occasion grouped as a set; the export log names the set.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add events and event_documents, and exports.event_id; drafts are left as they are."""
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("place_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("place_en", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "event_documents",
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_event_documents_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_documents_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("draft_id", name=op.f("pk_event_documents")),
    )
    op.create_index("ix_event_documents_event_id", "event_documents", ["event_id"])
    with op.batch_alter_table("exports") as batch:
        batch.add_column(sa.Column("event_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Remove events (the drafts stay; the log forgets which set a file was part of)."""
    with op.batch_alter_table("exports") as batch:
        batch.drop_column("event_id")
    op.drop_index("ix_event_documents_event_id", table_name="event_documents")
    op.drop_table("event_documents")
    op.drop_table("events")
