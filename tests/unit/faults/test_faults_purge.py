"""Deleted means gone everywhere: after a purge no file in the data folder holds the text."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from desktop_app.domain import BilingualText
from desktop_app.logs import logging_to
from desktop_app.services import ExportRequest, services_for
from desktop_app.storage import backups
from tests.helpers.canary import find_canary, forms
from tests.helpers.samples import sample_letter

KO = "카나리아탈북민김영희"
EN = "CanaryDefectorKimYounghee"


def _letter(step: int):  # type: ignore[no-untyped-def]
    letter = sample_letter()
    body = letter.body
    text = body[0].text
    first = dataclasses.replace(
        body[0],
        text=dataclasses.replace(text, ko=f"{KO} {step} {text.ko}", en=f"{EN} {step} {text.en}"),
    )
    return dataclasses.replace(
        letter,
        subject=BilingualText(ko=f"{KO} 서한", en=f"{EN} letter"),
        body=(first, *body[1:]),
    )


def test_the_canary_helper_finds_every_form(tmp_path: Path) -> None:
    for name, data in forms(KO).items():
        (tmp_path / f"{name}.bin").write_bytes(b"\0" * 10 + data + b"\0")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".hidden").write_bytes(EN.encode("utf-16-be"))
    found = {s.path.name for s in find_canary(tmp_path, KO, EN)}
    assert found == {f"{name}.bin" for name in forms(KO)} | {".hidden"}
    assert find_canary(tmp_path, "없는말") == []


def _purge_scenario(tmp_path: Path, *, via_trash: bool) -> Path:
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    with logging_to(data), services_for(data) as services:
        other = services.drafts.create(sample_letter())
        loaded = services.drafts.create(_letter(0))
        for step in range(1, 25):  # many saves, with revisions
            loaded = services.drafts.save(
                loaded.id,
                _letter(step),
                expected_version=loaded.version,
                revision_reason=f"step {step}" if step % 5 == 0 else None,
            )
            if step in (8, 16):
                services.backups.create()  # backups hold the draft
        files = services.drafts.export(loaded.id, ExportRequest(languages="both"), out)
        assert files
        logging.getLogger("test").warning("exported %s", [f.name for f in files])
        before = {s.path.name for s in find_canary(data, KO, EN)}
        assert before & {"dari.sqlite3", "dari.sqlite3-wal"}  # the live database
        assert any(name.startswith("dari-2") for name in before)  # and in the backups
        assert len(backups.backup_files(data / "dari.sqlite3")) >= 2
        if via_trash:
            services.drafts.trash(loaded.id)
            services.drafts.empty_trash(keep_log=False)
        else:
            services.drafts.purge(loaded.id, keep_log=False)
        assert services.log.count_for_draft(loaded.id) == 0
        # Still there: the other draft, in the database and in every backup.
        assert [d.id for d in services.drafts.list()] == [other.id]
        for info in services.backups.list():
            assert info.drafts == 1, info
        sightings = find_canary(data, KO, EN)
        assert sightings == [], sightings  # while the database is open
    return data


def test_purge_leaves_no_byte_of_the_draft_in_the_data_folder(tmp_path: Path) -> None:
    data = _purge_scenario(tmp_path, via_trash=False)
    assert find_canary(data, KO, EN) == []  # and once it is closed


def test_emptying_the_trash_forgets_everywhere_too(tmp_path: Path) -> None:
    data = _purge_scenario(tmp_path, via_trash=True)
    assert find_canary(data, KO, EN) == []


def test_a_backup_from_an_older_schema_is_rewritten_too(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    db_path = tmp_path / "data" / "dari.sqlite3"
    folder = db_path.parent / "backups"
    folder.mkdir(parents=True)
    old = folder / "dari-20200101-000000.db"
    with closing(sqlite3.connect(old)) as conn:  # 0001: drafts and revisions, no exports
        conn.execute("CREATE TABLE drafts (id INTEGER PRIMARY KEY, payload TEXT, deleted_at)")
        conn.execute("CREATE TABLE revisions (id INTEGER PRIMARY KEY, draft_id INT, payload)")
        conn.execute("INSERT INTO drafts VALUES (1, ?, NULL), (2, 'other', NULL)", (KO,))
        conn.execute("INSERT INTO revisions VALUES (1, 1, ?)", (EN,))
        conn.commit()
    assert backups.forget_drafts(db_path, [1], keep_exports=False) == backups.Forgotten(1)
    assert find_canary(folder, KO, EN) == []
    with closing(sqlite3.connect(old)) as conn:
        assert conn.execute("SELECT id FROM drafts").fetchall() == [(2,)]


def _damaged_aside_with_the_canary(tmp_path: Path, *, encrypted: bool):  # type: ignore[no-untyped-def]
    """A folder whose database was damaged (garbage over a page) and salvaged: the damaged
    file kept aside still holds the canary draft, which is in the salvaged database too."""
    import random

    from desktop_app.services import EncryptionService, recovery
    from desktop_app.storage import crypto

    data = tmp_path / "data"
    with services_for(data) as services:
        for _ in range(20):
            services.drafts.create(sample_letter())
        doomed = services.drafts.create(_letter(0)).id
        services._db.checkpoint()
    key = None
    if encrypted:
        fast = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
        key = EncryptionService(data, kdf=fast).turn_on("damaged aside canary").key
    path = data / "dari.sqlite3"
    with open(path, "r+b") as f:  # the second page: never the canary's
        f.seek(4096)
        f.write(random.Random(7).randbytes(4096))
    done = recovery.salvage(data, key=key)
    assert done.drafts >= 1
    if not encrypted:
        assert [s.path.name for s in find_canary(data, KO, EN)] != []
        assert any(s.path == done.kept_aside for s in find_canary(data, KO, EN))
    return data, doomed, done.kept_aside, key


def test_a_purge_forgets_the_draft_in_a_damaged_file_kept_aside(tmp_path: Path) -> None:
    data, doomed, aside, _key = _damaged_aside_with_the_canary(tmp_path, encrypted=False)
    with services_for(data) as services:
        if doomed not in [s.id for s in services.drafts.list()]:  # salvage lost it: put it back
            doomed = services.drafts.create(_letter(0)).id
        kept = len(services.drafts.list()) - 1
        services.drafts.purge(doomed, keep_log=False)
    assert find_canary(data, KO, EN) == []  # the damaged file too
    assert aside.exists() and backups.is_good(aside)  # rebuilt from what could be read
    with backups.open_copy(aside) as conn:
        assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == kept
    assert not any(side.exists() for side in backups.side_files(aside))


def test_a_purge_forgets_the_draft_in_an_encrypted_damaged_file(tmp_path: Path) -> None:
    from desktop_app.storage.salvage import decrypted_image

    data, doomed, aside, key = _damaged_aside_with_the_canary(tmp_path, encrypted=True)

    def plain_aside() -> bytes:
        return decrypted_image(aside.read_bytes(), key.get(aside))[0]

    assert KO.encode() in plain_aside() or EN.encode() in plain_aside()
    with services_for(data, key) as services:
        services.drafts.purge(doomed, keep_log=False)
    assert find_canary(data, KO, EN) == []
    assert not crypto_plaintext(aside)
    image = plain_aside()  # decrypted with the key: the canary is gone from it too
    assert KO.encode() not in image and EN.encode() not in image


def crypto_plaintext(path: Path) -> bool:
    from desktop_app.storage import crypto

    return crypto.is_plaintext_sqlite(path)


def test_a_damaged_file_with_nothing_readable_is_left_and_said(tmp_path: Path, caplog) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        doomed = services.drafts.create(_letter(0)).id
    aside = data / "dari-damaged-20260101-000000.db"
    aside.write_bytes(b"\0" * 8192)  # no Dari table can be read in it
    before = aside.read_bytes()
    with caplog.at_level(logging.WARNING), services_for(data) as services:
        purged = services.drafts.purge(doomed, keep_log=False)
    assert aside.read_bytes() == before
    assert "a purged draft may remain in dari-damaged-20260101-000000.db" in caplog.text
    assert purged.left == (aside,)  # the caller tells the person and offers to delete it


def test_dari_purge_names_a_damaged_file_it_could_not_rewrite(tmp_path: Path) -> None:
    from tests.helpers.cli import dari

    data = tmp_path / "data"
    with services_for(data) as services:
        doomed = services.drafts.create(_letter(0)).id
        services.drafts.trash(doomed)
        other = services.drafts.create(_letter(1)).id
    aside = data / "dari-damaged-20260101-000000.db"
    aside.write_bytes(b"\0" * 4096 + KO.encode() + b"\0" * 4096)  # nothing reads
    done = dari("purge", str(doomed), data_dir=data)
    assert done.returncode == 0, done.stderr
    assert aside.exists()  # never deleted without the person's word
    assert f"“{aside.name}”" in done.stdout and "may still hold its text" in done.stdout
    assert f"dari backups delete-damaged {aside.name}" in done.stdout
    korean = dari("purge", str(other), data_dir=data, lang="ko_KR.UTF-8")
    assert korean.returncode == 0, korean.stderr
    assert aside.name in korean.stdout and "may still hold" not in korean.stdout
    gone = dari("backups", "delete-damaged", aside.name, data_dir=data)
    assert gone.returncode == 0, gone.stderr
    assert find_canary(data, KO, EN) == []
