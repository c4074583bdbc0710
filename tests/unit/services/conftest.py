"""Fixtures for the services tests (`services`, `fresh_services` and `db` are in tests/conftest.py,
on both databases)."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from desktop_app import render
from desktop_app.services import Services


@pytest.fixture(autouse=True)
def _libreoffice_when_marked(request: pytest.FixtureRequest) -> None:
    """A test marked `libreoffice` needs it: a skip where it is absent, a failure under CI."""
    if request.node.get_closest_marker("libreoffice") and not render.libreoffice_available():
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice must be installed under CI")
        pytest.skip("LibreOffice is not installed")


@pytest.fixture
def laptops(
    services: Services, fresh_services: Callable[[str], Services]
) -> tuple[Services, Services]:
    """Two installations ("two laptops", A and B), each on a database of the test's kind,
    that know each other's keys."""
    a, b = services, fresh_services("b")
    a.bundles.keys.add_colleague("지민 (B)", b.bundles.keys.own().text)
    b.bundles.keys.add_colleague("Alex (A)", a.bundles.keys.own().text)
    return a, b
