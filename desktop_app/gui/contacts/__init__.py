"""The address book in the window: the dialog, the letter form's pickers, the update."""
