"""The main window: draft list | the draft's form | preview, and the actions that tie them.

Edits flow one way: form → undo history → (form, autosave, preview). The
window holds no rule of its own; it calls DraftService and shows errors.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDataStream,
    QEvent,
    QIODevice,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtCore import QSettings as QSettings  # re-exported for app.py, which imports no Qt
from PySide6.QtWidgets import QApplication as QApplication  # re-exported for app.py
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, APP_NAME_KO, ORGANIZATION, __version__
from desktop_app.domain import DateStyle, Letter
from desktop_app.domain.press import PressNotice, Statement
from desktop_app.domain.upr import UprBrief
from desktop_app.gui import errors, prompts
from desktop_app.gui.contacts.tools import ContactTools
from desktop_app.gui.forms.registry import blank_document, kind_sample, make_forms
from desktop_app.gui.glossary.tools import GlossaryTools
from desktop_app.gui.merge.worker import CallWorker
from desktop_app.gui.window.actions import WindowActions
from desktop_app.gui.window.autosave import Autosaver
from desktop_app.gui.window.draft_list import DraftListPanel
from desktop_app.gui.window.live import LiveUpdates
from desktop_app.gui.window.lock import WindowLock
from desktop_app.gui.window.message_bar import MessageBar
from desktop_app.gui.window.offline import OfflineKeeper
from desktop_app.gui.window.preview import PreviewPane
from desktop_app.gui.window.trashed import TrashedPanel, centre_panel, draft_name
from desktop_app.gui.window.undo import EditHistory, UndoNotice
from desktop_app.services import DariError, DraftNotFound, StorageError, read_json_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from desktop_app.gui.clauses.dock import ClauseDock
    from desktop_app.gui.i18n import UiLanguage
    from desktop_app.gui.settings import Settings
    from desktop_app.gui.window.printing import PrintJob
    from desktop_app.services import (
        DraftService,
        LoadedDraft,
        OpChanges,
        ReferenceService,
        Services,
        SessionKey,
    )

log = logging.getLogger(__name__)

STATE_VERSION = 1
FORM_MIN_WIDTH = 350  # the narrowest the draft's form gets (Korean above English there)
PREVIEW_MIN_WIDTH = 220


def make_application(argv: list[str]) -> QApplication:
    """The one QApplication, named so QSettings and the data folder find the right place."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def settings_store(path: Path | None = None) -> QSettings:
    """The settings file: an .ini at `path`, or the user's own settings when None."""
    if path is None:
        return QSettings(ORGANIZATION, APP_NAME)
    return QSettings(str(path), QSettings.Format.IniFormat)


def fit_combos(root: QWidget) -> None:
    """Re-size every combo box to its (retranslated) items: Qt sizes one only when first shown,
    so "Public (공개)" would stay cut to the English width."""
    for combo in root.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.updateGeometry()


class WelcomePanel(QWidget):
    """What the centre shows when no draft is open: a clear way to start."""

    def __init__(self, ui: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        inner = QWidget(self)
        inner.setMaximumWidth(480)
        self.heading = QLabel(f"{APP_NAME_KO} · {APP_NAME}", inner)
        self.heading.setStyleSheet("QLabel { font-size: 20pt; font-weight: 600; }")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(inner)
        self.text.setWordWrap(True)
        self.new_button = QPushButton(inner)
        self.sample_button = QPushButton(inner)
        self.upr_button = QPushButton(inner)
        self.upr_sample_button = QPushButton(inner)
        self.language_link = QLabel(inner)  # the interface in the other language, right here
        self.language_link.setTextFormat(Qt.TextFormat.RichText)
        self.language_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.language_link.setWordWrap(True)
        self.language_link.linkActivated.connect(self.ui.set_language)
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        pairs = (self.new_button, self.sample_button), (self.upr_button, self.upr_sample_button)
        for pair in pairs:
            buttons = QHBoxLayout()
            for button in pair:
                button.setMinimumHeight(40)
                buttons.addWidget(button, 1)
            column.addLayout(buttons)
        column.addWidget(self.language_link)
        centre_panel(self, inner)
        self.retranslate()

    def retranslate(self) -> None:
        _ = self.ui.gettext
        self.text.setText(
            _(
                "Write a letter, or a UPR brief of advance questions and recommendations, in "
                "Korean and English side by side; Dari saves as you type and exports Word files. "
                "Start a blank one, or open a sample to see how a finished one looks. Drafts you "
                "have already written are on the left."
            )
        )
        for button, text in (
            (self.new_button, _("New letter")),
            (self.sample_button, _("New from sample")),
            (self.upr_button, _("New UPR brief")),
            (self.upr_sample_button, _("New UPR brief from sample")),
        ):
            button.setText(text)
            button.setAccessibleName(text)
        # Each offer is written in the language it switches to: who cannot read this one can.
        other, offer = (
            ("en", "Use Dari in English") if self.ui.language == "ko" else ("ko", "한국어로 보기")
        )
        self.language_link.setText(
            _("The interface can be in Korean or English (Settings).")
            + f' <a href="{other}">{offer}</a>'
        )


class MainWindow(QMainWindow):
    """Dari's window, built in two steps so that it is on screen before the database is open.

    `MainWindow(settings, ui, reference)` builds every widget and touches no
    database; `attach(services)` then lists the drafts, wires the glossary and
    the clause library, and reopens the last draft. app.py shows the window
    between the two (start-up); `build_main_window` does both at once (tests).
    """

    attached = Signal()  # the database is open and the window usable

    def __init__(self, settings: Settings, ui: UiLanguage, reference: ReferenceService) -> None:
        super().__init__()
        self._services: Services | None = None
        self.open_failed = False
        self.settings = settings
        self.ui = ui
        self.loaded: LoadedDraft | None = None
        self._preparing_print = False  # File › Print is preparing the pages (a worker)
        self._blank: dict[int, Any] = {}  # new drafts created blank here: id → that document
        self.commands = WindowActions(self, ui)  # not "actions": QWidget.actions() exists
        self.drafts = DraftListPanel(None, ui, self)
        self.forms = make_forms(ui, reference, self)  # one per document kind
        self.form = self.forms[Letter.KIND]  # the open draft's form
        self.welcome = WelcomePanel(ui, self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.welcome)
        self.trashed = TrashedPanel(ui, self)  # while a draft in the trash is previewed
        self.centre.addWidget(self.trashed)
        for form in self.forms.values():
            self.centre.addWidget(form)
        self.preview = PreviewPane(settings, ui, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # The form keeps a usable width whatever else is open (its fields stack when narrow);
        # the preview can be dragged narrow or closed to the right edge.
        self.centre.setMinimumWidth(FORM_MIN_WIDTH)
        self.preview.setMinimumWidth(PREVIEW_MIN_WIDTH)
        for pane in (self.drafts, self.centre, self.preview):
            self.splitter.addWidget(pane)
            self.splitter.setCollapsible(self.splitter.indexOf(pane), pane is self.preview)
        self.splitter.setSizes([340, 640, 520])
        self._preview_width = 520  # the preview's width before it was closed
        for index, stretch in enumerate((0, 1, 1)):  # a wider window widens the letter and preview
            self.splitter.setStretchFactor(index, stretch)
        # Warnings that arrive while the person types (a save failed) go to a bar above the
        # panes, never to a modal box that would take the keystrokes (issue 13).
        self.message_bar = MessageBar(ui, self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.message_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.save_state = QLabel(self)
        self._saved_at = ""  # the time of the last save, shown in the UI language
        self._save_error = ""  # why the last save failed ("" when it did not)
        self._lost_saves: datetime | None = None  # saves a damaged journal dropped, said once
        self._purging: CallWorker | None = None  # a purge running off the UI thread
        self._damaged_left: tuple[Path, ...] = ()  # damaged files a purge could not rewrite
        self._purging_id = 0
        self.busy = QProgressBar(self)  # shown, moving, while a purge runs
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.save_state)
        self.undo_notice = UndoNotice(self)  # "Moved … to the trash. Undo"
        self.statusBar().addWidget(self.undo_notice)
        self.history = EditHistory(self._apply_document, self)
        self.autosaver = Autosaver(None, ui, self)
        self._live_was_polling = False  # the live look, paused while a save waits (server)
        self._close_after_wait = False  # closing was asked while a save waited
        self.offline = OfflineKeeper(self)  # a shared database gone away: the text kept here
        self.live = LiveUpdates(self)  # colleagues' changes, who else is editing (issue 14)
        self._connect()
        self.glossary_tools = GlossaryTools(self)  # live term marks, the glossary dialog
        self.contact_tools = ContactTools(self)  # the address book: pickers, dialogs
        self.clause_dock: ClauseDock | None = None  # the clause library, once attached
        self.locker = WindowLock(self)  # Ctrl+L, idle minutes, the lock screen
        self.setAcceptDrops(True)  # a .json draft dropped on the window is imported
        self.retranslate()
        self._restore_layout()
        self._sync_preview_action()
        self._update_actions()

    @property
    def services(self) -> Services:
        """The open database's services (only after `attach`)."""
        if self._services is None:
            raise RuntimeError("the window has no database yet (attach() was not called)")
        return self._services

    @property
    def service(self) -> DraftService:
        """The draft use cases of the open database."""
        return self.services.drafts

    @property
    def is_attached(self) -> bool:
        return self._services is not None

    def open_when_shown(
        self,
        open_services: Callable[[], Services | None],
        open_folder: Callable[[Path], Services | None] | None = None,
        key_for: Callable[[Path | None], SessionKey | None] | None = None,
    ) -> None:
        """Show the window now; open the database right after it is first drawn.

        A database that cannot be opened is explained, then the application quits
        (`open_failed` tells the caller to exit with status 1). A damaged one is left
        untouched and the person may restore the latest good backup, salvage what can be
        read into a new file, or choose another data folder (`open_folder`); an encrypted
        one is restored or salvaged with the key its passphrase gave (`key_for`).
        """
        self.show()

        def open_database() -> None:
            opener = open_services
            while True:
                try:
                    opened = opener()
                    if opened is None:  # the passphrase was not given: Quit
                        self.hide()
                        QApplication.exit(0)
                        return
                    services = opened
                    break
                except StorageError as error:
                    log.warning("database not opened: %s", error)
                    choice = errors.show_startup_error(self.ui, error)
                    next_opener = recover(choice, error) if choice else None
                    if next_opener is None:
                        self.open_failed = True
                        self.hide()  # not close(): nothing to save, and no quit event lingers
                        QApplication.exit(1)
                        return
                    opener = next_opener
            self.attach(services)
            if services.lost_saves is not None:
                self._lost_saves = services.lost_saves
                self._show_lost_saves()

        def recover(choice: str, error: StorageError) -> Callable[[], Services | None] | None:
            """Do what the person chose in the damaged-database box; what opens next."""
            from desktop_app.services import recovery

            folder = errors.error_folder(error)
            key = key_for(folder) if key_for is not None else None
            if choice == "folder":
                chosen = errors.choose_data_folder(self.ui)
                if not chosen or open_folder is None:
                    return None
                return lambda: open_folder(Path(chosen))
            try:
                if choice == "restore":
                    if recovery.restore_latest_good(folder, key=key) is None:
                        errors.show_no_good_backup(self.ui)
                        return open_services  # the same box again, with the other choices
                else:
                    done = recovery.salvage(folder, key=key)
                    errors.show_salvaged(self.ui, done.drafts, done.kept_aside)
            except StorageError as failure:
                log.warning("recovery (%s) failed: %s", choice, failure)
                errors.show_startup_error(self.ui, failure)
                return None
            return open_services

        self._after_first_paint(open_database)

    def _after_first_paint(self, then: Callable[[], None]) -> None:
        """Call `then` on the event loop's first idle turn after the window is drawn."""
        window = self
        instance = QApplication.instance()
        if instance is None:  # no event loop to wait for
            then()
            return
        app: QCoreApplication = instance

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
                if (
                    event.type() == QEvent.Type.Paint
                    and isinstance(watched, QWidget)
                    and watched.window() is window
                ):
                    app.removeEventFilter(self)
                    QTimer.singleShot(0, then)
                return False

        app.installEventFilter(FirstPaint(self))

    def attach(self, services: Services) -> None:
        """The database is open: list the drafts, add the clause library, reopen the last draft."""
        self._services = services
        services.hold_folder()  # another process's `dari encryption on` now refuses
        self.autosaver.service = services.drafts
        from desktop_app.gui.clauses.dock import ClauseDock  # after the window is drawn

        self.clause_dock = ClauseDock(self)
        self.restoreDockWidget(self.clause_dock.panel)  # restoreState() ran before it existed
        self.drafts.attach(services.drafts)
        self._show_database()
        self._update_actions()
        self.offline.attach(services)  # edits kept while the server was away: sent first
        self._reopen_last()
        # Hidden copies a killed export left beside its files: removed once the window is up.
        QTimer.singleShot(0, self, self._remove_stale_temps)
        self.live.start()
        self.attached.emit()

    def _remove_stale_temps(self) -> None:
        """Best effort and silent: a failure here must never bother the user."""
        if self._services is None:
            return
        try:
            self._services.log.remove_stale_temps()
        except Exception:  # a database gone away: the next start tries again
            log.warning("could not look for stale temporary files", exc_info=True)

    def _connect(self) -> None:
        a = self.commands
        a["new"].triggered.connect(self.new_letter)
        a["new_sample"].triggered.connect(self.new_from_sample)
        a["new_upr"].triggered.connect(self.new_upr_brief)
        a["new_upr_sample"].triggered.connect(self.new_upr_brief_from_sample)
        for kind, name in ((PressNotice.KIND, "new_notice"), (Statement.KIND, "new_statement")):
            a[name].triggered.connect(lambda _c=False, k=kind: self.new_of_kind(k))
            a[f"{name}_sample"].triggered.connect(
                lambda _c=False, k=kind: self.new_from_kind_sample(k)
            )
        a["duplicate"].triggered.connect(self.duplicate)
        a["trash"].triggered.connect(self.move_to_trash)
        a["restore"].triggered.connect(lambda: self.restore(self.drafts.selected_id()))
        a["save"].triggered.connect(self.save_now)
        a["export"].triggered.connect(self.open_export)
        a["print"].triggered.connect(lambda: self.print_draft(preview=False))
        a["print_preview"].triggered.connect(lambda: self.print_draft(preview=True))
        a["revisions"].triggered.connect(self.open_revisions)
        a["merge"].triggered.connect(self.open_merge)
        a["export_log"].triggered.connect(lambda: self.open_export_log(None))
        a["events"].triggered.connect(self.open_events)
        a["draft_export_log"].triggered.connect(
            lambda: self.open_export_log(self.loaded.id if self.loaded else None)
        )
        a["settings"].triggered.connect(self.open_settings)
        a["backups"].triggered.connect(self.open_backups)
        a["send_bundle"].triggered.connect(self.send_bundle)
        a["import_bundle"].triggered.connect(lambda: self.import_bundle())
        a["lock"].triggered.connect(lambda: self.locker.lock())
        a["encryption"].triggered.connect(self.open_encryption)
        a["quit"].triggered.connect(self.close)
        a["import"].triggered.connect(self.import_from_file)
        a["guide"].triggered.connect(self.open_guide)
        a["about"].triggered.connect(self.open_about)
        for name in ("cut", "copy", "paste", "select_all"):
            a[name].triggered.connect(lambda _checked=False, name=name: self.edit_field(name))
        self.commands.menus["recent"].aboutToShow.connect(self._fill_recent)
        a["undo"].triggered.connect(self.history.group.undo)
        a["redo"].triggered.connect(self.history.group.redo)
        self.drafts.view.addAction(a["trash"])  # Delete trashes only while the list has focus
        self.removeAction(a["trash"])
        self.undo_notice.button.clicked.connect(self.history.operations.undo)
        a["find"].triggered.connect(self.drafts.focus_search)
        self.history.group.canUndoChanged.connect(a["undo"].setEnabled)
        self.history.group.canRedoChanged.connect(a["redo"].setEnabled)
        self.welcome.new_button.clicked.connect(self.new_letter)
        self.welcome.sample_button.clicked.connect(self.new_from_sample)
        self.trashed.restore_button.clicked.connect(self.commands["restore"].trigger)
        self.welcome.upr_button.clicked.connect(self.new_upr_brief)
        self.welcome.upr_sample_button.clicked.connect(self.new_upr_brief_from_sample)
        self.drafts.draft_chosen.connect(self.open_draft)
        self.drafts.trashed_chosen.connect(self.preview_trashed)
        self.drafts.restore_requested.connect(self.restore)
        self.drafts.purge_requested.connect(self.purge)
        self.drafts.tabs.currentChanged.connect(lambda _index: self._leave_trashed())
        a["preview"].setCheckable(True)
        a["preview"].toggled.connect(self.show_preview)
        self.splitter.splitterMoved.connect(lambda _pos, _index: self._sync_preview_action())
        self.drafts.tabs.currentChanged.connect(lambda _i: self._update_actions())
        self.drafts.view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_actions()
        )
        for form in self.forms.values():
            form.edited.connect(lambda old, new, key: self.history.record("edit", old, new, key))
            form.status_chosen.connect(self._status_chosen)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.save_failed.connect(self._save_failed)
        self.autosaver.replaced.connect(self._replaced_after_conflict)
        self.autosaver.saved_now.connect(self._saved_now)
        self.autosaver.waiting.connect(self._waiting_for_server)
        self.ui.changed.connect(lambda _lang: self.retranslate())
        self.settings.changed.connect(self._setting_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- opening and closing drafts ------------------------------------------------------

    def open_draft(self, draft_id: int, reload: bool = False) -> None:
        """Show a draft (saving the one open before); `reload` re-reads the open one."""
        if self.loaded is not None and self.loaded.id == draft_id and not reload:
            return
        if not reload and not self._leave_current():
            self.drafts.select(self.loaded.id if self.loaded else 0)
            return
        if self._away_now():  # the other draft's text is on the server
            self.drafts.select(self.loaded.id if self.loaded else 0)
            return
        with errors.user_errors(self, self.ui):
            self._show(self.service.load(draft_id), reloaded=reload)

    def preview_trashed(self, draft_id: int) -> None:
        """A draft chosen in the trash: shown read-only in the preview, never in the form."""
        if self.loaded is not None and not self._leave_current():
            return
        if self._away_now():
            self.drafts.select(self.loaded.id if self.loaded else 0)
            return
        if self.loaded is not None:
            self._close_draft()
            self.drafts.select(draft_id)  # closing cleared the selection
            self._update_actions()
        with errors.user_errors(self, self.ui):
            document = self.service.load(draft_id).document
            self.trashed.show_draft(document)
            self.centre.setCurrentWidget(self.trashed)
            self.preview.show_document(document)
            self.preview.refresh_now()

    def show_preview(self, show: bool) -> None:
        """Open the preview at its last width (or close it to the right edge, as dragging
        does); the letter's form takes the room."""
        sizes = self.splitter.sizes()
        if show == (sizes[2] > 0):
            return
        if show:
            width = max(self._preview_width, PREVIEW_MIN_WIDTH)
            sizes = [sizes[0], max(sizes[1] - width, FORM_MIN_WIDTH), width]
        else:
            self._preview_width = sizes[2]
            sizes = [sizes[0], sizes[1] + sizes[2], 0]
        self.splitter.setSizes(sizes)
        self._sync_preview_action()

    def _sync_preview_action(self) -> None:
        """View › Preview is ticked while the preview has any width."""
        shown = self.splitter.sizes()[2] > 0
        if shown:
            self._preview_width = self.splitter.sizes()[2]
        action = self.commands["preview"]
        if action.isChecked() != shown:
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)

    def _leave_trashed(self) -> None:
        """The trashed draft previewed is no longer chosen (restored, purged, another tab)."""
        if self.centre.currentWidget() is self.trashed and self.loaded is None:
            self.centre.setCurrentWidget(self.welcome)
            self.preview.show_document(None)
            self.preview.refresh_now()

    def flush(self) -> bool:
        """Save pending edits now (and end a running purge: the lock calls this first);
        False when they could not be saved (the text stays). What calls it goes on to use
        the database, so a shared one is asked first without holding the window
        (`Autosaver.server_answers`): False when it does not answer (the text is kept on
        this computer, and the message bar says so)."""
        self.settle_background_work()
        if not self.autosaver.server_answers():
            self.autosaver.flush()  # the local copy: no network
            return False
        return self.autosaver.flush(asked=True)

    def _away_now(self) -> bool:
        """True, said in the status bar, when the shared database did not answer: opening
        or creating a draft needs it (its text is on the server), so the open draft stays,
        kept on this computer. The server is asked again at once."""
        if self._services is None or self._services.pending is None:
            return False
        if not self.autosaver.offline:
            return False
        self.statusBar().showMessage(
            self.ui.gettext(
                "The shared database cannot be reached, so that cannot be done now. The open "
                "draft stays, kept on this computer; try again when the server answers."
            ),
            10000,
        )
        self.offline.probe()
        return True

    def _waiting_for_server(self, waiting: bool) -> None:
        """A direct save waits for the shared database's answer (the event loop turns, keys
        stay queued): say so, pause the live look, and close afterwards if asked meanwhile."""
        if waiting:
            self._live_was_polling = self.live.poll_timer.isActive()
            self.live.poll_timer.stop()
            self.statusBar().showMessage(
                self.ui.gettext("Waiting for the shared database to answer…")
            )
            return
        self.statusBar().clearMessage()
        if self._live_was_polling:
            self.live.poll_timer.start()
        if self._close_after_wait:
            self._close_after_wait = False
            QTimer.singleShot(0, self, self.close)

    def _show(self, loaded: LoadedDraft, reloaded: bool = False) -> None:
        """Open a draft in its form; `reloaded`: read again from the database (undo restarts)."""
        form = self.forms.get(getattr(loaded.document, "KIND", ""))
        if form is None:
            message = self.ui.gettext("Dari cannot edit this kind of draft yet.")
            errors.show_error(self, self.ui, DariError(message))
            return
        self.loaded = loaded
        self.autosaver.start(loaded)
        if reloaded:
            self.history.drop(loaded.id)
        self.history.activate(loaded.id, loaded.document)
        self.form = form
        self.form.open_document(loaded.document)
        self.form.fold_for_new_draft()
        self.form.set_status(loaded.record.status)
        self.form.fix_tab_order()
        self.centre.setCurrentWidget(self.form)
        self.preview.show_document(loaded.document)
        self.preview.refresh_now()
        self.settings.last_draft_id = loaded.id
        self.settings.opened_draft(loaded.id)
        self.drafts.select(loaded.id)
        self._update_title()
        self._update_actions()

    def take_in(self, loaded: LoadedDraft, document: Any) -> bool:
        """A change saved elsewhere reaches the open draft (gui/window/live.py): show
        `document` (theirs, or theirs with the unsaved typing merged in) as one undoable
        step, changing only the editors whose text differs (the caret, the selection and
        the scroll stay), and follow the new version without saving it back. False when
        the form cannot show it in place (another kind of draft): the caller reloads."""
        if getattr(loaded.document, "KIND", None) != getattr(self.form.document, "KIND", ""):
            return False
        mine = self.form.document
        self.loaded = loaded
        self.autosaver.adopt(loaded, document)
        if document != mine:
            self.form.set_document(document)
            self.form.fix_tab_order()
            self.history.record_applied("change made elsewhere", mine, document)
            self.preview.show_document(document)
        self.form.set_status(loaded.record.status)
        self._update_title()
        self._update_actions()
        return True

    def clear_for_lock(self) -> None:
        """Empty every view that shows draft text (locking): forms, preview, list, undo."""
        self._close_draft()
        for kind, form in self.forms.items():
            form.open_document(blank_document(kind, self.settings.organisation()))
        self.trashed.show_draft(None)
        self.history.forget_all()
        self._blank.clear()
        self.drafts.clear_for_lock()
        self.live.clear()
        self.undo_notice.text.clear()
        self.undo_notice.hide()
        self.statusBar().clearMessage()

    def dock_widgets(self) -> list[QDockWidget]:
        """The window's docks (the clause library)."""
        return self.findChildren(QDockWidget)

    def _close_draft(self) -> None:
        self.loaded = None
        self.autosaver.stop()
        self.history.deactivate()
        self.centre.setCurrentWidget(self.welcome)
        self.preview.show_document(None)
        self.preview.refresh_now()
        self.settings.last_draft_id = 0
        self.drafts.select(0)
        self._update_title()
        self._update_actions()

    def _leave_current(self) -> bool:
        """Save before switching away; ask when that failed (True: go ahead).

        A draft edited since its last revision gets one ("left after editing"); a
        blank new draft nobody typed in is removed for good (it holds nothing).
        """
        if self.autosaver.leave():
            blank = self._blank.pop(self.loaded.id, None) if self.loaded else None
            if self.loaded is not None and blank is not None and not self.autosaver.offline:
                draft_id = self.loaded.id
                with errors.user_errors(self, self.ui):
                    self.apply_changes(self.service.discard_if_blank(draft_id, blank))
                if self.loaded is None:  # purged: its number may be given to the next draft
                    self.history.drop(draft_id)
            return True
        _ = self.ui.gettext
        return errors.confirm(
            self,
            self.ui,
            _("Changes not saved"),
            _("Your last changes to this draft could not be saved. Leave it anyway and lose them?"),
            _("Leave and lose the changes"),
        )

    def _reopen_last(self) -> None:
        draft_id = self.settings.last_draft_id
        if not draft_id:
            return
        try:
            loaded = self.service.load(draft_id)
        except (DraftNotFound, DariError) as error:  # gone, or unreadable: start without it
            log.warning("the last draft (%s) was not reopened: %s", draft_id, error)
            self.settings.last_draft_id = 0
            return
        if not loaded.record.trashed:
            self._show(loaded)

    # -- actions ------------------------------------------------------------------------

    def _with_date_style(self, document: Any) -> Any:
        """A new draft in the settings' English date style (the draft keeps it from then on)."""
        style = DateStyle.US if self.settings.date_style == "us" else DateStyle.UN
        return dataclasses.replace(document, date_style=style)

    def new_letter(self) -> None:
        sender = self.settings.organisation()
        letter = self._with_date_style(blank_document(Letter.KIND, sender))
        self._create(lambda: self.service.create(letter), blank=True)

    def new_from_sample(self) -> None:
        self.contact_tools.import_sample_once()  # so that the sample's parties are in it
        path = kind_sample(Letter.KIND)
        self._create(lambda: self.service.import_json(read_json_file(path)))

    def new_upr_brief(self) -> None:
        brief = self._with_date_style(blank_document(UprBrief.KIND, self.settings.organisation()))
        self._create(lambda: self.service.create(brief), blank=True)

    def new_upr_brief_from_sample(self) -> None:
        path = kind_sample(UprBrief.KIND)
        self._create(lambda: self.service.import_json(read_json_file(path)))

    def new_of_kind(self, kind: str) -> None:
        """A blank document of `kind` (a press conference notice, a statement)."""
        document = self._with_date_style(blank_document(kind, self.settings.organisation()))
        self._create(lambda: self.service.create(document), blank=True)

    def new_from_kind_sample(self, kind: str) -> None:
        """The founding case's sample of `kind`."""
        self.contact_tools.import_sample_once()  # so that the sample's parties are in it
        path = kind_sample(kind)
        self._create(lambda: self.service.import_json(read_json_file(path)))

    def duplicate(self) -> None:
        if self.loaded is not None:
            draft_id = self.loaded.id
            self._create(lambda: self.service.duplicate(draft_id))

    def _create(self, make: Any, blank: bool = False) -> None:
        if not self._leave_current() or self._away_now():
            return
        with errors.user_errors(self, self.ui):
            loaded = make()
            if blank:  # removed again if it is left before anyone types in it
                self._blank[loaded.id] = loaded.document
            self.drafts.tabs.setCurrentIndex(0)
            self.drafts.reload()
            self._show(loaded)
            self.form.first_editor().setFocus()

    def import_from_file(self) -> None:
        """File › Import…: a Dari JSON draft becomes a new draft, opened."""
        _ = self.ui.gettext
        path = prompts.open_file(
            self, _("Import a draft"), _("Dari drafts (*.json);;All files (*)")
        )
        if path:
            self.import_files([Path(path)])

    def import_files(self, paths: list[Path]) -> None:
        """Each file becomes a new draft; the last one imported is opened. A file that is not
        a draft is said in a sentence, and nothing is created for it."""
        for path in paths:
            self._create(lambda path=path: self.service.import_file(path))

    def _fill_recent(self) -> None:
        """File › Recent drafts: the last opened drafts that are still there (not trashed)."""
        menu = self.commands.menus["recent"]
        menu.clear()
        drafts = {d.id: d for d in self.service.list()} if self.is_attached else {}
        recent = [drafts[i] for i in self.settings.recent_draft_ids() if i in drafts]
        for number, draft in enumerate(recent, start=1):
            title = (draft.title_ko if self.ui.language == "ko" else draft.title_en) or (
                draft.title_ko or draft.title_en or self.ui.gettext("(untitled)")
            )
            title = title.strip().splitlines()[0][:60] if title.strip() else title
            label = f"&{number} {title.replace('&', '&&')}" if number < 10 else title
            action = menu.addAction(label)
            action.setObjectName(f"recent-{draft.id}")
            action.triggered.connect(lambda _checked=False, i=draft.id: self.open_draft(i))
        if not recent:
            menu.addAction(self.ui.gettext("No recent drafts")).setEnabled(False)

    def edit_field(self, name: str) -> None:
        """Edit › Cut, Copy, Paste, Select all: on the text field that has the focus."""
        field: QWidget | None = QApplication.focusWidget()
        if isinstance(field, QComboBox):  # an editable combo: its line edit
            field = field.lineEdit()
        if isinstance(field, QLineEdit | QTextEdit | QPlainTextEdit):
            do = {"cut": field.cut, "copy": field.copy, "paste": field.paste}
            do.get(name, field.selectAll)()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt override
        if self.is_attached and self._dropped_drafts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        paths = self._dropped_drafts(event)
        if not self.is_attached or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.activateWindow()
        self.import_files(paths)

    @staticmethod
    def _dropped_drafts(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The local .json files being dropped."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [
            Path(url.toLocalFile())
            for url in urls
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".json")
        ]

    def move_to_trash(self) -> None:
        """Move the open draft to the trash, as a step Undo (or the status bar's link) reverts."""
        if self.loaded is None or self.drafts.in_trash:
            return
        _ = self.ui.gettext
        draft_id, title = self.loaded.id, self._draft_name(40)  # fits a 1024-pixel status bar
        self.autosaver.leave()
        if self._away_now():
            return
        with errors.user_errors(self, self.ui):
            self.apply_changes(self.service.trash(draft_id))
            self.history.push_operation(
                _("Move to trash"),
                undo=lambda: self._take_back(draft_id, title),
                redo=lambda: self._trash_again(draft_id),
            )
            self.statusBar().clearMessage()
            self.undo_notice.show_notice(
                _("Moved “{title}” to the trash.").format(title=title), _("Undo")
            )

    def _take_back(self, draft_id: int, title: str) -> None:
        """Undo of "move to trash": the draft comes back and opens again."""
        self.undo_notice.hide()
        with errors.user_errors(self, self.ui):
            self.apply_changes(self.service.restore(draft_id))
            if self.drafts.in_trash:
                self.drafts.tabs.setCurrentIndex(0)
            self.open_draft(draft_id)
            text = self.ui.gettext("“{title}” is back from the trash.").format(title=title)
            self.statusBar().showMessage(text, 8000)

    def _trash_again(self, draft_id: int) -> None:
        """Redo of "move to trash"."""
        if self.loaded is not None and self.loaded.id == draft_id:
            self.autosaver.leave()
        with errors.user_errors(self, self.ui):
            self.apply_changes(self.service.trash(draft_id))

    def restore(self, draft_id: int) -> None:
        if not draft_id:
            return
        with errors.user_errors(self, self.ui):
            self.apply_changes(self.service.restore(draft_id))
            self._leave_trashed()
            self.statusBar().showMessage(self.ui.gettext("Restored from the trash."), 5000)

    def purge(self, draft_id: int) -> None:
        _ = self.ui.gettext
        if not errors.confirm(
            self,
            self.ui,
            _("Delete permanently"),
            _("Delete this draft and all its revisions for good? This cannot be undone."),
            _("Delete permanently"),
        ):
            return
        if self._purging is not None:
            self.statusBar().showMessage(
                _("A draft is still being deleted; try again in a moment."), 5000
            )
            return
        with errors.user_errors(self, self.ui):
            keep_log = self._keep_export_log(draft_id)
            if keep_log is None:
                return
        if keep_log is None:  # the question itself failed (said already)
            return
        # Off the UI thread: a purge rewrites every backup and file kept aside (seconds
        # with many of them); the window stays usable and the list updates when it is done.
        service = self.service
        worker = CallWorker(lambda: service.purge(draft_id, keep_log=keep_log), self)
        worker.finished.connect(self._purged)
        self._purging, self._purging_id = worker, draft_id
        self.busy.show()
        self.statusBar().showMessage(_("Deleting the draft for good, in every backup too…"))
        worker.start()

    def _purged(self) -> None:
        """The purge's worker ended (UI thread): apply what changed, or say why it failed."""
        worker, self._purging, draft_id = self._purging, None, self._purging_id
        if worker is None:  # handled already (settle_background_work)
            return
        worker.wait()
        worker.deleteLater()
        self.busy.hide()
        self.statusBar().clearMessage()
        if worker.error is not None:
            if not isinstance(worker.error, errors.KNOWN_ERRORS):
                raise worker.error  # our bug: the excepthook logs it and shows it as one
            self.message_bar.show_message(errors.sentence(worker.error, self.ui), kind="purge")
            self.drafts.reload()  # the draft may be gone from the database, if not elsewhere
            return
        changes = cast("OpChanges", worker.result)
        self.apply_changes(changes)
        self._leave_trashed()
        self.history.drop(draft_id)
        self.history.operations.clear()  # no step may bring back what is gone for good
        self.statusBar().showMessage(self.ui.gettext("Deleted for good."), 5000)
        left: tuple[Path, ...] = getattr(changes, "left", ())
        if left:
            self._say_damaged_left(left)

    def _say_damaged_left(self, left: tuple[Path, ...]) -> None:
        """A purge could not rewrite these damaged files kept aside: the message bar says
        they may still hold the deleted text, with a button that offers to delete them."""
        from desktop_app.gui.window import damaged
        from desktop_app.services.changes import DAMAGED_LEFT

        _ = self.ui.gettext
        self._damaged_left = left  # said again in the other language

        def delete() -> None:
            if damaged.delete_after_asking(self, self.ui, self.services.data_dir, left):
                self.message_bar.dismiss("damaged_left")
                self.statusBar().showMessage(_("The damaged file was deleted."), 5000)

        self.message_bar.show_message(
            damaged.sentences(self.ui, DAMAGED_LEFT, left),
            kind="damaged_left",
            action=_("Delete the damaged file…"),
            on_action=delete,
        )

    @property
    def is_purging(self) -> bool:
        """True while a purge runs off the UI thread."""
        return self._purging is not None

    def settle_background_work(self) -> None:
        """Wait for a running purge and apply it now (before locking or closing)."""
        if self._purging is not None:
            self._purging.wait()
            self._purged()

    def _keep_export_log(self, draft_id: int) -> bool | None:
        """Ask whether a purged draft's export log entries stay; None: the person cancelled.
        A draft never exported has none and nothing is asked."""
        count = self.service.log.count_for_draft(draft_id)
        if not count:
            return False
        _ = self.ui.gettext
        text = self.ui.ngettext(
            "The export log has {count} entry for this draft: which file was made for whom, "
            "when, and whether it was sent (no text of the draft). Keep it?",
            "The export log has {count} entries for this draft: which file was made for "
            "whom, when, and whether it was sent (no text of the draft). Keep them?",
            count,
        ).format(count=count)
        choice = errors.choose(
            self, _("Delete permanently"), text, [_("Keep the log"), _("Delete the log too")]
        )
        return None if choice is None else choice == 0

    def apply_changes(self, changes: OpChanges) -> None:
        """Refresh what an operation changed (the list, the open draft) and nothing else."""
        if self.loaded is not None and changes.removed == self.loaded.id:
            self._close_draft()
        elif self.loaded is not None and changes.draft == self.loaded.id:
            self._show(self.service.load(self.loaded.id), reloaded=True)
        if changes.draft_list:
            self.drafts.reload()

    def save_now(self) -> None:
        """Ctrl+S: save now, with a revision. On a shared database the server is asked off
        the UI thread first (the typing goes on); a second Ctrl+S meanwhile joins the same
        save. `_saved_now` says how it ended."""
        self.autosaver.save_soon(revision_reason="saved", force=True, wanted=True)

    def _saved_now(self, done: bool) -> None:
        if done and not self.autosaver.offline:
            self.statusBar().showMessage(self.ui.gettext("Saved, and kept as a revision."), 5000)

    def open_export(self) -> None:
        if self.loaded is None:
            return
        saved = self.offline.active or self.flush()
        if self.offline.active:  # the server is away: the editor's text to a Word file
            self.offline.export_copy()
            return
        if not saved:
            return
        from desktop_app.gui.dialogs.export import ExportDialog  # loaded when first needed

        with errors.user_errors(self, self.ui):
            self._run_dialog(
                ExportDialog(self.service, self.loaded.id, self.settings, self.ui, self)
            )

    def print_job(self) -> PrintJob | None:
        """What File › Print prints: the open draft as exported, in the languages the
        preview shows (gui/window/printing.py); None when there is nothing to print."""
        if self.loaded is None or not self.flush():
            return None
        from desktop_app.gui.window import printing  # QtPrintSupport, when first needed

        _ = self.ui.gettext
        if self._preparing_print:  # the busy bar is modal; a shortcut could still reach here
            self.statusBar().showMessage(_("The pages are still being prepared."), 5000)
            return None
        exported = printing.exported_available()
        self._preparing_print = True
        try:
            with errors.user_errors(self, self.ui):
                job = printing.prepare_in_worker(
                    self, self.ui, self.form.document, self.preview.mode, self.settings,
                    exported=exported,
                )  # fmt: skip
                if job is None:
                    self.statusBar().showMessage(_("Printing was cancelled."), 5000)
                return job
        finally:
            self._preparing_print = False
        return None

    def print_draft(self, *, preview: bool) -> None:
        """File › Print (Ctrl+P) and Print preview, with Qt's print dialogs."""
        job = self.print_job()
        if job is None:
            return
        from desktop_app.gui.window import printing

        try:
            with errors.user_errors(self, self.ui):
                if job.is_preview:
                    self.statusBar().showMessage(
                        self.ui.gettext(
                            "LibreOffice is not installed: what prints is the preview's "
                            "rendering, not the exported document."
                        ),
                        15000,
                    )
                if preview:
                    printing.run_preview_dialog(self, self.ui, job)
                else:
                    printing.run_print_dialog(self, self.ui, job)
        finally:
            job.close()

    def open_merge(self) -> None:
        """The open letter to a list or chosen recipients (gui/merge/dialog.py)."""
        if self.loaded is None or not self.flush():
            return
        from desktop_app.gui.merge.dialog import MergeDialog

        with errors.user_errors(self, self.ui):
            dialog = MergeDialog(self.services, self.loaded.id, self.settings, self.ui, self)
            dialog.merged.connect(self.apply_changes)
            self._run_dialog(dialog)

    def open_export_log(self, draft_id: int | None) -> None:
        """The export log, of one draft or of all (gui/merge/log.py)."""
        if not self.is_attached:
            return
        from desktop_app.gui.merge.log import ExportLogDialog

        with errors.user_errors(self, self.ui):
            self._run_dialog(ExportLogDialog(self.services, self.ui, draft_id, self))

    def open_events(self) -> None:
        """Tools › Events (gui/events/dialog.py): the events and their sets."""
        if not self.is_attached or not self.flush():
            return
        from desktop_app.gui.events.dialog import EventsDialog

        with errors.user_errors(self, self.ui):
            dialog = EventsDialog(self.services, self.settings, self.ui, self, self)
            dialog.changes_made.connect(self.apply_changes)
            self._run_dialog(dialog)

    def open_revisions(self) -> None:
        if self.loaded is None or not self.flush():
            return
        from desktop_app.gui.dialogs.revisions import RevisionsDialog

        with errors.user_errors(self, self.ui):
            dialog = RevisionsDialog(self.service, self.loaded.id, self.ui, self)
            dialog.restored.connect(self._revision_restored)
            self._run_dialog(dialog)

    def _revision_restored(self, draft_id: int, when: str) -> None:
        self.open_draft(draft_id, reload=True)
        text = self.ui.gettext("Restored the revision of {when}.").format(when=when)
        self.statusBar().showMessage(text, 10000)

    def open_encryption(self) -> None:
        from desktop_app.gui.dialogs.encryption import EncryptionDialog
        from desktop_app.gui.window import shared_database

        if self.is_attached and self.services.server:  # no file here to encrypt
            shared_database.say_no_encryption(self, self.ui, self.services.server)
            return
        if self.is_attached and self.flush():
            self._run_dialog(EncryptionDialog(self))

    def open_settings(self) -> None:
        from desktop_app.gui.dialogs.settings import SettingsDialog

        self._run_dialog(SettingsDialog(self.settings, self.ui, self))

    def open_backups(self) -> None:
        """File › Backups…: after a restore the list and the open draft are reloaded."""
        if not self.is_attached or not self.flush():
            return
        from desktop_app.gui.dialogs.backups import BackupsDialog

        def restored() -> None:
            if self.loaded is not None:
                self._close_draft()
            self.drafts.reload()

        self._run_dialog(BackupsDialog(self.services.backups, self.ui, self, restored=restored))

    def send_bundle(self) -> None:
        """File › Send to a colleague… (gui/bundles/tools.py)."""
        from desktop_app.gui.bundles.tools import send_to_colleague

        send_to_colleague(self)

    def import_bundle(self, path: Path | None = None) -> None:
        """File › Import a bundle… (gui/bundles/tools.py)."""
        from desktop_app.gui.bundles.tools import import_bundle

        import_bundle(self, path)

    def open_guide(self) -> None:
        from desktop_app.gui.dialogs.help import HelpDialog

        self._run_dialog(HelpDialog(self.ui, self))

    def open_about(self) -> None:
        from desktop_app.gui.dialogs.about import AboutDialog

        if self.is_attached:  # the data folder is known once the database is open
            self._run_dialog(AboutDialog(self.ui, self.services.data_dir, self))

    def _run_dialog(self, dialog: QDialog) -> None:
        """Run a modal dialog, then let it go (it is not kept between uses)."""
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- edits and saving ---------------------------------------------------------------

    def _apply_document(self, document: Any, shown: bool) -> None:
        """Undo history callback: show (unless already shown), autosave and preview a document."""
        if not shown:
            self.form.set_document(document)
            self.form.fix_tab_order()
        self.autosaver.changed(document)
        self.preview.show_document(document)
        self._update_title()

    def _setting_changed(self, name: str) -> None:
        if name == "ui_language":  # whoever changed it, the window follows (no-op if it did)
            self.ui.set_language(self.settings.ui_language)

    def _status_chosen(self, status: str) -> None:
        self.autosaver.set_status(status)

    def _saved(self, loaded: LoadedDraft) -> None:
        self.loaded = loaded
        self.drafts.saved(loaded.record)
        self._saved_at, self._save_error = datetime.now().strftime("%H:%M:%S"), ""
        self._show_save_state()
        self.message_bar.dismiss("save")

    def _save_failed(self, sentence: str) -> None:
        self._save_error = sentence
        self._show_save_state()
        _ = self.ui.gettext
        self.message_bar.show_message(
            _("Your last changes are not saved yet: {reason} Dari tries again by itself.").format(
                reason=sentence
            ),
            kind="save",
            action=_("Try again now"),
            on_action=self.autosaver.flush,
        )

    def _show_lost_saves(self) -> None:
        """Say in the message bar that a damaged journal dropped the last saves."""
        if self._lost_saves is not None:
            text = errors.lost_saves_sentence(self.ui, self._lost_saves)
            self.message_bar.show_message(text, kind="lost_saves")

    def _show_save_state(self) -> None:
        """The status bar's last save (or failure), in the current UI language."""
        _ = self.ui.gettext
        if self.offline.active:
            self.save_state.setText(_("Kept on this computer — the server is away"))
            self.save_state.setToolTip("")
            self.save_state.setStyleSheet("QLabel { color: #8a5a00; font-weight: 600; }")
        elif self._save_error:
            self.save_state.setText(_("Not saved — will try again"))
            self.save_state.setToolTip(self._save_error)
            self.save_state.setStyleSheet("QLabel { color: #b00020; font-weight: 600; }")
        else:
            self.save_state.setText(
                _("Saved at {time}").format(time=self._saved_at) if self._saved_at else ""
            )
            self.save_state.setToolTip("")
            self.save_state.setStyleSheet("")

    def _replaced_after_conflict(self, theirs: LoadedDraft, copy: LoadedDraft) -> None:
        self.drafts.reload()
        self._show(theirs, reloaded=True)
        self.statusBar().showMessage(
            self.ui.gettext("Your version was kept as a new draft (number {number}).").format(
                number=copy.id
            ),
            15000,
        )

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        self.history.break_merge()
        self.form.end_typing()
        if old is not None and self.autosaver.dirty and self.form.isAncestorOf(old):
            self.autosaver.save_soon()  # a shared database is asked off the UI thread first

    # -- window -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.commands.retranslate()
        self.drafts.retranslate()
        for form in self.forms.values():
            form.retranslate()
        self.preview.retranslate()
        self.message_bar.retranslate()
        if self.message_bar.kind == "lost_saves":
            self._show_lost_saves()
        if self.message_bar.kind == "damaged_left":
            self._say_damaged_left(self._damaged_left)
        self.offline.retranslate()
        self.welcome.retranslate()
        self.trashed.retranslate()
        self.splitter.setAccessibleName(self.ui.gettext("Drafts, letter and preview"))
        self.statusBar().clearMessage()  # a passing message was in the other language
        self._show_save_state()
        self._show_database()
        self._update_title()
        fit_combos(self)

    def _update_title(self) -> None:
        title = f"{APP_NAME_KO} · {APP_NAME}{self._database_suffix()}"
        if self.loaded is not None:
            title = f"{self._draft_name()} — {title}"
        self.setWindowTitle(title)

    def _database_suffix(self) -> str:
        """ " — user@host/database" in the title over a shared database ("" over this
        computer's data folder): which drafts these are, never a password."""
        server = self._services.server if self._services is not None else None
        return f" — {server}" if server else ""

    def _show_database(self) -> None:
        """The status bar and the title name the shared database the drafts are in (nothing
        for this computer's data folder)."""
        self._update_title()
        server = self._services.server if self._services is not None else None
        label = self.findChild(QLabel, "sharedDatabase")
        if not server:
            if label is not None:
                label.hide()
            return
        if label is None:
            label = QLabel(self)
            label.setObjectName("sharedDatabase")
            self.statusBar().addPermanentWidget(label)
        _ = self.ui.gettext
        label.setText(_("Shared database: {server}").format(server=server))
        label.setToolTip(
            _(
                "Your drafts are in the shared database “{server}”, which colleagues use too."
            ).format(server=server)
        )
        label.show()

    def _draft_name(self, limit: int = 80) -> str:
        """The open draft's title in the UI language (else the other), on one line, cut at
        `limit` characters (with "…")."""
        return draft_name(self.form.document, self.ui, limit)

    def _update_actions(self) -> None:
        open_ = self.loaded is not None
        for name in ("duplicate", "trash", "save", "export", "print", "print_preview",
                     "revisions", "update_from_book"):  # fmt: skip
            self.commands[name].setEnabled(open_)
        self.commands["trash"].setEnabled(open_ and not self.drafts.in_trash)
        self.commands["merge"].setEnabled(open_ and self.loaded is not None
                                          and self.loaded.document.KIND == Letter.KIND)  # fmt: skip
        self.commands["draft_export_log"].setEnabled(open_)
        self.commands["export_log"].setEnabled(self.is_attached)
        self.commands["events"].setEnabled(self.is_attached)
        self.commands["import_bundle"].setEnabled(self.is_attached)
        self.commands["send_bundle"].setEnabled(self.is_attached)  # the drafts are ticked there
        self.commands["encryption"].setEnabled(self.is_attached)
        self.commands["lock"].setEnabled(self.is_attached and self.services.encrypted)
        ready = self.is_attached
        for name in ("new", "new_sample", "new_upr", "new_upr_sample", "new_notice",
                     "new_notice_sample", "new_statement", "new_statement_sample", "import",
                     "glossary", "clauses", "about", "address_book", "backups"):  # fmt: skip
            self.commands[name].setEnabled(ready)
        self.welcome.setEnabled(ready)
        in_trash = self.drafts.in_trash and bool(self.drafts.selected_id())
        self.commands["restore"].setEnabled(in_trash)
        self.commands["undo"].setEnabled(self.history.stack.canUndo())
        self.commands["redo"].setEnabled(self.history.stack.canRedo())

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry
        if not geometry or not self.restoreGeometry(QByteArray(geometry)):
            self.resize(1500, 900)
        state = QByteArray(self.settings.window_state)
        stream = QDataStream(state, QIODevice.OpenModeFlag.ReadOnly)
        if state.isEmpty() or stream.readInt32() != STATE_VERSION:
            return
        mode, splitter, main = stream.readQString(), QByteArray(), QByteArray()
        stream >> splitter
        stream >> main
        if stream.status() == QDataStream.Status.Ok:
            self.splitter.restoreState(splitter)
            self.restoreState(main)
            self.preview.set_mode(mode)

    def _save_layout(self) -> None:
        state = QByteArray()
        stream = QDataStream(state, QIODevice.OpenModeFlag.WriteOnly)
        stream.writeInt32(STATE_VERSION)
        stream.writeQString(self.preview.mode)
        stream << self.splitter.saveState()
        stream << self.saveState()
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(state.data())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.autosaver.is_waiting:  # a save waits for the server: close once it is done
            self._close_after_wait = True
            event.ignore()
            return
        self.settle_background_work()  # a purge under way ends before the window does
        # A shared database is asked first, without holding the window: away, the text is
        # kept here, and neither the save nor the presence row waits on the network.
        self.autosaver.server_answers()
        if not self._leave_current():
            event.ignore()
            return
        self._save_layout()
        self.offline.stop()  # no probe of the server outlives the window
        self.live.leave()  # colleagues no longer see this window on its draft
        event.accept()
