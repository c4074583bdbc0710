"""Trash, restore, purge and restoring a revision from the command line, on a real database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import BilingualText
from desktop_app.services import DraftService, services_for
from tests.helpers.cli import dari
from tests.helpers.samples import sample_letter


def stored_draft(data_dir: Path, subject: str) -> tuple[int, int]:
    """A draft saved twice (two revisions); (its id, the first revision's id)."""
    with services_for(data_dir) as services:
        drafts: DraftService = services.drafts
        letter = replace(sample_letter(), subject=BilingualText.of(subject, "First subject"))
        loaded = drafts.create(letter)
        first = drafts.revisions(loaded.id)[0].id
        second = replace(letter, subject=BilingualText.of(subject + " 고침", "Second subject"))
        drafts.save(loaded.id, second, expected_version=loaded.version, revision_reason="saved")
        return loaded.id, first


def test_trash_restore_and_purge(data_dir: Path) -> None:
    draft_id, _ = stored_draft(data_dir, "휴지통에 갈 서한")
    result = dari("trash", draft_id, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "in the trash" in result.stdout
    assert dari("list", data_dir=data_dir).stdout == ""
    assert dari("list", "--trash", data_dir=data_dir).stdout.startswith(f"{draft_id}\t")

    assert dari("restore", draft_id, data_dir=data_dir).returncode == 0
    assert dari("list", data_dir=data_dir).stdout.startswith(f"{draft_id}\t")

    result = dari("purge", draft_id, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert dari("list", data_dir=data_dir).stdout == ""
    assert dari("list", "--trash", data_dir=data_dir).stdout == ""
    for name in ("dari.sqlite3", "dari.sqlite3-wal"):
        path = data_dir / name
        if path.exists():  # secure_delete and the WAL checkpoint leave no readable text
            assert "휴지통에 갈 서한".encode() not in path.read_bytes()
    with sqlite3.connect(data_dir / "dari.sqlite3") as connection:
        assert connection.execute("select count(*) from revisions").fetchone() == (0,)


def test_a_bad_id_is_a_sentence_and_exit_1(data_dir: Path) -> None:
    for command in ("trash", "restore", "purge"):
        result = dari(command, 99, data_dir=data_dir)
        assert result.returncode == 1, (command, result.stderr)
        assert result.stderr.startswith("dari: ") and "99" in result.stderr
        assert "Traceback" not in result.stderr


def test_revisions_restore_keeps_the_replaced_text(data_dir: Path) -> None:
    draft_id, first = stored_draft(data_dir, "되돌릴 서한")
    result = dari("revisions", draft_id, "--restore", first, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert f"revision {first}" in result.stdout
    shown = dari("show", draft_id, data_dir=data_dir).stdout
    assert "First subject" in shown and "Second subject" not in shown
    listing = dari("revisions", draft_id, data_dir=data_dir).stdout.splitlines()
    reasons = [line.split("\t")[3] for line in listing]
    assert reasons[0] == f"restored from revision {first}"
    assert f"before restoring revision {first}" not in reasons  # "saved" already kept it
    with services_for(data_dir) as services:
        kept = services.drafts.revisions(draft_id)
        assert any(r.payload["subject"]["en"] == "Second subject" for r in kept)


def test_revisions_restore_of_another_drafts_revision_is_refused(data_dir: Path) -> None:
    one, _ = stored_draft(data_dir, "첫째")
    _two, revision_of_two = stored_draft(data_dir, "둘째")
    result = dari("revisions", one, "--restore", revision_of_two, data_dir=data_dir)
    assert result.returncode == 1
    assert "another draft" in result.stderr
    assert "첫째 고침" in dari("show", one, data_dir=data_dir).stdout


def test_a_missing_output_folder_is_reported_as_missing(data_dir: Path, tmp_path: Path) -> None:
    draft_id, _ = stored_draft(data_dir, "보낼 서한")
    missing = tmp_path / "없는 폴더"
    result = dari("export", draft_id, "--lang", "both", "--out", missing, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr == f"dari: The folder {missing} does not exist.\n"
    result = dari(
        "export",
        draft_id,
        "--lang",
        "both",
        "--out",
        missing,
        data_dir=data_dir,
        lang="ko_KR.UTF-8",
    )
    assert result.stderr == f"dari: {missing} 폴더가 없습니다.\n"
    assert not missing.exists()
