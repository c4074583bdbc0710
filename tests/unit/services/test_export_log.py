"""The export log over a real database: every export recorded, filters, sent marks, CSV."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText
from desktop_app.services import DariError, ExportRequest, Services, build_services
from desktop_app.services.log import CSV_COLUMNS, parse_channel, parse_date
from desktop_app.storage import Database, ItemNotFound
from tests.conftest import DATABASES, open_test_database
from tests.helpers.recipients import upr_46_missions
from tests.helpers.samples import sample_letter


class Clock:
    """A settable UTC clock for the database and the services."""

    def __init__(self) -> None:
        self.now = datetime(2024, 4, 18, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=DATABASES)
def db(request: pytest.FixtureRequest, data_dir: Path, clock: Clock) -> Iterator[Database]:
    """The test's database (both kinds) on the settable clock."""
    database = open_test_database(request, data_dir / "dari.sqlite3", clock=clock)
    yield database
    database.close()


@pytest.fixture
def services(db: Database, clock: Clock) -> Services:
    return build_services(db, clock)


def test_a_single_export_is_logged_with_its_revision_size_and_hash(
    services: Services, tmp_path: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    paths = services.drafts.export(draft.id, ExportRequest("both"), tmp_path)
    entries = services.log.entries(draft_id=draft.id)
    revision = services.drafts.revisions(draft.id)[0]
    assert revision.reason.startswith("exported: ")
    assert [(e.languages, e.styles, e.layout) for e in entries] == [
        ("ko", "ko-letter", "separate"),
        ("en", "en-letter", "separate"),
    ]
    for entry, path in zip(entries, paths, strict=True):
        assert entry.file_path == str(path) and entry.revision_id == revision.id
        assert entry.draft_version == draft.version and entry.recipient == ""
        assert entry.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry.size == path.stat().st_size and entry.sent_on is None


def test_filters_by_draft_sent_and_date_range(
    services: Services, tmp_path: Path, clock: Clock
) -> None:
    first = services.drafts.create(sample_letter())
    second = services.drafts.create(sample_letter())
    services.drafts.export(first.id, ExportRequest("ko"), tmp_path / "a.docx")
    clock.now += timedelta(days=3)
    services.drafts.export(second.id, ExportRequest("en"), tmp_path / "b.docx")
    a, b = services.log.entries()
    services.log.mark_sent(a.id, "fax", sent_on=date(2024, 4, 19), note="+82 2 2100 0000")
    assert [e.id for e in services.log.entries(draft_id=second.id)] == [b.id]
    assert [e.id for e in services.log.entries(sent=True)] == [a.id]
    assert [e.id for e in services.log.entries(sent=False)] == [b.id]
    assert [e.id for e in services.log.entries(since=date(2024, 4, 19))] == [b.id]
    assert [e.id for e in services.log.entries(until=date(2024, 4, 18))] == [a.id]
    assert services.log.entries(since=date(2024, 4, 19), until=date(2024, 4, 20)) == []
    with pytest.raises(DariError, match="starts"):
        services.log.entries(since=date(2024, 5, 1), until=date(2024, 4, 1))


def test_mark_sent_keeps_date_channel_and_note_and_refuses_nonsense(
    services: Services, tmp_path: Path, clock: Clock
) -> None:
    draft = services.drafts.create(sample_letter())
    services.drafts.export(draft.id, ExportRequest("ko"), tmp_path / "a.docx")
    (entry,) = services.log.entries()
    changes, marked = services.log.mark_sent(entry.id, "e-mail", note="to the desk officer")
    assert changes.export_log
    assert (marked.sent_on, marked.channel, marked.note) == (
        date(2024, 4, 18),
        "email",
        "to the desk officer",
    )
    assert services.log.entry(entry.id) == marked
    with pytest.raises(DariError, match="not a way of sending"):
        services.log.mark_sent(entry.id, "pigeon")
    with pytest.raises(DariError, match="future"):
        services.log.mark_sent(entry.id, "post", sent_on=date(2024, 4, 19))
    with pytest.raises(DariError, match="exported on 2024-04-18"):
        services.log.mark_sent(entry.id, "post", sent_on=date(2024, 4, 17))
    with pytest.raises(ItemNotFound, match="no entry 99"):
        services.log.mark_sent(99, "post")
    _changes, unmarked = services.log.mark_unsent(entry.id)
    assert unmarked.sent_on is None and unmarked.channel is None


@pytest.mark.parametrize(
    ("text", "key"), [("email", "email"), ("E-mail", "email"), ("by hand", "hand"), ("FAX", "fax")]
)
def test_channels_read_as_people_write_them(text: str, key: str) -> None:
    assert parse_channel(text) == key


@pytest.mark.parametrize("text", ["2024-04-18", "2024. 4. 18.", " 2024-04-18 "])
def test_dates_read_in_iso_and_korean_forms(text: str) -> None:
    assert parse_date(text) == date(2024, 4, 18)


@pytest.mark.parametrize("text", ["18/04/2024", "2024-13-01", "yesterday", ""])
def test_a_bad_date_is_a_sentence(text: str) -> None:
    with pytest.raises(DariError, match="is not a date; write it as 2024-04-18"):
        parse_date(text)


def test_the_csv_has_the_documented_columns_and_cannot_run_formulas(
    services: Services, tmp_path: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    out = tmp_path / "merged"
    out.mkdir()
    evil = replace(upr_46_missions()[0], name=BilingualText.of("=HYPERLINK(1)", "=HYPERLINK(1)"))
    services.merge.merge(draft.id, [evil], ExportRequest("ko"), out)
    (entry,) = services.log.entries()
    services.log.mark_sent(entry.id, "post")
    target = tmp_path / "log.csv"
    assert services.log.export_csv(target, services.log.entries()) == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Korean Excel reads it right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:8] == (
        "draft", "revision", "recipient", "file", "sha256", "exported_at", "sent_at", "channel",
    )  # fmt: skip
    row = rows[0]
    assert row["draft"] == str(draft.id) and row["sha256"] == entry.sha256
    assert row["recipient"].startswith("'=HYPERLINK(1)")
    assert row["sent_at"] == "2024-04-18" and row["channel"] == "post"
    assert row["exported_at"] == "2024-04-18T09:00:00+00:00"


def test_purging_a_draft_keeps_or_drops_its_log_entries_as_told(
    services: Services, tmp_path: Path
) -> None:
    kept = services.drafts.create(sample_letter())
    dropped = services.drafts.create(sample_letter())
    other = services.drafts.create(sample_letter())
    for n, draft in enumerate((kept, dropped, other)):
        folder = tmp_path / str(n)
        folder.mkdir()
        services.drafts.export(draft.id, ExportRequest("both"), folder)
    assert services.log.count_for_draft(kept.id) == 2
    changes = services.drafts.purge(kept.id, keep_log=True)
    assert changes.export_log and changes.removed == kept.id
    services.drafts.purge(dropped.id, keep_log=False)
    assert services.log.count_for_draft(kept.id) == 2
    assert services.log.count_for_draft(dropped.id) == 0
    assert services.log.count_for_draft(other.id) == 2
    # SQLite never gives a purged draft's number to a new one: kept entries stay its own.
    assert services.drafts.create(sample_letter()).id > other.id
    services.drafts.trash(other.id)
    services.drafts.empty_trash(keep_log=False)
    assert services.log.count_for_draft(other.id) == 0
    assert services.log.count_for_draft(kept.id) == 2
