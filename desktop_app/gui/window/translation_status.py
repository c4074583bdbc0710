"""A draft's translation status: at a glance in the draft list (from the stored summary, no
database or check per row), and the glossary findings the export dialog lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.glossary import FieldTermFinding, describe_term_finding

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.services import DraftSummary

WARNING_COLOUR = "#9a4d00"


def _percent(value: int) -> str:
    return "—" if value < 0 else f"{value}%"


def status_text(summary: DraftSummary, _: Callable[[str], str]) -> str:
    """E.g. "KO 100% · EN 80% ⚠ 2" ("국 100% · 영 80% ⚠ 2"); "—" where a figure is not known."""
    text = _("KO {ko} · EN {en}").format(
        ko=_percent(summary.ko_complete), en=_percent(summary.en_complete)
    )
    if summary.warnings > 0:
        text += f" ⚠ {summary.warnings}"
    return text


def status_tip(
    summary: DraftSummary, _: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> str:
    """The same as a sentence."""
    if summary.ko_complete < 0 or summary.en_complete < 0:
        return _("Not known yet: the draft has not been saved by this version of Dari.")
    text = _("Fields with text: {ko} filled in Korean, {en} in English.").format(
        ko=_percent(summary.ko_complete), en=_percent(summary.en_complete)
    )
    if summary.warnings > 0:
        warnings = ngettext(
            "{count} glossary or out-of-date warning.",
            "{count} glossary or out-of-date warnings.",
            summary.warnings,
        )
        text += " " + warnings.format(count=summary.warnings)
    return text


def sort_key(summary: DraftSummary) -> tuple[int, int, int]:
    """Least translated first when sorting up; warnings break ties."""
    return (min(summary.ko_complete, summary.en_complete), -summary.warnings, summary.id)


def glossary_lines(
    findings: list[FieldTermFinding], langs: tuple[str, ...], _: Callable[[str], str]
) -> list[str]:
    """Glossary findings as sentences, when English is among the chosen languages (every
    finding is about the English: an approved term missing, or a variant to avoid)."""
    if "en" not in langs:
        return []
    return [describe_term_finding(f, _) for f in findings]
