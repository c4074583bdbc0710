"""The composition root: builds settings, UI language, database, service and window, in that order.

`run_gui` is what `dari` runs with no subcommand; `--smoke-test` runs the
same window over a temporary data folder, exports the sample and quits.
Qt itself is imported only inside desktop_app.gui.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import APP_NAME, __version__
from desktop_app.files import make_private
from desktop_app.gui import errors
from desktop_app.gui.i18n import UiLanguage
from desktop_app.gui.settings import Settings
from desktop_app.gui.window import shared_database
from desktop_app.gui.window.lock import unlock_at_start
from desktop_app.gui.window.main_window import (
    MainWindow,
    QApplication,
    QSettings,
    make_application,
    settings_store,
)
from desktop_app.logs import setup_logging
from desktop_app.paths import database_path, default_data_dir
from desktop_app.services import (
    SAMPLES,
    DariError,
    EncryptionService,
    ExportRequest,
    Layout,
    ReferenceService,
    Services,
    StorageError,
    open_services,
    read_json_file,
    sample_path,
    server_name,
)

if TYPE_CHECKING:
    from desktop_app.services import SessionKey
    from desktop_app.services.pending import PendingEdit

log = logging.getLogger(__name__)


def build_window_shell(
    app: QApplication, data_dir: Path | None, qsettings: QSettings | None = None
) -> MainWindow:
    """Settings, UI language and the window's widgets: everything that needs no database."""
    store = qsettings if qsettings is not None else settings_store()
    private_settings_file(Path(store.fileName()))
    settings = Settings(store)
    ui = UiLanguage(app, settings.ui_language)
    return MainWindow(settings, ui, ReferenceService(data_dir or default_data_dir()))


def private_settings_file(path: Path) -> None:
    """The settings file (recent folders, the last draft's id) is the user's alone: its
    folder keeps its mode (it is ~/.config on Linux), the file becomes 600."""
    if os.name == "posix" and path.is_file():
        with contextlib.suppress(OSError):
            make_private(path)


def build_main_window(
    app: QApplication,
    data_dir: Path | None,
    qsettings: QSettings | None = None,
    key: SessionKey | None = None,
) -> tuple[MainWindow, Services]:
    """Build everything in one order: settings, UI language, database and services, window.

    Raises StorageError (DatabaseCorrupt, DatabaseTooNew, DatabaseUnavailable)
    when the database cannot be opened; the caller closes the Services.
    """
    window = build_window_shell(app, data_dir, qsettings)
    services = open_services(data_dir, key)
    try:
        window.attach(services)
    except BaseException:
        services.close()
        raise
    # What start-up built (modules, the draft list's rows) lives as long as the window; kept
    # out of the collector's sight, a full collection no longer pauses typing for ~75 ms.
    gc.freeze()
    return window, services


def run_gui(
    data_dir: Path | None,
    smoke_test: bool = False,
    *,
    database_url: str | None = None,
    migrate: bool = False,
) -> int:
    """Open the window (or run the smoke test); the process's exit status.

    `database_url` (the command line's --database-url) opens that shared database instead of
    the one in Settings; `migrate` (--migrate) updates an older one without asking."""
    app = make_application(sys.argv[:1])
    if smoke_test:
        return run_smoke_test(app)
    setup_logging(data_dir)
    log.info("%s %s starting", APP_NAME, __version__)
    window = start_window(app, data_dir, database_url=database_url, migrate=migrate)
    previous = errors.install_excepthook(window.ui)
    try:
        status = app.exec()
        return 1 if window.open_failed else status
    finally:
        sys.excepthook = previous
        shared_database.settle()  # a cancelled connection still under way ends first
        if window.is_attached:
            window.services.close()


def start_window(
    app: QApplication,
    data_dir: Path | None,
    qsettings: QSettings | None = None,
    *,
    database_url: str | None = None,
    migrate: bool = False,
) -> MainWindow:
    """Show the window at once, then open the database (and list the drafts) once it is drawn.

    The heavy part of start-up (SQLAlchemy, the damage check, listing the drafts)
    happens with the window already on screen; an encrypted folder asks for the
    passphrase first (window/lock.py), and Quit there ends the application. When the
    database cannot be opened, the reason is shown and the application quits with
    status 1 (`window.open_failed`).

    With a shared database (`database_url`, else the Settings' one) the window opens that
    (window/shared_database.py: its password, an older schema, a server out of reach); the
    person may open this computer's drafts instead, for this session, or quit.
    """
    window = build_window_shell(app, data_dir, qsettings)
    shared = [database_url or window.settings.database_url]  # "" once this computer's is chosen
    # The key of an encrypted folder whose database did not open (damaged): the restore
    # or salvage the person chooses uses it, and the next try does not ask again.
    unlocked: dict[Path, SessionKey] = {}

    def key_for(folder: Path | None) -> SessionKey | None:
        return unlocked.get(database_path(folder).parent)

    def open_folder(folder: Path | None) -> Services | None:
        encryption = EncryptionService(folder)
        key = None
        if encryption.status().encrypted:  # the passphrase first (None: the person quit)
            key = key_for(folder) or unlock_at_start(window.ui, encryption, window)
            if key is None:
                return None
            unlocked[database_path(folder).parent] = key
        services = open_services(folder, key)
        unlocked.clear()  # the services hold the key now (and drop it when locked)
        gc.freeze()  # see build_main_window
        return services

    def open_database() -> Services | None:
        url = shared[0]
        if url:

            def open_with(password: str | None, update: bool) -> Services:
                return open_services(data_dir, database_url=url, password=password, migrate=update)

            def kept() -> list[PendingEdit]:  # the texts this computer keeps for that server
                from desktop_app.services.pending import kept_in

                name = server_name(url)
                folder = data_dir or default_data_dir()
                return [edit for server, edit in kept_in(folder) if server == name]

            opened = shared_database.open_shared(
                window.ui, url, open_with, window, migrate=migrate, kept=kept
            )
            if opened == shared_database.QUIT:
                return None
            if not isinstance(opened, str):
                gc.freeze()  # see build_main_window
                return opened
            log.info("this computer's drafts open instead of the shared database")
            shared[0] = ""  # a recovery's next try opens the folder too
        return open_folder(data_dir)

    window.open_when_shown(open_database, open_folder, key_for)
    return window


def run_smoke_test(app: QApplication) -> int:
    """Start the real window over a temporary folder, export the sample every way, quit.

    Prints one line, "smoke test passed: N files"; a non-zero status says why it failed.
    """
    with tempfile.TemporaryDirectory(prefix="dari-smoke-") as folder:
        root = Path(folder)
        try:
            window, services = build_main_window(app, root / "data", settings_store(root / "s.ini"))
        except StorageError as error:
            print(f"smoke test failed: {error}", file=sys.stderr)
            return 1
        try:
            window.show()
            app.processEvents()
            count = _smoke_export(window, root / "out")
            from desktop_app.services.encryption import self_check

            self_check(root / "encrypted")  # SQLCipher and Argon2id are in the build
            from desktop_app.storage.server import driver_check

            # psycopg and its own libpq, for a shared PostgreSQL database (not the pure-Python
            # implementation, which would need a libpq installed on the computer)
            assert driver_check() in ("binary", "c"), "psycopg's binary libpq is not in the build"
            from desktop_app.services.bundle_keys import self_check as bundle_check

            bundle_check()  # age and Ed25519, for bundles between laptops
        except (DariError, StorageError, OSError, AssertionError, ImportError) as error:
            print(f"smoke test failed: {error}", file=sys.stderr)
            return 1
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            services.close()
    print(f"smoke test passed: {count} files", flush=True)
    return 0


def _smoke_export(window: MainWindow, out: Path) -> int:
    """The Korean catalog is found; each sample (letter, UPR brief, press conference notice,
    statement) → draft → every layout on disk, each file a readable zip; how many files."""
    from gettext import GNUTranslations

    from desktop_app.i18n import catalog_dir, translator

    assert isinstance(translator("ko"), GNUTranslations), f"no Korean catalog in {catalog_dir()}"
    out.mkdir()
    service = window.service
    requests = [ExportRequest(languages="ko"), ExportRequest(languages="en")]
    requests += [
        ExportRequest(languages="both", layout=layout)
        for layout in (Layout.SEPARATE, Layout.COMBINED, Layout.SIDE_BY_SIDE)
    ]
    written: list[Path] = []
    for sample in SAMPLES.values():
        loaded = service.import_json(read_json_file(sample_path(sample)))
        window.open_draft(loaded.id)
        assert window.loaded is not None and window.loaded.id == loaded.id, f"{sample} did not open"
        window.preview.refresh_now()
        for number, request in enumerate(requests):
            folder = out / f"{loaded.id}-{number}"
            folder.mkdir()
            written += service.export(loaded.id, request, folder)
    for path in written:
        assert path.is_file() and zipfile.is_zipfile(path), f"{path.name} is not a .docx file"
    return len(written)
