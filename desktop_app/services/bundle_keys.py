"""This installation's bundle keys and the colleagues' public keys (no Qt).

Each installation has an age X25519 identity (bundles are encrypted to it) and an
Ed25519 signing key (bundles it sends are signed with it), made on first use and kept
in the database's meta table, so they are encrypted whenever the database is, and
never in a plain file. Its *public key* is one line, `dari1:<age recipient>:<Ed25519
public key in hex>`, and its *fingerprint* five groups of four letters and digits (a
base32 of a SHA-256 of both public keys) to compare by phone. Colleagues' public keys
are kept in the same database under `bundle_colleagues` (a JSON list of name and key):
the window's File › Send to a colleague… lists and adds them, the CLI adds them with
`dari keys add`. (They are not QSettings: the command line reaches them too, and a
colleague's name stays as private as the drafts.)
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.messages import N_
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.storage import Database

PREFIX = "dari1"
AGE_IDENTITY = "bundle_age_identity"
SIGNING_KEY = "bundle_signing_key"
COLLEAGUES = "bundle_colleagues"

NOT_A_KEY = N_(
    "“{key}” is not a Dari public key: it starts with dari1: and is shown by `dari keys show` "
    "on your colleague's computer."
)
NO_NAME = N_("Give your colleague's key a name.")


@dataclass(frozen=True)
class PublicKey:
    """Someone's public key: the age recipient and the Ed25519 verification key."""

    recipient: str  # age1…
    verify_key: bytes  # 32 raw bytes

    @property
    def text(self) -> str:
        """The one line to send to a colleague."""
        return f"{PREFIX}:{self.recipient}:{self.verify_key.hex()}"

    @property
    def fingerprint(self) -> str:
        """Five groups of four (A–Z, 2–7), the same on both computers."""
        return fingerprint(self.recipient, self.verify_key)


@dataclass(frozen=True)
class Colleague:
    """A colleague's name (as the user wrote it) and public key."""

    name: str
    key: PublicKey


def fingerprint(recipient: str, verify_key: bytes) -> str:
    """A short, readable digest of both public keys."""
    digest = hashlib.sha256(recipient.encode("ascii") + b"\0" + verify_key).digest()
    letters = base64.b32encode(digest).decode("ascii")[:20]
    return "-".join(letters[i : i + 4] for i in range(0, 20, 4))


def parse_public_key(text: str) -> PublicKey:
    """A PublicKey from its line; DariError (a sentence) when it is not one."""
    from pyrage import x25519

    cleaned = "".join(text.split())
    parts = cleaned.split(":")
    shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DariError(NOT_A_KEY, key=shown)
    try:
        x25519.Recipient.from_str(parts[1])
        verify_key = bytes.fromhex(parts[2])
    except Exception:  # pyrage raises its own RecipientError; hex a ValueError
        raise DariError(NOT_A_KEY, key=shown) from None
    if len(verify_key) != 32:
        raise DariError(NOT_A_KEY, key=shown)
    return PublicKey(parts[1], verify_key)


class KeyService:
    """This installation's keys (made on first use) and the colleagues' keys."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- this installation --------------------------------------------------------------

    def age_identity(self) -> str:
        """The age secret key (AGE-SECRET-KEY-1…), made and stored on first use."""
        self._ensure()
        value = self._db.meta.get(AGE_IDENTITY)
        assert value is not None
        return value

    def signing_key(self) -> Ed25519PrivateKey:
        """The Ed25519 private key bundles are signed with."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self._ensure()
        value = self._db.meta.get(SIGNING_KEY)
        assert value is not None
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value))

    def own(self) -> PublicKey:
        """This installation's public key."""
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
        from pyrage import x25519

        identity = x25519.Identity.from_str(self.age_identity())
        verify = self.signing_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(str(identity.to_public()), verify)

    def _ensure(self) -> None:
        if self._db.meta.get(AGE_IDENTITY) is not None:
            return
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )
        from pyrage import x25519

        signing = Ed25519PrivateKey.generate()
        raw = signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        self._db.meta.set(SIGNING_KEY, raw.hex())  # first: a half-made pair is made anew
        self._db.meta.set(AGE_IDENTITY, str(x25519.Identity.generate()))

    # -- colleagues ---------------------------------------------------------------------

    def colleagues(self) -> list[Colleague]:
        """Every colleague's key, in the order they were added."""
        raw = self._db.meta.get(COLLEAGUES)
        entries = json.loads(raw) if raw else []
        return [Colleague(e["name"], parse_public_key(e["key"])) for e in entries]

    def add_colleague(self, name: str, key_text: str) -> Colleague:
        """Keep a colleague's key under `name` (a key added again replaces the old name)."""
        name = " ".join(name.split())
        if not name:
            raise DariError(NO_NAME)
        key = parse_public_key(key_text)
        kept = [c for c in self.colleagues() if c.key != key and c.name != name]
        colleague = Colleague(name, key)
        self._store([*kept, colleague])
        return colleague

    def remove_colleague(self, name: str) -> None:
        """Forget a colleague's key."""
        self._store([c for c in self.colleagues() if c.name != name])

    def signer_name(self, verify_key: bytes) -> str | None:
        """The colleague (or "me") whose key signed a bundle; None for an unknown signer."""
        if verify_key == self.own().verify_key:
            return ""
        for colleague in self.colleagues():
            if colleague.key.verify_key == verify_key:
                return colleague.name
        return None

    def _store(self, colleagues: list[Colleague]) -> None:
        entries = [{"name": c.name, "key": c.key.text} for c in colleagues]
        self._db.meta.set(COLLEAGUES, json.dumps(entries, ensure_ascii=False))


def self_check() -> None:
    """age (pyrage) and Ed25519 (cryptography) load and round-trip: the one-folder build's
    smoke test calls this, so a build without them fails there, not at a colleague's desk."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from pyrage import decrypt, encrypt, x25519

    identity = x25519.Identity.generate()
    if decrypt(encrypt(b"dari", [identity.to_public()]), [identity]) != b"dari":
        raise AssertionError("age did not give back what it encrypted")
    key = Ed25519PrivateKey.generate()
    key.public_key().verify(key.sign(b"dari"), b"dari")  # raises InvalidSignature
