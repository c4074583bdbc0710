"""Compile translations/*/LC_MESSAGES/dari.po into .mo files (a build step; run by ./dari)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from desktop_app.i18n import DOMAIN, catalog_dir


def compile_catalogs(root: Path, *, force: bool = False) -> list[Path]:
    """Write each .mo that is missing or older than its .po; returns those written."""
    written = []
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    for path in compile_catalogs(catalog_dir(), force=args.force):
        if not args.quiet:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
