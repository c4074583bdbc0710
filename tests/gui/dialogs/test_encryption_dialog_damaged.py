"""File › Encryption… with a damaged file kept aside that cannot be converted: the dialog
names it and says what it may still hold, and deletes it only after a question; turning
encryption off says which damaged file stays encrypted. Real window, real files."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from desktop_app.gui import errors
from desktop_app.gui.dialogs.encryption import EncryptionDialog
from desktop_app.storage import crypto
from tests.helpers.canary import EN_CANARY, KO_CANARY, leaks

PASS = "a long passphrase 다리"


def test_the_dialog_names_an_unencrypted_damaged_file_and_deletes_it_when_asked(
    qtbot, open_window, data_dir: Path, monkeypatch
) -> None:
    window = open_window()
    window.commands["new_sample"].trigger()
    window.flush()
    aside = data_dir / "dari-damaged-20260101-000000.db"
    aside.write_bytes(random.Random(1).randbytes(8192) + KO_CANARY.encode() + EN_CANARY.encode())
    dialog = EncryptionDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.damaged_button.isVisible()
    dialog.new1.setText(PASS)
    dialog.new2.setText(PASS)
    dialog.on_button.click()
    assert window.services.encrypted
    assert dialog.damaged_text.isVisible() and aside.name in dialog.damaged_text.text()
    assert "could not be encrypted" in dialog.damaged_text.text()
    assert dialog.damaged_button.isVisible() and aside.exists()  # not without a question
    asked: list[str] = []

    def answer(parent: Any, ui: Any, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # no, then yes

    monkeypatch.setattr(errors, "confirm", answer)
    dialog.damaged_button.click()
    assert aside.exists() and aside.name in asked[0]
    dialog.damaged_button.click()
    assert not aside.exists() and not dialog.damaged_button.isVisible()
    assert leaks(data_dir, KO_CANARY, EN_CANARY) == []
    # off again, with an encrypted damaged file nothing reads: it stays encrypted, said
    aside.write_bytes(random.Random(2).randbytes(8192))
    monkeypatch.setattr(errors, "confirm", lambda *_args: True)
    dialog.off_secret.setText(PASS)
    dialog.off_button.click()
    assert not window.services.encrypted
    said = dialog.damaged_text.text()
    assert aside.name in said and "stays encrypted" in said
    assert crypto.header_path(aside).exists() and not dialog.damaged_button.isVisible()
