"""Bundles carry clauses and address-book entries: their uids and last shared content.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

One table, `bundle_entries`: a uid (uuid4 hex) per organisation, person, position,
appointment or clause a bundle has named, the row it is here, and the SHA-256 of its
content when last shared. No row of the address book or the library changes; an entry
gets its uid when a bundle first carries it. Portable (it also runs on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add bundle_entries."""
    op.create_table(
        "bundle_entries",
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_bundle_entries")),
    )
    op.create_index("ix_bundle_entries_kind_local_id", "bundle_entries", ["kind", "local_id"])


def downgrade() -> None:
    """Forget the entries' uids (the address book and the library stay)."""
    op.drop_index("ix_bundle_entries_kind_local_id", table_name="bundle_entries")
    op.drop_table("bundle_entries")
