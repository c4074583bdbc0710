"""Trash, restore, purge, restoring a revision, resolving a conflict: each says what changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain import BilingualText
from desktop_app.services import (
    ConflictChoice,
    ConflictError,
    DariError,
    DraftNotFound,
    DraftService,
    OpChanges,
)
from tests.helpers.samples import sample_letter


def with_subject(ko: str, en: str = "Subject"):
    return replace(sample_letter(), subject=BilingualText.of(ko, en))


def test_trash_restore_purge_say_what_changed(service: DraftService) -> None:
    draft = service.create(with_subject("서한"))
    assert service.trash(draft.id) == OpChanges(draft_list=True, removed=draft.id, events=True)
    assert service.is_trashed(draft.id)
    assert [d.id for d in service.list(trashed=True)] == [draft.id]
    assert service.restore(draft.id) == OpChanges(draft_list=True)
    assert not service.is_trashed(draft.id)
    changes = service.purge(draft.id, keep_log=False)
    assert changes.removed == draft.id and changes.touches(draft.id)
    with pytest.raises(DraftNotFound):
        service.load(draft.id)
    with pytest.raises(DraftNotFound):
        service.trash(draft.id)


def test_restoring_a_revision_checks_the_version_it_expects(service: DraftService) -> None:
    draft = service.create(with_subject("처음"))
    first = service.revisions(draft.id)[0]
    saved = service.save(draft.id, with_subject("둘째"), expected_version=draft.version)
    with pytest.raises(ConflictError):
        service.restore_revision(draft.id, first.id, expected_version=draft.version)
    assert service.load(draft.id).document.subject.ko == "둘째"  # nothing restored
    changes, restored = service.restore_revision(draft.id, first.id, expected_version=saved.version)
    assert changes.draft == draft.id and changes.revisions == draft.id and changes.draft_list
    assert restored.document.subject.ko == "처음"
    reasons = [r.reason for r in service.revisions(draft.id)]
    # The unsaved-as-revision text ("둘째") was kept before being replaced.
    assert reasons[:2] == [
        f"restored from revision {first.id}",
        f"before restoring revision {first.id}",
    ]
    assert any(r.payload["subject"]["ko"] == "둘째" for r in service.revisions(draft.id))


def test_a_revision_of_another_draft_is_refused(service: DraftService) -> None:
    one = service.create(with_subject("하나"))
    two = service.create(with_subject("둘"))
    revision = service.revisions(two.id)[0]
    with pytest.raises(DariError, match="another draft"):
        service.restore_revision(one.id, revision.id, expected_version=one.version)


def test_keep_mine_keeps_theirs_as_a_revision(service: DraftService) -> None:
    draft = service.create(with_subject("원본"))
    service.save(draft.id, with_subject("그들의 판"), expected_version=draft.version)
    mine = with_subject("나의 판")
    with pytest.raises(ConflictError):
        service.save(draft.id, mine, expected_version=draft.version)
    resolved = service.resolve_conflict(draft.id, mine, ConflictChoice.KEEP_MINE)
    assert resolved.copy is None
    assert resolved.saved.document.subject.ko == "나의 판"
    assert service.load(draft.id).document.subject.ko == "나의 판"
    kept = [r.payload["subject"]["ko"] for r in service.revisions(draft.id)]
    assert "그들의 판" in kept


def test_open_theirs_keeps_mine_as_a_new_draft(service: DraftService) -> None:
    draft = service.create(with_subject("원본"))
    service.save(draft.id, with_subject("그들의 판"), expected_version=draft.version)
    mine = with_subject("나의 판")
    resolved = service.resolve_conflict(draft.id, mine, ConflictChoice.OPEN_THEIRS)
    assert resolved.saved.document.subject.ko == "그들의 판"
    assert resolved.copy is not None and resolved.copy.id != draft.id
    assert service.load(resolved.copy.id).document.subject.ko == "나의 판"
    assert service.load(draft.id).document.subject.ko == "그들의 판"
    assert resolved.changes.draft_list
