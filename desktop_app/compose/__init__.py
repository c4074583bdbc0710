"""From a document, a language and a style preset to the layout tree; all language rules."""

from __future__ import annotations

from enum import Enum
from typing import Any

from desktop_app.compose.bilingual import combine, side_by_side
from desktop_app.compose.blocks import one_line_names, para
from desktop_app.compose.dates import DateStyle, format_date
from desktop_app.compose.layout import Align, Block, FieldKind, LayoutDocument, Paragraph, Run
from desktop_app.compose.letter_en import compose_letter_en
from desktop_app.compose.letter_en import has_letterhead as en_letterhead
from desktop_app.compose.letter_en import page_header_footer as en_header_footer
from desktop_app.compose.letter_ko import compose_letter_ko
from desktop_app.compose.letter_ko import has_letterhead as ko_letterhead
from desktop_app.compose.letter_ko import page_header_footer as ko_header_footer
from desktop_app.compose.notes import block_notes, literal_stray_marks, paragraph_notes
from desktop_app.compose.omissions import Omission, omissions
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import (
    PRESETS,
    StylePreset,
    UnknownPreset,
    default_preset,
    get_preset,
    presets_for,
)
from desktop_app.compose.press import compose_press_notice, compose_statement
from desktop_app.compose.upr import compose_upr_brief
from desktop_app.domain.letter import Letter
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.text import Lang
from desktop_app.domain.upr import UprBrief


class Layout(Enum):
    """How the two languages are put in files."""

    SEPARATE = "separate"  # one file per language
    COMBINED = "combined"  # one file: Korean, page break, English
    SIDE_BY_SIDE = "side-by-side"  # one file: two columns


def language_tag(lang: Lang, options: ComposeOptions) -> str:
    """The BCP 47 tag for text in `lang` under these options."""
    if lang == "ko":
        return "ko-KR"
    return "en-US" if options.english_style is DateStyle.US else "en-GB"


def compose(
    document: Any,
    lang: Lang,
    preset: StylePreset | None = None,
    options: ComposeOptions | None = None,
) -> LayoutDocument:
    """One document in one language, laid out in `preset` (the language's default if None)."""
    options = (options or ComposeOptions()).resolved(document)
    # Footnotes (`^[…]`) are split out of the composed text below; a stray `^[` stays
    # inside its own field, printed as typed.
    document = literal_stray_marks(document)
    preset = preset or default_preset(document.KIND, lang)
    if preset.lang != lang or preset.kind != document.KIND:
        raise UnknownPreset(
            f"The style {preset.key!r} is not for {lang} {document.KIND} documents."
        )
    size = preset.font.size_pt
    page = options.page or preset.page
    width = page.text_width_pt
    # A style that opens with a letterhead shows the organisations once on page 1: its
    # running header belongs to page 2 and after (the page number stays on every page).
    letterhead = False
    if isinstance(document, UprBrief):
        blocks = _upr(document, lang, preset, options)
        header, footer = upr_header_footer(document, lang, size, width_pt=width)
    elif isinstance(document, PressNotice):
        blocks = compose_press_notice(document, lang, preset, options)
        header, footer = (), page_number_footer(lang)
    elif isinstance(document, Statement):
        blocks = compose_statement(document, lang, preset, options)
        header, footer = (), page_number_footer(lang)
    elif not isinstance(document, Letter):
        raise TypeError(f"cannot compose {type(document).__name__}")
    elif lang == "ko":
        blocks = compose_letter_ko(document, preset, options)
        header, footer = ko_header_footer(document, size, width_pt=width)
        letterhead = ko_letterhead(document, preset)
    else:
        blocks = compose_letter_en(document, preset, options)
        header, footer = en_header_footer(document, size, width_pt=width)
        letterhead = en_letterhead(document)
    return LayoutDocument(
        language=language_tag(lang, options),
        languages=(language_tag(lang, options),),
        blocks=block_notes(blocks),
        page=page,
        font=preset.font,
        # A page header or footer has no footnotes: a note there is printed in parentheses.
        header=tuple(paragraph_notes(p, inline=True) for p in header),
        footer=tuple(paragraph_notes(p, inline=True) for p in footer),
        first_page_header=() if letterhead else None,
    )


def _upr(brief: UprBrief, lang: Lang, preset: StylePreset, options: ComposeOptions) -> list[Block]:
    from desktop_app.reference import shipped_calendar, shipped_states

    states = options.states or shipped_states()
    calendar = options.sessions or shipped_calendar()
    session = calendar.session(brief.session) if brief.session else None
    dates = (session.start, session.end) if session and session.start and session.end else None
    return compose_upr_brief(brief, lang, preset, options, states, dates)


def upr_header_footer(
    brief: UprBrief, lang: Lang, size: float, *, width_pt: float
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """The submitting organisations in the header (on one line, `blocks.one_line_names`),
    the page number in the footer: Korean `- 1 -`, English `Page 1 of 3`."""
    names = one_line_names(brief.organisations, lang, size_pt=size - 2, width_pt=width_pt)
    header = (para(names, role="header", align=Align.CENTER, size_pt=size - 2),)
    return header, page_number_footer(lang)


def page_number_footer(lang: Lang) -> tuple[Paragraph, ...]:
    """The page number in the footer: Korean `- 1 -`, English `Page 1 of 3`."""
    if lang == "ko":
        runs: tuple[Run, ...] = (Run("- "), Run("1", field=FieldKind.PAGE), Run(" -"))
    else:  # as English documents number pages: "Page 1 of 3"
        runs = (
            Run("Page "),
            Run("1", field=FieldKind.PAGE),
            Run(" of "),
            Run("1", field=FieldKind.NUM_PAGES),
        )
    return (Paragraph(runs=runs, align=Align.CENTER, role="footer", space_after_pt=0),)


def compose_both(
    document: Any,
    layout: Layout,
    presets: dict[Lang, StylePreset] | None = None,
    options: ComposeOptions | None = None,
) -> LayoutDocument:
    """Both languages in one document, one after the other or side by side."""
    presets = presets or {}
    ko = compose(document, "ko", presets.get("ko"), options)
    en = compose(document, "en", presets.get("en"), options)
    if layout is Layout.COMBINED:
        return combine(ko, en)
    if layout is Layout.SIDE_BY_SIDE:
        return side_by_side(ko, en)
    raise ValueError(f"{layout} makes two files, not one")


__all__ = [
    "PRESETS",
    "ComposeOptions",
    "DateStyle",
    "Layout",
    "LayoutDocument",
    "Omission",
    "StylePreset",
    "UnknownPreset",
    "compose",
    "compose_both",
    "default_preset",
    "format_date",
    "get_preset",
    "omissions",
    "presets_for",
]
