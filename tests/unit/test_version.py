"""Dari's version is written once, in desktop_app/__init__.py; everything else reads it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import desktop_app
from desktop_app.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", desktop_app.__version__)


def test_pyproject_reads_the_version_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "desktop_app.__version__"}


def test_build_spec_imports_the_version() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "from desktop_app import __version__ as VERSION" in spec
    assert "version=VERSION" in spec


def test_dari_version_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"Dari {desktop_app.__version__}"


def test_no_other_file_writes_the_version_down() -> None:
    files = [ROOT / "pyproject.toml", ROOT / "setup.py", ROOT / "build.spec"]
    files += sorted((ROOT / "scripts").iterdir())
    literal = re.compile(rf"(?<![\d.]){re.escape(desktop_app.__version__)}(?![\d.])")
    written = [path.name for path in files if literal.search(path.read_text(encoding="utf-8"))]
    assert not written
