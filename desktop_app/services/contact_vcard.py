"""vCard 3.0 (RFC 2426) for the address book's people: cards parsed into rows, people
written as cards. No storing here (contact_files does that).

A card's FN and N carry the English name (the person's own romanisation) when there is
one, else the Korean; the Korean name is in X-DARI-NAME-KO (and the family name in
X-DARI-FAMILY-NAME-KO), so that a phone abroad shows a name it can sort and Dari reads
both back. Without X-DARI-NAME-KO, an FN in Hangul is the Korean name. ORG is the
organisation they work for (X-DARI-ORG-KO its Korean name), TITLE their role, TEL and
EMAIL theirs, ADR the organisation's address. Lines are folded at 75 octets (never inside
a character) and text is escaped as RFC 2426 says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.domain.contacts import (
    Appointment,
    BookOrganisation,
    ContactError,
    Person,
    Position,
)
from desktop_app.domain.messages import N_
from desktop_app.domain.text import BilingualText, clean_text
from desktop_app.services.contact_csv import ContactRow, RowProblem

if TYPE_CHECKING:
    from desktop_app.storage import Database

FOLD_AT = 75  # octets a line may have, its line break not counted


def _hangul(text: str) -> bool:
    return any("\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" for c in text)


def escape(text: str) -> str:
    """A TEXT value as RFC 2426 writes it: backslash, comma, semicolon, line break."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def unescape(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def _split(value: str, sep: str = ";") -> list[str]:
    """A structured value's components, split at separators not escaped."""
    parts, current, escaped = [], "", False
    for c in value:
        if escaped:
            current += "\\" + c
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == sep:
            parts.append(current)
            current = ""
        else:
            current += c
    parts.append(current + ("\\" if escaped else ""))
    return [unescape(p) for p in parts]


def fold(line: str) -> str:
    """One content line folded to lines of at most 75 octets (CRLF and a space between)."""
    out: list[str] = []
    current, size, limit = "", 0, FOLD_AT
    for c in line:
        width = len(c.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, FOLD_AT
        current += c
        size += width
    out.append(current)
    return "\r\n".join(out)


def _line(name: str, *values: str, params: str = "") -> str:
    value = ";".join(escape(v) for v in values)
    return fold(f"{name}{';' + params if params else ''}:{value}")


@dataclass
class _Card:
    line: int
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)

    def first(self, name: str) -> str | None:
        return next((v for n, _p, v in self.props if n == name), None)

    def all(self, name: str) -> list[str]:
        return [v for n, _p, v in self.props if n == name]


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with the number of the line each begins on."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def _property(raw: str) -> tuple[str, dict[str, str], str]:
    quoted, colon = False, -1
    for i, c in enumerate(raw):
        if c == '"':
            quoted = not quoted
        elif c == ":" and not quoted:
            colon = i
            break
    if colon < 0:
        raise ContactError(N_("the line “{line}” has no “:”"), line=raw[:40])
    head, value = raw[:colon], raw[colon + 1 :]
    name, *params = head.split(";")
    name = name.rpartition(".")[2].upper()  # a group ("item1.EMAIL") is not kept
    parameters: dict[str, str] = {}
    for param in params:
        key, _, val = param.partition("=")
        parameters[key.upper()] = val if _ else key
    return name, parameters, value


def _cards(text: str) -> tuple[list[_Card], list[RowProblem]]:
    cards: list[_Card] = []
    problems: list[RowProblem] = []
    card: _Card | None = None
    for number, raw in _content_lines(text):
        try:
            name, params, value = _property(raw)
        except ContactError as error:
            if card is not None:
                problems.append(RowProblem(card.line, error))
                card = None
            continue
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                problems.append(RowProblem(card.line, ContactError(N_("the card has no END"))))
            card = _Card(number)
        elif card is None:
            continue
        elif name == "END":
            cards.append(card)
            card = None
        else:
            if params.get("ENCODING", "").upper() in ("QUOTED-PRINTABLE", "QP", "B", "BASE64"):
                if name in ("PHOTO", "LOGO", "SOUND", "KEY"):
                    continue  # pictures and keys are not kept
                problems.append(
                    RowProblem(
                        card.line,
                        ContactError(
                            N_("its {name} is encoded ({encoding}); export it as vCard 3.0"),
                            name=name,
                            encoding=params["ENCODING"],
                        ),
                    )
                )
                card = None
                continue
            card.props.append((name, params, value))
    if card is not None:
        problems.append(RowProblem(card.line, ContactError(N_("the card has no END"))))
    return cards, problems


def _two(text: str, ko: str | None) -> BilingualText:
    """A value in one language (Hangul: Korean) with a Korean one beside it."""
    if ko is not None:
        return BilingualText.of(unescape(ko), "" if _hangul(text) else text)
    return BilingualText.of(text, "") if _hangul(text) else BilingualText.of("", text)


def _row(card: _Card) -> ContactRow:
    version = (card.first("VERSION") or "").strip()
    if version not in ("3.0", "4.0"):
        raise ContactError(
            N_("it is a vCard {version}; Dari reads vCard 3.0"), version=version or "?"
        )
    n = _split(card.first("N") or "")
    family, given = [*n, "", ""][:2]
    fn = unescape(card.first("FN") or "").strip() or " ".join(p for p in (given, family) if p)
    name = _two(fn, card.first("X-DARI-NAME-KO"))
    if name.is_empty():
        raise ContactError(N_("the card has no name (FN or N)"))
    notes = [unescape(v) for v in card.all("NOTE")]
    phones = [unescape(v).strip() for v in card.all("TEL")]
    emails = [unescape(v).strip() for v in card.all("EMAIL")]
    extra = [*phones[1:], *emails[1:]]
    if extra:
        notes.append("Also: " + ", ".join(extra))  # never dropped silently
    org = _split(card.first("ORG") or "")[0].strip()
    organisation = None
    adr = card.first("ADR")
    if org or card.first("X-DARI-ORG-KO"):
        address = BilingualText()
        postcode = country = ""
        if adr is not None:
            parts = [*_split(adr), *[""] * 7][:7]
            street = ", ".join(p for p in (parts[2], parts[1], parts[3], parts[4]) if p)
            address, postcode, country = _two(street, None), parts[5], parts[6]
        organisation = BookOrganisation(
            _two(org, card.first("X-DARI-ORG-KO")),
            address=address,
            postcode=postcode,
            country=_two(country, None),
        )
    elif adr is not None:
        notes.append("Address: " + ", ".join(p for p in _split(adr) if p))
    person = Person(
        name,
        family_name=_two(family, card.first("X-DARI-FAMILY-NAME-KO")),
        courtesy=_two(
            unescape(card.first("X-DARI-COURTESY") or ""), card.first("X-DARI-COURTESY-KO")
        ),
        role=_two(unescape(card.first("TITLE") or ""), card.first("X-DARI-TITLE-KO")),
        email=emails[0] if emails else "",
        phone=phones[0] if phones else "",
    )
    return ContactRow(card.line, organisation, None, person, note=clean_text("\n".join(notes)))


def parse_vcards(text: str) -> tuple[list[ContactRow], list[RowProblem]]:
    """One row per card (a person, with the organisation of ORG); a bad card is reported
    by the line of its BEGIN."""
    cards, problems = _cards(text)
    rows: list[ContactRow] = []
    for card in cards:
        try:
            rows.append(_row(card))
        except ContactError as error:
            problems.append(RowProblem(card.line, error))
    problems.sort(key=lambda p: p.number)
    return rows, problems


def _card(person: Person, org: BookOrganisation | None) -> list[str]:
    name = person.name
    shown = name.en or name.ko
    family = person.family_name.en if name.en else person.family_name.ko
    given = shown
    if family and shown.endswith(" " + family):
        given = shown[: -len(family) - 1]
    elif family and shown.startswith(family):
        given = shown[len(family) :].strip()
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        _line("FN", shown),
        _line("N", family, given, "", "", ""),
    ]
    if name.en and name.ko:
        lines.append(_line("X-DARI-NAME-KO", name.ko))
    if person.family_name.ko and name.en:
        lines.append(_line("X-DARI-FAMILY-NAME-KO", person.family_name.ko))
    if person.courtesy.en:
        lines.append(_line("X-DARI-COURTESY", person.courtesy.en))
    if person.courtesy.ko:
        lines.append(_line("X-DARI-COURTESY-KO", person.courtesy.ko))
    if org is not None:
        lines.append(_line("ORG", org.name.en or org.name.ko))
        if org.name.ko and org.name.en:
            lines.append(_line("X-DARI-ORG-KO", org.name.ko))
        address = org.address.en or org.address.ko
        country = org.country.en or org.country.ko
        if address or org.postcode or country:
            lines.append(
                _line("ADR", "", "", address, "", "", org.postcode, country, params="TYPE=WORK")
            )
    role = person.role
    if role.en or role.ko:
        lines.append(_line("TITLE", role.en or role.ko))
        if role.en and role.ko:
            lines.append(_line("X-DARI-TITLE-KO", role.ko))
    if person.phone:
        lines.append(_line("TEL", person.phone, params="TYPE=WORK,VOICE"))
    if person.email:
        lines.append(_line("EMAIL", person.email, params="TYPE=INTERNET"))
    if person.note:
        lines.append(_line("NOTE", person.note))
    lines.append("END:VCARD")
    return lines


def format_vcards(db: Database) -> tuple[int, str]:
    """Every person as a vCard 3.0 (their organisation: the one they work for, else the
    one of an office they held, the latest first); returns how many cards and the text."""
    book = db.contacts
    orgs = {o.id: o for o in book.all(BookOrganisation)}
    office_org = {p.id: p.organisation_id for p in book.all(Position)}
    held: dict[int, int] = {}
    for term in sorted(book.all(Appointment), key=lambda a: str(a.start or "")):
        held[term.person_id] = office_org[term.position_id]
    lines: list[str] = []
    people = book.all(Person)
    for person in people:
        org_id = person.organisation_id or held.get(person.id)
        lines.extend(_card(person, orgs.get(org_id) if org_id else None))
    return len(people), "".join(line + "\r\n" for line in lines)
