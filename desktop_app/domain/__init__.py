"""Plain-Python document kinds, bilingual text and checks: no Qt, no database, no files."""

from desktop_app.domain.checks import Finding, check, describe
from desktop_app.domain.dates import DateStyle
from desktop_app.domain.letter import (
    BodyItem,
    Disclosure,
    Enclosure,
    Letter,
    Organisation,
    Recipient,
    Signatory,
)
from desktop_app.domain.serialize import FORMAT_VERSION, DraftFormatError, from_json, to_json
from desktop_app.domain.text import LANGS, BilingualText, Lang, clean_text

__all__ = [
    "FORMAT_VERSION",
    "LANGS",
    "BilingualText",
    "BodyItem",
    "DateStyle",
    "Disclosure",
    "DraftFormatError",
    "Enclosure",
    "Finding",
    "Lang",
    "Letter",
    "Organisation",
    "Recipient",
    "Signatory",
    "check",
    "clean_text",
    "describe",
    "from_json",
    "to_json",
]
