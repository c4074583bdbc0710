"""A failure to write is the environment's (ExportError); a failure to render is our bug."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest

from desktop_app.cli import build_parser, main, run_command
from desktop_app.compose.layout import LayoutDocument
from desktop_app.files import ExportError
from desktop_app.paths import sample_path
from desktop_app.render import docx_writer, write_docx


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_target_that_is_a_folder_keeps_it_and_says_so(
    korean_doc: LayoutDocument, tmp_path: Path
) -> None:
    target = tmp_path / "letter.docx"
    target.mkdir()
    with pytest.raises(ExportError) as caught:
        write_docx(korean_doc, target)
    assert caught.value.reason_code == "is_directory" and str(target) in str(caught.value)
    assert _entries(tmp_path) == ["letter.docx"] and target.is_dir()
    elsewhere = tmp_path / "ok.docx"
    write_docx(korean_doc, elsewhere)
    assert docx.Document(str(elsewhere)).paragraphs


def test_missing_folder_is_an_export_error(korean_doc: LayoutDocument, tmp_path: Path) -> None:
    target = tmp_path / "gone" / "letter.docx"
    with pytest.raises(ExportError) as caught:
        write_docx(korean_doc, target)
    assert str(caught.value) == (
        f"Could not save {target}: the folder {target.parent} does not exist; "
        "choose another place to save it."
    )


def test_name_too_long_for_the_file_system(korean_doc: LayoutDocument, tmp_path: Path) -> None:
    target = tmp_path / ("탈북민" * 100 + ".docx")  # 905 bytes: the kernel refuses it
    with pytest.raises(ExportError) as caught:
        write_docx(korean_doc, target)
    assert "the file name is too long" in str(caught.value)
    assert _entries(tmp_path) == []


@pytest.mark.skipif(sys.platform != "linux", reason="sysfs is Linux's; CI runs on Linux")
def test_folder_nobody_may_write_in(korean_doc: LayoutDocument) -> None:
    # sysfs refuses new files even to root (chmod does not stop root; see TECH-NOTES).
    target = Path("/sys/dari-letter.docx")
    with pytest.raises(ExportError) as caught:
        write_docx(korean_doc, target)
    assert caught.value.reason_code == "permission"
    assert str(caught.value).startswith(f"Could not save {target}: you are not allowed")
    assert not target.exists()


def test_a_bug_while_rendering_propagates_as_itself(
    korean_doc: LayoutDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(section: object, page: object) -> None:
        raise KeyError("page size")

    monkeypatch.setattr(docx_writer, "_page_setup", broken)
    target = tmp_path / "letter.docx"
    with pytest.raises(KeyError, match="page size") as caught:
        write_docx(korean_doc, target)
    assert not isinstance(caught.value, ExportError)
    assert _entries(tmp_path) == []  # nothing written, not even a temporary file


def test_the_command_line_reports_a_render_bug_as_a_bug(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert main(["--data-dir", str(data_dir), "import", str(sample_path())]) == 0

    def broken(section: object, page: object) -> None:
        raise KeyError("page size")

    monkeypatch.setattr(docx_writer, "_page_setup", broken)
    args = build_parser().parse_args(
        ["--data-dir", str(data_dir), "export", "1", "--lang", "ko", "--out", str(tmp_path)]
    )
    err = io.StringIO()
    assert run_command(args, io.StringIO(), err) == 3  # a bug, not "could not save" (exit 1)
    assert "This is a bug in Dari" in err.getvalue() and "dari.log" in err.getvalue()
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.exc_info is not None and record.exc_info[0] is KeyError  # traceback logged
    assert [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".tmp")] == []
