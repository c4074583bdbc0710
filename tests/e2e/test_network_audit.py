"""A whole session opens no network socket (issue 13), seen by the kernel: the real `dari`
commands and the real window offscreen, each run under `strace -f -e trace=socket,connect`
(every child followed: LibreOffice for the PDF too). No AF_INET or AF_INET6 socket at all;
what the session connects to over AF_UNIX is listed and none is a name resolver; and no
process reads the files a host-name lookup reads (/etc/hosts, /etc/resolv.conf)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop_app.paths import sample_path
from tests.helpers.netaudit import Audit, traced

pytestmark = [
    pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed"),
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]
ROOT = Path(__file__).resolve().parents[2]

# The CLI: a draft made, listed, exported to .docx and PDF, backed up, in one shell session.
CLI_SESSION = r"""
set -e
dari() { "$PYTHON" -m desktop_app --data-dir "$DATA" "$@"; }
dari import "$SAMPLE"
dari list
dari export 1 --lang ko --out "$OUT" --format both
dari backups create
dari backups list
"""

# The window, built as app.py builds it: a new draft from the sample, typed into, saved,
# exported (.docx and PDF, through the Export dialog), and quit through the window.
WINDOW_SESSION = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from desktop_app.app import build_main_window, make_application
from desktop_app.gui.dialogs import export as export_dialog
from tests.helpers.qt import type_at_end

data_dir, out, ini = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
app = make_application(sys.argv[:1])
window, services = build_main_window(app, data_dir, QSettings(ini, QSettings.Format.IniFormat))
window.show()
app.processEvents()
window.commands["new_sample"].trigger()
editor = window.form.fields["subject"].editors["ko"]
type_at_end(editor, " 네트워크 감사")
assert window.flush(), "the draft did not save"

export_dialog.ask = lambda *args: True  # "Export anyway?": yes
export_dialog.show_exported = lambda *args: None  # the summary box: closed
export_dialog.inform = lambda parent, title, text: print("inform:", text, file=sys.stderr)

def run(dialog):
    dialog.folder_edit.setText(str(out))
    dialog.format_group.button(export_dialog.FORMATS.index("both")).setChecked(True)
    dialog.export()
    return 1

export_dialog.ExportDialog.exec = run
window.commands["export"].trigger()
QTimer.singleShot(0, window.close)
QTimer.singleShot(0, app.quit)
app.exec()
services.close()
print("session done", flush=True)
"""

LOOKUP_FILES = ("/etc/hosts", "/etc/resolv.conf", "/etc/gai.conf")


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": f"{Path(os.sys.executable).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
    }


def _assert_offline(audit: Audit, trace: Path) -> None:
    assert audit.families, f"the trace saw no socket at all: {trace.read_text()[:2000]}"
    assert audit.inet_lines == [], "\n".join(audit.inet_lines[:20])
    assert set(audit.families) <= {"AF_UNIX"}, audit.families
    # What AF_UNIX reached: LibreOffice's own pipe, and glibc asking a name-service cache
    # about the user (getpwuid), which is not running here (the connect fails).
    assert audit.resolvers() == [], audit.resolvers()
    unexpected = {
        path: results
        for path, results in audit.unix_paths.items()
        if not (
            Path(path).name.startswith("OSL_PIPE_")  # LibreOffice's single-instance pipe
            or (path.endswith("/nscd/socket") and "ok" not in results)
        )
    }
    assert unexpected == {}, unexpected
    opened = [line for line in trace.read_text().splitlines() if "open" in line]
    for name in LOOKUP_FILES:
        assert not any(f'"{name}"' in line for line in opened), f"{name} was read"


def _assert_exported(out: Path) -> None:
    files = sorted(out.iterdir())
    assert {p.suffix for p in files} == {".docx", ".pdf"}, files
    for path in files:  # each .docx beside its PDF
        assert path.with_suffix(".pdf" if path.suffix == ".docx" else ".docx").is_file()
        if path.suffix == ".docx":
            assert zipfile.is_zipfile(path), path
        else:
            assert path.read_bytes().startswith(b"%PDF"), path


def test_a_cli_session_opens_no_network_socket(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    env = _env(tmp_path) | {
        "PYTHON": os.sys.executable,
        "DATA": str(tmp_path / "data"),
        "OUT": str(out),
        "SAMPLE": str(sample_path()),
    }
    trace = tmp_path / "cli.trace"
    done, audit = traced(["bash", "-c", CLI_SESSION], trace, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "made (1 drafts)" in done.stdout
    _assert_exported(out)
    _assert_offline(audit, trace)
    print("AF_UNIX connects:", sorted(audit.unix_paths))


def test_a_window_session_opens_no_network_socket(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    trace = tmp_path / "window.trace"
    command = [os.sys.executable, "-c", WINDOW_SESSION]
    command += [str(tmp_path / "data"), str(out), str(tmp_path / "s.ini")]
    done, audit = traced(command, trace, env=_env(tmp_path), cwd=ROOT)
    assert done.returncode == 0 and "session done" in done.stdout, done.stderr
    assert "inform:" not in done.stderr, done.stderr
    _assert_exported(out)
    _assert_offline(audit, trace)
    print("AF_UNIX connects:", sorted(audit.unix_paths))


def test_the_audit_sees_an_internet_socket_and_a_resolver(tmp_path: Path) -> None:
    """The trace and its reading work: a child that opens an AF_INET6 socket (no packet
    sent) and connects to a listening AF_UNIX socket is caught."""
    listening = tmp_path / "nscd" / "socket"
    listening.parent.mkdir()
    probe = (
        "import socket, sys\n"
        "server = socket.socket(socket.AF_UNIX); server.bind(sys.argv[1]); server.listen()\n"
        "socket.socket(socket.AF_UNIX).connect(sys.argv[1])\n"
        "socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).close()\n"
    )
    trace = tmp_path / "probe.trace"
    done, audit = traced(
        [os.sys.executable, "-c", probe, str(listening)], trace, env=_env(tmp_path), cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert audit.families.get("AF_INET6") == 1 and audit.inet_lines
    assert audit.unix_paths[str(listening)] == {"ok"}
    with pytest.raises(AssertionError):
        _assert_offline(audit, trace)
