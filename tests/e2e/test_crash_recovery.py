"""Killed mid-typing (SIGKILL), Dari reopens with at most the last two seconds missing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.services import DraftService
from desktop_app.storage import Database

TEXT = "탈북민을 강제로 돌려보내지 말 것을 요청합니다. Stop the forced repatriation. " * 8
TYPE_FOR_S = 4.0
MAY_LOSE_S = 2.0

# The real window, built as app.py builds it, typing one key every 30 ms and saying so.
TYPIST = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from desktop_app.app import build_main_window, make_application

text, data_dir, ini = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
app = make_application(sys.argv[:1])
window, db = build_main_window(app, data_dir, QSettings(ini, QSettings.Format.IniFormat))
window.show()
window.commands["new"].trigger()
print("draft", window.loaded.id, flush=True)
editor = window.form.fields["subject"].editors["ko"]
editor.setFocus()
typed = 0

def key():
    global typed
    if typed >= len(text):
        return
    QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, text[typed],
                       Qt.KeyboardModifier.NoModifier)
    typed += 1
    print("key", f"{time.time():.4f}", typed, flush=True)

timer = QTimer(interval=30)
timer.timeout.connect(key)
timer.start()
QTimer.singleShot(60_000, app.quit)  # never outlive a broken test
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_sigkill_while_typing_loses_at_most_the_last_two_seconds(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    with (tmp_path / "stderr.txt").open("w") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", TYPIST, TEXT, str(data_dir), str(tmp_path / "s.ini")],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=root,
            env=env,
        )
        try:
            assert child.stdout is not None
            lines: list[str] = []
            started = 0.0
            for line in child.stdout:
                lines.append(line)
                if line.startswith("key") and not started:
                    started = time.time()
                if started and time.time() - started >= TYPE_FOR_S:
                    break
            killed_at = time.time()
            os.kill(child.pid, signal.SIGKILL)
            rest, _ = child.communicate(timeout=30)
            lines += rest.splitlines()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert child.returncode == -signal.SIGKILL, (tmp_path / "stderr.txt").read_text()
    draft_id = int(next(line.split()[1] for line in lines if line.startswith("draft")))
    keys = [line.split() for line in lines if line.startswith("key")]
    must_have = max(
        (int(count) for _key, when, count in keys if float(when) <= killed_at - MAY_LOSE_S),
        default=0,
    )
    assert must_have >= 20, f"only {must_have} keys were typed before the last two seconds"

    with Database.open(data_dir / "dari.sqlite3") as db:
        saved = DraftService(db).load(draft_id).document.subject.ko
    assert TEXT.startswith(saved), "the saved text is not what was typed"
    assert len(saved) >= must_have, (
        f"{len(saved)} characters saved; {must_have} were typed more than "
        f"{MAY_LOSE_S} s before the kill"
    )
