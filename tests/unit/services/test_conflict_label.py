"""A conflict's place said as a person reads it, in the UI's language (the merge dialog);
the command line keeps `describe_path`'s `subject.ko` for scripts."""

from __future__ import annotations

from desktop_app.i18n import translator
from desktop_app.services.bundle_merge import PARAGRAPH
from desktop_app.services.bundles import conflict_label, describe_path


def test_fields_languages_paragraphs_and_lines_are_named() -> None:
    en = translator("en").gettext
    assert conflict_label(["subject", "en"], en) == "Subject (English)"
    assert conflict_label(["body", 2, "text", "ko"], en) == "Paragraph 3 (Korean)"
    assert conflict_label(["body", 2, "text", "ko", PARAGRAPH, 1], en) == (
        "Paragraph 3 (Korean), line 2"
    )
    assert conflict_label(["recipients", 0, "title", "en"], en) == "Recipient 1 title (English)"
    assert conflict_label([], en) == "The whole draft"
    assert describe_path(["subject", "ko"]) == "subject.ko"  # the CLI's, unchanged


def test_in_korean() -> None:
    ko = translator("ko").gettext
    label = conflict_label(["subject", "ko"], ko)
    assert label.startswith("제목") and "국문" in label
    assert "줄" in conflict_label(["body", 0, "text", "en", PARAGRAPH, 4], ko)
