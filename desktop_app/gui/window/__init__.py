"""The main window and what it holds: draft list, preview, autosave, undo, actions."""
