"""Benchmark: the encrypted salvage's reading of a -wal (issue 13). An encrypted folder of
N drafts whose saves of the last M drafts are still in the WAL (never checkpointed, as a
crash leaves them), the main file damaged: how long decrypting the file alone takes, with
its WAL laid over it, and the whole `recovery.salvage`; and how many drafts come back.

Prints JSON. Not a test: `.venv/bin/python bench/bench_salvage_wal.py [--drafts N] [--wal M]`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import sqlalchemy

from desktop_app.paths import sample_path
from desktop_app.services import EncryptionService, recovery, services_for
from desktop_app.storage import crypto
from desktop_app.storage.salvage import committed_frames, decrypted_image

PASSPHRASE = "bench salvage wal 다리"
FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--wal", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        live, data = Path(tmp) / "live", Path(tmp) / "data"
        with services_for(live) as services:
            for _ in range(args.drafts):
                services.drafts.import_file(sample_path())
        key = EncryptionService(live, kdf=FAST).turn_on(PASSPHRASE).key
        with services_for(live, key) as services:
            engine = services._db.engine
            engine.dispose()
            sqlalchemy.event.listen(
                engine, "connect", lambda conn, _r: conn.execute("PRAGMA wal_autocheckpoint = 0")
            )
            for _ in range(args.wal):
                services.drafts.import_file(sample_path())
            shutil.copytree(live, data)
        main_file, wal = data / "dari.sqlite3", data / "dari.sqlite3-wal"
        raw, frames = key.get(main_file), wal.read_bytes()
        pages = main_file.stat().st_size // 4096
        with open(main_file, "r+b") as f:
            f.seek(pages // 2 * 4096)
            f.write(random.Random(1).randbytes(4096))
        started = time.perf_counter()
        decrypted_image(main_file.read_bytes(), raw)
        alone = time.perf_counter() - started
        started = time.perf_counter()
        decrypted_image(main_file.read_bytes(), raw, frames)
        with_wal = time.perf_counter() - started
        started = time.perf_counter()
        done = recovery.salvage(data, key=EncryptionService(data).unlock(PASSPHRASE))
        whole = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "drafts": args.drafts + args.wal,
                    "drafts_only_in_wal": args.wal,
                    "file_pages": pages,
                    "wal_frames_committed": committed_frames(frames).frames,
                    "wal_bytes": len(frames),
                    "decrypt_file_ms": round(alone * 1000, 1),
                    "decrypt_file_and_wal_ms": round(with_wal * 1000, 1),
                    "salvage_ms": round(whole * 1000, 1),
                    "drafts_salvaged": done.drafts,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
