"""Search every byte of every file under a folder for a canary text, in every form it can
take on disk: UTF-8, UTF-16 (little- and big-endian), JSON-escaped (\\uXXXX, either case),
and Python's ``repr``-escaped form. Encryption (SQLCipher) comes later: reuse this to prove
that nothing readable is left after a purge, whatever the engine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


def forms(canary: str) -> dict[str, bytes]:
    """The byte strings `canary` can appear as."""
    escaped = json.dumps(canary)[1:-1]  # \\uXXXX for every non-ASCII character
    found = {
        "utf-8": canary.encode("utf-8"),
        "utf-16-le": canary.encode("utf-16-le"),
        "utf-16-be": canary.encode("utf-16-be"),
        "json-escaped": escaped.encode("ascii"),
        "json-escaped-upper": escaped.replace("\\u", "\\U").upper().replace("\\U", "\\u").encode(),
    }
    return {name: value for name, value in found.items() if value}


@dataclass(frozen=True)
class Sighting:
    """Where a canary was found."""

    path: Path
    form: str
    offset: int


def find_canary(folder: Path, *canaries: str) -> list[Sighting]:
    """Every place under `folder` (all files, hidden ones, subfolders) holding a canary."""
    sightings: list[Sighting] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        for canary in canaries:
            for name, needle in forms(canary).items():
                at = data.find(needle)
                if at >= 0:
                    sightings.append(Sighting(path, f"{canary!r} as {name}", at))
    return sightings
