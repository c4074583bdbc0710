"""Drafts on a real SQLite file: round trips, optimistic locking, revisions, durability."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop_app.storage import (
    ConflictError,
    Database,
    DraftNotFound,
    DraftRecord,
    RevisionNotFound,
)

HANGUL = "북한 인권 상황에 관한 공개서한 — 탈북민을 위한 보호 요청"
EMOJI = "🙏🏽 연대합니다 👩‍👩‍👧"
ONE_MEGABYTE = ("가나다라마바사 abc " * 60_000)[:1_000_000]


def _new(db: Database, body: str = "첫 번째 초안", **kwargs: str) -> DraftRecord:
    return db.drafts.create("letter", {"body": body}, format_version=1, **kwargs)


def test_create_get_save_round_trip_with_hangul_emoji_and_one_megabyte(db: Database) -> None:
    payload = {"title": HANGUL, "emoji": EMOJI, "big": ONE_MEGABYTE, "nested": {"n": [1, 2.5]}}
    created = db.drafts.create(
        "letter", payload, format_version=3, title_ko=HANGUL, title_en="Open letter"
    )
    assert created.version == 1
    assert created.status == "draft"
    assert created.deleted_at is None
    assert created.payload == payload
    assert db.drafts.get(created.id) == created

    changed = {**payload, "emoji": EMOJI * 2, "big": ONE_MEGABYTE[::-1]}
    saved = db.drafts.save(
        created.id,
        changed,
        expected_version=1,
        format_version=4,
        title_ko="수정본",
        title_en="Revised",
        status="review",
        search_text=HANGUL,
    )
    assert (saved.version, saved.format_version, saved.status) == (2, 4, "review")
    assert saved.updated_at > created.updated_at
    assert saved.created_at == created.created_at
    assert db.drafts.get(created.id) == saved
    assert db.drafts.get(created.id).payload["big"] == ONE_MEGABYTE[::-1]


@pytest.mark.sqlite_only  # reads the database file itself
def test_json_is_stored_readable_and_with_sorted_keys(db: Database, db_path: Path) -> None:
    draft = db.drafts.create("letter", {"b": "탈북", "a": "😀"}, format_version=1)
    with closing(sqlite3.connect(db_path)) as conn:
        (text,) = conn.execute("SELECT payload FROM drafts WHERE id = ?", (draft.id,)).fetchone()
    assert text == '{"a": "😀", "b": "탈북"}'


def test_datetimes_are_timezone_aware_utc(db_path: Path) -> None:
    seoul = timezone(timedelta(hours=9))
    moment = datetime(2024, 4, 19, 9, 30, tzinfo=seoul)
    with Database.open(db_path, clock=lambda: moment) as db:
        draft = _new(db)
        assert draft.created_at == moment
        assert draft.created_at.tzinfo == UTC
        assert draft.created_at.hour == 0
        assert db.drafts.get(draft.id).updated_at.tzinfo == UTC
        db.drafts.trash(draft.id)
        deleted_at = db.drafts.get(draft.id).deleted_at
        assert deleted_at is not None and deleted_at.tzinfo == UTC


def test_second_save_from_the_same_version_conflicts_and_keeps_the_first(db: Database) -> None:
    draft = _new(db)
    common = {"format_version": 1, "title_ko": "", "title_en": "", "search_text": ""}
    db.drafts.save(draft.id, {"body": "first"}, expected_version=1, **common)  # type: ignore[arg-type]
    with pytest.raises(ConflictError) as caught:
        db.drafts.save(draft.id, {"body": "second"}, expected_version=1, **common)  # type: ignore[arg-type]
    error = caught.value
    assert (error.draft_id, error.expected_version, error.actual_version) == (draft.id, 1, 2)
    assert "changed somewhere else" in str(error)
    stored = db.drafts.get(draft.id)
    assert stored.payload == {"body": "first"}
    assert stored.version == 2


def test_missing_drafts_and_revisions_raise_not_found(db: Database) -> None:
    with pytest.raises(DraftNotFound, match="Draft number 404 was not found"):
        db.drafts.get(404)
    with pytest.raises(DraftNotFound):
        db.drafts.save(
            404, {}, expected_version=1, format_version=1, title_ko="", title_en="", search_text=""
        )
    with pytest.raises(DraftNotFound):
        db.drafts.trash(404)
    with pytest.raises(DraftNotFound):
        db.drafts.purge(404)
    with pytest.raises(DraftNotFound):
        db.drafts.revisions(404)
    with pytest.raises(RevisionNotFound):
        db.drafts.get_revision(404)


def test_revisions_newest_first_and_restore(db: Database) -> None:
    draft = db.drafts.create(
        "letter", {"body": "v1"}, format_version=1, title_ko="첫째", title_en="First"
    )
    db.drafts.save(
        draft.id,
        {"body": "v2"},
        expected_version=1,
        format_version=2,
        title_ko="둘째",
        title_en="Second",
        search_text="",
    )  # autosave: no revision
    manual = db.drafts.add_revision(draft.id, "before sending to partners")
    db.drafts.save(
        draft.id,
        {"body": "v3"},
        expected_version=2,
        format_version=2,
        title_ko="셋째",
        title_en="Third",
        search_text="",
        revision_reason="saved",
    )

    history = db.drafts.revisions(draft.id)
    assert [r.reason for r in history] == ["saved", "before sending to partners", "created"]
    assert [r.payload["body"] for r in history] == ["v3", "v2", "v1"]
    assert [r.draft_version for r in history] == [3, 2, 1]
    assert db.drafts.get_revision(manual.id) == manual

    first = history[-1]
    restored = db.drafts.restore_revision(first.id, expected_version=3)
    assert restored.version == 4
    assert restored.payload == {"body": "v1"}
    assert (restored.title_ko, restored.title_en, restored.format_version) == ("첫째", "First", 1)
    assert db.drafts.revisions(draft.id)[0].reason == f"restored from revision {first.id}"
    assert [d.id for d in db.drafts.list(search="첫째")] == [draft.id]
    with pytest.raises(ConflictError):
        db.drafts.restore_revision(first.id, expected_version=3)


def test_trash_restore_and_count(db: Database) -> None:
    keep, bin_me = _new(db, "keep"), _new(db, "bin")
    db.drafts.trash(bin_me.id)
    db.drafts.trash(bin_me.id)  # already in the trash: no-op
    assert [d.id for d in db.drafts.list()] == [keep.id]
    assert [d.id for d in db.drafts.list(trashed=True)] == [bin_me.id]
    assert (db.drafts.count(), db.drafts.count(trashed=True)) == (1, 1)
    assert db.drafts.get(bin_me.id).deleted_at is not None
    with pytest.raises(DraftNotFound):
        db.drafts.get(bin_me.id, include_trashed=False)

    db.drafts.restore(bin_me.id)
    assert db.drafts.get(bin_me.id, include_trashed=False).version == bin_me.version
    assert db.drafts.count() == 2


def _readable_in_files(db_path: Path, needle: str) -> bool:
    data = b"".join(p.read_bytes() for p in (db_path, Path(f"{db_path}-wal")) if p.exists())
    return needle.encode("utf-8") in data


@pytest.mark.sqlite_only  # reads the database file itself
def test_purge_leaves_no_readable_text_in_db_or_wal(db: Database, db_path: Path) -> None:
    marker = "MARKER-7f3a9c 김영희-증언"
    other = _new(db, "다른 초안")
    secret = db.drafts.create(
        "letter",
        {"body": marker, "big": marker * 20_000},
        format_version=1,
        title_ko=marker,
        search_text=marker,
    )
    db.drafts.save(
        secret.id,
        {"body": marker + " v2"},
        expected_version=1,
        format_version=1,
        title_ko=marker,
        title_en="",
        search_text=marker,
        revision_reason="saved",
    )
    db.checkpoint()
    assert _readable_in_files(db_path, marker)

    db.drafts.trash(secret.id)
    db.drafts.purge(secret.id)

    assert not _readable_in_files(db_path, marker)
    with pytest.raises(DraftNotFound):
        db.drafts.get(secret.id)
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute(
            "SELECT count(*) FROM revisions WHERE draft_id = ?", (secret.id,)
        ).fetchone() == (0,)
    assert db.drafts.get(other.id).payload == {"body": "다른 초안"}


def test_empty_trash_purges_only_trashed_drafts(db: Database, db_path: Path) -> None:
    live = _new(db, "live")
    gone = [_new(db, f"TRASHED-{n}-탈북") for n in range(3)]
    for draft in gone:
        db.drafts.trash(draft.id)
    assert db.drafts.empty_trash() == (3, ())
    assert db.drafts.empty_trash() == (0, ())
    assert [d.id for d in db.drafts.list()] == [live.id]
    assert db.drafts.list(trashed=True) == []
    assert not _readable_in_files(db_path, "TRASHED-1-탈북")


@pytest.mark.sqlite_only  # reads the database file itself
def test_save_is_visible_to_a_fresh_sqlite3_connection_when_it_returns(
    db: Database, db_path: Path
) -> None:
    draft = _new(db)
    db.drafts.save(
        draft.id,
        {"body": "자동 저장 🙂"},
        expected_version=1,
        format_version=1,
        title_ko="",
        title_en="",
        search_text="",
    )
    with closing(sqlite3.connect(db_path)) as conn:
        row = conn.execute("SELECT payload, version FROM drafts WHERE id = ?", (draft.id,))
        assert row.fetchone() == ('{"body": "자동 저장 🙂"}', 2)
