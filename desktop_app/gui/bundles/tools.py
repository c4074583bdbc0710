"""The window's bundle actions: send the open (or selected) draft, import a bundle and
show the merge dialog for each draft an import left conflicts in.

Questions go through functions tests replace (`prompts`, `ask_passphrase`, `run_send`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from desktop_app.gui import errors, prompts
from desktop_app.gui.bundles.merge_dialog import MergeDialog
from desktop_app.gui.bundles.send import SendDialog

if TYPE_CHECKING:
    from desktop_app.gui.window.main_window import MainWindow


def ask_passphrase(parent: QWidget, title: str, text: str) -> str | None:
    """The bundle's passphrase, None when the person cancels."""
    value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
    return value if ok else None


def run_send(dialog: SendDialog) -> bool:
    """Run the send dialog; True when the person pressed OK."""
    return run_dialog(dialog)


def run_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog and let it go; True when it was accepted (tests replace this)."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def send_to_colleague(window: MainWindow) -> None:
    """File › Send to a colleague…: the drafts ticked in the dialog (the open one, else the
    selected one, ticked to begin with) as one bundle."""
    from desktop_app.services.bundles import default_file_name

    _ = window.ui.gettext
    if not window.is_attached or not window.flush():
        return
    drafts = window.services.drafts.list()
    if not drafts:
        prompts.inform(window, _("Send to a colleague"), _("There is no draft to send yet."))
        return
    draft_id = window.loaded.id if window.loaded is not None else window.drafts.selected_id()
    bundles = window.services.bundles
    with errors.user_errors(window, window.ui):
        titles = [(d.id, d.title_ko or d.title_en) for d in drafts]
        dialog = SendDialog(bundles.keys, titles, [draft_id] if draft_id else [], window.ui, window)
        if not run_send(dialog):
            return
        name = default_file_name(bundles.clock().astimezone())
        target = prompts.save_file(
            window, _("Save the bundle"), name, _("Dari bundles (*.age);;All files (*)")
        )
        if not target:
            return
        # the file dialog has asked before replacing a file
        path = bundles.export(
            dialog.chosen(),
            Path(target),
            to=dialog.recipient(),
            passphrase=dialog.passphrase(),
            overwrite=True,
            with_glossary=dialog.with_glossary.isChecked(),
            with_clauses=dialog.with_clauses.isChecked(),
            with_contacts=dialog.with_contacts.isChecked(),
        )
        window.drafts.reload()
        prompts.inform(
            window,
            _("Send to a colleague"),
            _("The bundle is saved as {file}. Only its recipient can open it.").format(file=path),
        )


def import_bundle(window: MainWindow, path: Path | None = None) -> None:
    """File › Import a bundle…: the signature checked (a stranger needs a yes), the drafts
    created, updated or merged, then the merge dialog for each draft with conflicts."""
    from desktop_app.services import OpChanges
    from desktop_app.services.bundles import UnknownSigner

    _ = window.ui.gettext
    if not window.is_attached or not window.flush():
        return
    if path is None:
        chosen = prompts.open_file(
            window, _("Import a bundle"), _("Dari bundles (*.age);;All files (*)")
        )
        if not chosen:
            return
        path = Path(chosen)
    bundles = window.services.bundles
    with errors.user_errors(window, window.ui):
        passphrase = None
        if bundles.needs_passphrase(path):
            passphrase = ask_passphrase(window, _("Import a bundle"), _("The bundle's passphrase:"))
            if passphrase is None:
                return
        try:
            outcome = bundles.import_file(path, passphrase=passphrase)
        except UnknownSigner as error:
            question = errors.sentence(error, window.ui)
            if not prompts.ask(window, _("Import a bundle"), question, _("Import anyway")):
                return
            outcome = bundles.import_file(path, passphrase=passphrase, trust_signer=True)
        for draft in outcome.drafts:
            if draft.outcome != "unchanged":
                window.apply_changes(OpChanges(draft_list=True, draft=draft.draft_id))
        # every draft with conflicts waiting, this bundle's first (a bundle imported
        # before, e.g. by `dari bundle import`, opens its conflicts here too)
        waiting = [d.draft_id for d in outcome.drafts if d.conflicts]
        waiting += [c.draft_id for c in bundles.conflicts() if c.draft_id not in waiting]
        for draft_id in dict.fromkeys(waiting):
            resolve_conflicts(window, draft_id)
        if bundles.entry_conflicts():  # the address book's and clauses', in one dialog
            resolve_conflicts(window, None)
        if outcome.already_imported:
            prompts.inform(
                window,
                _("Import a bundle"),
                _("This bundle was imported before; nothing changed."),
            )
            return
        prompts.inform(window, _("Import a bundle"), _summary(window, outcome))


def resolve_conflicts(window: MainWindow, draft_id: int | None) -> None:
    """The merge dialog over one draft's pending conflicts (None: the address book's and
    clauses'); its choices are applied."""
    dialog = MergeDialog(window.services.bundles, draft_id, window.ui, window)
    run_dialog(dialog)
    if dialog.changes is not None:
        window.apply_changes(dialog.changes)


def _summary(window: MainWindow, outcome: object) -> str:
    from desktop_app.services.bundle_entries import describe
    from desktop_app.services.bundles import ImportOutcome

    assert isinstance(outcome, ImportOutcome)
    ui = window.ui
    created = sum(1 for d in outcome.drafts if d.outcome == "created")
    changed = sum(1 for d in outcome.drafts if d.outcome in ("updated", "merged"))
    waiting = len(window.services.bundles.conflicts())
    waiting += sum(len(e.fields) for e in window.services.bundles.entry_conflicts())
    parts = [
        ui.ngettext("{count} new draft.", "{count} new drafts.", created).format(count=created),
        ui.ngettext("{count} draft updated.", "{count} drafts updated.", changed).format(
            count=changed
        ),
    ]
    if outcome.terms_added:
        parts.append(
            ui.ngettext(
                "{count} glossary term added.", "{count} glossary terms added.", outcome.terms_added
            ).format(count=outcome.terms_added)
        )
    parts += describe(outcome.entries, ui.gettext, ui.ngettext)
    if waiting:
        parts.append(
            ui.ngettext(
                "{count} conflict still waits for your choice.",
                "{count} conflicts still wait for your choice.",
                waiting,
            ).format(count=waiting)
        )
    return " ".join(parts)
