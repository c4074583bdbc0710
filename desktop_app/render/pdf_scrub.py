"""A PDF that says nothing about who made it, where or when (pypdf, pure Python).

LibreOffice writes Creator "Writer", Producer "LibreOffice 7.4", the conversion
time as CreationDate (in the Info dictionary and in the XMP packet) and a file ID
made from the time. `scrub_pdf` drops the Info dictionary, removes the XMP
packet (or, for PDF/A, replaces it by one holding only the PDF/A claim, so that
Info and XMP agree: neither names anything) and gives the file an ID made from
its own content, so the same document makes the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from typing import Final

PDFA_XMP: Final = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
    '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
    "   <pdfaid:part>2</pdfaid:part>\n"
    "   <pdfaid:conformance>B</pdfaid:conformance>\n"
    "  </rdf:Description>\n"
    " </rdf:RDF>\n"
    "</x:xmpmeta>\n"
    '<?xpacket end="w"?>'
)


class PdfScrubError(ValueError):
    """The bytes are not a PDF pypdf can read (LibreOffice's output always is)."""


def scrub_pdf(data: bytes, *, pdfa: bool = False) -> bytes:
    """`data` without Author, Creator, Producer, Title, dates or XMP history; a content ID."""
    from pypdf import PdfReader, PdfWriter  # on first PDF only: a fast start
    from pypdf.errors import PyPdfError
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        StreamObject,
    )

    metadata = NameObject("/Metadata")
    try:
        reader = PdfReader(io.BytesIO(data))
        # Cut the old packet and Info off before cloning, so that they are not copied along.
        source_root = reader.trailer["/Root"].get_object()
        if not isinstance(source_root, DictionaryObject):
            raise PdfScrubError("the PDF has no document catalogue")
        if metadata in source_root:
            del source_root[metadata]
        if "/Info" in reader.trailer:
            del reader.trailer[NameObject("/Info")]
        writer = PdfWriter(clone_from=reader)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise PdfScrubError(str(exc)) from exc
    writer.pdf_header = reader.pdf_header  # pypdf would say 1.3; PDF/A-2 needs the real one
    writer._info = None  # pypdf has no public way to write no Info
    root = writer._root_object
    if pdfa:
        stream = StreamObject()
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        stream.set_data(PDFA_XMP.encode("utf-8"))
        root[metadata] = writer._add_object(stream)
    placeholder = ByteStringObject(b"\0" * 16)
    writer._ID = ArrayObject([placeholder, placeholder])
    first = io.BytesIO()
    writer.write(first)
    digest = ByteStringObject(hashlib.md5(first.getvalue(), usedforsecurity=False).digest())
    writer._ID = ArrayObject([digest, digest])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
