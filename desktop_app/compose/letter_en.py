"""English letters: inside address, Re: line, salutation, close and signatory list."""

from __future__ import annotations

from desktop_app.compose.blocks import (
    body_paragraphs,
    grid,
    join,
    lines,
    one_line_names,
    para,
    sender_lines,
    signatory_block,
)
from desktop_app.compose.dates import format_date
from desktop_app.compose.layout import Align, Block, FieldKind, Paragraph, Run
from desktop_app.compose.markers import english_marker
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import Enclosure, Letter, Organisation, Recipient
from desktop_app.domain.text import close_bidi


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
    """A cc entry on one line: `H.E. Mr. Han Duck-soo, Prime Minister`, then its office and
    address when given (a cc leaves out nothing the draft has)."""
    return join(
        ", ",
        join(" ", recipient.honorific.en, recipient.name.en),
        recipient.title.en,
        recipient.department.en,
        recipient.organisation.en,
        recipient.address.en.replace("\n", ", "),
    )


def enclosure_text(enclosure: Enclosure) -> str:
    """`Letter (Korean original)`, with `(2 copies)` when more than one."""
    name = close_bidi(enclosure.name.en.strip())
    return f"{name} ({enclosure.quantity} copies)" if enclosure.quantity > 1 else name


def page_header_footer(
    letter: Letter, size: float, *, width_pt: float
) -> tuple[tuple[Paragraph, ...], ...]:
    """Organisation names in the header (on one line, `blocks.one_line_names`); `Page 1`
    in the footer."""
    names = one_line_names(letter.senders, "en", size_pt=size - 2, width_pt=width_pt)
    header = (para(names, role="header", align=Align.CENTER, size_pt=size - 2),)
    footer = (
        Paragraph(
            runs=(Run("Page "), Run("1", field=FieldKind.PAGE)),
            align=Align.CENTER,
            role="footer",
            space_after_pt=0,
        ),
    )
    return header, footer


def has_letterhead(letter: Letter) -> bool:
    """Whether the first page opens with the senders' letterhead (so no running header)."""
    return any(sender_lines(s, "en") for s in letter.senders)


def _sender_paragraph(sender: Organisation, key: str, size: float, *, lead: bool) -> Paragraph:
    """One sender's letterhead: the name bold, the address and contact details below, small."""
    name, *details = sender_lines(sender, "en") or [""]
    runs = [Run(name, bold=True, size_pt=size + 2 if lead else size)]
    if details:
        runs.append(Run("\n" + "\n".join(details), size_pt=size - 2))
    return Paragraph(runs=tuple(runs), align=Align.CENTER, key=key, role="header", space_after_pt=4)


def letterhead(letter: Letter, size: float) -> list[Block]:
    """The senders' letterhead at the top of the first page, as an English letter has it.

    One sender: its name, address with postcode, telephone, fax, e-mail and website,
    centred. Several: side by side in a borderless table (three across at most).
    """
    senders = [(i, s) for i, s in enumerate(letter.senders) if sender_lines(s, "en")]
    if not senders:
        return []
    if len(senders) == 1:
        _i, sender = senders[0]
        return [
            _sender_paragraph(sender, "letterhead", size, lead=True),
            para("", space_after_pt=10),
        ]
    # One key for the whole letterhead: side by side it sits beside the 공문's.
    cells = [_sender_paragraph(s, "letterhead", size - 1, lead=False) for _i, s in senders]
    return [grid(cells, min(3, len(cells)), key="letterhead"), para("", space_after_pt=10)]


def compose_letter_en(letter: Letter, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    """The body blocks of an English letter."""
    size = preset.font.size_pt
    blocks: list[Block] = letterhead(letter, size)
    if not letter.reference.is_blank("en"):
        blocks.append(para(f"Ref: {letter.reference.en}", key="reference", space_after_pt=4))
    if letter.date is not None:
        text = format_date(letter.date, "en", options.english_style)
        blocks.append(para(text, key="date", space_after_pt=12))
    for i, recipient in enumerate(letter.recipients):
        blocks.append(para(inside_address(recipient), key=f"recipients[{i}]", space_after_pt=10))
    if not letter.subject.is_blank("en"):
        blocks.append(para(f"Re: {letter.subject.en}", key="subject", bold=True, space_after_pt=12))
    if not letter.salutation.is_blank("en"):
        blocks.append(para(letter.salutation.en, key="salutation", space_after_pt=10))
    blocks += body_paragraphs(
        letter.body, "en", english_marker, size_pt=size, step_em=2.0, min_hanging_em=2.0
    )
    if not letter.closing.is_blank("en"):
        blocks.append(para(letter.closing.en, key="closing", space_before_pt=6, space_after_pt=12))
    blocks += signatory_block(
        letter.signatories,
        "en",
        size_pt=size,
        with_korean=options.korean_names_in_english,
        space_before_pt=6,
    )
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
