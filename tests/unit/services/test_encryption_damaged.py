"""Turning encryption on or off converts the damaged files kept aside too (`dari-damaged-*`,
which `copies()` leaves out): rebuilt from what can be read of them, the old file
overwritten and removed; one in which nothing can be read is said, named, and deleted only
when the person asks. Real files, real SQLCipher, the real `dari`."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.services import DamagedFileNotFound, EncryptionService, recovery, services_for
from desktop_app.storage import backups, crypto
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks
from tests.helpers.cli import dari
from tests.helpers.damage import KINDS
from tests.helpers.samples import sample_letter

pytestmark = pytest.mark.sqlite_only
FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASS = "damaged aside 다리 passphrase"
PAGE = 4096


def _damaged_folder(tmp_path: Path, *, encrypted: bool = False) -> Path:
    """A data folder whose database was damaged and salvaged: the file kept aside holds
    the canary draft (with its -wal and -shm beside it), as does the salvaged database."""
    live = tmp_path / "live"
    data = tmp_path / "data"
    with services_for(live) as services:
        for _ in range(20):
            services.drafts.create(sample_letter())
    key = EncryptionService(live, kdf=FAST).turn_on(PASS).key if encrypted else None
    with services_for(live, key) as services:
        draft = services.drafts.create(sample_letter())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
        shutil.copytree(live, data)  # with its -wal, as a crash leaves it
    path = data / "dari.sqlite3"
    assert (data / "dari.sqlite3-wal").stat().st_size > 0
    with open(path, "r+b") as f:  # the second page: never the canary's
        f.seek(PAGE)
        f.write(random.Random(7).randbytes(PAGE))
    done = recovery.salvage(data, key=EncryptionService(data).unlock(PASS) if key else None)
    assert done.drafts >= 1
    return data


def _aside(data: Path) -> Path:
    (found,) = data.glob("dari-damaged-*.db")
    return found


def test_turning_encryption_on_encrypts_a_damaged_file_kept_aside(tmp_path: Path) -> None:
    data = _damaged_folder(tmp_path)
    aside = _aside(data)
    assert any(found[0].startswith(aside.name) for found in leaks(data, KO_CANARY, EN_CANARY))
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert aside in turned.converted and turned.left_plaintext == ()
    assert leaks(data, KO_CANARY, EN_CANARY) == []  # no byte of the folder, -wal included
    assert not crypto.is_plaintext_sqlite(aside)
    assert not any(side.exists() for side in backups.side_files(aside))
    # nothing lost: opened with the key, the rebuilt file holds the canary draft
    with backups.open_copy(aside, key=turned.key) as conn:
        titles = [row[0] for row in conn.execute("SELECT title_ko FROM drafts")]
    assert KO_CANARY in titles
    # and turning encryption off brings it back as plaintext, readable without a key
    done = EncryptionService(data, kdf=FAST).turn_off(PASS)
    assert aside in done.converted and done.left_encrypted == ()
    assert crypto.is_plaintext_sqlite(aside) and backups.is_good(aside)
    with backups.open_copy(aside) as conn:
        assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == len(titles)


def _unreadable_aside(data: Path) -> Path:
    """A damaged file in which no table can be read, but whose bytes hold the canary."""
    aside = data / "dari-damaged-20260101-000000.db"
    noise = random.Random(5).randbytes(3 * PAGE)
    aside.write_bytes(noise[:PAGE] + KO_CANARY.encode() + EN_CANARY.encode() + noise[PAGE:])
    return aside


def test_a_damaged_file_with_nothing_readable_is_named_and_deleted_only_when_asked(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        services.drafts.create(sample_letter())
    aside = _unreadable_aside(data)
    before = aside.read_bytes()
    done = dari("--passphrase-stdin", "encryption", "on", data_dir=data, stdin=f"{PASS}\n{PASS}\n")
    assert done.returncode == 0, done.stderr
    assert aside.read_bytes() == before  # left as it is: deleting needs the person's word
    assert "could not be encrypted" in done.stdout and aside.name in done.stdout
    assert f"dari backups delete-damaged {aside.name}" in done.stdout
    assert {found[0] for found in leaks(data, KO_CANARY, EN_CANARY)} == {aside.name}
    # the named command deletes it (it asks for the passphrase, as every command does)
    wrong = dari(
        "--passphrase-stdin",
        "backups",
        "delete-damaged",
        "dari.sqlite3",
        data_dir=data,
        stdin=PASS + "\n",
    )
    assert wrong.returncode == 1 and "no damaged file" in wrong.stderr
    assert "Traceback" not in wrong.stderr and (data / "dari.sqlite3").exists()
    gone = dari(
        "--passphrase-stdin",
        "backups",
        "delete-damaged",
        aside.name,
        data_dir=data,
        stdin=PASS + "\n",
    )
    assert gone.returncode == 0, gone.stderr
    assert aside.name in gone.stdout and not aside.exists()
    assert leaks(data, KO_CANARY, EN_CANARY) == []


def test_the_service_says_which_damaged_files_stay_unencrypted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        services.drafts.create(sample_letter())
    aside = _unreadable_aside(data)
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert turned.left_plaintext == (aside,)
    with pytest.raises(DamagedFileNotFound):
        recovery.delete_damaged(data, "../dari.sqlite3")
    assert recovery.delete_damaged(data, aside.name) == aside
    assert not aside.exists() and leaks(data, KO_CANARY, EN_CANARY) == []


def test_turning_encryption_off_keeps_an_unreadable_damaged_file_openable(
    tmp_path: Path,
) -> None:
    """An encrypted damaged file that cannot be read stays encrypted, and the key header
    copied beside it keeps it unlockable once the folder's own header is gone."""
    data = tmp_path / "data"
    with services_for(data) as services:
        services.drafts.create(sample_letter())
    service = EncryptionService(data, kdf=FAST)
    service.turn_on(PASS)
    aside = data / "dari-damaged-20260101-000000.db"
    aside.write_bytes(random.Random(9).randbytes(2 * PAGE))
    done = EncryptionService(data, kdf=FAST).turn_off(PASS)
    assert done.left_encrypted == (aside,)
    assert not crypto.header_path(data / "dari.sqlite3").exists()
    kept = crypto.header_path(aside)
    assert kept.exists()
    crypto.unlock(crypto.read_header(aside), PASS, aside)  # the passphrase still opens it
    # turning encryption on again leaves it alone: it is encrypted, with a key of its own
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert aside not in turned.converted and turned.left_plaintext == ()


def test_an_encrypted_damaged_file_is_decrypted_and_encrypted_again(tmp_path: Path) -> None:
    """Salvaged while encrypted (its -wal read with the key), then encryption off and on:
    the damaged file follows the database each time."""
    data = _damaged_folder(tmp_path, encrypted=True)
    aside = _aside(data)
    assert not crypto.is_plaintext_sqlite(aside)
    done = EncryptionService(data, kdf=FAST).turn_off(PASS)
    assert aside in done.converted and done.left_encrypted == ()
    assert not crypto.header_path(aside).exists()
    with backups.open_copy(aside) as conn:  # plaintext now, every draft read back
        assert KO_CANARY in [row[0] for row in conn.execute("SELECT title_ko FROM drafts")]
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert aside in turned.converted
    assert leaks(data, KO_CANARY, EN_CANARY) == []


def test_dari_encryption_off_says_which_damaged_file_stays_encrypted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        services.drafts.create(sample_letter())
    EncryptionService(data, kdf=FAST).turn_on(PASS)
    aside = data / "dari-damaged-20260101-000000.db"
    aside.write_bytes(random.Random(4).randbytes(2 * PAGE))
    done = dari(
        "--passphrase-stdin", "encryption", "off", "--yes", data_dir=data, stdin=PASS + "\n"
    )
    assert done.returncode == 0, done.stderr
    assert "stays encrypted" in done.stdout and f"“{aside.name}.key”" in done.stdout
    assert crypto.header_path(aside).exists() and not crypto.is_encrypted(data / "dari.sqlite3")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_turning_encryption_on_over_every_kind_of_damaged_file(kind: str, tmp_path: Path) -> None:
    """Whatever the damage, turning encryption on finishes (the recovery key is shown), and
    no byte of the folder holds the draft's text outside the files it names."""
    data = tmp_path / "data"
    with services_for(data) as services:
        for _ in range(10):
            services.drafts.create(sample_letter())
        draft = services.drafts.create(sample_letter())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
        services._db.checkpoint()
    aside = data / "dari-damaged-20260101-000000.db"
    shutil.copyfile(data / "dari.sqlite3", aside)
    KINDS[kind](aside, random.Random(kind))
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert crypto.looks_like_recovery_key(turned.recovery_key)
    named = {path.name for path in turned.left_plaintext}
    assert {found[0] for found in leaks(data, KO_CANARY, EN_CANARY)} <= named
    if kind in ("garbage page", "zeroed header", "truncated"):  # these still read
        assert aside in turned.converted and not crypto.is_plaintext_sqlite(aside)


def test_a_backup_that_cannot_be_encrypted_is_named_and_the_recovery_key_still_shown(
    tmp_path: Path,
) -> None:
    """The database is encrypted before its backups: a backup that fails then (here a bad page,
    as a full disk would) must not end turning encryption on without the recovery key."""
    data = tmp_path / "data"
    with services_for(data) as services:
        for _ in range(20):
            services.drafts.create(sample_letter())
        bad = services.backups.create().path
    with open(bad, "r+b") as f:
        f.seek(PAGE)
        f.write(random.Random(3).randbytes(PAGE * 3))
    turned = EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert turned.recovery_key and turned.backups_left == (bad,)
    assert bad.read_bytes().startswith(b"SQLite format 3\0")  # left as it was, and said
    with services_for(data, EncryptionService(data).unlock(turned.recovery_key)) as services:
        assert len(services.drafts.list()) == 20
