"""What a style has no place for: parts of a draft that a preset's convention does not print.

No style drops a part silently: a part a convention really has no place for is named
here, as a sentence naming the style and what to do, which the export dialog and
`dari check` show before a file is written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from desktop_app.compose.presets import StylePreset
from desktop_app.domain.checks import field_label
from desktop_app.domain.letter import Disclosure, Letter, Recipient
from desktop_app.domain.messages import N_
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.text import BilingualText, Lang
from desktop_app.domain.upr import UprBrief


@dataclass(frozen=True)
class Omission:
    """A part `path` (e.g. "recipients[0]") that `preset` does not print; `message` says why.

    `message` is an English source string with {style} and {field} in it, translated
    when it reaches a person. `parts` are the exact fields left out ("recipients[0].name").
    """

    preset: StylePreset
    path: str
    message: str
    parts: tuple[str, ...] = ()

    def describe(self, translate: Any = None) -> str:
        """The sentence for a person; `translate` is a gettext function (English when None)."""
        _ = translate or (lambda s: s)
        style = _(self.preset.label)
        field = field_label(self.path, _) if self.path else ""
        return str(_(self.message)).format(style=style, field=field)


SALUTATION = N_(
    "The {style} style does not print the salutation; use the Korean letter (서한) style "
    "to open with it, or leave it empty."
)
CLOSING = N_(
    "The {style} style does not print the closing; use the Korean letter (서한) style, "
    "or end the body with it."
)
ADDRESSEE_NAME = N_(
    "The {style} style addresses the office, not the person: the name and honorific of "
    "{field} are not printed; use the Korean letter (서한) style to address the person."
)
ADDRESS = N_(
    "The {style} style does not print the address of {field}; write it on the envelope "
    "(the Korean letter (서한) style prints an addressee's address)."
)
CC_ADDRESS = N_(
    "The {style} style does not print the address of {field}, a copy; write it on the envelope."
)
VIA = N_(
    "The {style} style has no (경유) line; use the Korean official (공문) style to print "
    "the via office."
)
DISCLOSURE = N_(
    "The {style} style does not print the disclosure (공개 구분); use the Korean official "
    "(공문) style to print it."
)
# (경유) is a line of the Korean 공문 only (LETTERS.md: header · 수신 · (경유) · 제목 …); an
# English letter has no via line, and inventing one would read as a mistake to its reader.
ENGLISH_VIA = N_(
    "The {style} style has no place for 경유 (via); the Korean official (공문) style "
    "prints it, or name the office in the body or the cc list."
)
# 공개 구분 belongs to the 공문's footer; an English letter has no disclosure marking.
ENGLISH_DISCLOSURE = N_(
    "The {style} style does not print the disclosure (공개 구분); say in the body if "
    "the letter is not for publication."
)
# The 공문 writes an organisation's short name (약칭) in the document number
# (`단체약칭 제2024-○○호`, LETTERS.md), which the draft's reference number is; the 공문 does
# not add it beside the name. The other styles print it with the name, in parentheses.
SHORT_NAME = N_(
    "The {style} style prints the short name of {field} only as part of the document "
    "number (문서번호); begin the reference number with it, e.g. “TJWG 제2024-12호”."
)


# The OHCHR-style list is, by convention, the questions (and the recommendations after
# them) under each submitting State's name (UPR.md): the paper's other parts have no place
# in it. Each is named, one sentence per part, so that nothing is left out unawares.
OHCHR_PART = N_(
    "The {style} style prints the questions and recommendations only; the {field} is not "
    "printed — use the briefing paper style to send it."
)
OHCHR_THEME = N_(
    "The {style} style prints the questions and recommendations only; the theme of {field} "
    "is not printed — use the briefing paper style to send it."
)
OHCHR_RATIONALE = N_(
    "The {style} style prints the questions and recommendations only; the rationale of "
    "{field} is not printed — use the briefing paper style to send it."
)
OHCHR_ORGANISATION = N_(
    "The {style} style prints the questions and recommendations only; of {field} only the "
    "name is printed, in the page header — use the briefing paper style to send its "
    "details."
)
# What the OHCHR list prints of a brief: the rest is named. State codes, the cycle and
# the session print in its title and section headings.
OHCHR_PRINTS = frozenset(
    {"state", "cycle", "session", "questions", "recommendations", "target_states"}
)
# What it prints of each item of these tuples (the organisations' names: in the header).
OHCHR_ITEM_PRINTS = {
    "questions": frozenset({"text", "states"}),
    "organisations": frozenset({"name"}),
}
OHCHR_MESSAGES = {
    "questions.theme": OHCHR_THEME,
    "questions.rationale": OHCHR_RATIONALE,
    "organisations": OHCHR_ORGANISATION,
}


# A notice names its organisers (주최, 주관) on one line each; their letterhead details have
# no place there — the 문의 line is where journalists look for a telephone number.
PRESS_ORGANISER = N_(
    "The {style} style names {field} only: its short name apart, its address and contact "
    "details are not printed; give a press contact (문의) instead."
)
# A statement is signed by organisations: `○○○ 외 N개 단체 일동` and their names.
# (The Korean list writes a country after the name, 대한민국 apart, which is implied.)
STATEMENT_SIGNER = N_(
    "The {style} style lists signatories by organisation: the person and role of {field} "
    "are not printed; a letter prints them."
)
NAME_FIELDS = frozenset({"name", "short_name", "book"})


def _press_notice(notice: PressNotice, preset: StylePreset) -> list[Omission]:
    lang: Lang = "ko" if preset.lang == "ko" else "en"
    out: list[Omission] = []
    for field in ("organisers", "co_organisers"):
        for i, organisation in enumerate(getattr(notice, field)):
            path = f"{field}[{i}]"
            parts = tuple(
                p
                for f in dataclasses.fields(organisation)
                if f.name not in NAME_FIELDS
                for p in filled_parts(getattr(organisation, f.name), f"{path}.{f.name}", lang)
            )
            if parts:
                out.append(Omission(preset, path, PRESS_ORGANISER, parts))
    return out


def _statement(statement: Statement, preset: StylePreset) -> list[Omission]:
    lang: Lang = "ko" if preset.lang == "ko" else "en"
    unprinted = ("person", "role")
    out: list[Omission] = []
    for i, signatory in enumerate(statement.signatories):
        path = f"signatories[{i}]"
        if signatory.organisation.is_blank(lang):
            continue  # a person signing alone is printed by name and role
        parts = tuple(
            p
            for name in unprinted
            for p in filled_parts(getattr(signatory, name), f"{path}.{name}", lang)
        )
        if parts:
            out.append(Omission(preset, path, STATEMENT_SIGNER, parts))
    return out


def omissions(document: Any, preset: StylePreset) -> list[Omission]:
    """The parts of `document` that `preset` leaves out, in document order."""
    if isinstance(document, PressNotice):
        return _press_notice(document, preset)
    if isinstance(document, Statement):
        return _statement(document, preset)
    if isinstance(document, UprBrief):
        return _ohchr_list(document, preset) if preset.variant == "ohchr" else []
    if not isinstance(document, Letter):
        return []
    if preset.lang == "en":
        return _english_letter(document, preset)
    return _korean_letter(document, preset)


def _filled(text: str) -> bool:
    return bool(text.strip())


def _english_letter(letter: Letter, preset: StylePreset) -> list[Omission]:
    out: list[Omission] = []
    if _filled(letter.via.en):
        out.append(Omission(preset, "via", ENGLISH_VIA, ("via",)))
    if letter.disclosure is not Disclosure.PUBLIC:
        out.append(Omission(preset, "disclosure", ENGLISH_DISCLOSURE, ("disclosure",)))
    return out


def _korean_letter(letter: Letter, preset: StylePreset) -> list[Omission]:
    out: list[Omission] = []

    def add(path: str, message: str, *parts: str) -> None:
        out.append(Omission(preset, path, message, parts or (path,)))

    def filled(text: str) -> bool:
        return bool(text.strip())

    def addressees(field: str, people: tuple[Recipient, ...]) -> None:
        for i, person in enumerate(people):
            path = f"{field}[{i}]"
            has_office = filled(person.organisation.ko) or filled(person.title.ko)
            named = filled(person.name.ko) or filled(person.honorific.ko)
            if preset.official and named and has_office:
                add(path, ADDRESSEE_NAME, f"{path}.name", f"{path}.honorific")
            # The 서한 prints an addressee's address under the 수신 line, not a cc's.
            if filled(person.address.ko) and field == "cc":
                add(path, CC_ADDRESS, f"{path}.address")
            elif filled(person.address.ko) and preset.official:
                add(path, ADDRESS, f"{path}.address")

    for i, sender in enumerate(letter.senders):
        short = sender.short_name.ko.strip().casefold()
        shown = (sender.name.ko.casefold(), letter.reference.ko.casefold())
        if preset.official and short and not any(short in text for text in shown):
            add(f"senders[{i}]", SHORT_NAME, f"senders[{i}].short_name")
    if not preset.official and filled(letter.via.ko):
        add("via", VIA)
    addressees("recipients", letter.recipients)
    addressees("cc", letter.cc)
    if preset.official and filled(letter.salutation.ko):
        add("salutation", SALUTATION)
    if preset.official and filled(letter.closing.ko):
        add("closing", CLOSING)
    if not preset.official and letter.disclosure is not Disclosure.PUBLIC:
        add("disclosure", DISCLOSURE)
    return out


def filled_parts(value: Any, path: str, lang: Lang) -> tuple[str, ...]:
    """The paths of the non-empty fields within `value` in `lang`, walking its dataclass
    fields (so a field added later is covered): a text, a string, a tuple of strings (State
    codes) as one part, each element of any other tuple, any other set value."""
    if isinstance(value, BilingualText):
        return (path,) if not value.is_blank(lang) else ()
    if isinstance(value, str):
        return (path,) if value.strip() else ()
    if isinstance(value, tuple):
        if all(isinstance(v, str) for v in value):
            return (path,) if any(v.strip() for v in value) else ()
        return tuple(p for i, v in enumerate(value) for p in filled_parts(v, f"{path}[{i}]", lang))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(
            p
            for f in dataclasses.fields(value)
            if getattr(value, f.name) != f.default  # a level 0, say, is no part of its own
            for p in filled_parts(getattr(value, f.name), f"{path}.{f.name}", lang)
        )
    return (path,) if value is not None else ()


def _ohchr_list(brief: UprBrief, preset: StylePreset) -> list[Omission]:
    out: list[Omission] = []
    lang: Lang = "ko" if preset.lang == "ko" else "en"
    for f in dataclasses.fields(brief):
        value = getattr(brief, f.name)
        if f.name in OHCHR_ITEM_PRINTS:
            printed = OHCHR_ITEM_PRINTS[f.name]
            for i, item in enumerate(value):
                path = f"{f.name}[{i}]"
                rest = [g.name for g in dataclasses.fields(item) if g.name not in printed]
                # one sentence per part of a question, one for the rest of an organisation
                groups = [[g] for g in rest] if f.name == "questions" else [rest]
                for group in groups:
                    parts = tuple(
                        p
                        for g in group
                        for p in filled_parts(getattr(item, g), f"{path}.{g}", lang)
                    )
                    key = f"{f.name}.{group[0]}" if len(group) == 1 else f.name
                    message = OHCHR_MESSAGES.get(key, OHCHR_MESSAGES.get(f.name, OHCHR_PART))
                    if parts:
                        out.append(Omission(preset, path, message, parts))
            continue
        if f.name in OHCHR_PRINTS:
            continue
        if isinstance(value, tuple) and not all(isinstance(v, str) for v in value):
            for i, item in enumerate(value):
                parts = filled_parts(item, f"{f.name}[{i}]", lang)
                if parts:
                    out.append(Omission(preset, f"{f.name}[{i}]", OHCHR_PART, parts))
            continue
        parts = filled_parts(value, f.name, lang)
        if parts:
            out.append(Omission(preset, f.name, OHCHR_PART, parts))
    return out
