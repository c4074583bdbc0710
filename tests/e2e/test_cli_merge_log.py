"""`dari merge`, `dari log`, `dari log mark-sent` and `dari purge --keep-log/--drop-log`, as a
script runs them: the real command in a child process, a real database, real files."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

import pytest

from desktop_app.paths import sample_path
from tests.helpers.cli import dari
from tests.helpers.docx_checks import docx_text
from tests.helpers.recipients import foreign_minister, recipients_json, upr_46_missions

KOREAN = "ko_KR.UTF-8"


@pytest.fixture
def letter_id(data_dir: Path) -> int:
    result = dari("import", sample_path(), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


@pytest.fixture
def recipients_file(tmp_path: Path) -> Path:
    path = tmp_path / "missions.json"
    path.write_text(recipients_json(upr_46_missions()), encoding="utf-8")
    return path


def test_merge_to_14_missions_prints_28_files_and_logs_them(
    data_dir: Path, letter_id: int, recipients_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = dari(
        "merge", letter_id, "--recipients", recipients_file, "--lang", "both", "--out", out,
        data_dir=data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.splitlines()]
    assert len(printed) == 28 and sorted(printed) == sorted(out.iterdir())
    log = dari("log", letter_id, "--format", "csv", data_dir=data_dir)
    assert log.returncode == 0, log.stderr
    rows = list(csv.DictReader(io.StringIO(log.stdout)))
    assert len(rows) == 28
    header = log.stdout.splitlines()[0].split(",")
    required = ["draft", "revision", "recipient", "file", "sha256", "exported_at", "sent_at"]
    assert header[:8] == [*required, "channel"]
    for row in rows:
        assert hashlib.sha256(Path(row["file"]).read_bytes()).hexdigest() == row["sha256"]
        assert row["draft"] == str(letter_id) and row["sent_at"] == row["channel"] == ""
    assert "Permanent Mission of Cambodia" in rows[-1]["recipient"]


def test_log_text_mark_sent_and_its_sentences(
    data_dir: Path, letter_id: int, tmp_path: Path
) -> None:
    today = date.today().isoformat()
    recipients = tmp_path / "one.json"
    recipients.write_text(recipients_json([foreign_minister()]), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert dari("merge", letter_id, "--recipients", recipients, "--lang", "en", "--out", out,
                data_dir=data_dir).returncode == 0  # fmt: skip
    (path,) = out.iterdir()
    assert "Dear Minister Cho," in docx_text(path)
    text = dari("log", data_dir=data_dir).stdout
    entry_id, draft, _rev, _when, lang, recipient, name, sent = text.strip().split("\t")
    assert (draft, lang, name, sent) == (str(letter_id), "en", path.name, "not sent")
    assert "Cho Tae-yul" in recipient

    marked = dari("log", "mark-sent", entry_id, "--channel", "email", "--date", today,
                  "--note", "to the desk officer", data_dir=data_dir)  # fmt: skip
    assert marked.returncode == 0, marked.stderr
    assert f"marked sent on {today}" in marked.stdout
    assert f"sent {today} (e-mail)" in dari("log", data_dir=data_dir).stdout
    rows = list(csv.DictReader(io.StringIO(dari("log", "--format", "csv", "--sent",
                                                data_dir=data_dir).stdout)))  # fmt: skip
    assert [(r["sent_at"], r["channel"], r["note"]) for r in rows] == [
        (today, "email", "to the desk officer")
    ]
    assert (
        dari("log", "--unsent", data_dir=data_dir).stdout.strip()
        == "The export log has no entries."
    )

    bad = dari("log", "mark-sent", entry_id, "--channel", "pigeon", data_dir=data_dir)
    assert bad.returncode == 1 and "not a way of sending" in bad.stderr
    assert "Traceback" not in bad.stderr
    bad = dari("log", "mark-sent", entry_id, "--channel", "fax", "--date", "18/04/2024",
               data_dir=data_dir)  # fmt: skip
    assert bad.returncode == 1 and "write it as 2024-04-18" in bad.stderr
    bad = dari("log", "mark-sent", "999", "--channel", "fax", data_dir=data_dir)
    assert bad.returncode == 1 and "no entry 999" in bad.stderr
    bad = dari("log", "mark-sent", entry_id, data_dir=data_dir)
    assert bad.returncode == 1 and "--channel" in bad.stderr
    korean = dari("log", "mark-sent", entry_id, "--channel", "pigeon", data_dir=data_dir,
                  lang=KOREAN)  # fmt: skip
    assert korean.returncode == 1 and "pigeon" in korean.stderr
    assert "not a way" not in korean.stderr  # said in Korean


def test_log_writes_a_csv_file_for_excel(data_dir: Path, letter_id: int, tmp_path: Path) -> None:
    assert dari("export", letter_id, "--out", tmp_path, data_dir=data_dir).returncode == 0
    target = tmp_path / "log.csv"
    result = dari("log", "--out", target, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "2 entries written" in result.stdout
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_merge_by_list_or_contact_takes_the_holder_on_the_letter_s_date(
    data_dir: Path, letter_id: int, tmp_path: Path
) -> None:
    assert dari("contacts", "import-sample", data_dir=data_dir).returncode == 0
    listed = dari("contacts", "list", "--search", "외교부 장관", data_dir=data_dir).stdout
    [office] = [line.split("\t")[0] for line in listed.splitlines() if line.startswith("position-")]
    assert dari("lists", "create", "Ministers", data_dir=data_dir).returncode == 0
    assert dari("lists", "add", "Ministers", office, data_dir=data_dir).returncode == 0
    # The sample letter is dated 18 April 2024: the Foreign Minister then was 조태열.
    for n, who in enumerate((["--list", "Ministers"], ["--to", office])):
        out = tmp_path / f"out{n}"
        out.mkdir()
        result = dari("merge", letter_id, *who, "--lang", "ko", "--out", out, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        [written] = sorted(out.glob("*.docx"))
        text = docx_text(written)
        assert "조태열" in text and "조현" not in text
        assert "존경하는 조태열 장관님" in text
    bad = dari("merge", letter_id, "--to", "position-999", "--out", tmp_path, data_dir=data_dir)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    result = dari("merge", letter_id, "--out", tmp_path, data_dir=data_dir)
    assert result.returncode == 2  # one of --list, --to, --recipients is required


def test_a_bad_recipients_file_is_a_sentence(
    data_dir: Path, letter_id: int, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": {"ko": "조태열"}}, {"nmae": {}}]', encoding="utf-8")
    result = dari("merge", letter_id, "--recipients", bad, "--out", tmp_path, data_dir=data_dir)
    assert result.returncode == 1 and "Recipient 2" in result.stderr and "nmae" in result.stderr
    bad.write_text('{"name": "x"}', encoding="utf-8")
    result = dari("merge", letter_id, "--recipients", bad, "--out", tmp_path, data_dir=data_dir)
    assert result.returncode == 1 and "JSON array" in result.stderr


def test_purge_of_an_exported_draft_asks_for_keep_or_drop(
    data_dir: Path, letter_id: int, tmp_path: Path
) -> None:
    assert dari("export", letter_id, "--out", tmp_path, data_dir=data_dir).returncode == 0
    refused = dari("purge", letter_id, data_dir=data_dir)
    assert refused.returncode == 1 and "--keep-log" in refused.stderr
    assert dari("show", letter_id, data_dir=data_dir).returncode == 0  # nothing was deleted
    kept = dari("purge", letter_id, "--keep-log", data_dir=data_dir)
    assert kept.returncode == 0, kept.stderr
    assert dari("show", letter_id, data_dir=data_dir).returncode == 1
    assert len(dari("log", letter_id, data_dir=data_dir).stdout.splitlines()) == 2

    second = int(dari("import", sample_path(), data_dir=data_dir).stdout)
    assert (
        dari("export", second, "--out", tmp_path, "--overwrite", data_dir=data_dir).returncode == 0
    )
    assert dari("purge", second, "--drop-log", data_dir=data_dir).returncode == 0
    assert dari("log", second, data_dir=data_dir).returncode == 1  # no draft, no entries
    both = dari("purge", second, "--keep-log", "--drop-log", data_dir=data_dir)
    assert both.returncode == 2


def test_purge_of_a_draft_never_exported_needs_no_choice(data_dir: Path, letter_id: int) -> None:
    assert dari("purge", letter_id, data_dir=data_dir).returncode == 0
