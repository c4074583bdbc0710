"""Running the real `dari` command in a child process, as a script would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def dari(
    *args: str | Path, data_dir: Path, lang: str = "C.UTF-8", stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m desktop_app --data-dir DATA_DIR ARGS…` with a clean environment
    (`stdin`: its standard input, e.g. a passphrase for `--passphrase-stdin`)."""
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": lang, "PYTHONIOENCODING": "utf-8"},
    )


def on_a_terminal(args: list[str], env: dict[str, str], answer: str) -> tuple[str, int]:
    """Run `python -m desktop_app ARGS` on a pseudo-terminal (so getpass reads the terminal),
    type `answer` when it asks; what it printed and its exit status."""
    import os
    import pty
    import select
    import sys
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal session of its own, as a person's shell gives
        os.execve(sys.executable, [sys.executable, "-m", "desktop_app", *args], env)
    seen = b""
    answered = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child ended (EIO on Linux)
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b": " in seen:
            os.write(fd, answer.encode() + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return seen.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)
