"""`dari` on an encrypted data folder, in real processes: no passphrase, no title; with it,
every command; no draft text in any byte of the folder; on, change, off, lock-status."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.paths import database_path, sample_path
from desktop_app.services import EncryptionService, services_for
from desktop_app.storage import crypto
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks

FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASS = "correct horse 바탕 staple"


def dari_in(
    *args: str | Path, data_dir: Path, stdin: str = "", stdin_pass: bool = True
) -> subprocess.CompletedProcess[str]:
    """`dari --data-dir D [--passphrase-stdin] ARGS` with `stdin` as standard input."""
    options = ["--passphrase-stdin"] if stdin_pass else []
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *options]
        + [str(a) for a in args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    """A data folder with the sample and a canary draft, encrypted (cheap KDF parameters)."""
    with services_for(data_dir) as services:
        services.drafts.import_file(sample_path())
        draft = services.drafts.import_file(sample_path())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
    EncryptionService(data_dir, kdf=FAST).turn_on(PASS)
    return data_dir


def test_without_the_passphrase_no_title_is_listed(encrypted: Path) -> None:
    for result in (
        dari_in("list", data_dir=encrypted, stdin_pass=False),  # no terminal: no prompt
        dari_in("list", data_dir=encrypted, stdin=""),  # --passphrase-stdin, empty input
        dari_in("list", data_dir=encrypted, stdin="wrong passphrase\n"),
        dari_in("list", data_dir=encrypted, stdin=PASS.upper() + "\n"),
    ):
        assert result.returncode == 1
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()  # one sentence, no SQLCipher noise
        assert line.startswith("dari: ")
        assert KO_CANARY not in result.stderr and "강제북송" not in result.stderr
    assert "does not unlock" in result.stderr
    assert leaks(encrypted, KO_CANARY, EN_CANARY) == []


def test_every_command_works_with_the_passphrase_and_nothing_leaks(
    encrypted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    line = PASS + "\n"
    listing = dari_in("list", data_dir=encrypted, stdin=line)
    assert listing.returncode == 0, listing.stderr
    assert KO_CANARY in listing.stdout and "강제북송" in listing.stdout
    commands: list[tuple[str | Path, ...]] = [
        ("list", "--search", "강제북송"),
        ("show", "2"),
        ("check", "2"),
        ("revisions", "2"),
        ("export", "2", "--lang", "both", "--out", out),
        ("export-json", "2"),
        ("import", sample_path()),
        ("glossary", "export", tmp_path / "terms.csv"),
        ("clauses", "export", tmp_path / "clauses.json"),
        ("contacts", "list"),
        ("log",),
        ("trash", "3"),
        ("restore", "3"),
        ("lock-status",),
    ]
    for command in commands:
        result = dari_in(*command, data_dir=encrypted, stdin=line)
        assert result.returncode == 0, (command, result.stderr)
    assert json.loads(dari_in("export-json", "2", data_dir=encrypted, stdin=line).stdout)
    assert len(list(out.glob("*.docx"))) == 2
    # the folder: database, its key header, the log; none holds draft text in any form
    assert leaks(encrypted, KO_CANARY, EN_CANARY) == []
    assert leaks(encrypted, "강제북송", "refoulement") == []
    strings = subprocess.run(
        ["strings", "-a", *map(str, encrypted.iterdir())], capture_output=True, text=True
    ).stdout
    assert EN_CANARY not in strings and "refoulement" not in strings


def test_on_change_off_and_lock_status(data_dir: Path) -> None:
    assert dari_in("import", sample_path(), data_dir=data_dir, stdin_pass=False).returncode == 0
    status = dari_in("lock-status", data_dir=data_dir, stdin_pass=False)
    assert status.stdout == "encryption\toff\nstate\tunlocked\n"
    mismatch = dari_in("encryption", "on", data_dir=data_dir, stdin="aaaaaaaa\nbbbbbbbb\n")
    assert mismatch.returncode == 1 and "not the same" in mismatch.stderr
    assert not crypto.header_path(database_path(data_dir)).exists()
    # the real (default) key derivation parameters, once
    on = dari_in("encryption", "on", data_dir=data_dir, stdin=f"{PASS}\n{PASS}\n")
    assert on.returncode == 0, on.stderr
    assert "no way around the passphrase" in on.stderr
    recovery = on.stdout.splitlines()[1]
    assert crypto.looks_like_recovery_key(recovery)
    assert "full-disk encryption" in on.stdout
    assert dari_in("lock-status", data_dir=data_dir, stdin_pass=False).stdout == (
        "encryption\ton\nstate\tlocked\n"
    )
    assert dari_in("list", data_dir=data_dir, stdin=recovery + "\n").returncode == 0
    change = dari_in(
        "encryption", "change", data_dir=data_dir, stdin=f"{PASS}\nnew passphrase\nnew passphrase\n"
    )
    assert change.returncode == 0, change.stderr
    assert dari_in("list", data_dir=data_dir, stdin=PASS + "\n").returncode == 1
    refused = dari_in("encryption", "off", data_dir=data_dir, stdin="new passphrase\nno\n")
    assert refused.returncode == 1 and "needs a yes" in refused.stderr
    off = dari_in("encryption", "off", data_dir=data_dir, stdin="new passphrase\nyes\n")
    assert off.returncode == 0, off.stderr
    listing = dari_in("list", data_dir=data_dir, stdin_pass=False)
    assert "강제북송" in listing.stdout
