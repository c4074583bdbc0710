"""Benchmark: the letter form's address-book type-ahead (`gui/contacts/picker.py::suggestions`:
the search, then each person's offices and their organisations) over 10,000 people, 2,000
organisations and 2,000 offices, each person holding one office.

Prints JSON. Not a test: `.venv/bin/python bench/bench_picker.py` (needs no display).
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
from pathlib import Path

from bench_contacts import _people, _timed  # the same made-up book (bench/ is on the path)

from desktop_app.domain.contacts import Appointment, BookOrganisation, Position
from desktop_app.domain.text import BilingualText
from desktop_app.gui.contacts.picker import suggestions
from desktop_app.services import services_for


def main() -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder, services_for(Path(folder) / "data") as services:
        db = services._db.contacts
        orgs = db.save_all(
            [
                BookOrganisation(BilingualText.of(f"단체{n}", f"Organisation {n}"))
                for n in range(2000)
            ]
        )
        offices = db.save_all([Position(o.id, BilingualText.of("대표", "Director")) for o in orgs])
        people = db.save_all(_people(rng, 10_000))
        db.save_all([Appointment(offices[n % 2000].id, p.id) for n, p in enumerate(people)])
        figures = {}
        for query in ["조태", "조", "cho", "Kim Given-99", "단체19", "없는이름"]:
            suggestions(services.contacts, query, str)  # warm
            times = _timed(lambda q=query: suggestions(services.contacts, q, str), 30)
            figures[query] = {
                "suggestions": len(suggestions(services.contacts, query, str)),
                "median_ms": round(statistics.median(times), 2),
                "max_ms": round(max(times), 2),
            }
    print(
        json.dumps(
            {"people": 10_000, "organisations": 2000, "type_ahead": figures},
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
