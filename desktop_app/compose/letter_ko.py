"""Korean letters: the NGO letter (서한) and the official style (공문)."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.compose.blocks import (
    PART_SEPARATOR,
    append_to_last,
    body_paragraphs,
    fit_parts,
    join,
    labelled,
    lines,
    named_with_short_name,
    one_line_names,
    para,
    signatory_block,
)
from desktop_app.compose.dates import format_date
from desktop_app.compose.layout import Align, Block, FieldKind, Paragraph, Run
from desktop_app.compose.markers import korean_marker
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import (
    Disclosure,
    Enclosure,
    Letter,
    Organisation,
    Recipient,
    Signatory,
    SignatoryKind,
)
from desktop_app.domain.text import close_bidi

DISCLOSURE_KO = {
    Disclosure.PUBLIC: "공개",
    Disclosure.PARTIAL: "부분공개",
    Disclosure.PRIVATE: "비공개",
}


def office(recipient: Recipient, *, spaced: bool = True) -> str:
    """`외교부 장관`: the organisation, then the title unless the title already names it.

    `spaced=False` writes the 공문 form `외교부장관` (organisation and title run together).
    """
    organisation = close_bidi(recipient.organisation.ko.strip())
    title = close_bidi(recipient.title.ko.strip())
    if organisation and title.startswith(organisation):
        title = title[len(organisation) :].strip()
    elif organisation and organisation in title:
        organisation = ""
    return join("" if not spaced else " ", organisation, title)


def recipient_line(recipient: Recipient) -> str:
    """`외교부 장관 조태열 귀하` (formal) or `조태열 외교부 장관님께` when the honorific is 님….

    With no honorific, 귀하. The department follows as `(참조: 인권사회과장)`.
    """
    where = office(recipient)
    name = close_bidi(recipient.name.ko.strip())
    honorific = close_bidi(recipient.honorific.ko.strip()) or "귀하"
    if honorific.startswith("님"):
        text = join(" ", name, where) + honorific if where else join(" ", name, honorific)
    else:
        text = join(" ", where, name, honorific) if (where or name) else ""
    department = close_bidi(recipient.department.ko.strip())
    return join(" ", text, f"(참조: {department})" if department else "")


def official_recipient(recipient: Recipient) -> str:
    """The 공문 수신 form: the office, its department in parentheses: `외교부장관(인권사회과장)`.

    The 공문 addresses an office, not a person: the name and honorific are not printed
    (the export check says so). A recipient with only a name is written by name.
    """
    where = office(recipient, spaced=False) or close_bidi(recipient.name.ko.strip())
    department = close_bidi(recipient.department.ko.strip())
    if department:
        return f"{where}({department})" if where else department
    return where


def signatory_line(signatory: Signatory) -> str:
    """`(사)물망초 이사장 김하나`: organisation, role, person; an individual `김하나(피해자 가족)`.

    The country, when given, follows in parentheses.
    """
    country = close_bidi(signatory.country.ko.strip())
    if signatory.resolved_kind is SignatoryKind.INDIVIDUAL:
        role = close_bidi(signatory.role.ko.strip())
        person = close_bidi(signatory.person.ko.strip())
        text = f"{person}({role})" if person and role else join(" ", person, role)
        text = join(" ", signatory.organisation.ko, text)
    else:
        text = join(" ", signatory.organisation.ko, signatory.role.ko, signatory.person.ko)
    return join(" ", text, f"({country})" if country else "")


def signatory_summary(letter: Letter) -> str:
    """`(사)물망초 외 24개 단체 일동`; `(사)물망초 일동` with one; "" when off or none."""
    if not letter.signatory_summary:
        return ""
    names = [
        close_bidi(s.organisation.ko.strip())
        for s in letter.signatories
        if s.resolved_kind is SignatoryKind.ORGANISATION and close_bidi(s.organisation.ko.strip())
    ]
    if not names:
        return ""
    others = len(names) - 1
    return f"{names[0]} 외 {others}개 단체 일동" if others else f"{names[0]} 일동"


def enclosure_text(enclosure: Enclosure) -> str:
    """`서한(영문) 1부.`"""
    name = close_bidi(enclosure.name.ko.strip().rstrip("."))
    return f"{name} {enclosure.quantity}부."


def sender_names(letter: Letter) -> str:
    """All sending organisations, in full, for the 공문's letterhead."""
    return join(" · ", *(s.name.ko for s in letter.senders))


LETTERHEAD_LINES = 2  # the 공문's letterhead title takes at most this many lines


def letterhead_names(letter: Letter, size_pt: float, *, width_pt: float) -> str:
    """The 공문's letterhead: the senders' names by the page header's rule
    (`blocks.one_line_names`) over at most `LETTERHEAD_LINES` lines of `width_pt` at the
    title size — the full names when they fit, else the short names, else the first ones
    and `외 N개 단체`. The 발신명의 still names every sender in full."""
    return one_line_names(
        letter.senders, "ko", size_pt=size_pt, width_pt=LETTERHEAD_LINES * width_pt
    )


def page_header_footer(
    letter: Letter, size: float, *, width_pt: float
) -> tuple[tuple[Paragraph, ...], ...]:
    """Organisation names in the header (on one line, `blocks.one_line_names`); `- 1 -` in
    the footer."""
    names = one_line_names(letter.senders, "ko", size_pt=size - 2, width_pt=width_pt)
    header = (para(names, role="header", align=Align.CENTER, size_pt=size - 2),)
    footer = (
        Paragraph(
            runs=(Run("- "), Run("1", field=FieldKind.PAGE), Run(" -")),
            align=Align.CENTER,
            role="footer",
            space_after_pt=0,
        ),
    )
    return header, footer


def has_letterhead(letter: Letter, preset: StylePreset) -> bool:
    """Whether the first page opens with a letterhead (the 공문's organisation names), so that
    the running header belongs to the pages after it."""
    return preset.official and bool(sender_names(letter))


def enclosure_paragraphs(letter: Letter, size: float) -> list[Paragraph]:
    """붙임 lines: `붙임  서한(영문) 1부.`, numbered only when two or more."""
    enclosures = [e for e in letter.enclosures if not e.name.is_blank("ko")]
    if len(enclosures) == 1:
        return [labelled("붙임", enclosure_text(enclosures[0]), key="enclosures", size_pt=size)]
    out: list[Paragraph] = []
    for n, enclosure in enumerate(enclosures, start=1):
        text = f"{n}. {enclosure_text(enclosure)}"
        if n == 1:
            out.append(labelled("붙임", text, key="enclosures", size_pt=size))
        else:
            out.append(
                Paragraph(runs=(Run(text),), indent_pt=3 * size, key="enclosures", role="meta")
            )
    return out


def compose_letter_ko(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    """The body blocks of a Korean letter in the 서한 or 공문 preset."""
    if preset.official:
        return _official(letter, preset, options)
    return _letter(letter, preset, options)


def _date(letter: Letter, options: ComposeOptions) -> str:
    if letter.date is None:
        return ""
    return format_date(letter.date, "ko", weekday=options.weekday)


def _keep_with_next(blocks: list[Paragraph]) -> list[Paragraph]:
    return [replace(p, keep_with_next=True) for p in blocks]


def _letter(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    size = preset.font.size_pt
    blocks: list[Block] = []
    if not letter.reference.is_blank("ko"):
        blocks.append(
            labelled("문서번호", letter.reference.ko, key="reference", size_pt=size, label_em=4.5)
        )
    for i, recipient in enumerate(letter.recipients):
        # The address, when known, on the next line under the name (the label hangs).
        line = lines([recipient_line(recipient), recipient.address.ko])
        if line:
            blocks.append(labelled("수신", line, key=f"recipients[{i}]", size_pt=size))
    cc = join(", ", *(recipient_line(r) for r in letter.cc))
    if cc:
        blocks.append(labelled("참조", cc, key="cc", size_pt=size))
    if not letter.subject.is_blank("ko"):
        blocks.append(labelled("제목", letter.subject.ko, key="subject", size_pt=size, bold=True))
    blocks.append(para("", key="", space_after_pt=6))
    if not letter.salutation.is_blank("ko"):
        blocks.append(para(letter.salutation.ko, key="salutation", space_after_pt=10))
    body = body_paragraphs(letter.body, "ko", korean_marker, size_pt=size, step_em=1.0)
    # The close (closing, date, signatories) never starts a page on its own.
    blocks += body[:-1] + _keep_with_next(body[-1:])
    if not letter.closing.is_blank("ko"):
        blocks.append(
            para(letter.closing.ko, key="closing", space_before_pt=6, keep_with_next=True)
        )
    date = _date(letter, options)
    if date:
        blocks.append(
            para(date, key="date", align=Align.CENTER, space_before_pt=18, keep_with_next=True)
        )
    summary = signatory_summary(letter)
    if summary:
        blocks.append(
            para(
                summary,
                key="signatories.summary",
                align=Align.CENTER,
                bold=True,
                space_before_pt=12,
                keep_with_next=True,
            )
        )
    blocks += signatory_block(letter.signatories, "ko", size_pt=size, align=Align.CENTER)
    enclosures = enclosure_paragraphs(letter, size)
    if enclosures:
        blocks.append(para("", space_after_pt=6))
        blocks += enclosures
    if not letter.contact.is_blank("ko"):
        blocks.append(
            para(
                letter.contact.ko, key="contact", role="meta", space_before_pt=12, size_pt=size - 1
            )
        )
    for i, sender in enumerate(letter.senders):
        # Every sender, named with its short name (약칭), under the close; the page header
        # has the full names only.
        details = sender_details(sender, with_name=True)
        if details:
            blocks.append(
                para(
                    details,
                    key=f"senders[{i}]",
                    role="meta",
                    size_pt=size - 2,
                    space_before_pt=12 if i == 0 else 0,
                    space_after_pt=2,
                )
            )
    return blocks


def office_parts(sender: Organisation) -> tuple[str, str, str]:
    """A sending office's `우 03000 주소`, `전화 …` and `전송 …` (each "" when not given)."""
    address = join(" ", f"우 {sender.postcode}" if sender.postcode else "", sender.address.ko)
    phone = join(" ", "전화", sender.phone) if sender.phone.strip() else ""
    fax = join(" ", "전송", sender.fax) if sender.fax.strip() else ""
    return address, phone, fax


def sender_details(sender: Organisation, *, with_name: bool) -> str:
    """`우 03000 서울특별시 … / 전화 02-000-0000 / 전송 … / 전자우편 / 누리집` on one line."""
    address, phone, fax = office_parts(sender)
    details = join(PART_SEPARATOR, address, phone, fax, sender.email, sender.website)
    if not with_name:
        return details
    named = named_with_short_name(sender, "ko")
    if not details and named == close_bidi(sender.name.ko.strip()):
        return ""  # the name alone: the page header has it
    return join("  ", named, details)


def official_signature_block(letter: Letter, size: float) -> list[Paragraph]:
    """발신명의: every signatory (organisation, and the person with role within it) and every
    sender that is not among them; the summary line above them when asked for.

    A few are written large, one a line; many go small in one centred paragraph, `·` between.
    """
    signing = {close_bidi(s.organisation.ko.strip()) for s in letter.signatories}
    names = [
        close_bidi(s.name.ko.strip())
        for s in letter.senders
        if close_bidi(s.name.ko.strip()) not in signing
    ]
    names = [n for n in names if n]
    entries = [*names, *(line for line in map(signatory_line, letter.signatories) if line)]
    summary = signatory_summary(letter)
    out: list[Paragraph] = []
    if summary:
        out.append(
            para(
                summary,
                key="signatories.summary",
                role="title",
                align=Align.CENTER,
                bold=True,
                size_pt=size + 6,
                space_after_pt=8,
            )
        )
    if len(entries) <= 3:
        large = not summary
        for line in entries:
            out.append(
                para(
                    line,
                    key="signatories",
                    role="title" if large else "signature",
                    align=Align.CENTER,
                    bold=large,
                    size_pt=size + 6 if large else size,
                    space_after_pt=4,
                )
            )
    elif entries:
        out.append(
            para(
                " · ".join(entries),
                key="signatories",
                role="signature",
                align=Align.CENTER,
                size_pt=size - 1,
                space_after_pt=4,
            )
        )
    if out:
        first = out[0]
        out[0] = replace(first, space_before_pt=36)
        out[-1] = replace(out[-1], space_after_pt=24)
    return out


def _official(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    size = preset.font.size_pt
    width = (options.page or preset.page).text_width_pt
    blocks: list[Block] = []
    if sender_names(letter):
        blocks.append(
            para(
                letterhead_names(letter, size + 8, width_pt=width),
                key="letterhead",
                role="title",
                align=Align.CENTER,
                bold=True,
                size_pt=size + 8,
                space_after_pt=18,
            )
        )
    addressees = [line for line in map(official_recipient, letter.recipients) if line]
    many = len(addressees) > 1
    if many:
        blocks.append(labelled("수신", "수신자 참조", key="recipients", size_pt=size))
    elif addressees:
        blocks.append(labelled("수신", addressees[0], key="recipients[0]", size_pt=size))
    if not letter.via.is_blank("ko"):
        blocks.append(labelled("(경유)", letter.via.ko, key="via", size_pt=size))
    if not letter.subject.is_blank("ko"):
        blocks.append(labelled("제목", letter.subject.ko, key="subject", size_pt=size, bold=True))
    blocks.append(para("", space_after_pt=4))
    body = body_paragraphs(letter.body, "ko", korean_marker, size_pt=size, step_em=1.0)
    enclosures = enclosure_paragraphs(letter, size)
    # "끝." two spaces after the body's last character, or after the last enclosure line.
    if enclosures:
        append_to_last(enclosures, "  끝.")
    else:
        append_to_last(body, "  끝.")
    # The closing block (붙임, 발신명의, 수신자, footer) stays with the body's last lines:
    # every paragraph from the last body paragraph to the footer's last keeps with the next.
    closing: list[Paragraph] = body[-1:]
    blocks += body[:-1]
    if enclosures:
        closing.append(para("", space_after_pt=4))
        closing += enclosures
    closing += official_signature_block(letter, size)
    if many:
        closing.append(
            labelled("수신자", ", ".join(addressees), key="recipients", size_pt=size, label_em=4.0)
        )
    cc = join(", ", *(official_recipient(r) for r in letter.cc))
    if cc:
        closing.append(labelled("참조", cc, key="cc", size_pt=size))
    closing += _official_footer(letter, options, size, width)
    if closing:
        blocks += _keep_with_next(closing[:-1]) + closing[-1:]
    return blocks


def _official_footer(
    letter: Letter, options: ComposeOptions, size: float, width: float
) -> list[Paragraph]:
    small = size - 2
    date = _date(letter, options)
    reference = close_bidi(letter.reference.ko.strip())
    number = f"{reference}({date})" if reference and date else reference or date
    out: list[Paragraph] = []
    if number:
        out.append(
            para(
                join(" ", "시행", number),
                key="footer.reference",
                role="footer",
                size_pt=small,
                space_after_pt=2,
            )
        )
    # Each sending office's details, as the 공문 footer has them: `우 postcode address / 누리집`,
    # then `전화 … / 전송 … / 전자우편 / 공개 구분`; with several offices each names itself.
    offices = [s for s in letter.senders if sender_details(s, with_name=False)]
    rows: list[tuple[str, str]] = []
    for i, sender in enumerate(letter.senders):
        if sender not in offices:
            continue
        address, phone, fax = office_parts(sender)
        address = join(PART_SEPARATOR, address, sender.website)
        if len(offices) > 1:
            address = join("  ", sender.name.ko, address)
        contact = join(PART_SEPARATOR, phone, fax, sender.email)
        rows += [(f"footer.senders[{i}]", address), (f"footer.senders[{i}]", contact)]
    disclosure = DISCLOSURE_KO[letter.disclosure]
    if rows and rows[-1][1]:
        rows[-1] = (rows[-1][0], join(PART_SEPARATOR, rows[-1][1], disclosure))
    else:
        rows.append(("footer.disclosure", disclosure))
    for key, text in rows:
        if text:
            text = fit_parts(text, size_pt=small, width_pt=width)
            out.append(para(text, key=key, role="footer", size_pt=small, space_after_pt=2))
    if not letter.contact.is_blank("ko"):
        out.append(para(letter.contact.ko, key="contact", role="footer", size_pt=small))
    return out
