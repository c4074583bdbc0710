"""The address book's XLSX files: the first sheet of a workbook read as a table, rows
written as one.

A workbook is a zip of XML parts. Before openpyxl opens one, every part is parsed with
defusedxml, which refuses a DTD (the way to an entity bomb or an external entity);
openpyxl itself parses some parts with lxml when lxml is installed (python-docx brings
it), so its own use of defusedxml is not enough. Declared sizes are capped too (a zip
bomb).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from desktop_app.domain.contacts import ContactError
from desktop_app.domain.messages import N_

if TYPE_CHECKING:
    from pathlib import Path

MAX_UNPACKED = 256 * 1024 * 1024  # all parts together, unpacked


def _refuse(path: Path, reason: object) -> ContactError:
    return ContactError(
        N_("{file} is not a workbook Dari can read ({reason})."), file=path.name, reason=reason
    )


def _check_parts(path: Path, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _refuse(path, ContactError(N_("it is not an XLSX file"))) from None
    with archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise _refuse(path, ContactError(N_("it unpacks to more than 256 MB")))
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(info) as part:
                    for _event, _element in defusedxml.ElementTree.iterparse(part, forbid_dtd=True):
                        pass
            except DefusedXmlException:
                raise ContactError(
                    N_(
                        "{file} declares XML entities or a document type in {part}; "
                        "Dari does not open such workbooks (they can expand without end "
                        "or read other files)."
                    ),
                    file=path.name,
                    part=info.filename,
                ) from None
            except (defusedxml.ElementTree.ParseError, zipfile.BadZipFile, EOFError):
                raise _refuse(
                    path, ContactError(N_("its part {part} is damaged"), part=info.filename)
                ) from None


_LITERAL = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')  # quoted text, [colour] or [$-412], \x


def _shown_date(value: date, number_format: str) -> str | None:
    """A date cell as its format shows it when that leaves the day out: Excel turns a typed
    `2024-04` into 1 April 2024 shown as `2024-04` (or `Apr-24`), and `2024` typed with a
    year-only format likewise; such a cell stays a partial date, never a made-up day.
    None when the format shows a day (a real date: the full date)."""
    shown = _LITERAL.sub("", number_format.lower())
    if "y" not in shown or "d" in shown:
        return None
    if "m" in shown:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def _cell(cell: Any) -> str:
    value = getattr(cell, "value", None)
    if isinstance(value, date):
        partial = _shown_date(value, str(getattr(cell, "number_format", "") or ""))
        if partial is not None:
            return partial
    return _text(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (the first non-empty row of the first sheet) and the numbered rows below
    it, each cell as text (a date as 2024-04-18, or 2024-04 / 2024 when its format shows no
    day; a whole number without ".0"; text as typed, so `2024-04` stays partial)."""
    import openpyxl  # only for XLSX: not on every start
    from openpyxl.utils.exceptions import InvalidFileException

    _check_parts(path, data)
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it does not read: not the user's concern
        warnings.simplefilter("ignore", UserWarning)
        return _rows(path, data, openpyxl, InvalidFileException)


def _rows(
    path: Path, data: bytes, openpyxl: Any, invalid: type[Exception]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (invalid, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise _refuse(path, str(error) or type(error).__name__) from None
    try:
        sheet = book.worksheets[0]
        header: list[str] = []
        records: list[tuple[int, list[str]]] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells = [_cell(c) for c in row]
            if not header:
                if any(c.strip() for c in cells):
                    header = [c.strip() for c in cells]
                continue
            records.append((number, cells))
    finally:
        book.close()
    while header and not header[-1]:
        header.pop()  # a sheet's width is its widest row
    return header, records


def format_xlsx(columns: Sequence[str], rows: list[dict[str, str]]) -> bytes:
    """A workbook of one sheet: the header, then the rows, every cell text."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "Address book"
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row[c] for c in columns])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text is never a formula, whatever it begins with
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
