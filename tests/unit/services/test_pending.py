"""The shared database goes away and comes back: what storage says, and the edits kept on
this computer meanwhile (services/pending.py). A real server of the module's own is
stopped (`pg_ctl stop -m fast|immediate`) and started again over the same data."""

from __future__ import annotations

import dataclasses
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop_app.domain import BilingualText, Letter, from_json
from desktop_app.services import (
    ConflictChoice,
    ConflictError,
    Services,
    blank_document,
    open_services,
)
from desktop_app.services.pending import (
    PENDING_FOLDER,
    Delivery,
    PendingEdit,
    PendingEdits,
    discard_kept,
    server_key,
)
from desktop_app.storage.errors import ServerUnavailable
from tests.helpers.postgres import PostgresServer


@pytest.fixture
def services(data_dir: Path, own_pg_url: str) -> Iterator[Services]:
    opened = open_services(data_dir, database_url=own_pg_url)
    yield opened
    opened.close()


def letter(subject: str) -> Any:
    document = blank_document(Letter.KIND)
    return dataclasses.replace(document, subject=BilingualText(subject, "offline"))


def pending_of(services: Services) -> PendingEdits:
    assert services.pending is not None
    return services.pending


def test_a_file_database_keeps_nothing_apart(tmp_path: Path) -> None:
    opened = open_services(tmp_path / "local")
    try:
        assert opened.pending is None
    finally:
        opened.close()


def test_a_kept_edit_is_user_only_minimal_and_removed_once_discarded(
    services: Services, data_dir: Path
) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("처음"))
    edit = pending.keep(draft.id, draft.version, letter("탈북민 면담 기록"), status="ready")
    path = data_dir / PENDING_FOLDER / server_key(pending.server) / f"draft-{draft.id}.json"
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, data_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert pending.get(draft.id) == edit
    assert [e.draft_id for e in pending.all()] == [draft.id]
    assert edit.document.subject.ko == "탈북민 면담 기록"
    # no server name on disk beyond the file's own content, no temporary copy left
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    # a later keep without a status keeps the one asked for
    again = pending.keep(draft.id, draft.version, letter("탈북민 면담 기록 2"))
    assert again.status == "ready"
    pending.discard(draft.id)
    assert not path.exists()
    assert not (data_dir / PENDING_FOLDER).exists()  # emptied folders go too
    assert pending.all() == []


def test_another_servers_edits_are_not_offered(services: Services, data_dir: Path) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    other = data_dir / PENDING_FOLDER / server_key("someone@elsewhere/dari")
    other.mkdir(parents=True)
    (other / f"draft-{draft.id}.json").write_bytes(
        pending.keep(draft.id, 1, letter("elsewhere")).to_file("someone@elsewhere/dari")
    )
    pending.discard(draft.id)
    assert pending.all() == []
    assert (other / f"draft-{draft.id}.json").exists()


def test_an_unreadable_pending_file_is_left_and_logged(services: Services) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    pending.keep(draft.id, draft.version, letter("b"))
    path = pending.folder / f"draft-{draft.id}.json"
    path.write_bytes(b"{not json")
    assert pending.all() == []
    assert path.exists()  # never deleted: it may be the only copy of someone's text


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_server_stopped_then_back_the_kept_edit_is_sent(
    services: Services, own_pg_server: PostgresServer, mode: str
) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("before"))
    saved = services.drafts.save(draft.id, letter("saved"), expected_version=draft.version)
    own_pg_server.halt(mode)
    assert not pending.reachable()
    with pytest.raises(ServerUnavailable) as raised:
        services.drafts.save(draft.id, letter("typed offline"), expected_version=saved.version)
    assert pending.is_unreachable(raised.value)
    assert "could not reach the shared database" in str(raised.value)
    pending.keep(draft.id, saved.version, letter("typed offline 한글"), revision_reason="x")
    own_pg_server.resume()
    # the pool's connections died with the server: the pre-ping replaces them, so the very
    # first call after the server is back succeeds
    assert pending.reachable()
    [edit] = pending.all()
    sent = pending.send(edit)
    assert sent.version == saved.version + 1
    assert pending.all() == []
    assert services.drafts.load(draft.id).document.subject.ko == "typed offline 한글"
    assert services.drafts.revisions(draft.id)[0].reason == "x"


def test_a_stale_pooled_connection_does_not_fail_the_next_save(
    services: Services, own_pg_server: PostgresServer
) -> None:
    draft = services.drafts.create(letter("a"))
    own_pg_server.halt("fast")
    own_pg_server.resume()
    saved = services.drafts.save(draft.id, letter("b"), expected_version=draft.version)
    assert saved.version == draft.version + 1


def test_dropped_in_the_middle_of_the_save_nothing_half_written(
    services: Services, own_pg_server: PostgresServer
) -> None:
    draft = services.drafts.create(letter("a"))
    engine = services._db.engine

    halted: list[str] = []

    def stop_server(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not halted and statement.lstrip().upper().startswith("UPDATE DRAFTS"):
            halted.append(statement)
            own_pg_server.halt("immediate")  # inside the save's transaction

    event.listen(engine, "before_cursor_execute", stop_server)
    try:
        with pytest.raises(ServerUnavailable):
            services.drafts.save(draft.id, letter("b"), expected_version=draft.version)
    finally:
        event.remove(engine, "before_cursor_execute", stop_server)
    assert halted
    own_pg_server.resume()
    assert services.drafts.load(draft.id).version == draft.version  # rolled back whole
    saved = services.drafts.save(draft.id, letter("b"), expected_version=draft.version)
    assert saved.document.subject.ko == "b"


def test_a_colleagues_save_meanwhile_is_a_conflict_not_a_lost_update(
    services: Services, own_pg_server: PostgresServer, data_dir: Path, own_pg_url: str
) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    pending.keep(draft.id, draft.version, letter("mine, kept offline"))
    services.drafts.save(draft.id, letter("theirs"), expected_version=draft.version)
    [edit] = pending.all()
    with pytest.raises(ConflictError):
        pending.send(edit)
    assert pending.get(draft.id) is not None  # kept until the person has chosen
    assert services.drafts.load(draft.id).document.subject.ko == "theirs"


# -- deliver: the window's and `dari pending send`'s one way of sending a kept edit ----------


def never_asked(_edit: PendingEdit) -> ConflictChoice:
    raise AssertionError("no conflict was expected")


def test_deliver_saves_an_unchanged_draft_and_removes_the_file_after(services: Services) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    edit = pending.keep(draft.id, draft.version, letter("보낼 글"), status="ready")
    delivered = pending.deliver(edit, never_asked)
    assert delivered.outcome is Delivery.SENT and delivered.copy_id is None
    assert delivered.draft.id == draft.id and delivered.draft.version == draft.version + 1
    assert delivered.changes.draft == draft.id
    assert pending.get(draft.id) is None
    stored = services.drafts.load(draft.id)
    assert stored.document.subject.ko == "보낼 글" and stored.record.status == "ready"


def test_an_edit_delivered_twice_is_one_save_not_a_copy_of_itself(services: Services) -> None:
    """The window and `dari pending send` deliver the same kept edit (or a crash came
    between the save and the file's removal): the second finds its text there — no
    question, no duplicate draft."""
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    edit = pending.keep(draft.id, draft.version, letter("한 번만"), status="ready")
    first = pending.deliver(edit, never_asked)
    again = pending.deliver(edit, never_asked)  # the other sender's copy of the same file
    assert again.outcome is Delivery.SENT and again.copy_id is None
    assert again.draft.version == first.draft.version  # nothing saved twice
    assert [d.id for d in services.drafts.list()] == [draft.id]
    assert pending.get(draft.id) is None
    # a colleague's different text is still a conflict, asked as ever
    services.drafts.save(draft.id, letter("theirs"), expected_version=first.draft.version)
    with pytest.raises(AssertionError, match="no conflict was expected"):
        pending.deliver(edit, never_asked)


def test_deliver_after_a_colleagues_change_keeps_theirs_and_mine_apart(
    services: Services,
) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    edit = pending.keep(draft.id, draft.version, letter("mine, kept offline"))
    services.drafts.save(draft.id, letter("theirs"), expected_version=draft.version)
    asked: list[int] = []

    def choose(edit: PendingEdit) -> ConflictChoice:
        asked.append(edit.draft_id)
        return ConflictChoice.OPEN_THEIRS

    delivered = pending.deliver(edit, choose)
    assert asked == [draft.id]
    assert delivered.outcome is Delivery.KEPT_APART
    assert delivered.copy_id is not None and delivered.copy_id != draft.id
    assert services.drafts.load(draft.id).document.subject.ko == "theirs"
    copy = services.drafts.load(delivered.copy_id)
    assert copy.document.subject.ko == "mine, kept offline"
    # the window's "Open theirs" wording: the copy's first revision names the draft
    [first] = services.drafts.revisions(delivered.copy_id)
    assert first.reason == f"your version, kept when draft {draft.id} was changed elsewhere"
    assert pending.get(draft.id) is None


def test_deliver_over_a_colleagues_change_keeps_theirs_in_the_revisions(
    services: Services,
) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    edit = pending.keep(draft.id, draft.version, letter("mine"), revision_reason="kept")
    services.drafts.save(draft.id, letter("theirs"), expected_version=draft.version)
    delivered = pending.deliver(edit, lambda _edit: ConflictChoice.KEEP_MINE)
    assert delivered.outcome is Delivery.OVERWRITTEN and delivered.copy_id is None
    assert services.drafts.load(draft.id).document.subject.ko == "mine"
    kept = [from_json(r.payload).subject.ko for r in services.drafts.revisions(draft.id)]
    assert "theirs" in kept
    assert pending.get(draft.id) is None


def test_deliver_for_a_purged_draft_makes_a_new_one(services: Services) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    edit = pending.keep(draft.id, draft.version, letter("살아남은 글"))
    services.drafts.trash(draft.id)
    services.drafts.purge(draft.id, keep_log=False)
    delivered = pending.deliver(edit, never_asked)
    assert delivered.outcome is Delivery.RECREATED
    assert delivered.copy_id is not None and delivered.copy_id != draft.id
    assert services.drafts.load(delivered.copy_id).document.subject.ko == "살아남은 글"
    [first] = services.drafts.revisions(delivered.copy_id)
    assert first.reason == f"kept on this computer; draft {draft.id} was gone"
    assert pending.get(draft.id) is None


def test_deliver_while_the_server_is_away_or_drops_mid_save_keeps_the_file(
    services: Services, own_pg_server: PostgresServer
) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    edit = pending.keep(draft.id, draft.version, letter("아직 못 보낸 글"))
    own_pg_server.halt("fast")
    try:
        with pytest.raises(ServerUnavailable):
            pending.deliver(edit, never_asked)
        assert pending.get(draft.id) == edit
    finally:
        own_pg_server.resume()
    # the server stops inside the save's transaction: nothing committed, the file stays
    engine = services._db.engine
    halted: list[str] = []

    def stop_server(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not halted and statement.lstrip().upper().startswith("UPDATE DRAFTS"):
            halted.append(statement)
            own_pg_server.halt("immediate")

    event.listen(engine, "before_cursor_execute", stop_server)
    try:
        with pytest.raises(ServerUnavailable):
            pending.deliver(edit, never_asked)
    finally:
        event.remove(engine, "before_cursor_execute", stop_server)
        own_pg_server.resume()
    assert halted and pending.get(draft.id) == edit
    assert services.drafts.load(draft.id).document.subject.ko == "a"
    assert pending.deliver(edit, never_asked).outcome is Delivery.SENT
    assert pending.all() == []


def test_discard_kept_needs_no_database(services: Services, data_dir: Path) -> None:
    pending = pending_of(services)
    draft = services.drafts.create(letter("a"))
    pending.keep(draft.id, draft.version, letter("b"))
    discard_kept(data_dir, "someone@elsewhere/dari", draft.id)  # another server's: untouched
    assert pending.get(draft.id) is not None
    discard_kept(data_dir, pending.server, draft.id)
    assert pending.get(draft.id) is None
    assert not (data_dir / PENDING_FOLDER).exists()
