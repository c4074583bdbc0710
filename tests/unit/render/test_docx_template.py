"""The template python-docx gives is scrubbed once per process and never changed by an export."""

from __future__ import annotations

import dataclasses
import io
import posixpath
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from desktop_app.compose.layout import FontSpec, LayoutDocument
from desktop_app.render import docx_writer, render_docx, write_docx
from desktop_app.render.docx_scrub import scrub_parts
from tests.helpers.docx_checks import openxml_schema_errors

Parts = Callable[[bytes], dict[str, bytes]]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OTHER_FONT = FontSpec(latin="Arial", east_asian="바탕", east_asian_alt="Batang", size_pt=10)


def _header_only(doc: LayoutDocument) -> LayoutDocument:
    return dataclasses.replace(doc, footer=())


def _footer_only(doc: LayoutDocument) -> LayoutDocument:
    return dataclasses.replace(doc, header=())


def test_an_export_does_not_change_the_next_one(
    korean_doc: LayoutDocument, english_doc: LayoutDocument, bilingual_doc: LayoutDocument
) -> None:
    first = render_docx(korean_doc)
    render_docx(english_doc)
    render_docx(bilingual_doc)
    render_docx(dataclasses.replace(korean_doc, font=OTHER_FONT, language="en-US"))
    render_docx(_footer_only(korean_doc))
    assert render_docx(korean_doc) == first
    assert render_docx(english_doc) == render_docx(english_doc)


def test_cached_template_is_read_only_and_unchanged_by_exports(
    korean_doc: LayoutDocument, english_doc: LayoutDocument
) -> None:
    template = docx_writer._template(True, True)
    before = dict(template)
    for doc in (korean_doc, english_doc, dataclasses.replace(korean_doc, font=OTHER_FONT)):
        render_docx(doc)
    assert docx_writer._template(True, True) is template
    assert dict(template) == before
    with pytest.raises(TypeError):
        template["word/document.xml"] = b""  # type: ignore[index]


@pytest.mark.parametrize(
    "variant", ["korean_doc", "english_doc", "bilingual_doc", "header", "footer"]
)
def test_output_is_already_what_the_full_scrub_gives(
    variant: str, request: pytest.FixtureRequest, docx_parts: Parts
) -> None:
    """One pass is enough: scrubbing the export again (mat2's list) changes nothing."""
    korean: LayoutDocument = request.getfixturevalue("korean_doc")
    doc = {"header": _header_only(korean), "footer": _footer_only(korean)}.get(variant)
    data = render_docx(doc or request.getfixturevalue(variant))
    assert scrub_parts(data) == docx_parts(data)


def test_font_change_reaches_styles_and_font_table(
    korean_doc: LayoutDocument, docx_parts: Parts
) -> None:
    parts = docx_parts(render_docx(dataclasses.replace(korean_doc, font=OTHER_FONT)))
    styles = etree.fromstring(parts["word/styles.xml"])
    for r_fonts in styles.iter(f"{W}rFonts"):
        assert (r_fonts.get(f"{W}ascii"), r_fonts.get(f"{W}eastAsia")) == ("Arial", "바탕")
    size = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    assert size is not None and size.get(f"{W}val") == "20"
    assert "Batang" in parts["word/fontTable.xml"].decode()


def _assert_consistent(parts: dict[str, bytes]) -> None:
    """Every content-type override names a part; every internal relationship target exists."""
    for entry in etree.fromstring(parts["[Content_Types].xml"]):
        if etree.QName(entry).localname == "Override":
            assert entry.get("PartName").lstrip("/") in parts
    for name, blob in parts.items():
        if name.endswith(".rels"):
            base = posixpath.dirname(posixpath.dirname(name))
            for rel in etree.fromstring(blob):
                target = posixpath.normpath(posixpath.join(base, rel.get("Target")))
                assert target in parts, (name, target)


@pytest.mark.parametrize("keep", ["header", "footer"])
def test_header_or_footer_alone(
    keep: str, korean_doc: LayoutDocument, docx_parts: Parts, tmp_path: Path
) -> None:
    doc = _header_only(korean_doc) if keep == "header" else _footer_only(korean_doc)
    data = render_docx(doc)
    parts = docx_parts(data)
    assert ("word/header1.xml" in parts, "word/footer1.xml" in parts) == (
        keep == "header",
        keep == "footer",
    )
    _assert_consistent(parts)
    section = docx.Document(io.BytesIO(data)).sections[0]
    if keep == "header":
        assert [p.text for p in section.header.paragraphs] == ["사단법인 다리인권센터"]
        assert section.footer.is_linked_to_previous
    else:
        assert section.header.is_linked_to_previous
        assert [t.text for t in section.footer._element.iter(f"{W}instrText")] == [
            " PAGE ",
            " NUMPAGES ",
        ]
    path = tmp_path / f"{keep}.docx"
    write_docx(doc, path)
    assert openxml_schema_errors(path) == []
