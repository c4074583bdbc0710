"""Faults made for real: a full disk (a small tmpfs, or a file-size limit in a child process)."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path


def can_mount_tmpfs(where: Path) -> bool:
    """True when this process may mount a tmpfs (root on Linux, not in a locked container)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return False
    subprocess.run(["umount", str(where)], check=True)
    return True


@contextlib.contextmanager
def small_disk(where: Path, size: str = "2M") -> Iterator[Path]:
    """A real tmpfs of `size` mounted at `where` for the block (root only)."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def fill(disk: Path) -> Path:
    """Fill the disk to its last byte with a filler file; its path (delete it to free space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f, contextlib.suppress(OSError):
        block = b"\0" * 4096
        while True:
            f.write(block)
    with open(filler, "ab", buffering=0) as f, contextlib.suppress(OSError):
        while True:  # the last partial block
            f.write(b"\0")
    return filler


def file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec_fn for subprocess: writes past `limit` bytes fail with EFBIG (no signal).

    Used where a tmpfs cannot be mounted: every file the child grows past the limit fails
    to grow, as on a full disk.
    """

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
