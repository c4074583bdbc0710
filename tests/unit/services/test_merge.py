"""Mail merge over a real database and real .docx files read back."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.compose import Layout
from desktop_app.domain import BilingualText
from desktop_app.domain.letter import BodyItem
from desktop_app.services import DariError, ExportRequest, Services, StorageError
from tests.helpers.docx_checks import docx_text
from tests.helpers.recipients import foreign_minister, mission, upr_46_missions
from tests.helpers.samples import sample_letter, sample_upr_brief


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder the merge writes to (the data folder is elsewhere)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_of(path: Path) -> str:
    return docx_text(path)


def test_a_merge_to_14_missions_writes_28_files_logged_with_their_hashes(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    seen: list[tuple[int, int]] = []
    outcome = services.merge.merge(
        draft.id,
        upr_46_missions(),
        ExportRequest("both"),
        out,
        progress=lambda done, total, _path: seen.append((done, total)),
    )
    assert len(outcome.paths) == 28 == len(set(outcome.paths)) == len(list(out.iterdir()))
    assert seen == [(n, 28) for n in range(1, 29)] and not outcome.cancelled
    entries = services.log.entries(draft_id=draft.id)
    assert [e.file_path for e in entries] == [str(p) for p in outcome.paths]
    for entry in entries:
        path = Path(entry.file_path)
        assert entry.sha256 == sha256(path) and entry.size == path.stat().st_size
        assert entry.merge_total == 28 and not entry.merge_cancelled
        assert entry.revision_id == entries[0].revision_id is not None
    assert len({e.merge_id for e in entries}) == 1
    # Each file is addressed to its own mission, in its own language.
    ko, en = outcome.paths[22], outcome.paths[23]  # the 12th State: Viet Nam
    assert "주제네바 베트남 대표부" in text_of(ko) and "뉴질랜드" not in text_of(ko)
    assert "Permanent Mission of Viet Nam" in text_of(en)
    assert "존경하는 대사님," in text_of(ko) and "Dear Permanent Representative," in text_of(en)
    assert [e.languages for e in entries[:2]] == ["ko", "en"]
    assert services.log.entries(draft_id=draft.id)[0].recipient  # the snapshot is kept


def test_cancelled_after_file_k_leaves_files_1_to_k_complete_and_the_log_says_so(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    k = 5
    written: list[Path] = []

    def progress(done: int, _total: int, path: Path) -> None:
        written.append(path)

    outcome = services.merge.merge(
        draft.id,
        upr_46_missions(),
        ExportRequest("both"),
        out,
        progress=progress,
        cancelled=lambda: len(written) >= k,
    )
    assert outcome.cancelled and outcome.total == 28
    files = sorted(out.iterdir())
    assert len(files) == k and sorted(written) == files  # no file k+1, no temporary file
    for path in files:
        assert text_of(path)  # each a complete .docx
    entries = services.log.entries(draft_id=draft.id)
    assert [Path(e.file_path) for e in entries] == written
    assert all(e.merge_cancelled and e.merge_total == 28 for e in entries)
    assert [sha256(p) for p in written] == [e.sha256 for e in entries]
    assert "cancelled" in services.drafts.revisions(draft.id)[0].reason


def test_a_cancel_before_the_first_file_writes_and_logs_nothing(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    outcome = services.merge.merge(
        draft.id, upr_46_missions(), ExportRequest("both"), out, cancelled=lambda: True
    )
    assert outcome.cancelled and outcome.paths == [] and list(out.iterdir()) == []
    assert services.log.entries() == []


def test_a_failing_file_stops_the_merge_and_the_files_before_it_are_logged(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    written: list[Path] = []

    def progress(done: int, _total: int, path: Path) -> None:
        written.append(path)
        if done == 3:  # the folder goes away under the merge
            for file in out.iterdir():
                file.rename(out.parent / file.name)
            out.rmdir()

    with pytest.raises(DariError):
        services.merge.merge(
            draft.id, upr_46_missions(), ExportRequest("both"), out, progress=progress
        )
    entries = services.log.entries()
    assert len(entries) == 3 and all(e.merge_cancelled for e in entries)


def test_template_looking_text_appears_literally_in_every_merged_file(
    services: Services, out: Path
) -> None:
    tricky = "{{ 7*7 }} «Name» MERGEFIELD X {name} ${title} %(name)s"
    letter = sample_letter()
    letter = replace(
        letter,
        body=(BodyItem(BilingualText.of(tricky, tricky)), *letter.body),
        subject=BilingualText.of(f"{tricky} 제목", f"{tricky} subject"),
    )
    draft = services.drafts.create(letter)
    outcome = services.merge.merge(draft.id, upr_46_missions()[:3], ExportRequest("both"), out)
    assert len(outcome.paths) == 6
    for path in outcome.paths:
        text = text_of(path)
        assert text.count(tricky) == 2 and "49" not in text
        raw = path.read_bytes()
        assert b"MERGEFIELD" not in raw.replace(b"MERGEFIELD X {name}", b"")


def test_two_recipients_in_offices_of_the_same_name_get_two_files(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    same = mission("뉴질랜드", "New Zealand")
    outcome = services.merge.merge(draft.id, [same, same], ExportRequest("both"), out)
    names = [p.name for p in outcome.paths]
    assert len(set(names)) == 4, names
    assert names[0] == "2024-04-18 주제네바 뉴질랜드 대표부 서한 (ko).docx"
    assert names[2] == "2024-04-18 주제네바 뉴질랜드 대표부 서한 (2) (ko).docx"


def test_long_office_names_are_capped_in_bytes_and_stay_unique(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    long = "대한민국 " + "아주 " * 120
    people = [
        replace(mission("뉴질랜드", "New Zealand"), organisation=BilingualText.of(long, long))
        for _ in range(3)
    ]
    outcome = services.merge.merge(draft.id, people, ExportRequest("ko"), out)
    names = [p.name for p in outcome.paths]
    assert len(set(names)) == 3 and all(len(n.encode()) <= 241 for n in names)
    assert all(n.endswith("(ko).docx") for n in names)


def test_a_recipient_s_own_salutation_overrides_the_derived_one(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    own = replace(
        mission("칠레", "Chile"),
        salutation=BilingualText.of("존경하는 칠레 대사님께,", "Your Excellency,"),
    )
    only_english = replace(
        mission("우루과이", "Uruguay"), salutation=BilingualText.of("", "Excellency,")
    )
    outcome = services.merge.merge(
        draft.id, [foreign_minister(), own, only_english], ExportRequest("both"), out
    )
    texts = [text_of(p) for p in outcome.paths]
    assert "존경하는 조태열 장관님," in texts[0] and "Dear Minister Cho," in texts[1]
    assert "존경하는 칠레 대사님께," in texts[2] and "Your Excellency," in texts[3]
    assert "Dear Permanent Representative" not in texts[3]
    assert "존경하는 대사님," in texts[4] and "Excellency," in texts[5]  # Korean derived
    # The letter's own salutation is printed by a single export, unchanged.
    (single,) = services.drafts.export(draft.id, ExportRequest("en"), out / "single.docx")
    assert sample_letter().salutation.en in text_of(single)


def test_a_recipient_nothing_can_be_derived_from_keeps_the_letter_s_salutation(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    nobody = replace(mission("칠레", "Chile"), title=BilingualText())
    outcome = services.merge.merge(draft.id, [nobody], ExportRequest("en"), out)
    assert sample_letter().salutation.en in text_of(outcome.paths[0])


def test_every_layout_and_style_of_the_single_export_merges(services: Services, out: Path) -> None:
    draft = services.drafts.create(sample_letter())
    people = upr_46_missions()[:2]
    for layout in Layout:
        request = ExportRequest("both", layout, {"ko": "ko-official"})
        out = out / layout.value
        out.mkdir()
        outcome = services.merge.merge(draft.id, people, request, out)
        assert len(outcome.paths) == 2 * request.file_count()
        assert "주제네바뉴질랜드대표부" in text_of(outcome.paths[0]).replace(" ", "")


def test_the_combined_file_holds_every_letter_as_a_section_from_page_1(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    people = upr_46_missions()[:3]
    outcome = services.merge.merge(draft.id, people, ExportRequest("ko"), out, combined=True)
    assert len(outcome.paths) == 4 == outcome.total
    combined = outcome.paths[-1]
    assert combined.name == "2024-04-18 서한 일괄 3건 (ko).docx"
    text = text_of(combined)
    for state in ("뉴질랜드", "아프가니스탄", "칠레"):
        assert f"주제네바 {state} 대표부" in text
    # each letter a section of its own: a new page, numbered from 1, the same header and
    # footer parts, its own first page (w:titlePg) when the letter has one
    body = docx.Document(str(combined)).element.body
    sections = body.findall(".//" + qn("w:sectPr"))
    assert len(sections) == 3
    assert [s.getparent().tag for s in sections] == [qn("w:pPr"), qn("w:pPr"), qn("w:body")]
    for section in sections:
        [numbers] = section.findall(qn("w:pgNumType"))
        assert numbers.get(qn("w:start")) == "1"
        assert section.find(qn("w:type")) is None  # nextPage, the default
        refs = [(r.tag, r.get(qn("w:type"))) for r in section if r.tag.endswith("Reference")]
        assert refs == [
            (r.tag, r.get(qn("w:type"))) for r in sections[-1] if r.tag.endswith("Reference")
        ]
        assert (section.find(qn("w:titlePg")) is not None) == (
            sections[-1].find(qn("w:titlePg")) is not None
        )
    single = docx.Document(str(outcome.paths[0])).element.body
    assert len(single.findall(".//" + qn("w:sectPr"))) == 1
    assert single.find(".//" + qn("w:pgNumType")) is None  # a single letter as before
    entry = services.log.entries()[-1]
    assert entry.recipient == "" and entry.sha256 == sha256(combined)


def test_merging_the_same_revision_again_gives_the_same_hashes(
    services: Services, out: Path
) -> None:
    draft = services.drafts.create(sample_letter())
    people = upr_46_missions()[:2]
    for folder in "abcd":
        (out / folder).mkdir()
    first = services.merge.merge(draft.id, people, ExportRequest("both"), out / "a")
    second = services.merge.merge(draft.id, people, ExportRequest("both"), out / "b")
    assert [e.sha256 for e in first.entries] == [e.sha256 for e in second.entries]
    once = services.drafts.export(draft.id, ExportRequest("both"), out / "c")
    again = services.drafts.export(draft.id, ExportRequest("both"), out / "d")
    assert [sha256(p) for p in once] == [sha256(p) for p in again]
    logged = services.log.entries()[-4:]
    assert [e.sha256 for e in logged] == [sha256(p) for p in (*once, *again)]
    assert [e.recipient for e in logged] == [""] * 4


def test_a_merge_runs_on_a_worker_thread(services: Services, out: Path) -> None:
    draft = services.drafts.create(sample_letter())
    result: list[object] = []

    def work() -> None:
        result.append(
            services.merge.merge(draft.id, upr_46_missions()[:2], ExportRequest("ko"), out)
        )

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert len(result) == 1 and len(services.log.entries()) == 2


def test_only_letters_merge_and_to_somebody(services: Services, out: Path) -> None:
    brief = services.drafts.create(sample_upr_brief())
    with pytest.raises(DariError, match="Only letters"):
        services.merge.merge(brief.id, upr_46_missions(), ExportRequest("ko"), out)
    letter = services.drafts.create(sample_letter())
    with pytest.raises(DariError, match="no recipient"):
        services.merge.merge(letter.id, [], ExportRequest("ko"), out)
    with pytest.raises(DariError, match="does not exist"):
        services.merge.merge(letter.id, upr_46_missions(), ExportRequest("ko"), out / "missing")
    # The address book answers for --list and --to: a list it does not have is a sentence.
    with pytest.raises(StorageError, match="no list named"):
        services.merge.resolve(letter.id, list_name="Permanent missions, UPR session 46")


def test_a_resolver_hook_gives_the_recipients_for_the_letter_s_date(
    services: Services, out: Path
) -> None:
    letter = services.drafts.create(sample_letter())
    asked: list[object] = []

    def resolver(ids, name, when):  # the address book's, once it lands
        asked.append((tuple(ids), name, when))
        return [foreign_minister()]

    services.merge.resolver = resolver
    assert services.merge.resolve(letter.id, contact_ids=["7"]) == [foreign_minister()]
    assert asked == [(("7",), None, sample_letter().date)]


def test_the_combined_file_prints_each_letter_from_page_1(services: Services, out: Path) -> None:
    """Real LibreOffice: a three-page-plus letter to three missions, as one print file, is
    numbered 1–n per letter, each letter's first page under the letterhead again."""
    import subprocess

    from tests.helpers.docx_checks import openxml_schema_errors, require_libreoffice

    soffice = require_libreoffice()
    letter = sample_letter()
    draft = services.drafts.create(replace(letter, body=letter.body * 3))
    outcome = services.merge.merge(
        draft.id, upr_46_missions()[:3], ExportRequest("en"), out, combined=True
    )
    combined = outcome.paths[-1]
    assert openxml_schema_errors(combined) == []
    pdf_dir = out / "pdf"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(out / 'lo').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            str(combined),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [pdf] = pdf_dir.glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")[:-1]
    footers = [
        next(line.strip() for line in reversed(p.splitlines()) if line.strip()) for p in pages
    ]
    per_letter = len(pages) // 3
    assert per_letter >= 2 and len(pages) == 3 * per_letter
    assert footers == [f"Page {n}" for n in range(1, per_letter + 1)] * 3
    tops = [next(line.strip() for line in p.splitlines() if line.strip()) for p in pages]
    firsts = [i for i, p in enumerate(pages) if "Dear Permanent Representative" in p]
    assert firsts == [0, per_letter, 2 * per_letter]
    for i, top in enumerate(tops):  # the letterhead on a letter's first page, else the running one
        if i in firsts:
            assert top.startswith("Families of South")
        else:
            assert top == "POW Families | Mulmangcho | TJWG"
