"""Fixtures for the services tests (`services`, `fresh_services` and `db` are in tests/conftest.py,
on both databases)."""

from __future__ import annotations

import os

import pytest

from desktop_app import render


@pytest.fixture(autouse=True)
def _libreoffice_when_marked(request: pytest.FixtureRequest) -> None:
    """A test marked `libreoffice` needs it: a skip where it is absent, a failure under CI."""
    if request.node.get_closest_marker("libreoffice") and not render.libreoffice_available():
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice must be installed under CI")
        pytest.skip("LibreOffice is not installed")
