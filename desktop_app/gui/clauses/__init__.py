"""The clause library panel, its dialog and inserting a clause into a field."""
