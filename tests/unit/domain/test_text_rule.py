"""One rule for text: what enters the domain and the renderers' last defence agree on
every string; the result is idempotent, NFC and within XML 1.0 (plus the page-break mark)."""

from __future__ import annotations

import io
import unicodedata
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.compose.layout import LayoutDocument, Paragraph, Run
from desktop_app.domain import BilingualText, from_json, to_json
from desktop_app.domain.letter import Letter
from desktop_app.domain.text import clean_text
from desktop_app.render import render_docx, render_html, xml_safe
from desktop_app.render.text import plain

SPECIAL = [
    *"\x00\x07\x09\x0a\x0b\x0c\x0d\x1b\x1f\x7f\x80\x85\x9f\xa0",
    "\r\n", "\u2028", "\u2029", "\ufffe", "\uffff", "\ufffd", "\ufdd0",
    "\ud83d", "\ude00", "\ud83d\ude00", "\udbff\udfff",  # halves, a pair, the last pair
    "\u1100", "\u1161", "\u11a8", "e\u0301", "\u212b", "👨\u200d👩\u200d👧", "🇰🇷",
    "\U0010ffff", "가", "&", "<", "]]>",
]  # fmt: skip
texts = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(exclude_categories=()), max_size=12),  # surrogates too
        st.sampled_from(SPECIAL),
    ),
    max_size=8,
).map("".join)


def xml_char(ch: str) -> bool:
    code = ord(ch)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


@settings(max_examples=1000)
@given(texts)
def test_domain_and_renderer_agree_and_the_result_is_safe(s: str) -> None:
    entered = clean_text(s)
    assert xml_safe(s) == entered  # the renderer's last defence on raw text
    assert xml_safe(entered) == entered  # and on text that came through the domain
    assert clean_text(entered) == entered  # idempotent
    assert BilingualText.of(s, s) == BilingualText(entered, entered)
    assert all(xml_char(ch) or ch == "\f" for ch in entered)
    assert not any(ch in entered for ch in "\r\x0b\x7f\x85\u2028\u2029")
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in entered)
    assert unicodedata.is_normalized("NFC", entered)
    assert entered.encode("utf-8").decode("utf-8") == entered  # no lone surrogate survives
    assert plain(s) == plain(entered)


@settings(max_examples=300)
@given(texts)
def test_a_draft_read_from_json_holds_the_same_text(s: str) -> None:
    payload = to_json(Letter(subject=BilingualText(s, s)))
    assert from_json(payload).subject == BilingualText(clean_text(s), clean_text(s))


def _document_xml(text: str) -> bytes:
    data = render_docx(LayoutDocument(language="ko-KR", blocks=(Paragraph((Run(text),)),)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


@settings(max_examples=60, deadline=None)
@given(texts)
def test_raw_and_cleaned_text_render_the_same_documents(s: str) -> None:
    def page(text: str) -> str:
        return render_html(LayoutDocument(language="ko-KR", blocks=(Paragraph((Run(text),)),)))

    assert page(s) == page(clean_text(s))
    assert _document_xml(s) == _document_xml(clean_text(s))
