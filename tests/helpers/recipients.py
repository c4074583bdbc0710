"""Recipients for mail-merge tests: the permanent missions in Geneva of the fourteen States
of the 46th UPR session (CONTACTS.md), by office only — no holder's name, no address."""

from __future__ import annotations

import json
from typing import Any

from desktop_app.domain.letter import Recipient
from desktop_app.domain.serialize import encode_part
from desktop_app.domain.text import BilingualText

UPR_46_STATES = (
    ("뉴질랜드", "New Zealand"),
    ("아프가니스탄", "Afghanistan"),
    ("칠레", "Chile"),
    ("키프로스", "Cyprus"),
    ("우루과이", "Uruguay"),
    ("예멘", "Yemen"),
    ("바누아투", "Vanuatu"),
    ("북마케도니아", "North Macedonia"),
    ("코모로", "the Comoros"),
    ("슬로바키아", "Slovakia"),
    ("에리트레아", "Eritrea"),
    ("베트남", "Viet Nam"),
    ("도미니카공화국", "the Dominican Republic"),
    ("캄보디아", "Cambodia"),
)


def mission(ko: str, en: str) -> Recipient:
    """The permanent mission of a State in Geneva, addressed to its head by office."""
    return Recipient(
        title=BilingualText.of("주제네바 대표부 대사", "Permanent Representative"),
        organisation=BilingualText.of(
            f"주제네바 {ko} 대표부",
            f"Permanent Mission of {en} to the United Nations Office at Geneva",
        ),
    )


def upr_46_missions() -> list[Recipient]:
    """The fourteen missions, in the session's order of review."""
    return [mission(ko, en) for ko, en in UPR_46_STATES]


def foreign_minister() -> Recipient:
    """The Foreign Minister on 18 April 2024 (CONTACTS.md), as the sample letter has him."""
    return Recipient(
        name=BilingualText.of("조태열", "Cho Tae-yul"),
        title=BilingualText.of("외교부 장관", "Minister of Foreign Affairs"),
        organisation=BilingualText.of("외교부", "Ministry of Foreign Affairs, Republic of Korea"),
        honorific=BilingualText.of("귀하", "H.E. Mr."),
    )


def recipients_json(recipients: list[Recipient]) -> str:
    """A `--recipients FILE.json` file's text."""
    data: list[Any] = [encode_part(r) for r in recipients]
    return json.dumps(data, ensure_ascii=False, indent=2)
