"""Benchmark: a bundle of DRAFTS drafts with REVISIONS revisions each, exported and imported.

Two real databases in a temporary folder ("two laptops"), keys exchanged. Each draft is
the sample letter (~12 KB of JSON) with its first paragraph changed per revision. Timed: the export
(history read, signed, compressed, age-encrypted to the colleague, written) and the
import into the empty second database (decrypted, checked, every draft created with its
revisions), then a second round where every draft changed on the sending side only
(fast-forward) and one where both sides changed (three-way merge). The passphrase mode
adds scrypt's fixed ~1–2.5 s (one derivation per file), measured apart. Target (issue
14): export and import each ≤ 2 s for 100 drafts.

Prints JSON. Not a test: run `.venv/bin/python bench/bench_bundles.py [DRAFTS] [REVISIONS]`.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop_app.domain import from_json
from desktop_app.paths import sample_path
from desktop_app.services import Services, services_for


def _edit(services: Services, draft_id: int, text: str) -> None:
    loaded = services.drafts.load(draft_id)
    body = list(loaded.document.body)
    body[0] = replace(body[0], text=replace(body[0].text, ko=text))
    document = replace(loaded.document, body=tuple(body))
    services.drafts.save(draft_id, document, expected_version=loaded.version, revision_reason=text)


def _timed(call: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def main(drafts: int = 100, revisions: int = 5) -> dict[str, object]:
    letter = from_json(json.loads(sample_path().read_text(encoding="utf-8")))
    result: dict[str, object] = {"drafts": drafts, "revisions_each": revisions}
    with (
        tempfile.TemporaryDirectory() as tmp,
        services_for(Path(tmp) / "a") as a,
        services_for(Path(tmp) / "b") as b,
    ):
        a.bundles.keys.add_colleague("B", b.bundles.keys.own().text)
        b.bundles.keys.add_colleague("A", a.bundles.keys.own().text)
        to = b.bundles.keys.own()
        ids = [a.drafts.create(letter).id for n in range(drafts)]
        for draft_id in ids:
            for r in range(revisions - 1):
                _edit(a, draft_id, f"수정 {r}")
        bundle = Path(tmp) / "one.age"
        result["export_s"], _ = _timed(lambda: a.bundles.export(ids, bundle, to=to))
        result["bundle_bytes"] = bundle.stat().st_size
        result["import_new_s"], outcome = _timed(lambda: b.bundles.import_file(bundle))
        b_ids = [d.draft_id for d in outcome.drafts]
        for draft_id in ids:
            _edit(a, draft_id, "A의 수정")
        second = Path(tmp) / "two.age"
        result["export_again_s"], _ = _timed(lambda: a.bundles.export(ids, second, to=to))
        result["import_fast_forward_s"], _ = _timed(lambda: b.bundles.import_file(second))
        for draft_id in ids:
            _edit(a, draft_id, "A의 또 다른 수정")
        for draft_id in b_ids:
            _edit(b, draft_id, "B의 수정")
        third = Path(tmp) / "three.age"
        a.bundles.export(ids, third, to=to)
        result["import_merge_s"], merged = _timed(lambda: b.bundles.import_file(third))
        result["merge_conflicts"] = merged.conflicts
        result["import_again_s"], _ = _timed(lambda: b.bundles.import_file(third))
        locked = Path(tmp) / "locked.age"
        result["export_passphrase_s"], _ = _timed(
            lambda: a.bundles.export(ids, locked, passphrase="벤치마크용 긴 암호")
        )
        result["import_passphrase_s"], _ = _timed(
            lambda: b.bundles.import_file(locked, passphrase="벤치마크용 긴 암호")
        )
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:3]]
    print(json.dumps(main(*numbers), indent=2))
