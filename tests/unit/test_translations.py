"""The Korean UI catalog is complete: every marked string in the code has a translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import desktop_app
from desktop_app.i18n import catalog_dir, translator

PACKAGE = Path(desktop_app.__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_ui_string_has_a_korean_translation() -> None:
    with (catalog_dir() / "ko" / "LC_MESSAGES" / "dari.po").open("rb") as f:
        catalog = read_po(f, locale="ko")
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and m.string and not m.fuzzy
    }
    missing = sorted(source_messages() - translated)
    assert missing == [], (
        "These strings have no Korean translation; run scripts/update-catalog and translate "
        f"them in desktop_app/resources/locale/ko/LC_MESSAGES/dari.po: {missing}"
    )


def test_placeholders_survive_translation() -> None:
    ko = translator("ko")
    for message in source_messages():
        names = set(re.findall(r"{(\w+)}", message))
        assert set(re.findall(r"{(\w+)}", ko.gettext(message))) == names, message


def test_the_compiled_catalog_is_used() -> None:
    assert translator("ko").gettext("subject") == "제목"
