"""Search every file of a folder for draft text in the forms it could be stored in."""

from __future__ import annotations

import json
from pathlib import Path

KO_CANARY = "탈북민카나리아요청서"
EN_CANARY = "CanaryPetitionForTheMinister"


def forms(text: str) -> dict[str, bytes]:
    """UTF-8, UTF-16 (both byte orders) and JSON-escaped forms of `text`."""
    escaped = json.dumps(text)[1:-1]  # \\uXXXX for Hangul
    return {
        "utf-8": text.encode("utf-8"),
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "json": escaped.encode("ascii"),
        "json-lower": escaped.lower().encode("ascii"),
    }


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
