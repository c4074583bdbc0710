"""The glossary and the clause library, stored beside the drafts; and the meta facts."""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.domain.clauses import Clause
from desktop_app.domain.glossary import Scope, Term
from desktop_app.domain.text import BilingualText
from desktop_app.storage.codec import fold
from desktop_app.storage.dialects import contains_text
from desktop_app.storage.errors import ItemNotFound
from desktop_app.storage.models import Clause as ClauseRow
from desktop_app.storage.models import GlossaryTerm, Meta, as_utc
from desktop_app.storage.records import StoredClause, StoredTerm
from desktop_app.storage.repository import Repository


def _term(row: GlossaryTerm) -> StoredTerm:
    return StoredTerm(
        row.id,
        Term(
            ko=row.ko,
            en=row.en,
            note=row.note,
            forbidden=tuple(json.loads(row.forbidden)),
            exceptions=tuple(json.loads(row.exceptions)),
            scope=Scope(row.scope),
            alternatives=tuple(json.loads(row.alternatives)),
        ),
    )


def _fill_term(row: GlossaryTerm, term: Term) -> None:
    row.ko, row.en, row.note, row.scope = term.ko, term.en, term.note, term.scope.value
    row.forbidden = json.dumps(list(term.forbidden), ensure_ascii=False)
    row.exceptions = json.dumps(list(term.exceptions), ensure_ascii=False)
    row.alternatives = json.dumps(list(term.alternatives), ensure_ascii=False)


class GlossaryRepository(Repository):
    """Glossary terms in their order."""

    def list(self) -> builtins.list[StoredTerm]:
        """Every term, in glossary order."""
        with self._read() as session:
            rows = session.scalars(
                select(GlossaryTerm).order_by(GlossaryTerm.position, GlossaryTerm.id)
            )
            return [_term(row) for row in rows]

    def add(self, term: Term) -> StoredTerm:
        """Append a term."""
        with self._write() as session:
            last = session.scalar(select(func.max(GlossaryTerm.position))) or 0
            row = GlossaryTerm(position=last + 1)
            _fill_term(row, term)
            session.add(row)
            session.flush()
            return _term(row)

    def update(self, term_id: int, term: Term) -> StoredTerm:
        """Replace a term's content."""
        with self._write() as session:
            row = session.get(GlossaryTerm, term_id)
            if row is None:
                raise ItemNotFound("glossary term", term_id)
            _fill_term(row, term)
            return _term(row)

    def delete(self, term_id: int) -> None:
        """Remove a term."""
        with self._write() as session:
            session.execute(delete(GlossaryTerm).where(GlossaryTerm.id == term_id))

    def replace_all(self, terms: builtins.list[Term]) -> int:
        """The glossary becomes exactly `terms` (one transaction: all or nothing)."""
        with self._write() as session:
            session.execute(delete(GlossaryTerm))
            for position, term in enumerate(terms, start=1):
                row = GlossaryTerm(position=position)
                _fill_term(row, term)
                session.add(row)
        return len(terms)

    def merge(self, terms: builtins.list[Term]) -> tuple[int, int]:
        """Add new terms and update those with the same Korean term; (added, updated)."""
        added = updated = 0
        with self._write() as session:
            existing = {row.ko: row for row in session.scalars(select(GlossaryTerm))}
            last = max((row.position for row in existing.values()), default=0)
            for term in terms:
                row = existing.get(term.ko)
                if row is None:
                    last += 1
                    row = GlossaryTerm(position=last)
                    session.add(row)
                    existing[term.ko] = row
                    added += 1
                else:
                    updated += 1
                _fill_term(row, term)
        return added, updated


def _clause(row: ClauseRow) -> StoredClause:
    return StoredClause(
        row.id,
        Clause(
            title=BilingualText(row.title_ko, row.title_en),
            text=BilingualText(row.text_ko, row.text_en),
            tags=tuple(json.loads(row.tags)),
        ),
        row.updated_at,
    )


def _fill_clause(row: ClauseRow, clause: Clause) -> None:
    row.title_ko, row.title_en = clause.title.ko, clause.title.en
    row.text_ko, row.text_en = clause.text.ko, clause.text.en
    row.tags = json.dumps(list(clause.tags), ensure_ascii=False)
    row.search_text = fold(
        "\n".join((clause.title.ko, clause.title.en, clause.text.ko, clause.text.en, *clause.tags))
    )


class ClauseRepository(Repository):
    """Reusable clauses, searchable in both languages."""

    def __init__(
        self, sessions: sessionmaker[Session], path: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(sessions, path)
        self._clock = clock

    def list(self, search: str | None = None) -> builtins.list[StoredClause]:
        """Clauses by title; with `search`, those containing every word (Korean or English)."""
        stmt = select(ClauseRow).order_by(ClauseRow.title_ko, ClauseRow.title_en, ClauseRow.id)
        for word in fold(search or "").split():
            stmt = stmt.where(contains_text(ClauseRow.search_text, word))
        with self._read() as session:
            return [_clause(row) for row in session.scalars(stmt)]

    def get(self, clause_id: int) -> StoredClause:
        """One clause."""
        with self._read() as session:
            row = session.get(ClauseRow, clause_id)
            if row is None:
                raise ItemNotFound("clause", clause_id)
            return _clause(row)

    def add(self, clause: Clause) -> StoredClause:
        """Store a new clause."""
        now = as_utc(self._clock())
        with self._write() as session:
            row = ClauseRow(created_at=now, updated_at=now)
            _fill_clause(row, clause)
            session.add(row)
            session.flush()
            return _clause(row)

    def update(self, clause_id: int, clause: Clause) -> StoredClause:
        """Replace a clause's content."""
        with self._write() as session:
            row = session.get(ClauseRow, clause_id)
            if row is None:
                raise ItemNotFound("clause", clause_id)
            _fill_clause(row, clause)
            row.updated_at = as_utc(self._clock())
            return _clause(row)

    def delete(self, clause_id: int) -> None:
        """Remove a clause (drafts that used it keep their copy)."""
        with self._write() as session:
            session.execute(delete(ClauseRow).where(ClauseRow.id == clause_id))


class MetaRepository(Repository):
    """Key/value facts about this database."""

    def get(self, key: str) -> str | None:
        """The value stored under `key`, if any."""
        with self._read() as session:
            row = session.get(Meta, key)
            return row.value if row else None

    def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        with self._write() as session:
            session.merge(Meta(key=key, value=value))
