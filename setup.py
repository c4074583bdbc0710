"""Build hook: compile the gettext catalogs into the package while it is built.

The .mo files are generated, never committed: a wheel gets them in its build folder,
an editable install (`pip install -e .`) beside their .po files. Everything else about
the package is declared in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LOCALE = Path("desktop_app", "resources", "locale")


def catalog_compiler() -> Callable[..., list[Path]]:
    """desktop_app.i18n.build.compile_catalogs, loaded by path (Dari is not installed yet)."""
    spec = importlib.util.spec_from_file_location(
        "_dari_i18n_build", ROOT / "desktop_app" / "i18n" / "build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    compile_catalogs: Callable[..., list[Path]] = module.compile_catalogs
    return compile_catalogs


class BuildPyWithCatalogs(build_py):
    """build_py, then the .mo beside every .po under desktop_app/resources/locale/."""

    def run(self) -> None:
        super().run()
        compile_catalogs = catalog_compiler()
        if self.editable_mode:
            compile_catalogs(ROOT / LOCALE)
            return
        written = compile_catalogs(ROOT / LOCALE, out=Path(self.build_lib) / LOCALE, force=True)
        if not written:
            raise SystemExit(f"no catalogs to compile under {ROOT / LOCALE}")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs: list[str] = super().get_outputs(include_bytecode)
        build_locale = Path(self.build_lib) / LOCALE
        outputs += [str(po.with_suffix(".mo")) for po in build_locale.glob("*/LC_MESSAGES/*.po")]
        return sorted(set(outputs))


cmdclass: dict[str, Any] = {"build_py": BuildPyWithCatalogs}
setup(cmdclass=cmdclass)
