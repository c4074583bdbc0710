"""Backups of an encrypted folder, in real processes: made encrypted with the session's key,
listed with their drafts, and purged like the database: after `dari purge`, no byte of the
draft's text is left anywhere in the folder, backups included."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop_app.domain import BilingualText
from desktop_app.paths import sample_path
from desktop_app.services import EncryptionService, services_for
from tests.e2e.test_cli_encryption import FAST, PASS, dari_in
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks

SQLITE_HEADER = b"SQLite format 3\x00"


def test_backups_are_encrypted_listed_and_forget_a_purged_draft(data_dir: Path) -> None:
    with services_for(data_dir) as services:
        services.drafts.import_file(sample_path())
        draft = services.drafts.import_file(sample_path())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
    EncryptionService(data_dir, kdf=FAST).turn_on(PASS)

    made = dari_in("backups", "create", data_dir=data_dir, stdin=PASS + "\n")
    assert made.returncode == 0, made.stderr
    listed = dari_in("backups", "list", data_dir=data_dir, stdin=PASS + "\n")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().endswith("\t2")  # both drafts, read with the key
    copies = sorted((data_dir / "backups").glob("dari-*.db"))
    assert copies and all(not c.read_bytes().startswith(SQLITE_HEADER) for c in copies)

    for command in (("trash", str(draft.id)), ("purge", str(draft.id), "--drop-log")):
        done = dari_in(*command, data_dir=data_dir, stdin=PASS + "\n")
        assert done.returncode == 0, done.stderr
    after = dari_in("backups", "list", data_dir=data_dir, stdin=PASS + "\n")
    assert after.returncode == 0, after.stderr
    assert all(line.endswith("\t1") for line in after.stdout.strip().splitlines())
    assert leaks(data_dir, KO_CANARY, EN_CANARY) == []
    # and the purge really reached the backups: opened with the key, none holds the draft
    with services_for(data_dir, EncryptionService(data_dir).unlock(PASS)) as services:
        assert [b.drafts for b in services.backups.list()] == [1] * len(copies)


def test_a_damaged_file_kept_aside_is_encrypted_with_the_folder_and_purged(
    tmp_path: Path,
) -> None:
    """`dari salvage` keeps the damaged plaintext file (and its -wal) aside; `dari encryption
    on` rebuilds it encrypted, so no byte of the folder holds the draft's text; `dari purge`
    then removes the draft from it too."""
    import random
    import shutil

    from desktop_app.storage import backups

    live, data_dir = tmp_path / "live", tmp_path / "data"
    with services_for(live) as services:
        for _ in range(15):
            services.drafts.import_file(sample_path())
        draft = services.drafts.import_file(sample_path())
        document = replace(draft.document, subject=BilingualText.of(KO_CANARY, EN_CANARY))
        services.drafts.save(draft.id, document, expected_version=draft.version)
        shutil.copytree(live, data_dir)  # as a crash leaves it: the -wal unapplied
    with open(data_dir / "dari.sqlite3", "r+b") as f:
        f.seek(4096)
        f.write(random.Random(11).randbytes(4096))
    salvaged = dari_in("salvage", data_dir=data_dir, stdin_pass=False)
    assert salvaged.returncode == 0, salvaged.stderr
    (aside,) = data_dir.glob("dari-damaged-*.db")
    assert any(found[0].startswith(aside.name) for found in leaks(data_dir, KO_CANARY, EN_CANARY))

    on = dari_in("encryption", "on", data_dir=data_dir, stdin=f"{PASS}\n{PASS}\n")
    assert on.returncode == 0, on.stderr
    assert "could not be encrypted" not in on.stdout
    assert leaks(data_dir, KO_CANARY, EN_CANARY) == []
    assert not aside.read_bytes().startswith(SQLITE_HEADER)
    key = EncryptionService(data_dir).unlock(PASS)
    with backups.open_copy(aside, key=key) as conn:  # nothing lost: the draft is in it
        assert KO_CANARY in [row[0] for row in conn.execute("SELECT title_ko FROM drafts")]

    with services_for(data_dir, key) as services:
        doomed = next(d.id for d in services.drafts.list() if d.title_ko == KO_CANARY)
    for command in (("trash", str(doomed)), ("purge", str(doomed), "--drop-log")):
        done = dari_in(*command, data_dir=data_dir, stdin=PASS + "\n")
        assert done.returncode == 0, done.stderr
        assert "may still hold" not in done.stdout
    with backups.open_copy(aside, key=EncryptionService(data_dir).unlock(PASS)) as conn:
        titles = [row[0] for row in conn.execute("SELECT title_ko FROM drafts")]
    assert KO_CANARY not in titles and len(titles) >= 10
    assert leaks(data_dir, KO_CANARY, EN_CANARY) == []
