"""Reading exported .docx files back: schema validation, parts, fonts, metadata."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def openxml_schema_errors(path: Path) -> list[dict[str, Any]]:
    """The Open XML schema errors openxml-audit finds (its app-compat notes are not errors)."""
    exe = Path(sys.executable).parent / "openxml-audit"
    command = [str(exe) if exe.exists() else "openxml-audit"]
    proc = subprocess.run(
        [*command, "-f", "office2019", "-o", "json", "-m", "0", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        reports = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"openxml-audit gave no JSON: {proc.stderr[-2000:]}") from None
    errors = [e for report in reports for e in report.get("errors", [])]
    return [e for e in errors if e.get("type", "schema") == "schema"]


def part_text(path: Path, name: str) -> str:
    """One part of the package as text ('' when absent)."""
    with zipfile.ZipFile(path) as archive:
        if name not in archive.namelist():
            return ""
        return archive.read(name).decode("utf-8")


def all_parts(path: Path) -> dict[str, bytes]:
    """Every part of the package."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def require_libreoffice() -> str:
    """The soffice executable; a skip where it is absent, a failure under CI."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is not installed; .ci/run must install libreoffice-writer")
        pytest.skip("LibreOffice is not installed")
    return exe


def docx_text(path: Path) -> str:
    """All text of the body, paragraphs and table cells, as python-docx reads it back."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)
