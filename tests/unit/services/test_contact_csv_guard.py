"""Issue 11: CSV export guards against formula injection (OWASP: a cell beginning with =, +,
-, @, tab or CR gets a ' before it) and re-import strips exactly that guard, so export then
import changes nothing, in Korean and English; XLSX date cells keep partial dates."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from desktop_app.domain.contacts import BookOrganisation, Person
from desktop_app.domain.text import BilingualText
from desktop_app.services import Services
from desktop_app.services.contact_csv import guard_formula, unguard_formula
from desktop_app.services.contact_files import export_rows, read_source


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+82-2-000-0000", "'+82-2-000-0000"),
        ("-1", "'-1"),
        ("@시험", "'@시험"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already", "''=already"),
        ("''+two", "'''+two"),
        ("'just a quote", "'just a quote"),
        ("외교부", "외교부"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_guard_and_unguard_are_inverse(value: str, written: str) -> None:
    assert guard_formula(value) == written
    assert unguard_formula(written) == value


def test_csv_export_guards_formulas_and_reimport_gives_them_back(
    services: Services, fresh_services: Callable[[str], Services], tmp_path: Path
) -> None:
    name = BilingualText(ko='=HYPERLINK("http://example.org","열기")', en="+Sample Group")
    services.contacts.save(
        BookOrganisation(
            name=name,
            short_name=BilingualText(ko="@시험", en="-dash"),
            address=BilingualText(ko="'=이미 따옴표", en="''+two quotes"),
            phone="+82-2-000-0000",
            email="@example.org",
            website="'plain quote, no formula",
            note="-1+1",
        )
    )
    services.contacts.save(
        Person(name=BilingualText(ko="=김시험", en="=Kim Si-heom"), role=BilingualText(en="@role"))
    )
    before = export_rows(services._db)
    path = tmp_path / "book.csv"
    services.contacts.export_file(path)
    text = path.read_text(encoding="utf-8-sig")
    cells = [cell for line in csv.reader(io.StringIO(text)) for cell in line]
    assert "'+Sample Group" in cells and "'@시험" in cells and "'-dash" in cells
    assert "''=이미 따옴표" in cells and "'''+two quotes" in cells
    assert "'+82-2-000-0000" in cells and "'@example.org" in cells
    assert "'plain quote, no formula" in cells  # no formula after it: as it is
    assert "'=김시험" in cells and "'=Kim Si-heom" in cells and "'@role" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    # again into the same book: nothing changes; into an empty one: the same entries
    _changes, report = services.contacts.import_file(path)
    assert report.added == 0 and report.merged == 0 and report.duplicates == []
    assert export_rows(services._db) == before
    fresh = fresh_services("fresh")
    fresh.contacts.import_file(path)
    assert export_rows(fresh._db) == before
    [org] = fresh.contacts.all(BookOrganisation)
    assert org.name == name
    assert (org.address.ko, org.address.en) == ("'=이미 따옴표", "''+two quotes")
    assert [p.name.en for p in fresh.contacts.all(Person)] == ["=Kim Si-heom"]


def test_xlsx_date_cells_keep_partial_dates(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["organisation_ko", "position_ko", "person_ko", "from", "until"])
    sheet.append(["(예시) 시험부", "장관", "갑", "2024", "2024-04"])  # text cells
    sheet.append(["(예시) 시험부", "장관", "을", 2024, datetime.datetime(2024, 4, 18)])
    sheet.append(["(예시) 시험부", "장관", "병", datetime.datetime(2024, 4, 1), "2025-01 [U]"])
    sheet["D4"].number_format = "yyyy-mm"  # what Excel makes of a typed 2024-04
    sheet.append(["(예시) 시험부", "장관", "정", datetime.datetime(2023, 1, 1), None])
    sheet["D5"].number_format = 'yyyy"년"'
    sheet.append(["(예시) 시험부", "장관", "무", datetime.datetime(2024, 5, 1), None])
    sheet["D6"].number_format = "mmm\\-yy"
    sheet.append(["(예시) 시험부", "장관", "기", datetime.datetime(2024, 5, 6), None])
    sheet["D7"].number_format = 'yyyy"년" m"월" d"일"'  # a day shown: a full date
    path = tmp_path / "dates.xlsx"
    book.save(path)
    source = read_source(path)
    assert source.problems == []
    spans = [(str(r.start), str(r.end) if r.end else "") for r in source.rows]
    assert spans == [
        ("2024", "2024-04"),
        ("2024", "2024-04-18"),
        ("2024-04", "2025-01 [U]"),
        ("2023", ""),
        ("2024-05", ""),
        ("2024-05-06", ""),
    ]
