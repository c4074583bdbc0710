"""`dari pending list|export`: the text kept on this computer while the shared database is
away, read with the server still stopped (no database is opened)."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

from desktop_app.domain import BilingualText, Letter
from desktop_app.services import blank_document, open_services
from tests.helpers.cli import dari
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
