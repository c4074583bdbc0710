"""The window's actions, menus, toolbar and shortcuts, labelled in the UI language."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QToolButton

from desktop_app.domain.messages import N_

if TYPE_CHECKING:
    from desktop_app.gui.i18n import UiLanguage

Key = QKeySequence.StandardKey

Keys = list[str | QKeySequence.StandardKey]  # made into QKeySequences once the app exists

# name: (label, status tip, shortcuts, standard icon or None, on the toolbar)
ACTIONS: dict[str, tuple[str, str, Keys, QStyle.StandardPixmap | None, bool]] = {
    "new": (
        N_("&New letter"),
        N_("Start a blank letter"),
        [Key.New],
        QStyle.StandardPixmap.SP_FileIcon,
        True,
    ),
    "new_sample": (
        N_("New &from sample"),
        N_("Start from the sample letter (the founding case)"),
        [],
        None,
        True,
    ),
    "new_upr": (
        N_("New &UPR brief"),
        N_("Start a blank brief of advance questions and recommendations for a UPR review"),
        ["Ctrl+Shift+N"],
        None,
        False,
    ),
    "new_upr_sample": (
        N_("New UPR brief from sa&mple"),
        N_("Start from the sample UPR brief (the founding case: Viet Nam, 2024)"),
        [],
        None,
        False,
    ),
    "new_notice": (
        N_("New press conference notice"),
        N_("Start a blank press conference notice (기자회견 안내)"),
        [],
        None,
        False,
    ),
    "new_notice_sample": (
        N_("New press conference notice from sample"),
        N_("Start from the sample notice (the founding case: 18 April 2024)"),
        [],
        None,
        False,
    ),
    "new_statement": (
        N_("New statement"),
        N_("Start a blank statement (기자회견문)"),
        [],
        None,
        False,
    ),
    "new_statement_sample": (
        N_("New statement from sample"),
        N_("Start from the sample statement (the founding case: 18 April 2024)"),
        [],
        None,
        False,
    ),
    "import": (
        N_("&Import…"),
        N_("Open a draft saved as a Dari JSON file (you can also drop the file on the window)"),
        [Key.Open],
        None,
        False,
    ),
    "duplicate": (
        N_("&Duplicate"),
        N_("Make a copy of this draft"),
        ["Ctrl+D"],
        None,
        True,
    ),
    "trash": (
        N_("Move to &trash"),
        N_("Move this draft to the trash (it can be restored)"),
        [Key.Delete],  # only while the draft list has focus: see WindowActions
        QStyle.StandardPixmap.SP_TrashIcon,
        True,
    ),
    "restore": (
        N_("&Restore from trash"),
        N_("Take the selected draft out of the trash"),
        [],
        None,
        False,
    ),
    "save": (
        N_("&Save"),
        N_("Save now and keep a revision"),
        [Key.Save],
        QStyle.StandardPixmap.SP_DialogSaveButton,
        True,
    ),
    "export": (
        N_("&Export…"),
        N_("Export this draft as Word files"),
        ["Ctrl+E"],
        None,
        True,
    ),
    "print": (
        N_("&Print…"),
        N_("Print this draft as it is exported (the languages the preview shows)"),
        [Key.Print],
        None,
        False,
    ),
    "print_preview": (
        N_("Print previe&w…"),
        N_("See the pages as they will print"),
        [],
        None,
        False,
    ),
    "revisions": (
        N_("Re&visions…"),
        N_("See, compare and restore earlier versions of this draft"),
        [],
        None,
        True,
    ),
    "merge": (
        N_("M&ail merge…"),
        N_("One copy of this letter for each recipient of a list, each logged"),
        [],
        None,
        False,
    ),
    "draft_export_log": (
        N_("Export &log of this draft…"),
        N_("Which files of this draft were made for whom, and which were sent"),
        [],
        None,
        False,
    ),
    "events": (
        N_("E&vents…"),
        N_("The documents of one occasion (notice, statement, letter, brief) as one set"),
        [],
        None,
        False,
    ),
    "export_log": (
        N_("Export &log…"),
        N_("Every file exported or merged, for whom, and whether it was sent"),
        [],
        None,
        False,
    ),
    "lock": (
        N_("Loc&k"),
        N_("Lock Dari now: your drafts stay encrypted until you type your passphrase"),
        ["Ctrl+L"],
        None,
        True,
    ),
    "encryption": (
        N_("Encr&yption…"),
        N_("Encrypt your drafts with a passphrase, change it, or lock after idle minutes"),
        [],
        None,
        False,
    ),
    "quit": (N_("&Quit"), N_("Close Dari"), [Key.Quit, "Ctrl+Q"], None, False),
    "undo": (
        N_("&Undo"),
        N_("Undo the last change"),
        [Key.Undo],
        QStyle.StandardPixmap.SP_ArrowBack,
        True,
    ),
    "redo": (
        N_("&Redo"),
        N_("Redo the change just undone"),
        ["Ctrl+Shift+Z", "Ctrl+Y", Key.Redo],
        QStyle.StandardPixmap.SP_ArrowForward,
        True,
    ),
    "cut": (N_("Cu&t"), N_("Cut the selected text"), [Key.Cut], None, False),
    "copy": (N_("&Copy"), N_("Copy the selected text"), [Key.Copy], None, False),
    "paste": (N_("&Paste"), N_("Paste into the field you are in"), [Key.Paste], None, False),
    "select_all": (
        N_("Select &all"),
        N_("Select all the text of the field you are in"),
        [Key.SelectAll],
        None,
        False,
    ),
    "find": (
        N_("&Find…"),
        N_("Search the drafts"),
        [Key.Find],
        None,
        False,
    ),
    "glossary": (
        N_("&Glossary…"),
        N_("The approved Korean–English terms the editors check against"),
        [],
        None,
        False,
    ),
    "address_book": (
        N_("&Address book…"),
        N_("Organisations, people and offices with their dates, and the drafts that use them"),
        ["Ctrl+Shift+B"],
        None,
        False,
    ),
    "update_from_book": (
        N_("&Update from the address book…"),
        N_("See what taking this draft's parties again from the address book would change"),
        [],
        None,
        False,
    ),
    "clauses": (
        N_("&Clause library"),
        N_("Show or hide the library of reusable bilingual paragraphs"),
        ["Ctrl+Shift+L"],
        None,
        False,
    ),
    "preview": (
        N_("&Preview"),
        N_("Show or hide the preview of the printed page"),
        ["Ctrl+Shift+P"],
        None,
        False,
    ),
    "send_bundle": (
        N_("Send to a c&olleague…"),
        N_(
            "The drafts you tick, with their revisions, signed and encrypted for a colleague's "
            "key or a passphrase"
        ),
        [],
        None,
        False,
    ),
    "import_bundle": (
        N_("Import a bundle…"),
        N_("Drafts a colleague sent: new ones are added, changed ones merged"),
        [],
        None,
        False,
    ),
    "backups": (
        N_("&Backups…"),
        N_("Earlier copies of all your drafts: back up now, or restore one"),
        [],
        None,
        False,
    ),
    "settings": (
        N_("Settin&gs…"),
        N_("Language, styles, your organisation's details and a shared database"),
        ["Ctrl+,"],
        None,
        False,
    ),
    "guide": (
        N_("Dari &guide"),
        N_("A short guide to Dari, in the interface language (no internet needed)"),
        [Key.HelpContents],
        None,
        False,
    ),
    "about": (
        N_("&About Dari"),
        N_("Version, licence and where your drafts are kept"),
        [],
        None,
        False,
    ),
}
MENUS: dict[str, tuple[str, list[str | None]]] = {  # None: a separator; "menu:…": a submenu
    "file": (N_("&File"), ["new", "new_sample", "new_upr", "new_upr_sample", "new_notice",
                           "new_notice_sample", "new_statement", "new_statement_sample", None,
                           "import",
                           "menu:recent", None, "duplicate", None, "save", "export", "merge",
                           "send_bundle", "import_bundle",
                           None, "print_preview", "print", None, "revisions", "draft_export_log",
                           None, "trash", "restore", None, "backups", "settings", "encryption",
                           "lock", None, "quit"]),
    "edit": (N_("&Edit"), ["undo", "redo", None, "cut", "copy", "paste", "select_all", None,
                           "find"]),
    "view": (N_("&View"), ["preview", "clauses"]),
    "tools": (N_("&Tools"), ["glossary", None, "address_book", "update_from_book",
                             None, "events", "export_log"]),
    "help": (N_("&Help"), ["guide", None, "about"]),
}  # fmt: skip
LATER: set[str] = set()  # shown where a Word user looks for them, disabled, the tooltip says why
SUBMENUS: dict[str, str] = {"recent": N_("Re&cent drafts")}  # filled by the window
NEW_MENU = ["new", "new_sample", "new_upr", "new_upr_sample", "new_notice", "new_notice_sample",
            "new_statement", "new_statement_sample"]  # under the toolbar's "New"  # fmt: skip
TOOLBAR: list[str | None] = ["new", "new_sample", None, "save", "undo", "redo", None,
                             "duplicate", "trash", None, "export", "revisions", None,
                             "lock"]  # fmt: skip


def without_mnemonic(text: str) -> str:
    """A label without its keyboard mnemonic: "&Save" → "Save", "저장(&S)" → "저장"."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _sequences(keys: Keys) -> list[QKeySequence]:
    """The shortcuts as key sequences, without empty (not on this system) or repeated ones."""
    seen: list[QKeySequence] = []
    for key in (QKeySequence(k) for k in keys):
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


class WindowActions:
    """Creates every QAction once; `retranslate` relabels them, the menus and the toolbar."""

    def __init__(self, window: QMainWindow, ui: UiLanguage) -> None:
        self.ui = ui
        self.actions: dict[str, QAction] = {}
        for name, (_label, _tip, shortcuts, icon, _bar) in ACTIONS.items():
            action = QAction(window)
            action.setObjectName(name)
            action.setShortcuts(_sequences(shortcuts))
            if icon is not None:
                action.setIcon(window.style().standardIcon(icon))
            action.setEnabled(name not in LATER)
            window.addAction(action)
            self.actions[name] = action
        # Delete in a text field deletes a character; the window gives the draft list this one.
        self.actions["trash"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.menus: dict[str, QMenu] = {}
        for key, (_title, names) in MENUS.items():
            menu = window.menuBar().addMenu("")
            menu.setObjectName(key)
            for entry in names:
                if entry is None:
                    menu.addSeparator()
                elif entry.startswith("menu:"):
                    submenu = menu.addMenu("")
                    submenu.setObjectName(entry.removeprefix("menu:"))
                    self.menus[submenu.objectName()] = submenu
                else:
                    menu.addAction(self.actions[entry])
            menu.setToolTipsVisible(bool(LATER & set(names)))  # why Print is not there yet
            self.menus[key] = menu
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for entry in TOOLBAR:
            if entry is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.actions[entry])
        window.addToolBar(self.toolbar)
        self._add_new_menu(window)
        self.retranslate()

    def _add_new_menu(self, window: QMainWindow) -> None:
        """The toolbar's "New" button also opens a menu of every kind of new draft."""
        self.new_menu = QMenu(window)
        for name in NEW_MENU:
            self.new_menu.addAction(self.actions[name])
        button = self.toolbar.widgetForAction(self.actions["new"])
        if isinstance(button, QToolButton):
            button.setMenu(self.new_menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def retranslate(self) -> None:
        _ = self.ui.gettext
        for name, (label, tip, _keys, _icon, _bar) in ACTIONS.items():
            action = self.actions[name]
            text = _(label)
            action.setText(text)
            action.setStatusTip(_(tip))
            plain = without_mnemonic(text)
            action.setIconText(plain.removesuffix("…"))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if name in LATER:
                action.setToolTip(_(tip))
            else:
                action.setToolTip(f"{plain} ({keys})" if keys else plain)
        for key, menu in self.menus.items():
            menu.setTitle(_(MENUS[key][0] if key in MENUS else SUBMENUS[key]))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.toolbar.setAccessibleName(_("Toolbar"))
