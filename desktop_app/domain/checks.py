"""What a draft still lacks, per language — listed, never raised."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from desktop_app.domain.letter import Letter
from desktop_app.domain.messages import N_
from desktop_app.domain.text import LANGS, BilingualText, Lang

FindingCode = Literal["missing", "no_items", "stale"]

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
}


@dataclass(frozen=True)
class Finding:
    """One thing check() found: `path` like "recipients[0].title", `lang` when per language."""

    code: FindingCode
    path: str
    lang: Lang | None = None


def iter_texts(obj: Any, path: str = "") -> Iterator[tuple[str, BilingualText]]:
    """Every BilingualText inside a document, with its path, in field order."""
    if isinstance(obj, BilingualText):
        yield path, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            sub = f"{path}.{f.name}" if path else f.name
            yield from iter_texts(getattr(obj, f.name), sub)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from iter_texts(item, f"{path}[{i}]")


def _untranslated(obj: Any) -> list[Finding]:
    findings: list[Finding] = []
    for path, text in iter_texts(obj):
        if text.is_empty():
            continue
        for lang in LANGS:
            if not text.get(lang).strip():
                findings.append(Finding("missing", path, lang))
        stale = text.stale_side()
        if stale is not None:
            findings.append(Finding("stale", path, stale))
    return findings


def _required(text: BilingualText, path: str) -> list[Finding]:
    if not text.is_empty():
        return []  # one side filled: _untranslated reports the other
    return [Finding("missing", path, lang) for lang in LANGS]


def check_letter(letter: Letter) -> list[Finding]:
    """Missing parts and missing translations of a letter."""
    findings: list[Finding] = []
    for name in ("recipients", "body", "signatories"):
        if not getattr(letter, name):
            findings.append(Finding("no_items", name))
    if letter.date is None:
        findings.append(Finding("no_items", "date"))
    findings += _required(letter.subject, "subject")
    for i, recipient in enumerate(letter.recipients):
        findings += _required(recipient.name, f"recipients[{i}].name")
    for i, item in enumerate(letter.body):
        findings += _required(item.text, f"body[{i}].text")
    findings += _untranslated(letter)
    order = {path: n for n, (path, _text) in enumerate(iter_texts(letter))}
    findings.sort(key=lambda f: (order.get(f.path, -1), f.lang or ""))
    return findings


def check(document: Any) -> list[Finding]:
    """Findings for any document kind."""
    if isinstance(document, Letter):
        return check_letter(document)
    return _untranslated(document)


def describe(finding: Finding, translate: Any = None) -> str:
    """A sentence for a person; `translate` is a gettext function (English when None)."""
    _ = translate or (lambda s: s)
    segments = []
    for part in finding.path.split("."):
        name, _sep, rest = part.partition("[")
        label = _(FIELD_LABELS.get(name, name))
        if rest:
            label = f"{label} {int(rest.rstrip(']')) + 1}"
        segments.append(label)
    field = " ".join(segments)
    language = {"ko": _("Korean"), "en": _("English"), None: ""}[finding.lang]
    if finding.code == "no_items":
        return str(_("There is no {field}.")).format(field=field)
    if finding.code == "stale":
        return str(_("{language} {field} may be out of date.")).format(
            language=language, field=field
        )
    return str(_("{language} {field} is empty.")).format(language=language, field=field)
