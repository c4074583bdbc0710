"""SQLAlchemy 2 ORM models; the migrations create exactly these tables."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without an offset; always returns timezone-aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def as_utc(value: datetime) -> datetime:
    """Convert to UTC; a naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def new_uid() -> str:
    """A stable id across laptops (migration 0006): a uuid4 as 32 hex digits."""
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    """Declarative base with constraint names that batch migrations can refer to."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Draft(Base):
    """A draft document: a row of metadata plus the JSON payload."""

    __tablename__ = "drafts"
    __table_args__ = (
        Index("ix_drafts_updated_at", "updated_at"),
        Index("ix_drafts_uid", "uid", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The same draft on every laptop a bundle carried it to (0006); `id` is this file's.
    uid: Mapped[str] = mapped_column(String(32), default=new_uid)
    kind: Mapped[str] = mapped_column(String(64))
    title_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(32), default="draft", server_default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    format_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Translation status for the list (migration 0002); -1: not computed yet.
    ko_complete: Mapped[int] = mapped_column(Integer, default=-1, server_default=text("-1"))
    en_complete: Mapped[int] = mapped_column(Integer, default=-1, server_default=text("-1"))
    warnings: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class Revision(Base):
    """A snapshot of a draft's payload and titles, kept for history and restore."""

    __tablename__ = "revisions"
    __table_args__ = (
        Index("ix_revisions_draft_id", "draft_id"),
        Index("ix_revisions_uid", "uid", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Shared by every copy of this revision (0006): a bundle's merge finds the common base.
    uid: Mapped[str] = mapped_column(String(32), default=new_uid)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    draft_version: Mapped[int] = mapped_column(Integer)
    format_version: Mapped[int] = mapped_column(Integer)
    title_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    payload: Mapped[str] = mapped_column(Text)


class GlossaryTerm(Base):
    """A glossary entry: Korean term, approved English, note, variants to avoid, scope."""

    __tablename__ = "glossary_terms"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    ko: Mapped[str] = mapped_column(Text)
    en: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    forbidden: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON list
    exceptions: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON list
    scope: Mapped[str] = mapped_column(String(16), default="all", server_default="all")
    alternatives: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON


class Clause(Base):
    """A reusable bilingual paragraph with a title and tags."""

    __tablename__ = "clauses"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    text_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    text_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    tags: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON list
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ExportEntry(Base):
    """One file an export wrote (migration 0003): what, for whom, its hash, and whether sent.

    `draft_id` is no foreign key: a purged draft's entries may be kept (they name
    recipients, not contents), and SQLite never gives a purged draft's id to another.
    """

    __tablename__ = "exports"
    __table_args__ = (
        Index("ix_exports_draft_id", "draft_id"),
        Index("ix_exports_exported_at", "exported_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(Integer)
    draft_version: Mapped[int] = mapped_column(Integer)
    revision_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    languages: Mapped[str] = mapped_column(String(16))  # ko, en or ko+en
    layout: Mapped[str] = mapped_column(String(32))
    styles: Mapped[str] = mapped_column(String(200))  # preset keys, comma-separated
    recipient: Mapped[str] = mapped_column(Text, default="", server_default="")  # JSON or ""
    file_path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # A merge's files share merge_id; merge_total is how many it was to write, and
    # merge_cancelled says it was stopped before the end (its written files are logged).
    merge_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    merge_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    merge_cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    channel: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The event whose set the file was exported with (migration 0005); no foreign key,
    # like draft_id: a deleted event's entries still say which set they were part of.
    event_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Event(Base):
    """One occasion (a press conference, a submission) and its date and place (0005)."""

    __tablename__ = "events"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    title_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    event_date: Mapped[date | None] = mapped_column("date", Date, nullable=True)
    place_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    place_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


class EventDocument(Base):
    """A draft of an event's set, at its position. A draft is in at most one event (the
    unique draft_id); purging the draft or the event removes the row (ON DELETE CASCADE)."""

    __tablename__ = "event_documents"
    __table_args__ = (Index("ix_event_documents_event_id", "event_id"),)

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)


class BundleImport(Base):
    """A bundle already imported (0006): importing it again changes nothing."""

    __tablename__ = "bundle_imports"

    bundle_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    signer: Mapped[str] = mapped_column(String(64))  # the signer's fingerprint
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BundleConflict(Base):
    """A field changed differently here and in an imported bundle (0006), kept until the
    person chooses: the draft holds `mine`; `path` is the field's place in the payload (a
    JSON list of keys and indexes); base, mine and theirs are JSON values."""

    __tablename__ = "bundle_conflicts"
    __table_args__ = (
        Index("ix_bundle_conflicts_draft_id", "draft_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    bundle_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    path: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)
    mine: Mapped[str] = mapped_column(Text)
    theirs: Mapped[str] = mapped_column(Text)


class Presence(Base):
    """A window that has a draft open (0007): its session, the editor's name, since when, and
    its last heartbeat (a row not beaten for a while is a window that went away)."""

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_draft_id", "draft_id"),)

    session: Mapped[str] = mapped_column(String(32), primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    editor: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    heartbeat: Mapped[datetime] = mapped_column(UTCDateTime())


class BundleEntry(Base):
    """An address-book entry or a clause as bundles name it (0009): its uid on every
    laptop, the row it is here, and the SHA-256 of its content when it was last shared
    (sent or received): an entry unchanged here since then may take a bundle's newer one.
    `digest` None: never shared; "": it differs from a colleague's, kept as it is here."""

    __tablename__ = "bundle_entries"
    __table_args__ = (Index("ix_bundle_entries_kind_local_id", "kind", "local_id"),)

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # org, person, position, appointment, clause
    local_id: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Meta(Base):
    """Small facts about the database itself, e.g. whether the glossary was seeded."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# ---------------------------------------------------------------- the address book (0003)
# A bilingual field `x` of the domain is two columns, `x_ko` and `x_en`; `search_text` is
# every name folded (NFC, lower case) for the type-ahead's instr() scan.


def _bilingual() -> tuple[Mapped[str], Mapped[str]]:
    return (
        mapped_column(Text, default="", server_default="", nullable=False),
        mapped_column(Text, default="", server_default="", nullable=False),
    )


class BookOrganisationRow(Base):
    """An organisation of the address book (domain.contacts.BookOrganisation)."""

    __tablename__ = "organisations"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="other", server_default="other")
    name_ko, name_en = _bilingual()
    short_name_ko, short_name_en = _bilingual()
    country_ko, country_en = _bilingual()
    address_ko, address_en = _bilingual()
    postcode: Mapped[str] = mapped_column(Text, default="", server_default="")
    phone: Mapped[str] = mapped_column(Text, default="", server_default="")
    fax: Mapped[str] = mapped_column(Text, default="", server_default="")
    email: Mapped[str] = mapped_column(Text, default="", server_default="")
    website: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class PersonRow(Base):
    """A person of the address book (domain.contacts.Person)."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_organisation_id", "organisation_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_ko, name_en = _bilingual()
    family_name_ko, family_name_en = _bilingual()
    courtesy_ko, courtesy_en = _bilingual()
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True
    )
    role_ko, role_en = _bilingual()
    email: Mapped[str] = mapped_column(Text, default="", server_default="")
    phone: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class PositionRow(Base):
    """An office within an organisation (domain.contacts.Position)."""

    __tablename__ = "positions"
    __table_args__ = (
        Index("ix_positions_organisation_id", "organisation_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    title_ko, title_en = _bilingual()
    honorific_ko, honorific_en = _bilingual()
    salutation_ko, salutation_en = _bilingual()
    department_ko, department_en = _bilingual()
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class AppointmentRow(Base):
    """A person in a position from a date until a date (text: `2024-01 [U]`; NULL: none)."""

    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_position_id", "position_id"),
        Index("ix_appointments_person_id", "person_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    start: Mapped[str | None] = mapped_column(String(32), nullable=True)
    end: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class ContactListRow(Base):
    """A named group of recipients."""

    __tablename__ = "contact_lists"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class ContactListMemberRow(Base):
    """One member of a list, in order: a position or a person (exactly one of the two)."""

    __tablename__ = "contact_list_members"
    __table_args__ = (
        Index("ix_contact_list_members_list_id", "list_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("contact_lists.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    position_id: Mapped[int | None] = mapped_column(
        ForeignKey("positions.id", ondelete="CASCADE"), nullable=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), nullable=True
    )
