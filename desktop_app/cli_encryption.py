"""`dari encryption on|off|change`, `dari lock-status`, and the passphrase of every command.

The passphrase is read from the terminal (getpass, a few quick retries) or, with the
global `--passphrase-stdin`, from the first line(s) of standard input (the rest stays for
the command); never from an argument or an environment variable. On a folder that is
not encrypted nothing is asked.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, TextIO

from desktop_app.domain.messages import N_
from desktop_app.services import DariError, EncryptionService, WrongPassphrase
from desktop_app.services.encryption import (
    BACKUP_LEFT_PLAINTEXT,
    DISK_COPIES,
    LEFT_ENCRYPTED,
    LEFT_PLAINTEXT,
    NO_WAY_AROUND,
    TURNED_OFF,
)

if TYPE_CHECKING:
    from desktop_app.cli import Console
    from desktop_app.storage.crypto import SessionKey

TERMINAL_TRIES = 3
YES = {"y", "yes", "예", "네", "ㅇ"}

NEEDS_PASSPHRASE = N_(
    "Your drafts are encrypted: type the passphrase in a terminal, or give it on the first "
    "line of standard input with --passphrase-stdin (before the command)."
)
NOT_THE_SAME = N_("The two passphrases are not the same; nothing was changed.")
NOT_CONFIRMED = N_("Nothing was changed: decrypting needs a yes.")
DELETE_DAMAGED_HINT = N_("To delete it for good: dari backups delete-damaged {name}")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `encryption` and `lock-status` commands."""
    encryption = sub.add_parser(
        "encryption", help="encrypt the drafts with a passphrase, change it, or decrypt them"
    )
    actions = encryption.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("on", help="encrypt the database; prints the recovery key once")
    actions.add_parser("change", help="change the passphrase (the recovery key still works)")
    p = actions.add_parser("off", help="decrypt the database (asks twice)")
    p.add_argument("--yes", action="store_true", help="do not ask for the confirmation")
    sub.add_parser(
        "lock-status",
        help="print whether the drafts are encrypted, and locked (always, for a new process)",
    )


class _Reader:
    """Reads secrets from stdin lines (--passphrase-stdin) or the terminal."""

    def __init__(self, from_stdin: bool, out: Console, err: TextIO) -> None:
        self.from_stdin = from_stdin
        self.out = out
        self.err = err

    def secret(self, prompt: str) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise DariError(NEEDS_PASSPHRASE)
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise DariError(NEEDS_PASSPHRASE)
        return getpass.getpass(self.out.gettext(prompt), stream=self.err)

    def line(self, prompt: str) -> str:
        if self.from_stdin:
            return sys.stdin.readline().strip()
        if not sys.stdin.isatty():
            return ""
        print(self.out.gettext(prompt), end="", file=self.err, flush=True)
        return sys.stdin.readline().strip()

    @property
    def tries(self) -> int:
        return 1 if self.from_stdin else TERMINAL_TRIES


def _unlock_with_retries(
    service: EncryptionService, reader: _Reader, prompt: str
) -> tuple[SessionKey, str]:
    """The session key and the secret that gave it; WrongPassphrase after the last try."""
    for attempt in range(reader.tries):
        secret = reader.secret(prompt)
        try:
            return service.unlock(secret), secret
        except WrongPassphrase as error:
            if attempt + 1 == reader.tries:
                raise
            from desktop_app.i18n.errors import user_message

            print(user_message(error, reader.out.gettext), file=reader.err)
    raise AssertionError("unreachable")  # pragma: no cover


def session_key(args: argparse.Namespace, out: Console, err: TextIO) -> SessionKey | None:
    """The key of an encrypted folder (asked for), or None when the folder is not encrypted."""
    service = EncryptionService(args.data_dir)
    if not service.status().encrypted:
        return None
    reader = _Reader(args.passphrase_stdin, out, err)
    key, _secret = _unlock_with_retries(service, reader, N_("Passphrase: "))
    return key


def _new_passphrase(reader: _Reader) -> str:
    first = reader.secret(N_("New passphrase: "))
    if reader.secret(N_("The new passphrase again: ")) != first:
        raise DariError(NOT_THE_SAME)
    return first


def run(args: argparse.Namespace, out: Console, err: TextIO) -> int:
    """`dari encryption ACTION` or `dari lock-status` (the database is not opened here)."""
    _ = out.gettext
    service = EncryptionService(args.data_dir)
    status = service.status()
    if args.command == "lock-status":
        # What scripts read: two tab-separated lines. A new process holds no key, so an
        # encrypted folder is always "locked" from here.
        out.print(f"encryption\t{'on' if status.encrypted else 'off'}")
        out.print(f"state\t{'locked' if status.encrypted else 'unlocked'}")
        return 0
    reader = _Reader(args.passphrase_stdin, out, err)
    if args.action == "on":
        if status.encrypted:
            from desktop_app.storage.errors import EncryptionStateError

            raise EncryptionStateError(True)
        print(_(NO_WAY_AROUND), file=err)
        turned = service.turn_on(_new_passphrase(reader))
        turned.key.drop()
        out.print(_("Recovery key (write it down or print it; Dari keeps no copy of it):"))
        out.print(turned.recovery_key)
        out.print(_(DISK_COPIES))
        for path in turned.left_plaintext:
            out.print(_(LEFT_PLAINTEXT).format(name=path.name))
            out.print(_(DELETE_DAMAGED_HINT).format(name=path.name))
        for path in turned.backups_left:
            out.print(_(BACKUP_LEFT_PLAINTEXT).format(name=path.name, folder=path.parent))
        return 0
    if args.action == "change":
        _key, secret = _unlock_with_retries(
            service, reader, N_("Current passphrase or recovery key: ")
        )
        _key.drop()
        service.change_passphrase(secret, _new_passphrase(reader))
        out.print(_("The passphrase was changed. Your recovery key still works."))
        return 0
    # off: the passphrase, then a yes
    _key, secret = _unlock_with_retries(service, reader, N_("Passphrase: "))
    _key.drop()
    if not args.yes:
        answer = reader.line(
            N_(
                "Decrypt your drafts, so that anyone who can read this disk can read them? "
                "Type yes: "
            )
        )
        if answer.lower() not in YES:
            raise DariError(NOT_CONFIRMED)
    done = service.turn_off(secret)
    out.print(_(TURNED_OFF))
    for path in done.left_encrypted:
        key_file = path.with_name(f"{path.name}.key")
        out.print(_(LEFT_ENCRYPTED).format(name=path.name, key=key_file.name))
    return 0
