"""Events over a real database: the set, its export into one folder, the log, the 붙임."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.compose import Layout
from desktop_app.domain import BilingualText
from desktop_app.domain.letter import Enclosure
from desktop_app.services import (
    DariError,
    ExportRequest,
    Services,
    StorageError,
    TargetExists,
)
from desktop_app.services.events import enclosure_name, split_file_name
from tests.helpers.docx_checks import docx_text
from tests.helpers.samples import sample_letter, sample_upr_brief


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _event(services: Services, *draft_ids: int) -> int:
    _changes, event = services.events.create(
        BilingualText("UPR 기자회견", "UPR press conference"),
        when=None,
        place=BilingualText("서울", "Seoul"),
    )
    if draft_ids:
        services.events.add(event.id, draft_ids)
    return event.id


def test_an_event_holds_drafts_in_order_with_their_translation_status(
    services: Services,
) -> None:
    letter = services.drafts.create(sample_letter())
    brief = services.drafts.create(sample_upr_brief())
    event_id = _event(services, brief.id, letter.id)
    view = services.events.show(event_id)
    assert [d.draft_id for d in view.documents] == [brief.id, letter.id]
    assert [d.summary.kind for d in view.documents] == ["upr-brief", "letter"]
    listed = {s.id: s for s in services.drafts.list()}
    for document in view.documents:  # the draft list's own figures
        assert document.summary == listed[document.draft_id]
    services.events.reorder(event_id, [letter.id, brief.id])
    assert services.events.get(event_id).draft_ids == (letter.id, brief.id)
    with pytest.raises(DariError):
        services.events.reorder(event_id, [letter.id])


def test_a_draft_is_in_one_event_and_trash_or_purge_takes_it_out(services: Services) -> None:
    one = services.drafts.create(sample_letter())
    two = services.drafts.create(sample_letter())
    first = _event(services, one.id, two.id)
    second = _event(services, one.id)  # moves here
    assert services.events.get(first).draft_ids == (two.id,)
    assert services.events.event_of(one.id) == second
    services.drafts.trash(two.id)
    assert services.events.get(first).draft_ids == ()
    services.drafts.purge(one.id, keep_log=False)
    assert services.events.get(second).draft_ids == ()
    with pytest.raises(DariError, match="trash"):  # a trashed draft cannot join
        services.events.add(first, [two.id])


def test_deleting_an_event_keeps_its_drafts(services: Services) -> None:
    letter = services.drafts.create(sample_letter())
    event_id = _event(services, letter.id)
    services.events.delete(event_id)
    assert services.drafts.load(letter.id).document == sample_letter()
    assert services.events.list() == []
    with pytest.raises(StorageError, match="no event"):
        services.events.get(event_id)


def test_an_event_needs_a_title_and_edits_check_the_version(services: Services) -> None:
    with pytest.raises(DariError, match="title"):
        services.events.create(BilingualText(" ", "\n"))
    _c, event = services.events.create(BilingualText("기자회견\n", ""))
    assert event.title_ko == "기자회견"
    _c, edited = services.events.edit(
        event.id,
        expected_version=event.version,
        title=BilingualText("기자회견", "Press conference"),
        when=None,
        place=BilingualText("", "Geneva"),
    )
    assert edited.place_en == "Geneva" and edited.version == event.version + 1
    with pytest.raises(StorageError, match="changed somewhere else"):
        services.events.edit(
            event.id,
            expected_version=event.version,
            title=BilingualText("x", ""),
            when=None,
            place=BilingualText(),
        )


def test_the_set_exports_into_one_folder_with_unique_names_each_file_logged(
    services: Services, out: Path
) -> None:
    one = services.drafts.create(sample_letter())
    two = services.drafts.create(sample_letter())  # the same names: (2) for the second
    brief = services.drafts.create(sample_upr_brief())
    event_id = _event(services, one.id, two.id, brief.id)
    seen: list[tuple[int, int]] = []
    outcome = services.events.export_set(
        event_id,
        ExportRequest("both"),
        out,
        progress=lambda done, total, _path: seen.append((done, total)),
    )
    assert outcome.total == 6 and not outcome.cancelled
    assert seen == [(n, 6) for n in range(1, 7)]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in outcome.paths) and len(set(names)) == 6
    assert any(" (2) (ko).docx" in name for name in names)
    entries = services.log.entries()
    assert [e.file_path for e in entries] == [str(p) for p in outcome.paths]
    assert {e.event_id for e in entries} == {event_id}
    assert len({e.merge_id for e in entries}) == 1 and entries[0].merge_total == 6
    for entry in entries:
        data = Path(entry.file_path).read_bytes()
        assert entry.sha256 == hashlib.sha256(data).hexdigest() and entry.size == len(data)
    assert [e.draft_id for e in entries] == [one.id, one.id, two.id, two.id, brief.id, brief.id]
    reasons = [r.reason for r in services.drafts.revisions(brief.id)]
    assert reasons[0].startswith(f"exported with event {event_id}: ")
    assert "event" in services.log.csv_text(entries).splitlines()[0]


def test_a_cancelled_set_leaves_no_file_and_logs_nothing(services: Services, out: Path) -> None:
    # Deliberately changed with the staged batch: a cancel after two files used to leave
    # those two; now nothing of the set is renamed into place, so nothing is logged.
    drafts = [services.drafts.create(sample_letter()).id for _ in range(3)]
    event_id = _event(services, *drafts)
    made: list[Path] = []
    outcome = services.events.export_set(
        event_id,
        ExportRequest("ko"),
        out,
        progress=lambda _d, _t, path: made.append(path),
        cancelled=lambda: len(made) >= 2,
    )
    assert outcome.cancelled and outcome.files == () and outcome.total == 3
    assert len(made) == 2 and list(out.iterdir()) == []  # no staged file left either
    assert services.log.entries() == []


def test_existing_files_are_refused_unless_overwrite(services: Services, out: Path) -> None:
    letter = services.drafts.create(sample_letter())
    brief = services.drafts.create(sample_upr_brief())
    event_id = _event(services, letter.id, brief.id)
    first = services.events.export_set(event_id, ExportRequest("ko"), out)
    kept = {p: p.read_bytes() for p in first.paths}
    other = services.drafts.create(sample_letter())
    services.events.add(event_id, [other.id])  # a new file beside the two existing ones
    with pytest.raises(TargetExists) as refused:
        services.events.export_set(event_id, ExportRequest("ko"), out, fill_enclosures=True)
    assert set(refused.value.paths) == set(kept) and "--overwrite" in str(refused.value)
    assert sorted(out.iterdir()) == sorted(kept)  # nothing written, nothing replaced
    assert services.drafts.load(letter.id).document == sample_letter()  # nor filled
    assert len(services.log.entries()) == 2
    again = services.events.export_set(event_id, ExportRequest("ko"), out, overwrite=True)
    assert len(again.paths) == 3 and set(kept) < set(again.paths)
    assert all(e.note == "" for e in services.log.entries())  # completed, not pending


def test_an_empty_event_or_a_missing_folder_is_said(services: Services, tmp_path: Path) -> None:
    event_id = _event(services)
    with pytest.raises(DariError, match="no documents"):
        services.events.export_set(event_id, ExportRequest(), tmp_path)
    letter = services.drafts.create(sample_letter())
    services.events.add(event_id, [letter.id])
    with pytest.raises(DariError, match="does not exist"):
        services.events.export_set(event_id, ExportRequest(), tmp_path / "nowhere")


def test_names_split_before_the_language_suffix() -> None:
    assert split_file_name("2024-04-18 외교부 서한 (ko).docx") == (
        "2024-04-18 외교부 서한",
        " (ko).docx",
    )
    assert split_file_name("a (b) (ko-en parallel).pdf") == ("a (b)", " (ko-en parallel).pdf")
    assert split_file_name("plain.docx") == ("plain", ".docx")
    assert enclosure_name("2024. 4. 18 서한 (ko).docx") == "2024. 4. 18 서한 (ko)"


@pytest.mark.parametrize(
    ("languages", "layout"),
    [("both", Layout.SEPARATE), ("ko", Layout.SEPARATE), ("both", Layout.SIDE_BY_SIDE)],
)
def test_filled_enclosures_name_the_files_written(
    services: Services, out: Path, languages: str, layout: Layout
) -> None:
    own = Enclosure(BilingualText("서명 명단", "List of signatories"), 1)
    letter = services.drafts.create(replace(sample_letter(), enclosures=(own,)))
    brief = services.drafts.create(sample_upr_brief())
    other = services.drafts.create(sample_letter())
    event_id = _event(services, letter.id, brief.id, other.id)
    request = ExportRequest(languages, layout)  # type: ignore[arg-type]
    proposed = services.events.proposed_enclosures(event_id, letter.id, request)
    outcome = services.events.export_set(event_id, request, out, fill_enclosures=True)
    assert set(outcome.filled) == {letter.id, other.id}
    stored = services.drafts.load(letter.id).document
    assert stored.enclosures == proposed and stored.enclosures[0] == own  # theirs kept
    others = {p.name for d, w in outcome.files if d != letter.id for p in [w.path]}
    for lang in request.langs() if layout is Layout.SEPARATE else ("ko", "en"):
        named = {getattr(e.name, lang) + ".docx" for e in stored.enclosures[1:]}
        assert named <= others and len(named) == 2
    ko_file = next(w.path for d, w in outcome.files if d == letter.id and "ko" in w.langs)
    text = docx_text(ko_file)
    assert "붙임" in text and stored.enclosures[1].name.ko in text
    # filling twice adds nothing
    again = services.events.proposed_enclosures(event_id, letter.id, request)
    assert again == stored.enclosures
