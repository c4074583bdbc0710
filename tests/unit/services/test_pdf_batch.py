"""PDF batches over a real database and the real LibreOffice: one run per batch, two
exports at once, a timeout that leaves nothing behind, and the pair that half-failed."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from desktop_app import render
from desktop_app.files import ExportError
from desktop_app.render import pdf as pdf_module
from desktop_app.services import (
    PENDING_NOTE,
    DariError,
    ExportRequest,
    Services,
    TargetExists,
)
from tests.helpers.recipients import upr_46_missions
from tests.helpers.samples import sample_letter

pytestmark = pytest.mark.libreoffice


def test_a_merge_to_14_makes_14_pdfs_in_one_libreoffice_run(
    services: Services, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"  # the data folder is beside it
    tmp_path.mkdir()
    draft = services.drafts.create(sample_letter())
    seen: list[tuple[int, int]] = []
    before = render.soffice_runs()
    outcome = services.merge.merge(
        draft.id,
        upr_46_missions(),
        ExportRequest("ko", format="pdf"),
        tmp_path,
        progress=lambda done, total, _path: seen.append((done, total)),
    )
    assert render.soffice_runs() - before == 1
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 14 and all(name.endswith(" (ko).pdf") for name in names)
    assert all(p.read_bytes().startswith(b"%PDF") for p in tmp_path.iterdir())
    assert seen == [(n, 14) for n in range(1, 15)] and outcome.notices == ()
    entries = services.log.entries(draft_id=draft.id)
    assert sorted(Path(e.file_path).name for e in entries) == names
    assert all(e.recipient for e in entries)  # each PDF names the mission it went to


def test_two_pdf_exports_at_once_both_succeed(services: Services, tmp_path: Path) -> None:
    drafts = [services.drafts.create(sample_letter()) for _ in range(2)]
    results: dict[int, list[Path]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def export(n: int) -> None:
        folder = tmp_path / f"out{n}"
        folder.mkdir()
        barrier.wait()
        try:
            results[n] = services.drafts.export(
                drafts[n].id, ExportRequest("ko", format="pdf"), folder
            )
        except BaseException as error:  # reported below
            errors.append(error)

    starts: list[int] = []
    pdf_module.RUN_HOOKS.append(lambda _command, pid: starts.append(pid))
    try:
        threads = [threading.Thread(target=export, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        pdf_module.RUN_HOOKS.clear()
    assert errors == [] and len(starts) == 2
    for n in range(2):
        (path,) = results[n]
        assert path.suffix == ".pdf" and path.read_bytes().startswith(b"%PDF")
        assert [p.name for p in path.parent.iterdir()] == [path.name]


def _processes_naming(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if text in command:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for leftover processes")
def test_a_timeout_leaves_no_libreoffice_and_no_temporary_folder(tmp_path: Path) -> None:
    from desktop_app.compose import compose
    from desktop_app.compose.presets import default_preset
    from desktop_app.render import write_docx

    docx_path = tmp_path / "letter.docx"

    write_docx(compose(sample_letter(), "ko", default_preset("letter", "ko")), docx_path)
    commands: list[list[str]] = []
    pdf_module.RUN_HOOKS.append(lambda command, _pid: commands.append(command))
    try:
        with pytest.raises(ExportError) as caught:
            render.convert_pdfs([docx_path], timeout=0.3)
    finally:
        pdf_module.RUN_HOOKS.clear()
    assert "did not finish" in str(caught.value)
    (command,) = commands
    profile = next(arg for arg in command if arg.startswith("-env:UserInstallation="))
    work = Path(command[-1]).parent  # the private folder holding the .docx copy
    assert work.name.startswith("dari-pdf-") and not work.exists()
    assert _processes_naming(str(work)) == []
    assert _processes_naming(profile.split("file://", 1)[1]) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.docx"]


def test_a_pair_stopped_between_its_renames_is_pending_in_the_log(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The English file cannot be renamed into place (a folder took its name after the
    files were staged): the Korean one is in place, and the log says the pair is not."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    draft = services.drafts.create(sample_letter())
    record = services.log.record
    names = ["2024-04-18 외교부 서한 (ko).docx", "2024-04-18 외교부 서한 (en).docx"]

    def record_then_block(*args: object, **kwargs: object) -> object:
        entries = record(*args, **kwargs)  # type: ignore[arg-type]
        (tmp_path / names[1]).mkdir()  # the English rename will fail
        return entries

    monkeypatch.setattr(services.drafts.log, "record", record_then_block)
    with pytest.raises(DariError):
        services.drafts.export(draft.id, ExportRequest("both"), tmp_path)
    assert (tmp_path / names[0]).is_file() and (tmp_path / names[1]).is_dir()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    entries = services.log.entries(draft_id=draft.id)
    assert [Path(e.file_path).name for e in entries] == names
    assert all(e.note == PENDING_NOTE for e in entries)

    monkeypatch.undo()
    shutil.rmtree(tmp_path / names[1])
    with pytest.raises(TargetExists):
        services.drafts.export(draft.id, ExportRequest("both"), tmp_path)
    paths = services.drafts.export(draft.id, ExportRequest("both"), tmp_path, overwrite=True)
    assert [p.name for p in paths] == names
    latest = services.log.entries(draft_id=draft.id)[-2:]
    assert [e.note for e in latest] == ["", ""]  # completed once both were in place


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for leftover processes")
def test_a_cancel_kills_libreoffice_as_a_timeout_does(tmp_path: Path) -> None:
    """`cancelled()` is asked while LibreOffice runs: once it says so, the process group
    is killed, ConversionCancelled raised and the private folder removed."""
    from desktop_app.compose import compose
    from desktop_app.compose.presets import default_preset
    from desktop_app.render import write_docx

    docx_path = tmp_path / "letter.docx"
    write_docx(compose(sample_letter(), "ko", default_preset("letter", "ko")), docx_path)
    commands: list[list[str]] = []
    asked: list[float] = []

    def cancelled() -> bool:
        asked.append(time.monotonic())
        return len(asked) > 3  # after about 0.3 s of LibreOffice running

    pdf_module.RUN_HOOKS.append(lambda command, _pid: commands.append(command))
    try:
        begin = time.monotonic()
        with pytest.raises(render.ConversionCancelled):
            render.convert_pdfs([docx_path], cancelled=cancelled)
    finally:
        pdf_module.RUN_HOOKS.clear()
    assert time.monotonic() - begin < 2  # LibreOffice alone takes longer than that here
    (command,) = commands
    profile = next(arg for arg in command if arg.startswith("-env:UserInstallation="))
    work = Path(command[-1]).parent
    assert work.name.startswith("dari-pdf-") and not work.exists()
    assert _processes_naming(str(work)) == []
    assert _processes_naming(profile.split("file://", 1)[1]) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.docx"]
