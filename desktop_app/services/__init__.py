"""Use cases that the window and the command line share; no Qt here."""

from desktop_app.services.container import Services, build_services
from desktop_app.services.drafts import DraftService, LoadedDraft, read_json_file
from desktop_app.services.errors import DariError
from desktop_app.services.export import ExportRequest, export_files, plan_export
from desktop_app.services.library import ClauseService, GlossaryService

__all__ = [
    "ClauseService",
    "DariError",
    "DraftService",
    "ExportRequest",
    "GlossaryService",
    "LoadedDraft",
    "Services",
    "build_services",
    "export_files",
    "plan_export",
    "read_json_file",
]
