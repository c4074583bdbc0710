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
    assert backups.forget_drafts(db_path, [1], keep_exports=False) == 1
    assert find_canary(folder, KO, EN) == []
    with closing(sqlite3.connect(old)) as conn:
        assert conn.execute("SELECT id FROM drafts").fetchall() == [(2,)]
