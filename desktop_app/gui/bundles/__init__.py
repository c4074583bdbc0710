"""Bundles in the window: File › Send to a colleague…, File › Import a bundle…, the merge."""
