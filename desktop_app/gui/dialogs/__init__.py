"""The window's dialogs: export, revisions, settings."""
