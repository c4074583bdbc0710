"""What a style has no place for: parts of a draft that a preset's convention does not print.

No style drops a part silently: a part a convention really has no place for is named
here, as a sentence naming the style and what to do, which the export dialog and
`dari check` show before a file is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.compose.presets import StylePreset
from desktop_app.domain.checks import field_label
from desktop_app.domain.letter import Disclosure, Letter, Recipient
from desktop_app.domain.messages import N_


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


def omissions(document: Any, preset: StylePreset) -> list[Omission]:
    """The parts of `document` that `preset` leaves out, in document order."""
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
