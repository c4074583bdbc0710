"""Benchmark: encryption at rest. The key derivation (Argon2id with the default parameters,
once per unlock), unlocking a connection (SQLCipher with the raw key: no derivation),
and the save latency of a draft, encrypted against plain; and how long turning encryption
on takes for a folder of 1,000 drafts.

Prints JSON. Not a test: `.venv/bin/python bench/bench_crypto.py`.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import BilingualText
from desktop_app.paths import database_path, sample_path
from desktop_app.services import EncryptionService, services_for
from desktop_app.storage import crypto
from desktop_app.storage.engine import connect_readonly, connect_sqlcipher

PASSPHRASE = "correct horse battery staple 바탕"


def _ms(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2),
    }


def _derivation() -> dict[str, object]:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        crypto.derive(PASSPHRASE, b"s" * 16, crypto.DEFAULT_KDF)
        times.append(time.perf_counter() - started)
    return {"params": vars(crypto.DEFAULT_KDF), **_ms(times), "min_ms": round(min(times) * 1000)}


def _fill(folder: Path, drafts: int) -> None:
    with services_for(folder) as services:
        first = services.drafts.import_file(sample_path())
        for _ in range(drafts - 1):
            services.drafts.duplicate(first.id)


def _save_latency(folder: Path, key: crypto.SessionKey | None, saves: int = 200) -> dict:
    with services_for(folder, key) as services:
        draft = services.drafts.load(services.drafts.list()[0].id)
        times = []
        for n in range(saves):
            document = replace(draft.document, closing=BilingualText.of(f"맺음 {n}", f"end {n}"))
            started = time.perf_counter()
            draft = services.drafts.save(draft.id, document, expected_version=draft.version)
            times.append(time.perf_counter() - started)
    return _ms(times)


def main() -> None:
    result: dict[str, object] = {"key_derivation": _derivation()}
    with tempfile.TemporaryDirectory() as tmp:
        plain, secret = Path(tmp) / "plain", Path(tmp) / "secret"
        _fill(plain, 1000)
        _fill(secret, 1000)
        service = EncryptionService(secret)
        started = time.perf_counter()
        turned = service.turn_on(PASSPHRASE)
        result["turn_on_1000_drafts_s"] = round(time.perf_counter() - started, 2)
        raw = turned.key.get(database_path(secret))
        connects = []
        for _ in range(20):
            started = time.perf_counter()
            conn = connect_sqlcipher(database_path(secret), raw)
            conn.execute("SELECT count(*) FROM drafts").fetchone()
            conn.close()
            connects.append(time.perf_counter() - started)
        result["unlock_connect_encrypted"] = _ms(connects)
        plain_connects = []
        for _ in range(20):
            started = time.perf_counter()
            conn = connect_readonly(database_path(plain))
            conn.execute("SELECT count(*) FROM drafts").fetchone()
            conn.close()
            plain_connects.append(time.perf_counter() - started)
        result["connect_plain"] = _ms(plain_connects)
        started = time.perf_counter()
        key = service.unlock(PASSPHRASE)
        result["unlock_with_passphrase_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        with services_for(secret, key) as services:
            count = len(services.drafts.list())
        result["open_services_and_list_1000_encrypted_ms"] = round(
            (time.perf_counter() - started) * 1000, 1
        )
        assert count == 1000
        result["save_plain"] = _save_latency(plain, None)
        result["save_encrypted"] = _save_latency(secret, service.unlock(PASSPHRASE))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
