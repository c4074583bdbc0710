"""Issue 10: the export dialog's check leaves out a glossary finding dismissed in its field."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QSettings

from desktop_app.domain import BilingualText
from desktop_app.domain.text import DismissedTerm
from desktop_app.gui.dialogs.export import ExportDialog
from desktop_app.gui.settings import Settings
from desktop_app.paths import sample_path
from desktop_app.services import build_services

pytestmark = pytest.mark.usefixtures("no_unexpected_messages")  # tests/gui/dialogs/conftest.py


def test_a_dismissed_finding_is_not_in_the_export_summary(qtbot, db, tmp_path, ui) -> None:
    drafts = build_services(db).drafts  # with the shipped glossary, as the window has
    loaded = drafts.import_file(sample_path())
    subject = BilingualText.of("탈북민 보호 요청", "A request for protection")
    drafts.save(
        loaded.id,
        dataclasses.replace(loaded.document, subject=subject),
        expected_version=loaded.version,
    )
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))

    def summary() -> list[str]:
        dialog = ExportDialog(drafts, loaded.id, settings, ui)
        qtbot.addWidget(dialog)
        return [line for line in dialog.summary_lines() if "탈북민" in line]

    assert len(summary()) == 1  # the finding, before it is dismissed
    current = drafts.load(loaded.id)
    dismissed = dataclasses.replace(subject, dismissed=(DismissedTerm("탈북민"),))
    drafts.save(
        loaded.id,
        dataclasses.replace(current.document, subject=dismissed),
        expected_version=current.version,
    )
    assert summary() == []
