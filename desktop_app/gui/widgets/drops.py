"""A draft file dropped on a text field is imported by the window, not typed in as its path."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDropEvent

DRAFT_SUFFIX = ".json"


def dragging_draft_files(event: QEvent) -> bool:
    """True for a drag or drop of local .json files only (a draft to import)."""
    if not isinstance(event, QDropEvent):  # QDragEnterEvent and QDragMoveEvent are drops too
        return False
    data = event.mimeData()
    urls = data.urls() if data.hasUrls() else []
    return bool(urls) and all(
        url.isLocalFile() and url.toLocalFile().lower().endswith(DRAFT_SUFFIX) for url in urls
    )


class DraftFilesToWindow(QObject):
    """Installed on an editor (and its viewport): a dragged .json file is refused there, so
    Qt passes it on to the parents and the window imports it. Text drags are left alone."""

    DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.DRAGS and dragging_draft_files(event):
            event.ignore()
            return True  # not the editor's: Qt offers it to the parent widgets
        return False
