"""dari.log in the data folder: warnings and our bugs' tracebacks, for the window and the CLI.

Never draft text: what is logged is what happened (an error's sentence, a traceback),
not what the person wrote.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop_app.files import make_private, private_umask
from desktop_app.paths import default_data_dir, secure_data_dir

LOG_NAME = "dari.log"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """dari.log and its rotations are created user-only (600), whatever the umask."""

    def _open(self):  # type: ignore[no-untyped-def]  # logging's own signature
        with private_umask():
            stream = super()._open()
        make_private(Path(self.baseFilename))  # a file from an older, looser install
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        """A log line that cannot be written (a full disk) is dropped without a word on
        stderr: the person is being told about the full disk already."""

    def close(self) -> None:
        with contextlib.suppress(OSError):  # flushing on a full disk
            super().close()


def log_path(data_dir: Path | None) -> Path:
    """Where dari.log is for this data folder (the user data folder when None)."""
    return (data_dir or default_data_dir()) / LOG_NAME


def _open_handler(data_dir: Path | None) -> RotatingFileHandler | None:
    path = log_path(data_dir)
    try:
        secure_data_dir(path.parent)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return None  # logging is a help, not a reason to refuse to start
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def setup_logging(data_dir: Path | None) -> Path | None:
    """Log to dari.log in the data folder for the rest of the process; its path, or None
    when it cannot be written."""
    handler = _open_handler(data_dir)
    if handler is None:
        return None
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_path(data_dir)


@contextmanager
def logging_to(data_dir: Path | None) -> Iterator[Path | None]:
    """Log to dari.log (as `setup_logging`) while the block runs; the log's path, or None.

    The handler is removed and closed afterwards, so a process can run several
    commands (the tests do) without collecting open log files.
    """
    handler = _open_handler(data_dir)
    if handler is None:
        yield None
        return
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield log_path(data_dir)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
