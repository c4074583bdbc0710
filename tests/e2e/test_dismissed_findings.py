"""Issue 10: `dari check` leaves out a glossary finding dismissed in its field, and says so."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import dari


def test_check_leaves_a_dismissed_finding_out(data_dir: Path, tmp_path: Path) -> None:
    draft = {
        "format": 5,
        "kind": "letter",
        "subject": {"ko": "탈북민 보호", "en": "Protection"},
        "body": [
            {
                "text": {"ko": "탈북민의 증언", "en": "Testimony", "dismissed": [{"ko": "탈북민"}]},
                "level": 0,
            }
        ],
    }
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    imported = dari("import", path, data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    draft_id = imported.stdout.strip()

    said = dari("check", draft_id, data_dir=data_dir)
    assert said.returncode == 0, said.stderr
    about_the_term = [line for line in said.stdout.splitlines() if "“탈북민”" in line]
    assert about_the_term == [
        "subject: “탈북민” is usually “North Korean escapees” in English, "
        "which the English text lacks."
    ]  # the body paragraph's finding was dismissed there
    assert "(1 glossary finding dismissed in this draft is not listed.)" in said.stdout
    exported = json.loads(dari("export-json", draft_id, data_dir=data_dir).stdout)
    assert exported["body"][0]["text"]["dismissed"] == [{"ko": "탈북민"}]

    korean = dari("check", draft_id, data_dir=data_dir, lang="ko_KR.UTF-8").stdout
    assert "(이 초안에서 무시한 용어집 지적 1건은 싣지 않았습니다.)" in korean
