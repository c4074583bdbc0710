"""Locking the window when the desktop session locks, where the platform tells Qt.

Linux: D-Bus signals, through QtDBus, listened to only when the bus is there (nothing is
started, no error otherwise; a bus is a local socket, never the network):
- the session bus's screen savers, `org.freedesktop.ScreenSaver.ActiveChanged(true)` (KDE,
  Xfce, and others) and `org.gnome.ScreenSaver.ActiveChanged(true)` (GNOME);
- the system bus's `org.freedesktop.login1.Session.Lock` (`loginctl lock-session`, the
  desktops that lock through logind), from any session path.
Windows and macOS: Qt gives no session-lock event; `SessionLockWatcher.session_locked`
is the hook a native listener would call (WTSRegisterSessionNotification's
WM_WTSSESSION_CHANGE / WTS_SESSION_LOCK through a native event filter on Windows,
`com.apple.screenIsLocked` from the distributed notification centre on macOS).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import SLOT, QObject, Slot

log = logging.getLogger(__name__)

SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("org.gnome.ScreenSaver", "ActiveChanged"),
)
LOGIN1_SESSION = ("org.freedesktop.login1.Session", "Lock")
SYSTEM_BUS_SOCKET = Path("/run/dbus/system_bus_socket")


def session_bus_present(environ: dict[str, str] | None = None) -> bool:
    """True when a session bus can be reached without starting one (Qt's libdbus would
    otherwise try to autolaunch a daemon)."""
    env = os.environ if environ is None else environ
    if env.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR")
    return runtime is not None and runtime != "" and Path(runtime, "bus").exists()


def system_bus_present(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return bool(env.get("DBUS_SYSTEM_BUS_ADDRESS")) or SYSTEM_BUS_SOCKET.exists()


def _desktop_buses() -> tuple[Any, Any]:
    """The session and system buses that are there (None for one that is not)."""
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError:  # a build without QtDBus: no session lock, nothing to say
        return None, None
    session = QDBusConnection.sessionBus() if session_bus_present() else None
    system = QDBusConnection.systemBus() if system_bus_present() else None
    return session, system


class SessionLockWatcher(QObject):
    """Calls `on_lock` when the session locks; `connected` names the signals listened to.

    `buses`: the (session, system) QDBusConnections to listen on (tests pass a private
    bus); by default the desktop's, each only when it is there.
    """

    def __init__(
        self,
        on_lock: Callable[[], object],
        parent: QObject | None = None,
        *,
        platform: str = sys.platform,
        buses: tuple[Any, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_lock = on_lock
        self.connected: list[str] = []
        if buses is not None:
            self._connect(*buses)
        elif platform.startswith("linux"):
            self._connect(*_desktop_buses())

    def _connect(self, session: Any, system: Any) -> None:
        if session is not None and session.isConnected():
            for interface, name in SCREEN_SAVERS:
                if session.connect("", "", interface, name, self, SLOT("active_changed(bool)")):
                    self.connected.append(f"{interface}.{name}")
        if system is not None and system.isConnected():
            interface, name = LOGIN1_SESSION
            if system.connect("", "", interface, name, self, SLOT("session_locked()")):
                self.connected.append(f"{interface}.{name}")
        if self.connected:
            log.info("locking with the session: %s", ", ".join(self.connected))

    @Slot(bool)
    def active_changed(self, active: bool) -> None:
        """A screen saver started (True) or stopped."""
        if active:
            self.session_locked()

    @Slot()
    def session_locked(self) -> None:
        """The session locked: lock the window (the hook for a native listener too)."""
        log.info("the session locked")
        self._on_lock()
