"""The window: the only package that imports Qt widgets. Thin views over services."""
