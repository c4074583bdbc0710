"""The Korean UI catalog is complete: every marked string in the code has a translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import desktop_app
from desktop_app.i18n import catalog_dir, translator

PACKAGE = Path(desktop_app.__file__).parent
# As scripts/update-catalog extracts them (pybabel also knows gettext by default)
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def source_entries() -> set[str | tuple[str, str]]:
    """Every marked string: a message, or (singular, plural) for ngettext."""
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def source_messages() -> set[str]:
    return {entry if isinstance(entry, str) else entry[0] for entry in source_entries()}


def korean_catalog() -> Catalog:
    with (catalog_dir() / "ko" / "LC_MESSAGES" / "dari.po").open("rb") as f:
        return read_po(f, locale="ko")


def test_every_ui_string_has_a_korean_translation() -> None:
    catalog = korean_catalog()
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    missing = sorted(source_messages() - translated)
    assert missing == [], (
        "These strings have no Korean translation; run scripts/update-catalog and translate "
        f"them in desktop_app/resources/locale/ko/LC_MESSAGES/dari.po: {missing}"
    )


def test_placeholders_survive_translation() -> None:
    ko = translator("ko")
    for entry in source_entries():
        if isinstance(entry, str):
            names = set(re.findall(r"{(\w+)}", entry))
            assert set(re.findall(r"{(\w+)}", ko.gettext(entry))) == names, entry
            continue
        singular, plural = entry
        names = set(re.findall(r"{(\w+)}", singular))
        assert set(re.findall(r"{(\w+)}", plural)) == names, entry
        for count in (1, 2):
            said = ko.ngettext(singular, plural, count)
            assert set(re.findall(r"{(\w+)}", said)) == names, entry


def test_korean_has_one_plural_form() -> None:
    catalog = korean_catalog()
    assert catalog.num_plurals == 1 and catalog.plural_expr == "0"
    header = (catalog_dir() / "ko" / "LC_MESSAGES" / "dari.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == 1 for m in plurals)
    ko = translator("ko")
    one = ko.ngettext("{count} term", "{count} terms", 1)
    assert one == ko.ngettext("{count} term", "{count} terms", 7) == "용어 {count}개"


def test_english_plural_forms() -> None:
    en = translator("en")
    assert en.ngettext("{count} term", "{count} terms", 1) == "{count} term"
    assert en.ngettext("{count} term", "{count} terms", 0) == "{count} terms"
    assert en.ngettext("{count} term", "{count} terms", 2) == "{count} terms"


def test_the_compiled_catalog_is_used() -> None:
    assert translator("ko").gettext("subject") == "제목"
