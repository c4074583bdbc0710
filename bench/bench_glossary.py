"""Benchmark: the terminology check on a 20-page bilingual document with a 2,000-term glossary.

Prints JSON. Not a test: `.venv/bin/python bench/bench_glossary.py`.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import BilingualText, BodyItem, Letter, from_json, to_json
from desktop_app.domain.glossary import Glossary, Term, check_terms
from desktop_app.paths import sample_path
from desktop_app.services.glossary_files import terms_to_csv

SYLLABLES = [chr(0xAC00 + i) for i in range(0, 11172, 37)]
WORDS = [
    "rights",
    "refugee",
    "protection",
    "return",
    "detention",
    "family",
    "review",
    "convention",
    "state",
    "government",
    "law",
    "escapee",
    "torture",
    "camp",
    "border",
]


def make_glossary(rng: random.Random, size: int = 2000) -> list[Term]:
    terms, seen = [], set()
    while len(terms) < size:
        ko = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        if ko in seen:
            continue
        seen.add(ko)
        en = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))) + f" {len(terms)}"
        terms.append(Term(ko, en))
    return terms


def make_document(rng: random.Random, terms: list[Term], pages: int = 20) -> object:
    """About 400 words a page in each language, with glossary terms sprinkled in."""
    body = []
    for _ in range(pages * 4):  # four paragraphs of ~100 words a page
        korean = []
        for _word in range(100):
            if rng.random() < 0.05:
                korean.append(rng.choice(terms).ko + rng.choice(["을", "은", "의", "", "들은"]))
            else:
                korean.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
        english = " ".join(rng.choice(WORDS) for _ in range(100))
        body.append(BodyItem(BilingualText.of(" ".join(korean), english), rng.choice([0, 1, 2])))
    return replace(sample_letter(), body=tuple(body))


def sample_letter() -> Letter:
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    assert isinstance(letter, Letter)
    return letter


def main() -> None:
    rng = random.Random(20241128)
    terms = make_glossary(rng)
    document = make_document(rng, terms)
    words = sum(len(item.text.ko.split()) + len(item.text.en.split()) for item in document.body)  # type: ignore[attr-defined]
    glossary = Glossary(terms)
    start = time.perf_counter()
    findings = check_terms(document, glossary)  # includes compiling the patterns
    first_ms = (time.perf_counter() - start) * 1000
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        check_terms(document, glossary)
        runs.append((time.perf_counter() - start) * 1000)
    paragraph = document.body[0].text  # type: ignore[attr-defined]
    one_field = []
    for _ in range(50):
        start = time.perf_counter()
        glossary.check(paragraph, un_facing=False)
        one_field.append((time.perf_counter() - start) * 1000)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "glossary.csv").write_bytes(terms_to_csv(terms))
        (root / "doc.json").write_text(json.dumps(to_json(document), ensure_ascii=False))
        dari = [sys.executable, "-m", "desktop_app", "--data-dir", str(root)]
        subprocess.run(
            [*dari, "glossary", "import", str(root / "glossary.csv"), "--replace"],
            check=True,
            capture_output=True,
        )
        draft_id = subprocess.run(
            [*dari, "import", str(root / "doc.json")], check=True, capture_output=True, text=True
        ).stdout.strip()
        cli = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([*dari, "check", draft_id], check=True, capture_output=True)
            cli.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "glossary_terms": len(terms),
                "document_words_both_languages": words,
                "findings": len(findings),
                "check_terms_first_run_ms": round(first_ms, 1),
                "check_terms_median_ms": round(statistics.median(runs), 1),
                "one_paragraph_check_median_ms": round(statistics.median(one_field), 2),
                "dari_check_cli_process_median_s": round(statistics.median(cli), 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
