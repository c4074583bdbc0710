"""DraftRepository.list: Korean substrings, English case-insensitivity, filters and order."""

from __future__ import annotations

import unicodedata

import pytest

from desktop_app.storage import Database


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    drafts = db.drafts
    letter = drafts.create(
        "letter",
        {"body": "..."},
        format_version=1,
        title_ko="장관님께 드리는 공개서한",
        title_en="Open Letter to the Minister",
        search_text="탈북민을 강제송환하지 말아 주십시오",
    )
    brief = drafts.create(
        "upr_brief",
        {"body": "..."},
        format_version=1,
        title_en="UPR advance questions",
        status="final",
        search_text="Death Penalty moratorium; 탈북 여성",
    )
    press = drafts.create(
        "press_statement",
        {"body": "..."},
        format_version=1,
        title_ko="성명서",
        search_text="Press statement on the death penalty",
    )
    trashed = drafts.create(
        "letter", {"body": "..."}, format_version=1, search_text="탈북 청소년 지원 요청"
    )
    drafts.trash(trashed.id)
    return {"letter": letter.id, "brief": brief.id, "press": press.id, "trashed": trashed.id}


def _ids(db: Database, **kwargs: object) -> list[int]:
    return [draft.id for draft in db.drafts.list(**kwargs)]  # type: ignore[arg-type]


def test_korean_substring_of_any_length(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search="탈북") == [ids["brief"], ids["letter"]]
    assert _ids(db, search="북민") == [ids["letter"]]
    assert _ids(db, search="송") == [ids["letter"]]


def test_decomposed_hangul_query_is_normalised(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search=unicodedata.normalize("NFD", "탈북민")) == [ids["letter"]]


def test_english_is_case_insensitive_and_terms_are_anded(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search="DEATH penalty") == [ids["press"], ids["brief"]]
    assert _ids(db, search="death  탈북") == [ids["brief"]]
    assert _ids(db, search="death minister") == []
    assert _ids(db, search="   ") == [ids["press"], ids["brief"], ids["letter"]]


def test_titles_are_searchable(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, search="minister") == [ids["letter"]]
    assert _ids(db, search="성명") == [ids["press"]]


def test_kind_status_and_trash_filters(db: Database, ids: dict[str, int]) -> None:
    assert _ids(db, kind="letter") == [ids["letter"]]
    assert _ids(db, status="final") == [ids["brief"]]
    assert _ids(db, status="draft", search="탈북") == [ids["letter"]]
    assert _ids(db, trashed=True) == [ids["trashed"]]
    assert _ids(db, trashed=True, search="탈북") == [ids["trashed"]]
    assert _ids(db, trashed=True, kind="upr_brief") == []


def test_newest_updated_first(db: Database, ids: dict[str, int]) -> None:
    letter = db.drafts.get(ids["letter"])
    db.drafts.save(
        letter.id,
        letter.payload,
        expected_version=letter.version,
        format_version=1,
        title_ko=letter.title_ko,
        title_en=letter.title_en,
        search_text="탈북민을",
    )
    assert _ids(db) == [ids["letter"], ids["press"], ids["brief"]]
    summary = db.drafts.list(kind="letter")[0]
    assert summary.version == 2
    assert not hasattr(summary, "payload")
