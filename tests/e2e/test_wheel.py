"""The installable package: build the wheel, install it (not editable) into a fresh
virtual environment and run `dari` from a folder outside the checkout.

The new environment borrows Dari's dependencies (PySide6, python-docx, …) from the
environment running the tests through a .pth file, instead of installing them again:
only `dari` itself comes from the wheel. A .pth line adds a folder to sys.path without
processing the .pth files inside it, so the checkout's editable install stays out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import desktop_app
from desktop_app.i18n.build import compile_catalogs
from desktop_app.services.glossary_files import terms_from_csv

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop_app"
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def run(
    *command: str | Path, cwd: Path, env: dict[str, str] | None = None, both: bool = False
) -> str:
    """Run a command; its standard output (with `both`, stderr too), checked to succeed."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{command} failed ({result.returncode}):\n{output}"
    return output if both else result.stdout


def clean_copy(target: Path) -> Path:
    """The project's sources without generated files (.mo, bytecode, build folders)."""
    target.mkdir()
    for name in SOURCES:
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(
        PACKAGE,
        target / "desktop_app",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo"),
    )
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel built from a clean copy of the sources, and the build's output."""
    work = tmp_path_factory.mktemp("wheel")
    source = clean_copy(work / "src")
    output = run(
        sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps", "--no-index",
        "--no-build-isolation", "--wheel-dir", work / "dist", source,
        cwd=work,
        both=True,
    )  # fmt: skip
    (wheel,) = (work / "dist").glob("*.whl")
    return wheel, output


@pytest.fixture(scope="module")
def venv(built: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin/ folder."""
    wheel, _ = built
    root = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", root, cwd=root.parent)
    python = root / "bin" / "python"
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(run(python, "-c", where, cwd=root.parent, env={}).strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dari-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    pip = [sys.executable, "-m", "pip", "--python", python]
    run(*pip, "install", "--no-deps", "--no-index", wheel, cwd=root.parent)
    return root / "bin"


def environment(bin_dir: Path, home: Path) -> dict[str, str]:
    return {
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }


def test_the_build_prints_no_deprecation_warnings(built: tuple[Path, str]) -> None:
    _, output = built
    assert "compiling" in output  # the build's own output was captured (--verbose)
    noisy = [line for line in output.splitlines() if "deprecat" in line.lower()]
    assert not noisy, "\n".join(noisy)


def test_the_wheel_holds_the_data_catalogs_and_migrations(built: tuple[Path, str]) -> None:
    wheel, _ = built
    assert wheel.name.startswith(f"dari-{desktop_app.__version__}-")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"dari-{desktop_app.__version__}.dist-info/METADATA").decode()
    resources = PACKAGE / "resources"
    shipped = {
        path.relative_to(ROOT).as_posix()
        for path in resources.rglob("*")
        if path.is_file() and path.suffix in {".csv", ".json", ".html"}
    }
    catalogs = {
        f"desktop_app/resources/locale/{po.relative_to(resources / 'locale').with_suffix('.mo')}"
        for po in resources.glob("locale/*/LC_MESSAGES/*.po")
    }
    migrations = {
        path.relative_to(ROOT).as_posix()
        for path in (PACKAGE / "storage" / "migrations").rglob("*")
        if path.is_file() and path.suffix in {".py", ".mako"}
    }
    assert {
        "desktop_app/resources/glossary.csv",
        "desktop_app/resources/samples/founding-case-letter.json",
        "desktop_app/resources/data/states.json",
        "desktop_app/resources/data/upr_sessions.json",
        "desktop_app/resources/guide/guide.en.html",
        "desktop_app/resources/guide/guide.ko.html",
    } <= shipped
    assert "desktop_app/resources/locale/ko/LC_MESSAGES/dari.mo" in catalogs
    assert {
        "desktop_app/storage/migrations/env.py",
        "desktop_app/storage/migrations/script.py.mako",
        "desktop_app/storage/migrations/versions/0001_initial.py",
    } <= migrations
    missing = (shipped | catalogs | migrations) - names
    assert not missing, missing
    assert "License-Expression: GPL-3.0-or-later" in metadata


def test_the_wheel_catalogs_are_compiled_from_the_po_files(
    built: tuple[Path, str], tmp_path: Path
) -> None:
    wheel, _ = built
    expected = tmp_path / "expected"
    compile_catalogs(PACKAGE / "resources" / "locale", out=expected, force=True)
    with zipfile.ZipFile(wheel) as archive:
        for mo in expected.rglob("*.mo"):
            name = f"desktop_app/resources/locale/{mo.relative_to(expected).as_posix()}"
            assert archive.read(name) == mo.read_bytes(), name


def test_every_command_of_the_installed_dari_works(venv: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = environment(venv, tmp_path)
    data = tmp_path / "data"
    python, dari = venv / "python", venv / "dari"

    def where(expression: str) -> Path:
        code = f"import desktop_app.paths as p; print({expression})"
        return Path(run(python, "-c", code, cwd=elsewhere, env=env).strip())

    installed = where("p.__file__").parent
    assert installed.is_relative_to(venv.parent), installed
    assert not installed.is_relative_to(ROOT)
    letter = where("p.sample_path()")
    brief = where("p.sample_path('founding-case-upr-brief.json')")
    assert letter.is_relative_to(installed) and letter.is_file()

    def dari_says(*args: str | Path) -> str:
        return run(dari, "--data-dir", data, *args, cwd=elsewhere, env=env)

    assert run(dari, "--version", cwd=elsewhere, env=env).strip() == (
        f"Dari {desktop_app.__version__}"
    )
    assert dari_says("import", letter).strip() == "1"
    assert dari_says("import", brief).strip() == "2"
    listing = dari_says("list")
    assert listing.startswith("2\tupr") and "\n1\tletter" in listing

    out = tmp_path / "out"
    out.mkdir()
    exported = dari_says("export", "1", "--lang", "both", "--layout", "separate", "--out", out)
    written = [Path(line) for line in exported.splitlines()]
    assert sorted(p.name for p in written) == [
        "2024-04-18 외교부 서한 (en).docx",
        "2024-04-18 외교부 서한 (ko).docx",
    ]
    for path in written:
        assert path.parent == out and path.stat().st_size > 5_000
        with zipfile.ZipFile(path) as docx:
            assert b"<w:t" in docx.read("word/document.xml")

    # bundles: pyrage's extension module and cryptography load from the installed app
    public_key = dari_says("keys", "show").splitlines()[0]
    assert public_key.startswith("dari1:age1")
    (tmp_path / "me.key").write_text(public_key, encoding="utf-8")
    bundle = tmp_path / "me.age"
    dari_says("bundle", "export", "1", "--to", tmp_path / "me.key", "--out", bundle)
    assert dari_says("bundle", "import", bundle).startswith("1\tunchanged")

    check = dari_says("check", "2")  # States and UPR sessions from the shipped data
    assert "R1: " in check
    assert "Viet Nam" in dari_says("show", "2")

    glossary = tmp_path / "glossary.csv"
    seed = terms_from_csv((PACKAGE / "resources" / "glossary.csv").read_bytes())
    assert dari_says("glossary", "export", glossary).startswith(f"{len(seed)} terms written")
    assert terms_from_csv(glossary.read_bytes()) == seed

    code = "from desktop_app.i18n import translator; print(type(translator('ko')).__name__)"
    translated = run(python, "-c", code, cwd=elsewhere, env=env)
    assert translated.strip() == "GNUTranslations"
