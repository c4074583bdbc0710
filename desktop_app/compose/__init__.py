"""From a document, a language and a style preset to the layout tree; all language rules."""

from __future__ import annotations

from enum import Enum
from typing import Any

from desktop_app.compose.bilingual import combine, side_by_side
from desktop_app.compose.dates import DateStyle, format_date
from desktop_app.compose.layout import LayoutDocument
from desktop_app.compose.letter_en import compose_letter_en
from desktop_app.compose.letter_en import page_header_footer as en_header_footer
from desktop_app.compose.letter_ko import compose_letter_ko
from desktop_app.compose.letter_ko import page_header_footer as ko_header_footer
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import (
    DEFAULT_PRESET,
    PRESETS,
    StylePreset,
    UnknownPreset,
    get_preset,
)
from desktop_app.domain.letter import Letter
from desktop_app.domain.text import Lang


class Layout(Enum):
    """How the two languages are put in files."""

    SEPARATE = "separate"  # one file per language
    COMBINED = "combined"  # one file: Korean, page break, English
    SIDE_BY_SIDE = "side-by-side"  # one file: two columns


def language_tag(lang: Lang, options: ComposeOptions) -> str:
    """The BCP 47 tag for text in `lang` under these options."""
    if lang == "ko":
        return "ko-KR"
    return "en-US" if options.date_style is DateStyle.US else "en-GB"


def compose(
    document: Any,
    lang: Lang,
    preset: StylePreset | None = None,
    options: ComposeOptions | None = None,
) -> LayoutDocument:
    """One document in one language, laid out in `preset` (the language's default if None)."""
    options = options or ComposeOptions()
    preset = preset or PRESETS[DEFAULT_PRESET[lang]]
    if preset.lang != lang:
        raise UnknownPreset(f"The style {preset.key!r} is not for {lang} documents.")
    if not isinstance(document, Letter):
        raise TypeError(f"cannot compose {type(document).__name__}")
    size = preset.font.size_pt
    if lang == "ko":
        blocks = compose_letter_ko(document, preset, options)
        header, footer = ko_header_footer(document, size)
    else:
        blocks = compose_letter_en(document, preset, options)
        header, footer = en_header_footer(document, size)
    return LayoutDocument(
        language=language_tag(lang, options),
        languages=(language_tag(lang, options),),
        blocks=tuple(blocks),
        page=options.page or preset.page,
        font=preset.font,
        header=header,
        footer=footer,
    )


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
    "StylePreset",
    "UnknownPreset",
    "compose",
    "compose_both",
    "format_date",
    "get_preset",
]
