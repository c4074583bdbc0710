"""check() lists what is missing per language, and never raises."""

from dataclasses import replace

from desktop_app.domain import BilingualText, Finding, Letter, check, describe
from desktop_app.i18n import translator
from tests.helpers.samples import sample_letter


def test_the_sample_is_complete() -> None:
    assert check(sample_letter()) == []


def test_empty_letter_lists_what_is_missing_without_raising() -> None:
    messages = [describe(f) for f in check(Letter())]
    assert "There is no recipient." in messages
    assert "There is no date." in messages
    assert "Korean subject is empty." in messages
    assert "English subject is empty." in messages


def test_one_sided_field_is_reported_in_the_missing_language() -> None:
    letter = replace(sample_letter(), subject=BilingualText.of("제목만", ""))
    findings = check(letter)
    assert Finding("missing", "subject", "en") in findings
    assert "English subject is empty." in [describe(f) for f in findings]
    body = list(letter.body)
    body[3] = replace(body[3], text=BilingualText.of("", "English only"))
    findings = check(replace(letter, body=tuple(body)))
    assert describe(Finding("missing", "body[3].text", "ko")) == "Korean paragraph 4 text is empty."
    assert Finding("missing", "body[3].text", "ko") in findings


def test_findings_read_in_korean() -> None:
    _ = translator("ko").gettext
    sentence = describe(Finding("missing", "subject", "en"), _)
    assert "제목" in sentence and "영문" in sentence
