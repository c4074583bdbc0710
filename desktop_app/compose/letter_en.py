"""English letters: inside address, Re: line, salutation, close and signatory list."""

from __future__ import annotations

from desktop_app.compose.blocks import body_paragraphs, join, lines, para
from desktop_app.compose.dates import format_date
from desktop_app.compose.layout import Align, Block, FieldKind, Paragraph, Run
from desktop_app.compose.markers import english_marker
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import Enclosure, Letter, Recipient, Signatory
from desktop_app.domain.text import close_bidi, is_blank


def inside_address(recipient: Recipient) -> str:
    """`H.E. Mr. Cho Tae-yul` / `Minister of Foreign Affairs` / organisation / address."""
    return lines(
        [
            join(" ", recipient.honorific.en, recipient.name.en),
            recipient.title.en,
            recipient.department.en,
            recipient.organisation.en,
            recipient.address.en,
        ]
    )


def cc_line(recipient: Recipient) -> str:
    """A cc entry on one line: `H.E. Mr. Han Duck-soo, Prime Minister`."""
    return join(", ", join(" ", recipient.honorific.en, recipient.name.en), recipient.title.en)


def signatory_lines(signatory: Signatory, with_korean: bool) -> str:
    """Organisation (Korean name in parentheses), country; then person, role."""
    organisation = signatory.organisation.en.strip()
    korean = signatory.organisation.ko.strip()
    if (
        with_korean
        and not is_blank(organisation)
        and not is_blank(korean)
        and korean != organisation
    ):
        organisation = f"{close_bidi(organisation)} ({close_bidi(korean)})"
    return lines(
        [
            join(", ", organisation, signatory.country.en),
            join(", ", signatory.person.en, signatory.role.en),
        ]
    )


def enclosure_text(enclosure: Enclosure) -> str:
    """`Letter (Korean original)`, with `(2 copies)` when more than one."""
    name = close_bidi(enclosure.name.en.strip())
    return f"{name} ({enclosure.quantity} copies)" if enclosure.quantity > 1 else name


def sender_names(letter: Letter) -> str:
    """All sending organisations, for the page header."""
    return join(" | ", *(s.name.en for s in letter.senders))


def page_header_footer(letter: Letter, size: float) -> tuple[tuple[Paragraph, ...], ...]:
    """Organisation names in the header; `Page 1` in the footer."""
    header = (para(sender_names(letter), role="header", align=Align.CENTER, size_pt=size - 2),)
    footer = (
        Paragraph(
            runs=(Run("Page "), Run("1", field=FieldKind.PAGE)),
            align=Align.CENTER,
            role="footer",
            space_after_pt=0,
        ),
    )
    return header, footer


def compose_letter_en(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    """The body blocks of an English letter."""
    size = preset.font.size_pt
    blocks: list[Block] = []
    if not letter.reference.is_blank("en"):
        blocks.append(para(f"Ref: {letter.reference.en}", key="reference", space_after_pt=4))
    if letter.date is not None:
        text = format_date(letter.date, "en", options.date_style)
        blocks.append(para(text, key="date", space_after_pt=12))
    for i, recipient in enumerate(letter.recipients):
        blocks.append(para(inside_address(recipient), key=f"recipients[{i}]", space_after_pt=10))
    if not letter.subject.is_blank("en"):
        blocks.append(para(f"Re: {letter.subject.en}", key="subject", bold=True, space_after_pt=12))
    if not letter.salutation.is_blank("en"):
        blocks.append(para(letter.salutation.en, key="salutation", space_after_pt=10))
    blocks += body_paragraphs(letter.body, "en", english_marker, size_pt=size, step_em=2.0)
    if not letter.closing.is_blank("en"):
        blocks.append(para(letter.closing.en, key="closing", space_before_pt=6, space_after_pt=12))
    for i, signatory in enumerate(letter.signatories):
        text = signatory_lines(signatory, options.korean_names_in_english)
        blocks.append(para(text, key=f"signatories[{i}]", space_after_pt=8))
    enclosures = [e for e in letter.enclosures if not e.name.is_blank("en")]
    if enclosures:
        label = "Enclosure:" if len(enclosures) == 1 else "Enclosures:"
        items = [enclosure_text(e) for e in enclosures]
        if len(items) > 1:
            items = [f"{n}. {item}" for n, item in enumerate(items, start=1)]
        blocks.append(para(lines([label, *items]), key="enclosures", space_before_pt=12))
    if letter.cc:
        text = lines(["cc:", *(cc_line(r) for r in letter.cc)])
        blocks.append(para(text, key="cc", space_before_pt=6))
    if not letter.contact.is_blank("en"):
        blocks.append(
            para(
                letter.contact.en, key="contact", role="meta", space_before_pt=12, size_pt=size - 1
            )
        )
    return blocks
