"""The design's one rule about imports: only desktop_app.gui touches Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app

PACKAGE = Path(desktop_app.__file__).parent
QT_FREE = ["domain", "compose", "render", "storage", "services", "i18n"]
# Each layer may import only the layers below it (DESIGN.md).
ALLOWED = {
    "domain": {"domain"},
    "compose": {"compose", "domain"},
    "render": {"render", "compose", "domain"},
    "storage": {"storage", "domain"},
    "services": {"services", "compose", "render", "storage", "domain"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_gui_imports_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
    assert all((PACKAGE / layer).is_dir() for layer in QT_FREE)


def test_layers_import_only_downwards() -> None:
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imported_modules(path):
                parts = name.split(".")
                if (
                    parts[0] == "desktop_app"
                    and len(parts) > 1
                    and parts[1]
                    in {"domain", "compose", "render", "storage", "services", "gui", "cli", "app"}
                    and parts[1] not in allowed
                ):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []
