"""Small builders shared by the composers: paragraphs from text, numbered body items."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from desktop_app.compose.layout import Align, Block, Cell, Paragraph, Run, Table
from desktop_app.compose.markers import number_items
from desktop_app.domain.letter import BodyItem, Organisation, Signatory
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


def text_width_em(text: str) -> float:
    """A generous estimate of how wide `text` sets, in ems of its font size.

    Hangul, CJK and circled forms are one em; Latin letters, digits and
    punctuation by class (Times New Roman and 맑은 고딕 are both narrower than
    this). Used where a line must fit: hanging markers, one-line headers.
    """
    width = 0.0
    for ch in text:
        if ord(ch) >= 0x1100:
            width += 1.0
        elif ch in "ijlt.,:;'!|()[] ":
            width += 0.36
        elif ch in "frI-":
            width += 0.4
        elif ch.isupper() or ch in "mw@%&":
            width += 0.8
        else:
            width += 0.58
    return width


PART_SEPARATOR = "  /  "  # between the parts of a 공문 footer line (address, telephone, …)


def fit_parts(
    text: str, *, size_pt: float, width_pt: float, separator: str = PART_SEPARATOR
) -> str:
    """`text`'s lines with their `separator`-joined parts (`전화 …`, `전자우편`, `공개`) laid
    out to fit `width_pt` at `size_pt`: a line that does not fit breaks between parts,
    never inside one, each line full but the last (so `공개` is never a line of its own
    unless it is the only part left), and no line ends with the separator."""

    def fits(line: str) -> bool:
        # As for page headers: a tenth to spare for substitute fonts.
        return text_width_em(line) * size_pt <= 0.9 * width_pt

    out: list[str] = []
    for line in text.split("\n"):
        if fits(line):
            out.append(line)
            continue
        current = ""
        for part in line.split(separator):
            candidate = f"{current}{separator}{part}" if current else part
            if current and not fits(candidate):
                out.append(current)
                current = part
            else:
                current = candidate
        out.append(current)
        # A last part alone on its line (the 공개 구분) takes the part before it along.
        if len(out) >= 2 and separator not in out[-1]:
            head, _sep, tail = out[-2].rpartition(separator)
            if head and fits(f"{tail}{separator}{out[-1]}"):
                out[-2:] = [head, f"{tail}{separator}{out[-1]}"]
    return "\n".join(out)


MARKER_GAP_EM = 0.5  # the space between a marker and its text


def body_paragraphs(
    items: Sequence[BodyItem],
    lang: Lang,
    marker_for: Callable[[int, int], str],
    *,
    size_pt: float,
    step_em: float,
    key_prefix: str = "body",
    first_line_em: float = 0.0,
    min_hanging_em: float = 0.0,
) -> list[Paragraph]:
    """Body items as paragraphs: numbered ones hang their marker, each level `step_em` in.

    The text of every item of one level starts at one indent, whatever the width of
    its own marker: the level's hanging is its widest marker in this body plus a
    space (at least `min_hanging_em`), so "(i)" and "(iii)", "가." and "하.", "①"
    and "⑳" all line up. A lone item among its siblings gets no marker
    (LETTERS.md); its text starts where its siblings' text would. A blank item (only
    whitespace, `is_blank`) is no item: no paragraph, no marker, no number taken.
    Keys keep the item's index in the draft, so side by side still pairs by item.
    """
    out: list[Paragraph] = []
    shown = [(index, item) for index, item in enumerate(items) if not item.text.is_blank(lang)]
    numbering = number_items([item.level for _index, item in shown])
    markers = [
        "" if level == 0 or lone else marker_for(level, number) for level, number, lone in numbering
    ]
    hanging_em: dict[int, float] = {}
    for (level, _number, _lone), marker in zip(numbering, markers, strict=True):
        if level > 0:
            widest = text_width_em(marker or marker_for(level, 1)) + MARKER_GAP_EM
            hanging_em[level] = max(hanging_em.get(level, min_hanging_em), widest)
    for (index, item), (level, _number, _lone), marker in zip(
        shown, numbering, markers, strict=True
    ):
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
        indent = (level - 1) * step_em * size_pt
        hanging = round(hanging_em[level] * size_pt, 1)
        out.append(
            Paragraph(
                runs=(Run(text),),
                key=key,
                marker=marker,
                indent_pt=indent if marker else indent + hanging,
                hanging_pt=hanging if marker else 0.0,
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


# ---------------------------------------------------------------- signatories and senders

# Korean legal-form abbreviations, written out when a Korean name goes in parentheses
# after the English one: "Mulmangcho (사단법인 물망초)", never "Mulmangcho ((사)물망초)".
LEGAL_FORMS = {
    "사": "사단법인",
    "재": "재단법인",
    "사복": "사회복지법인",
    "사협": "사회적협동조합",
    "주": "주식회사",
    "유": "유한회사",
    "특": "특수법인",
}
_LEGAL_FORM = re.compile(
    r"\(\s*(" + "|".join(sorted(LEGAL_FORMS, key=len, reverse=True)) + r")\s*\)\s*"
)


def korean_name_aside(english: str, korean: str, *, separator: str = " ") -> str:
    """`english (korean)` for an English text, with no parentheses inside parentheses.

    A legal-form abbreviation — (사), (재), (사복)… — is written out; any other
    parentheses left in the Korean name make the aside square brackets. Nothing is
    added when the Korean name is empty or the English already contains it.
    `separator` goes between the two ("\n" puts the Korean name on a line of its own).
    """
    english, korean = close_bidi(english.strip()), close_bidi(korean.strip())
    if not korean or not english or korean in english:
        return english or korean
    spelled = _LEGAL_FORM.sub(lambda m: LEGAL_FORMS[m.group(1)] + " ", korean).strip()
    spelled = re.sub(r" {2,}", " ", spelled)
    if "(" in spelled or ")" in spelled:
        return f"{english}{separator}[{spelled}]"
    return f"{english}{separator}({spelled})"


def signatory_lines(
    signatory: Signatory, lang: Lang, *, with_korean: bool = True, narrow: bool = False
) -> list[str]:
    """The lines of one signatory in `lang`, the name line first; nothing of it left out.

    Korean: `전환기정의워킹그룹 대표 이영환` (organisation, role, person — for an
    individual `국군포로 ○○○의 동생 이하늘`), then the country. English (LETTERS.md):
    `Lee Young-hwan, Director`, the organisation (Korean name in parentheses when
    wanted; on a line of its own when `narrow`), then the country; an individual is
    person and role, then country.
    """
    if lang == "ko":
        name = join(" ", signatory.organisation.ko, signatory.role.ko, signatory.person.ko)
        return [t for t in (name, signatory.country.ko.strip()) if t]
    organisation = signatory.organisation.en.strip()
    if with_korean:
        separator = "\n" if narrow else " "
        organisation = korean_name_aside(
            organisation, signatory.organisation.ko, separator=separator
        )
    person = join(", ", signatory.person.en, signatory.role.en)
    return [t for t in (person, organisation, signatory.country.en.strip()) if t]


def _name_paragraph(
    texts: Sequence[str],
    *,
    key: str,
    align: Align,
    size_pt: float | None,
    space_after_pt: float,
    space_before_pt: float = 0.0,
    bold_first: bool = True,
) -> Paragraph:
    """Lines in one paragraph, the first one bold; each line closes its own bidi controls."""
    first, *rest = (close_bidi(t) for t in texts)
    runs = [Run(first, bold=bold_first, size_pt=size_pt)]
    if rest:
        runs.append(Run("\n" + "\n".join(rest), size_pt=size_pt))
    return Paragraph(
        runs=tuple(runs),
        align=align,
        key=key,
        role="signature",
        space_before_pt=space_before_pt,
        space_after_pt=space_after_pt,
        keep_with_next=False,
    )


def grid(cells: Sequence[Paragraph], columns: int, *, key: str) -> Table:
    """Paragraphs in a borderless table, `columns` across, filled row by row."""
    rows: list[tuple[Cell, ...]] = []
    for start in range(0, len(cells), columns):
        chunk = list(cells[start : start + columns])
        row = [Cell((p,)) for p in chunk]
        row += [Cell((Paragraph(runs=(), space_after_pt=0),))] * (columns - len(chunk))
        rows.append(tuple(row))
    return Table(rows=tuple(rows), widths=(1.0,) * columns, borders=False, key=key)


STACKED_SIGNATORIES = 3  # up to this many stand one under the other; more go in columns


def signatory_columns(count: int, *, wide: bool = True) -> int:
    """How many columns `count` signatories take (1: stacked paragraphs)."""
    if count <= STACKED_SIGNATORIES:
        return 1
    if not wide or count == 4:
        return 2
    return 3


def signatory_block(
    signatories: Sequence[Signatory],
    lang: Lang,
    *,
    size_pt: float,
    align: Align = Align.LEFT,
    with_korean: bool = True,
    space_before_pt: float = 12.0,
) -> list[Block]:
    """The signatories, every one with organisation, person, role and country.

    A few stand one under the other (`align`, as the style has them); many go in
    a compact borderless table of two or three columns in a smaller size, so that
    twenty-five co-signers take part of a page, not two. Each signatory's
    paragraph has the key `signatories[i]` (side by side pairs them by it).
    """
    texts = [
        (i, signatory_lines(s, lang, with_korean=with_korean)) for i, s in enumerate(signatories)
    ]
    texts = [(i, t) for i, t in texts if t]
    columns = signatory_columns(len(texts))
    if columns > 1:  # narrow columns: the Korean name of an organisation on its own line
        texts = [
            (i, signatory_lines(signatories[i], lang, with_korean=with_korean, narrow=True))
            for i, _ in texts
        ]
    if columns == 1:
        return [
            _name_paragraph(
                t,
                key=f"signatories[{i}]",
                align=align,
                size_pt=None,
                space_after_pt=8,
                space_before_pt=space_before_pt if n == 0 else 0.0,
            )
            for n, (i, t) in enumerate(texts)
        ]
    small = size_pt - 1
    cells = [
        _name_paragraph(
            t, key=f"signatories[{i}]", align=Align.LEFT, size_pt=small, space_after_pt=6
        )
        for i, t in texts
    ]
    spacer = Paragraph(runs=(), space_after_pt=max(0.0, space_before_pt - 6.0))
    return [spacer, grid(cells, columns, key="signatories")]


def named_with_short_name(sender: Organisation, lang: Lang) -> str:
    """`Transitional Justice Working Group (TJWG)`, `전환기정의워킹그룹(TJWG)`: the name with
    its short name in parentheses, as a letterhead introduces it; the name alone when the
    short name is empty or already in it; the short name alone when there is no name."""
    name = close_bidi(sender.name.get(lang).strip())
    short = close_bidi(sender.short_name.get(lang).strip())
    if not short or short.casefold() in name.casefold():
        return name
    if not name:
        return short
    return f"{name}({short})" if lang == "ko" else f"{name} ({short})"


def sender_lines(sender: Organisation, lang: Lang) -> list[str]:
    """A sender's letterhead lines: name (with its short name); address with postcode;
    telephone and fax; e-mail; website."""
    name = named_with_short_name(sender, lang)
    address = sender.address.get(lang).strip()
    postcode = sender.postcode.strip()
    if postcode and postcode not in address:
        address = join(" ", postcode, address) if lang == "ko" else join(" ", address, postcode)
    labels = ("전화", "전송", "전자우편") if lang == "ko" else ("Tel.", "Fax", "E-mail")
    phone, fax, email = (
        join(" ", label, value) if value.strip() else ""
        for label, value in zip(labels, (sender.phone, sender.fax, sender.email), strict=True)
    )
    # Telephone and fax on one line, the e-mail on its own (a narrow column never
    # breaks "E-mail" at its hyphen), then the website.
    return [
        t for t in (name, address, join("  ·  ", phone, fax), email, sender.website.strip()) if t
    ]


# ---------------------------------------------------------------- the running page header

HEADER_SEPARATOR = {"ko": " · ", "en": " | "}


def _and_others(names: str, others: int, lang: Lang) -> str:
    """`(사)물망초 외 24개 단체`, `Mulmangcho and 24 other organisations`."""
    if lang == "ko":
        return f"{names} 외 {others}개 단체"
    return f"{names} and {others} other organisation{'s' if others > 1 else ''}"


def one_line_names(
    organisations: Sequence[Organisation], lang: Lang, *, size_pt: float, width_pt: float
) -> str:
    """The organisations' names on one line of `width_pt` at `size_pt`, for a page header.

    The full names when they fit; else the short names (each falling back to its full
    name); else as many short names as fit, then how many others there are
    (`… 외 N개 단체`, `… and N other organisations`). One rule for every language.
    One organisation whose name does not fit is written by its short name (or in full).
    """
    separator = HEADER_SEPARATOR[lang]

    def fits(text: str) -> bool:
        # A tenth to spare: where Times New Roman is missing, its substitute (DejaVu Serif
        # under LibreOffice on Linux) sets about as wide as the estimate.
        return text_width_em(text) * size_pt <= 0.9 * width_pt

    full = join(separator, *(o.name.get(lang) for o in organisations))
    if fits(full):
        return full
    names = [
        close_bidi(short.strip()) if not is_blank(short) else close_bidi(o.name.get(lang).strip())
        for o in organisations
        for short in (o.short_name.get(lang),)
    ]
    names = [n for n in names if n]
    short = separator.join(names)
    if fits(short) or len(names) < 2:
        return short
    for shown in range(len(names) - 1, 0, -1):
        text = _and_others(separator.join(names[:shown]), len(names) - shown, lang)
        if fits(text):
            return text
    # Not even one name and the count fit: the first name is cut, visibly ("…"); the
    # letterhead or the close has it in full.
    first = names[0]
    while len(first) > 1 and not fits(_and_others(first + "…", len(names) - 1, lang)):
        first = first[:-1].rstrip()
    return _and_others(first + "…", len(names) - 1, lang)
