"""Glossary and clause-library use cases: seeding, import and export, the terminology check."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from desktop_app.domain.clauses import Clause, clauses_from_json, clauses_to_json
from desktop_app.domain.glossary import (
    FieldTermFinding,
    Glossary,
    Term,
    check_terms,
    dismissed_count,
)
from desktop_app.domain.messages import N_
from desktop_app.domain.serialize import DraftFormatError
from desktop_app.files import ExportError, atomic_write_bytes
from desktop_app.paths import resources_dir
from desktop_app.services.drafts import read_json_file
from desktop_app.services.errors import DariError
from desktop_app.services.glossary_files import read_terms, terms_bytes, terms_from_csv

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.storage import Database, StoredClause, StoredTerm

SEEDED_KEY = "glossary_seeded"


def seed_glossary_path() -> Path:
    """The glossary shipped with Dari, inside the package (the project's seed glossary)."""
    return resources_dir() / "glossary.csv"


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except ExportError as error:
        raise DariError.saying(error) from error


class GlossaryService:
    """The termbase: seeded once on first run, editable, exchanged as CSV or TBX."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._glossary: Glossary | None = None

    def seed_if_needed(self) -> int:
        """On a new database, fill the glossary from the shipped seed; returns terms added.

        Runs once per database: a user who deletes every term does not get them back.
        """
        if self._db.meta.get(SEEDED_KEY):
            return 0
        terms = terms_from_csv(seed_glossary_path().read_bytes(), "glossary.csv")
        added = 0 if self._db.glossary.list() else self._db.glossary.replace_all(terms)
        self._db.meta.set(SEEDED_KEY, "1")
        self._glossary = None
        return added

    def terms(self) -> list[StoredTerm]:
        """Every term with its id, in order."""
        return self._db.glossary.list()

    def glossary(self) -> Glossary:
        """The compiled glossary (kept until the terms change)."""
        if self._glossary is None:
            self._glossary = Glossary(t.term for t in self._db.glossary.list())
        return self._glossary

    def add(self, term: Term) -> StoredTerm:
        self._glossary = None
        return self._db.glossary.add(term)

    def update(self, term_id: int, term: Term) -> StoredTerm:
        self._glossary = None
        return self._db.glossary.update(term_id, term)

    def delete(self, term_id: int) -> None:
        self._glossary = None
        self._db.glossary.delete(term_id)

    def import_file(self, path: Path, *, replace: bool = False) -> tuple[int, int]:
        """Terms from .csv or .tbx: merged by Korean term (or replacing all); (added, updated)."""
        terms = read_terms(path)
        self._glossary = None
        if replace:
            return self._db.glossary.replace_all(terms), 0
        return self._db.glossary.merge(terms)

    def export_file(self, path: Path) -> int:
        """Write every term to .csv or .tbx (by extension); returns how many."""
        terms = [t.term for t in self.terms()]
        _write(path, terms_bytes(terms, path))
        return len(terms)

    def check(self, document: Any) -> list[FieldTermFinding]:
        """Terminology findings in a document."""
        return check_terms(document, self.glossary())

    def dismissed_count(self, document: Any) -> int:
        """Findings dismissed in the document's fields (left out of `check`)."""
        return dismissed_count(document, self.glossary())


class ClauseService:
    """Reusable bilingual clauses; shared with partners as a JSON bundle."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, search: str | None = None) -> list[StoredClause]:
        return self._db.clauses.list(search)

    def add(self, clause: Clause) -> StoredClause:
        return self._db.clauses.add(clause)

    def update(self, clause_id: int, clause: Clause) -> StoredClause:
        return self._db.clauses.update(clause_id, clause)

    def delete(self, clause_id: int) -> None:
        self._db.clauses.delete(clause_id)

    def import_file(self, path: Path) -> int:
        """Add every clause of a bundle (duplicates by title are skipped); returns how many."""
        try:
            clauses = clauses_from_json(read_json_file(path))
        except DraftFormatError as error:
            raise DariError(
                N_("{file} cannot be imported: {problem}"), file=path.name, problem=error
            ) from error
        existing = {(c.clause.title.ko, c.clause.title.en) for c in self.list()}
        added = 0
        for clause in clauses:
            if (clause.title.ko, clause.title.en) in existing:
                continue
            self.add(clause)
            added += 1
        return added

    def export_file(self, path: Path) -> int:
        """Write the library as a JSON bundle; returns how many clauses."""
        clauses = [c.clause for c in self.list()]
        text = json.dumps(clauses_to_json(clauses), ensure_ascii=False, indent=2) + "\n"
        _write(path, text.encode("utf-8"))
        return len(clauses)
