"""The address book: organisations, people, positions, appointments, lists and their members.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the address book's six tables; drafts and everything else are left as they are."""
    op.create_table(
        "contact_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_lists")),
        sa.UniqueConstraint("name", name=op.f("uq_contact_lists_name")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), server_default="other", nullable=False),
        sa.Column("name_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("name_en", sa.Text(), server_default="", nullable=False),
        sa.Column("short_name_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("short_name_en", sa.Text(), server_default="", nullable=False),
        sa.Column("country_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("country_en", sa.Text(), server_default="", nullable=False),
        sa.Column("address_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("address_en", sa.Text(), server_default="", nullable=False),
        sa.Column("postcode", sa.Text(), server_default="", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("fax", sa.Text(), server_default="", nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("website", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("name_en", sa.Text(), server_default="", nullable=False),
        sa.Column("family_name_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("family_name_en", sa.Text(), server_default="", nullable=False),
        sa.Column("courtesy_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("courtesy_en", sa.Text(), server_default="", nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("role_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("role_en", sa.Text(), server_default="", nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_people_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_people_organisation_id", "people", ["organisation_id"], unique=False)
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("title_en", sa.Text(), server_default="", nullable=False),
        sa.Column("honorific_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("honorific_en", sa.Text(), server_default="", nullable=False),
        sa.Column("salutation_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("salutation_en", sa.Text(), server_default="", nullable=False),
        sa.Column("department_ko", sa.Text(), server_default="", nullable=False),
        sa.Column("department_en", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_positions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_positions_organisation_id", "positions", ["organisation_id"], unique=False)
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.String(length=32), nullable=True),
        sa.Column("end", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_appointments_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_appointments_position_id_positions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_appointments_person_id", "appointments", ["person_id"], unique=False)
    op.create_index("ix_appointments_position_id", "appointments", ["position_id"], unique=False)
    op.create_table(
        "contact_list_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["contact_lists.id"],
            name=op.f("fk_contact_list_members_list_id_contact_lists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_contact_list_members_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_contact_list_members_position_id_positions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_list_members")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_contact_list_members_list_id", "contact_list_members", ["list_id"], unique=False
    )


def downgrade() -> None:
    """Remove the address book (its contents are lost; drafts keep their copies)."""
    op.drop_index("ix_contact_list_members_list_id", table_name="contact_list_members")
    op.drop_table("contact_list_members")
    op.drop_index("ix_appointments_position_id", table_name="appointments")
    op.drop_index("ix_appointments_person_id", table_name="appointments")
    op.drop_table("appointments")
    op.drop_index("ix_positions_organisation_id", table_name="positions")
    op.drop_table("positions")
    op.drop_index("ix_people_organisation_id", table_name="people")
    op.drop_table("people")
    op.drop_table("organisations")
    op.drop_table("contact_lists")
