"""Compile the catalogs' <lang>/LC_MESSAGES/*.po into .mo files (a build step).

Run by ./dari and ./run-tests for a checkout (the .mo lands beside its .po, and is not
committed), and by setup.py while a wheel is built (into the build folder). This module
imports only Babel at the top, so setup.py can load it by file path before Dari's own
dependencies are installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_catalogs(root: Path, *, out: Path | None = None, force: bool = False) -> list[Path]:
    """Compile root/<lang>/LC_MESSAGES/*.po into the same place under `out` (default: root).

    Writes each .mo that is missing or older than its .po; returns those written.
    """
    written = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
        mo_path = (out or root) / po_path.relative_to(root).with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    from desktop_app.i18n import catalog_dir

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
