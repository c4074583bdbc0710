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
