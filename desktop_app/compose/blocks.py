"""Small builders shared by the composers: paragraphs from text, numbered body items."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from desktop_app.compose.layout import Align, Paragraph, Run
from desktop_app.compose.markers import marker_width_em, number_items
from desktop_app.domain.letter import BodyItem
from desktop_app.domain.text import Lang, close_bidi, is_blank


def join(separator: str, *parts: str) -> str:
    """The non-blank parts, stripped, each closing its own bidi controls, joined by `separator`."""
    return separator.join(close_bidi(p.strip()) for p in parts if not is_blank(p))


def para(
    text: str,
    *,
    key: str = "",
    role: str = "body",
    bold: bool = False,
    size_pt: float | None = None,
    align: Align = Align.LEFT,
    space_after_pt: float = 6.0,
    space_before_pt: float = 0.0,
    keep_with_next: bool = False,
    indent_pt: float = 0.0,
) -> Paragraph:
    """A paragraph of one run."""
    return Paragraph(
        runs=(Run(text, bold=bold, size_pt=size_pt),),
        align=align,
        key=key,
        role=role,
        space_after_pt=space_after_pt,
        space_before_pt=space_before_pt,
        keep_with_next=keep_with_next,
        indent_pt=indent_pt,
    )


def labelled(
    label: str, text: str, *, key: str, size_pt: float, label_em: float = 3.0, bold: bool = False
) -> Paragraph:
    """`label` hanging at the margin, `text` aligned after it (수신, 제목, 붙임 lines)."""
    return Paragraph(
        runs=(Run(text, bold=bold),),
        marker=label,
        hanging_pt=label_em * size_pt,
        key=key,
        role="meta",
        space_after_pt=4.0,
    )


def body_paragraphs(
    items: Sequence[BodyItem],
    lang: Lang,
    marker_for: Callable[[int, int], str],
    *,
    size_pt: float,
    step_em: float,
    key_prefix: str = "body",
    first_line_em: float = 0.0,
) -> list[Paragraph]:
    """Body items as paragraphs: numbered ones hang their marker, each level `step_em` in.

    A lone item among its siblings gets no marker (LETTERS.md). A blank item (only
    whitespace, `is_blank`) is no item: no paragraph, no marker, no number taken.
    Keys keep the item's index in the draft, so side by side still pairs by item.
    """
    out: list[Paragraph] = []
    shown = [(index, item) for index, item in enumerate(items) if not item.text.is_blank(lang)]
    numbering = number_items([item.level for _index, item in shown])
    for (index, item), (level, number, lone) in zip(shown, numbering, strict=True):
        text = item.text.get(lang)
        key = f"{key_prefix}[{index}]"
        if level == 0:
            out.append(
                Paragraph(
                    runs=(Run(text),),
                    key=key,
                    first_line_pt=first_line_em * size_pt,
                    align=Align.JUSTIFY if lang == "en" else Align.LEFT,
                    space_after_pt=8.0,
                )
            )
            continue
        marker = "" if lone else marker_for(level, number)
        indent = (level - 1) * step_em * size_pt
        out.append(
            Paragraph(
                runs=(Run(text),),
                key=key,
                marker=marker,
                indent_pt=indent,
                hanging_pt=marker_width_em(marker) * size_pt if marker else 0.0,
                space_after_pt=6.0,
            )
        )
    return out


def append_to_last(paragraphs: list[Paragraph], suffix: str) -> None:
    """Add `suffix` to the last run of the last paragraph (for "  끝."), after its bidi closed."""
    if not paragraphs:
        return
    last = paragraphs[-1]
    if last.runs:
        end = last.runs[-1]
        runs = (*last.runs[:-1], replace(end, text=close_bidi(end.text) + suffix))
    else:
        runs = (Run(suffix),)
    paragraphs[-1] = replace(last, runs=runs)


def lines(texts: Iterable[str]) -> str:
    """Non-blank texts, stripped, one per line, each closing its own bidi controls."""
    return "\n".join(close_bidi(t.strip()) for t in texts if not is_blank(t))
