"""Bundles between two real databases ("two laptops"): keys, export, import, the merge."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain import BilingualText
from desktop_app.services import DariError, Services
from desktop_app.services.bundle_keys import fingerprint, parse_public_key
from desktop_app.services.bundle_merge import diff3, merge3
from desktop_app.services.bundles import UnknownSigner
from desktop_app.storage import Database
from tests.conftest import open_test_services
from tests.helpers.canary import find_canary
from tests.helpers.samples import sample_letter


def _edit_paragraph(services: Services, draft_id: int, index: int, **sides: str) -> None:
    loaded = services.drafts.load(draft_id)
    body = list(loaded.document.body)
    body[index] = replace(body[index], text=replace(body[index].text, **sides))
    document = replace(loaded.document, body=tuple(body))
    services.drafts.save(draft_id, document, expected_version=loaded.version)


def _send(sender: Services, receiver: Services, ids: list[int], out: Path) -> Path:
    to = parse_public_key(receiver.bundles.keys.own().text)
    return sender.bundles.export(ids, out, to=to, overwrite=True)


# -- the merge itself -------------------------------------------------------------------


def test_paragraphs_changed_on_one_side_each_are_both_kept() -> None:
    lines = diff3(["가", "나", "다"], ["가!", "나", "다"], ["가", "나", "다!"])
    assert lines.clean and lines.mine == ["가!", "나", "다!"]


def test_a_paragraph_changed_differently_on_both_sides_is_a_conflict_keeping_the_rest() -> None:
    base = {"subject": {"ko": "제목", "en": "Title"}, "note": "하나\n둘\n셋"}
    mine = {"subject": {"ko": "제목", "en": "Title (mine)"}, "note": "하나!\n둘\n셋"}
    theirs = {"subject": {"ko": "새 제목", "en": "Title"}, "note": "하나?\n둘\n셋 끝"}
    merged = merge3(base, mine, theirs)
    assert merged.value["subject"] == {"ko": "새 제목", "en": "Title (mine)"}
    (conflict,) = merged.conflicts
    assert conflict.path == ("note", "¶", 0)  # its first paragraph, not the whole text
    assert (conflict.base, conflict.mine, conflict.theirs) == (["하나"], ["하나!"], ["하나?"])
    assert merged.value["note"] == "하나!\n둘\n셋 끝"  # mine kept until chosen, the rest merged
    # a text that is that one paragraph: the field is the conflict
    (whole,) = merge3({"t": "가"}, {"t": "나"}, {"t": "다"}).conflicts
    assert (whole.path, whole.mine, whole.theirs) == (("t",), "나", "다")


def test_two_paragraphs_changed_on_both_sides_are_two_conflicts_chosen_separately(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    draft = a.drafts.create(sample_letter())
    long = "첫째 줄.\n둘째 줄.\n셋째 줄.\n넷째 줄."
    _edit_paragraph(a, draft.id, 0, ko=long)
    local = b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "1.age")).drafts[0]
    _edit_paragraph(a, draft.id, 0, ko="첫째 줄 (A).\n둘째 줄.\n셋째 줄.\n넷째 줄 (A).")
    two = "첫째 줄 (B),\n곧 둘로 나눈 줄.\n둘째 줄.\n셋째 줄.\n넷째 줄 (B)."
    _edit_paragraph(b, local.draft_id, 0, ko=two)
    outcome = b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "2.age")).drafts[0]
    assert outcome.conflicts == 2
    first, last = b.bundles.conflicts(local.draft_id)
    assert first.path == ("body", 0, "text", "ko", "¶", 0)
    assert (first.mine, first.theirs) == (["첫째 줄 (B),", "곧 둘로 나눈 줄."], ["첫째 줄 (A)."])
    assert last.path == ("body", 0, "text", "ko", "¶", 4)
    assert (last.mine, last.theirs) == (["넷째 줄 (B)."], ["넷째 줄 (A)."])
    # theirs for the first (one line for two): the last, still waiting, moves up a line
    b.bundles.resolve(local.draft_id, {first.id: "theirs"})
    text = "첫째 줄 (A).\n둘째 줄.\n셋째 줄.\n넷째 줄 (B)."
    assert b.drafts.load(local.draft_id).document.body[0].text.ko == text
    (waiting,) = b.bundles.conflicts(local.draft_id)
    assert waiting.id == last.id and waiting.path == ("body", 0, "text", "ko", "¶", 3)
    b.bundles.resolve(local.draft_id, {waiting.id: "theirs"})
    assert b.drafts.load(local.draft_id).document.body[0].text.ko == text.replace("(B)", "(A)")
    assert b.bundles.conflicts() == []


def test_a_list_grown_on_one_side_and_edited_on_the_other_keeps_both() -> None:
    base = {"body": [{"t": "a"}, {"t": "b"}]}
    mine = {"body": [{"t": "a"}, {"t": "b!"}]}
    theirs = {"body": [{"t": "z"}, {"t": "a"}, {"t": "b"}]}
    merged = merge3(base, mine, theirs)
    assert merged.value == {"body": [{"t": "z"}, {"t": "a"}, {"t": "b!"}]}
    assert merged.conflicts == ()


def test_change_times_never_conflict_the_later_one_stays() -> None:
    base = {"ko": "가", "en": "a", "ko_changed": "2024-01-01T00:00"}
    mine = {"ko": "가", "en": "a!", "ko_changed": "2024-01-02T00:00"}
    theirs = {"ko": "가!", "en": "a", "ko_changed": "2024-01-03T00:00"}
    merged = merge3(base, mine, theirs)
    assert merged.conflicts == ()
    assert merged.value == {"ko": "가!", "en": "a!", "ko_changed": "2024-01-03T00:00"}


# -- keys ---------------------------------------------------------------------------------


def test_keys_are_made_once_kept_in_the_database_and_fingerprinted(
    request: pytest.FixtureRequest, db: Database, data_dir: Path
) -> None:
    with closing(open_test_services(request, data_dir)) as a:
        own = a.bundles.keys.own()
        again = a.bundles.keys.own()
    assert own == again and own.text.startswith("dari1:age1")
    assert own.fingerprint == fingerprint(own.recipient, own.verify_key)
    groups = own.fingerprint.split("-")
    assert len(groups) == 5 and all(len(g) == 4 for g in groups)
    # in the database only (encrypted with it when it is), in no file of its own
    places = {s.path.name for s in find_canary(data_dir, "AGE-SECRET-KEY")}
    if db.on_server:
        assert places == set()  # the data folder holds settings and logs, never the key
    else:
        assert places and all(name.startswith("dari.sqlite3") for name in places)
    with closing(open_test_services(request, data_dir)) as a:
        assert a.bundles.keys.own() == own


def test_a_key_that_is_not_one_is_refused_with_a_sentence(services: Services) -> None:
    with pytest.raises(DariError, match="dari keys show"):
        services.bundles.keys.add_colleague("누구", "age1notakey")


# -- round trips --------------------------------------------------------------------------


def test_a_new_draft_arrives_with_its_uid_and_revisions(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    draft = a.drafts.create(sample_letter())
    a.drafts.add_revision(draft.id, "exported: x.docx")
    bundle = _send(a, b, [draft.id], tmp_path)
    assert bundle.name.startswith("dari-bundle-") and bundle.suffix == ".age"
    title = sample_letter().subject.ko
    assert title.encode() not in bundle.read_bytes()
    outcome = b.bundles.import_file(bundle)
    assert outcome.signer_name == "Alex (A)"
    (arrived,) = outcome.drafts
    assert arrived.outcome == "created" and arrived.title == title
    assert b.drafts.load(arrived.draft_id).document == a.drafts.load(draft.id).document
    theirs = [r.reason for r in b.drafts.revisions(arrived.draft_id)]
    assert theirs == [r.reason for r in a.drafts.revisions(draft.id)]
    # the same bundle again changes nothing
    again = b.bundles.import_file(bundle)
    assert again.already_imported and len(b.drafts.list()) == 1


def test_unchanged_here_is_fast_forwarded_and_both_sides_edits_are_merged(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    draft = a.drafts.create(sample_letter())
    first = b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "1.age")).drafts[0]
    # A edits; B has not: fast-forward
    _edit_paragraph(a, draft.id, 0, ko="첫 문단을 A가 고쳤다.")
    second = b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "2.age")).drafts[0]
    assert second.outcome == "updated" and second.draft_id == first.draft_id
    assert b.drafts.load(first.draft_id).document.body[0].text.ko == "첫 문단을 A가 고쳤다."
    # both edit: different paragraphs merge, the same paragraph's Korean is a conflict
    _edit_paragraph(a, draft.id, 1, ko="A의 둘째 문단.")
    _edit_paragraph(a, draft.id, 2, en="A's third paragraph.")
    _edit_paragraph(b, first.draft_id, 1, ko="B의 둘째 문단.")
    _edit_paragraph(b, first.draft_id, 3, en="B's fourth paragraph.")
    third = b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "3.age")).drafts[0]
    assert third.outcome == "merged" and third.conflicts == 1
    body = b.drafts.load(first.draft_id).document.body
    assert body[1].text.ko == "B의 둘째 문단."  # mine kept until chosen
    assert body[2].text.en == "A's third paragraph." and body[3].text.en == "B's fourth paragraph."
    (conflict,) = b.bundles.conflicts(first.draft_id)
    assert conflict.path == ("body", 1, "text", "ko")
    assert (conflict.mine, conflict.theirs) == ("B의 둘째 문단.", "A의 둘째 문단.")
    assert len(b.drafts.list()) == 1  # no hidden duplicate
    reasons = [r.reason for r in b.drafts.revisions(first.draft_id)]
    assert reasons[0] == "merged from a bundle" and "before merged from a bundle" in reasons
    b.bundles.resolve(first.draft_id, {conflict.id: "theirs"})
    assert b.drafts.load(first.draft_id).document.body[1].text.ko == "A의 둘째 문단."
    assert b.bundles.conflicts() == []
    # and back to A: A has not changed since, so it fast-forwards to the merge
    back = a.bundles.import_file(_send(b, a, [first.draft_id], tmp_path / "4.age")).drafts[0]
    assert back.outcome == "updated" and back.draft_id == draft.id
    assert a.drafts.load(draft.id).document == b.drafts.load(first.draft_id).document


def test_a_passphrase_bundle_and_a_wrong_passphrase(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    draft = a.drafts.create(sample_letter())
    with pytest.raises(DariError, match="at least 8 characters"):
        a.bundles.export([draft.id], tmp_path / "x.age", passphrase="짧은 암호")
    bundle = a.bundles.export([draft.id], tmp_path / "x.age", passphrase="긴 암호 문장 하나")
    with pytest.raises(DariError, match="passphrase"):
        b.bundles.import_file(bundle)
    with pytest.raises(DariError, match="cannot be opened with this passphrase"):
        b.bundles.import_file(bundle, passphrase="틀린 암호")
    assert b.drafts.list() == []
    assert b.bundles.import_file(bundle, passphrase="긴 암호 문장 하나").drafts[0].outcome == (
        "created"
    )


def test_a_one_bit_change_anywhere_is_refused_and_nothing_is_imported(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    draft = a.drafts.create(sample_letter())
    bundle = _send(a, b, [draft.id], tmp_path / "x.age")
    data = bytearray(bundle.read_bytes())
    for position in (len(data) // 2, len(data) - 3, 60):  # payload, last chunk, header
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        target = tmp_path / f"t{position}.age"
        target.write_bytes(bytes(tampered))
        with pytest.raises(DariError) as caught:
            b.bundles.import_file(target)
        assert "Traceback" not in str(caught.value)
    assert b.drafts.list() == []


def test_an_unknown_signer_needs_an_explicit_yes(
    services: Services, fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    a, c = services, fresh_services("c")
    draft = a.drafts.create(sample_letter())
    bundle = _send(a, c, [draft.id], tmp_path / "x.age")
    with pytest.raises(UnknownSigner) as caught:
        c.bundles.import_file(bundle)
    assert caught.value.fingerprint == a.bundles.keys.own().fingerprint
    assert a.bundles.keys.own().fingerprint in str(caught.value)
    assert c.drafts.list() == []
    outcome: Any = c.bundles.import_file(bundle, trust_signer=True)
    assert outcome.signer_name is None and len(c.drafts.list()) == 1


def test_a_bundle_to_someone_else_says_so(
    laptops: tuple[Services, Services], fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    a, b = laptops
    c = fresh_services("c")
    draft = a.drafts.create(sample_letter())
    bundle = _send(a, b, [draft.id], tmp_path / "x.age")
    with pytest.raises(DariError, match="not encrypted to this installation's key"):
        c.bundles.import_file(bundle)


def test_purging_a_draft_forgets_its_pending_conflicts(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    a, b = laptops
    draft = a.drafts.create(replace(sample_letter(), subject=BilingualText("비밀 제목", "T")))
    first = b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "1.age")).drafts[0]
    _edit_paragraph(a, draft.id, 0, ko="A가 쓴 비밀스러운 문장")
    _edit_paragraph(b, first.draft_id, 0, ko="B가 쓴 다른 문장")
    b.bundles.import_file(_send(a, b, [draft.id], tmp_path / "2.age"))
    assert len(b.bundles.conflicts()) == 1
    b.drafts.purge(first.draft_id, keep_log=False)
    assert b.bundles.conflicts() == []


def test_the_glossary_terms_a_draft_uses_travel_when_asked_and_never_silently_change_ones_here(
    laptops: tuple[Services, Services], tmp_path: Path
) -> None:
    from desktop_app.domain.glossary import Term

    a, b = laptops
    for services in (a, b):
        for stored in services.glossary.terms():
            services.glossary.delete(stored.id)
    a.glossary.add(Term("강제북송", "forced repatriation", note="A의 메모"))
    a.glossary.add(Term("탈북민", "North Korean escapee"))
    a.glossary.add(Term("쓰이지 않는 말", "unused"))
    b.glossary.add(Term("탈북민", "defector"))
    draft = a.drafts.create(sample_letter())
    to = parse_public_key(b.bundles.keys.own().text)
    bundle = a.bundles.export([draft.id], tmp_path / "x.age", to=to, with_glossary=True)
    outcome = b.bundles.import_file(bundle)
    assert outcome.terms_added == 1
    terms = {s.term.ko: s.term for s in b.glossary.terms()}
    assert terms["강제북송"].note == "A의 메모" and terms["탈북민"].en == "defector"
    assert "쓰이지 않는 말" not in terms
    # the term both have, different: a conflict, B's kept until B chooses
    (conflict,) = b.bundles.entry_conflicts()
    assert (conflict.kind, conflict.label) == ("term", "탈북민 / defector")
    assert [(f.path, f.mine, f.theirs) for f in conflict.fields] == [
        (f"term:{conflict.uid}/en", "defector", "North Korean escapee")
    ]
    assert {(e.kind, e.label, e.outcome) for e in outcome.entries} == {
        ("term", "강제북송 / forced repatriation", "added"),
        ("term", "탈북민 / North Korean escapee", "conflict"),
    }
    b.bundles.resolve_entries({f"term:{conflict.uid}/en": "theirs"})
    terms = {s.term.ko: s.term for s in b.glossary.terms()}
    assert terms["탈북민"].en == "North Korean escapee" and len(terms) == 2
    # A's later change to a term B has not touched since: B takes it, no question
    (forced,) = [s for s in a.glossary.terms() if s.term.ko == "강제북송"]
    a.glossary.update(forced.id, replace(forced.term, alternatives=("refoulement",)))
    again = a.bundles.export([draft.id], tmp_path / "y.age", to=to, with_glossary=True)
    later = b.bundles.import_file(again)
    assert later.terms_added == 0 and b.bundles.entry_conflicts() == []
    assert ("term", "updated") in {(e.kind, e.outcome) for e in later.entries}
    terms = {s.term.ko: s.term for s in b.glossary.terms()}
    assert terms["강제북송"].alternatives == ("refoulement",)
