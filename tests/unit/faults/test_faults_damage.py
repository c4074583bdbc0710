"""Damage at start: detected, left untouched, and restore or salvage offered (real files)."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from desktop_app.services import DatabaseCorrupt, open_services, recovery, services_for
from tests.helpers.cli import dari
from tests.helpers.damage import KINDS, copy_folder, garbage_wal
from tests.helpers.samples import sample_letter, sample_upr_brief


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with 30 drafts, their revisions and one backup."""
    data = tmp_path_factory.mktemp("healthy") / "data"
    with services_for(data) as services:
        for number in range(30):
            document = sample_letter() if number % 2 else sample_upr_brief()
            services.drafts.create(document)
        services.backups.create()
    return data


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_damage_is_detected_and_left_untouched(
    kind: str, healthy: Path, tmp_path: Path
) -> None:
    data = copy_folder(healthy, tmp_path / "data")
    KINDS[kind](data / "dari.sqlite3", random.Random(kind))
    before = _digests(data)
    with pytest.raises(DatabaseCorrupt):
        open_services(data)
    done = dari("list", data_dir=data)
    assert done.returncode == 1
    assert "damaged" in done.stderr
    assert "dari backups restore NAME" in done.stderr and "dari salvage" in done.stderr
    after = _digests(data)
    after.pop("dari.log", None)
    before.pop("dari.log", None)
    assert after == before  # not a byte changed, no -wal or -shm made


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_latest_good_backup_is_restored_and_the_damaged_file_kept(
    kind: str, healthy: Path, tmp_path: Path
) -> None:
    data = copy_folder(healthy, tmp_path / "data")
    KINDS[kind](data / "dari.sqlite3", random.Random(kind))
    damaged = (data / "dari.sqlite3").read_bytes()
    done = recovery.restore_latest_good(data)
    assert done is not None and done.backup.drafts == 30
    assert done.kept_aside is not None and done.kept_aside.name.startswith("dari-damaged-")
    assert done.kept_aside.read_bytes() == damaged
    with services_for(data) as services:
        assert len(services.drafts.list()) == 30


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_salvage_keeps_what_can_be_read(kind: str, healthy: Path, tmp_path: Path) -> None:
    data = copy_folder(healthy, tmp_path / "data")
    KINDS[kind](data / "dari.sqlite3", random.Random(kind))
    damaged = (data / "dari.sqlite3").read_bytes()
    done = dari("salvage", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "Salvaged" in done.stdout
    aside = next(data.glob("dari-damaged-*.db"))
    assert aside.read_bytes() == damaged
    with services_for(data) as services:
        drafts = services.drafts.list()
        for summary in drafts:  # every draft that came back opens
            services.drafts.load(summary.id)
    expected = {"zeroed header": 30, "not a database": 0, "empty": 0}
    if kind in expected:
        assert len(drafts) == expected[kind]
    else:
        assert 0 <= len(drafts) <= 30
    assert str(len(drafts)) in done.stdout


def test_a_damaged_wal_that_dropped_saves_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    services = open_services(data)
    try:
        kept = services.drafts.create(sample_letter())
        services._db.checkpoint()  # everything so far is in the main file
        for _ in range(3):  # these saves live only in the WAL
            kept = services.drafts.save(kept.id, sample_letter(), expected_version=kept.version)
        copy = copy_folder(data, tmp_path / "copy")  # the files as a crash leaves them
    finally:
        services.close()
    wal = copy / "dari.sqlite3-wal"
    assert wal.stat().st_size > 0
    garbage_wal(wal, random.Random(1))
    (copy / "dari.sqlite3-shm").unlink(missing_ok=True)
    done = dari("list", data_dir=copy)
    assert done.returncode == 0, done.stderr
    assert "the last saves were lost" in done.stderr
    again = dari("list", data_dir=copy)
    assert "lost" not in again.stderr  # said once


def test_a_healthy_start_says_nothing_about_lost_saves(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        loaded = services.drafts.create(sample_letter())
        services.drafts.save(loaded.id, sample_letter(), expected_version=loaded.version)
    with services_for(data) as services:
        assert services.lost_saves is None
    done = dari("list", data_dir=data)
    assert done.returncode == 0 and done.stderr == ""
