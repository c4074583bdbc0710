"""Bundles through the real window: File › Import a bundle… from another "laptop" (a second
data folder), a stranger's signature needing a yes, the merge dialog choosing theirs for a
conflicting edit, and File › Send to a colleague… with a passphrase."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.gui import prompts
from desktop_app.gui.bundles import tools
from desktop_app.gui.bundles.merge_dialog import MergeDialog
from desktop_app.gui.bundles.send import PASSPHRASE, SendDialog
from desktop_app.services import Services, services_for
from desktop_app.services.bundles import DraftImport
from tests.helpers.samples import sample_letter


def _subject(services: Services, draft_id: int, ko: str) -> None:
    loaded = services.drafts.load(draft_id)
    document = replace(loaded.document, subject=replace(loaded.document.subject, ko=ko))
    services.drafts.save(draft_id, document, expected_version=loaded.version)


def _a_conflict_imported(services: Services, tmp_path: Path) -> tuple[DraftImport, Path]:
    """A colleague's draft imported here, then its subject edited on both sides and the
    second bundle imported: (the draft here, the second bundle), one conflict pending."""
    with services_for(tmp_path / "a") as a:
        services.bundles.keys.add_colleague("A", a.bundles.keys.own().text)
        draft = a.drafts.create(sample_letter()).id
        mine_key = services.bundles.keys.own()
        local = services.bundles.import_file(
            a.bundles.export([draft], tmp_path / "1.age", to=mine_key)
        ).drafts[0]
        _subject(a, draft, "상대의 제목")
        _subject(services, local.draft_id, "나의 제목")
        second = a.bundles.export([draft], tmp_path / "2.age", to=mine_key)
        services.bundles.import_file(second)
    return local, second


def test_import_a_strangers_bundle_then_merge_a_conflicting_edit_choosing_theirs(
    open_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window("en")
    told: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(prompts, "ask", lambda _p, _t, text, _y, **_k: asked.append(text) or True)
    mine_key = window.services.bundles.keys.own()
    with services_for(tmp_path / "a") as a:
        draft = a.drafts.create(sample_letter()).id
        first = a.bundles.export([draft], tmp_path / "1.age", to=mine_key)
        fingerprint = a.bundles.keys.own().fingerprint
        window.import_bundle(first)
        assert asked and fingerprint in asked[0]  # a stranger: asked, then imported
        assert "1 new draft." in told[-1]
        (listed,) = window.services.drafts.list()
        window.open_draft(listed.id)
        # both edit the subject; mine is typed in the open window and flushed by the import
        _subject(a, draft, "A가 고친 제목")
        second = a.bundles.export([draft], tmp_path / "2.age", to=mine_key)
    _subject(window.services, listed.id, "B가 고친 제목")
    window.open_draft(listed.id, reload=True)

    seen: list[MergeDialog] = []

    def choose_theirs(dialog: Any) -> bool:
        assert isinstance(dialog, MergeDialog)
        seen.append(dialog)
        qtbot.addWidget(dialog)
        (conflict_id,) = dialog.groups
        dialog.theirs_buttons[conflict_id].click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True

    monkeypatch.setattr(tools, "run_dialog", choose_theirs)
    window.import_bundle(second)
    assert len(seen) == 1
    assert window.services.drafts.load(listed.id).document.subject.ko == "A가 고친 제목"
    assert window.loaded is not None and window.loaded.document.subject.ko == "A가 고친 제목"
    assert window.services.bundles.conflicts() == []
    assert len(window.services.drafts.list()) == 1
    # the same bundle again: said, nothing changed
    window.import_bundle(second)
    assert "imported before" in told[-1] and len(seen) == 1


def test_conflicts_left_by_the_command_line_open_when_the_bundle_is_imported_again(
    open_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window("en")
    services = window.services
    monkeypatch.setattr(prompts, "inform", lambda *a: None)
    local, second = _a_conflict_imported(services, tmp_path)  # as `dari bundle import` does
    opened: list[int] = []

    def keep_mine(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        opened.append(dialog.draft_id)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True

    monkeypatch.setattr(tools, "run_dialog", keep_mine)
    window.import_bundle(second)
    assert opened == [local.draft_id]
    assert services.bundles.conflicts() == []
    assert services.drafts.load(local.draft_id).document.subject.ko == "나의 제목"


def test_the_merge_dialog_shows_mine_beside_theirs_and_later_keeps_them(
    open_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    window = open_window("en")
    services = window.services
    local, _second = _a_conflict_imported(services, tmp_path)
    dialog = MergeDialog(services.bundles, local.draft_id, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.show()
    from PySide6.QtWidgets import QPlainTextEdit

    texts = [view.toPlainText() for view in dialog.findChildren(QPlainTextEdit)]
    assert texts == ["나의 제목", "상대의 제목"]
    assert all(choice == "mine" for choice in dialog.choices().values())
    later = next(b for b in dialog.buttons.buttons() if b.objectName() == "later")
    later.click()
    assert dialog.changes is None and len(services.bundles.conflicts(local.draft_id)) == 1


def test_send_the_open_draft_with_a_passphrase(
    open_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window("en")
    draft = window.services.drafts.create(sample_letter()).id
    window.drafts.reload()
    window.open_draft(draft)
    target = tmp_path / "for-anyone.age"
    monkeypatch.setattr(prompts, "save_file", lambda *a: str(target))
    monkeypatch.setattr(prompts, "inform", lambda *a: None)

    def fill(dialog: SendDialog) -> bool:
        qtbot.addWidget(dialog)
        assert dialog.own_fingerprint.text() == window.services.bundles.keys.own().fingerprint
        assert dialog.save_button.text() == "Save the bundle…"
        dialog.to.setCurrentIndex(dialog.to.findData(PASSPHRASE))
        dialog.passphrase_edit.setText("짧음")
        dialog.repeat_edit.setText("짧음")
        dialog.check_and_accept()
        assert "at least 8" in dialog.problem.text() and not dialog.result()
        dialog.passphrase_edit.setText("사무실 공용 암호 문장")
        dialog.repeat_edit.setText("사무실 공용 암호 문장")
        dialog.with_glossary.setChecked(True)
        dialog.check_and_accept()
        return bool(dialog.result())

    monkeypatch.setattr(tools, "run_send", fill)
    window.send_bundle()
    assert target.exists()
    with services_for(tmp_path / "c") as c:
        outcome = c.bundles.import_file(
            target, passphrase="사무실 공용 암호 문장", trust_signer=True
        )
        assert outcome.drafts[0].outcome == "created"
        assert outcome.terms_added == 0  # the shipped glossary is seeded there too


def test_send_several_drafts_ticked_in_the_dialog_as_one_bundle_the_command_line_imports(
    open_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import subprocess
    import sys

    from PySide6.QtCore import Qt

    from desktop_app.domain import BilingualText
    from desktop_app.domain.contacts import BookOrganisation

    window = open_window("en")
    services = window.services
    _, ours = services.contacts.save(BookOrganisation(BilingualText("우리 단체", "Our NGO")))
    letter = replace(sample_letter(), senders=(services.contacts.sender(ours.id),))
    ids = [services.drafts.create(letter).id for _ in range(3)]
    for number, draft_id in enumerate(ids, start=1):
        _subject(services, draft_id, f"초안 {number}")
    window.drafts.reload()
    assert window.commands["send_bundle"].isEnabled()  # no draft open: ticked in the dialog
    window.open_draft(ids[0])
    target = tmp_path / "several.age"
    monkeypatch.setattr(prompts, "save_file", lambda *a: str(target))
    monkeypatch.setattr(prompts, "inform", lambda *a: None)
    passphrase = "여러 초안을 한 번에 보냅니다"

    def tick(dialog: SendDialog) -> bool:
        qtbot.addWidget(dialog)
        items = [dialog.draft_list.item(row) for row in range(dialog.draft_list.count())]
        assert dialog.chosen() == [ids[0]]  # the open draft, ticked to begin with
        assert "1 draft with" in dialog.intro.text()
        for item in items:
            item.setCheckState(Qt.CheckState.Unchecked)
        dialog.to.setCurrentIndex(dialog.to.findData(PASSPHRASE))
        dialog.passphrase_edit.setText(passphrase)
        dialog.repeat_edit.setText(passphrase)
        dialog.check_and_accept()
        assert "at least one draft" in dialog.problem.text() and not dialog.result()
        for item in items:
            if item.text() in ("초안 1", "초안 3"):
                item.setCheckState(Qt.CheckState.Checked)
        assert "2 drafts with" in dialog.intro.text()
        dialog.with_contacts.setChecked(True)
        dialog.check_and_accept()
        return bool(dialog.result())

    monkeypatch.setattr(tools, "run_send", tick)
    window.send_bundle()
    assert target.exists()
    elsewhere = tmp_path / "elsewhere"
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(elsewhere), "bundle", "import",
         str(target), "--bundle-passphrase-stdin", "--trust-signer"],
        input=passphrase + "\n", capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sorted(line.split("\t")[1:] for line in lines[:2]) == [
        ["created", "초안 1"],
        ["created", "초안 3"],
    ]
    assert "1 address-book entry added." in lines  # 우리 단체, once for both drafts


def test_two_conflicting_paragraphs_of_one_field_are_two_rows_chosen_separately(
    open_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from desktop_app.domain.letter import BodyItem
    from desktop_app.domain.text import BilingualText

    window = open_window("en")
    services = window.services

    def body(target: Services, draft_id: int, ko: str) -> None:
        loaded = target.drafts.load(draft_id)
        document = replace(loaded.document, body=(BodyItem(BilingualText(ko, "")),))
        target.drafts.save(draft_id, document, expected_version=loaded.version)

    with services_for(tmp_path / "a") as a:
        services.bundles.keys.add_colleague("A", a.bundles.keys.own().text)
        mine_key = services.bundles.keys.own()
        draft = a.drafts.create(sample_letter()).id
        body(a, draft, "가.\n나.\n다.")
        local = services.bundles.import_file(
            a.bundles.export([draft], tmp_path / "1.age", to=mine_key)
        ).drafts[0]
        body(a, draft, "가 (A).\n나.\n다 (A).")
        body(services, local.draft_id, "가 (B).\n나.\n다 (B).")
        services.bundles.import_file(a.bundles.export([draft], tmp_path / "2.age", to=mine_key))
    dialog = MergeDialog(services.bundles, local.draft_id, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.show()
    places = [label.text() for label in dialog.findChildren(QLabel) if "line" in label.text()]
    assert places == ["Paragraph 1 (Korean), line 1", "Paragraph 1 (Korean), line 3"]
    texts = [view.toPlainText() for view in dialog.findChildren(QPlainTextEdit)]
    assert texts == ["가 (B).", "가 (A).", "다 (B).", "다 (A)."]
    first, last = dialog.groups
    dialog.theirs_buttons[last].click()  # theirs for the third paragraph only
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert services.drafts.load(local.draft_id).document.body[0].text.ko == "가 (B).\n나.\n다 (A)."
    assert services.bundles.conflicts() == [] and first != last


def _an_entry_conflict(services: Services, tmp_path: Path) -> Path:
    """A colleague's letter to the minister imported here with the address-book entries,
    then the minister's entry and appointment edited on both sides: the second bundle (not
    imported yet)."""
    from datetime import date

    from desktop_app.domain import BilingualText
    from desktop_app.domain.contacts import (
        Appointment,
        BookOrganisation,
        ContactId,
        ContactKind,
        OfficeDate,
        Person,
        Position,
    )

    mine_key = services.bundles.keys.own()
    with services_for(tmp_path / "a") as a:
        services.bundles.keys.add_colleague("A", a.bundles.keys.own().text)
        _, mofa = a.contacts.save(BookOrganisation(BilingualText("외교부", "MOFA")))
        _, minister = a.contacts.save(
            Position(mofa.id, title=BilingualText("외교부 장관", "Minister"))
        )
        _, cho = a.contacts.save(Person(BilingualText("조태열", "Cho Tae-yul"), note="장관"))
        a.contacts.save(Appointment(minister.id, cho.id, OfficeDate.parse("2024-01 [U]"), None))
        day = date(2024, 4, 30)
        resolved = a.contacts.resolve(ContactId(ContactKind.POSITION, minister.id), day)
        letter = replace(sample_letter(), date=day, recipients=(resolved.recipient,))
        draft = a.drafts.create(letter)
        first = a.bundles.export([draft.id], tmp_path / "1.age", to=mine_key, with_contacts=True)
        services.bundles.import_file(first)
        for side, english, note, start in (
            (a, "Cho Tae-yeol", "A가 고친 메모", "2024-01-02"),
            (services, "Cho Taeyul", "B가 고친 메모", "2024 [U]"),
        ):
            (person,) = side.contacts.all(Person)
            side.contacts.save(replace(person, name=BilingualText("조태열", english), note=note))
            (term,) = side.contacts.all(Appointment)
            side.contacts.save(replace(term, start=OfficeDate.parse(start)))
        return a.bundles.export([draft.id], tmp_path / "2.age", to=mine_key, with_contacts=True)


def test_an_address_book_entry_changed_on_both_sides_is_chosen_in_the_merge_dialog(
    open_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from desktop_app.domain.contacts import Appointment, Person

    window = open_window("en")
    services = window.services
    told: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda _p, _t, text: told.append(text))
    second = _an_entry_conflict(services, tmp_path)
    seen: list[dict[str, Any]] = []

    def choose(dialog: Any) -> bool:
        assert isinstance(dialog, MergeDialog) and dialog.draft_id is None
        qtbot.addWidget(dialog)
        dialog.show()
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        texts = [view.toPlainText() for view in dialog.findChildren(QPlainTextEdit)]
        seen.append({"labels": labels, "texts": texts})
        paths = list(dialog.groups)
        name, note, start = (p for p in paths)
        assert name.endswith("/name_en") and note.endswith("/note") and start.endswith("/start")
        dialog.theirs_buttons[name].click()  # theirs for the romanisation
        dialog.mine_buttons[note].click()  # mine for the note
        dialog.theirs_buttons[start].click()  # theirs for the day he took office
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True

    monkeypatch.setattr(tools, "run_dialog", choose)
    before = services.contacts.all(Person)
    window.import_bundle(second)
    (shown,) = seen
    assert "<b>The person “조태열 / Cho Taeyul”</b>" in shown["labels"]
    assert {"Name (English)", "Note", "Position held from"} <= set(shown["labels"])
    assert shown["texts"] == [
        "Cho Taeyul",
        "Cho Tae-yeol",
        "B가 고친 메모",
        "A가 고친 메모",
        "2024 [U]",
        "2024-01-02",
    ]
    (person,) = services.contacts.all(Person)
    assert person.id == before[0].id
    assert (person.name.en, person.note) == ("Cho Tae-yeol", "B가 고친 메모")
    (term,) = services.contacts.all(Appointment)
    assert str(term.start) == "2024-01-02"
    assert services.bundles.entry_conflicts() == []
    assert "still waits" not in told[-1] and "still wait" not in told[-1]


def test_the_entry_merge_dialog_later_keeps_them_and_speaks_korean(
    open_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLabel

    window = open_window("ko")
    services = window.services
    services.bundles.import_file(_an_entry_conflict(services, tmp_path))
    dialog = MergeDialog(services.bundles, None, window.ui, window)
    qtbot.addWidget(dialog)
    dialog.resize(900, 620)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"이름 (영문)", "메모", "재임 시작일"} <= labels
    assert any("조태열 / Cho Taeyul" in text and "인물" in text for text in labels)
    image = dialog.grab()
    assert image.width() >= 900 and not image.isNull()
    later = next(b for b in dialog.buttons.buttons() if b.objectName() == "later")
    later.click()
    assert dialog.changes is None
    assert sum(len(e.fields) for e in services.bundles.entry_conflicts()) == 3
