"""Damage at start in an encrypted folder, through the real `dari`: with the right
passphrase, a truncated file or garbage over a page is said to be damaged (not a wrong
passphrase), nothing is listed, and the file is left byte for byte as it was."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.services import EncryptionService, services_for
from desktop_app.storage import crypto
from tests.e2e.test_cli_encryption import FAST, PASS, dari_in
from tests.helpers.canary import EN_CANARY, KO_CANARY
from tests.helpers.damage import KINDS, copy_folder
from tests.helpers.samples import sample_letter, sample_upr_brief


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and p.name != "dari.log"
    }


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted data folder with 30 drafts (one with the canaries), checkpointed."""
    data = tmp_path_factory.mktemp("encrypted") / "data"
    with services_for(data) as services:
        for number in range(30):
            services.drafts.create(sample_letter() if number % 2 else sample_upr_brief())
        draft = services.drafts.create(sample_letter())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
    EncryptionService(data, kdf=FAST).turn_on(PASS)
    return data


def test_the_healthy_encrypted_folder_lists_with_the_passphrase(encrypted: Path) -> None:
    assert crypto.is_encrypted(encrypted / "dari.sqlite3")
    done = dari_in("list", data_dir=encrypted, stdin=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert KO_CANARY in done.stdout


@pytest.mark.parametrize("kind", ["truncated", "garbage page"])
def test_damage_in_an_encrypted_folder_is_said_and_left_untouched(
    kind: str, encrypted: Path, tmp_path: Path
) -> None:
    data = copy_folder(encrypted, tmp_path / "data")
    KINDS[kind](data / "dari.sqlite3", random.Random(kind))
    before = _digests(data)
    done = dari_in("list", data_dir=data, stdin=PASS + "\n")
    assert done.returncode == 1, done.stdout
    assert done.stdout == ""  # no title
    (line,) = done.stderr.strip().splitlines()  # one sentence, no traceback
    assert "damaged" in line, line
    assert "dari backups restore NAME" in line and "dari salvage" in line, line
    assert "does not unlock" not in line  # the passphrase was right
    assert KO_CANARY not in done.stderr and EN_CANARY not in done.stderr
    assert _digests(data) == before  # not a byte changed, no -wal or -shm made
