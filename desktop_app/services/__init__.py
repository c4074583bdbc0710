"""Use cases that the window and the command line share; no Qt here.

This package is the only door out of `desktop_app/gui/`: besides the services,
it offers the values the window displays or passes back (records, errors,
style presets, date styles), so the window never reaches storage, compose or
render itself.
"""

from desktop_app.compose import PRESETS, ComposeOptions, DateStyle, Layout, StylePreset
from desktop_app.compose import default_preset as default_preset
from desktop_app.compose import format_date as format_date
from desktop_app.compose import presets_for as presets_for
from desktop_app.paths import sample_path
from desktop_app.render import ExportError
from desktop_app.services.changes import ConflictChoice, ConflictResolved, OpChanges
from desktop_app.services.container import Services, build_services, open_services, services_for
from desktop_app.services.drafts import DraftService, LoadedDraft, read_json_file
from desktop_app.services.errors import DariError
from desktop_app.services.export import ExportRequest, export_files, plan_export
from desktop_app.services.library import ClauseService, GlossaryService
from desktop_app.services.reference import ReferenceService
from desktop_app.storage import (
    ConflictError,
    DatabaseCorrupt,
    DatabaseTooNew,
    DatabaseUnavailable,
    DraftNotFound,
    DraftSummary,
    RevisionRecord,
    StorageError,
    StoredClause,
    StoredTerm,
)

__all__ = [
    "PRESETS",
    "ClauseService",
    "ComposeOptions",
    "ConflictChoice",
    "ConflictError",
    "ConflictResolved",
    "DariError",
    "DatabaseCorrupt",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "DateStyle",
    "DraftNotFound",
    "DraftService",
    "DraftSummary",
    "ExportError",
    "ExportRequest",
    "GlossaryService",
    "Layout",
    "LoadedDraft",
    "OpChanges",
    "ReferenceService",
    "RevisionRecord",
    "Services",
    "StorageError",
    "StoredClause",
    "StoredTerm",
    "StylePreset",
    "build_services",
    "default_preset",
    "export_files",
    "format_date",
    "open_services",
    "plan_export",
    "presets_for",
    "read_json_file",
    "sample_path",
    "services_for",
]
