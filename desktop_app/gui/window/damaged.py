"""Damaged files kept aside that Dari could not rewrite (a purge could not remove the deleted
draft from them, or turning encryption on could not encrypt them): the window says so and
offers to delete them; they are deleted only when the person says so, after a question
whose button says what happens (`recovery.delete_damaged`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.gui import errors

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop_app.gui.i18n import UiLanguage


def sentences(ui: UiLanguage, sentence: str, paths: Sequence[Path]) -> str:
    """`sentence` (a catalog message with {name}) said for each file."""
    return " ".join(ui.gettext(sentence).format(name=path.name) for path in paths)


def delete_after_asking(
    parent: QWidget | None, ui: UiLanguage, data_dir: Path, paths: Sequence[Path]
) -> bool:
    """Ask whether to delete these damaged files for good, and delete them if so; True
    when they are gone (a failure is said as a sentence)."""
    from desktop_app.services import recovery

    _ = ui.gettext
    names = "\n".join(f"• {path.name}" for path in paths)
    text = ui.ngettext(
        "Delete this damaged file for good? Dari could not read or rewrite it; it is "
        "overwritten, then removed, and cannot be brought back.\n\n{names}",
        "Delete these damaged files for good? Dari could not read or rewrite them; they are "
        "overwritten, then removed, and cannot be brought back.\n\n{names}",
        len(paths),
    ).format(names=names)
    if not errors.confirm(parent, ui, _("Delete the damaged file"), text, _("Delete for good")):
        return False
    with errors.user_errors(parent, ui):
        for path in paths:
            recovery.delete_damaged(data_dir, path.name)
        return True
    return False
