"""One form per document kind (letter, UPR brief) and their parts."""
