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
