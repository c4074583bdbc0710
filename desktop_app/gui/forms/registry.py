"""The document kinds the window edits: a form for each, a blank draft, a sample to start from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.domain import Letter, Organisation
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.upr import UprBrief
from desktop_app.gui.forms.letter import LetterForm
from desktop_app.gui.forms.press import PressNoticeForm, StatementForm
from desktop_app.gui.forms.upr import UprForm
from desktop_app.services import SAMPLES, ReferenceService
from desktop_app.services import blank_document as services_blank_document
from desktop_app.services import kind_sample as services_kind_sample

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from desktop_app.gui.forms.base import DocumentForm
    from desktop_app.gui.i18n import UiLanguage

__all__ = ["SAMPLES", "blank_document", "kind_sample", "make_forms"]


def make_forms(
    ui: UiLanguage, reference: ReferenceService, parent: QWidget
) -> dict[str, DocumentForm]:
    """One form per kind of document, keyed by the kind ("letter", "upr-brief", …)."""
    return {
        Letter.KIND: LetterForm(ui, parent),
        UprBrief.KIND: UprForm(ui, reference, parent),
        PressNotice.KIND: PressNoticeForm(ui, parent),
        Statement.KIND: StatementForm(ui, parent),
    }


def blank_document(kind: str, organisation: Organisation) -> Any:
    """A new document of `kind`, dated today, from the person's organisation if they gave one."""
    return services_blank_document(kind, organisation)


def kind_sample(kind: str) -> Path:
    """The shipped sample of `kind` (the founding case)."""
    return services_kind_sample(kind)
