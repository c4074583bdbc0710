"""The glossary in the window: live term marks, the glossary and term dialogs."""
