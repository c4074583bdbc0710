"""Salvage of an encrypted damaged database: read back with the key, kept encrypted, no
plaintext on disk (real SQLCipher files, the real `dari salvage`)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.services import (
    DatabaseCorrupt,
    DatabaseLocked,
    EncryptionService,
    open_services,
    services_for,
)
from desktop_app.storage import crypto
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks
from tests.helpers.cli import dari
from tests.helpers.damage import KINDS, PAGE, copy_folder
from tests.helpers.samples import sample_letter, sample_upr_brief

FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASS = "salvage passphrase 다리"


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted data folder with 30 drafts (the first one holds both canaries)."""
    data = tmp_path_factory.mktemp("encrypted") / "data"
    with services_for(data) as services:
        first = services.drafts.create(sample_letter())
        document = replace(first.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(first.id, document, expected_version=first.version)
        for number in range(29):
            services.drafts.create(sample_letter() if number % 2 else sample_upr_brief())
    EncryptionService(data, kdf=FAST).turn_on(PASS)
    assert leaks(data, KO_CANARY, EN_CANARY) == []
    return data


def _key(data: Path) -> crypto.SessionKey:
    return EncryptionService(data).unlock(PASS)


def _salvaged_and_still_encrypted(data: Path) -> list[str]:
    """The drafts' Korean titles read back with the key; the folder holds no plaintext."""
    assert crypto.is_encrypted(data / "dari.sqlite3")
    assert not crypto.is_plaintext_sqlite(data / "dari.sqlite3")
    with pytest.raises(DatabaseLocked):
        open_services(data)  # no key: nothing opens
    with services_for(data, _key(data)) as services:
        drafts = services.drafts.list()
        for summary in drafts:
            services.drafts.load(summary.id)
        titles = [d.title_ko for d in drafts]
    assert leaks(data, KO_CANARY, EN_CANARY) == []  # no plaintext file, no temp left
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(".dari.sqlite3")) == []
    return titles


def test_garbage_over_a_page_of_an_encrypted_file_loses_only_that_page(
    encrypted: Path, tmp_path: Path
) -> None:
    data = copy_folder(encrypted, tmp_path / "data")
    path = data / "dari.sqlite3"
    pages = path.stat().st_size // PAGE
    assert pages > 20
    with open(path, "r+b") as f:  # a page in the middle: part of the drafts' data
        f.seek(pages // 2 * PAGE)
        f.write(random.Random(3).randbytes(PAGE))
    damaged = path.read_bytes()
    with pytest.raises(DatabaseCorrupt):
        open_services(data, _key(data))
    done = dari("--passphrase-stdin", "salvage", data_dir=data, stdin=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "Salvaged" in done.stdout
    assert done.stderr == ""  # SQLCipher said nothing
    aside = next(data.glob("dari-damaged-*.db"))
    assert aside.read_bytes() == damaged  # kept, untouched
    titles = _salvaged_and_still_encrypted(data)
    assert 25 <= len(titles) <= 30
    assert f"Salvaged {len(titles)} drafts" in done.stdout


def _cut_the_last_pages(path: Path, rng: random.Random) -> None:
    """The file cut short by its last third (its header still counts those pages); a third,
    not a few pages, so that drafts' pages are lost whatever the schema puts last (the
    indexes of a newer migration filled the last few pages)."""
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as f:
        f.truncate((pages - pages // 3) * PAGE)


@pytest.mark.parametrize("kind", ["zeroed header", "truncated"])
def test_an_encrypted_file_with_its_salt_or_its_end_gone_is_read_back(
    kind: str, encrypted: Path, tmp_path: Path
) -> None:
    data = copy_folder(encrypted, tmp_path / "data")
    damage = KINDS[kind] if kind == "zeroed header" else _cut_the_last_pages
    damage(data / "dari.sqlite3", random.Random(kind))
    from desktop_app.services import recovery

    done = recovery.salvage(data, key=_key(data))
    titles = _salvaged_and_still_encrypted(data)
    assert done.drafts == len(titles)
    if kind == "zeroed header":  # the raw key decrypts every page without the salt
        assert len(titles) == 30 and KO_CANARY in titles
    else:  # how many come back depends on what the schema put in the lost pages
        assert 0 < len(titles) <= 30


def test_salvage_of_an_encrypted_file_needs_the_passphrase(encrypted: Path, tmp_path: Path) -> None:
    data = copy_folder(encrypted, tmp_path / "data")
    KINDS["garbage page"](data / "dari.sqlite3", random.Random(1))
    before = sorted(p.name for p in data.iterdir())
    done = dari("--passphrase-stdin", "salvage", data_dir=data, stdin="not the passphrase\n")
    assert done.returncode == 1
    assert "passphrase" in done.stderr and "Traceback" not in done.stderr
    after = sorted(p.name for p in data.iterdir() if p.name != "dari.log")
    assert after == [n for n in before if n != "dari.log"]  # nothing set aside


def test_salvage_without_the_key_changes_nothing(encrypted: Path, tmp_path: Path) -> None:
    from desktop_app.services import recovery

    data = copy_folder(encrypted, tmp_path / "data")
    KINDS["garbage page"](data / "dari.sqlite3", random.Random(1))
    before = sorted(p.name for p in data.iterdir())
    with pytest.raises(DatabaseLocked):
        recovery.salvage(data)
    assert sorted(p.name for p in data.iterdir()) == before


WAL_KO = "로그에만저장된초안"
WAL_EN = "SavedOnlyInTheWriteAheadLog"


def test_drafts_saved_only_in_the_wal_come_back(encrypted: Path, tmp_path: Path) -> None:
    """A crash with saves still in the -wal (never checkpointed), then the file damaged:
    the salvage lays the WAL's committed frames over the decrypted pages."""
    import sqlalchemy

    from desktop_app.storage.salvage import decrypted_image

    live = copy_folder(encrypted, tmp_path / "live")
    key = _key(live)
    with services_for(live, key) as services:
        engine = services._db.engine
        engine.dispose()  # every connection from now on: no automatic checkpoint
        sqlalchemy.event.listen(
            engine,
            "connect",
            lambda conn, _record: conn.execute("PRAGMA wal_autocheckpoint = 0"),
        )
        for number in range(3):
            draft = services.drafts.create(sample_letter())
            title = BilingualText.of(f"{WAL_KO} {number}", f"{WAL_EN} {number}")
            services.drafts.save(
                draft.id, replace(draft.document, subject=title), expected_version=draft.version
            )
        data = copy_folder(live, tmp_path / "data")  # as a crash leaves it: the WAL unapplied
    raw = key.get(data)
    main, wal = data / "dari.sqlite3", data / "dari.sqlite3-wal"
    assert wal.stat().st_size > 0
    assert WAL_KO.encode() not in decrypted_image(main.read_bytes(), raw)[0]  # WAL-only
    assert WAL_KO.encode() in decrypted_image(main.read_bytes(), raw, wal.read_bytes())[0]
    pages = main.stat().st_size // PAGE
    with open(main, "r+b") as f:  # a page in the middle of the file
        f.seek(pages // 2 * PAGE)
        f.write(random.Random(13).randbytes(PAGE))
    from desktop_app.services import recovery

    done = recovery.salvage(data, key=_key(data))
    titles = _salvaged_and_still_encrypted(data)
    assert done.drafts == len(titles)
    assert sorted(t for t in titles if t.startswith(WAL_KO)) == [f"{WAL_KO} {n}" for n in range(3)]
    assert leaks(data, WAL_KO, WAL_EN) == []  # nothing plaintext written on the way
