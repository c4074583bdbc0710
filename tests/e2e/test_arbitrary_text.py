"""Whatever a person types or pastes into any field, the export is a valid document."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from typing import Any

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.compose import Layout, compose, compose_both, get_preset
from desktop_app.domain import BilingualText, from_json, to_json
from desktop_app.domain.text import clean_text, is_blank
from desktop_app.render import render_docx, render_html
from tests.helpers.samples import sample_letter

NASTY = [
    "\x00",
    "\x0b",
    "\x0c",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\u200f",
    "\u202e",
    "{{ x }}",
    "<w:p>",
    "&amp;",
    "&",
    "]]>",
    "\u1100\u1161\u11a8",
    "🕊️",
    "👨‍👩‍👧",
    "\t",
    "\n",
    "\r",
]
texts = st.lists(
    st.one_of(st.text(alphabet=st.characters(codec=None), max_size=40), st.sampled_from(NASTY)),
    max_size=6,
).map("".join)


def _fill(value: Any, draw_text: Any) -> Any:
    """Replace every BilingualText inside `value` with drawn text."""
    if isinstance(value, BilingualText):
        return BilingualText(draw_text(), draw_text())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _fill(getattr(value, f.name), draw_text) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_fill(v, draw_text) for v in value)
    return value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_text_in_every_field_exports_and_reopens(data: st.DataObject) -> None:
    letter = _fill(sample_letter(), lambda: data.draw(texts))
    letter = dataclasses.replace(letter, date=date(2024, 4, 18))
    # What storage keeps and what import reads is the cleaned text, nothing dropped silently.
    stored = from_json(to_json(letter))
    assert stored.subject.ko == clean_text(letter.subject.ko)
    layouts = [
        compose(stored, "ko"),
        compose(stored, "ko", get_preset("ko-official")),
        compose(stored, "en"),
        compose_both(stored, Layout.SIDE_BY_SIDE),
        compose_both(stored, Layout.COMBINED),
    ]
    for layout in layouts:
        document = docx.Document(io.BytesIO(render_docx(layout)))
        assert document.sections
        assert "<w:p>" not in render_html(layout)
    english = "\n".join(
        p.text for p in docx.Document(io.BytesIO(render_docx(layouts[2]))).paragraphs
    )
    # A text that shows nothing (spaces, bidi controls only: `is_blank`) is left out as empty.
    visible = stored.salutation.en.replace("\x0c", "").strip()
    if not is_blank(stored.salutation.en) and "\x0c" not in stored.salutation.en:
        assert visible.splitlines()[0].strip() in english
