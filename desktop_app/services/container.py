"""All services over one database, built in one place for the window and the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desktop_app.services.drafts import DraftService
from desktop_app.services.library import ClauseService, GlossaryService
from desktop_app.storage import Database


@dataclass(frozen=True)
class Services:
    """The use cases of one open database."""

    db: Database
    drafts: DraftService
    glossary: GlossaryService
    clauses: ClauseService


def build_services(db: Database, clock: Callable[[], datetime] | None = None) -> Services:
    """Seed the glossary on a new database, then wire the services together."""
    glossary = GlossaryService(db)
    glossary.seed_if_needed()
    return Services(db, DraftService(db, clock, glossary.glossary), glossary, ClauseService(db))
