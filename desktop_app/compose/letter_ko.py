"""Korean letters: the NGO letter (서한) and the official style (공문)."""

from __future__ import annotations

from desktop_app.compose.blocks import (
    append_to_last,
    body_paragraphs,
    join,
    labelled,
    para,
    signatory_block,
)
from desktop_app.compose.dates import format_date
from desktop_app.compose.layout import Align, Block, FieldKind, Paragraph, Run
from desktop_app.compose.markers import korean_marker
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import Disclosure, Enclosure, Letter, Recipient, Signatory

DISCLOSURE_KO = {
    Disclosure.PUBLIC: "공개",
    Disclosure.PARTIAL: "부분공개",
    Disclosure.PRIVATE: "비공개",
}


def recipient_line(recipient: Recipient) -> str:
    """`외교부 장관 조태열 귀하`: title, name, honorific."""
    return join(" ", recipient.title.ko, recipient.name.ko, recipient.honorific.ko)


def signatory_line(signatory: Signatory) -> str:
    """`전환기정의워킹그룹 대표 이영환`: organisation, role, person."""
    return join(" ", signatory.organisation.ko, signatory.role.ko, signatory.person.ko)


def enclosure_text(enclosure: Enclosure) -> str:
    """`서한(영문) 1부.`"""
    name = enclosure.name.ko.strip().rstrip(".")
    return f"{name} {enclosure.quantity}부."


def sender_names(letter: Letter) -> str:
    """All sending organisations, for the page header."""
    return join(" · ", *(s.name.ko for s in letter.senders))


def page_header_footer(letter: Letter, size: float) -> tuple[tuple[Paragraph, ...], ...]:
    """Organisation names in the header; `- 1 -` in the footer."""
    header = (para(sender_names(letter), role="header", align=Align.CENTER, size_pt=size - 2),)
    footer = (
        Paragraph(
            runs=(Run("- "), Run("1", field=FieldKind.PAGE), Run(" -")),
            align=Align.CENTER,
            role="footer",
            space_after_pt=0,
        ),
    )
    return header, footer


def enclosure_paragraphs(letter: Letter, size: float) -> list[Paragraph]:
    """붙임 lines: `붙임  서한(영문) 1부.`, numbered only when two or more."""
    enclosures = [e for e in letter.enclosures if e.name.ko.strip()]
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
    return format_date(letter.date, "ko", weekday=options.korean_weekday)


def _letter(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    size = preset.font.size_pt
    blocks: list[Block] = []
    if letter.reference.ko.strip():
        blocks.append(
            labelled("문서번호", letter.reference.ko, key="reference", size_pt=size, label_em=4.5)
        )
    for i, recipient in enumerate(letter.recipients):
        blocks.append(
            labelled("수신", recipient_line(recipient), key=f"recipients[{i}]", size_pt=size)
        )
    if letter.cc:
        cc = join(", ", *(recipient_line(r) for r in letter.cc))
        blocks.append(labelled("참조", cc, key="cc", size_pt=size))
    if letter.subject.ko.strip():
        blocks.append(labelled("제목", letter.subject.ko, key="subject", size_pt=size, bold=True))
    blocks.append(para("", key="", space_after_pt=6))
    if letter.salutation.ko.strip():
        blocks.append(para(letter.salutation.ko, key="salutation", space_after_pt=10))
    blocks += body_paragraphs(letter.body, "ko", korean_marker, size_pt=size, step_em=1.0)
    if letter.closing.ko.strip():
        blocks.append(para(letter.closing.ko, key="closing", space_before_pt=6))
    date = _date(letter, options)
    if date:
        blocks.append(para(date, key="date", align=Align.CENTER, space_before_pt=18))
    blocks += signatory_block(letter.signatories, "ko", size_pt=size, align=Align.CENTER)
    enclosures = enclosure_paragraphs(letter, size)
    if enclosures:
        blocks.append(para("", space_after_pt=6))
        blocks += enclosures
    if letter.contact.ko.strip():
        blocks.append(
            para(
                letter.contact.ko, key="contact", role="meta", space_before_pt=12, size_pt=size - 1
            )
        )
    return blocks


def _official(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    size = preset.font.size_pt
    blocks: list[Block] = [
        para(
            sender_names(letter),
            key="letterhead",
            role="title",
            align=Align.CENTER,
            bold=True,
            size_pt=size + 8,
            space_after_pt=18,
        )
    ]
    many = len(letter.recipients) > 1
    if many:
        blocks.append(labelled("수신", "수신자 참조", key="recipients", size_pt=size))
    for i, recipient in enumerate(letter.recipients if not many else ()):
        blocks.append(
            labelled("수신", recipient_line(recipient), key=f"recipients[{i}]", size_pt=size)
        )
    if letter.via.ko.strip():
        blocks.append(labelled("(경유)", letter.via.ko, key="via", size_pt=size))
    if letter.subject.ko.strip():
        blocks.append(labelled("제목", letter.subject.ko, key="subject", size_pt=size, bold=True))
    blocks.append(para("", space_after_pt=4))
    body = body_paragraphs(letter.body, "ko", korean_marker, size_pt=size, step_em=1.0)
    enclosures = enclosure_paragraphs(letter, size)
    # "끝." two spaces after the body's last character, or after the last enclosure line.
    if enclosures:
        append_to_last(enclosures, "  끝.")
    else:
        append_to_last(body, "  끝.")
    blocks += body
    if enclosures:
        blocks.append(para("", space_after_pt=4))
        blocks += enclosures
    blocks.append(
        para(
            sender_names(letter),
            key="sender",
            role="title",
            align=Align.CENTER,
            bold=True,
            size_pt=size + 6,
            space_before_pt=36,
            space_after_pt=24,
        )
    )
    if many:
        names = join(", ", *(recipient_line(r) for r in letter.recipients))
        blocks.append(labelled("수신자", names, key="recipients", size_pt=size))
    blocks += _official_footer(letter, options, size)
    return blocks


def _official_footer(letter: Letter, options: ComposeOptions, size: float) -> list[Block]:
    # The footer carries one office's details: the first sender that has any.
    sender = next((s for s in letter.senders if s.phone or s.address.ko), None)
    small = size - 2
    number = join(" ", letter.reference.ko, f"({_date(letter, options)})" if letter.date else "")
    address = join(
        " ",
        f"우 {sender.postcode}" if sender and sender.postcode else "",
        sender.address.ko if sender else "",
    )
    contact = join(
        "  /  ",
        join(" ", "전화", sender.phone) if sender and sender.phone else "",
        join(" ", "전송", sender.fax) if sender and sender.fax else "",
        sender.email if sender else "",
        DISCLOSURE_KO[letter.disclosure],
    )
    out: list[Block] = []
    for key, text in (
        ("reference", join(" ", "시행", number)),
        ("address", address),
        ("contact", contact),
    ):
        if text.strip() and text != "시행":
            out.append(
                para(text, key=f"footer.{key}", role="footer", size_pt=small, space_after_pt=2)
            )
    if letter.contact.ko.strip():
        out.append(para(letter.contact.ko, key="contact", role="footer", size_pt=small))
    return out
