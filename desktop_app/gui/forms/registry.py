"""The document kinds the window edits: a form for each, a blank draft, a sample to start from."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.domain import Letter, Organisation
from desktop_app.domain.upr import UprBrief
from desktop_app.gui.forms.letter import LetterForm
from desktop_app.gui.forms.upr import UprForm
from desktop_app.services import ReferenceService, sample_path

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from desktop_app.gui.forms.base import DocumentForm
    from desktop_app.gui.i18n import UiLanguage

SAMPLES = {Letter.KIND: "founding-case-letter.json", UprBrief.KIND: "founding-case-upr-brief.json"}


def make_forms(
    ui: UiLanguage, reference: ReferenceService, parent: QWidget
) -> dict[str, DocumentForm]:
    """One form per kind of document, keyed by the kind ("letter", "upr-brief")."""
    return {Letter.KIND: LetterForm(ui, parent), UprBrief.KIND: UprForm(ui, reference, parent)}


def blank_document(kind: str, organisation: Organisation) -> Any:
    """A new document of `kind`, dated today, from the person's organisation if they gave one."""
    ours = () if organisation.name.is_empty() else (organisation,)
    if kind == UprBrief.KIND:
        return UprBrief(organisations=ours, date=date.today())
    return Letter(senders=ours, date=date.today())


def kind_sample(kind: str) -> Path:
    """The shipped sample of `kind` (the founding case)."""
    return sample_path(SAMPLES[kind])
