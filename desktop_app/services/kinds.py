"""The kinds of document Dari makes: a blank one of each, and the founding case's sample."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.domain.letter import Letter, Organisation, Signatory, SignatoryKind
from desktop_app.domain.messages import N_
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.serialize import KINDS
from desktop_app.domain.upr import UprBrief
from desktop_app.paths import sample_path
from desktop_app.services.errors import DariError

if TYPE_CHECKING:
    from pathlib import Path

# The founding event's set (founding-case.md): the letter, the brief, the notice, the statement.
SAMPLES = {
    Letter.KIND: "founding-case-letter.json",
    UprBrief.KIND: "founding-case-upr-brief.json",
    PressNotice.KIND: "founding-case-press-notice.json",
    Statement.KIND: "founding-case-statement.json",
}
KIND_NAMES = {
    Letter.KIND: N_("Letter"),
    UprBrief.KIND: N_("UPR brief"),
    PressNotice.KIND: N_("Press conference notice"),
    Statement.KIND: N_("Statement"),
}


def blank_document(kind: str, organisation: Organisation | None = None) -> Any:
    """A new document of `kind`, dated today, from the person's organisation if they gave one
    (as sender, submitter, organiser or first signatory)."""
    ours = () if organisation is None or organisation.name.is_empty() else (organisation,)
    if kind == UprBrief.KIND:
        return UprBrief(organisations=ours, date=date.today())
    if kind == PressNotice.KIND:
        return PressNotice(organisers=ours, date=date.today())
    if kind == Statement.KIND:
        signers = tuple(
            Signatory(organisation=o.name, kind=SignatoryKind.ORGANISATION, book=o.book)
            for o in ours
        )
        return Statement(signatories=signers, date=date.today())
    if kind == Letter.KIND:
        return Letter(senders=ours, date=date.today())
    raise DariError(
        N_("There is no kind of document called “{kind}”; choose one of: {kinds}."),
        kind=kind,
        kinds=", ".join(KINDS),
    )


def kind_sample(kind: str) -> Path:
    """The shipped sample of `kind` (the founding case)."""
    return sample_path(SAMPLES[kind])
