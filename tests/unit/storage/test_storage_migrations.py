"""Migrations: the models match them, and an older file is upgraded with its drafts intact."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop_app.storage import Database
from desktop_app.storage.migrate import SCHEMA_HEAD, downgrade, head_revision
from desktop_app.storage.models import Base


def test_models_and_migrations_describe_the_same_schema(tmp_path: Path) -> None:
    with Database.open(tmp_path / "dari.sqlite3") as db, db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_a_0001_file_is_backed_up_and_upgraded_keeping_its_drafts(tmp_path: Path) -> None:
    path = tmp_path / "dari.sqlite3"
    with Database.open(path) as db:
        draft = db.drafts.create(
            "letter",
            {"format": 1, "kind": "letter"},
            format_version=1,
            title_ko="옛 초안",
            search_text="옛 초안",
        )
    downgrade(path, "0001")
    with Database.open(path) as db:
        assert db.migration_backup is not None and db.migration_backup.exists()
        if os.name == "posix":  # the copy holds every draft: the user's eyes only
            assert stat.S_IMODE(db.migration_backup.stat().st_mode) == 0o600
        assert not list(tmp_path.glob("*.partial"))
        kept = db.drafts.get(draft.id)
        assert kept.title_ko == "옛 초안" and kept.ko_complete == -1
        assert db.glossary.list() == [] and db.meta.get("anything") is None
        assert [d.id for d in db.drafts.list(search="옛")] == [draft.id]
    assert head_revision() == SCHEMA_HEAD == "0010"


def test_a_0002_file_gains_the_export_log_keeping_every_draft(tmp_path: Path) -> None:
    path = tmp_path / "dari.sqlite3"
    with Database.open(path) as db:
        drafts = [
            db.drafts.create(
                "letter",
                {"format": 5, "kind": "letter", "subject": {"ko": f"초안 {n}", "en": ""}},
                format_version=5,
                title_ko=f"초안 {n}",
                search_text=f"초안 {n}",
            )
            for n in range(3)
        ]
        db.drafts.add_revision(drafts[0].id, "exported: a.docx")
        before = {d.id: (db.drafts.get(d.id), db.drafts.revisions(d.id)) for d in drafts}
    downgrade(path, "0002")
    with Database.open(path) as db:
        assert db.migration_backup is not None and db.migration_backup.exists()
        for draft_id, (record, revisions) in before.items():
            assert db.drafts.get(draft_id) == record
            assert db.drafts.revisions(draft_id) == revisions
        assert db.exports.list() == []
        assert db.exports.count(drafts[0].id) == 0


def test_a_0004_file_gains_events_keeping_every_draft_and_log_entry(tmp_path: Path) -> None:
    from desktop_app.storage import NewExportEntry

    path = tmp_path / "dari.sqlite3"
    with Database.open(path) as db:
        drafts = [
            db.drafts.create(
                "letter",
                {"format": 5, "kind": "letter", "subject": {"ko": f"초안 {n}", "en": ""}},
                format_version=5,
                title_ko=f"초안 {n}",
                search_text=f"초안 {n}",
            )
            for n in range(3)
        ]
        db.drafts.trash(drafts[2].id)
        entry = NewExportEntry(
            drafts[0].id, 1, None, "ko", "separate", "ko-letter", "", "a", 1, "0"
        )
        db.exports.record([entry])
        before = {d.id: (db.drafts.get(d.id), db.drafts.revisions(d.id)) for d in drafts}
    downgrade(path, "0004")
    with Database.open(path) as db:
        assert db.migration_backup is not None and db.migration_backup.exists()
        for draft_id, (record, revisions) in before.items():
            assert db.drafts.get(draft_id) == record
            assert db.drafts.revisions(draft_id) == revisions
        (kept,) = db.exports.list()
        assert kept.file_path == "a" and kept.event_id is None
        assert db.events.list() == []
        event = db.events.create(title_ko="기자회견")
        assert db.events.add(event.id, [drafts[0].id]).draft_ids == (drafts[0].id,)


def test_a_0005_file_gains_stable_ids_for_every_draft_and_revision(tmp_path: Path) -> None:
    from sqlalchemy import text

    path = tmp_path / "dari.sqlite3"
    with Database.open(path) as db:
        drafts = [
            db.drafts.create(
                "letter",
                {"format": 6, "kind": "letter", "subject": {"ko": f"초안 {n}", "en": ""}},
                format_version=6,
                title_ko=f"초안 {n}",
                search_text=f"초안 {n}",
            )
            for n in range(3)
        ]
        db.drafts.add_revision(drafts[0].id, "exported: a.docx")
        before = {d.id: (db.drafts.get(d.id), db.drafts.revisions(d.id)) for d in drafts}
    downgrade(path, "0005")
    with Database.open(path) as db:
        assert db.migration_backup is not None and db.migration_backup.exists()
        for draft_id, (record, revisions) in before.items():
            assert db.drafts.get(draft_id) == record
            assert db.drafts.revisions(draft_id) == revisions
        new = db.drafts.create("letter", {"format": 6, "kind": "letter"}, format_version=6)
        db.drafts.add_revision(new.id, "checked")
        with db.engine.connect() as conn:
            draft_uids = [row[0] for row in conn.execute(text("SELECT uid FROM drafts"))]
            revision_uids = [row[0] for row in conn.execute(text("SELECT uid FROM revisions"))]
    assert len(draft_uids) == 4 and len(revision_uids) == 6
    for uids in (draft_uids, revision_uids):
        assert len(set(uids)) == len(uids)
        assert all(len(uid) == 32 and int(uid, 16) >= 0 for uid in uids)
