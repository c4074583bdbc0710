"""Search every byte of every file under a folder for a canary text, in every form it can
take on disk: UTF-8, UTF-16 (little- and big-endian), JSON-escaped (\\uXXXX, either case).
Used after a purge (plain and encrypted) and over an encrypted folder: nothing readable left.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

KO_CANARY = "탈북민카나리아요청서"
EN_CANARY = "CanaryPetitionForTheMinister"


def forms(canary: str) -> dict[str, bytes]:
    """The byte strings `canary` can appear as."""
    escaped = json.dumps(canary)[1:-1]  # \\uXXXX for every non-ASCII character
    found = {
        "utf-8": canary.encode("utf-8"),
        "utf-16-le": canary.encode("utf-16-le"),
        "utf-16-be": canary.encode("utf-16-be"),
        "json-escaped": escaped.encode("ascii"),
        "json-escaped-upper": escaped.replace("\\u", "\\U").upper().replace("\\U", "\\u").encode(),
        "json-lower": escaped.lower().encode("ascii"),
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


def leaks(folder: Path, *texts: str) -> list[tuple[str, str, str]]:
    """(file, text, form) for every file under `folder` whose raw bytes hold a text."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for text in texts:
            for name, needle in forms(text).items():
                if needle in data:
                    found.append((str(path.relative_to(folder)), text, name))
    return found
