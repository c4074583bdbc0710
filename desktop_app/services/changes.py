"""What a write changed, so that the views refresh what they show and nothing more.

Modelled on Anki's `OpChanges`: every service call that writes returns one of
these, and the window updates the draft list, the open draft or the calendar
from it instead of re-reading everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from desktop_app.domain.messages import N_

# Said after a purge for each damaged file in `Purged.left` (window and command line).
DAMAGED_LEFT = N_(
    "Dari could not read or rewrite the damaged file “{name}” kept aside, so the deleted draft "
    "could not be removed from it: it may still hold its text. You can delete that file "
    "(a specialist might still get other drafts out of it)."
)


@dataclass(frozen=True)
class OpChanges:
    """The parts of the stored data one operation changed."""

    draft_list: bool = False  # rows of the draft list (titles, status, trash) changed
    draft: int | None = None  # this draft's text changed: a view showing it reloads it
    removed: int | None = None  # this draft left the open drafts (trashed or purged)
    revisions: int | None = None  # this draft's revision list changed
    calendar: bool = False  # the user's UPR session calendar changed
    export_log: bool = False  # entries of the export log were added or marked sent
    contacts: bool = False  # the address book (entries, appointments or lists) changed
    events: bool = False  # events or the documents of their sets changed

    def touches(self, draft_id: int) -> bool:
        """True when a view showing `draft_id` must refresh."""
        return draft_id in (self.draft, self.removed, self.revisions)


@dataclass(frozen=True)
class Purged(OpChanges):
    """What a purge changed, and the damaged files kept aside that it could not rewrite:
    nothing in them could be read, so they may still hold the deleted text. The window and
    the command line say so (`DAMAGED_LEFT`) and offer to delete them
    (`recovery.delete_damaged`)."""

    left: tuple[Path, ...] = ()


class ConflictChoice(Enum):
    """What to do when a save finds the draft changed elsewhere."""

    KEEP_MINE = "mine"  # theirs stays as a revision, mine goes over it
    OPEN_THEIRS = "theirs"  # theirs stays the draft; mine becomes a new draft


@dataclass(frozen=True)
class ConflictResolved:
    """The outcome of resolving a save conflict.

    `saved` is the draft as now stored: mine over theirs (KEEP_MINE) or theirs
    unchanged (OPEN_THEIRS); `copy` is the new draft holding my text (OPEN_THEIRS).
    """

    changes: OpChanges
    saved: Any  # LoadedDraft
    copy: Any | None = None  # LoadedDraft
