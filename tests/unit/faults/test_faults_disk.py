"""The data folder is the user's alone, and a full disk is a full disk, never "damaged"."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.files import private_umask
from desktop_app.logs import logging_to
from desktop_app.services import DatabaseUnavailable, services_for
from desktop_app.storage.engine import unavailable_reason
from tests.helpers.faults import can_mount_tmpfs, file_size_limit, fill, small_disk

ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _dari(data_dir: Path, *args: str, preexec=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=ENV,
        preexec_fn=preexec,
    )


def test_a_new_data_folder_and_its_files_are_the_users_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = os.umask(0o022)  # the usual umask: files 644, folders 755
    try:
        with logging_to(data) as log, services_for(data) as services:
            services.drafts.list()
            assert log is not None
            import logging

            logging.getLogger("test").warning("a line")
    finally:
        os.umask(old)
    assert _mode(data) == 0o700
    names = {p.name for p in data.iterdir()}
    assert {"dari.sqlite3", "dari.log"} <= names
    for path in data.iterdir():
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path.name


def test_an_existing_loose_install_is_tightened_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with services_for(data):
        pass
    os.chmod(data, 0o755)
    for path in data.iterdir():
        os.chmod(path, 0o644)
    (data / "dari.log").write_text("old log\n")
    os.chmod(data / "dari.log", 0o644)
    (data / "my-own-notes.txt").write_text("not Dari's")
    os.chmod(data / "my-own-notes.txt", 0o644)
    done = _dari(data, "list")
    assert done.returncode == 0, done.stderr
    assert _mode(data) == 0o700
    assert _mode(data / "dari.sqlite3") == 0o600
    assert _mode(data / "dari.log") == 0o600
    assert _mode(data / "my-own-notes.txt") == 0o644  # not Dari's file: left as it was


def test_the_cli_writes_everything_private_under_a_loose_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"

    def loose() -> None:
        os.umask(0o022)

    done = _dari(
        data,
        "import",
        str(Path("desktop_app/resources/samples/founding-case-letter.json").absolute()),
        preexec=loose,
    )
    assert done.returncode == 0, done.stderr
    for path in [data, *data.rglob("*")]:
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_private_umask_restores_the_previous_one() -> None:
    old = os.umask(0o022)
    try:
        with private_umask():
            assert os.umask(0o077) == 0o077
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(old)


def test_io_errors_are_unavailable_not_damage(tmp_path: Path) -> None:
    import sqlite3

    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
    assert unavailable_reason(error, tmp_path) is not None
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL
    assert "full" in str(unavailable_reason(full, tmp_path))


def _full_disk_then_free(data: Path, run_full) -> None:  # type: ignore[no-untyped-def]
    """The scenario of the issue: `dari list` with no room, then the next start."""
    for _ in range(2):  # twice: the second start sees what the first one left
        done = run_full()
        assert done.returncode == 1, done.stderr
        assert "damaged" not in done.stderr
        assert "could not read or write" in done.stderr
        assert "Traceback" not in done.stderr
    wal = data / "dari.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    done = _dari(data, "list")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # the draft is listed


def _one_draft(data: Path) -> None:
    sample = Path("desktop_app/resources/samples/founding-case-letter.json").absolute()
    done = _dari(data, "import", str(sample))
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not can_mount_tmpfs(Path("/tmp/dari-tmpfs-probe")), reason="no tmpfs here")
def test_a_really_full_disk_is_reported_as_full_and_the_next_start_is_healthy(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        _one_draft(data)
        filler = fill(disk)

        def run_full() -> subprocess.CompletedProcess[str]:
            done = _dari(data, "list")
            assert "the disk is full" in done.stderr
            return done

        for _ in range(2):
            done = run_full()
            assert done.returncode == 1 and "damaged" not in done.stderr, done.stderr
            assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
        filler.unlink()
        done = _dari(data, "list")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip()


def test_a_file_size_limit_is_unavailable_not_damage(tmp_path: Path) -> None:
    """Where no tmpfs can be mounted: writes past a limit fail (EFBIG) as on a full disk."""
    data = tmp_path / "data"
    _one_draft(data)
    for side in ("wal", "shm"):
        (data / f"dari.sqlite3-{side}").unlink(missing_ok=True)
    _full_disk_then_free(data, lambda: _dari(data, "list", preexec=file_size_limit(0)))


def test_at_start_the_window_does_not_say_the_text_is_in_the_window(tmp_path: Path) -> None:
    from desktop_app.gui import errors

    class Ui:
        def gettext(self, text: str) -> str:
            return text

    error = DatabaseUnavailable(tmp_path / "dari.sqlite3", "the disk is full")
    assert "still in the window" not in errors.startup_sentence(error, Ui())  # type: ignore[arg-type]
    assert "still in the window" in errors.sentence(error, Ui())  # type: ignore[arg-type]


@pytest.mark.skipif(not can_mount_tmpfs(Path("/tmp/dari-tmpfs-probe")), reason="no tmpfs here")
def test_autosave_and_export_on_a_full_disk_say_so_and_lose_nothing(tmp_path: Path) -> None:
    """Issue 13: the disk fills while a draft is open. The autosave and the export each say
    "the disk is full" (in English and Korean, never "damaged"), the earlier export and the
    saved draft stay whole, no partial file is left, and once space is freed the same draft
    saves again, as the window's autosave retries it."""
    import dataclasses
    import zipfile

    from desktop_app.domain import BilingualText
    from desktop_app.files import ExportError
    from desktop_app.i18n import translator
    from desktop_app.i18n.errors import user_message
    from desktop_app.services import DariError, ExportRequest
    from tests.helpers.samples import sample_letter

    ko = translator("ko").gettext
    with small_disk(tmp_path / "disk") as disk:
        with services_for(disk / "data") as services:
            drafts = services.drafts
            loaded = drafts.create(sample_letter())
            out = disk / "out"
            out.mkdir()
            (written,) = drafts.export(loaded.id, ExportRequest(languages="ko"), out).files
            earlier = written.path
            earlier_bytes = earlier.read_bytes()
            typed = dataclasses.replace(
                loaded.document,
                subject=BilingualText(ko="디스크가 가득 찬 뒤 " * 400, en="x" * 8000),
            )
            filler = fill(disk)

            for _ in range(2):  # the autosave's retry meets the same full disk
                with pytest.raises(DatabaseUnavailable) as saving:
                    drafts.save(loaded.id, typed, expected_version=loaded.version)
                assert "the disk is full" in str(saving.value)
                assert "damaged" not in str(saving.value)
                assert "디스크 공간 부족" in user_message(saving.value, ko)
            with pytest.raises(DariError) as exporting:
                drafts.export(loaded.id, ExportRequest(languages="ko"), out, overwrite=True)
            cause = exporting.value.__cause__
            assert isinstance(cause, ExportError) and cause.reason_code == "disk_full", cause
            assert "the disk is full" in str(exporting.value)
            assert "damaged" not in str(exporting.value)
            assert "디스크" in user_message(exporting.value, ko)
            assert sorted(out.iterdir()) == [earlier]  # no partial target, no hidden copy
            assert earlier.read_bytes() == earlier_bytes
            with zipfile.ZipFile(earlier) as archive:
                assert archive.testzip() is None
            assert drafts.load(loaded.id).version == loaded.version  # the last save is whole

            filler.unlink()  # space freed: the autosave's next try works
            saved = drafts.save(loaded.id, typed, expected_version=loaded.version)
            assert saved.version == loaded.version + 1
            again = drafts.export(loaded.id, ExportRequest(languages="ko"), out, overwrite=True)
            assert [file.path for file in again.files] == [earlier]
        with services_for(disk / "data") as services:  # the next start
            assert services.drafts.load(loaded.id).document.subject == typed.subject
