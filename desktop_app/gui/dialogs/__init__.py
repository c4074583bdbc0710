"""The window's dialogs: export, revisions, settings, the Help guide and About."""
