"""`dari export ID --format pdf|both` end to end: real process, real LibreOffice, real poppler.

One export (both formats) is shared by the assertions on its PDF; the refusals and
the missing-LibreOffice case need no LibreOffice run of their own.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.paths import sample_path
from tests.helpers.cli import dari

pytestmark = pytest.mark.libreoffice
HANGUL = re.compile("[\uac00-\ud7a3]")
KO = "2024-04-18 외교부 서한 (ko)"
EN = "2024-04-18 외교부 서한 (en)"


def _require_tools() -> None:
    missing = [t for t in ("soffice", "pdfinfo", "pdffonts", "pdftotext") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} must be installed under CI")
        pytest.skip(f"not installed: {', '.join(missing)}")


def _tool(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=True, timeout=60
    ).stdout


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """(data folder, out folder, stdout lines) of `dari export 1 --format both`."""
    _require_tools()
    root = tmp_path_factory.mktemp("pdf-cli")
    data_dir, out = root / "data", root / "out"
    out.mkdir()
    assert dari("import", sample_path(), data_dir=data_dir).returncode == 0
    result = dari("export", "1", "--format", "both", "--out", out, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir, out, result.stdout.splitlines()


def test_both_formats_write_every_file_and_nothing_else(
    exported: tuple[Path, Path, list[str]],
) -> None:
    _, out, lines = exported
    names = [f"{KO}.docx", f"{KO}.pdf", f"{EN}.docx", f"{EN}.pdf"]
    assert lines == [str(out / name) for name in names]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)  # no temporary file left
    for name in names:
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600


def test_the_pdf_names_nobody_and_no_machine_and_no_date(
    exported: tuple[Path, Path, list[str]],
) -> None:
    _, out, _ = exported
    for name in (KO, EN):
        pdf = out / f"{name}.pdf"
        info = _tool("pdfinfo", pdf)
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        for key in ("Author", "Creator", "Producer", "Title", "CreationDate", "ModDate"):
            assert key not in fields, info
        assert "Metadata Stream:  no" in info or "Metadata Stream: no" in info, info
        raw = pdf.read_bytes()
        today = datetime.now(UTC)
        for leak in (
            b"python-docx",
            b"LibreOffice",
            b"Writer",
            socket.gethostname().encode(),
            os.environ.get("USER", "root").encode(),
            today.strftime("%Y%m%d").encode(),
            today.strftime("%Y-%m-%d").encode(),
        ):
            assert leak not in raw, leak


def test_the_korean_pdf_embeds_a_korean_font_and_its_hangul_can_be_copied(
    exported: tuple[Path, Path, list[str]],
) -> None:
    _, out, _ = exported
    pdf = out / f"{KO}.pdf"
    rows = _tool("pdffonts", pdf).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows  # every font embedded
    assert any(re.search(r"Nanum|Noto\S*CJK", row) for row in rows), rows
    text = _tool("pdftotext", "-enc", "UTF-8", pdf, "-")
    assert "탈북민" in text and "외교부" in text
    assert len(HANGUL.findall(text)) > 200


def test_every_pdf_is_in_the_log_with_its_size_and_hash(
    exported: tuple[Path, Path, list[str]],
) -> None:
    import csv
    import hashlib
    import io

    data_dir, out, _ = exported
    rows = list(
        csv.DictReader(io.StringIO(dari("log", "--format", "csv", data_dir=data_dir).stdout))
    )
    logged = {row["file"]: row for row in rows}
    for name in (KO, EN):
        for suffix in (".docx", ".pdf"):
            path = out / f"{name}{suffix}"
            row = logged[str(path)]
            assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
            assert int(row["size"]) == path.stat().st_size
            assert row["note"] == ""  # completed, not pending


def test_an_existing_file_is_refused_without_overwrite_and_replaced_with_it(
    exported: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    data_dir, out, _ = exported
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    refused = dari("export", "1", "--format", "pdf", "--out", out, data_dir=data_dir)
    assert refused.returncode == 1 and refused.stdout == ""
    assert f"{KO}.pdf already exists" in refused.stderr and "--overwrite" in refused.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    again = tmp_path / "again"
    again.mkdir()
    target = again / f"{KO}.docx"
    target.write_bytes(b"an old file")
    target.chmod(0o400)  # read-only: replaced all the same once the person agreed
    refused = dari("export", "1", "--lang", "ko", "--out", again, data_dir=data_dir)
    assert refused.returncode == 1 and target.read_bytes() == b"an old file"
    done = dari("export", "1", "--lang", "ko", "--out", again, "--overwrite", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"PK")
    assert [p.name for p in again.iterdir()] == [target.name]


def test_without_libreoffice_the_docx_is_written_and_one_sentence_says_why(
    tmp_path: Path,
) -> None:
    data_dir, out, empty = tmp_path / "data", tmp_path / "out", tmp_path / "empty"
    out.mkdir()
    empty.mkdir()
    assert dari("import", sample_path(), data_dir=data_dir).returncode == 0
    for lang, expected in (("C.UTF-8", "LibreOffice is not installed"), ("ko_KR.UTF-8", "")):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop_app",
                "--data-dir",
                str(data_dir),
                "export",
                "1",
                "--lang",
                "ko",
                "--format",
                "pdf",
                "--out",
                str(out),
                "--overwrite",
                "--libreoffice",
                str(empty / "soffice"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={
                "PATH": str(empty),
                "LANG": lang,
                "LANGUAGE": lang.split(".")[0],
                "PYTHONIOENCODING": "utf-8",
            },
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == str(out / f"{KO}.docx") and len(lines) == 2, lines
        assert "libreoffice.org" in lines[1]
        if expected:
            assert expected in lines[1]
        else:
            assert "LibreOffice" in lines[1] and HANGUL.search(lines[1]), lines[1]
    assert [p.name for p in out.iterdir()] == [f"{KO}.docx"]
