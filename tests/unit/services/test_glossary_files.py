"""TBX from outside goes through defusedxml: bombs refused in any encoding, real files read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop_app.domain.glossary import Scope, Term
from desktop_app.services import DariError, build_services
from desktop_app.services.glossary_files import terms_from_tbx, terms_to_tbx
from desktop_app.storage import Database

REFUSED = "declares XML entities or refers to outside files; Dari does not read such files."

LAUGHS = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    "<!DOCTYPE tbx [\n"
    ' <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n"
    "<tbx><text><body><conceptEntry><langSec xml:lang='ko'><termSec><term>&lol9;</term>"
    "</termSec></langSec></conceptEntry></body></text></tbx>\n"
)
OUTSIDE_FILE = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    "<tbx><text><body><conceptEntry><langSec xml:lang='ko'><termSec><term>&secret;</term>"
    "</termSec></langSec></conceptEntry></body></text></tbx>\n"
)
TBX_V2 = """<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="ko"><tig><term>탈북민</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>North Korean escapee</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def encoded(template: str, encoding: str) -> bytes:
    """UTF-8, or UTF-16 with its byte-order mark (what Windows tools write)."""
    text = template.format(encoding=encoding)
    return text.encode("utf-8") if encoding == "UTF-8" else text.encode("utf-16")


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16"])
@pytest.mark.parametrize("template", [LAUGHS, OUTSIDE_FILE], ids=["billion-laughs", "outside"])
def test_entity_declarations_are_refused_in_any_encoding(template: str, encoding: str) -> None:
    data = encoded(template, encoding)
    if encoding == "UTF-16":
        assert data.startswith(b"\xff\xfe") and b"<!ENTITY" not in data  # a byte check is blind
    started = time.perf_counter()
    with pytest.raises(DariError) as caught:
        terms_from_tbx(data, "terms.tbx")
    assert str(caught.value) == f"terms.tbx {REFUSED}"
    assert time.perf_counter() - started < 1  # refused, not expanded


def test_a_bomb_through_the_service_changes_nothing(db: Database, tmp_path: Path) -> None:
    services = build_services(db)
    before = services.glossary.terms()
    path = tmp_path / "bomb.tbx"
    path.write_bytes(encoded(LAUGHS, "UTF-16"))
    with pytest.raises(DariError, match="does not read such files"):
        services.glossary.import_file(path)
    assert services.glossary.terms() == before


def test_a_utf16_tbx_imports(db: Database, tmp_path: Path) -> None:
    terms = [
        Term("탈북민", "North Korean escapee", note="UN usage", scope=Scope.UN),
        Term("강제북송", "forced repatriation", forbidden=("deportation",)),
    ]
    utf8 = terms_to_tbx(terms)
    assert utf8.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    utf16 = utf8.decode("utf-8").replace("encoding='utf-8'", "encoding='UTF-16'").encode("utf-16")
    path = tmp_path / "windows.tbx"
    path.write_bytes(utf16)
    services = build_services(db)
    services.glossary.import_file(path, replace=True)
    assert [t.term for t in services.glossary.terms()] == terms


def test_a_tbx_v2_with_its_doctype_line_imports() -> None:
    (term,) = terms_from_tbx(TBX_V2.encode("utf-16"), "v2.tbx")  # the DTD is never loaded
    assert (term.ko, term.en) == ("탈북민", "North Korean escapee")
