"""Salutations derived from the recipient, as LETTERS.md writes them."""

from __future__ import annotations

import pytest

from desktop_app.compose import get_preset
from desktop_app.compose.salutations import english_rank, family_name_en, salutation_for
from desktop_app.domain import BilingualText
from desktop_app.domain.letter import Recipient
from tests.helpers.recipients import foreign_minister, mission


def test_the_foreign_minister_is_greeted_by_rank_and_family_name() -> None:
    minister = foreign_minister()
    assert salutation_for(minister, "en") == "Dear Minister Cho,"
    assert salutation_for(minister, "ko") == "존경하는 조태열 장관님,"


def test_the_official_style_prints_no_salutation() -> None:
    assert salutation_for(foreign_minister(), "ko", get_preset("ko-official")) == ""
    assert salutation_for(foreign_minister(), "ko", get_preset("ko-letter")).startswith("존경")


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("Minister of Foreign Affairs", "Minister"),
        ("Prime Minister", "Prime Minister"),
        ("United Nations High Commissioner for Refugees", "High Commissioner"),
        ("Ambassador, Permanent Mission of the Republic of Korea in Geneva", "Ambassador"),
    ],
)
def test_the_rank_is_the_title_before_its_office(title: str, rank: str) -> None:
    assert english_rank(title) == rank


def test_korean_names_put_the_family_name_first_others_last() -> None:
    assert family_name_en("Cho Tae-yul", "조태열") == "Cho"
    assert family_name_en("Volker Türk") == "Türk"


def test_offices_without_a_name_rule_are_greeted_by_the_office() -> None:
    commissioner = Recipient(
        name=BilingualText.of("", "Sample Person"),
        title=BilingualText.of("", "United Nations High Commissioner for Refugees"),
    )
    assert salutation_for(commissioner, "en") == "Dear High Commissioner,"
    assert salutation_for(mission("칠레", "Chile"), "ko") == "존경하는 대사님,"


def test_without_an_office_the_courtesy_title_or_the_name_and_else_nothing() -> None:
    person = Recipient(
        name=BilingualText.of("", "Jane Doe"), honorific=BilingualText.of("", "H.E. Ms.")
    )
    assert salutation_for(person, "en") == "Dear Ms. Doe,"
    assert (
        salutation_for(Recipient(name=BilingualText.of("김철수", "")), "ko")
        == "존경하는 김철수 님,"
    )
    assert salutation_for(Recipient(), "en") == "" == salutation_for(Recipient(), "ko")
