"""Benchmark: a bundle of DRAFTS drafts with REVISIONS revisions each, exported and imported.

Two real databases in a temporary folder ("two laptops"), keys exchanged. Each draft is
the sample letter (~12 KB of JSON) with its first paragraph changed per revision. Timed: the export
(history read, signed, compressed, age-encrypted to the colleague, written) and the
import into the empty second database (decrypted, checked, every draft created with its
revisions), then a second round where every draft changed on the sending side only
(fast-forward) and one where both sides changed (three-way merge). The passphrase mode
adds scrypt's fixed ~1–2.5 s (one derivation per file), measured apart. Last, every
draft is addressed to the minister of its own ministry (DRAFTS organisations, positions,
holders and appointments in the address book) and holds one of DRAFTS // 2 clauses, sent
with `with_contacts` and `with_clauses` into a third, empty database and then again
(every entry found unchanged). Target (issue 14): export and import each ≤ 2 s for 100
drafts.

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
        result.update(_with_entries(a, ids, Path(tmp)))
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}


def _with_entries(a: Services, ids: list[int], tmp: Path) -> dict[str, object]:
    from datetime import date

    from desktop_app.domain import BilingualText
    from desktop_app.domain.clauses import Clause
    from desktop_app.domain.contacts import (
        Appointment,
        BookOrganisation,
        ContactId,
        ContactKind,
        OfficeDate,
        Person,
        Position,
    )

    day = date(2024, 4, 30)
    clauses = [
        a.clauses.add(
            Clause(
                BilingualText(f"문안 {n}", f"Clause {n}"),
                BilingualText(f"문안 {n} 본문입니다.", ""),
            )
        )
        for n in range(max(1, len(ids) // 2))
    ]
    for n, draft_id in enumerate(ids):
        _, org = a.contacts.save(BookOrganisation(BilingualText(f"부처 {n}", f"Ministry {n}")))
        _, office = a.contacts.save(Position(org.id, title=BilingualText(f"장관 {n}", "Minister")))
        _, person = a.contacts.save(Person(BilingualText(f"사람 {n}", f"Person {n}")))
        a.contacts.save(Appointment(office.id, person.id, OfficeDate.parse("2024-01 [U]"), None))
        recipient = a.contacts.resolve(ContactId(ContactKind.POSITION, office.id), day).recipient
        loaded = a.drafts.load(draft_id)
        body = list(loaded.document.body)
        clause = clauses[n % len(clauses)].clause.text.ko
        body[0] = replace(body[0], text=replace(body[0].text, ko=body[0].text.ko + " " + clause))
        document = replace(loaded.document, recipients=(recipient,), body=tuple(body))
        a.drafts.save(draft_id, document, expected_version=loaded.version)
    out: dict[str, object] = {}
    with services_for(tmp / "c") as c:
        a.bundles.keys.add_colleague("C", c.bundles.keys.own().text)
        to = c.bundles.keys.own()
        bundle = tmp / "entries.age"
        options = {"to": to, "with_contacts": True, "with_clauses": True}
        out["export_with_entries_s"], _ = _timed(lambda: a.bundles.export(ids, bundle, **options))
        out["import_with_entries_s"], outcome = _timed(
            lambda: c.bundles.import_file(bundle, trust_signer=True)
        )
        out["entries_added"] = sum(1 for e in outcome.entries if e.outcome == "added")
        again = tmp / "entries-again.age"
        a.bundles.export(ids, again, **options)
        out["import_entries_again_s"], outcome = _timed(
            lambda: c.bundles.import_file(again, trust_signer=True)
        )
        out["entries_unchanged"] = sum(1 for e in outcome.entries if e.outcome == "unchanged")
    return out


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:3]]
    print(json.dumps(main(*numbers), indent=2))
