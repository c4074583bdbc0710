"""Small widgets shared by the forms and dialogs."""
