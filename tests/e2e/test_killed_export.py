"""Killed (SIGKILL) at the fsync of an export, Dari leaves no hidden copy behind for long:
the next export removes it, and a temporary file a concurrent writer holds stays."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from desktop_app.services import DraftService
from desktop_app.storage import Database
from tests.helpers.cli import dari
from tests.helpers.docx_checks import docx_text
from tests.helpers.samples import sample_payload

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and flock are POSIX")

# The real `dari` command, killed by the kernel the moment it fsyncs a file in FOLDER:
# the temporary file is then complete (the whole letter) and nothing of ours runs after.
KILLED_AT_FSYNC = r"""
import os, signal, sys
folder = os.path.realpath(sys.argv.pop(1))
real_fsync = os.fsync

def fsync(fd):
    if os.path.dirname(os.path.realpath(f"/proc/self/fd/{fd}")) == folder:
        os.kill(os.getpid(), signal.SIGKILL)
    real_fsync(fd)

os.fsync = fsync
from desktop_app.cli import main
sys.exit(main())
"""


def _temps(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.name.endswith(".tmp"))


def _export_killed(data_dir: Path, draft_id: int, out: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    child = subprocess.run(
        [
            *(sys.executable, "-c", KILLED_AT_FSYNC, str(out), "--data-dir", str(data_dir)),
            *("export", str(draft_id), "--lang", "ko", "--overwrite", "--out", str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def _assert_valid_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    assert "강제송환" in docx_text(path) or "송환" in docx_text(path)


def test_a_killed_export_leaves_no_copy_after_the_next_export(tmp_path: Path) -> None:
    import fcntl

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with Database.open(data_dir / "dari.sqlite3") as db:
        draft_id = DraftService(db).import_json(sample_payload()).id
    earlier, other = tmp_path / "earlier", tmp_path / "other"
    earlier.mkdir()
    other.mkdir()
    done = dari("export", draft_id, "--lang", "ko", "--out", earlier, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    (target,) = [Path(line) for line in done.stdout.splitlines()]

    _export_killed(data_dir, draft_id, earlier)  # the reproduction of issue 13
    (left,) = _temps(earlier)
    assert left.name.startswith(f".{target.name}.")
    assert stat.S_IMODE(left.stat().st_mode) == 0o600
    with zipfile.ZipFile(left) as archive:  # the whole letter, hidden beside the target
        assert archive.testzip() is None

    # A concurrent writer's temporary file, held locked as atomic_write_bytes holds its own.
    fd, held_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=earlier)
    held = Path(held_name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        # An export elsewhere cleans the folders the export log knows.
        again = dari("export", draft_id, "--lang", "ko", "--out", other, data_dir=data_dir)
        assert again.returncode == 0, again.stderr
        assert _temps(earlier) == [held]
        assert _temps(other) == []
        _assert_valid_docx(target)  # the earlier export is untouched

        # Killed again, then an export into the same folder.
        _export_killed(data_dir, draft_id, earlier)
        assert len(_temps(earlier)) == 2
        third = dari(
            "export", draft_id, "--lang", "ko", "--overwrite", "--out", earlier, data_dir=data_dir
        )
        assert third.returncode == 0, third.stderr
        assert _temps(earlier) == [held]
        _assert_valid_docx(target)
    finally:
        os.close(fd)
    fourth = dari(
        "export", draft_id, "--lang", "ko", "--overwrite", "--out", earlier, data_dir=data_dir
    )
    assert fourth.returncode == 0, fourth.stderr
    assert _temps(earlier) == []  # released: it was stale after all
    _assert_valid_docx(target)
