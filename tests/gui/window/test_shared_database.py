"""The window on a shared PostgreSQL database (issue 14), against the real server the tests
start: the address from Settings or the command line, the password dialog, a refused password,
a server out of reach, an address with a password, an older and a newer schema."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

import desktop_app.app as app_module
from desktop_app import cli
from desktop_app.gui.dialogs.encryption import EncryptionDialog
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.settings import Settings
from desktop_app.gui.window import shared_database
from desktop_app.gui.window.main_window import MainWindow
from desktop_app.gui.window.shared_database import PasswordDialog
from desktop_app.services import server_name, services_for
from desktop_app.storage import migrate
from tests.gui.conftest import settings_file
from tests.helpers.canary import find_canary
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, SHARED, PostgresServer, downgrade_newest
from tests.helpers.samples import sample_letter

HANGUL = re.compile("[가-힣]")


@pytest.fixture(autouse=True)
def _no_password_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither the account's ~/.pgpass nor a PGPASSWORD of the shell answers for the tests."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)


@pytest.fixture
def unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question nobody answers would hang the test: fail instead."""

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected question: {args}")

    for name in ("ask_password", "ask_update", "ask_after_problem"):
        monkeypatch.setattr(shared_database, name, unexpected)


def start(tmp_path: Path, data_dir: Path, url: str = "", **options: object) -> MainWindow:
    """The window as `dari` starts it, with `url` as the Settings' shared database."""
    qsettings = settings_file(tmp_path)
    Settings(qsettings).database_url = url
    return app_module.start_window(QApplication.instance(), data_dir, qsettings, **options)  # type: ignore[arg-type]


def closed(window: MainWindow) -> None:
    window.close()
    window.ui.deleteLater()
    if window.is_attached:
        window.services.close()


@pytest.fixture
def password_url(pg_server: PostgresServer) -> str:
    """The shared database for the role that must give its password (scram)."""
    pg_server.reset_shared()
    for grant in (
        f"GRANT ALL ON SCHEMA public TO {PASSWORD_ROLE}",
        f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}",
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {PASSWORD_ROLE}",
    ):
        pg_server.sql(grant, SHARED)
    return pg_server.url(SHARED, user=PASSWORD_ROLE)


def test_the_window_opens_the_shared_database_of_settings_and_names_it(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, pg_url: str, unexpected_questions: None
) -> None:
    with services_for(tmp_path / "colleague", database_url=pg_url) as colleague:
        draft = colleague.drafts.create(sample_letter())  # a colleague's laptop wrote it
    window = start(tmp_path, data_dir, pg_url)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.attached, timeout=10_000):
            pass
        assert window.services.server == server_name(pg_url)
        assert window.services.server.startswith("postgres@/") and SHARED in server_name(pg_url)
        assert window.drafts.model.row_of(draft.id) == 0
        label = window.findChild(QLabel, "sharedDatabase")
        assert label is not None and label.isVisible()
        assert label.text() == f"Shared database: {window.services.server}"
        assert window.services.server in window.windowTitle()
        window.ui.set_language("ko")
        assert label.text() == f"공유 데이터베이스: {window.services.server}"
        assert window.services.server in window.windowTitle()
        window.ui.set_language("en")
        assert not (data_dir / "dari.sqlite3").exists()  # nothing of the drafts here
        # Tools › Encryption encrypts a file of this computer: over a server, a sentence
        said: list[str] = []

        def say(parent, ui, server) -> None:
            said.append(shared_database.no_encryption_sentence(ui, server))

        monkeypatch.setattr(shared_database, "say_no_encryption", say)
        window.commands["encryption"].trigger()
        assert len(said) == 1 and window.services.server in said[0] and "sslmode" in said[0]
        assert not any(isinstance(w, EncryptionDialog) for w in QApplication.topLevelWidgets())
        assert not (data_dir / "dari.sqlite3.key").exists()
    finally:
        closed(window)


def test_a_password_is_asked_a_refused_one_says_so_and_asks_again_and_is_kept_nowhere(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, password_url: str
) -> None:
    asked: list[tuple[str, str, str]] = []
    answers = iter([("connect", "not the password"), ("connect", PASSWORD)])

    def ask_password(ui, server, user, problem, parent):
        asked.append((server, user, problem))
        return next(answers)

    monkeypatch.setattr(shared_database, "ask_password", ask_password)
    window = start(tmp_path, data_dir, password_url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=10_000)
        assert [user for _server, user, _problem in asked] == [PASSWORD_ROLE, PASSWORD_ROLE]
        assert asked[0][2] == ""  # the first time: only the question, no refusal
        assert "refused the login" in asked[1][2]  # the wrong one: said, and asked again
        assert "not the password" not in asked[1][2]
        draft = window.service.create(sample_letter())  # the session's connections work
        assert window.service.load(draft.id).id == draft.id
        assert window.services.server is not None and PASSWORD not in window.services.server
        for place in (tmp_path, data_dir):  # not in Settings, not in any file of ours
            assert find_canary(place, PASSWORD) == []
    finally:
        closed(window)


def test_pgpassword_in_the_environment_answers_like_a_pgpass_file(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, password_url: str,
    unexpected_questions: None,
) -> None:  # fmt: skip
    monkeypatch.setenv("PGPASSWORD", PASSWORD)  # libpq reads it; no question asked
    window = start(tmp_path, data_dir, password_url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=10_000)
        assert window.services.server is not None
    finally:
        closed(window)


def test_the_password_dialog_is_masked_in_korean_and_empties_its_field(qtbot, qapp) -> None:
    ui = UiLanguage(qapp, "ko")
    try:
        dialog = PasswordDialog(ui, "dari@office/dari", "dari", "", None)
        qtbot.addWidget(dialog)
        field = dialog.findChild(QLineEdit, "serverPassword")
        assert field is dialog.field
        assert field.echoMode() == QLineEdit.EchoMode.Password
        assert HANGUL.search(dialog.intro.text()) and "dari@office/dari" in dialog.intro.text()
        assert not dialog.problem.isVisibleTo(dialog)  # no refusal to say yet
        assert dialog.local_button.text() == "대신 이 컴퓨터의 초안 열기"
        assert not dialog.connect_button.isEnabled()  # nothing typed: nothing to send
        field.setText("비밀 password")
        assert dialog.connect_button.isEnabled()
        dialog.connect_button.click()
        assert dialog.choice == "connect" and dialog.take_password() == "비밀 password"
        assert field.text() == ""
        refused = PasswordDialog(ui, "dari@office/dari", "dari", "거부했습니다", None)
        qtbot.addWidget(refused)
        assert refused.problem.isVisibleTo(refused) and refused.problem.text() == "거부했습니다"
        refused.field.setText("typed")
        refused.local_button.click()
        assert refused.choice == "local" and refused.field.text() == ""
    finally:
        ui.set_language("en")
        ui.deleteLater()


def test_a_server_out_of_reach_try_again_then_this_computers_drafts(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, pg_server: PostgresServer
) -> None:
    nowhere = f"postgresql+psycopg://postgres@/{SHARED}?host={tmp_path / 'no-server'}"
    said: list[tuple[str, bool]] = []
    answers = iter(["retry", "local"])

    def ask_after_problem(ui, sentence, *, retry, parent):
        said.append((sentence, retry))
        return next(answers)

    monkeypatch.setattr(shared_database, "ask_after_problem", ask_after_problem)
    window = start(tmp_path, data_dir, nowhere)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert len(said) == 2 and all(retry for _sentence, retry in said)
        assert "could not reach the shared database" in said[0][0]
        assert "Traceback" not in said[0][0]
        assert window.services.server is None  # this computer's data folder, this session
        assert (data_dir / "dari.sqlite3").exists()
        label = window.findChild(QLabel, "sharedDatabase")
        assert label is None or not label.isVisible()
        assert Settings(settings_file(tmp_path)).database_url == nowhere  # the setting stays
    finally:
        closed(window)


def test_an_address_with_a_password_is_refused_and_quit_opens_nothing(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, pg_server: PostgresServer
) -> None:
    said: list[tuple[str, bool]] = []

    def ask_after_problem(ui, sentence, *, retry, parent):
        said.append((sentence, retry))
        return "quit"

    monkeypatch.setattr(shared_database, "ask_after_problem", ask_after_problem)
    # a hand-edited settings file, or `dari --database-url` typed with the password
    url = pg_server.url(SHARED, user=f"{PASSWORD_ROLE}:{PASSWORD}")
    window = start(tmp_path, data_dir, database_url=url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(said), timeout=10_000)
        assert said[0][1] is False  # trying again cannot help
        assert "had a password in it" in said[0][0] and PASSWORD not in said[0][0]
        assert not window.is_attached and not window.isVisible() and not window.open_failed
        assert not (data_dir / "dari.sqlite3").exists()
    finally:
        closed(window)


def _older_schema(pg_server: PostgresServer, tmp_path: Path) -> tuple[str, str]:
    """A database of Dari's schema one migration behind (Alembic's own downgrade); its URL
    and name."""
    from desktop_app.storage import Database

    url = pg_server.empty_database()
    Database.open_url(url, data_dir=tmp_path).close()
    downgrade_newest(url)
    return url, url.split("?")[0].rsplit("/", 1)[1]


def _stamp(pg_server: PostgresServer, name: str) -> str:
    with psycopg.connect(host=str(pg_server.socket), dbname=name, user="postgres") as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert row is not None
    return str(row[0])


def test_an_older_schema_is_updated_only_when_the_person_says_so(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, pg_server: PostgresServer
) -> None:
    url, name = _older_schema(pg_server, tmp_path)
    old = _stamp(pg_server, name)
    assert old != migrate.SCHEMA_HEAD
    asked: list[str] = []
    answers = iter(["quit", "update"])

    def ask_update(ui, server, parent):
        asked.append(shared_database.update_question(ui, server))
        return next(answers)

    monkeypatch.setattr(shared_database, "ask_update", ask_update)
    window = start(tmp_path, data_dir, url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(asked) and not window.isVisible(), timeout=10_000)
        assert not window.is_attached and not window.open_failed
        assert _stamp(pg_server, name) == old  # Quit: nothing changed
        assert "older version of Dari" in asked[0] and "pg_dump" in asked[0]
        assert "backup" in asked[0]
    finally:
        closed(window)
    QTimer.singleShot(0, QApplication.instance().quit)  # consume the Quit's exit request
    QApplication.instance().exec()
    window = start(tmp_path, data_dir, url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert len(asked) == 2 and _stamp(pg_server, name) == migrate.SCHEMA_HEAD
        assert window.service.list() == []
    finally:
        closed(window)


def test_the_command_lines_migrate_updates_without_asking(
    qtbot, tmp_path: Path, data_dir: Path, pg_server: PostgresServer, unexpected_questions: None
) -> None:
    url, name = _older_schema(pg_server, tmp_path)
    window = start(tmp_path, data_dir, database_url=url, migrate=True)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert _stamp(pg_server, name) == migrate.SCHEMA_HEAD
    finally:
        closed(window)


def test_a_newer_schema_is_refused_in_a_sentence(
    qtbot, monkeypatch, tmp_path: Path, data_dir: Path, pg_server: PostgresServer
) -> None:
    from desktop_app.storage import Database

    url = pg_server.empty_database()
    Database.open_url(url, data_dir=tmp_path).close()
    name = url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(host=str(pg_server.socket), dbname=name, user="postgres") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    said: list[tuple[str, bool]] = []

    def ask_after_problem(ui, sentence, *, retry, parent):
        said.append((sentence, retry))
        return "local"

    monkeypatch.setattr(shared_database, "ask_after_problem", ask_after_problem)
    window = start(tmp_path, data_dir, url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=10_000)
        assert len(said) == 1 and said[0][1] is False
        assert "newer version of Dari" in said[0][0] and "Nothing was changed" in said[0][0]
        assert _stamp(pg_server, name) == "ffff"
        assert window.services.server is None  # this computer's drafts instead
    finally:
        closed(window)


def test_dari_with_a_database_url_and_no_command_starts_the_window_on_it(
    monkeypatch, tmp_path: Path
) -> None:
    handed: list[dict[str, object]] = []

    def run_gui(**options: object) -> int:
        handed.append(options)
        return 0

    monkeypatch.setattr(app_module, "run_gui", run_gui)
    url = "postgresql+psycopg://dari@office.example/dari"
    assert cli.main(["--data-dir", str(tmp_path), "--database-url", url, "--migrate"]) == 0
    assert handed == [
        {"data_dir": tmp_path, "smoke_test": False, "database_url": url, "migrate": True}
    ]


def test_the_real_password_dialog_at_start_types_and_connects(
    qtbot, tmp_path: Path, data_dir: Path, password_url: str
) -> None:
    seen: list[str] = []

    def answer() -> None:  # the person: types the password into the modal dialog, Connect
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.intro.text())
        dialog.field.setText(PASSWORD)
        dialog.connect_button.click()

    QTimer.singleShot(0, answer)
    window = start(tmp_path, data_dir, password_url)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.is_attached, timeout=20_000)
        assert len(seen) == 1 and f"“{PASSWORD_ROLE}”" in seen[0]
        assert window.services.server is not None and PASSWORD_ROLE in window.windowTitle()
    finally:
        closed(window)
