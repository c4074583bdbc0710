"""The window locks when the desktop session locks: real D-Bus signals on a private bus
(a real `dbus-daemon --session`, signals sent by the real `dbus-send`), the real window
over an encrypted database."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from desktop_app.gui.window import session_lock
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.gui.window.session_lock import SessionLockWatcher
from tests.gui.window.test_lock import _holds_canary, encrypted_window  # noqa: F401


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[tuple[str, object]]:
    """A private session bus: (its address, a QDBusConnection to it). dbus-daemon comes
    with apt's `dbus` (.ci/run installs it)."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1",
         f"--address=unix:path={tmp_path / 'bus'}"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    name = f"dari-test-{tmp_path.name}"
    connection = QDBusConnection.connectToBus(address, name)
    assert connection.isConnected()
    try:
        yield address, connection
    finally:
        QDBusConnection.disconnectFromBus(name)
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()


def send(address: str, path: str, signal: str, *args: str) -> None:
    subprocess.run(
        ["dbus-send", f"--bus={address}", "--type=signal", path, signal, *args],
        check=True,
        timeout=10,
    )


def test_the_screen_saver_starting_locks_the_window(
    qtbot,
    encrypted_window: MainWindow,  # noqa: F811
    bus: tuple[str, object],
) -> None:
    window = encrypted_window
    address, connection = bus
    watcher = SessionLockWatcher(window.locker.session_locked, window, buses=(connection, None))
    assert watcher.connected == [
        "org.freedesktop.ScreenSaver.ActiveChanged",
        "org.gnome.ScreenSaver.ActiveChanged",
    ]
    assert _holds_canary(window)
    send(address, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
         "boolean:false")  # fmt: skip
    qtbot.wait(300)
    assert not window.locker.locked  # the screen saver stopping locks nothing
    send(address, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "boolean:true")
    qtbot.waitUntil(lambda: window.locker.locked, timeout=10_000)
    assert _holds_canary(window) == []


def test_logind_locking_the_session_locks_the_window(
    qtbot,
    encrypted_window: MainWindow,  # noqa: F811
    bus: tuple[str, object],
) -> None:
    window = encrypted_window
    address, connection = bus  # the private bus stands for the system bus here
    watcher = SessionLockWatcher(window.locker.session_locked, window, buses=(None, connection))
    assert watcher.connected == ["org.freedesktop.login1.Session.Lock"]
    send(address, "/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session.Lock")
    qtbot.waitUntil(lambda: window.locker.locked, timeout=10_000)
    assert _holds_canary(window) == []


def test_no_bus_no_error_and_other_platforms_listen_to_nothing(monkeypatch, qapp) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    monkeypatch.setattr(session_lock, "SYSTEM_BUS_SOCKET", Path("/nonexistent/socket"))
    monkeypatch.delenv("DBUS_SYSTEM_BUS_ADDRESS", raising=False)
    assert not session_lock.session_bus_present() and not session_lock.system_bus_present()
    locked: list[bool] = []
    assert SessionLockWatcher(lambda: locked.append(True)).connected == []
    for platform in ("win32", "darwin"):
        hook = SessionLockWatcher(lambda: locked.append(True), platform=platform)
        assert hook.connected == []
        hook.session_locked()  # what a native listener would call
    assert locked == [True, True]
    assert QApplication.instance() is not None
