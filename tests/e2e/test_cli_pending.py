"""`dari pending list|export|send|discard`: the text kept on this computer while the shared
database is away, read with the server still stopped (no database is opened), then sent when
it is back (a colleague's change and a purge meanwhile), or discarded."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from typing import Any

from desktop_app.domain import BilingualText, Letter, from_json
from desktop_app.services import Services, blank_document, open_services
from tests.helpers.cli import dari, on_a_terminal
from tests.helpers.postgres import PostgresServer

KEPT = "구금 시설 면담 — kept while the server was away"


def keep_one(data_dir: Path, url: str) -> int:
    services = open_services(data_dir, database_url=url)
    try:
        document = blank_document(Letter.KIND)
        draft = services.drafts.create(document)
        changed = dataclasses.replace(document, subject=BilingualText(KEPT, "Detention interview"))
        assert services.pending is not None
        services.pending.keep(draft.id, draft.version, changed)
        return draft.id
    finally:
        services.close()


def test_kept_texts_are_listed_and_exported_while_the_server_is_away(
    own_pg_server: PostgresServer, own_pg_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    draft_id = keep_one(data, own_pg_url)
    own_pg_server.halt("fast")
    try:
        listed = dari("--database-url", own_pg_url, "pending", "list", data_dir=data)
        assert listed.returncode == 0, listed.stderr
        [line] = listed.stdout.splitlines()
        server, number, _kept_at, title = line.split("\t")
        assert (int(number), title) == (draft_id, KEPT)
        assert (
            server == f"postgres@{own_pg_server.socket}/{own_pg_url.split('?')[0].split('/')[-1]}"
        )

        out = tmp_path / "kept.json"
        exported = dari("pending", "export", str(draft_id), out, data_dir=data)
        assert exported.returncode == 0, exported.stderr
        assert KEPT in out.read_text("utf-8")
        # the JSON draft goes into a folder of this computer's own
        imported = dari("import", out, data_dir=tmp_path / "local")
        assert imported.returncode == 0, imported.stderr
        docx = tmp_path / "kept letter.docx"
        written = dari("pending", "export", str(draft_id), docx, data_dir=data)
        assert written.returncode == 0, written.stderr
        with zipfile.ZipFile(docx) as archive:
            assert "구금 시설 면담" in archive.read("word/document.xml").decode("utf-8")

        missing = dari("pending", "export", "999", tmp_path / "x.docx", data_dir=data)
        assert missing.returncode == 1
        assert "No text of draft 999 is kept" in missing.stderr
        assert "Traceback" not in missing.stderr
        in_korean = dari("pending", "list", data_dir=tmp_path / "empty", lang="ko_KR.UTF-8")
        assert in_korean.returncode == 0
        assert "보관한 글이 없습니다" in in_korean.stdout, in_korean.stdout
    finally:
        own_pg_server.resume()


# -- dari pending send / discard: the kept texts reach the server without a window ----------

MINE = "면담 기록 — typed while the server was away"


def subject(document: Any) -> str:
    return str(document.subject.ko)


def with_subject(text: str) -> Any:
    return dataclasses.replace(blank_document(Letter.KIND), subject=BilingualText(text, "x"))


def keep_three(data_dir: Path, url: str) -> tuple[int, int, int]:
    """Three drafts with a kept edit each: one unchanged on the server since, one a colleague
    changed meanwhile, one purged meanwhile."""
    services = open_services(data_dir, database_url=url)
    try:
        pending = services.pending
        assert pending is not None
        ids = []
        for name in ("plain", "changed", "purged"):
            draft = services.drafts.create(with_subject(f"server {name}"))
            pending.keep(draft.id, draft.version, with_subject(f"{MINE} ({name})"))
            ids.append(draft.id)
        plain, changed, purged = ids
        # a colleague's laptop meanwhile (its own data folder, the same server)
        colleague = open_services(data_dir.parent / "colleague", database_url=url)
        try:
            base = colleague.drafts.load(changed)
            colleague.drafts.save(
                changed, with_subject("colleague's"), expected_version=base.version
            )
            colleague.drafts.trash(purged)
            colleague.drafts.purge(purged, keep_log=False)
        finally:
            colleague.close()
        return plain, changed, purged
    finally:
        services.close()


def on_server(url: str, data_dir: Path) -> Services:
    return open_services(data_dir, database_url=url)


def kept_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "pending").glob("*/draft-*.json"))


def test_pending_send_after_the_server_is_back_a_conflict_and_a_purged_draft(
    own_pg_server: PostgresServer, own_pg_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    plain, changed, purged = keep_three(data, own_pg_url)
    own_pg_server.halt("fast")
    try:
        away = dari("--database-url", own_pg_url, "pending", "send", data_dir=data)
        assert away.returncode == 1
        assert "could not reach the shared database" in away.stderr
        assert "stay kept on this computer" in away.stderr
        assert "Traceback" not in away.stderr
        assert len(kept_files(data)) == 3  # nothing deleted
    finally:
        own_pg_server.resume()

    sent = dari("--database-url", own_pg_url, "pending", "send", data_dir=data)
    assert sent.returncode == 0, sent.stderr
    lines = sent.stdout.splitlines()
    assert len(lines) == 3, sent.stdout
    by_draft = {int(re.match(r"Draft (\d+)\b", line)[1]): line for line in lines}  # type: ignore[index]
    assert sorted(by_draft) == sorted((plain, changed, purged))
    assert "saved to the shared database" in by_draft[plain]
    assert "changed on the server meanwhile" in by_draft[changed]
    assert "deleted for good on the server meanwhile" in by_draft[purged]
    assert kept_files(data) == []

    services = on_server(own_pg_url, tmp_path / "check")
    try:
        assert subject(services.drafts.load(plain).document) == f"{MINE} (plain)"
        assert subject(services.drafts.load(changed).document) == "colleague's"  # theirs stays
        copies = [d.id for d in services.drafts.list() if d.id not in (plain, changed)]
        texts = {subject(d.document): d for d in map(services.drafts.load, copies)}
        assert len(copies) == 2
        assert f"{MINE} (changed)" in texts and f"{MINE} (purged)" in texts
        [first] = services.drafts.revisions(texts[f"{MINE} (changed)"].id)
        assert first.reason == f"your version, kept when draft {changed} was changed elsewhere"
        number = texts[f"{MINE} (changed)"].id
        assert f"new draft (number {number})" in by_draft[changed]
    finally:
        services.close()
    again = dari("--database-url", own_pg_url, "pending", "send", data_dir=data)
    assert again.returncode == 0 and "nothing to send" in again.stdout


def test_pending_send_overwrite_and_only_the_ids_given_in_korean(
    own_pg_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _plain, changed, _purged = keep_three(data, own_pg_url)
    korean = dari(
        "--database-url",
        own_pg_url,
        "pending",
        "send",
        "--overwrite",
        str(changed),
        data_dir=data,
        lang="ko_KR.UTF-8",
    )
    assert korean.returncode == 0, korean.stderr
    [line] = korean.stdout.splitlines()
    assert str(changed) in line and "수정 기록" in line, line
    assert len(kept_files(data)) == 2  # the others stay kept
    services = on_server(own_pg_url, tmp_path / "check")
    try:
        assert subject(services.drafts.load(changed).document) == f"{MINE} (changed)"
        older = [from_json(r.payload) for r in services.drafts.revisions(changed)]
        assert "colleague's" in [subject(document) for document in older]
    finally:
        services.close()
    missing = dari("--database-url", own_pg_url, "pending", "send", "999", data_dir=data)
    assert missing.returncode == 1 and "No text of draft 999 is kept" in missing.stderr
    no_url = dari("pending", "send", data_dir=data)
    assert no_url.returncode == 1 and "--database-url" in no_url.stderr
    assert len(kept_files(data)) == 2


def test_pending_discard_asks_on_a_terminal_and_needs_a_yes(
    own_pg_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    plain, changed, _purged = keep_three(data, own_pg_url)
    refused = dari("pending", "discard", str(plain), data_dir=data)
    assert refused.returncode == 1 and "Nothing was deleted" in refused.stderr
    assert len(kept_files(data)) == 3
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    args = ["--data-dir", str(data), "pending", "discard", str(plain)]
    printed, status = on_a_terminal(args, env, "no")
    assert status == 1 and "Type yes" in printed and "Nothing was deleted" in printed, printed
    assert len(kept_files(data)) == 3
    printed, status = on_a_terminal(args, env, "yes")
    assert status == 0 and "was deleted" in printed, printed
    assert f"draft-{plain}.json" not in kept_files(data)
    done = dari(
        "--database-url", own_pg_url, "pending", "discard", str(changed), "--yes", data_dir=data
    )
    assert done.returncode == 0, done.stderr
    assert len(kept_files(data)) == 1
    gone = dari("pending", "discard", str(plain), "--yes", data_dir=data)
    assert gone.returncode == 1 and f"No text of draft {plain} is kept" in gone.stderr
