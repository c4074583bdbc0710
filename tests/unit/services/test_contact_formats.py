"""The address book's import formats on real files and a real database: CP949, UTF-8 with
BOM and XLSX reading to the same rows, header synonyms and explicit mappings, the preview,
bad rows by number, an XML bomb refused, possible duplicates, vCard 3.0 both ways, and
re-importing an export changing nothing. Names here are test data (홍길동 is the Korean
placeholder name), not office holders."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from desktop_app.domain.contacts import BookOrganisation, ContactError, Person, Position
from desktop_app.domain.text import BilingualText
from desktop_app.services import Services
from desktop_app.services.contact_csv import decode_csv
from desktop_app.services.contact_files import Duplicates, export_rows, read_source
from desktop_app.services.contact_vcard import FOLD_AT, escape, fold, unescape

HEADER = ["구분", "기관명", "기관영문명", "직위", "title_en", "이름", "영문이름", "시작일", "비고"]
RECORDS = [
    [
        "partner",
        "시험단체",
        "Test Group",
        "대표",
        "Director",
        "홍길동",
        "Hong Gil-dong",
        "2020",
        "시험",
    ],
    ["other", "두번째 단체", "Second Group", "", "", "", "", "", '쉼표, 따옴표 " 줄'],
    ["ours", "", "", "", "", "김철수", "Kim Chul-su", "", ""],
]


def _csv(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text

    return "".join(",".join(cell(c) for c in row) + "\r\n" for row in rows)


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_cp949_utf8_bom_and_xlsx_import_to_the_same_rows(
    fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    text = _csv([HEADER, *RECORDS])
    cp949 = tmp_path / "excel.csv"
    cp949.write_bytes(text.encode("cp949"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    xlsx = _xlsx(tmp_path / "book.xlsx", [HEADER, *RECORDS])
    assert decode_csv(cp949.read_bytes()).encoding == "CP949"
    assert decode_csv(bom.read_bytes()).encoding == "UTF-8 with BOM"
    books = []
    for number, path in enumerate((cp949, bom, xlsx)):
        source = read_source(path)
        assert source.problems == [] and source.mapping is not None
        assert source.mapping.unknown == []
        assert [r.number for r in source.rows] == [2, 3, 4]
        opened = fresh_services(f"db{number}")
        _changes, report = opened.contacts.import_file(path)
        assert (report.organisations, report.positions, report.people) == (2, 1, 2)
        assert report.appointments == 1 and report.problems == []
        books.append(export_rows(opened._db))
    assert books[0] == books[1] == books[2]
    [term] = [r for r in books[0] if r["position_en"]]
    assert (term["organisation_ko"], term["person_ko"], term["from"]) == (
        "시험단체",
        "홍길동",
        "2020",
    )
    assert any(r["note"] == '쉼표, 따옴표 " 줄' for r in books[0])


def test_bad_rows_are_reported_by_number_in_csv_and_xlsx(
    services: Services, tmp_path: Path
) -> None:
    rows = [
        HEADER,
        RECORDS[0],
        ["nonsense", "단체", "", "", "", "", "", "", ""],
        ["other", "", "", "", "", "", "", "2024", ""],
    ]
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text(_csv(rows), encoding="utf-8")
    xlsx_path = _xlsx(tmp_path / "bad.xlsx", rows)
    for path in (csv_path, xlsx_path):
        preview = services.contacts.preview_import(path)
        assert [(p.number, str(p.problem)) for p in preview.report.problems] == [
            (3, "the kind “nonsense” is not one of ours, partner, government, un, other"),
            (4, "dates of office need both a position and a person"),
        ]
        assert [n for n, _cells in preview.rows] == [2]
    assert services.contacts.all(BookOrganisation) == []  # the previews wrote nothing


def test_unknown_columns_are_refused_until_mapped(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Organisation name,직위,Remarks\n시험단체,대표,x\n", encoding="utf-8")
    preview = services.contacts.preview_import(path)
    assert preview.unknown == ["Organisation name", "Remarks"]
    assert preview.source.mapping is not None
    assert preview.source.mapping.pairs()[1] == ("직위", "position_ko")
    with pytest.raises(ContactError, match="Unknown columns: Organisation name, Remarks"):
        services.contacts.import_file(path)
    with pytest.raises(ContactError, match="“nickname” is not a field"):
        services.contacts.import_file(path, mapping={"Remarks": "nickname"})
    _changes, report = services.contacts.import_file(
        path, mapping={"organisation name": "organisation_ko", "Remarks": "-"}
    )
    assert (report.organisations, report.positions) == (1, 1)
    [org] = services.contacts.all(BookOrganisation)
    assert org.name.ko == "시험단체"
    twice = tmp_path / "twice.csv"
    twice.write_text("이름,name_ko\n홍길동,홍길동\n", encoding="utf-8")
    with pytest.raises(ContactError, match="“이름” and “name_ko” both give person_ko"):
        services.contacts.import_file(twice)


def test_an_xlsx_with_an_entity_bomb_is_refused_in_a_sentence(
    services: Services, tmp_path: Path
) -> None:
    good = _xlsx(tmp_path / "good.xlsx", [HEADER, RECORDS[0]])
    bomb = tmp_path / "bomb.xlsx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{n} "{"&lol;" * 10 if n == 1 else f"&lol{n - 1};" * 10}">'
            for n in range(1, 9)
        )
        + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>&lol8;</t></si></sst>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>&e;</t></si></sst>"
    )
    for payload in (laughs, external):
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w") as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "xl/sharedStrings.xml":
                    data = payload.encode()
                target.writestr(info, data)
            if "xl/sharedStrings.xml" not in source.namelist():
                target.writestr("xl/sharedStrings.xml", payload)
        with pytest.raises(ContactError, match="declares XML entities or a document type"):
            services.contacts.preview_import(bomb)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK not really")
    with pytest.raises(ContactError, match="is not a workbook Dari can read"):
        services.contacts.import_file(broken)


def _person_row(name_ko: str, name_en: str, email: str = "") -> str:
    return (
        "organisation_ko,organisation_en,person_ko,person_en,person_email\n"
        f"시험단체,Test Group,{name_ko},{name_en},{email}\n"
    )


def test_possible_duplicates_are_skipped_merged_or_added_as_told(
    services: Services, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text(_person_row("홍길동", "Hong Gil-dong"), encoding="utf-8")
    services.contacts.import_file(first)
    [person] = services.contacts.all(Person)
    again = tmp_path / "again.csv"
    again.write_text(_person_row("홍길동", "Hong Gildong", "hong@example.org"), encoding="utf-8")

    _changes, skipped = services.contacts.import_file(again)
    assert [(d.number, str(d.existing)) for d in skipped.duplicates] == [(2, f"person-{person.id}")]
    assert skipped.added == 0 and skipped.merged == 0
    assert services.contacts.all(Person) == [person]

    _changes, merged = services.contacts.import_file(again, duplicates=Duplicates.MERGE)
    assert merged.merged == 1 and merged.added == 0
    [updated] = services.contacts.all(Person)
    assert (updated.id, updated.name.ko, updated.name.en) == (person.id, "홍길동", "Hong Gildong")
    assert updated.email == "hong@example.org"

    other = tmp_path / "other.csv"
    other.write_text(_person_row("홍길동", "Hong Gil-dong (2)"), encoding="utf-8")
    _changes, added = services.contacts.import_file(other, duplicates=Duplicates.ADD)
    assert added.people == 1 and len(added.duplicates) == 1
    assert len(services.contacts.all(Person)) == 2

    # the same name at another organisation is somebody else: no duplicate
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text(
        "organisation_ko,person_ko,person_en\n다른단체,홍길동,Hong G.\n", encoding="utf-8"
    )
    _changes, report = services.contacts.import_file(elsewhere, dry_run=True)
    assert report.duplicates == [] and report.people == 1
    # an organisation with one name the same
    group = tmp_path / "group.csv"
    group.write_text(
        "organisation_ko,organisation_en\n시험단체,Test Group Inc.\n", encoding="utf-8"
    )
    _changes, report = services.contacts.import_file(group)
    [dup] = report.duplicates
    assert str(dup.existing).startswith("org-") and report.organisations == 0


TWO_SPELLINGS = (
    "organisation_ko,organisation_en,position_ko,position_en,person_ko,person_en,person_email,from\n"
    "(예시) 시험부,(Sample) Ministry of Tests,장관,Minister,김시험,Kim Si-heom,,2024-01\n"
    "(예시) 시험부,(Sample) Ministry of Tests,,,김시험,Kim Siheom,kim@example.org,\n"
    "(예시) 시험부,(SAMPLE) Ministry of Tests,차관,Vice Minister,,,,\n"
    "(예시) 다른부,(Sample) Other Ministry,,,김시험,Kim S.,,\n"
)


def test_two_rows_of_one_file_for_one_entry_are_never_two_silently(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "two-spellings.csv"
    path.write_text(TWO_SPELLINGS, encoding="utf-8")
    # row 3: the person of row 2 spelt another way; row 4: row 2's ministry in other case;
    # row 5: the same Korean name at another organisation is somebody else
    _changes, dry = services.contacts.import_file(path, dry_run=True)
    said = [(d.number, d.earlier_row, d.existing, d.existing_name.en) for d in dry.duplicates]
    assert said == [(3, 2, None, "Kim Si-heom"), (4, 2, None, "(Sample) Ministry of Tests")]
    assert (dry.organisations, dry.positions, dry.people, dry.appointments) == (2, 1, 2, 1)

    _changes, skipped = services.contacts.import_file(path)
    assert len(skipped.duplicates) == 2
    people = sorted(p.name.en for p in services.contacts.all(Person))
    assert people == ["Kim S.", "Kim Si-heom"]
    assert len(services.contacts.all(Position)) == 1  # row 4's office was skipped with it


def test_rows_of_one_file_merged_or_added_as_told(
    services: Services, fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    path = tmp_path / "two-spellings.csv"
    path.write_text(TWO_SPELLINGS, encoding="utf-8")
    _changes, merged = services.contacts.import_file(path, duplicates=Duplicates.MERGE)
    assert [d.earlier_row for d in merged.duplicates] == [2, 2]
    kims = [p for p in services.contacts.all(Person) if p.name.ko == "김시험"]
    [kim] = [p for p in kims if p.email]
    assert (kim.name.en, kim.email) == ("Kim Siheom", "kim@example.org")  # one entry, both rows
    assert len(kims) == 2  # and the Kim of the other ministry
    ministries = [o for o in services.contacts.all(BookOrganisation) if "Tests" in o.name.en]
    assert [o.name.en for o in ministries] == ["(SAMPLE) Ministry of Tests"]
    offices = sorted(p.title.en for p in services.contacts.all(Position))
    assert offices == ["Minister", "Vice Minister"]  # both in the one ministry
    [term] = services.contacts.appointments(
        next(p.id for p in services.contacts.all(Position) if p.title.en == "Minister")
    )
    assert term.person_id == kim.id

    fresh = fresh_services("added")
    _changes, added = fresh.contacts.import_file(path, duplicates=Duplicates.ADD)
    assert [d.earlier_row for d in added.duplicates] == [2, 2]
    assert len([o for o in fresh.contacts.all(BookOrganisation) if "시험부" in o.name.ko]) == 2
    assert len([p for p in fresh.contacts.all(Person) if p.name.ko == "김시험"]) == 3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".vcf"])
def test_reimporting_an_export_changes_nothing(
    services: Services, tmp_path: Path, suffix: str
) -> None:
    services.contacts.import_sample()
    before = export_rows(services._db)
    path = tmp_path / f"book{suffix}"
    assert services.contacts.export_file(path) > 0
    if suffix == ".csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Korean Excel opens it right
    changes, report = services.contacts.import_file(path)
    assert report.added == 0 and report.merged == 0 and report.duplicates == []
    assert report.problems == [] and not changes.contacts
    assert export_rows(services._db) == before


def test_vcard_round_trip_folding_and_escaping(
    services: Services, fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    org = services.contacts.save(
        BookOrganisation(
            BilingualText.of("시험단체", "Test Group; Seoul, Korea"),
            address=BilingualText.of("", "1 Test-ro, Jongno-gu"),
            postcode="00000",
        )
    )[1]
    long_note = "첫 줄; 둘째, 셋째\n" + "긴 메모 " * 20
    services.contacts.save(
        Person(
            BilingualText.of("홍길동", "Hong Gil-dong"),
            family_name=BilingualText.of("홍", "Hong"),
            courtesy=BilingualText.of("", "Mr."),
            organisation_id=org.id,
            role=BilingualText.of("대표", "Director"),
            email="hong@example.org",
            phone="+82 2 000 0000",
            note=long_note,
        )
    )
    services.contacts.save(Person(BilingualText.of("김철수", "")))
    path = tmp_path / "people.vcf"
    assert services.contacts.export_file(path) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hong Gil-dong\r\n")
    assert all(len(line) <= FOLD_AT for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never splits a character
    assert b"ORG:Test Group\\; Seoul\\, Korea\r\n" in raw
    assert b"N:Hong;Gil-dong;;;\r\n" in raw
    assert b"FN:\xea\xb9\x80\xec\xb2\xa0\xec\x88\x98\r\n" in raw  # 김철수: no English name

    other = fresh_services("other")
    _changes, report = other.contacts.import_file(path)
    assert report.problems == [] and report.people == 2 and report.organisations == 1
    people = {p.name.ko: p for p in other.contacts.all(Person)}
    hong = people["홍길동"]
    assert hong.name.en == "Hong Gil-dong" and hong.family_name == BilingualText.of("홍", "Hong")
    assert hong.role == BilingualText.of("대표", "Director")
    assert (hong.email, hong.phone, hong.note) == (
        "hong@example.org",
        "+82 2 000 0000",
        long_note,
    )
    assert hong.courtesy.en == "Mr."
    assert people["김철수"].name.en == ""
    [group] = other.contacts.all(BookOrganisation)
    assert group.name == BilingualText.of("시험단체", "Test Group; Seoul, Korea")
    assert (group.address.en, group.postcode) == ("1 Test-ro, Jongno-gu", "00000")


def test_vcard_text_rules() -> None:
    assert unescape(escape("a\\b;c,d\ne")) == "a\\b;c,d\ne"
    assert escape("a;b,c\nd") == "a\\;b\\,c\\nd"
    folded = fold("NOTE:" + "가" * 60)
    assert [len(line.encode()) <= FOLD_AT for line in folded.split("\r\n")] == [True] * 3
    assert folded.replace("\r\n ", "") == "NOTE:" + "가" * 60


def test_a_bad_card_is_reported_by_its_line(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hong Gil-dong\r\nEMAIL;TYPE=INTERNET:a@example.org\r\n"
        "EMAIL:b@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Card\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Nobody\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    _changes, report = services.contacts.import_file(path)
    assert [(p.number, str(p.problem)) for p in report.problems] == [
        (7, "it is a vCard 2.1; Dari reads vCard 3.0"),
        (11, "the card has no name (FN or N)"),
    ]
    [hong] = services.contacts.all(Person)
    assert hong.email == "a@example.org" and hong.note == "Also: b@example.org"
