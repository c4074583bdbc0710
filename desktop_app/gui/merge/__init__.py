"""Mail merge and the export log in the window (issue 11): the merge dialog, its worker
thread and the export log view."""
