"""Use cases that the window and the command line share; no Qt here.

This package is the only door out of `desktop_app/gui/`: besides the services,
it offers the values the window displays or passes back (records, errors,
style presets, date styles), so the window never reaches storage, compose or
render itself. Names load on first use, so that the window can be on screen
before SQLAlchemy and python-docx are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.lazy import lazy_exports

if TYPE_CHECKING:
    from desktop_app.compose import PRESETS as PRESETS
    from desktop_app.compose import ComposeOptions as ComposeOptions
    from desktop_app.compose import DateStyle as DateStyle
    from desktop_app.compose import Layout as Layout
    from desktop_app.compose import StylePreset as StylePreset
    from desktop_app.compose import default_preset as default_preset
    from desktop_app.compose import format_date as format_date
    from desktop_app.compose import presets_for as presets_for
    from desktop_app.files import ExportError as ExportError
    from desktop_app.paths import guide_path as guide_path
    from desktop_app.paths import sample_path as sample_path
    from desktop_app.services.backups import BackupService as BackupService
    from desktop_app.services.changes import ConflictChoice as ConflictChoice
    from desktop_app.services.changes import ConflictResolved as ConflictResolved
    from desktop_app.services.changes import OpChanges as OpChanges
    from desktop_app.services.changes import Purged as Purged
    from desktop_app.services.contact_files import ImportReport as ImportReport
    from desktop_app.services.contacts import ContactService as ContactService
    from desktop_app.services.contacts import PartyUpdate as PartyUpdate
    from desktop_app.services.contacts import Resolved as Resolved
    from desktop_app.services.container import Services as Services
    from desktop_app.services.container import build_services as build_services
    from desktop_app.services.container import open_services as open_services
    from desktop_app.services.container import services_for as services_for
    from desktop_app.services.drafts import DraftService as DraftService
    from desktop_app.services.drafts import LoadedDraft as LoadedDraft
    from desktop_app.services.drafts import read_json_file as read_json_file
    from desktop_app.services.encryption import EncryptionService as EncryptionService
    from desktop_app.services.encryption import EncryptionStatus as EncryptionStatus
    from desktop_app.services.encryption import PassphraseTooShort as PassphraseTooShort
    from desktop_app.services.encryption import TurnedOff as TurnedOff
    from desktop_app.services.encryption import TurnedOn as TurnedOn
    from desktop_app.services.errors import DariError as DariError
    from desktop_app.services.events import EventService as EventService
    from desktop_app.services.events import EventView as EventView
    from desktop_app.services.events import SetOutcome as SetOutcome
    from desktop_app.services.export import FORMATS as FORMATS
    from desktop_app.services.export import ExportCancelled as ExportCancelled
    from desktop_app.services.export import ExportRequest as ExportRequest
    from desktop_app.services.export import ExportResult as ExportResult
    from desktop_app.services.export import TargetExists as TargetExists
    from desktop_app.services.export import export_files as export_files
    from desktop_app.services.export import export_omissions as export_omissions
    from desktop_app.services.export import plan_export as plan_export
    from desktop_app.services.kinds import KIND_NAMES as KIND_NAMES
    from desktop_app.services.kinds import SAMPLES as SAMPLES
    from desktop_app.services.kinds import blank_document as blank_document
    from desktop_app.services.kinds import kind_sample as kind_sample
    from desktop_app.services.library import ClauseService as ClauseService
    from desktop_app.services.library import GlossaryService as GlossaryService
    from desktop_app.services.live import Editing as Editing
    from desktop_app.services.live import LiveChanges as LiveChanges
    from desktop_app.services.live import LiveService as LiveService
    from desktop_app.services.log import CHANNELS as CHANNELS
    from desktop_app.services.log import PENDING_NOTE as PENDING_NOTE
    from desktop_app.services.log import ExportLogService as ExportLogService
    from desktop_app.services.log import parse_channel as parse_channel
    from desktop_app.services.log import parse_date as parse_date
    from desktop_app.services.log import recipient_label as recipient_label
    from desktop_app.services.merge import MergeOutcome as MergeOutcome
    from desktop_app.services.merge import MergeService as MergeService
    from desktop_app.services.reference import ReferenceService as ReferenceService
    from desktop_app.services.shared_database import checked_url as checked_url
    from desktop_app.services.shared_database import password_missing as password_missing
    from desktop_app.services.shared_database import server_name as server_name
    from desktop_app.storage.backups import BackupInfo as BackupInfo
    from desktop_app.storage.crypto import SessionKey as SessionKey
    from desktop_app.storage.errors import BackupNotFound as BackupNotFound
    from desktop_app.storage.errors import ConflictError as ConflictError
    from desktop_app.storage.errors import DamagedFileNotFound as DamagedFileNotFound
    from desktop_app.storage.errors import DatabaseCorrupt as DatabaseCorrupt
    from desktop_app.storage.errors import DatabaseLocked as DatabaseLocked
    from desktop_app.storage.errors import DatabaseTooNew as DatabaseTooNew
    from desktop_app.storage.errors import DatabaseUnavailable as DatabaseUnavailable
    from desktop_app.storage.errors import DraftNotFound as DraftNotFound
    from desktop_app.storage.errors import EventChanged as EventChanged
    from desktop_app.storage.errors import KeyFileDamaged as KeyFileDamaged
    from desktop_app.storage.errors import ServerLoginRefused as ServerLoginRefused
    from desktop_app.storage.errors import ServerSchemaOld as ServerSchemaOld
    from desktop_app.storage.errors import ServerSchemaTooNew as ServerSchemaTooNew
    from desktop_app.storage.errors import ServerUnavailable as ServerUnavailable
    from desktop_app.storage.errors import ServerUrlHasPassword as ServerUrlHasPassword
    from desktop_app.storage.errors import ServerUrlInvalid as ServerUrlInvalid
    from desktop_app.storage.errors import StorageError as StorageError
    from desktop_app.storage.errors import WrongPassphrase as WrongPassphrase
    from desktop_app.storage.live import DraftMark as DraftMark
    from desktop_app.storage.records import DraftPage as DraftPage
    from desktop_app.storage.records import DraftSummary as DraftSummary
    from desktop_app.storage.records import EventRecord as EventRecord
    from desktop_app.storage.records import ExportEntryRecord as ExportEntryRecord
    from desktop_app.storage.records import RevisionRecord as RevisionRecord
    from desktop_app.storage.records import StoredClause as StoredClause
    from desktop_app.storage.records import StoredTerm as StoredTerm

# name -> the module that defines it; each is imported on first use (a fast start).
_EXPORTS = {
    "PRESETS": "desktop_app.compose",
    "ComposeOptions": "desktop_app.compose",
    "DateStyle": "desktop_app.compose",
    "Layout": "desktop_app.compose",
    "StylePreset": "desktop_app.compose",
    "default_preset": "desktop_app.compose",
    "format_date": "desktop_app.compose",
    "presets_for": "desktop_app.compose",
    "sample_path": "desktop_app.paths",
    "BackupService": "desktop_app.services.backups",
    "BackupInfo": "desktop_app.storage.backups",
    "BackupNotFound": "desktop_app.storage.errors",
    "DamagedFileNotFound": "desktop_app.storage.errors",
    "guide_path": "desktop_app.paths",
    "ExportError": "desktop_app.files",
    "ConflictChoice": "desktop_app.services.changes",
    "ConflictResolved": "desktop_app.services.changes",
    "OpChanges": "desktop_app.services.changes",
    "Purged": "desktop_app.services.changes",
    "ImportReport": "desktop_app.services.contact_files",
    "ContactService": "desktop_app.services.contacts",
    "PartyUpdate": "desktop_app.services.contacts",
    "Resolved": "desktop_app.services.contacts",
    "Services": "desktop_app.services.container",
    "build_services": "desktop_app.services.container",
    "open_services": "desktop_app.services.container",
    "services_for": "desktop_app.services.container",
    "DraftService": "desktop_app.services.drafts",
    "LoadedDraft": "desktop_app.services.drafts",
    "read_json_file": "desktop_app.services.drafts",
    "KIND_NAMES": "desktop_app.services.kinds",
    "SAMPLES": "desktop_app.services.kinds",
    "blank_document": "desktop_app.services.kinds",
    "kind_sample": "desktop_app.services.kinds",
    "DariError": "desktop_app.services.errors",
    "EventService": "desktop_app.services.events",
    "EventView": "desktop_app.services.events",
    "SetOutcome": "desktop_app.services.events",
    "FORMATS": "desktop_app.services.export",
    "ExportCancelled": "desktop_app.services.export",
    "ExportRequest": "desktop_app.services.export",
    "ExportResult": "desktop_app.services.export",
    "TargetExists": "desktop_app.services.export",
    "export_files": "desktop_app.services.export",
    "export_omissions": "desktop_app.services.export",
    "plan_export": "desktop_app.services.export",
    "ClauseService": "desktop_app.services.library",
    "GlossaryService": "desktop_app.services.library",
    "ReferenceService": "desktop_app.services.reference",
    "Editing": "desktop_app.services.live",
    "LiveChanges": "desktop_app.services.live",
    "LiveService": "desktop_app.services.live",
    "CHANNELS": "desktop_app.services.log",
    "PENDING_NOTE": "desktop_app.services.log",
    "ExportLogService": "desktop_app.services.log",
    "parse_channel": "desktop_app.services.log",
    "parse_date": "desktop_app.services.log",
    "recipient_label": "desktop_app.services.log",
    "MergeOutcome": "desktop_app.services.merge",
    "MergeService": "desktop_app.services.merge",
    "ExportEntryRecord": "desktop_app.storage.records",
    "ConflictError": "desktop_app.storage.errors",
    "DatabaseCorrupt": "desktop_app.storage.errors",
    "DatabaseTooNew": "desktop_app.storage.errors",
    "DatabaseUnavailable": "desktop_app.storage.errors",
    "DraftNotFound": "desktop_app.storage.errors",
    "DatabaseLocked": "desktop_app.storage.errors",
    "SessionKey": "desktop_app.storage.crypto",
    "KeyFileDamaged": "desktop_app.storage.errors",
    "WrongPassphrase": "desktop_app.storage.errors",
    "EncryptionService": "desktop_app.services.encryption",
    "EncryptionStatus": "desktop_app.services.encryption",
    "PassphraseTooShort": "desktop_app.services.encryption",
    "TurnedOn": "desktop_app.services.encryption",
    "ServerLoginRefused": "desktop_app.storage.errors",
    "ServerSchemaOld": "desktop_app.storage.errors",
    "ServerSchemaTooNew": "desktop_app.storage.errors",
    "ServerUnavailable": "desktop_app.storage.errors",
    "ServerUrlHasPassword": "desktop_app.storage.errors",
    "ServerUrlInvalid": "desktop_app.storage.errors",
    "checked_url": "desktop_app.services.shared_database",
    "password_missing": "desktop_app.services.shared_database",
    "server_name": "desktop_app.services.shared_database",
    "TurnedOff": "desktop_app.services.encryption",
    "StorageError": "desktop_app.storage.errors",
    "DraftMark": "desktop_app.storage.live",
    "DraftPage": "desktop_app.storage.records",
    "DraftSummary": "desktop_app.storage.records",
    "EventChanged": "desktop_app.storage.errors",
    "EventRecord": "desktop_app.storage.records",
    "RevisionRecord": "desktop_app.storage.records",
    "StoredClause": "desktop_app.storage.records",
    "StoredTerm": "desktop_app.storage.records",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = [
    "CHANNELS",
    "FORMATS",
    "KIND_NAMES",
    "PENDING_NOTE",
    "PRESETS",
    "SAMPLES",
    "BackupInfo",
    "BackupNotFound",
    "BackupService",
    "ClauseService",
    "ComposeOptions",
    "ConflictChoice",
    "ConflictError",
    "ConflictResolved",
    "ContactService",
    "DamagedFileNotFound",
    "DariError",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "DateStyle",
    "DraftMark",
    "DraftNotFound",
    "DraftPage",
    "DraftService",
    "DraftSummary",
    "Editing",
    "EncryptionService",
    "EncryptionStatus",
    "EventChanged",
    "EventRecord",
    "EventService",
    "EventView",
    "ExportCancelled",
    "ExportEntryRecord",
    "ExportError",
    "ExportLogService",
    "ExportRequest",
    "ExportResult",
    "GlossaryService",
    "ImportReport",
    "KeyFileDamaged",
    "Layout",
    "LiveChanges",
    "LiveService",
    "LoadedDraft",
    "MergeOutcome",
    "MergeService",
    "OpChanges",
    "PartyUpdate",
    "PassphraseTooShort",
    "Purged",
    "ReferenceService",
    "Resolved",
    "RevisionRecord",
    "ServerLoginRefused",
    "ServerSchemaOld",
    "ServerSchemaTooNew",
    "ServerUnavailable",
    "ServerUrlHasPassword",
    "ServerUrlInvalid",
    "Services",
    "SessionKey",
    "SetOutcome",
    "StorageError",
    "StoredClause",
    "StoredTerm",
    "StylePreset",
    "TargetExists",
    "TurnedOff",
    "TurnedOn",
    "WrongPassphrase",
    "blank_document",
    "build_services",
    "checked_url",
    "default_preset",
    "export_files",
    "export_omissions",
    "format_date",
    "guide_path",
    "kind_sample",
    "open_services",
    "parse_channel",
    "parse_date",
    "password_missing",
    "plan_export",
    "presets_for",
    "read_json_file",
    "recipient_label",
    "sample_path",
    "server_name",
    "services_for",
]
