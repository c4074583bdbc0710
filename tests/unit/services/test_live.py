"""Colleagues' changes and presence (issue 14) at the services level, on SQLite and PostgreSQL:
two sessions over the same database file, or the same server database."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from desktop_app.domain import BilingualText
from desktop_app.paths import database_path
from desktop_app.services import ConflictError, LiveChanges, Services, build_services
from desktop_app.services.live import (
    EDITING_S,
    FRESH_S,
    HEARTBEAT_S,
    STALE_AFTER,
    LiveService,
    default_editor_name,
)
from desktop_app.storage import Database
from desktop_app.storage.live import DraftMark
from tests.helpers.samples import sample_letter


def second_database(request: pytest.FixtureRequest, db: Database) -> Database:
    """Another connection to the same database, as a colleague's computer has."""
    if db.on_server:
        return Database.open_url(request.getfixturevalue("pg_url"), data_dir=db.path.parent)
    return Database.open(db.path)


def next_changes(live: LiveService) -> LiveChanges:
    """Poll until another session's change has arrived: PostgreSQL delivers a NOTIFY a moment
    after the commit (the window's next poll, a second later, would see it)."""
    for _ in range(200):
        changes = live.poll()
        if changes:
            return changes
        time.sleep(0.01)
    return changes


@pytest.fixture
def colleagues(request: pytest.FixtureRequest, db: Database) -> Iterator[tuple[Services, Services]]:
    """Two sessions (A and B) on the same database."""
    other = second_database(request, db)
    a, b = build_services(db), build_services(other)
    a.live.editor, b.live.editor = "ana@office", "byung@laptop"
    yield a, b
    b.close()
    a.live.close()  # `db` is closed by its fixture


def test_a_colleagues_save_trash_new_draft_and_purge_reach_the_other_session(
    colleagues: tuple[Services, Services],
) -> None:
    a, b = colleagues
    first = a.drafts.create(sample_letter())
    assert b.live.poll().drafts == {}  # the first poll takes the baseline (and reads presence)
    assert b.live.poll() == LiveChanges()  # nothing since

    letter = dataclasses.replace(first.document, subject=BilingualText.of("새 제목", "New"))
    saved = a.drafts.save(first.id, letter, expected_version=first.version)
    changes = next_changes(b.live)
    assert changes.drafts == {first.id: DraftMark(saved.version, trashed=False)}

    second = a.drafts.create(sample_letter())
    a.drafts.trash(first.id)
    changes = next_changes(b.live)
    assert changes.drafts == {
        first.id: DraftMark(saved.version, trashed=True),
        second.id: DraftMark(1, trashed=False),
    }
    a.drafts.purge(first.id, keep_log=False)
    assert next_changes(b.live).drafts == {first.id: None}
    assert b.live.poll().drafts == {}


def test_the_second_save_of_one_draft_is_a_conflict_never_a_lost_update(
    colleagues: tuple[Services, Services],
) -> None:
    a, b = colleagues
    draft = a.drafts.create(sample_letter())
    mine = b.drafts.load(draft.id)
    a.drafts.save(draft.id, draft.document, expected_version=draft.version)
    with pytest.raises(ConflictError):
        b.drafts.save(draft.id, mine.document, expected_version=mine.version)


def test_presence_names_who_else_has_a_draft_open_and_since_when_never_oneself(
    colleagues: tuple[Services, Services],
) -> None:
    a, b = colleagues
    draft = a.drafts.create(sample_letter())
    b.live.poll()
    a.live.editing(draft.id)
    changes = next_changes(b.live)
    assert changes.editors is not None
    (editing,) = changes.editors[draft.id]
    assert editing.editor == "ana@office"
    assert a.live.editors() == {}  # one's own session does not show itself
    b.live.editing(draft.id)
    assert [e.editor for e in a.live.editors()[draft.id]] == ["byung@laptop"]
    assert [e.editor for e in b.live.editors()[draft.id]] == ["ana@office"]
    a.live.editing(None)
    assert draft.id not in b.live.editors()
    b.live.heartbeat()
    assert [e.editor for e in a.live.editors()[draft.id]] == ["byung@laptop"]
    b.close()  # closing the window removes its row
    assert a.live.editors() == {}


def test_a_name_chosen_in_settings_replaces_the_login_in_the_open_row(
    colleagues: tuple[Services, Services],
) -> None:
    a, b = colleagues
    draft = a.drafts.create(sample_letter())
    a.live.editing(draft.id)
    a.live.rename("  김지민\n(번역) ")  # one line, as the Settings field keeps it
    a.live.editing(draft.id)
    assert [e.editor for e in b.live.editors()[draft.id]] == ["김지민 (번역)"]
    a.live.rename("")  # emptied: the login at the computer again
    a.live.editing(draft.id)
    assert [e.editor for e in b.live.editors()[draft.id]] == [default_editor_name()]


def test_a_row_not_beaten_for_the_timeout_is_ignored_and_a_purged_draft_takes_its_rows(
    colleagues: tuple[Services, Services], db: Database
) -> None:
    a, b = colleagues
    draft = a.drafts.create(sample_letter())
    a.live.editing(draft.id)
    assert draft.id in b.live.editors()
    old = db.live.now() - STALE_AFTER - timedelta(seconds=5)
    db.live.beat(a.live.session, old)  # a window that crashed a while ago
    assert b.live.editors() == {}
    a.live.edited()
    a.live._written = None  # its last write long ago (a laptop asleep stops the clock)
    assert a.live.heartbeat()  # it was only asleep, and is typed in: fresh again
    assert draft.id in b.live.editors()
    a.drafts.trash(draft.id)
    a.drafts.purge(draft.id, keep_log=False)
    assert b.live.editors() == {}


def test_a_poll_after_the_database_is_closed_says_nothing_and_opens_nothing(
    colleagues: tuple[Services, Services],
) -> None:
    _a, b = colleagues
    b.live.poll()
    b.close()
    assert b.live.poll() == LiveChanges()
    assert b.live.editors() == {}


def test_the_default_editor_name_is_the_login_at_the_computer(db: Database) -> None:
    live = LiveService(db)
    assert live.editor and "\n" not in live.editor
    live.close()


@pytest.mark.sqlite_only
def test_an_encrypted_folder_is_watched_and_lock_gives_the_connection_back(tmp_path) -> None:
    from desktop_app.services import EncryptionService, open_services
    from desktop_app.storage import crypto

    data = tmp_path / "data"
    fast = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    open_services(data).close()  # a folder with its database
    turned = EncryptionService(data, kdf=fast).turn_on("correct horse 바탕 staple")
    a = open_services(data, turned.key)
    b = open_services(data, EncryptionService(data, kdf=fast).unlock("correct horse 바탕 staple"))
    try:
        b.live.poll()
        draft = a.drafts.create(sample_letter())
        assert b.live.poll().drafts == {draft.id: DraftMark(1, trashed=False)}
        b.lock()
        assert b.live._gate is None  # its connection (which had the key) is closed
        assert b.live.poll() == LiveChanges()  # locked: nothing read, nothing opened
        assert b.live._gate is None
    finally:
        a.close()
        b.close()


@pytest.mark.sqlite_only
def test_after_a_backup_is_restored_the_gate_watches_the_restored_file(
    colleagues: tuple[Services, Services],
) -> None:
    a, b = colleagues
    assert database_path(b.data_dir) == b._db.path
    kept = a.drafts.create(sample_letter())
    backup = b.backups.create()
    b.live.poll()
    gone = a.drafts.create(sample_letter())
    assert b.live.poll().drafts == {gone.id: DraftMark(1, trashed=False)}
    b.backups.restore(backup.name)  # the file is replaced under every connection
    assert b.live.poll().drafts == {gone.id: None}  # the restored file has no such draft
    with Database.open(database_path(b.data_dir)) as third:  # a colleague opening it now
        third.drafts.trash(kept.id)
    assert b.live.poll().drafts == {kept.id: DraftMark(1, trashed=True)}


def test_a_listening_connection_cut_by_the_server_is_a_sentence_then_a_fresh_look(
    request: pytest.FixtureRequest, colleagues: tuple[Services, Services], db: Database
) -> None:
    from desktop_app.services import StorageError

    a, b = colleagues
    b.live.poll()
    if db.on_server:
        server = request.getfixturevalue("pg_server")
        server.sql(  # what a restarted server or a dropped network does to it
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        )
    else:
        assert b.live._gate is not None
        b.live._gate._raw.dbapi_connection.close()  # a connection gone under the gate
    draft = a.drafts.create(sample_letter())
    raised: StorageError | None = None
    for _ in range(3):  # psycopg reads the server's goodbye on the look after it came
        try:
            b.live.poll()
        except StorageError as error:
            raised = error
            break
    assert raised is not None and str(raised) and "Traceback" not in str(raised)
    assert b.live.poll().drafts == {draft.id: DraftMark(1, trashed=False)}  # read afresh


# -- the heartbeat: no write for a draft left open and untouched ----------------------------


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def presence_writes(db: Database) -> list[str]:
    """The presence writes on `db`'s engine from now on (the list fills as they run)."""
    from sqlalchemy import event

    writes: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        head = statement.lstrip().upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE")) and "PRESENCE" in head[:40]:
            writes.append(head.split()[0])

    event.listen(db.engine, "before_cursor_execute", seen)
    return writes


def test_an_open_idle_draft_writes_once_on_opening_then_nothing(
    colleagues: tuple[Services, Services], db: Database
) -> None:
    a, b = colleagues
    draft = a.drafts.create(sample_letter())
    clock = Clock()
    live = LiveService(db, "ana@office", monotonic=clock)
    writes = presence_writes(db)
    live.editing(draft.id)
    # seen at once: the opening writes the row (and deletes day-old ones), nothing waits
    assert [e.editor for e in b.live.editors()[draft.id]] == ["ana@office"]
    opened = len(writes)
    assert opened == 2  # DELETE (rows a day old), INSERT
    for _minute in range(10):  # ten idle minutes, beaten every HEARTBEAT_S as the timer does
        for _beat in range(60 // HEARTBEAT_S):
            clock.now += HEARTBEAT_S
            assert not live.heartbeat()
            live.editing(draft.id)  # the poll's call: nothing changed, nothing written
    assert len(writes) == opened  # before: 4 UPDATEs a minute, an fsync each on SQLite
    live.close()


def test_a_draft_being_edited_is_beaten_no_more_than_every_fresh_s_and_stops_after_editing_s(
    colleagues: tuple[Services, Services], db: Database
) -> None:
    a, b = colleagues
    draft = a.drafts.create(sample_letter())
    clock = Clock()
    live = LiveService(db, "ana@office", monotonic=clock)
    live.editing(draft.id)
    writes = presence_writes(db)
    assert not live.edited()  # just entered: the row is fresh, no beat due
    clock.now += FRESH_S / 2
    assert not live.heartbeat()  # fresh: skipped
    clock.now += HEARTBEAT_S
    assert live.heartbeat() and writes == ["UPDATE"]
    assert not live.heartbeat()  # written just now
    # typed in (saved) every 2 s for a minute, the timer beating every HEARTBEAT_S
    start = clock.now
    while clock.now - start < 60:
        clock.now += 2
        if live.edited():
            live.heartbeat()
        if int(clock.now - start) % HEARTBEAT_S == 0:
            live.heartbeat()
    assert 60 / HEARTBEAT_S - 1 <= writes.count("UPDATE") - 1 <= 60 / FRESH_S
    # then left untouched: beaten until EDITING_S after the last save, then never
    clock.now += EDITING_S - 1
    live.heartbeat()
    count = len(writes)
    clock.now += 2
    assert not live.heartbeat() and len(writes) == count
    # the row goes stale for colleagues (STALE_AFTER passes, on the server's clock too)
    clock.now += STALE_AFTER.total_seconds()
    assert not live.heartbeat()
    db.live.beat(live.session, db.live.now() - STALE_AFTER - timedelta(seconds=1))
    assert draft.id not in b.live.editors()
    # typed in again: a beat is due at once, and colleagues see it again
    assert live.edited()
    assert live.heartbeat()
    assert [e.editor for e in b.live.editors()[draft.id]] == ["ana@office"]
    live.close()


def test_another_draft_opened_is_not_edited_yet(
    colleagues: tuple[Services, Services], db: Database
) -> None:
    a, _b = colleagues
    first, second = a.drafts.create(sample_letter()), a.drafts.create(sample_letter())
    clock = Clock()
    live = LiveService(db, "ana@office", monotonic=clock)
    live.editing(first.id)
    live.edited()
    live.editing(second.id)  # typing in the first does not keep the second's row beaten
    clock.now += HEARTBEAT_S
    assert not live.heartbeat()
    live.close()


def test_merge_edits_takes_a_colleagues_change_beside_typing_not_saved_yet() -> None:
    from desktop_app.services.live import merge_edits

    base = sample_letter()
    mine = dataclasses.replace(base, subject=base.subject.with_text("en", "My subject", None))
    theirs = dataclasses.replace(base, salutation=BilingualText.of("장관님께", "Dear Minister"))
    merged = merge_edits(base, mine, theirs)
    assert merged == dataclasses.replace(mine, salutation=theirs.salutation)
    # the two sides of one field: each kept
    korean = dataclasses.replace(base, subject=base.subject.with_text("ko", "제목", None))
    both = merge_edits(base, mine, korean)
    assert both is not None and (both.subject.ko, both.subject.en) == ("제목", "My subject")
    # one line changed on both sides differently: no merge, the save asks
    other = dataclasses.replace(base, subject=base.subject.with_text("en", "Hers", None))
    assert merge_edits(base, mine, other) is None
    assert merge_edits(base, base, theirs) == theirs
