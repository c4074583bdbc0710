"""Encryption at rest: the database key, how the passphrase and the recovery key unwrap it,
and the small plaintext header beside the database that says how.

The database is a SQLCipher 4 file encrypted with a random 32-byte **database key**, given
to SQLCipher raw (`PRAGMA key = "x'…'"`), so opening a connection runs no key derivation.
That key is stored twice in the header `<database>.key` (JSON), each time wrapped:

- by the **passphrase**: Argon2id (salt and parameters in the header) gives a 32-byte
  key-encryption key, and the wrapped key is the database key XOR that key;
- by the **recovery key** (160 random bits shown to the user once, as 8 groups of 4
  base32 letters): HMAC-SHA256 of it gives the key-encryption key the same way.

XOR with a key-encryption key is a one-time pad here: each key-encryption key is
pseudo-random, used for exactly one 32-byte random value, and a new passphrase gets a new
salt. An HMAC "check" of each key-encryption key tells a wrong passphrase apart at once,
and an HMAC of the database key proves the unwrapped key is the right one. Changing the
passphrase rewraps the same database key (instant, no re-encryption); the recovery key
keeps working. An attacker holding the header can only guess passphrases through Argon2id.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from desktop_app.files import atomic_write_bytes
from desktop_app.files.errors import ExportError
from desktop_app.storage.errors import DatabaseUnavailable, KeyFileDamaged, WrongPassphrase

KEY_BYTES: Final = 32
HEADER_FORMAT: Final = "dari-encryption"
HEADER_VERSION: Final = 1
SQLITE_MAGIC: Final = b"SQLite format 3\x00"
RECOVERY_BYTES: Final = 20  # 160 bits: 32 base32 letters


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters (RFC 9106 names): passes, memory in KiB, lanes."""

    time_cost: int = 3
    memory_kib: int = 256 * 1024
    parallelism: int = 4


# Measured in bench/bench_crypto.py: ≥ 0.5 s on the development machine (2 cores).
DEFAULT_KDF: KdfParams = KdfParams()


@dataclass(frozen=True)
class Wrapped:
    """The database key XOR a key-encryption key, and a check value of that key."""

    wrapped: bytes
    check: bytes


@dataclass(frozen=True)
class KeyHeader:
    """What the plaintext header beside an encrypted database holds (no secret)."""

    kdf: KdfParams
    salt: bytes
    passphrase: Wrapped
    recovery: Wrapped
    key_check: bytes


@dataclass(frozen=True)
class NewKey:
    """A database key just made, its header, and the recovery key to show once."""

    key: bytes
    header: KeyHeader
    recovery_key: str


def header_path(db_path: Path) -> Path:
    """`dari.sqlite3` → `dari.sqlite3.key`."""
    return db_path.with_name(f"{db_path.name}.key")


def is_plaintext_sqlite(db_path: Path) -> bool:
    """True when the file starts as every unencrypted SQLite file does."""
    try:
        with db_path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def is_encrypted(db_path: Path) -> bool:
    """Encrypted means: a header beside the database and no plaintext SQLite file.

    A header beside a plaintext file is what an interrupted "turn on" leaves: the plaintext
    file is still the database (it was replaced only after its encrypted copy was checked).
    A header without a file is a new encrypted database.
    """
    if not header_path(db_path).exists():
        return False
    return not is_plaintext_sqlite(db_path)


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id(passphrase, salt) → 32 bytes. The passphrase is taken in NFC, so Hangul
    typed as syllables or as conjoining jamo (macOS input, some IMEs) is the same."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _mac(key: bytes, label: bytes) -> bytes:
    return hmac.new(key, label, hashlib.sha256).digest()[:16]


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def _wrap(key: bytes, kek: bytes) -> Wrapped:
    return Wrapped(_xor(key, kek), _mac(kek, b"dari kek check v1"))


def _unwrap(slot: Wrapped, kek: bytes, key_check: bytes) -> bytes | None:
    if not hmac.compare_digest(slot.check, _mac(kek, b"dari kek check v1")):
        return None
    key = _xor(slot.wrapped, kek)
    if not hmac.compare_digest(key_check, _mac(key, b"dari database key check v1")):
        return None
    return key


def new_recovery_key() -> str:
    """160 random bits as `ABCD-EFGH-…` (8 groups of 4 base32 letters)."""
    letters = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _recovery_secret(recovery_key: str) -> bytes | None:
    letters = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")  # misread letters
    if len(letters) != 32:
        return None
    try:
        return base64.b32decode(letters)
    except (binascii.Error, ValueError):
        return None


def _recovery_kek(secret: bytes) -> bytes:
    return hmac.new(secret, b"dari recovery kek v1", hashlib.sha256).digest()


def looks_like_recovery_key(text: str) -> bool:
    """True when `text` has the shape of a recovery key (so it is tried as one)."""
    return _recovery_secret(text) is not None


def create_key(passphrase: str, params: KdfParams | None = None) -> NewKey:
    """A new random database key wrapped by `passphrase` and by a new recovery key."""
    params = params or DEFAULT_KDF
    key = secrets.token_bytes(KEY_BYTES)
    salt = secrets.token_bytes(16)
    recovery_key = new_recovery_key()
    secret = _recovery_secret(recovery_key)
    assert secret is not None
    header = KeyHeader(
        kdf=params,
        salt=salt,
        passphrase=_wrap(key, derive(passphrase, salt, params)),
        recovery=_wrap(key, _recovery_kek(secret)),
        key_check=_mac(key, b"dari database key check v1"),
    )
    return NewKey(key, header, recovery_key)


def rewrap(
    header: KeyHeader, key: bytes, new_passphrase: str, params: KdfParams | None = None
) -> KeyHeader:
    """The same database key under a new passphrase (new salt, current default parameters)."""
    salt = secrets.token_bytes(16)
    params = params or DEFAULT_KDF
    return replace(
        header, kdf=params, salt=salt, passphrase=_wrap(key, derive(new_passphrase, salt, params))
    )


def unlock(header: KeyHeader, secret: str, db_path: Path) -> bytes:
    """The database key from the passphrase or the recovery key; WrongPassphrase otherwise."""
    key = _unwrap(header.passphrase, derive(secret, header.salt, header.kdf), header.key_check)
    if key is None and (recovery := _recovery_secret(secret)) is not None:
        key = _unwrap(header.recovery, _recovery_kek(recovery), header.key_check)
    if key is None:
        raise WrongPassphrase(db_path)
    return key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def header_to_json(header: KeyHeader) -> bytes:
    """The header file's bytes."""
    doc: dict[str, Any] = {
        "format": HEADER_FORMAT,
        "version": HEADER_VERSION,
        "cipher": "sqlcipher4-raw-key",
        "kdf": {
            "name": "argon2id",
            "time_cost": header.kdf.time_cost,
            "memory_kib": header.kdf.memory_kib,
            "parallelism": header.kdf.parallelism,
            "salt": _b64(header.salt),
        },
        "passphrase": {
            "wrapped": _b64(header.passphrase.wrapped),
            "check": _b64(header.passphrase.check),
        },
        "recovery": {
            "wrapped": _b64(header.recovery.wrapped),
            "check": _b64(header.recovery.check),
        },
        "key_check": _b64(header.key_check),
    }
    return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


def header_from_json(data: bytes, path: Path) -> KeyHeader:
    """Parse the header file; KeyFileDamaged when it is not one."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc["format"] != HEADER_FORMAT or doc["version"] != HEADER_VERSION:
            raise ValueError(f"unknown header {doc.get('format')!r} {doc.get('version')!r}")
        kdf = doc["kdf"]
        if kdf["name"] != "argon2id":
            raise ValueError(f"unknown kdf {kdf['name']!r}")

        def slot(name: str) -> Wrapped:
            wrapped = base64.b64decode(doc[name]["wrapped"], validate=True)
            if len(wrapped) != KEY_BYTES:
                raise ValueError(f"{name}: {len(wrapped)} bytes")
            return Wrapped(wrapped, base64.b64decode(doc[name]["check"], validate=True))

        return KeyHeader(
            kdf=KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"])),
            salt=base64.b64decode(kdf["salt"], validate=True),
            passphrase=slot("passphrase"),
            recovery=slot("recovery"),
            key_check=base64.b64decode(doc["key_check"], validate=True),
        )
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise KeyFileDamaged(path, str(exc)) from exc


def read_header(db_path: Path) -> KeyHeader:
    """The header beside `db_path`; KeyFileDamaged when it is missing or unreadable."""
    path = header_path(db_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise KeyFileDamaged(path, "missing") from exc
    except OSError as exc:
        raise DatabaseUnavailable(path, exc.strerror or str(exc)) from exc
    return header_from_json(data, path)


def write_header(db_path: Path, header: KeyHeader, *, name: Path | None = None) -> Path:
    """Write the header atomically (user-only) beside the database, or at `name`."""
    path = name or header_path(db_path)
    try:
        atomic_write_bytes(path, header_to_json(header))
    except ExportError as exc:
        raise DatabaseUnavailable(path, str(exc)) from exc
    return path


def key_pragma(key: bytes) -> str:
    """The statement giving SQLCipher a raw key (no derivation on connect)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key has 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


class SessionKey:
    """The database key of one unlocked session, in memory only; `drop()` forgets it.

    Engines ask it for the key on every new connection, so once dropped no connection can
    be opened again: every database access raises DatabaseLocked.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a database key has 32 bytes")
        self._key: bytearray | None = bytearray(key)

    def get(self, db_path: Path) -> bytes:
        """The key; DatabaseLocked once dropped."""
        if self._key is None:
            from desktop_app.storage.errors import DatabaseLocked

            raise DatabaseLocked(db_path)
        return bytes(self._key)

    @property
    def dropped(self) -> bool:
        """True once the key was forgotten."""
        return self._key is None

    def take(self, other: SessionKey) -> None:
        """Hold `other`'s key from now on (unlocking again after a lock); `other` is dropped."""
        if other._key is None:
            raise ValueError("the key given was dropped already")
        self.drop()
        self._key = bytearray(other._key)
        other.drop()

    def drop(self) -> None:
        """Overwrite and forget the key (Python may still hold copies it made on the way)."""
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None

    def __repr__(self) -> str:  # never the key itself, in a log or a traceback
        return f"SessionKey(dropped={self.dropped})"
