"""Which sockets a process tree opens, read from `strace -f -e trace=socket,connect`.

Used by tests/e2e/test_network_audit.py: a whole session (the CLI's commands, the window
offscreen, LibreOffice for the PDF) must open no AF_INET/AF_INET6 socket, and what it
connects to over AF_UNIX must be local things, never a name resolver.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Sockets that answer host-name questions (a resolver would mean a network lookup soon).
RESOLVERS = (
    "/run/nscd/socket",
    "/var/run/nscd/socket",
    "/run/systemd/resolve/",
    "/run/avahi-daemon/socket",
    "/var/run/avahi-daemon/socket",
    "/run/dbus/system_bus_socket",  # NetworkManager, resolved and avahi answer over it
    "/var/run/dbus/system_bus_socket",
)

# socket and connect, as issue 13 asks; the opens too: a host-name lookup reads /etc/hosts.
STRACE = ("strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=socket,connect,open,openat")
_SOCKET = re.compile(r"\bsocket\((AF_[A-Z0-9]+|PF_[A-Z0-9]+|\d+),")
_CONNECT = re.compile(
    r"\bconnect\(\d+, \{sa_family=(AF_[A-Z0-9]+)(?:, ([^}]*))?\}, \d+\) += (-?\d+)(?: (E[A-Z]+))?"
)
_PATH = re.compile(r'sun_path=@?"([^"]*)"')


@dataclass
class Audit:
    """What the trace saw."""

    families: dict[str, int] = field(default_factory=dict)  # socket() calls per family
    unix_paths: dict[str, set[str]] = field(default_factory=dict)  # AF_UNIX target: results
    inet_lines: list[str] = field(default_factory=list)  # any line naming AF_INET(6)

    def resolvers(self) -> list[str]:
        """The resolvers a connect() reached (a refused or missing socket answers nothing:
        the lookup would then read /etc/hosts or /etc/resolv.conf, which the test watches)."""
        return sorted(
            path
            for path, results in self.unix_paths.items()
            if path.startswith(RESOLVERS) and "ok" in results
        )


def read_trace(path: Path) -> Audit:
    audit = Audit()
    for line in path.read_text(errors="replace").splitlines():
        if "AF_INET" in line or "PF_INET" in line:
            audit.inet_lines.append(line)
        if found := _SOCKET.search(line):
            audit.families[found.group(1)] = audit.families.get(found.group(1), 0) + 1
        found = _CONNECT.search(line)
        path_found = _PATH.search(found.group(2) or "") if found else None
        if found and path_found and found.group(1) == "AF_UNIX":
            result = "ok" if found.group(3) == "0" else (found.group(4) or "failed")
            audit.unix_paths.setdefault(path_found.group(1), set()).add(result)
    return audit


def traced(
    command: Sequence[str], log: Path, *, env: dict[str, str], cwd: Path, timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], Audit]:
    """Run `command` under strace (every child followed), then read what it opened."""
    done = subprocess.run(
        [*STRACE, "-o", str(log), *command],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
        cwd=cwd,
    )
    return done, read_trace(log)
