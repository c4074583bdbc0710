"""PDF through LibreOffice, only where it is installed; never a partial or stray file.

LibreOffice exits 0 even when it fails (and converts a non-zip ".docx" as plain
text), so the PDF is checked, not the exit code. It runs with a private,
throw-away profile, on a private copy of the .docx, and the PDF is moved into
place with an atomic write.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Final

from desktop_app.files import ExportError, PdfUnavailable, atomic_write_bytes

EXECUTABLES: Final = ("soffice", "libreoffice")
DEFAULT_TIMEOUT_S: Final = 120.0


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None."""
    for name in EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    return None


def libreoffice_available() -> bool:
    """True when LibreOffice can be run for PDF conversion."""
    return find_soffice() is not None


def _is_docx(path: Path) -> bool:
    """True for a zip package with a main document part (LibreOffice would take anything)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _run(command: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run LibreOffice in its own process group; kill the whole group on timeout."""
    env = dict(os.environ)
    env["HOME"] = str(cwd)  # nothing of the user's profile is read or written
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name == "posix",
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.communicate()
            raise
        return subprocess.CompletedProcess(command, process.returncode, out, err)


def render_pdf(docx_path: Path, out_dir: Path, *, timeout: float = DEFAULT_TIMEOUT_S) -> Path:
    """Convert `docx_path` to `out_dir/<stem>.pdf` with LibreOffice and return that path.

    Raises PdfUnavailable when LibreOffice is missing and ExportError when the
    conversion fails, times out or the PDF cannot be written.
    """
    docx_path = Path(docx_path)
    target = Path(out_dir) / f"{docx_path.stem}.pdf"
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(
            target, "LibreOffice is not installed on this computer, so no PDF can be made",
            "unavailable",
        )  # fmt: skip
    if not docx_path.is_file():
        raise ExportError(target, f"the Word file {docx_path} does not exist", "not_found")
    if not _is_docx(docx_path):
        raise ExportError(target, f"{docx_path} is not a Word (.docx) file", "other")
    if not Path(out_dir).is_dir():
        raise ExportError(target, f"the folder {out_dir} does not exist", "not_found")
    with tempfile.TemporaryDirectory(prefix="dari-pdf-") as work_name:
        work = Path(work_name)
        os.chmod(work, 0o700)
        source = work / "document.docx"
        try:
            shutil.copyfile(docx_path, source)
        except OSError as exc:
            raise ExportError(target, f"the Word file {docx_path} could not be read") from exc
        profile = work / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(work / "out"),
            str(source),
        ]  # fmt: skip
        try:
            result = _run(command, work, timeout)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(
                target, f"LibreOffice did not finish the PDF within {timeout:g} seconds"
            ) from exc
        except OSError as exc:
            raise ExportError(target, f"LibreOffice could not be started ({exc.strerror})") from exc
        produced = work / "out" / "document.pdf"
        data = produced.read_bytes() if produced.is_file() else b""
        if not data.startswith(b"%PDF"):
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            hint = f" ({detail[-1]})" if detail else ""
            raise ExportError(target, f"LibreOffice could not convert the document to PDF{hint}")
    atomic_write_bytes(target, data)
    return target
