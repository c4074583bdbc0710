"""Encryption at rest over real database files: on, unlock, change, off, lock, no leaks."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.paths import database_path
from desktop_app.services import (
    DatabaseLocked,
    EncryptionService,
    PassphraseTooShort,
    WrongPassphrase,
    open_services,
    services_for,
)
from desktop_app.storage import crypto, migrate
from desktop_app.storage.errors import EncryptionStateError, KeyFileDamaged
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks
from tests.helpers.samples import sample_letter

FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASS = "correct horse 바탕 staple"

# Encryption at rest is the SQLite file's (SQLCipher pages, the key file beside it, its
# backups): a shared PostgreSQL database has no file of ours to encrypt.
pytestmark = pytest.mark.sqlite_only


def _fill(data_dir: Path) -> int:
    """A draft with both canaries, saved twice (so a revision holds them too)."""
    with services_for(data_dir) as services:
        draft = services.drafts.create(sample_letter())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
        return draft.id


def test_turn_on_encrypts_every_byte_and_the_key_opens_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft_id = _fill(data)
    assert leaks(data, KO_CANARY, EN_CANARY)  # the canaries are findable in plaintext
    service = EncryptionService(data, kdf=FAST)
    turned = service.turn_on(PASS)
    assert service.status().encrypted
    assert leaks(data, KO_CANARY, EN_CANARY) == []
    # beside them only the last-save marker (a time and a draft id, no text)
    names = sorted(p.name for p in data.iterdir())
    assert names == [".dari-last-save", "dari.sqlite3", "dari.sqlite3.key"]
    with pytest.raises(DatabaseLocked):
        open_services(data)
    with services_for(data, turned.key) as services:
        assert services.encrypted
        assert services.drafts.load(draft_id).document.subject.ko == KO_CANARY
        assert [s.title_ko for s in services.drafts.list()] == [KO_CANARY]
    assert leaks(data, KO_CANARY, EN_CANARY) == []
    # the same Hangul as conjoining jamo (NFD) is the same passphrase
    import unicodedata

    service.unlock(unicodedata.normalize("NFD", PASS))
    # the recovery key unlocks too, in any case and with or without dashes
    key = service.unlock(turned.recovery_key.lower().replace("-", " "))
    with services_for(data, key) as services:
        assert services.drafts.load(draft_id).document.subject.en == EN_CANARY


def test_wrong_passphrase_is_refused_quickly_and_silently(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _fill(data)
    service = EncryptionService(data, kdf=FAST)
    service.turn_on(PASS)
    capfd.readouterr()
    with pytest.raises(WrongPassphrase, match="does not unlock"):
        service.unlock("not the passphrase")
    with pytest.raises(WrongPassphrase):
        service.unlock("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")  # shaped like a recovery key
    # even a random key given straight to SQLCipher prints nothing
    from desktop_app.storage import Database, DatabaseCorrupt

    with pytest.raises(DatabaseCorrupt):
        Database.open(database_path(data), key=bytes(32))
    assert capfd.readouterr() == ("", "")


def test_change_passphrase_rewraps_and_off_decrypts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft_id = _fill(data)
    service = EncryptionService(data, kdf=FAST)
    turned = service.turn_on(PASS)
    with pytest.raises(PassphraseTooShort):
        service.change_passphrase(PASS, "short")
    with pytest.raises(WrongPassphrase):
        service.change_passphrase("wrong passphrase", "a new passphrase")
    service.change_passphrase(PASS, "a new passphrase")
    with pytest.raises(WrongPassphrase):
        service.unlock(PASS)
    service.unlock("a new passphrase")
    service.unlock(turned.recovery_key)  # the recovery key survives a change
    with pytest.raises(WrongPassphrase):
        service.turn_off(PASS)
    service.turn_off("a new passphrase")
    assert not service.status().encrypted
    assert not crypto.header_path(database_path(data)).exists()
    with services_for(data) as services:
        assert services.drafts.load(draft_id).document.subject.ko == KO_CANARY
    with pytest.raises(EncryptionStateError):
        service.turn_off(PASS)


def test_migration_backups_are_encrypted_with_the_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _fill(data)
    backup = migrate.backup(database_path(data), datetime(2024, 1, 1, tzinfo=UTC))
    assert leaks(data, KO_CANARY)
    service = EncryptionService(data, kdf=FAST)
    turned = service.turn_on(PASS)
    assert leaks(data, KO_CANARY, EN_CANARY) == []
    assert not crypto.is_plaintext_sqlite(backup)
    # a backup of the encrypted database (VACUUM INTO on its connection) stays encrypted
    second = migrate.backup(database_path(data), datetime(2024, 1, 2, tzinfo=UTC), turned.key)
    assert not crypto.is_plaintext_sqlite(second)
    assert leaks(data, KO_CANARY, EN_CANARY) == []
    service.turn_off(PASS)
    assert crypto.is_plaintext_sqlite(backup) and crypto.is_plaintext_sqlite(second)


def test_lock_drops_the_key_and_every_call_says_locked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft_id = _fill(data)
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    services = open_services(data, turned.key)
    services.lock()
    assert turned.key.dropped
    for call in (
        lambda: services.drafts.load(draft_id),
        lambda: services.drafts.list(),
        lambda: services.glossary.terms(),
    ):
        with pytest.raises(DatabaseLocked, match="locked"):
            call()
    assert services.locked
    services.unlock(EncryptionService(data, kdf=FAST).unlock(PASS))
    assert not services.locked
    assert services.drafts.load(draft_id).document.subject.ko == KO_CANARY
    services.close()


def test_damaged_header_and_interrupted_turn_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft_id = _fill(data)
    db = database_path(data)
    # a header beside a plaintext file (a stop before the swap): still the plaintext database
    crypto.write_header(db, crypto.create_key(PASS, FAST).header)
    assert not crypto.is_encrypted(db)
    with services_for(data) as services:
        assert services.drafts.load(draft_id)
    service = EncryptionService(data, kdf=FAST)
    with pytest.raises(PassphraseTooShort):
        service.turn_on("short")
    service.turn_on(PASS)
    crypto.header_path(db).write_text("{not json", encoding="utf-8")
    with pytest.raises(KeyFileDamaged, match="key file"):
        service.unlock(PASS)


def test_the_header_keeps_its_parameters_and_holds_no_secret(tmp_path: Path) -> None:
    # (the derivation time is measured in bench/bench_crypto.py, not here)
    assert crypto.DEFAULT_KDF.memory_kib >= 64 * 1024 and crypto.DEFAULT_KDF.time_cost >= 3
    new = crypto.create_key(PASS, FAST)
    data = crypto.header_to_json(new.header)
    assert crypto.header_from_json(data, tmp_path) == new.header
    assert new.key not in data and new.key.hex().encode() not in data
    assert PASS.encode() not in data and new.recovery_key.encode() not in data


def test_strings_over_the_folder_finds_no_draft_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _fill(data)
    EncryptionService(data, kdf=FAST).turn_on(PASS)
    for path in data.iterdir():
        out = subprocess.run(["strings", "-a", str(path)], capture_output=True, text=True).stdout
        assert EN_CANARY not in out
