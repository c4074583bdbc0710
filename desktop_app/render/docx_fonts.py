"""Korean typography for .docx: explicit East Asian font, ko-KR language, word wrapping.

python-docx's template points every style at theme fonts (`w:eastAsiaTheme`),
which win over explicit names, so LibreOffice draws Hangul with a Japanese
font and breaks lines inside words. These helpers replace the theme references
with explicit fonts, set the language tags and register the font in the font
table (TECH-NOTES.md, "Korean in .docx").
"""

from __future__ import annotations

from typing import Any, Final

from desktop_app.compose.layout import FontSpec
from desktop_app.render.docx_scrub import W, etree, qn, serialize
from desktop_app.render.text import plain

EAST_ASIAN_LANG: Final = "ko-KR"
# The language of the Latin letters and digits in Korean text (`w:lang w:val`), as
# Word's Korean setup writes it. With `w:val="ko-KR"` LibreOffice breaks lines inside
# numbers and Latin words in Korean paragraphs ("20|23년", "INJE|CT"): it applies the
# Korean line-breaking rules to Western script (docs/korean-typography.md).
LATIN_IN_KOREAN: Final = "en-US"
HANGUL_CHARSET: Final = "81"
_THEME_ATTRS: Final = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
# CT_PPrBase children that must come after w:wordWrap.
_AFTER_WORD_WRAP: Final = (
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
# CT_RPr children that precede w:rFonts is none; these follow w:lang.
_AFTER_LANG: Final = ("eastAsianLayout", "specVanish", "oMath")


def _set_fonts(r_fonts: Any, font: FontSpec) -> None:
    """Drop theme font references and name the Latin and East Asian fonts explicitly."""
    for name in _THEME_ATTRS:
        r_fonts.attrib.pop(qn(name), None)
    latin = plain(font.latin)
    r_fonts.set(qn("ascii"), latin)
    r_fonts.set(qn("hAnsi"), latin)
    r_fonts.set(qn("eastAsia"), plain(font.east_asian))
    r_fonts.set(qn("cs"), latin)


def latin_language(language: str) -> str:
    """The `w:val` language (Latin script) for text in `language`: en-US inside Korean."""
    tag = plain(language)
    if not tag or tag.split("-")[0].lower() == "ko":
        return LATIN_IN_KOREAN
    return tag


def lang_element(language: str) -> Any:
    """A `w:lang`: the Latin-script language (`latin_language`) and ko-KR for East Asian."""
    lang = etree.Element(qn("lang"))
    lang.set(qn("val"), latin_language(language))
    lang.set(qn("eastAsia"), EAST_ASIAN_LANG)
    return lang


def insert_before(parent: Any, child: Any, successors: tuple[str, ...]) -> None:
    """Insert `child` before the first existing child named in `successors`, else append."""
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in successors:
            parent.insert(index, child)
            return
    parent.append(child)


def set_lang(r_pr: Any, language: str) -> None:
    """Replace any `w:lang` in a run-properties element by `lang_element(language)`."""
    for old in r_pr.findall(qn("lang")):
        r_pr.remove(old)
    insert_before(r_pr, lang_element(language), _AFTER_LANG)


def apply_to_styles(styles: Any, font: FontSpec, language: str) -> None:
    """Fix docDefaults and every style of a `w:styles` element for Korean text."""
    doc_defaults = styles.find(qn("docDefaults"))
    if doc_defaults is None:
        doc_defaults = etree.Element(qn("docDefaults"))
        styles.insert(0, doc_defaults)
    r_pr = _child(_child(doc_defaults, "rPrDefault", 0), "rPr", 0)
    r_fonts = _child(r_pr, "rFonts", 0)
    _set_fonts(r_fonts, font)
    half_points = str(max(2, round(font.size_pt * 2)))
    for tag in ("sz", "szCs"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    size = etree.Element(qn("sz"))
    size.set(qn("val"), half_points)
    size_cs = etree.Element(qn("szCs"))
    size_cs.set(qn("val"), half_points)
    successors = ("highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl",
                  "cs", "em", "lang", *_AFTER_LANG)  # fmt: skip
    insert_before(r_pr, size, successors)
    insert_before(r_pr, size_cs, successors)
    set_lang(r_pr, language)

    # Word keeps Hangul words (eojeol) whole only with wordWrap on; ECMA-376
    # §17.3.1.45: "on" breaks Latin text at word level too, which is the default.
    p_pr = _child(_child(doc_defaults, "pPrDefault"), "pPr", 0)
    for old in p_pr.findall(qn("wordWrap")):
        p_pr.remove(old)
    word_wrap = etree.Element(qn("wordWrap"))
    word_wrap.set(qn("val"), "1")
    insert_before(p_pr, word_wrap, _AFTER_WORD_WRAP)

    for r_fonts in styles.iter(qn("rFonts")):
        _set_fonts(r_fonts, font)


FOOTNOTE_SIZE_STEP: Final = 2.0  # points smaller than the body, as Word's Footnote Text


def add_footnote_styles(styles: Any, font: FontSpec) -> None:
    """Word's "footnote text" paragraph style (the body's fonts, smaller, single-spaced)
    and "footnote reference" character style (superscript), unless the template has them.

    Call before `apply_to_styles`, which gives their `w:rFonts` the document's Latin and
    East Asian fonts (Hangul in a note is set as in the body)."""
    ids = {style.get(qn("styleId")) for style in styles.findall(qn("style"))}
    half_points = str(max(2, round((font.size_pt - FOOTNOTE_SIZE_STEP) * 2)))
    if "FootnoteText" not in ids:
        style = etree.SubElement(styles, qn("style"))
        style.set(qn("type"), "paragraph")
        style.set(qn("styleId"), "FootnoteText")
        etree.SubElement(style, qn("name")).set(qn("val"), "footnote text")
        etree.SubElement(style, qn("basedOn")).set(qn("val"), "Normal")
        etree.SubElement(style, qn("uiPriority")).set(qn("val"), "99")
        etree.SubElement(style, qn("unhideWhenUsed"))
        spacing = etree.SubElement(etree.SubElement(style, qn("pPr")), qn("spacing"))
        spacing.set(qn("after"), "0")
        spacing.set(qn("line"), "240")
        spacing.set(qn("lineRule"), "auto")
        r_pr = etree.SubElement(style, qn("rPr"))
        etree.SubElement(r_pr, qn("rFonts"))
        etree.SubElement(r_pr, qn("sz")).set(qn("val"), half_points)
        etree.SubElement(r_pr, qn("szCs")).set(qn("val"), half_points)
    if "FootnoteReference" not in ids:
        style = etree.SubElement(styles, qn("style"))
        style.set(qn("type"), "character")
        style.set(qn("styleId"), "FootnoteReference")
        etree.SubElement(style, qn("name")).set(qn("val"), "footnote reference")
        etree.SubElement(style, qn("basedOn")).set(qn("val"), "DefaultParagraphFont")
        etree.SubElement(style, qn("uiPriority")).set(qn("val"), "99")
        etree.SubElement(style, qn("unhideWhenUsed"))
        etree.SubElement(etree.SubElement(style, qn("rPr")), qn("vertAlign")).set(
            qn("val"), "superscript"
        )


def apply_to_settings(settings: Any, language: str) -> None:
    """Set `w:themeFontLang` as `w:lang` is: the Latin-script language, ko-KR for East Asian."""
    theme_lang = settings.find(qn("themeFontLang"))
    if theme_lang is None:
        return  # python-docx's template always has one; never invent the sequence position
    theme_lang.attrib.clear()
    theme_lang.set(qn("val"), latin_language(language))
    theme_lang.set(qn("eastAsia"), EAST_ASIAN_LANG)


def patch_font_table(xml: bytes, font: FontSpec) -> bytes:
    """Add (or replace) the East Asian font with its alternative name and Hangul charset."""
    root = etree.fromstring(xml)
    east_asian = plain(font.east_asian)
    latin = plain(font.latin)
    for existing in root.findall(qn("font")):
        if existing.get(qn("name")) == east_asian:
            root.remove(existing)
    entry = etree.SubElement(root, qn("font"))
    entry.set(qn("name"), east_asian)
    alt = plain(font.east_asian_alt)
    if alt and alt != east_asian:
        etree.SubElement(entry, qn("altName")).set(qn("val"), alt)
    etree.SubElement(entry, qn("charset")).set(qn("val"), HANGUL_CHARSET)
    etree.SubElement(entry, qn("family")).set(qn("val"), "auto")
    etree.SubElement(entry, qn("pitch")).set(qn("val"), "variable")
    if latin and all(f.get(qn("name")) != latin for f in root.findall(qn("font"))):
        latin_entry = etree.SubElement(root, qn("font"))
        latin_entry.set(qn("name"), latin)
        etree.SubElement(latin_entry, qn("charset")).set(qn("val"), "00")
        etree.SubElement(latin_entry, qn("family")).set(qn("val"), "auto")
        etree.SubElement(latin_entry, qn("pitch")).set(qn("val"), "variable")
    return serialize(root)


def _child(parent: Any, local: str, index: int | None = None) -> Any:
    """The first `w:<local>` child of `parent`, created (at `index` or appended) if missing."""
    found = parent.find(f"{{{W}}}{local}")
    if found is None:
        found = etree.Element(qn(local))
        if index is None:
            parent.append(found)
        else:
            parent.insert(index, found)
    return found
