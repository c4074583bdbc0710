"""`dari contacts …` and `dari lists …` as a script runs them, in English and Korean."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import dari


def test_sample_list_search_and_a_list_of_recipients(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert dari("contacts", "import-sample", data_dir=data).returncode == 0
    found = dari("contacts", "list", "--search", "조태", "--on", "2024-04-18", data_dir=data)
    assert found.returncode == 0
    [person] = found.stdout.splitlines()
    assert person.startswith("person-") and "조태열 / Cho Tae-yul" in person
    chos = dari("contacts", "list", "--search", "cho", data_dir=data).stdout.splitlines()
    # any case, any part of a name: both ministers, and Mulmangcho
    assert [line.split("\t")[-1] for line in chos] == [
        "(사)물망초 / Mulmangcho",
        "조태열 / Cho Tae-yul",
        "조현 / Cho Hyun",
    ]
    minister = dari(
        "contacts", "list", "--search", "외교부 장관", "--on", "2024-04-18", data_dir=data
    ).stdout.splitlines()
    [office] = [line for line in minister if line.startswith("position-")]
    assert office.endswith("조태열 / Cho Tae-yul")
    position = office.split("\t")[0]
    assert dari("lists", "create", "Ministers", data_dir=data).returncode == 0
    added = dari("lists", "add", "Ministers", position, data_dir=data)
    assert added.returncode == 0 and "1 member" in added.stdout
    shown = dari("lists", "show", "Ministers", "--on", "2025-08-01", data_dir=data)
    assert shown.stdout.splitlines() == [
        f"{position}\t조현 / Cho Hyun\t외교부 장관 / Minister of Foreign Affairs\t"
        "외교부 / Ministry of Foreign Affairs, Republic of Korea"
    ]
    bad = dari("lists", "add", "Ministers", "pos-1", data_dir=data, lang="ko_KR.UTF-8")
    assert bad.returncode == 1 and "연락처 번호가 아닙니다" in bad.stderr
    assert "Traceback" not in bad.stderr
    missing = dari("lists", "show", "nowhere", data_dir=data)
    assert missing.returncode == 1 and "no list named" in missing.stderr


def test_import_dry_run_export_and_a_bad_row(tmp_path: Path) -> None:
    data = tmp_path / "data"
    dari("contacts", "import-sample", data_dir=data)
    exported = tmp_path / "book.csv"
    assert dari("contacts", "export", exported, data_dir=data).returncode == 0
    other = tmp_path / "other"
    dry = dari("contacts", "import", exported, "--dry-run", data_dir=other)
    assert dry.returncode == 0 and dry.stdout.startswith("Read as CSV, UTF-8 with BOM.\n")
    assert "\nWould add 18 organisations" in dry.stdout
    assert dari("contacts", "list", data_dir=other).stdout == ""
    again = dari("contacts", "import", exported, data_dir=data)
    assert again.stdout.startswith("Added 0 organisations, 0 positions, 0 people and 0 ")
    bad = tmp_path / "bad.csv"
    bad.write_text("organisation_en,from\nGroup,2024\n", encoding="utf-8")
    result = dari("contacts", "import", bad, data_dir=data)
    assert result.returncode == 1
    assert "Row 2 not imported: dates of office need both a position and a person." in result.stdout


def test_import_cp949_dry_run_mapping_duplicates_and_vcard(tmp_path: Path) -> None:
    data = tmp_path / "data"
    dari("contacts", "import-sample", data_dir=data)
    excel = tmp_path / "excel.csv"  # what Excel on Korean Windows writes: CP949
    excel.write_bytes(
        (
            "기관명,기관영문명,이름,영문이름,메모란\r\n"
            '외교부,"Ministry of Foreign Affairs, Republic of Korea",조태열,Cho Taeyul,x\r\n'
            "시험단체,Test Group,,,\r\n"
            ",,,,y\r\n"
        ).encode("cp949")
    )
    dry = dari("contacts", "import", excel, "--dry-run", data_dir=data)
    assert dry.returncode == 1 and "Traceback" not in dry.stderr
    assert dry.stdout.startswith("Read as CSV, CP949.\nColumns:\n\t기관명\t→ organisation_ko\n")
    assert "\t메모란\t→ (unknown: map it with --map" in dry.stdout
    assert "Unknown columns: 메모란. Map them with --map COLUMN=FIELD" in dry.stderr
    refused = dari("contacts", "import", excel, data_dir=data, lang="ko_KR.UTF-8")
    assert refused.returncode == 1 and "알 수 없는 열: 메모란" in refused.stderr
    mapped = ("--map", "메모란=note")
    dry = dari("contacts", "import", excel, "--dry-run", *mapped, data_dir=data)
    lines = dry.stdout.splitlines()
    assert "\t메모란\t→ note" in lines
    assert "Row 4 not imported: it names no organisation and no person." in lines
    [dup] = [line for line in lines if line.startswith("Row 2:")]
    assert dup.startswith("Row 2: 조태열 / Cho Taeyul is already in the address book as person-")
    assert dup.endswith(
        "(조태열 / Cho Tae-yul); use --merge-duplicates to update it or --add-duplicates "
        "to add a new one."
    )
    assert lines[-1].startswith("Would add 1 organisations, 0 positions, 0 people")
    done = dari("contacts", "import", excel, *mapped, data_dir=data)
    assert done.returncode == 1 and done.stdout.splitlines()[-1].startswith("Added 1 organisations")
    assert (
        "조태열 / Cho Tae-yul" in dari("contacts", "list", "--search", "조태", data_dir=data).stdout
    )
    korean = dari("contacts", "import", excel, *mapped, data_dir=data, lang="ko_KR.UTF-8")
    assert "이미 주소록에 person-" in korean.stdout and "--merge-duplicates" in korean.stdout
    merged = dari("contacts", "import", excel, *mapped, "--merge-duplicates", data_dir=data)
    assert "1 entry updated from its duplicate rows." in merged.stdout
    found = dari("contacts", "list", "--search", "조태", data_dir=data).stdout
    assert "조태열 / Cho Taeyul" in found and found.count("person-") == 1

    cards = tmp_path / "people.vcf"
    written = dari("contacts", "export", cards, data_dir=data)
    assert written.returncode == 0 and written.stdout.startswith("8 rows written to")
    assert "X-DARI-NAME-KO:조현" in cards.read_text(encoding="utf-8")
    other = tmp_path / "other"
    back = dari("contacts", "import", cards, data_dir=other)
    assert back.returncode == 0 and "8 people" in back.stdout
    book = tmp_path / "book.xlsx"
    assert dari("contacts", "export", book, data_dir=data).returncode == 0
    again = dari("contacts", "import", book, data_dir=data)
    assert again.stdout.startswith("Added 0 organisations, 0 positions, 0 people and 0 ")


def test_two_rows_of_one_file_for_one_person_are_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = tmp_path / "two.csv"
    path.write_text(
        "organisation_ko,person_ko,person_en\n"
        "(예시) 시험단체,김시험,Kim Si-heom\n"
        "(예시) 시험단체,김시험,Kim Siheom\n",
        encoding="utf-8",
    )
    dry = dari("contacts", "import", path, "--dry-run", data_dir=data)
    assert (
        "Row 3: 김시험 / Kim Siheom looks like row 2 of the same file (김시험 / Kim Si-heom); "
        "use --merge-duplicates to make them one entry or --add-duplicates to add both."
    ) in dry.stdout.splitlines()
    korean = dari(
        "contacts", "import", path, "--merge-duplicates", data_dir=data, lang="ko_KR.UTF-8"
    )
    assert "3행" in korean.stdout and "2행" in korean.stdout
    found = dari("contacts", "list", "--search", "김시험", data_dir=data).stdout
    assert found.count("person-") == 1 and "Kim Siheom" in found
