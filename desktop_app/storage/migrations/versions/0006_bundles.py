"""Bundles between laptops: stable ids for drafts and revisions, imported bundles, conflicts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Portable on purpose (it also runs on PostgreSQL): plain Alembic operations inside
batch_alter_table, and the backfill through SQLAlchemy Core, one uuid4 per row.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _backfill(table_name: str) -> None:
    """Give every existing row of `table_name` its own uuid4 hex."""
    table = sa.table(table_name, sa.column("id", sa.Integer()), sa.column("uid", sa.String(32)))
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.select(table.c.id).where(table.c.uid.is_(None)))]
    for row_id in ids:
        conn.execute(table.update().where(table.c.id == row_id).values(uid=uuid.uuid4().hex))


def upgrade() -> None:
    """Add drafts.uid and revisions.uid (backfilled, unique), bundle_imports and
    bundle_conflicts."""
    for name in ("drafts", "revisions"):
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("uid", sa.String(32), nullable=True))
        _backfill(name)
        with op.batch_alter_table(name) as batch:
            batch.alter_column("uid", existing_type=sa.String(32), nullable=False)
            batch.create_index(f"ix_{name}_uid", ["uid"], unique=True)
    op.create_table(
        "bundle_imports",
        sa.Column("bundle_id", sa.String(32), nullable=False),
        sa.Column("signer", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_bundle_imports")),
    )
    op.create_table(
        "bundle_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("mine", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_bundle_conflicts_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_conflicts")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_bundle_conflicts_draft_id", "bundle_conflicts", ["draft_id"])


def downgrade() -> None:
    """Forget the ids, the imported bundles and the pending conflicts (drafts stay)."""
    op.drop_index("ix_bundle_conflicts_draft_id", table_name="bundle_conflicts")
    op.drop_table("bundle_conflicts")
    op.drop_table("bundle_imports")
    for name in ("revisions", "drafts"):
        with op.batch_alter_table(name) as batch:
            batch.drop_index(f"ix_{name}_uid")
            batch.drop_column("uid")
