"""Benchmark: address-book type-ahead over 10,000 people and 2,000 organisations, and a
10,000-row import: CSV in UTF-8, the same in CP949, and as XLSX (each into a fresh book).

Prints JSON. Not a test: `.venv/bin/python bench/bench_contacts.py`.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop_app.domain.contacts import BookOrganisation, Person, Position
from desktop_app.domain.text import BilingualText
from desktop_app.services import services_for
from desktop_app.services.contact_csv import COLUMNS, cells, format_rows
from desktop_app.services.contact_xlsx import format_xlsx

SURNAMES = ["김", "이", "박", "최", "정", "조", "윤", "장", "임", "한"]
ROMAN = {
    "김": "Kim",
    "이": "Lee",
    "박": "Park",
    "최": "Choi",
    "정": "Jung",
    "조": "Cho",
    "윤": "Yoon",
    "장": "Jang",
    "임": "Lim",
    "한": "Han",
}
SYLLABLES = [chr(0xAC00 + i) for i in range(0, 11172, 53)]


def _people(rng: random.Random, count: int) -> list[Person]:
    people = []
    for n in range(count):
        family = rng.choice(SURNAMES)
        given = "".join(rng.choice(SYLLABLES) for _ in range(2))
        people.append(
            Person(
                BilingualText.of(f"{family}{given}", f"{ROMAN[family]} Given-{n}"),
                family_name=BilingualText.of(family, ROMAN[family]),
            )
        )
    return people


def _timed(call: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        with services_for(Path(folder) / "data") as services:
            orgs = [
                BookOrganisation(BilingualText.of(f"단체{n}", f"Organisation {n}"))
                for n in range(2000)
            ]
            stored = services._db.contacts.save_all(orgs)
            services._db.contacts.save_all(
                [Position(o.id, BilingualText.of("대표", "Director")) for o in stored]
            )
            services._db.contacts.save_all(_people(rng, 10_000))
            queries = ["조태", "cho", "Kim Given-99", "단체19", "organisation 1999", "없는이름"]
            figures = {}
            for query in queries:
                services.contacts.search(query)  # warm
                times = _timed(lambda q=query: services.contacts.search(q), 30)
                figures[query] = {
                    "median_ms": round(statistics.median(times), 2),
                    "max_ms": round(max(times), 2),
                }
        rows = [
            cells(
                BookOrganisation(BilingualText.of(f"기관{n % 500}", f"Office {n % 500}")),
                Position(0, BilingualText.of("과장", "Head")) if n % 2 else None,
                person,
            )
            for n, person in enumerate(_people(rng, 10_000))
        ]
        path = Path(folder) / "ten-thousand.csv"
        path.write_text(format_rows(rows), encoding="utf-8")
        cp949 = Path(folder) / "ten-thousand-cp949.csv"
        cp949.write_bytes(format_rows(rows).encode("cp949"))
        xlsx = Path(folder) / "ten-thousand.xlsx"
        xlsx.write_bytes(format_xlsx(COLUMNS, rows))
        imports = {}
        for name, source in (("csv_utf8", path), ("csv_cp949", cp949), ("xlsx", xlsx)):
            with services_for(Path(folder) / f"import-{name}") as services:
                start = time.perf_counter()
                report = services.contacts.import_csv(source)
                imports[f"{name}_import_10000_rows_s"] = round(time.perf_counter() - start, 2)
        seconds = imports["csv_utf8_import_10000_rows_s"]
    print(
        json.dumps(
            {
                "people": 10_000,
                "organisations": 2000,
                "positions": 2000,
                "type_ahead": figures,
                "csv_import_10000_rows_s": round(seconds, 2),
                **imports,
                "added": report.added,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
