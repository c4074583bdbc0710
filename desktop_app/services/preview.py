"""What the window shows of a document without writing a file: the live preview's HTML and the
plain text the revisions dialog compares."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from desktop_app.compose import ComposeOptions, Layout, StylePreset, compose, compose_both
from desktop_app.compose.presets import PRESETS, default_preset
from desktop_app.domain import LANGS, Lang
from desktop_app.render import render_html

if TYPE_CHECKING:
    from desktop_app.compose.layout import PageSetup

PreviewMode = Literal["ko", "en", "both"]

_PX_PER_MM = 96 / 25.4


def fit_page(page: PageSetup, width_px: int) -> PageSetup:
    """The page shrunk, margins and all, to `width_px` when it is wider (text keeps its size)."""
    full = page.width_mm * _PX_PER_MM
    if width_px <= 0 or full <= width_px:
        return page
    factor = max(0.35, width_px / full)
    return replace(
        page,
        width_mm=page.width_mm * factor,
        left_mm=page.left_mm * factor,
        right_mm=page.right_mm * factor,
        top_mm=page.top_mm * factor,
        bottom_mm=page.bottom_mm * factor,
    )


def preset_for(kind: str, lang: Lang, key: str | None) -> StylePreset:
    """The style preset `key` when it suits this kind and language, else the kind's default."""
    preset = PRESETS.get(key or "")
    if preset is None or preset.lang != lang or preset.kind != kind:
        return default_preset(kind, lang)
    return preset


def preview_html(
    document: Any,
    mode: PreviewMode,
    styles: dict[Lang, str | None],
    options: ComposeOptions,
    width_px: int,
) -> str:
    """The document as the preview shows it: one language or side by side, fitted to a width.

    `styles` names the preferred preset per language; a preset that does not
    suit the document's kind falls back to that kind's default.
    """
    presets = {lang: preset_for(document.KIND, lang, styles.get(lang)) for lang in LANGS}
    if mode == "both":
        layout = compose_both(document, Layout.SIDE_BY_SIDE, presets, options)
    else:
        layout = compose(document, mode, presets[mode], options)
    return render_html(replace(layout, page=fit_page(layout.page, width_px)))


def plain_text(document: Any, lang: Lang) -> str:
    """The document in one language as plain text, laid out as its default style prints it."""
    return compose(document, lang).plain_text()
