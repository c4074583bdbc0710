"""PDF through LibreOffice, only where it is installed; never a partial or stray file.

LibreOffice exits 0 even when it fails (and converts a non-zip ".docx" as plain
text), so each PDF is checked, not the exit code. Every call runs LibreOffice
once for all its files (one run for 14 files took 5 s, 14 runs 64 s), with a
private, throw-away profile (two runs sharing one: the second fails; the user's
own LibreOffice window is never touched) in a private temporary folder that
holds copies of the .docx files and is removed whatever happens. A timeout
kills the whole process group, and so does a cancel (`cancelled()` asked every
0.1 s while LibreOffice runs: the window's Cancel button), which raises
ConversionCancelled. Each PDF is scrubbed (`pdf_scrub.py`) before
anyone sees it, and written into place atomically.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from desktop_app.files import ExportError, PdfUnavailable, atomic_write_bytes
from desktop_app.render.pdf_scrub import PdfScrubError, scrub_pdf

EXECUTABLES: Final = ("soffice", "libreoffice")
# Where the installers put it when it is not on PATH (Windows and macOS never add it).
INSTALL_PLACES: Final = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
)
BASE_TIMEOUT_S: Final = 60.0
PER_FILE_TIMEOUT_S: Final = 15.0
FILTER: Final = "pdf:writer_pdf_Export"
PDFA_FILTER: Final = FILTER + ':{"SelectPdfVersion":{"type":"long","value":"2"}}'

# Observers of every LibreOffice run, called with (command, process id) once it started:
# tests count runs and look for leftover processes with it; nothing of Dari's needs it.
RUN_HOOKS: list[Callable[[list[str], int], None]] = []
_runs_lock = threading.Lock()
_runs = 0
POLL_S: Final = 0.1  # how often a running conversion asks whether it was cancelled


class ConversionCancelled(Exception):
    """The caller cancelled the conversion; LibreOffice was killed and nothing was kept."""


def soffice_runs() -> int:
    """How many times this process has started LibreOffice (a batch is one run)."""
    return _runs


def _executable(candidate: Path) -> Path | None:
    """`candidate` if it is LibreOffice's program (or a folder / .app holding it)."""
    if candidate.is_dir():
        for inner in ("program/soffice.exe", "program/soffice", "Contents/MacOS/soffice",
                      "soffice.exe", "soffice"):  # fmt: skip
            found = _executable(candidate / inner)
            if found is not None:
                return found
        return None
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


def find_soffice(setting: str | os.PathLike[str] | None = None) -> str | None:
    """LibreOffice's program: the configured path first, then PATH, then the usual
    install places (Windows, macOS, /opt); None when there is none."""
    if setting:
        found = _executable(Path(setting).expanduser())
        if found is not None:
            return str(found)
    for name in EXECUTABLES:
        on_path = shutil.which(name)
        if on_path:
            return on_path
    for place in INSTALL_PLACES:
        if (place.startswith("C:") and sys.platform != "win32") or (
            place.startswith("/") and sys.platform == "win32"
        ):
            continue
        found = _executable(Path(place))
        if found is not None:
            return str(found)
    return None


def libreoffice_available(setting: str | os.PathLike[str] | None = None) -> bool:
    """True when LibreOffice can be run for PDF conversion."""
    return find_soffice(setting) is not None


def _is_docx(path: Path) -> bool:
    """True for a zip package with a main document part (LibreOffice would take anything)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and everything it started (soffice starts soffice.bin)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows: the launcher's children too
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["taskkill", "/T", "/F", "/PID", str(process.pid)],
                capture_output=True,
                timeout=30,
                check=False,
            )
        process.kill()


def _run(
    command: list[str],
    cwd: Path,
    timeout: float,
    cancelled: Callable[[], bool] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run LibreOffice in its own process group; kill the whole group on timeout, or as
    soon as `cancelled()` says so (ConversionCancelled)."""
    global _runs
    env = dict(os.environ)
    env["HOME"] = str(cwd)  # nothing of the user's profile is read or written
    for name in ("TMPDIR", "TMP", "TEMP"):
        env[name] = str(cwd)  # its own temporary files go with the private folder
    flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if os.name == "nt" else 0
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name == "posix",
        creationflags=flags,
    ) as process:
        with _runs_lock:
            _runs += 1
        for hook in list(RUN_HOOKS):
            hook(command, process.pid)
        try:
            out, err = _communicate(process, timeout, cancelled)
        except BaseException:  # a timeout, or Ctrl+C: no LibreOffice is left running
            _kill(process)
            process.communicate()
            raise
        _kill(process)  # anything it left behind in its group (it should leave nothing)
        return subprocess.CompletedProcess(command, process.returncode, out, err)


def _communicate(
    process: subprocess.Popen[bytes], timeout: float, cancelled: Callable[[], bool] | None
) -> tuple[bytes, bytes]:
    """`process.communicate(timeout)`, asking `cancelled()` every POLL_S meanwhile."""
    if cancelled is None:
        return process.communicate(timeout=timeout)
    deadline = time.monotonic() + timeout
    while True:
        if cancelled():
            raise ConversionCancelled
        left = deadline - time.monotonic()
        try:  # retrying after TimeoutExpired loses no output (subprocess documents it)
            return process.communicate(timeout=max(min(POLL_S, left), 0.001))
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                raise


def _unavailable(target: Path) -> PdfUnavailable:
    return PdfUnavailable(
        target, "LibreOffice is not installed on this computer, so no PDF can be made",
        "unavailable",
    )  # fmt: skip


def convert_pdfs(
    docx_paths: Sequence[Path],
    *,
    soffice: str | os.PathLike[str] | None = None,
    pdfa: bool = False,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[bytes]:
    """The scrubbed PDF bytes of each .docx, in order, from one LibreOffice run.

    `soffice` is the configured path (`find_soffice`). Raises PdfUnavailable when
    LibreOffice is missing and ExportError (naming the PDF) when a conversion fails
    or the run times out, and ConversionCancelled when `cancelled()` says so while it
    runs (LibreOffice killed); the private folder is removed in every case.
    """
    paths = [Path(p) for p in docx_paths]
    if not paths:
        return []
    targets = [p.with_suffix(".pdf") for p in paths]
    program = find_soffice(soffice)
    if program is None:
        raise _unavailable(targets[0])
    for path, target in zip(paths, targets, strict=True):
        if not path.is_file():
            raise ExportError(target, f"the Word file {path} does not exist", "not_found")
        if not _is_docx(path):
            raise ExportError(target, f"{path} is not a Word (.docx) file", "other")
    limit = timeout if timeout is not None else BASE_TIMEOUT_S + PER_FILE_TIMEOUT_S * len(paths)
    with tempfile.TemporaryDirectory(prefix="dari-pdf-") as work_name:
        work = Path(work_name)
        os.chmod(work, 0o700)
        sources = [work / f"{n:05d}.docx" for n in range(len(paths))]
        for path, source, target in zip(paths, sources, targets, strict=True):
            try:
                shutil.copyfile(path, source)
            except OSError as exc:
                raise ExportError(target, f"the Word file {path} could not be read") from exc
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", PDFA_FILTER if pdfa else FILTER,
            "--outdir", str(work / "out"),
            *(str(source) for source in sources),
        ]  # fmt: skip
        try:
            result = _run(command, work, limit, cancelled)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(
                targets[0], f"LibreOffice did not finish the PDF within {limit:g} seconds"
            ) from exc
        except OSError as exc:
            raise ExportError(
                targets[0], f"LibreOffice could not be started ({exc.strerror})"
            ) from exc
        out: list[bytes] = []
        for source, target in zip(sources, targets, strict=True):
            produced = work / "out" / f"{source.stem}.pdf"
            data = produced.read_bytes() if produced.is_file() else b""
            if not data.startswith(b"%PDF"):
                detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
                hint = f" ({detail[-1]})" if detail else ""
                raise ExportError(
                    target, f"LibreOffice could not convert the document to PDF{hint}"
                )
            try:
                out.append(scrub_pdf(data, pdfa=pdfa))
            except PdfScrubError as exc:
                raise ExportError(target, "LibreOffice made a PDF that cannot be read") from exc
    return out


def render_pdfs(
    docx_paths: Sequence[Path],
    out_dir: Path,
    *,
    soffice: str | os.PathLike[str] | None = None,
    pdfa: bool = False,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Convert each .docx to `out_dir/<stem>.pdf` in one LibreOffice run; the PDFs' paths.

    Nothing is written unless every conversion succeeded; then each PDF atomically.
    """
    paths = [Path(p) for p in docx_paths]
    targets = [Path(out_dir) / f"{p.stem}.pdf" for p in paths]
    if paths and find_soffice(soffice) is None:
        raise _unavailable(targets[0])
    if paths and not Path(out_dir).is_dir():
        raise ExportError(targets[0], f"the folder {out_dir} does not exist", "not_found")
    datas = convert_pdfs(paths, soffice=soffice, pdfa=pdfa, timeout=timeout, cancelled=cancelled)
    for target, data in zip(targets, datas, strict=True):
        atomic_write_bytes(target, data)
    return targets


def render_pdf(
    docx_path: Path,
    out_dir: Path,
    *,
    soffice: str | os.PathLike[str] | None = None,
    pdfa: bool = False,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Convert `docx_path` to `out_dir/<stem>.pdf` (a batch of one) and return that path.

    Raises PdfUnavailable when LibreOffice is missing and ExportError when the
    conversion fails, times out or the PDF cannot be written.
    """
    (target,) = render_pdfs(
        [docx_path], out_dir, soffice=soffice, pdfa=pdfa, timeout=timeout, cancelled=cancelled
    )
    return target
