"""The Viet Nam brief through the CLI's services: every layout, read back and validated."""

from __future__ import annotations

from pathlib import Path

import docx

from desktop_app.compose import Layout
from desktop_app.services import DraftService, ExportRequest
from tests.helpers.docx_checks import docx_text, openxml_schema_errors
from tests.helpers.samples import sample_upr_brief


def test_brief_exports_in_every_layout_and_validates(service: DraftService, tmp_path: Path) -> None:
    draft = service.create(sample_upr_brief())
    requests = [
        ExportRequest("both", Layout.SEPARATE),
        ExportRequest("both", Layout.COMBINED),
        ExportRequest("both", Layout.SIDE_BY_SIDE),
        ExportRequest("en", styles={"en": "upr-ohchr-en"}),
        ExportRequest("ko", styles={"ko": "upr-ohchr-ko"}),
        # A letter style chosen in the dialog gives way to the brief's own default.
        ExportRequest("ko", styles={"ko": "ko-official"}),
    ]
    files = [
        path
        for request in requests
        for path in service.export(draft.id, request, tmp_path, overwrite=True)
    ]
    names = [p.name for p in files]
    assert "2024-05-07 베트남 UPR 사전질의·권고 (ko).docx" in names
    assert "2024-05-07 Viet Nam UPR advance questions (en).docx" in names
    assert "2024-05-07 베트남 UPR 사전질의 목록 (ko).docx" in names
    for path in set(files):
        assert openxml_schema_errors(path) == [], path.name
    english = docx_text(tmp_path / "2024-05-07 베트남 UPR 사전질의·권고 (en).docx")
    assert "Universal Periodic Review of Viet Nam" in english
    assert "Vietnam" not in english.replace("Vietnam War", "")
    ohchr = docx.Document(str(tmp_path / "2024-05-07 Viet Nam UPR advance questions (en).docx"))
    assert [p.text for p in ohchr.paragraphs][:3] == [
        "Advance questions to Viet Nam",
        "Universal Periodic Review – Fourth cycle – 46th session",
        "REPUBLIC OF KOREA",
    ]


def test_brief_json_round_trip_through_the_service(service: DraftService) -> None:
    draft = service.create(sample_upr_brief())
    again = service.import_json(service.export_json(draft.id))
    assert service.load(again.id).document == sample_upr_brief()
    (summary,) = service.list("베트남전", kind="upr-brief")[:1]
    assert summary.kind == "upr-brief"
