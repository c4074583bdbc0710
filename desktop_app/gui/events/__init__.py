"""Events in the window: the events dialog, the set export and its worker."""
