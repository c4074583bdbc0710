"""Two "laptops" (two data folders) exchange bundles through the real `dari` command: keys,
a conflicting edit, the conflicts listed and resolved, tampering and a wrong passphrase."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.paths import sample_path

ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}


def run(
    *args: str | Path, data_dir: Path, stdin: str = "", lang: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**ENV, "LANG": lang},
    )


def ok(*args: str | Path, data_dir: Path, stdin: str = "") -> str:
    result = run(*args, data_dir=data_dir, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit_subject(data_dir: Path, draft_id: str, tmp_path: Path, ko: str) -> None:
    """Change the Korean subject through the services, as the window's save does (the CLI
    has no edit command)."""
    from dataclasses import replace

    from desktop_app.services import services_for

    with services_for(data_dir) as services:
        loaded = services.drafts.load(int(draft_id))
        subject = replace(loaded.document.subject, ko=ko)
        document = replace(loaded.document, subject=subject)
        services.drafts.save(int(draft_id), document, expected_version=loaded.version)


@pytest.fixture
def laptops(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    key_a = ok("keys", "show", data_dir=a).splitlines()
    key_b = ok("keys", "show", data_dir=b).splitlines()
    assert key_a[0].startswith("dari1:age1") and key_a[1].startswith("Fingerprint: ")
    added = ok("keys", "add", "Alex", key_a[0], data_dir=b)
    assert key_a[1].split(": ")[1] in added
    ok("keys", "add", "지민", key_b[0], data_dir=a)
    (tmp_path / "b.key").write_text(key_b[0] + "\n", encoding="utf-8")
    (tmp_path / "a.key").write_text(key_a[0] + "\n", encoding="utf-8")
    return a, b


def test_a_round_trip_with_a_conflicting_edit(laptops: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = laptops
    draft = ok("import", sample_path(), data_dir=a).strip()
    first = tmp_path / "one.age"
    printed = ok("bundle", "export", draft, "--to", tmp_path / "b.key", "--out", first, data_dir=a)
    assert printed.strip() == str(first)
    lines = ok("bundle", "import", first, data_dir=b).splitlines()
    theirs_id, outcome, _title = lines[0].split("\t")
    assert outcome == "created"
    again = ok("bundle", "import", first, data_dir=b)
    assert "nothing changed" in again

    edit_subject(a, draft, tmp_path, "A가 고친 제목")
    edit_subject(b, theirs_id, tmp_path, "B가 고친 제목")
    second = tmp_path / "two.age"
    ok("bundle", "export", draft, "--to", tmp_path / "b.key", "--out", second, data_dir=a)
    report = ok("bundle", "import", second, data_dir=b).splitlines()
    assert report[0].split("\t")[:2] == [theirs_id, "merged"]
    conflict = report[1].split("\t")
    assert conflict[1:3] == [f"draft {theirs_id}", "subject.ko"]
    assert conflict[3] == "mine: B가 고친 제목" and conflict[4] == "theirs: A가 고친 제목"
    assert "1 conflict waits" in report[2]
    shown = ok("show", theirs_id, data_dir=b)
    assert "B가 고친 제목" in shown  # the text here kept until chosen
    listed = ok("list", data_dir=b).splitlines()
    assert len(listed) == 1  # no hidden duplicate
    conflict_id = conflict[0].split()[1]
    ok("bundle", "resolve", theirs_id, "--theirs", conflict_id, data_dir=b)
    assert "A가 고친 제목" in ok("show", theirs_id, data_dir=b)
    assert ok("bundle", "conflicts", data_dir=b) == ""
    # and back: A had not changed since, so it takes B's resolution
    back = tmp_path / "back.age"
    ok("bundle", "export", theirs_id, "--to", tmp_path / "a.key", "--out", back, data_dir=b)
    assert ok("bundle", "import", back, data_dir=a).split("\t")[:2] == [draft, "updated"]


def test_passphrases_on_two_lines_tampering_and_strangers(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = laptops
    draft = ok("import", sample_path(), data_dir=a).strip()
    bundle = tmp_path / "x.age"
    args = ("bundle", "export", draft, "--bundle-passphrase-stdin", "--out", bundle)
    ok(*args, data_dir=a, stdin="함께 쓰는 긴 암호\n")
    assert b"age-encryption.org/v1\n-> scrypt" in bundle.read_bytes()[:80]
    refused = run(*args, data_dir=a, stdin="다른 긴 암호 문장\n")
    assert refused.returncode == 1 and "--overwrite" in refused.stderr
    wrong = run("bundle", "import", bundle, "--bundle-passphrase-stdin", data_dir=b, stdin="x\n")
    assert wrong.returncode == 1 and "cannot be opened with this passphrase" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    missing = run("bundle", "import", bundle, data_dir=b)
    assert missing.returncode == 1 and "--bundle-passphrase-stdin" in missing.stderr
    # a 1-bit change
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x04
    tampered = tmp_path / "tampered.age"
    tampered.write_bytes(bytes(data))
    result = run(
        "bundle", "import", tampered, "--bundle-passphrase-stdin", data_dir=b,
        stdin="함께 쓰는 긴 암호\n",
    )  # fmt: skip
    assert result.returncode == 1 and "changed or damaged" in result.stderr
    assert ok("list", data_dir=b) == ""
    # a stranger (no `keys add`) is refused without a terminal, naming the fingerprint
    c = tmp_path / "c"
    fingerprint = ok("keys", "show", data_dir=a).splitlines()[1].split(": ")[1]
    stranger = run(
        "bundle", "import", bundle, "--bundle-passphrase-stdin", data_dir=c,
        stdin="함께 쓰는 긴 암호\n",
    )  # fmt: skip
    assert stranger.returncode == 1
    assert fingerprint in stranger.stderr and "dari keys add" in stranger.stderr
    assert ok("list", data_dir=c) == ""
    trusted = ok(
        "bundle", "import", bundle, "--bundle-passphrase-stdin", "--trust-signer",
        data_dir=c, stdin="함께 쓰는 긴 암호\n",
    )  # fmt: skip
    assert trusted.split("\t")[1] == "created"


def test_an_encrypted_folder_reads_its_passphrase_first_and_the_bundles_second(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = laptops
    secret = "데이터베이스 암호 문장"
    on = run("--passphrase-stdin", "encryption", "on", data_dir=b, stdin=f"{secret}\n{secret}\n")
    assert on.returncode == 0, on.stderr
    draft = ok("import", sample_path(), data_dir=a).strip()
    bundle = tmp_path / "x.age"
    ok(
        "bundle", "export", draft, "--bundle-passphrase-stdin", "--out", bundle,
        data_dir=a, stdin="번들 암호 문장\n",
    )  # fmt: skip
    both = ok(
        "--passphrase-stdin", "bundle", "import", bundle, "--bundle-passphrase-stdin",
        data_dir=b, stdin=f"{secret}\n번들 암호 문장\n",
    )  # fmt: skip
    assert both.split("\t")[1] == "created"
    # the installation's secret keys and the imported draft: inside SQLCipher only
    from tests.helpers.canary import find_canary

    assert find_canary(b, "AGE-SECRET-KEY", "전환기정의워킹그룹") == []


def test_clauses_and_address_book_entries_travel_with_with_clauses_and_with_contacts(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    from dataclasses import replace
    from datetime import date

    from desktop_app.domain import BilingualText
    from desktop_app.domain.clauses import Clause
    from desktop_app.domain.contacts import (
        Appointment,
        BookOrganisation,
        ContactId,
        ContactKind,
        OfficeDate,
        Person,
        Position,
    )
    from desktop_app.domain.letter import BodyItem
    from desktop_app.services import services_for
    from tests.helpers.samples import sample_letter

    a, b = laptops
    clause = BilingualText("강제송환금지 원칙을 지켜 주십시오.", "Respect non-refoulement.")
    with services_for(a) as services:
        _, mofa = services.contacts.save(BookOrganisation(BilingualText("외교부", "MOFA")))
        _, minister = services.contacts.save(
            Position(mofa.id, title=BilingualText("외교부 장관", "Minister"))
        )
        _, cho = services.contacts.save(Person(BilingualText("조태열", "Cho Tae-yul")))
        services.contacts.save(
            Appointment(minister.id, cho.id, OfficeDate.parse("2024-01 [U]"), None)
        )
        services.clauses.add(Clause(BilingualText("송환", "Refoulement"), clause))
        day = date(2024, 4, 30)
        resolved = services.contacts.resolve(ContactId(ContactKind.POSITION, minister.id), day)
        letter = replace(
            sample_letter(),
            date=day,
            recipients=(resolved.recipient,),
            body=(BodyItem(clause),),
        )
        draft = str(services.drafts.create(letter).id)
    out = tmp_path / "with.age"
    key = tmp_path / "b.key"
    options = ("--with-clauses", "--with-contacts")
    ok("bundle", "export", draft, "--to", key, "--out", out, *options, data_dir=a)
    report = ok("bundle", "import", out, data_dir=b)
    # 외교부, its minister, 조태열 and his appointment (its date as written: 2024-01 [U])
    assert "4 address-book entries added." in report.splitlines()
    assert "1 clause added." in report.splitlines()
    listed = ok("contacts", "list", data_dir=b)
    assert "외교부 장관" in listed and "조태열" in listed
    again = tmp_path / "again.age"
    ok("bundle", "export", draft, "--to", key, "--out", again, "--with-contacts", data_dir=a)
    report = ok("bundle", "import", again, data_dir=b).splitlines()
    assert report[1:] == []  # the draft unchanged, every entry too: nothing more to say
    assert ok("contacts", "list", data_dir=b) == listed  # no second copy


def test_an_address_book_entry_changed_on_both_laptops_is_listed_and_resolved_by_path(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    from dataclasses import replace
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
    from desktop_app.services import services_for
    from tests.helpers.samples import sample_letter

    a, b = laptops
    with services_for(a) as services:
        _, mofa = services.contacts.save(BookOrganisation(BilingualText("외교부", "MOFA")))
        _, minister = services.contacts.save(
            Position(mofa.id, title=BilingualText("외교부 장관", "Minister"))
        )
        _, cho = services.contacts.save(Person(BilingualText("조태열", "Cho Tae-yul")))
        services.contacts.save(
            Appointment(minister.id, cho.id, OfficeDate.parse("2024-01 [U]"), None)
        )
        day = date(2024, 4, 30)
        resolved = services.contacts.resolve(ContactId(ContactKind.POSITION, minister.id), day)
        letter = replace(sample_letter(), date=day, recipients=(resolved.recipient,))
        draft = str(services.drafts.create(letter).id)
    key = tmp_path / "b.key"
    first, second = tmp_path / "1.age", tmp_path / "2.age"
    ok("bundle", "export", draft, "--to", key, "--out", first, "--with-contacts", data_dir=a)
    ok("bundle", "import", first, data_dir=b)
    for folder, english, note in ((a, "Cho Tae-yeol", "A"), (b, "Cho Taeyul", "B")):
        with services_for(folder) as services:
            (person,) = services.contacts.all(Person)
            name = BilingualText("조태열", english)
            services.contacts.save(replace(person, name=name, note=note))
    ok("bundle", "export", draft, "--to", key, "--out", second, "--with-contacts", data_dir=a)
    report = ok("bundle", "import", second, data_dir=b).splitlines()
    lines = [line.split("\t") for line in report if line.startswith("conflict contact:")]
    assert [line[2:] for line in lines] == [
        ["name_en", "mine: Cho Taeyul", "theirs: Cho Tae-yeol"],
        ["note", "mine: B", "theirs: A"],
    ]
    assert lines[0][1].startswith("person ")
    assert "2 fields of the address book or clauses wait for your choice" in report[-1]
    assert "Cho Taeyul" in ok("contacts", "list", data_dir=b)  # kept until chosen
    listed = ok("bundle", "conflicts", data_dir=b).splitlines()
    assert [line.split("\t")[0] for line in listed] == [line[0] for line in lines]
    name_path, note_path = (line[0].split()[1] for line in lines)
    wrong = run("bundle", "resolve", "--theirs", "contact:0000/name_en", data_dir=b)
    assert wrong.returncode == 1 and "is no conflict waiting" in wrong.stderr
    korean = run("bundle", "resolve", "--theirs", "7", data_dir=b, lang="ko_KR.UTF-8")
    assert korean.returncode == 1 and "Traceback" not in korean.stderr
    assert "DRAFT_ID" in korean.stderr and "초안" in korean.stderr
    done = ok("bundle", "resolve", "--theirs", name_path, "--mine", note_path, data_dir=b)
    assert done.strip() == "0 fields of the address book or clauses still wait."
    assert ok("bundle", "conflicts", data_dir=b) == ""
    with services_for(b) as services:
        (person,) = services.contacts.all(Person)
        assert (person.name.en, person.note) == ("Cho Tae-yeol", "B")
        (term,) = services.contacts.all(Appointment)
        assert str(term.start) == "2024-01 [U]"  # untouched, as written
