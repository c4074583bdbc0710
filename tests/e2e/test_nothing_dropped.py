"""The rule above all, for letters: no style silently drops a part of the draft.

The fields are not listed by hand: a letter is built by walking the domain dataclasses
(`dataclasses.fields`, recursively, every element of every tuple), each text filled with
a marker of its own per language, so a field added later is covered without touching
this test. For every letter style of each language and every layout the letter is
exported through the real export path, read back (body, tables, nested tables, every
header and footer) and each marker of an exported language must be in the file — or be
named by the export check for that style, and never both.

Fields without text are checked by their effect (the date, an enclosure's quantity, the
disclosure, the 일동 summary) or listed in NOT_TEXT with the reason.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.dates import DateStyle
from desktop_app.domain.letter import Disclosure, Letter, PartyRef, SignatoryKind
from desktop_app.domain.text import BilingualText, Lang
from tests.helpers.marking import (
    Marked,
    export_separately,
    omitted,
    style_pairs,
    two_language_problems,
)

TODAY = date(2024, 5, 20)

# How many elements each tuple of the letter gets: several, so that every element (not
# only the first) is checked, and the 공문's many-recipient form (수신자 참조) is used.
MANY = 3
# Fields that carry no text of their own, and how each is checked.
NOT_TEXT = {
    "Letter.date": "checked by its effect: the formatted date in each language",
    "Letter.disclosure": "checked by its effect: 부분공개 in the 공문, else named by the check",
    "Letter.signatory_summary": "checked by its effect: the Korean `… 외 N개 단체 일동` line",
    "Enclosure.quantity": "checked by its effect: `2부.` / `(2 copies)`",
    "BodyItem.level": "a layout choice (marker and indent), checked in tests/unit/compose",
    "Signatory.kind": "a layout choice (how the line reads); every kind is used here",
    "Letter.date_style": "checked by its effect: the English date in the US style",
    "Letter.korean_weekday": "checked by its effect: the Korean date with its weekday",
    "Recipient.salutation": "mail merge only: a recipient's own salutation replaces the "
    "letter's in that recipient's copy (tests/unit/services/test_merge.py); a single "
    "export prints the letter's salutation",
    # The address-book ids beside a party's copy: never printed (the copy is).
    "Organisation.book": "address-book ids, not printed: the sender's copy is",
    "Recipient.book": "address-book ids, not printed: the recipient's copy is",
    "Signatory.book": "address-book ids, not printed: the signatory's copy is",
}


class LetterMarked(Marked):
    """A letter with a distinct marker in every text field, and where each marker went."""

    not_text = NOT_TEXT

    def __init__(self, count: int, noted: Any = None) -> None:
        super().__init__(Letter, count, noted)
        self.letter: Letter = self.document

    def special(self, name: str, index: int) -> Any:
        if name == "Letter.date":
            return TODAY
        if name == "Letter.disclosure":
            return Disclosure.PARTIAL
        if name == "Letter.signatory_summary":
            return True
        if name == "Enclosure.quantity":
            return 2 if index == 0 else 1
        if name == "BodyItem.level":
            return (0, 1, 1, 2)[index % 4]
        if name == "Letter.date_style":
            return DateStyle.US
        if name == "Letter.korean_weekday":
            return True
        if name == "Recipient.salutation":
            return BilingualText()
        if name.endswith(".book"):
            return PartyRef(organisation=index + 1, person=index + 2, position=index + 3)
        if name == "Signatory.kind":
            kinds = (SignatoryKind.ORGANISATION, None, SignatoryKind.INDIVIDUAL)
            return kinds[index % len(kinds)]
        raise AssertionError(name)


def test_the_walk_reaches_every_field_and_every_enum_is_explained() -> None:
    marked = LetterMarked(MANY)
    assert set(NOT_TEXT) <= marked.seen
    # every element of every tuple got markers of its own
    ko = marked.markers["ko"]
    for part in ("senders", "recipients", "cc", "body", "enclosures", "signatories"):
        assert any(p.startswith(f"{part}[{MANY - 1}].") for p in ko), part
    assert len(set(ko.values())) == len(ko)


# ------------------------------------------------------------------ reading back


def effects(lang: Lang, marked: LetterMarked) -> dict[str, str]:
    """What the fields without text print, by their path."""
    if lang == "ko":
        first = marked.markers["ko"]["signatories[0].organisation"]
        organisations = sum(
            1 for s in marked.letter.signatories if s.resolved_kind is SignatoryKind.ORGANISATION
        )
        others = organisations - 1
        summary = f"{first} 외 {others}개 단체 일동" if others else f"{first} 일동"
        return {
            "date": "2024. 5. 20.(월)",
            "enclosures[0].quantity": f"{marked.markers['ko']['enclosures[0].name']} 2부.",
            "disclosure": "부분공개",
            "signatory_summary": summary,
        }
    return {
        "date": "May 20, 2024",
        "enclosures[0].quantity": f"{marked.markers['en']['enclosures[0].name']} (2 copies)",
        # The disclosure has no English wording: must_be_named. The 일동 summary is an
        # option of the Korean styles (see Letter), not a part of the English letter.
    }


def must_be_named(lang: Lang) -> set[str]:
    """Fields without text that a style of `lang` prints nowhere: the check must say so."""
    return set() if lang == "ko" else {"disclosure"}


def expected(lang: Lang, marked: LetterMarked) -> dict[str, str]:
    out = dict(marked.markers[lang])
    out.update(effects(lang, marked))
    return out


STYLE_PAIRS = style_pairs("letter")


def _check_language(text: str, lang: Lang, marked: LetterMarked, named: set[str]) -> list[str]:
    problems = []
    for path, marker in expected(lang, marked).items():
        printed = marker in text
        if not printed and path not in named:
            problems.append(f"{lang} {path} ({marker}) dropped silently")
        if printed and path in named:
            problems.append(f"{lang} {path} ({marker}) printed, yet the check says it is not")
    for path in must_be_named(lang):
        if path not in named:
            problems.append(f"{lang} {path} has no place in the style, yet the check is silent")
    return problems


# The fields whose markers the effects above print inside a line of their own making.
IN_EFFECTS = {"signatories[0].organisation", "enclosures[0].name"}


@pytest.mark.parametrize("in_notes", [False, True], ids=["text", "in-footnotes"])
@pytest.mark.parametrize("count", [1, MANY])
@pytest.mark.parametrize(("ko_style", "en_style"), STYLE_PAIRS)
def test_every_part_of_a_letter_is_printed_or_named_in_every_style_and_layout(
    tmp_path: Path, ko_style: str, en_style: str, count: int, in_notes: bool
) -> None:
    # in-footnotes: every field's marker is the text of a footnote in that field.
    marked = LetterMarked(count, (lambda path: path not in IN_EFFECTS) if in_notes else None)
    letter = marked.letter
    styles: dict[Lang, str] = {"ko": ko_style, "en": en_style}
    separate, by_lang = export_separately(letter, styles, tmp_path / "separate", TODAY)
    problems: list[str] = []
    for lang in ("ko", "en"):
        named = omitted(letter, separate, lang)
        problems += [f"separate: {p}" for p in _check_language(by_lang[lang], lang, marked, named)]
    neutral = set(marked.markers["ko"].values())
    problems += two_language_problems(
        letter, styles, lambda lang: expected(lang, marked), neutral, by_lang, tmp_path, TODAY
    )
    assert "\n".join(problems) == ""
