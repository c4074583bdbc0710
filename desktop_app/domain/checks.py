"""What a draft still lacks, per language — listed, never raised."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from desktop_app.domain.letter import Letter
from desktop_app.domain.messages import N_
from desktop_app.domain.notes import parse as parse_notes
from desktop_app.domain.press import PressNotice, Statement, named_signatories
from desktop_app.domain.press_checks import date_time_problems
from desktop_app.domain.text import LANGS, BilingualText, Lang, is_blank
from desktop_app.domain.upr import UprBrief
from desktop_app.domain.upr_checks import (
    CATEGORY_LABELS,
    ActionCategory,
    QuestionWindow,
    WindowState,
    action_category,
    states_not_targeted,
    vietnam_spellings,
)

FindingCode = Literal[
    "missing",
    "no_items",
    "stale",
    "not_a_verb",
    "vietnam",
    "not_a_target",
    "unclosed_note",
    "empty_note",
    "note_count",
    "date_form",
    "time_form",
    "embargo_after_start",
]

# Labels for path segments, in the source language; translated in i18n.
FIELD_LABELS: dict[str, str] = {
    "senders": N_("sender"),
    "recipients": N_("recipient"),
    "cc": N_("cc"),
    "via": N_("via"),
    "date": N_("date"),
    "reference": N_("reference number"),
    "subject": N_("subject"),
    "salutation": N_("salutation"),
    "body": N_("paragraph"),
    "closing": N_("closing"),
    "enclosures": N_("enclosure"),
    "signatories": N_("signatory"),
    "contact": N_("contact"),
    "name": N_("name"),
    "short_name": N_("short name"),
    "address": N_("address"),
    "title": N_("title"),
    "organisation": N_("organisation"),
    "honorific": N_("honorific"),
    "text": N_("text"),
    "person": N_("person"),
    "role": N_("role"),
    "country": N_("country"),
    "state": N_("State under review"),
    "review_date": N_("review date"),
    "organisations": N_("organisation"),
    "issue": N_("issue"),
    "summary": N_("summary"),
    "background": N_("background paragraph"),
    "prior_recommendations": N_("earlier recommendation"),
    "questions": N_("question"),
    "recommendations": N_("recommendation"),
    "theme": N_("theme"),
    "rationale": N_("rationale"),
    "sources": N_("source"),
    "starts": N_("date and time"),
    "place": N_("place"),
    "organisers": N_("organiser"),
    "co_organisers": N_("co-organiser"),
    "purpose": N_("purpose"),
    "programme": N_("programme item"),
    "contacts": N_("press contact"),
    "embargo": N_("embargo"),
    "speaker": N_("speaker"),
    "affiliation": N_("affiliation"),
    "topic": N_("topic"),
    "demands": N_("demand"),
}


@dataclass(frozen=True)
class Finding:
    """One thing check() found: `path` like "recipients[0].title", `lang` when per language."""

    code: FindingCode
    path: str
    lang: Lang | None = None
    detail: str = ""


def iter_texts(obj: Any, path: str = "") -> Iterator[tuple[str, BilingualText]]:
    """Every BilingualText inside a document, with its path, in field order."""
    if isinstance(obj, BilingualText):
        yield path, obj
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from iter_texts(item, f"{path}[{i}]")
    else:
        names = _field_names(type(obj))
        for name in names:
            yield from iter_texts(getattr(obj, name), f"{path}.{name}" if path else name)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names (none for anything else), looked up once per class: every
    autosave walks the whole document (the translation status), and `dataclasses.fields`
    on each of its hundreds of objects was a third of that walk."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        is_instance_class = dataclasses.is_dataclass(cls) and isinstance(cls, type)
        names = tuple(f.name for f in dataclasses.fields(cls)) if is_instance_class else ()
        _FIELD_NAMES[cls] = names
    return names


def _untranslated(obj: Any) -> list[Finding]:
    findings: list[Finding] = []
    for path, text in iter_texts(obj):
        if text.is_empty():
            continue
        for lang in LANGS:
            if text.is_blank(lang):
                findings.append(Finding("missing", path, lang))
        stale = text.stale_side()
        if stale is not None:
            findings.append(Finding("stale", path, stale))
    return findings


def _note_findings(obj: Any) -> list[Finding]:
    """Footnotes (`domain/notes.py`) that are not what they look like: a `^[` never
    closed (printed as typed), a note showing nothing (left out), and a text whose
    Korean and English have a different number of notes (detail "ko/en" counts)."""
    findings: list[Finding] = []
    for path, text in iter_texts(obj):
        counts: dict[Lang, int] = {}
        for lang in LANGS:
            parsed = parse_notes(text.get(lang))
            counts[lang] = len(parsed.notes)
            if parsed.unclosed:
                findings.append(Finding("unclosed_note", path, lang, str(parsed.unclosed)))
            if parsed.blank:
                findings.append(Finding("empty_note", path, lang, str(parsed.blank)))
        both_written = not text.is_blank("ko") and not text.is_blank("en")
        if both_written and counts["ko"] != counts["en"]:
            findings.append(Finding("note_count", path, None, f"{counts['ko']}/{counts['en']}"))
    return findings


def _required(text: BilingualText, path: str) -> list[Finding]:
    if not text.is_empty():
        return []  # one side filled: _untranslated reports the other
    return [Finding("missing", path, lang) for lang in LANGS]


def _no_items(items: tuple[Any, ...]) -> bool:
    """True when a list has no item with any visible text (blank items are no items)."""
    return all(text.is_empty() for _path, text in iter_texts(items))


def check_letter(letter: Letter) -> list[Finding]:
    """Missing parts and missing translations of a letter."""
    findings: list[Finding] = []
    for name in ("recipients", "body", "signatories"):
        if _no_items(getattr(letter, name)):
            findings.append(Finding("no_items", name))
    if letter.date is None:
        findings.append(Finding("no_items", "date"))
    findings += _required(letter.subject, "subject")
    for i, recipient in enumerate(letter.recipients):
        findings += _required(recipient.name, f"recipients[{i}].name")
    for i, item in enumerate(letter.body):
        findings += _required(item.text, f"body[{i}].text")
    findings += _untranslated(letter)
    findings += _note_findings(letter)
    order = {path: n for n, (path, _text) in enumerate(iter_texts(letter))}
    findings.sort(key=lambda f: (order.get(f.path, -1), f.lang or ""))
    return findings


def check_upr_brief(brief: UprBrief) -> list[Finding]:
    """Missing parts, missing translations and UN-usage hints of a UPR brief."""
    findings: list[Finding] = []
    if not brief.state:
        findings.append(Finding("no_items", "state"))
    if brief.review_date is None:
        findings.append(Finding("no_items", "review_date"))
    if _no_items(brief.questions) and _no_items(brief.recommendations):
        findings.append(Finding("no_items", "questions"))
    findings += _required(brief.issue, "issue")
    findings += _untranslated(brief)
    findings += _note_findings(brief)
    for i, recommendation in enumerate(brief.recommendations):
        text = recommendation.text.en.strip()
        category = action_category(text)
        if not is_blank(text) and category.category is None:
            findings.append(
                Finding("not_a_verb", f"recommendations[{i}].text", "en", category.verb)
            )
    for path, bilingual in iter_texts(brief):
        if vietnam_spellings(bilingual.en):
            findings.append(Finding("vietnam", path, "en"))
    for path, code in states_not_targeted(brief):
        findings.append(Finding("not_a_target", path, None, code))
    order = {path: n for n, (path, _text) in enumerate(iter_texts(brief))}
    # An item's own finding (not_a_target) sorts with the item's first text.
    findings.sort(key=lambda f: (order.get(f.path, order.get(f"{f.path}.text", -1)), f.lang or ""))
    return findings


def _date_time_findings(obj: Any) -> list[Finding]:
    """Dates and times typed in free text that the conventions write otherwise
    (`2024.04.18` for `2024. 4. 18.`, `11:0` for `11:00`); detail "as typed|as it should be"."""
    findings: list[Finding] = []
    for path, text in iter_texts(obj):
        for lang in LANGS:
            for problem in date_time_problems(text.get(lang)):
                code: FindingCode = "date_form" if problem.kind == "date" else "time_form"
                findings.append(Finding(code, path, lang, f"{problem.found}|{problem.suggestion}"))
    return findings


def _sorted(document: Any, findings: list[Finding]) -> list[Finding]:
    order = {path: n for n, (path, _text) in enumerate(iter_texts(document))}
    return sorted(findings, key=lambda f: (order.get(f.path, -1), f.lang or ""))


def check_press_notice(notice: PressNotice) -> list[Finding]:
    """Missing parts, missing translations, malformed dates and times, and an embargo that
    lifts after the press conference has begun."""
    findings: list[Finding] = []
    findings += _required(notice.title, "title")
    if notice.starts is None:
        findings.append(Finding("no_items", "starts"))
    findings += _required(notice.place, "place")
    if _no_items(notice.organisers):
        findings.append(Finding("no_items", "organisers"))
    if _no_items(notice.programme):
        findings.append(Finding("no_items", "programme"))
    if _no_items(notice.contacts):
        findings.append(Finding("no_items", "contacts"))
    if notice.embargo_after_start():
        findings.append(Finding("embargo_after_start", "embargo"))
    findings += _untranslated(notice)
    findings += _note_findings(notice)
    findings += _date_time_findings(notice)
    return _sorted(notice, findings)


def check_statement(statement: Statement) -> list[Finding]:
    """Missing parts, missing translations and malformed dates and times of a statement."""
    findings: list[Finding] = []
    findings += _required(statement.title, "title")
    if _no_items(statement.body):
        findings.append(Finding("no_items", "body"))
    if statement.date is None:
        findings.append(Finding("no_items", "date"))
    if not named_signatories(statement.signatories):
        findings.append(Finding("no_items", "signatories"))
    findings += _untranslated(statement)
    findings += _note_findings(statement)
    findings += _date_time_findings(statement)
    return _sorted(statement, findings)


def check(document: Any) -> list[Finding]:
    """Findings for any document kind."""
    if isinstance(document, Letter):
        return check_letter(document)
    if isinstance(document, UprBrief):
        return check_upr_brief(document)
    if isinstance(document, PressNotice):
        return check_press_notice(document)
    if isinstance(document, Statement):
        return check_statement(document)
    return _untranslated(document) + _note_findings(document)


def field_label(path: str, translate: Any = None) -> str:
    """`recipients[0].title` as a person reads it: "recipient 1 title" (translated)."""
    _ = translate or (lambda s: s)
    segments = []
    for part in path.split("."):
        name, _sep, rest = part.partition("[")
        label = _(FIELD_LABELS.get(name, name))
        if rest:
            label = f"{label} {int(rest.rstrip(']')) + 1}"
        segments.append(label)
    return " ".join(segments)


def describe(finding: Finding, translate: Any = None) -> str:
    """A sentence for a person; `translate` is a gettext function (English when None)."""
    _ = translate or (lambda s: s)
    field = field_label(finding.path, _)
    language = {"ko": _("Korean"), "en": _("English"), None: ""}[finding.lang]
    if finding.code == "no_items":
        return str(_("There is no {field}.")).format(field=field)
    if finding.code == "not_a_verb":
        return str(
            _("{field}: a recommendation should start with an action verb, not “{word}”.")
        ).format(field=field, word=finding.detail)
    if finding.code == "not_a_target":
        return str(
            _(
                "{field} is assigned to {state}, which is not among the States the paper is "
                "for; add {state} to “For (States)”, or take it off the {item}."
            )
        ).format(
            field=field[:1].upper() + field[1:],
            state=finding.detail,
            item=_(FIELD_LABELS.get(finding.path.partition("[")[0], "")),
        )
    if finding.code == "vietnam":
        return str(_("{language} {field}: UN texts write “Viet Nam”, not “Vietnam”.")).format(
            language=language, field=field
        )
    if finding.code == "unclosed_note":
        return str(
            _(
                "{language} {field}: a footnote opened with “^[” is never closed with “]”; "
                "it is printed as typed."
            )
        ).format(language=language, field=field)
    if finding.code == "empty_note":
        return str(_("{language} {field} has an empty footnote “^[ ]”; it is left out.")).format(
            language=language, field=field
        )
    if finding.code == "note_count":
        ko, _sep, en = finding.detail.partition("/")
        return str(
            _(
                "The Korean and English {field} have different numbers of footnotes: "
                "Korean {ko}, English {en}."
            )
        ).format(field=field, ko=ko, en=en)
    if finding.code in ("date_form", "time_form"):
        found, _sep, suggestion = finding.detail.partition("|")
        if finding.code == "date_form" and suggestion:
            text = _("{language} {field}: write the date “{found}” as “{suggestion}”.")
        elif finding.code == "date_form":
            text = _("{language} {field}: “{found}” is not a date; write dates as “2024. 4. 18.”.")
        elif suggestion:
            text = _("{language} {field}: write the time “{found}” as “{suggestion}”.")
        else:
            text = _("{language} {field}: “{found}” is not a time; write times as “11:00”.")
        return str(text).format(language=language, field=field, found=found, suggestion=suggestion)
    if finding.code == "embargo_after_start":
        return str(
            _(
                "The embargo lifts after the press conference begins: journalists there "
                "could not report it; let it lift at the start at the latest, or release at once."
            )
        )
    if finding.code == "stale":
        return str(_("{language} {field} may be out of date.")).format(
            language=language, field=field
        )
    return str(_("{language} {field} is empty.")).format(language=language, field=field)


def describe_window(
    window: QuestionWindow, format_date: Callable[[date], str], translate: Any = None
) -> str:
    """The advance-question deadline as a sentence, dates written by `format_date`."""
    _ = translate or (lambda s: s)
    opens, closes = format_date(window.opens), format_date(window.closes)
    if window.state is WindowState.NOT_OPEN:
        text = _(
            "Advance questions can be sent from {opens} to {closes}; that is {days} days away."
        )
    elif window.state is WindowState.OPEN and window.days == 0:
        text = _("Advance questions can be sent until {closes}: today is the last day.")
    elif window.state is WindowState.OPEN:
        text = _("Advance questions can be sent until {closes}: {days} days left.")
    else:
        text = _("The advance-question window closed on {closes}, {days} days ago.")
    return str(text).format(opens=opens, closes=closes, days=window.days)


def describe_category(category: ActionCategory, translate: Any = None) -> str:
    """`Category 5 specific action (“Ratify”)`, or a hint that no action verb was found."""
    _ = translate or (lambda s: s)
    if category.category is None:
        return str(_("No action verb found"))
    label = _(CATEGORY_LABELS[category.category])
    return str(_("Category {label} (“{verb}”)")).format(label=label, verb=category.verb)
