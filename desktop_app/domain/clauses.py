"""The clause library: reusable bilingual paragraphs, and the JSON bundle partners exchange."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.domain.serialize import DraftFormatError
from desktop_app.domain.text import BilingualText, clean_text

CLAUSES_FORMAT = 1


@dataclass(frozen=True)
class Clause:
    """A paragraph kept for reuse: "non-refoulement principle", "Korea on UNHCR's ExCom"."""

    title: BilingualText = BilingualText()
    text: BilingualText = BilingualText()
    tags: tuple[str, ...] = ()

    def matches(self, query: str) -> bool:
        """True when every word of `query` is in the title, text or tags, in either language."""
        haystack = " ".join(
            (self.title.ko, self.title.en, self.text.ko, self.text.en, *self.tags)
        ).casefold()
        return all(word in haystack for word in query.casefold().split())


def clauses_to_json(clauses: list[Clause]) -> dict[str, Any]:
    """A shareable bundle of clauses."""
    return {
        "format": CLAUSES_FORMAT,
        "kind": "clauses",
        "clauses": [
            {
                "title": {"ko": c.title.ko, "en": c.title.en},
                "text": {"ko": c.text.ko, "en": c.text.en},
                "tags": list(c.tags),
            }
            for c in clauses
        ],
    }


def _bilingual(value: Any, where: str) -> BilingualText:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k, ""), str) for k in ("ko", "en")
    ):
        raise DraftFormatError(f"Expected an object with 'ko' and 'en' texts at '{where}'.")
    return BilingualText.of(value.get("ko", ""), value.get("en", ""))


def clauses_from_json(data: Any) -> list[Clause]:
    """Clauses from a bundle; DraftFormatError says what is wrong and where."""
    if not isinstance(data, dict) or data.get("kind") != "clauses":
        raise DraftFormatError('This is not a Dari clause library (no "kind": "clauses").')
    version = data.get("format")
    if not isinstance(version, int) or version > CLAUSES_FORMAT:
        raise DraftFormatError(
            f"The clause library is in format {version!r}; this Dari reads format "
            f"{CLAUSES_FORMAT}. Update Dari to open it."
        )
    items = data.get("clauses")
    if not isinstance(items, list):
        raise DraftFormatError("Expected a list at 'clauses'.")
    clauses = []
    for i, item in enumerate(items):
        where = f"clauses[{i}]"
        if not isinstance(item, dict):
            raise DraftFormatError(f"Expected an object at '{where}'.")
        tags = item.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise DraftFormatError(f"Expected a list of texts at '{where}.tags'.")
        clauses.append(
            Clause(
                title=_bilingual(item.get("title", {}), f"{where}.title"),
                text=_bilingual(item.get("text", {}), f"{where}.text"),
                tags=tuple(clean_text(t).strip() for t in tags if t.strip()),
            )
        )
    return clauses
