"""Atomic writes on real folders: whole new file or the old one untouched, no temp left."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from desktop_app.files import ExportError, atomic_write_bytes, classify_os_error, create_private

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
