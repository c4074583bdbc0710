"""File › Backups… and the damaged-database box at start, on real files and real widgets."""

from __future__ import annotations

import random

from desktop_app import app as app_module
from desktop_app.gui import errors, prompts
from desktop_app.gui.dialogs.backups import BackupsDialog
from desktop_app.gui.window.main_window import settings_store
from desktop_app.services import services_for
from tests.helpers.damage import KINDS
from tests.helpers.samples import sample_letter


def test_the_dialog_lists_backs_up_and_restores(qtbot, open_window, monkeypatch) -> None:
    window = open_window()
    services = window.services
    first = services.drafts.create(sample_letter())
    services.backups.create()
    services.drafts.create(sample_letter())
    window.drafts.reload()
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask", lambda _p, _t, text, _y, **_k: asked.append(text) or True)
    monkeypatch.setattr(prompts, "inform", lambda _p, _t, text: asked.append(text))
    reloaded: list[bool] = []

    def restored() -> None:
        reloaded.append(True)
        window.drafts.reload()

    dialog = BackupsDialog(services.backups, window.ui, window, restored=restored)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "1"
    dialog.back_up_now()
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 1).text() == "2"
    dialog.grab().save("/tmp/backups-dialog.png")
    dialog.table.selectRow(1)  # the older one, with one draft
    dialog.restore_selected()
    assert "1 drafts" in asked[0] and reloaded == [True]
    assert "dari-before-restore-" in asked[1]
    assert [d.id for d in services.drafts.list()] == [first.id]
    assert window.drafts.model.rowCount() == 1
    dialog.kept.setValue(1)
    dialog._keep()
    assert dialog.table.rowCount() == 1


def test_a_damaged_database_at_start_can_be_restored_from_the_latest_backup(
    qtbot, qapp, tmp_path, monkeypatch
) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        draft = services.drafts.create(sample_letter())
        services.backups.create()
    KINDS["garbage page"](data / "dari.sqlite3", random.Random(3))
    damaged = (data / "dari.sqlite3").read_bytes()
    offered: list[str] = []

    def choose(ui, error) -> str:  # type: ignore[no-untyped-def]
        offered.append(errors.damaged_sentence(error, ui))
        return "restore"

    monkeypatch.setattr(errors, "show_startup_error", choose)
    window = app_module.start_window(qapp, data, settings_store(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert "restore the latest backup" in offered[0]
        assert window.drafts.model.row_of(draft.id) == 0
        kept = next(data.glob("dari-damaged-*.db"))
        assert kept.read_bytes() == damaged  # the damaged file, unchanged
    finally:
        window.close()
        window.ui.deleteLater()
        if window.is_attached:
            window.services.close()


def test_salvage_at_start_and_no_backup(qtbot, qapp, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    with services_for(data) as services:
        services.drafts.create(sample_letter())
    KINDS["zeroed header"](data / "dari.sqlite3", random.Random(1))
    answers = iter(["restore", "salvage"])
    told: list[str] = []
    monkeypatch.setattr(errors, "show_startup_error", lambda ui, e: next(answers))
    monkeypatch.setattr(errors, "show_no_good_backup", lambda ui: told.append("none"))
    monkeypatch.setattr(errors, "show_salvaged", lambda ui, n, p: told.append(f"{n} {p.name}"))
    window = app_module.start_window(qapp, data, settings_store(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert told[0] == "none"  # no backup: said so, and the box came back
        assert told[1].startswith("1 dari-damaged-")
        assert window.drafts.model.rowCount() == 1
    finally:
        window.close()
        window.ui.deleteLater()
        if window.is_attached:
            window.services.close()


def test_another_data_folder_can_be_chosen(qtbot, qapp, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "dari.sqlite3").write_text("not a database " * 300)
    other = tmp_path / "other"
    monkeypatch.setattr(errors, "show_startup_error", lambda ui, e: "folder")
    monkeypatch.setattr(errors, "choose_data_folder", lambda ui: str(other))
    window = app_module.start_window(qapp, data, settings_store(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert window.services.data_dir == other
    finally:
        window.close()
        window.ui.deleteLater()
        if window.is_attached:
            window.services.close()


def test_an_encrypted_damaged_database_is_salvaged_at_start_with_one_passphrase(
    qtbot, qapp, tmp_path, monkeypatch
) -> None:
    from desktop_app.services import EncryptionService
    from desktop_app.storage import crypto
    from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks

    data = tmp_path / "data"
    with services_for(data) as services:
        for _ in range(3):
            services.drafts.create(sample_letter())
    passphrase = "damaged but encrypted"
    fast = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    EncryptionService(data, kdf=fast).turn_on(passphrase)
    KINDS["zeroed header"](data / "dari.sqlite3", random.Random(1))
    asked: list[bool] = []

    def unlock(ui, encryption, parent):  # type: ignore[no-untyped-def]
        asked.append(True)
        return encryption.unlock(passphrase)

    told: list[str] = []
    monkeypatch.setattr(app_module, "unlock_at_start", unlock)
    monkeypatch.setattr(errors, "show_startup_error", lambda ui, e: "salvage")
    monkeypatch.setattr(errors, "show_salvaged", lambda ui, n, p: told.append(f"{n} {p.name}"))
    window = app_module.start_window(qapp, data, settings_store(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert told[0].startswith("3 dari-damaged-")
        assert asked == [True]  # the passphrase was asked once, for the salvage and the start
        assert window.drafts.model.rowCount() == 3
        assert window.services.encrypted
        assert crypto.is_encrypted(data / "dari.sqlite3")
        assert leaks(data, KO_CANARY, EN_CANARY, sample_letter().subject.ko) == []
    finally:
        window.close()
        window.ui.deleteLater()
        if window.is_attached:
            window.services.close()
