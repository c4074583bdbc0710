"""UPR briefs: the briefing paper, and the advance questions listed the way OHCHR lists them."""

from __future__ import annotations

from datetime import date

from desktop_app.compose.blocks import body_paragraphs, join, named_with_short_name, para
from desktop_app.compose.dates import DateStyle, format_date
from desktop_app.compose.layout import Align, Block, Paragraph, Run
from desktop_app.compose.markers import english_marker, korean_marker, marker_width_em
from desktop_app.compose.options import ComposeOptions
from desktop_app.compose.presets import StylePreset
from desktop_app.domain.letter import Organisation
from desktop_app.domain.states import StateRegistry
from desktop_app.domain.text import Lang, close_bidi, is_blank
from desktop_app.domain.upr import (
    PriorRecommendation,
    Question,
    Recommendation,
    Response,
    UprBrief,
)

LABELS: dict[str, dict[Lang, str]] = {
    "summary": {"ko": "요약", "en": "Summary"},
    "background": {"ko": "배경", "en": "Background"},
    "prior": {"ko": "이전 주기의 관련 권고", "en": "Earlier UPR recommendations"},
    "questions": {"ko": "사전 서면질의(안)", "en": "Suggested advance questions"},
    "recommendations": {"ko": "권고(안)", "en": "Suggested recommendations"},
    "sources": {"ko": "출처", "en": "Sources"},
    "submitted": {"ko": "제출 단체", "en": "Submitted by"},
    "date": {"ko": "작성일", "en": "Date"},
    "review": {"ko": "심의일", "en": "Review"},
    "for": {"ko": "전달 대상", "en": "For the attention of"},
    "rationale": {"ko": "취지", "en": "Rationale"},
    "previously": {"ko": "이전 권고", "en": "As previously recommended"},
    "contact": {"ko": "문의", "en": "Contact"},
    "phone": {"ko": "전화", "en": "Tel."},
    "fax": {"ko": "팩스", "en": "Fax"},
    "to": {"ko": "전달 대상", "en": "to"},
    "ohchr_recommendations": {"ko": "권고(안)", "en": "Suggested recommendations"},
}
RESPONSES = {
    Response.SUPPORTED: {"ko": "수용", "en": "Supported"},
    Response.NOTED: {"ko": "유의", "en": "Noted"},
}
ORDINAL_WORDS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth", 6: "Sixth"}


def ordinal(n: int) -> str:
    """46th, 41st, 52nd, 43rd, 11th."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_range(start: date, end: date, lang: Lang, options: ComposeOptions) -> str:
    """`29 April – 10 May 2024`, `7–18 November 2022`; Korean `2024. 4. 29. ~ 2024. 5. 10.`."""
    if lang == "ko":
        return f"{format_date(start, 'ko')} ~ {format_date(end, 'ko')}"
    full_end = format_date(end, "en", options.english_style)
    if start.year != end.year:
        return f"{format_date(start, 'en', options.english_style)} – {full_end}"
    if start.month == end.month and options.english_style is DateStyle.UN:
        return f"{start.day}–{full_end}"
    start_text = format_date(start, "en", options.english_style).replace(f" {start.year}", "")
    return f"{start_text.rstrip(',')} – {full_end}"


def _date(value: date, lang: Lang, options: ComposeOptions) -> str:
    """A date of the paper: the document's English style; in Korean with the weekday if asked."""
    return format_date(value, lang, options.english_style, weekday=options.weekday)


def title_block(
    brief: UprBrief,
    lang: Lang,
    states: StateRegistry,
    options: ComposeOptions,
    size: float,
    session_dates: tuple[date, date] | None,
) -> list[Block]:
    """State, cycle, session and dates, review date, the paper's title, organisations."""
    state = states.name(brief.state, lang) if brief.state else ""
    blocks: list[Block] = []
    if lang == "ko":
        heading = join(" ", state, f"제{brief.cycle}주기 국가별 정례인권검토(UPR)")
        session = f"제{brief.session}차 UPR 실무그룹 회의" if brief.session else ""
    else:
        cycle = ORDINAL_WORDS.get(brief.cycle, ordinal(brief.cycle))
        heading = f"Universal Periodic Review of {state}" if state else "Universal Periodic Review"
        heading = f"{heading} — {cycle.lower()} cycle"
        session = (
            f"{ordinal(brief.session)} session of the UPR Working Group" if brief.session else ""
        )
    if session and session_dates:
        session = f"{session} ({date_range(*session_dates, lang, options)})"
    blocks.append(
        para(
            heading,
            key="title.state",
            role="title",
            align=Align.CENTER,
            bold=True,
            size_pt=size + 4,
            space_after_pt=4,
        )
    )
    if session:
        blocks.append(para(session, key="title.session", align=Align.CENTER, space_after_pt=2))
    if brief.review_date:
        review = f"{LABELS['review'][lang]}: {_date(brief.review_date, lang, options)}"
        blocks.append(para(review, key="title.review", align=Align.CENTER, space_after_pt=12))
    issue = close_bidi(brief.issue.get(lang).strip())
    if not is_blank(issue):
        title = (
            f"{issue}에 관한 사전 서면질의 및 권고안"
            if lang == "ko"
            else f"Suggested advance questions and recommendations on {issue}"
        )
        blocks.append(
            para(
                title,
                key="issue",
                role="title",
                align=Align.CENTER,
                bold=True,
                size_pt=size + 2,
                space_after_pt=12,
            )
        )
    organisations = join(", ", *(named_with_short_name(o, lang) for o in brief.organisations))
    if organisations:
        blocks.append(
            para(
                f"{LABELS['submitted'][lang]}: {organisations}",
                key="organisations",
                space_after_pt=2,
            )
        )
    for i, organisation in enumerate(brief.organisations):
        details = organisation_details(organisation, lang)
        if details:
            name = close_bidi(organisation.name.get(lang).strip())
            line = f"{name}: {details}" if not is_blank(name) else details
            blocks.append(para(line, key=f"organisations[{i}]", indent_pt=size, space_after_pt=2))
    if brief.date:
        blocks.append(
            para(
                f"{LABELS['date'][lang]}: {_date(brief.date, lang, options)}",
                key="date",
                space_after_pt=2,
            )
        )
    targets = join(", ", *(states.name(code, lang) for code in brief.target_states))
    if targets:
        blocks.append(
            para(f"{LABELS['for'][lang]}: {targets}", key="target_states", space_after_pt=2)
        )
    if not brief.contact.is_blank(lang):
        blocks.append(
            para(
                f"{LABELS['contact'][lang]}: {brief.contact.get(lang)}",
                key="contact",
                space_after_pt=2,
            )
        )
    return blocks


def organisation_details(organisation: Organisation, lang: Lang) -> str:
    """The address and contact details of a submitting organisation, on one line."""
    labels = LABELS["phone"][lang], LABELS["fax"][lang]
    address = join(" ", organisation.address.get(lang).strip(), organisation.postcode.strip())
    phone = f"{labels[0]} {organisation.phone.strip()}" if organisation.phone.strip() else ""
    fax = f"{labels[1]} {organisation.fax.strip()}" if organisation.fax.strip() else ""
    parts = (address, phone, fax, organisation.email.strip(), organisation.website.strip())
    return join(" · ", *(close_bidi(p) for p in parts if p))


def heading(key: str, lang: Lang, size: float) -> Paragraph:
    """A section heading."""
    return para(
        LABELS[key][lang],
        key=f"heading.{key}",
        role="heading",
        bold=True,
        size_pt=size + 1,
        space_before_pt=14,
        space_after_pt=6,
        keep_with_next=True,
    )


def numbered(marker: str, text: str, key: str, size: float) -> Paragraph:
    """`Q1.` / `R2.` items with the marker hanging."""
    return Paragraph(
        runs=(Run(text),),
        marker=marker,
        key=key,
        hanging_pt=max(marker_width_em(marker), 2.5) * size,
        space_after_pt=6,
    )


def prior_line(prior: PriorRecommendation, lang: Lang, states: StateRegistry) -> str:
    """`115.63 Ratify … (Brazil) (Chile) — Noted — A/HRC/41/7`."""
    who = " ".join(f"({states.name(code, lang)})" for code in prior.states)
    response = RESPONSES[prior.response][lang] if prior.response else ""
    return join(
        " — ", join(" ", prior.paragraph, prior.text.get(lang), who), response, prior.symbol
    )


def compose_upr_brief(
    brief: UprBrief,
    lang: Lang,
    preset: StylePreset,
    options: ComposeOptions,
    states: StateRegistry,
    session_dates: tuple[date, date] | None = None,
) -> list[Block]:
    """The briefing paper (or, for an "ohchr" preset, the OHCHR-style question list)."""
    size = preset.font.size_pt
    if preset.variant == "ohchr":
        return ohchr_list(brief, lang, states, size)
    blocks = title_block(brief, lang, states, options, size, session_dates)
    if not brief.summary.is_blank(lang):
        blocks += [heading("summary", lang, size), para(brief.summary.get(lang), key="summary")]
    marker = korean_marker if lang == "ko" else english_marker
    background = [item for item in brief.background if not item.text.is_blank(lang)]
    if background or brief.prior_recommendations:
        blocks.append(heading("background", lang, size))
        blocks += body_paragraphs(
            brief.background,
            lang,
            marker,
            size_pt=size,
            step_em=1.0 if lang == "ko" else 2.0,
            key_prefix="background",
        )
    if brief.prior_recommendations:
        blocks.append(heading("prior", lang, size))
        for i, prior in enumerate(brief.prior_recommendations):
            blocks.append(
                para(
                    prior_line(prior, lang, states),
                    key=f"prior_recommendations[{i}]",
                    indent_pt=size,
                )
            )
    # Numbers count the items shown: a blank one (`is_blank`) takes no number.
    questions = [(i, q) for i, q in enumerate(brief.questions) if not _blank_question(q, lang)]
    if questions:
        blocks.append(heading("questions", lang, size))
        for n, (i, question) in enumerate(questions, start=1):
            theme = close_bidi(question.theme.get(lang).strip())
            text = question.text.get(lang)
            shown = f"[{theme}] {text}" if not is_blank(theme) else text
            shown = with_assignment(shown, question.states, lang, states)
            blocks.append(numbered(f"Q{n}.", shown, f"questions[{i}]", size))
            rationale = question.rationale.get(lang).strip()
            if not is_blank(rationale):
                blocks.append(
                    Paragraph(
                        runs=(
                            Run(
                                f"{LABELS['rationale'][lang]}: {rationale}",
                                italic=True,
                                size_pt=size - 1,
                            ),
                        ),
                        indent_pt=2.5 * size,
                        key=f"questions[{i}].rationale",
                    )
                )
    recommendations = [
        (i, r)
        for i, r in enumerate(brief.recommendations)
        if not (r.text.is_blank(lang) and is_blank(r.previously))
    ]
    if recommendations:
        blocks.append(heading("recommendations", lang, size))
        for n, (i, recommendation) in enumerate(recommendations, start=1):
            text = recommendation.text.get(lang)
            if not is_blank(recommendation.previously):
                previously = close_bidi(recommendation.previously)
                text = f"{close_bidi(text)} ({LABELS['previously'][lang]}: {previously})"
            text = with_assignment(text, recommendation.states, lang, states)
            blocks.append(numbered(f"R{n}.", text, f"recommendations[{i}]", size))
    sources = [(i, s.get(lang)) for i, s in enumerate(brief.sources) if not s.is_blank(lang)]
    if sources:
        blocks.append(heading("sources", lang, size))
        for n, (i, source) in enumerate(sources, start=1):
            blocks.append(numbered(f"{n}.", source, f"sources[{i}]", size - 1))
    return blocks


def _blank_question(question: Question, lang: Lang) -> bool:
    """A question with nothing to show in `lang`: text, theme and rationale all blank."""
    return all(t.is_blank(lang) for t in (question.text, question.theme, question.rationale))


def with_assignment(text: str, codes: tuple[str, ...], lang: Lang, states: StateRegistry) -> str:
    """`… (to: Germany, Norway)` when an item is for some of the target States only."""
    if not codes:
        return text
    names = ", ".join(states.name(code, lang) for code in codes)
    return f"{close_bidi(text)} ({LABELS['to'][lang]}: {names})"


def review_line(brief: UprBrief, lang: Lang) -> str:
    """`Universal Periodic Review – Fourth cycle – 46th session`, as OHCHR heads its pages;
    Korean `국가별 정례인권검토(UPR) 제4주기 – 제46차 실무그룹 회의`."""
    if lang == "ko":
        line = f"국가별 정례인권검토(UPR) 제{brief.cycle}주기"
        return f"{line} – 제{brief.session}차 실무그룹 회의" if brief.session else line
    cycle = ORDINAL_WORDS.get(brief.cycle, ordinal(brief.cycle))
    line = f"Universal Periodic Review – {cycle} cycle"
    return f"{line} – {ordinal(brief.session)} session" if brief.session else line


def submitting_states(brief: UprBrief) -> tuple[str, ...]:
    """The States the OHCHR list has a section for: the target States, then any State an
    item is assigned to that is not among them (the check says so; nothing is dropped)."""
    codes = [code.upper() for code in brief.target_states]
    assigned = [q.states for q in brief.questions] + [r.states for r in brief.recommendations]
    for item_states in assigned:
        codes += [code.upper() for code in item_states if code.upper() not in codes]
    return tuple(dict.fromkeys(codes))


def ohchr_list(brief: UprBrief, lang: Lang, states: StateRegistry, size: float) -> list[Block]:
    """The OHCHR-style list: each submitting State's name in capitals, then its questions
    (and, after them, its suggested recommendations); a State with none is not listed."""
    state = states.name(brief.state, lang) if brief.state else ""
    title = f"{state}에 대한 사전 서면질의" if lang == "ko" else f"Advance questions to {state}"
    blocks: list[Block] = [
        para(
            title,
            key="title.state",
            role="title",
            align=Align.CENTER,
            bold=True,
            size_pt=size + 3,
            space_after_pt=4,
        ),
        para(review_line(brief, lang), key="title.session", align=Align.CENTER, space_after_pt=18),
    ]
    questions = [(i, q) for i, q in enumerate(brief.questions) if not q.text.is_blank(lang)]
    recommendations = [
        (i, r)
        for i, r in enumerate(brief.recommendations)
        if not (r.text.is_blank(lang) and is_blank(r.previously))
    ]
    targets = {code.upper() for code in brief.target_states}

    def is_for(item: Question | Recommendation, code: str) -> bool:
        # "All" is all the target States; a State outside them gets what names it.
        if not code:
            return True
        return item.is_for(code) if code in targets else code in {c.upper() for c in item.states}

    submitters = submitting_states(brief) or ("",)
    for code in submitters:
        asked = [(i, q) for i, q in questions if is_for(q, code)]
        recommended = [(i, r) for i, r in recommendations if is_for(r, code)]
        if not asked and not recommended and code:
            continue
        name = states.name(code, lang) if code else ("제출 국가" if lang == "ko" else "[STATE]")
        blocks.append(
            para(
                name.upper(),
                key=f"target_states.{code}",
                role="heading",
                bold=True,
                space_before_pt=12,
                space_after_pt=6,
                keep_with_next=True,
            )
        )
        for i, question in asked:
            blocks.append(_bullet(question.text.get(lang), f"questions[{i}]", size))
        if recommended:
            label = LABELS["ohchr_recommendations"][lang]
            blocks.append(
                Paragraph(
                    runs=(Run(label, italic=lang == "en"),),  # Hangul is not set in italics
                    key=f"recommendations.{code}",
                    space_before_pt=6,
                    space_after_pt=6,
                    keep_with_next=True,
                )
            )
        for i, recommendation in recommended:
            text = recommendation.text.get(lang)
            if not is_blank(recommendation.previously):
                previously = close_bidi(recommendation.previously)
                text = f"{close_bidi(text)} ({LABELS['previously'][lang]}: {previously})"
            blocks.append(_bullet(text, f"recommendations[{i}]", size))
    return blocks


def _bullet(text: str, key: str, size: float) -> Paragraph:
    return Paragraph(
        runs=(Run(text),),
        marker="•",
        hanging_pt=1.5 * size,
        key=key,
        space_after_pt=6,
    )
