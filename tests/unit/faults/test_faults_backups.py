"""Rolling backups on real files: one a day, the newest N kept, restore keeps the current file."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.services import BackupNotFound, build_services, recovery, services_for
from desktop_app.storage import Database, backups
from tests.helpers.cli import dari
from tests.helpers.samples import sample_letter


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open(data: Path, clock: Clock):  # type: ignore[no-untyped-def]
    db = Database.open(data / "dari.sqlite3", clock=clock)
    services = build_services(db, clock)
    services.backups.daily()
    return services


def test_the_first_start_of_each_day_backs_up_once_and_keeps_the_newest_n(tmp_path: Path) -> None:
    data = tmp_path / "data"
    clock = Clock()
    services = _open(data, clock)
    assert services.backups.list() == []  # a new, empty database: nothing to keep yet
    services.drafts.create(sample_letter())
    services.close()
    for day in range(10):
        for _start in range(3):  # three starts a day: one backup
            clock.now += timedelta(minutes=30)
            services = _open(data, clock)
            services.close()
        assert len(backups.backup_files(data / "dari.sqlite3")) == min(day + 1, 7)
        clock.now += timedelta(days=1)
    listed = _open(data, clock)
    names = [b.name for b in listed.backups.list()]
    assert len(names) == 7  # the default
    assert names == sorted(names, reverse=True)  # newest first
    assert all(b.drafts == 1 for b in listed.backups.list())
    listed.backups.set_kept(3)
    assert len(listed.backups.list()) == 3
    assert listed.backups.kept == 3
    listed.close()
    folder = data / "backups"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert not path.name.startswith(".")  # no temporary file left behind


def test_restore_keeps_the_current_file_aside_and_never_overwrites(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        first = services.drafts.create(sample_letter())
        taken = services.backups.create()
        assert taken.drafts == 1
        services.drafts.create(sample_letter())
        services.drafts.trash(first.id)
        before = [d.id for d in services.drafts.list()]
        aside = services.backups.restore(taken.name)
        assert aside is not None and aside.name.startswith("dari-before-restore-")
        # the open services now read the restored file
        assert [d.id for d in services.drafts.list()] == [first.id]
        services.drafts.create(sample_letter())  # and write to it
        second_aside = services.backups.restore(taken.name)
        assert second_aside is not None and second_aside != aside and aside.exists()
    with services_for(data) as services:
        assert [d.id for d in services.drafts.list()] == [first.id]
    with Database.open(aside) as old:  # the replaced file is whole
        assert [d.id for d in old.drafts.list()] == before


def test_a_backup_that_is_not_there_is_a_sentence(tmp_path: Path) -> None:
    with services_for(tmp_path / "data") as services, pytest.raises(BackupNotFound):
        services.backups.restore("dari-20990101-000000.db")
    with pytest.raises(BackupNotFound):
        recovery.restore_backup(tmp_path / "data", "../dari.sqlite3")


def test_cli_backups_list_create_restore(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sample = Path("desktop_app/resources/samples/founding-case-letter.json").absolute()
    assert dari("import", sample, data_dir=data).returncode == 0
    done = dari("backups", "list", data_dir=data)  # the import's start made no backup: empty
    assert done.returncode == 0, done.stderr
    made = dari("backups", "create", data_dir=data)
    assert made.returncode == 0 and "1 drafts" in made.stdout, made.stderr
    assert dari("import", sample, data_dir=data).returncode == 0
    listed = dari("backups", "list", data_dir=data).stdout.splitlines()
    name, _when, count = listed[0].split("\t")
    assert count == "1"
    current = _digest(data / "dari.sqlite3")
    done = dari("backups", "restore", name, data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "dari-before-restore-" in done.stdout
    aside = next(data.glob("dari-before-restore-*.db"))
    assert _digest(aside) == current  # kept exactly as it was
    assert len(dari("list", data_dir=data).stdout.splitlines()) == 1
    done = dari("backups", "restore", "nothing.db", data_dir=data)
    assert done.returncode == 1 and "dari backups list" in done.stderr


def test_the_copy_is_private_even_under_a_loose_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = os.umask(0o022)
    try:
        with services_for(data) as services:
            services.drafts.create(sample_letter())
            info = services.backups.create()
    finally:
        os.umask(old)
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert backups.is_good(info.path)
