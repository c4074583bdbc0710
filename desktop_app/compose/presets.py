"""Style presets: which composer, page margins and fonts a document is laid out with."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.compose.layout import FontSpec, PageSetup
from desktop_app.domain.messages import N_


@dataclass(frozen=True)
class StylePreset:
    """A named house style for one output language."""

    key: str
    lang: str  # "ko" or "en"
    label: str  # translatable
    page: PageSetup = field(default_factory=PageSetup)
    font: FontSpec = field(default_factory=FontSpec)
    official: bool = False  # Korean 공문 structure
    kind: str = "letter"  # the document kind it lays out
    variant: str = ""  # "ohchr": the UPR advance-question list


KOREAN_FONT = FontSpec(latin="맑은 고딕", east_asian="맑은 고딕", size_pt=11.0)

PRESETS: dict[str, StylePreset] = {
    preset.key: preset
    for preset in (
        StylePreset(
            key="ko-letter",
            lang="ko",
            label=N_("Korean letter (서한)"),
            page=PageSetup(top_mm=25, bottom_mm=25, left_mm=25, right_mm=25),
            font=KOREAN_FONT,
        ),
        StylePreset(
            key="ko-official",
            lang="ko",
            label=N_("Korean official (공문)"),
            # 30/15/20/15 mm top/bottom/left/right, one of the two common practices.
            page=PageSetup(top_mm=30, bottom_mm=15, left_mm=20, right_mm=15),
            font=FontSpec(latin="맑은 고딕", east_asian="맑은 고딕", size_pt=12.0),
            official=True,
        ),
        StylePreset(
            key="en-letter",
            lang="en",
            label=N_("English letter"),
            page=PageSetup(top_mm=25, bottom_mm=25, left_mm=25, right_mm=25),
            font=FontSpec(latin="Times New Roman", east_asian="맑은 고딕", size_pt=12.0),
        ),
        StylePreset(
            key="upr-brief-ko",
            lang="ko",
            label=N_("UPR briefing paper (Korean)"),
            font=KOREAN_FONT,
            kind="upr-brief",
        ),
        StylePreset(
            key="upr-brief-en",
            lang="en",
            label=N_("UPR briefing paper (English)"),
            font=FontSpec(latin="Times New Roman", east_asian="맑은 고딕", size_pt=11.0),
            kind="upr-brief",
        ),
        StylePreset(
            key="upr-ohchr-ko",
            lang="ko",
            label=N_("Advance questions, OHCHR list (Korean)"),
            font=KOREAN_FONT,
            kind="upr-brief",
            variant="ohchr",
        ),
        StylePreset(
            key="upr-ohchr-en",
            lang="en",
            label=N_("Advance questions, OHCHR list (English)"),
            font=FontSpec(latin="Times New Roman", east_asian="맑은 고딕", size_pt=11.0),
            kind="upr-brief",
            variant="ohchr",
        ),
        StylePreset(
            key="press-notice-ko",
            lang="ko",
            label=N_("Press conference notice (기자회견 안내)"),
            font=KOREAN_FONT,
            kind="press-notice",
        ),
        StylePreset(
            key="press-notice-en",
            lang="en",
            label=N_("Media advisory (English)"),
            font=FontSpec(latin="Times New Roman", east_asian="맑은 고딕", size_pt=11.0),
            kind="press-notice",
        ),
        StylePreset(
            key="statement-ko",
            lang="ko",
            label=N_("Statement (기자회견문)"),
            font=FontSpec(latin="맑은 고딕", east_asian="맑은 고딕", size_pt=11.5),
            kind="statement",
        ),
        StylePreset(
            key="statement-en",
            lang="en",
            label=N_("Statement (English)"),
            font=FontSpec(latin="Times New Roman", east_asian="맑은 고딕", size_pt=12.0),
            kind="statement",
        ),
    )
}

DEFAULT_PRESET = {"ko": "ko-letter", "en": "en-letter"}
DEFAULT_PRESETS = {
    "letter": DEFAULT_PRESET,
    "upr-brief": {"ko": "upr-brief-ko", "en": "upr-brief-en"},
    "press-notice": {"ko": "press-notice-ko", "en": "press-notice-en"},
    "statement": {"ko": "statement-ko", "en": "statement-en"},
}


def default_preset(kind: str, lang: str) -> StylePreset:
    """The preset a document of `kind` uses in `lang` when none is chosen."""
    return PRESETS[DEFAULT_PRESETS.get(kind, DEFAULT_PRESET)[lang]]


def presets_for(kind: str, lang: str) -> list[StylePreset]:
    """The presets that can lay out a `kind` document in `lang`."""
    return [p for p in PRESETS.values() if p.kind == kind and p.lang == lang]


class UnknownPreset(ValueError):
    """No style preset has this name."""


def get_preset(key: str) -> StylePreset:
    """The preset named `key`; UnknownPreset lists the known names."""
    try:
        return PRESETS[key]
    except KeyError:
        known = ", ".join(PRESETS)
        raise UnknownPreset(f"There is no style named {key!r}; choose one of: {known}.") from None
