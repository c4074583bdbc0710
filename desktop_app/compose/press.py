"""Press documents: the press conference notice (기자회견 안내) and the statement (기자회견문).

Conventions (LETTERS.md): the notice's title `[기자회견] …`; the 일시, 장소, 주최 and 주관 lines
(`2024. 4. 18.(목) 11:00`, English `Thursday, 18 April 2024, 11:00`); 취지 as bullets; the
순서 in order (사회, 발언 1…n with name and affiliation, 기자회견문 낭독, 서한 전달, 질의응답);
the 문의 line; the release line (`즉시 보도 가능` / `For immediate release`, or the embargo).
The statement ends with the date, `○○○ 외 N개 단체 일동` and the list of signatories; in
English, with the date and the list of signatory organisations.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.compose.blocks import (
    body_paragraphs,
    join,
    korean_name_aside,
    labelled,
    named_with_short_name,
    para,
)
from desktop_app.compose.dates import format_date, format_date_time
from desktop_app.compose.layout import Align, Block, Paragraph, Run
from desktop_app.compose.markers import english_marker, korean_marker, marker_width_em
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import Organisation, Signatory
from desktop_app.domain.press import (
    DemandStyle,
    PressContact,
    PressNotice,
    ProgrammeItem,
    ProgrammeKind,
    Statement,
    named_signatories,
)
from desktop_app.domain.text import Lang, close_bidi, is_blank

LABELS: dict[str, dict[Lang, str]] = {
    "notice": {"ko": "[기자회견]", "en": "Media advisory:"},
    "statement": {"ko": "기자회견문", "en": "Statement"},
    "release": {"ko": "보도 시점", "en": "Release"},
    "immediate": {"ko": "즉시 보도 가능", "en": "For immediate release"},
    "date": {"ko": "배포일", "en": "Date"},
    "starts": {"ko": "일시", "en": "When"},
    "place": {"ko": "장소", "en": "Where"},
    "organisers": {"ko": "주최", "en": "Organisers"},
    "co_organisers": {"ko": "주관", "en": "Co-organisers"},
    "purpose": {"ko": "취지", "en": "Purpose"},
    "programme": {"ko": "순서", "en": "Programme"},
    "contacts": {"ko": "문의", "en": "Contact"},
    "phone": {"ko": "전화", "en": "Tel."},
    "email": {"ko": "전자우편", "en": "E-mail"},
    "signed": {"ko": "참여 단체", "en": "Signed by"},
}
PROGRAMME_LABELS: dict[ProgrammeKind, dict[Lang, str]] = {
    ProgrammeKind.HOST: {"ko": "사회", "en": "Moderator"},
    ProgrammeKind.SPEECH: {"ko": "발언", "en": "Remarks"},
    ProgrammeKind.STATEMENT: {"ko": "기자회견문 낭독", "en": "Reading of the statement"},
    ProgrammeKind.LETTER: {"ko": "서한 전달", "en": "Handing over of the letter"},
    ProgrammeKind.QUESTIONS: {"ko": "질의응답", "en": "Questions and answers"},
    ProgrammeKind.INTERPRETATION: {"ko": "통역", "en": "Interpretation"},
    ProgrammeKind.OTHER: {"ko": "", "en": ""},
}
# A Korean statement does not write 대한민국 after a Korean organisation: the country is
# implied; any other country is written after the name, `휴먼라이츠워치(미국)`.
HOME_COUNTRY = frozenset({"대한민국", "한국", "Republic of Korea"})
BULLET = {"ko": "○", "en": "•"}
TRIANGLE = {"ko": "△", "en": "•"}  # △ is a Korean mark; an English list bullets its demands
LABEL_EM = {"ko": 4.0, "en": 8.5}  # the width of the hanging labels 일시 … 주관 / Organisers


def _title(text: str, prefix: str, lang: Lang) -> str:
    """`[기자회견] …` / `Media advisory: …`, unless the title already begins so."""
    text = close_bidi(text.strip())
    if is_blank(text) or text.casefold().startswith(prefix.casefold().rstrip(":")):
        return text
    return f"{prefix} {text}"


def _names(organisations: tuple[Organisation, ...], lang: Lang) -> str:
    return join(", ", *(named_with_short_name(o, lang) for o in organisations))


def _title_paragraph(text: str, size: float) -> Paragraph:
    return para(
        text,
        key="title",
        role="title",
        align=Align.CENTER,
        bold=True,
        size_pt=size + 5,
        space_before_pt=6,
        space_after_pt=14,
    )


def _heading(key: str, lang: Lang, size: float) -> Paragraph:
    return para(
        LABELS[key][lang],
        key=f"heading.{key}",
        role="heading",
        bold=True,
        size_pt=size + 1,
        space_before_pt=12,
        space_after_pt=6,
        keep_with_next=True,
    )


def _marked(marker: str, text: str, key: str, size: float, indent_em: float = 0.0) -> Paragraph:
    """An item with its marker hanging and wrapped lines under the text."""
    return Paragraph(
        runs=(Run(text),),
        marker=marker,
        key=key,
        indent_pt=indent_em * size,
        hanging_pt=max(marker_width_em(marker) + 0.5, 1.5) * size,
        space_after_pt=4,
    )


def release_line(notice: PressNotice, lang: Lang, options: ComposeOptions) -> str:
    """`보도 시점: 즉시 보도 가능` / `For immediate release`, or the embargo's end:
    `보도 시점: 2024. 4. 18.(목) 12:00 이후 보도 가능` / `Embargoed until Thursday, …, 12:00`."""
    if notice.embargo is None:
        if lang == "ko":
            return f"{LABELS['release']['ko']}: {LABELS['immediate']['ko']}"
        return LABELS["immediate"]["en"]
    when = format_date_time(notice.embargo, lang, options.english_style)
    if lang == "ko":
        return f"{LABELS['release']['ko']}: {when} 이후 보도 가능(엠바고)"
    return f"Embargoed until {when}"


def programme_text(item: ProgrammeItem, number: int | None, lang: Lang) -> str:
    """`발언 1: 손명화(6·25국군포로가족회 회장) — 국군포로 송환` / `Remarks 1: Son …`."""
    label = PROGRAMME_LABELS[item.kind][lang]
    topic = close_bidi(item.topic.get(lang).strip())
    if item.kind is ProgrammeKind.OTHER:
        label, topic = topic, ""
    if number is not None and label:
        label = f"{label} {number}"
    speaker = close_bidi(item.speaker.get(lang).strip())
    affiliation = close_bidi(item.affiliation.get(lang).strip())
    if speaker and affiliation and "(" in affiliation:  # no parentheses in parentheses
        who = f"{speaker}, {affiliation}"
    elif speaker and affiliation:
        who = f"{speaker}({affiliation})" if lang == "ko" else f"{speaker} ({affiliation})"
    else:
        who = speaker or affiliation
    detail = join(" — ", who, topic)
    if label and detail:
        return f"{label}: {detail}"
    return label or detail


def contact_line(contact: PressContact, lang: Lang) -> str:
    """`김민지 사무국장(TJWG)`, then on its own line `전화 010-1234-5678 · 전자우편 …` (a
    telephone number is never broken at its hyphens by a narrow line)."""
    name, role = (
        close_bidi(contact.name.get(lang).strip()),
        close_bidi(contact.role.get(lang).strip()),
    )
    who = join(" ", name, role) if lang == "ko" else join(", ", name, role)
    phone = f"{LABELS['phone'][lang]} {contact.phone.strip()}" if contact.phone.strip() else ""
    email = f"{LABELS['email'][lang]} {contact.email.strip()}" if contact.email.strip() else ""
    reach = join(" · ", phone, email)
    return join("\n", who, reach)


def compose_press_notice(
    notice: PressNotice, lang: Lang, preset: StylePreset, options: ComposeOptions
) -> list[Block]:
    """The notice: release line and date, title, 일시·장소·주최·주관, 취지, 순서, 문의."""
    size = preset.font.size_pt
    blocks: list[Block] = [para(release_line(notice, lang, options), key="embargo", bold=True)]
    if notice.date is not None:
        when = format_date(notice.date, lang, options.english_style, weekday=options.weekday)
        blocks.append(para(f"{LABELS['date'][lang]}: {when}", key="date", space_after_pt=2))
    title = _title(notice.title.get(lang), LABELS["notice"][lang], lang)
    if title:
        blocks.append(_title_paragraph(title, size))
    lines: list[tuple[str, str]] = []
    if notice.starts is not None:
        lines.append(("starts", format_date_time(notice.starts, lang, options.english_style)))
    lines.append(("place", notice.place.get(lang).strip()))
    lines.append(("organisers", _names(notice.organisers, lang)))
    lines.append(("co_organisers", _names(notice.co_organisers, lang)))
    for key, text in lines:
        if not is_blank(text):
            blocks.append(
                labelled(
                    LABELS[key][lang],
                    close_bidi(text),
                    key=key,
                    size_pt=size,
                    label_em=LABEL_EM[lang],
                    bold=key == "starts",
                )
            )
    purposes = [(i, p) for i, p in enumerate(notice.purpose) if not p.is_blank(lang)]
    if purposes:
        blocks.append(_heading("purpose", lang, size))
        blocks += [_marked(BULLET[lang], p.get(lang), f"purpose[{i}]", size) for i, p in purposes]
    items = [
        (i, item)
        for i, item in enumerate(notice.programme)
        if programme_text(item, None, lang) or item.kind is not ProgrammeKind.OTHER
    ]
    if items:
        blocks.append(_heading("programme", lang, size))
        speeches = sum(1 for _i, item in items if item.kind is ProgrammeKind.SPEECH)
        speech = 0
        for n, (i, item) in enumerate(items, start=1):
            number = None
            if item.kind is ProgrammeKind.SPEECH and speeches > 1:
                speech += 1
                number = speech
            text = programme_text(item, number, lang)
            blocks.append(_marked(f"{n}.", text, f"programme[{i}]", size))
    contacts = [(i, c) for i, c in enumerate(notice.contacts) if contact_line(c, lang)]
    for i, contact in contacts:
        blocks.append(
            labelled(
                LABELS["contacts"][lang],
                contact_line(contact, lang),
                key=f"contacts[{i}]",
                size_pt=size,
                label_em=LABEL_EM[lang] if lang == "ko" else 5.0,
            )
        )
    if contacts:
        first = blocks.index(next(b for b in blocks if getattr(b, "key", "") == "contacts[0]"))
        blocks[first] = _spaced(blocks[first])
    return blocks


def _spaced(block: Block) -> Block:
    return replace(block, space_before_pt=14) if isinstance(block, Paragraph) else block


def signatory_name(signatory: Signatory, lang: Lang, *, with_korean: bool = True) -> str:
    """A signatory of a statement by its organisation (or, signing alone, its person): Korean
    `(사)물망초`; English `Mulmangcho (사단법인 물망초)`, the country after it."""
    if lang == "ko":
        name = signatory.organisation.ko.strip() or join(
            " ", signatory.person.ko, signatory.role.ko
        )
        country = close_bidi(signatory.country.ko.strip())
        if country and country not in HOME_COUNTRY:  # 휴먼라이츠워치(미국)
            return f"{close_bidi(name)}({country})"
        return close_bidi(name)
    organisation = signatory.organisation.en.strip()
    if organisation and with_korean:
        organisation = korean_name_aside(organisation, signatory.organisation.ko)
    name = organisation or join(", ", signatory.person.en, signatory.role.en)
    return join(", ", name, signatory.country.en)


def summary_line(statement: Statement) -> str:
    """`6·25국군포로가족회 외 2개 단체 일동`: the first signatory named, N the others."""
    shown = named_signatories(statement.signatories)
    if not shown:
        return ""
    first = signatory_name(shown[0], "ko") or signatory_name(shown[0], "en")
    others = statement.others()
    return f"{first} 외 {others}개 단체 일동" if others else f"{first} 일동"


def compose_statement(
    statement: Statement, lang: Lang, preset: StylePreset, options: ComposeOptions
) -> list[Block]:
    """The statement: heading, title, body, demands, closing, date, signatories."""
    size = preset.font.size_pt
    blocks: list[Block] = [
        para(
            LABELS["statement"][lang],
            key="heading.statement",
            role="heading",
            align=Align.CENTER,
            bold=True,
            size_pt=size + 1,
            space_after_pt=4,
        )
    ]
    title = close_bidi(statement.title.get(lang).strip())
    if title:
        blocks.append(_title_paragraph(title, size))
    marker = korean_marker if lang == "ko" else english_marker
    blocks += body_paragraphs(
        statement.body,
        lang,
        marker,
        size_pt=size,
        step_em=1.0 if lang == "ko" else 2.0,
        first_line_em=1.0 if lang == "ko" else 0.0,
    )
    demands = [(i, d) for i, d in enumerate(statement.demands) if not d.is_blank(lang)]
    for n, (i, demand) in enumerate(demands, start=1):
        mark = f"{n}." if statement.demand_style is DemandStyle.NUMBERED else TRIANGLE[lang]
        paragraph = _marked(mark, demand.get(lang), f"demands[{i}]", size, indent_em=1.0)
        blocks.append(_bold(paragraph))
    if not statement.closing.is_blank(lang):
        blocks.append(
            Paragraph(
                runs=(Run(statement.closing.get(lang)),),
                key="closing",
                first_line_pt=size if lang == "ko" else 0.0,
                space_before_pt=6,
                space_after_pt=8,
            )
        )
    if statement.date is not None:
        when = format_date(statement.date, lang, options.english_style, weekday=options.weekday)
        blocks.append(
            para(when, key="date", align=Align.CENTER, space_before_pt=18, space_after_pt=8)
        )
    shown = [
        (i, s)
        for i, s in enumerate(statement.signatories)
        if signatory_name(s, lang, with_korean=options.korean_names_in_english)
    ]
    if lang == "ko" and shown:
        blocks.append(
            para(
                summary_line(statement),
                key="signatories.summary",
                role="signature",
                align=Align.CENTER,
                bold=True,
                size_pt=size + 1,
                space_after_pt=12,
            )
        )
    if shown:
        names = [
            signatory_name(s, lang, with_korean=options.korean_names_in_english) for _i, s in shown
        ]
        # Korean: the full list under the 일동 line, centred; English: one per line.
        if lang == "ko":
            runs = (Run(f"{LABELS['signed'][lang]}: ", bold=True), Run(", ".join(names)))
        else:
            runs = (Run(f"{LABELS['signed'][lang]}:", bold=True), Run("\n" + "\n".join(names)))
        blocks.append(
            Paragraph(
                runs=runs,
                key="signatories",
                role="signature",
                align=Align.CENTER if lang == "ko" else Align.LEFT,
                space_before_pt=0 if lang == "ko" else 6,
                space_after_pt=6,
            )
        )
    return blocks


def _bold(paragraph: Paragraph) -> Paragraph:
    return replace(paragraph, runs=tuple(replace(r, bold=True) for r in paragraph.runs))
