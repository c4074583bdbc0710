"""`dari --database-url …` against the real PostgreSQL server the tests start."""

from __future__ import annotations

from pathlib import Path

from desktop_app.paths import resource
from tests.helpers.cli import dari, on_a_terminal
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, SHARED, PostgresServer


def test_import_then_search_in_korean_on_the_shared_database(
    pg_server: PostgresServer, pg_url: str, tmp_path: Path
) -> None:
    sample = Path(str(resource("samples", "founding-case-letter.json")))
    imported = dari("--database-url", pg_url, "import", sample, data_dir=tmp_path / "a")
    assert imported.returncode == 0, imported.stderr
    draft_id = imported.stdout.strip()
    # a second laptop (its own data folder) sees the same drafts
    found = dari("--database-url", pg_url, "list", "--search", "탈북", data_dir=tmp_path / "b")
    assert found.returncode == 0, found.stderr
    assert draft_id in found.stdout
    assert not (tmp_path / "b" / "dari.sqlite3").exists()


def test_backups_with_a_server_database_are_a_sentence(pg_url: str, tmp_path: Path) -> None:
    result = dari("--database-url", pg_url, "backups", "list", data_dir=tmp_path)
    assert result.returncode == 1
    assert "made on the server" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_password_in_the_url_or_a_refused_login_is_a_sentence(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    with_password = pg_server.url(SHARED, user=f"{PASSWORD_ROLE}:secret")
    result = dari("--database-url", with_password, "list", data_dir=tmp_path)
    assert result.returncode == 1
    assert "secret" not in result.stderr and "no password in it" in result.stderr
    refused = dari(
        "--database-url", pg_server.url(SHARED, PASSWORD_ROLE), "list", data_dir=tmp_path
    )
    assert refused.returncode == 1
    assert "refused the login" in refused.stderr


def test_the_password_prompt_speaks_korean_and_the_password_opens_the_database(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    pg_server.reset_shared()
    for grant in ("SCHEMA public", "ALL TABLES IN SCHEMA public", "ALL SEQUENCES IN SCHEMA public"):
        pg_server.sql(f"GRANT ALL ON {grant} TO {PASSWORD_ROLE}", SHARED)
    url = pg_server.url(SHARED, PASSWORD_ROLE)
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "ko_KR.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PGPASSFILE": str(tmp_path / "no-pgpass"),  # neither the account's .pgpass
    }
    args = ["--data-dir", str(tmp_path / "data"), "--database-url", url, "list"]
    printed, status = on_a_terminal(args, env, PASSWORD)
    assert status == 0, printed
    assert (
        f"공유 데이터베이스 {PASSWORD_ROLE}@" in printed
        and f"“{PASSWORD_ROLE}” 비밀번호" in printed
    )
    assert PASSWORD not in printed  # not echoed
    refused, status = on_a_terminal(args, env, "not the password")
    assert status == 1 and "로그인을 거부했습니다" in refused and "Traceback" not in refused
    english, status = on_a_terminal(args, {**env, "LANG": "C.UTF-8"}, PASSWORD)
    assert status == 0 and f"Password of “{PASSWORD_ROLE}” for the shared database" in english
