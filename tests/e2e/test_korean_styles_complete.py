"""No Korean style drops a part: every field of a letter is in the exported .docx or named
by the export check, in 공문 and 서한, in every layout."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from desktop_app.compose import Layout
from desktop_app.domain import (
    BilingualText,
    BodyItem,
    Disclosure,
    Enclosure,
    Letter,
    Organisation,
    Recipient,
    Signatory,
)
from desktop_app.domain.letter import SignatoryKind
from desktop_app.services.export import ExportRequest, export_files, export_omissions
from tests.helpers.docx_checks import docx_text, openxml_schema_errors, part_text


class Marks:
    """Distinct marker texts, remembered with the path of the field they fill (Korean side)."""

    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.korean: dict[str, str] = {}  # path -> the Korean marker

    def text(self, path: str) -> BilingualText:
        n = next(self.counter)
        self.korean[path] = f"마커{n:03d}가"
        return BilingualText.of(f"마커{n:03d}가", f"MARK{n:03d}X")

    def plain(self, path: str, template: str) -> str:
        value = template.format(n=next(self.counter))
        self.korean[path] = value
        return value


def marked_letter() -> tuple[Letter, Marks]:
    m = Marks()

    def sender(i: int) -> Organisation:
        p = f"senders[{i}]"
        return Organisation(
            name=m.text(f"{p}.name"),
            address=m.text(f"{p}.address"),
            postcode=m.plain(f"{p}.postcode", "0{n:04d}"),
            phone=m.plain(f"{p}.phone", "02-{n:03d}-0000"),
            fax=m.plain(f"{p}.fax", "02-{n:03d}-9999"),
            email=m.plain(f"{p}.email", "office{n}@example.org"),
            website=m.plain(f"{p}.website", "https://ngo{n}.example.org"),
        )

    def person(field: str, i: int) -> Recipient:
        p = f"{field}[{i}]"
        return Recipient(
            name=m.text(f"{p}.name"),
            title=m.text(f"{p}.title"),
            organisation=m.text(f"{p}.organisation"),
            address=m.text(f"{p}.address"),
            honorific=m.text(f"{p}.honorific"),
            department=m.text(f"{p}.department"),
        )

    def signatory(i: int, kind: SignatoryKind | None, fields: str) -> Signatory:
        p = f"signatories[{i}]"
        values = {f: m.text(f"{p}.{f}") for f in fields.split()}
        return Signatory(kind=kind, **values)

    letter = Letter(
        senders=(sender(0), sender(1)),
        recipients=tuple(person("recipients", i) for i in range(3)),
        cc=tuple(person("cc", i) for i in range(2)),
        via=m.text("via"),
        date=date(2024, 5, 20),
        reference=m.text("reference"),
        subject=m.text("subject"),
        salutation=m.text("salutation"),
        body=(
            BodyItem(m.text("body[0].text"), 0),
            BodyItem(m.text("body[1].text"), 1),
            BodyItem(m.text("body[2].text"), 1),
            BodyItem(m.text("body[3].text"), 2),
        ),
        closing=m.text("closing"),
        enclosures=(
            Enclosure(m.text("enclosures[0].name"), 2),
            Enclosure(m.text("enclosures[1].name"), 1),
        ),
        signatories=(
            signatory(0, SignatoryKind.ORGANISATION, "organisation person role country"),
            signatory(1, None, "organisation"),
            signatory(2, SignatoryKind.INDIVIDUAL, "person role country"),
            signatory(3, SignatoryKind.ORGANISATION, "organisation person role"),
        ),
        contact=m.text("contact"),
        disclosure=Disclosure.PARTIAL,
        signatory_summary=True,
    )
    m.korean["date"] = "2024. 5. 20."
    m.korean["enclosures[0].quantity"] = "2부."
    m.korean["disclosure"] = "부분공개"
    return letter, m


LAYOUTS = [
    ("ko", Layout.SEPARATE),
    ("both", Layout.SEPARATE),
    ("both", Layout.COMBINED),
    ("both", Layout.SIDE_BY_SIDE),
]


@pytest.mark.parametrize("style", ["ko-official", "ko-letter"])
@pytest.mark.parametrize(("languages", "layout"), LAYOUTS)
def test_every_part_is_printed_or_named_by_the_export_check(
    tmp_path: Path, style: str, languages: str, layout: Layout
) -> None:
    letter, marks = marked_letter()
    request = ExportRequest(languages, layout, styles={"ko": style})  # type: ignore[arg-type]
    paths = export_files(letter, request, tmp_path, date(2024, 5, 20))
    text = "\n".join(docx_text(p) for p in paths if "(en)" not in p.name)
    omitted = export_omissions(letter, request)
    named = {part for o in omitted if o.preset.lang == "ko" for part in o.parts}
    missing = [
        path for path, marker in marks.korean.items() if marker not in text and path not in named
    ]
    assert missing == []
    # and the check names only what is really left out
    wrongly_named = [p for p in named if p in marks.korean and marks.korean[p] in text]
    assert wrongly_named == []
    # the summary line counts the organisation signatories after the first
    first = marks.korean["signatories[0].organisation"]
    assert f"{first} 외 2개 단체 일동" in text


def test_the_check_sentences_name_the_style_and_what_to_do() -> None:
    letter, _marks = marked_letter()
    official_request = ExportRequest("ko", styles={"ko": "ko-official"})
    official = [o.describe() for o in export_omissions(letter, official_request)]
    assert (
        "The Korean official (공문) style does not print the salutation; "
        "use the Korean letter (서한) style to open with it, or leave it empty."
    ) in official
    plain = [
        o.describe()
        for o in export_omissions(letter, ExportRequest("ko", styles={"ko": "ko-letter"}))
    ]
    assert any(s.startswith("The Korean letter (서한) style has no (경유) line") for s in plain)


def test_official_files_are_schema_valid_and_re_export_identically(tmp_path: Path) -> None:
    letter, _marks = marked_letter()
    for layout in (Layout.SEPARATE, Layout.SIDE_BY_SIDE):
        request = ExportRequest("both", layout, styles={"ko": "ko-official"})
        first = export_files(letter, request, tmp_path, date(2024, 5, 20))
        again = tmp_path / "again"
        again.mkdir(exist_ok=True)
        second = export_files(letter, request, again, date(2024, 5, 20))
        for a, b in zip(first, second, strict=True):
            assert a.read_bytes() == b.read_bytes()
            assert openxml_schema_errors(a) == []
            if "(ko)" in a.name:  # the close keeps with the body's last lines in Word too
                assert part_text(a, "word/document.xml").count("<w:keepNext/>") >= 5
