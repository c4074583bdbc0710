"""Imports only point down (DESIGN.md): one table of what each part of the package may import.

Every module of `desktop_app` is parsed with `ast` — imports inside functions and
under TYPE_CHECKING count too — and each import of ours is reduced to the part it
reaches: a subpackage (`desktop_app.render.docx_writer` → `render`), a top-level
module (`desktop_app.paths` → `paths`), or the package itself (`from desktop_app
import APP_NAME` → `desktop_app`, the top-level constants). `from desktop_app import
X` counts as X when X is a module or package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import desktop_app

PACKAGE_DIR = Path(desktop_app.__file__).parent
ROOT = "desktop_app"
CONSTANTS = ROOT  # desktop_app/__init__.py: APP_NAME, __version__, … (imports nothing)

# What each part may import besides itself. Keep the reason beside every arrow
# that is not plain "downwards".
SERVICES: frozenset[str] = frozenset(
    {"domain", "compose", "render", "storage", "reference", "files", "paths", "lazy"}
)
SERVICES_AND_BELOW: frozenset[str] = SERVICES | {"services"}
ALLOWED: dict[str, frozenset[str]] = {
    CONSTANTS: frozenset(),
    "domain": frozenset(),  # plain Python: nothing of ours
    "files": frozenset(),  # atomic writes, permissions, names: below everything that writes
    # APP_NAME names the data folder; files: the data folder is made user-only
    "paths": frozenset({CONSTANTS, "files"}),
    # catalogs are shipped resources; errors are said from their templates (domain.messages)
    # and ExportError (files)
    "i18n": frozenset({"paths", "domain", "files"}),
    # reference: the shipped State names and sessions when ComposeOptions has none
    # (imported inside compose._upr; reference sits on domain, files and paths only).
    "compose": frozenset({"domain", "reference"}),
    "render": frozenset({"compose", "domain", "files"}),  # domain: the one rule for text
    "storage": frozenset({"domain", "files", "lazy"}),  # files: the migration backup copy
    "reference": frozenset({"domain", "files", "paths"}),
    "services": SERVICES,
    "cli": SERVICES_AND_BELOW
    | {
        CONSTANTS,
        "app",
        "i18n",
        "logs",
        "cli_contacts",
        "cli_events",
        "cli_encryption",
        "cli_bundles",
    },  # app: only to open the window (lazy)
    # the contacts and lists commands, beside cli.py (which adds their parsers); i18n: the
    # sentences of row problems and office warnings
    "cli_contacts": SERVICES_AND_BELOW | {"i18n", "cli"},
    # the events commands, beside cli.py as cli_contacts is
    "cli_events": SERVICES_AND_BELOW | {"cli"},
    # `dari encryption …`, `dari lock-status` and the passphrase prompt of every command
    "cli_encryption": SERVICES_AND_BELOW | {"i18n", "cli"},
    # `dari keys …` and `dari bundle …`; i18n: the unknown signer's sentence before y/N
    "cli_bundles": SERVICES_AND_BELOW | {"i18n", "cli"},
    "app": SERVICES_AND_BELOW
    | {CONSTANTS, "gui", "i18n", "logs"},  # the composition root builds the window
    "__main__": frozenset({"cli"}),
    # The window reaches the rest through services only (its records, errors, presets
    # and samples included); it shows domain values and speaks through i18n.
    "gui": frozenset({CONSTANTS, "services", "domain", "i18n"}),
    # dari.log in the data folder, for the window and the CLI; files: it is created 600
    "logs": frozenset({"paths", "files"}),
    "lazy": frozenset(),  # PEP 562 helper for the packages that load names on first use
}

# Third-party libraries that belong to one part only (DESIGN.md: "only gui touches Qt").
THIRD_PARTY_HOME: dict[str, frozenset[str]] = {
    "PySide6": frozenset({"gui"}),
    "shiboken6": frozenset({"gui"}),
    "sqlalchemy": frozenset({"storage"}),
    "alembic": frozenset({"storage"}),
    "docx": frozenset({"render"}),
    "pypdfium2": frozenset({"render"}),  # PDF pages as images for printing (render/raster.py)
    # the address book's XLSX files (services/contact_xlsx.py), behind a defusedxml check
    "openpyxl": frozenset({"services"}),
    # the PDF metadata scrub (render/pdf_scrub.py)
    "pypdf": frozenset({"render"}),
    # encryption at rest: SQLCipher connections and the Argon2id key derivation
    "sqlcipher3": frozenset({"storage"}),
    "argon2": frozenset({"storage"}),
}


def module_files() -> Iterator[tuple[str, Path]]:
    """(dotted module name, file) for every module of the package."""
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = (ROOT, *path.relative_to(PACKAGE_DIR).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def existing_parts() -> set[str]:
    """The parts of the package: its own __init__, each top-level module, each subpackage."""
    parts = {CONSTANTS}
    for child in PACKAGE_DIR.iterdir():
        if child.suffix == ".py" and child.name != "__init__.py":
            parts.add(child.stem)
        elif child.is_dir() and (child / "__init__.py").is_file():
            parts.add(child.name)
    return parts


PARTS = existing_parts()


def part_of(module: str) -> str:
    """`desktop_app.render.text` → "render"; `desktop_app` → the constants."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 and pieces[1] in PARTS else CONSTANTS


def imports_of(module: str, path: Path) -> Iterator[str]:
    """Every module `path` imports, absolute, at any depth of the file."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == ROOT:  # from desktop_app import X: the module X, or a constant
                for alias in node.names:
                    yield f"{ROOT}.{alias.name}" if alias.name in PARTS else ROOT
            else:
                yield target


def our_imports() -> Iterator[tuple[str, str, str]]:
    """(importing module, its part, the part it imports) for every import of ours."""
    for module, path in module_files():
        own = part_of(module)
        for name in imports_of(module, path):
            if name == ROOT or name.startswith(ROOT + "."):
                yield module, own, part_of(name)


def test_the_table_names_every_part_of_the_package() -> None:
    assert set(ALLOWED) == PARTS  # a new module or package needs its own row
    for allowed in ALLOWED.values():
        assert allowed <= PARTS


def test_the_parser_sees_every_kind_of_import() -> None:
    found = set(imports_of(f"{ROOT}.cli", PACKAGE_DIR / "cli.py"))
    assert f"{ROOT}.app" in found  # imported inside main()
    assert ROOT in found  # from desktop_app import APP_NAME
    found = set(imports_of(f"{ROOT}.services.export", PACKAGE_DIR / "services" / "export.py"))
    assert f"{ROOT}.render" in found  # from desktop_app import render
    assert len(list(module_files())) > 60


def test_each_part_imports_only_what_the_table_allows() -> None:
    wrong = sorted(
        f"{module} imports {ROOT}.{target if target != CONSTANTS else ''} ({target})"
        for module, own, target in our_imports()
        if target != own and target not in ALLOWED[own]
    )
    assert wrong == []


def test_third_party_libraries_stay_in_their_part() -> None:
    wrong = []
    for module, path in module_files():
        own = part_of(module)
        for name in imports_of(module, path):
            home = THIRD_PARTY_HOME.get(name.split(".")[0])
            if home is not None and own not in home:
                wrong.append(f"{module} imports {name}")
    assert wrong == []
