"""`dari encryption on|off` and `dari backups restore` from another process refuse while a
window has the data folder open (real window, real `dari` processes), and work once it
closed; the window's own File › Encryption… is not stopped by its own mark."""

from __future__ import annotations

from desktop_app.files.inuse import MARKER, FolderHold, open_elsewhere
from desktop_app.services import EncryptionService
from desktop_app.storage import crypto
from tests.helpers.cli import dari
from tests.helpers.samples import sample_letter

PASS = "a window is open 다리"
FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def test_the_cli_refuses_to_convert_or_replace_under_an_open_window(
    qtbot, open_window, data_dir
) -> None:
    window = open_window()
    window.service.create(sample_letter())
    backup = window.services.backups.create()
    assert (data_dir / MARKER).exists() and open_elsewhere(data_dir)
    database = (data_dir / "dari.sqlite3").read_bytes()
    for args, stdin in (
        (("--passphrase-stdin", "encryption", "on"), f"{PASS}\n{PASS}\n"),
        (("backups", "restore", backup.name), None),
    ):
        done = dari(*args, data_dir=data_dir, stdin=stdin)
        assert done.returncode == 1, done.stderr
        assert "is open in a Dari window, so nothing was changed" in done.stderr
        assert "Traceback" not in done.stderr
    korean = dari("backups", "restore", backup.name, data_dir=data_dir, lang="ko_KR.UTF-8")
    assert "창" in korean.stderr and korean.returncode == 1
    assert not crypto.is_encrypted(data_dir / "dari.sqlite3")
    assert (data_dir / "dari.sqlite3").read_bytes()[:100] == database[:100]
    assert list(data_dir.glob("dari-before-restore-*")) == []
    # the window's own conversion closes its services first: its mark does not stop it
    window.services.close()
    assert not open_elsewhere(data_dir)
    turned = EncryptionService(data_dir, kdf=FAST).turn_on(PASS)
    window.services.reopen(turned.key)
    assert open_elsewhere(data_dir)  # marked again once reopened
    done = dari("--passphrase-stdin", "encryption", "off", "--yes", data_dir=data_dir,
                stdin=f"{PASS}\n")  # fmt: skip
    assert done.returncode == 1 and "open in a Dari window" in done.stderr
    assert crypto.is_encrypted(data_dir / "dari.sqlite3")
    window.close()
    window.services.close()
    done = dari("--passphrase-stdin", "encryption", "off", "--yes", data_dir=data_dir,
                stdin=f"{PASS}\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not crypto.is_encrypted(data_dir / "dari.sqlite3")


def test_two_windows_share_the_mark_and_a_crash_leaves_none(tmp_path) -> None:
    first, second = FolderHold(tmp_path), FolderHold(tmp_path)
    assert first.acquire() and second.acquire()
    assert open_elsewhere(tmp_path)
    first.release()
    assert open_elsewhere(tmp_path)
    second.release()
    assert not open_elsewhere(tmp_path)
    assert (tmp_path / MARKER).stat().st_mode & 0o777 == 0o600
    import subprocess
    import sys

    killed = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from desktop_app.files.inuse import "
         "FolderHold; FolderHold(Path(sys.argv[1])).acquire(); print('held', flush=True); "
         "time.sleep(60)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert killed.stdout is not None and killed.stdout.readline().strip() == "held"
    assert open_elsewhere(tmp_path)
    killed.kill()
    killed.wait(10)
    killed.stdout.close()
    assert not open_elsewhere(tmp_path)  # the kernel dropped the lock with the process
