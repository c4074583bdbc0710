"""The JSON draft format: round trips, versions and clear errors."""

import copy
from datetime import UTC, date, datetime
from typing import Any

import pytest

from desktop_app.domain import (
    FORMAT_VERSION,
    BilingualText,
    BodyItem,
    DraftFormatError,
    Letter,
    from_json,
    to_json,
)
from tests.helpers.samples import sample_letter, sample_payload


def test_sample_round_trips_exactly() -> None:
    letter = sample_letter()
    assert from_json(to_json(letter)) == letter
    assert to_json(letter) == sample_payload()


def test_change_times_survive_a_round_trip() -> None:
    when = datetime(2024, 4, 18, 9, 30, tzinfo=UTC)
    letter = Letter(subject=BilingualText("제목", "Subject", when, None), date=date(2024, 4, 18))
    back = from_json(to_json(letter))
    assert back.subject.ko_changed == when
    assert back.subject.en_changed is None


def test_stale_mark_survives_a_round_trip() -> None:
    letter = Letter(subject=BilingualText.of("제목", "Subject").with_text("ko", "새 제목"))
    assert letter.subject.stale_side() == "en"
    assert from_json(to_json(letter)).subject.stale_side() == "en"


def test_text_is_cleaned_on_import() -> None:
    data = to_json(Letter(body=(BodyItem(BilingualText("a\x00", "\u1100\u1161"), 1),)))
    data["body"][0]["text"]["ko"] = "a\x00b\x0bc"
    letter = from_json(data)
    assert letter.body[0].text.ko == "a\ufffdb\nc"


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(sample_payload())
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ([], "JSON object"),
        ({"kind": "letter"}, "no format version"),
        ({"format": FORMAT_VERSION + 1, "kind": "letter"}, "newer Dari"),
        ({"format": 1, "kind": "memo"}, "Unknown kind"),
        (_broken(lambda d: d.update(subject="plain")), "'subject'"),
        (_broken(lambda d: d.update(date="18/04/2024")), "not a date"),
        (_broken(lambda d: d["body"][2].update(level="one")), "body[2].level"),
        (_broken(lambda d: d.update(disclosure="secret")), "public, partial, private"),
        (_broken(lambda d: d.update(surprise=1)), "Unknown field 'surprise'"),
        (_broken(lambda d: d["subject"].update(ko=5)), "'ko'"),
        (_broken(lambda d: d["subject"].update(ko_changed="yesterday")), "date and time"),
    ],
)
def test_bad_json_gets_a_sentence_saying_where(data: Any, words: str) -> None:
    with pytest.raises(DraftFormatError) as info:
        from_json(data)
    assert words in str(info.value)


def test_a_format_1_letter_still_imports_with_signatory_kinds_derived() -> None:
    from desktop_app.domain.letter import SignatoryKind

    old = {
        "format": 1,
        "kind": "letter",
        "recipients": [{"name": {"ko": "조태열", "en": "Cho Tae-yul"}}],
        "signatories": [
            {"organisation": {"ko": "물망초", "en": "Mulmangcho"}},
            {"person": {"ko": "김하나", "en": "Kim Hana"}},
            {
                "organisation": {"ko": "물망초", "en": ""},
                "person": {"ko": "김하나", "en": ""},
                "role": {"ko": "이사장", "en": ""},
            },
        ],
    }
    letter = from_json(old)
    assert [s.kind for s in letter.signatories] == [
        SignatoryKind.ORGANISATION,
        SignatoryKind.INDIVIDUAL,
        SignatoryKind.ORGANISATION,
    ]
    assert letter.recipients[0].department == BilingualText()
    assert letter.signatory_summary is False
    assert to_json(letter)["format"] == FORMAT_VERSION == 6
    assert from_json(to_json(letter)) == letter


def test_new_letter_fields_round_trip_and_refuse_wrong_types() -> None:
    from desktop_app.domain.letter import Recipient, Signatory, SignatoryKind

    letter = Letter(
        recipients=(Recipient(department=BilingualText.of("인권사회과장", "Human Rights")),),
        signatories=(Signatory(kind=SignatoryKind.INDIVIDUAL),),
        signatory_summary=True,
    )
    assert from_json(to_json(letter)) == letter
    with pytest.raises(DraftFormatError, match="true or false"):
        from_json({**to_json(letter), "signatory_summary": 1})
    person = BilingualText.of("김하나", "")
    assert Signatory(person=person).resolved_kind is SignatoryKind.INDIVIDUAL
    assert Signatory().resolved_kind is SignatoryKind.ORGANISATION


def test_dismissed_glossary_findings_round_trip() -> None:
    from desktop_app.domain.text import DismissedTerm

    dismissed = (DismissedTerm("베트남", "Vietnam"), DismissedTerm("외교부"))
    letter = Letter(body=(BodyItem(BilingualText("외교부", "the Ministry", dismissed=dismissed)),))
    data = to_json(letter)
    assert data["format"] == FORMAT_VERSION
    assert data["body"][0]["text"]["dismissed"] == [
        {"ko": "베트남", "variant": "Vietnam"},
        {"ko": "외교부"},
    ]
    assert from_json(data) == letter
    assert "dismissed" not in to_json(Letter(subject=BilingualText.of("a", "b")))["subject"]


def test_a_format_5_file_without_dismissals_imports_with_none() -> None:
    data = {**sample_payload(), "format": 5}
    assert "dismissed" not in str(data)
    letter = from_json(data)
    assert letter.subject.dismissed == ()
    older = {**copy.deepcopy(data), "format": 4}
    assert from_json(older).subject.dismissed == ()


@pytest.mark.parametrize(
    ("dismissed", "words"),
    [
        ("외교부", "Expected a list at 'subject.dismissed'"),
        (["외교부"], "Expected an object with 'ko' at 'subject.dismissed[0]'"),
        ([{"ko": "외교부", "why": "x"}], "Unknown field 'why'"),
        ([{"variant": "Vietnam"}], "Expected text under 'ko'"),
    ],
)
def test_broken_dismissals_are_refused_saying_where(dismissed: Any, words: str) -> None:
    data = _broken(lambda d: d["subject"].update(dismissed=dismissed))
    with pytest.raises(DraftFormatError, match=words.replace("[", r"\[").replace("]", r"\]")):
        from_json(data)


def test_a_recipient_s_own_salutation_round_trips_and_older_files_read_without_it() -> None:
    from dataclasses import replace

    letter = sample_letter()
    own = replace(
        letter.recipients[0], salutation=BilingualText.of("존경하는 장관님께,", "Excellency,")
    )
    with_own = replace(letter, recipients=(own,), cc=(own,))
    payload = to_json(with_own)
    assert payload["recipients"][0]["salutation"] == {
        "ko": "존경하는 장관님께,",
        "en": "Excellency,",
    }
    assert from_json(payload) == with_own
    older = copy.deepcopy(sample_payload())
    for version in (4, 5):  # a format-4 file, and a format-5 one written before the field
        del older["recipients"][0]["salutation"]
        older["format"] = version
        decoded = from_json(older)
        assert decoded.recipients[0].salutation == BilingualText()
        assert decoded == from_json(sample_payload())
        older = copy.deepcopy(sample_payload())
    broken = copy.deepcopy(payload)
    broken["recipients"][0]["salutation"] = "Excellency,"
    with pytest.raises(DraftFormatError, match=r"recipients\[0\]\.salutation"):
        from_json(broken)
