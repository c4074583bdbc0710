"""Atomic writes on real folders: whole new file or the old one untouched, no temp left."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from desktop_app.files import (
    ExportError,
    atomic_write_bytes,
    classify_os_error,
    create_private,
    is_temp_name,
    remove_stale_temps,
)

OLD = b"earlier export \x00\xff"


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_new_file_private_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "서한 2024.docx"
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _entries(tmp_path) == ["서한 2024.docx"]


def test_replaces_an_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(OLD)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert _entries(tmp_path) == ["letter.docx"]


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "letter.docx"
    with pytest.raises(ExportError) as caught:
        atomic_write_bytes(target, b"new")
    assert caught.value.reason_code == "not_found"
    assert str(target) in str(caught.value) and "does not exist" in str(caught.value)
    assert _entries(tmp_path) == []


def test_parent_is_a_regular_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_bytes(OLD)
    with pytest.raises(ExportError) as caught:
        atomic_write_bytes(blocker / "letter.docx", b"new")
    assert caught.value.reason_code == "not_found"
    assert "is not a folder" in str(caught.value)
    assert blocker.read_bytes() == OLD and _entries(tmp_path) == ["notes.txt"]


def test_target_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "letter.docx").mkdir()
    (tmp_path / "letter.docx" / "inside.txt").write_bytes(OLD)
    with pytest.raises(ExportError) as caught:
        atomic_write_bytes(tmp_path / "letter.docx", b"new")
    assert caught.value.reason_code == "is_directory"
    assert "letter.docx" in str(caught.value)
    assert (tmp_path / "letter.docx" / "inside.txt").read_bytes() == OLD
    assert _entries(tmp_path) == ["letter.docx"]


def test_disk_full_keeps_earlier_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(OLD)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        atomic_write_bytes(target, b"new" * 1000)
    assert caught.value.reason_code == "disk_full"
    assert "disk is full" in str(caught.value) and str(target) in str(caught.value)
    assert target.read_bytes() == OLD
    assert _entries(tmp_path) == ["letter.docx"]


@pytest.mark.parametrize(
    ("exc", "replacing", "windows", "code"),
    [
        (PermissionError(errno.EACCES, "Access is denied"), True, True, "in_use"),
        (PermissionError(errno.EACCES, "Permission denied"), False, False, "permission"),
        (PermissionError(errno.EACCES, "Permission denied"), True, False, "permission"),
        (OSError(errno.EROFS, "Read-only file system"), False, False, "permission"),
        (OSError(errno.EBUSY, "Device or resource busy"), True, False, "in_use"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), False, False, "disk_full"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), False, False, "other"),
        (OSError(errno.EIO, "Input/output error"), False, False, "other"),
    ],
)
def test_error_classification(exc: OSError, replacing: bool, windows: bool, code: str) -> None:
    path = Path("/data/exports/letter.docx")
    got, reason = classify_os_error(exc, path, replacing=replacing, windows=windows)
    assert got == code
    error = ExportError(path, reason, got)
    assert str(error).startswith(f"Could not save {path}: ") and str(error).endswith(".")
    if code == "in_use":
        assert "open in another program; close it or choose another name" in str(error)


def test_unknown_reason_code_becomes_other() -> None:
    assert ExportError(Path("x.docx"), "why", "weird").reason_code == "other"


def test_create_private_is_user_only_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o000)
    try:
        create_private(tmp_path / "backup.partial")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "backup.partial").stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):  # never reuses a file someone else made
        create_private(tmp_path / "backup.partial")


def _stale(folder: Path, name: str, body: bytes = b"the whole letter") -> Path:
    """A temporary file as a killed write leaves it: our exact name shape, mode 0o600."""
    fd, name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.write(fd, body)
    os.close(fd)
    return Path(name)


def test_is_temp_name_is_exactly_our_shape() -> None:
    assert is_temp_name(".서한.docx.a1b2_c3d.tmp")
    for other in (
        "서한.docx",
        ".서한.docx.tmp",  # no random part
        ".서한.docx.A1B2C3D4.tmp",  # mkstemp uses lower case only
        ".서한.docx.a1b2c3d.tmp",  # 7 characters
        "..a1b2c3d4.tmp",  # no name
        ".서한.docx.a1b2c3d4.tmp~",
        "x.서한.docx.a1b2c3d4.tmp",
    ):
        assert not is_temp_name(other), other


def test_a_write_removes_stale_temps_and_nothing_else(tmp_path: Path) -> None:
    stale = [_stale(tmp_path, "서한.docx"), _stale(tmp_path, "other letter.docx")]
    keep = ["notes.tmp", ".서한.docx.tmp", ".hidden", "서한.docx.abcdefgh.tmp"]
    for name in keep:
        (tmp_path / name).write_bytes(b"not ours")
    (tmp_path / ".dir.abcdefgh.tmp").mkdir()  # our shape, but a folder
    (tmp_path / ".link.abcdefgh.tmp").symlink_to(tmp_path / "notes.tmp")
    atomic_write_bytes(tmp_path / "서한.docx", b"new")
    assert not any(path.exists() for path in stale)
    assert _entries(tmp_path) == sorted(
        [*keep, "서한.docx", ".dir.abcdefgh.tmp", ".link.abcdefgh.tmp"]
    )
    assert (tmp_path / "notes.tmp").read_bytes() == b"not ours"


@pytest.mark.skipif(os.name != "posix", reason="flock is POSIX; Windows keeps open files")
def test_a_temp_held_locked_by_a_writer_is_kept(tmp_path: Path) -> None:
    import fcntl

    held = _stale(tmp_path, "letter.docx")
    stale = _stale(tmp_path, "letter.docx")
    fd = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert remove_stale_temps(tmp_path) == 1
        assert held.exists()
        assert not stale.exists()
    finally:
        os.close(fd)
    assert remove_stale_temps(tmp_path) == 1  # released: now it is stale
    assert _entries(tmp_path) == []


def test_remove_stale_temps_in_a_missing_folder_is_zero(tmp_path: Path) -> None:
    assert remove_stale_temps(tmp_path / "gone") == 0


@pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")
def test_the_temp_is_locked_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the fsync (the moment a kill leaves a complete copy) a cleaner cannot take it."""
    seen: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        temps = [p for p in tmp_path.iterdir() if is_temp_name(p.name)]
        if temps:  # the file's fsync, not the folder's
            seen.append(remove_stale_temps(tmp_path))
            assert all(temp.exists() for temp in temps)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write_bytes(tmp_path / "letter.docx", b"new")
    assert seen == [0]
    assert _entries(tmp_path) == ["letter.docx"]
