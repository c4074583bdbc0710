"""Opening the window's dialogs on their own in a test, as the window opens them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.gui.dialogs.export import ExportDialog
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.settings import Settings
    from desktop_app.services import DraftService


def show_export_dialog(
    qtbot: Any, service: DraftService, draft_id: int, settings: Settings, ui: UiLanguage
) -> ExportDialog:
    """The Export dialog of one draft, shown (closed with the test by `qtbot`)."""
    from desktop_app.gui.dialogs.export import ExportDialog

    dialog = ExportDialog(service, draft_id, settings, ui)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog
