"""Glossary and clause library over a real database: seed, CSV/TBX, bundles, status."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import BilingualText, from_json, to_json
from desktop_app.domain.clauses import Clause
from desktop_app.domain.glossary import Term
from desktop_app.services import DariError, Services, build_services
from desktop_app.services.glossary_files import (
    terms_from_csv,
    terms_from_tbx,
    terms_to_csv,
    terms_to_tbx,
)
from desktop_app.services.library import seed_glossary_path
from desktop_app.storage import Database
from tests.helpers.samples import sample_letter

SHARED_SEED = Path(__file__).resolve().parents[4] / "shared" / "domain" / "glossary.csv"


def test_the_shipped_seed_holds_every_term_of_the_projects_glossary() -> None:
    shipped = terms_from_csv(seed_glossary_path().read_bytes())
    pairs = {(t.ko, t.en, t.note) for t in shipped}
    if SHARED_SEED.exists():  # beside the project in development and in CI
        with SHARED_SEED.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert (row["ko"], row["en"], row["note"]) in pairs
    vietnam = next(t for t in shipped if t.ko == "베트남")
    assert vietnam.forbidden == ("Vietnam",) and vietnam.exceptions == ("Vietnam War",)


def test_seeded_once_on_first_run(services: Services, db: Database) -> None:
    count = len(services.glossary.terms())
    assert count == len(terms_from_csv(seed_glossary_path().read_bytes())) > 50
    for stored in services.glossary.terms():
        services.glossary.delete(stored.id)
    build_services(db)  # a later start does not bring deleted terms back
    assert services.glossary.terms() == []


def test_csv_and_tbx_round_trips_lose_nothing(services: Services, tmp_path: Path) -> None:
    terms = [t.term for t in services.glossary.terms()]
    assert terms_from_csv(terms_to_csv(terms)) == terms
    assert terms_from_tbx(terms_to_tbx(terms)) == terms
    for name in ("glossary.csv", "glossary.tbx"):
        services.glossary.export_file(tmp_path / name)
        services.glossary.import_file(tmp_path / name, replace=True)
        assert [t.term for t in services.glossary.terms()] == terms
    raw = (tmp_path / "glossary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Excel-friendly


def test_import_merges_by_korean_term(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    path.write_bytes(
        terms_to_csv(
            [Term("탈북민", "North Korean escapees", "edited"), Term("신규 용어", "new term")]
        )
    )
    before = len(services.glossary.terms())
    assert services.glossary.import_file(path) == (1, 1)
    terms = {t.term.ko: t.term for t in services.glossary.terms()}
    assert len(terms) == before + 1 and terms["탈북민"].note == "edited"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bad.csv", b"korean,english\n", "columns"),
        ("bad.csv", b"\xff\xfe\x00k", "UTF-8"),
        ("bad.tbx", b"<tbx><unclosed>", "not a valid TBX"),
        ("bad.tbx", b'<!DOCTYPE x [<!ENTITY a "aaa">]><tbx/>', "entities"),
        ("bad.txt", b"ko,en\n", ".csv or .tbx"),
    ],
)
def test_bad_glossary_files_get_a_sentence_and_change_nothing(
    services: Services, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    before = services.glossary.terms()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DariError, match=words):
        services.glossary.import_file(path)
    assert services.glossary.terms() == before


def test_clause_bundle_round_trip_and_search(services: Services, tmp_path: Path) -> None:
    clause = Clause(
        BilingualText.of("강제송환금지 원칙", "Non-refoulement principle"),
        BilingualText.of(
            "누구도 박해의 위험이 있는 곳으로 송환되어서는 안 된다.",
            "No one shall be returned to a place where they face persecution.",
        ),
        ("난민", "refugees"),
    )
    services.clauses.add(clause)
    assert [c.clause for c in services.clauses.list("송환")] == [clause]
    assert [c.clause for c in services.clauses.list("PERSECUTION")] == [clause]
    assert services.clauses.list("없는말") == []
    services.clauses.export_file(tmp_path / "clauses.json")
    data = json.loads((tmp_path / "clauses.json").read_text(encoding="utf-8"))
    assert data["kind"] == "clauses" and data["clauses"][0]["tags"] == ["난민", "refugees"]
    for stored in services.clauses.list():
        services.clauses.delete(stored.id)
    assert services.clauses.import_file(tmp_path / "clauses.json") == 1
    assert services.clauses.import_file(tmp_path / "clauses.json") == 0  # no duplicates
    assert [c.clause for c in services.clauses.list()] == [clause]


def test_stale_marker_survives_save_reload_and_json(services: Services) -> None:
    letter = sample_letter()
    stale = replace(letter, subject=letter.subject.with_text("ko", "새 제목입니다"))
    assert stale.subject.stale_side() == "en"
    draft = services.drafts.create(stale)
    assert services.drafts.load(draft.id).document.subject.stale_side() == "en"
    exported = services.drafts.export_json(draft.id)
    assert exported["subject"]["stale"] == "en"
    again = services.drafts.import_json(json.loads(json.dumps(exported)))
    assert services.drafts.load(again.id).document.subject.stale_side() == "en"
    assert from_json(to_json(stale)) == stale


def test_translation_status_is_stored_for_the_list(services: Services) -> None:
    letter = sample_letter()
    services.drafts.create(letter)
    missing = replace(letter, subject=BilingualText.of("한국어만", ""))
    missing = replace(missing, closing=missing.closing.with_text("ko", "고친 맺음말"))
    services.drafts.create(missing)
    complete, partial = sorted(services.drafts.list(), key=lambda d: d.id)
    assert (complete.ko_complete, complete.en_complete, complete.warnings) == (100, 100, 0)
    assert partial.en_complete < 100 and partial.warnings >= 1


def test_glossary_findings_reach_the_check(services: Services) -> None:
    letter = replace(sample_letter(), subject=BilingualText.of("탈북민 보호 요청", "A request"))
    findings = services.glossary.check(letter)
    assert [(f.path, f.finding.term.ko) for f in findings] == [("subject", "탈북민")]
