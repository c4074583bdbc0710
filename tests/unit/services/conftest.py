"""Fixtures shared by the services' tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import Services, services_for


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    """Two real data folders ("two laptops", A and B) that know each other's keys."""
    with services_for(tmp_path / "a") as a, services_for(tmp_path / "b") as b:
        a.bundles.keys.add_colleague("지민 (B)", b.bundles.keys.own().text)
        b.bundles.keys.add_colleague("Alex (A)", a.bundles.keys.own().text)
        yield a, b
