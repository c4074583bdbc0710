"""The JSON Schema of the draft format, derived from the document dataclasses.

docs/draft-format.schema.json is this function's output; a test keeps them equal.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from desktop_app.domain.serialize import DATETIME_PATTERN, FORMAT_VERSION, KINDS
from desktop_app.domain.text import BilingualText

_BILINGUAL: dict[str, Any] = {
    "type": "object",
    "description": "Korean and English text, when each side changed, a side maybe out of date.",
    "properties": {
        "ko": {
            "type": "string",
            "description": "Korean text; footnotes inline as ^[the note], \\^[ a literal ^[.",
        },
        "en": {
            "type": "string",
            "description": "English text; footnotes inline as ^[the note], \\^[ a literal ^[.",
        },
        "ko_changed": {"type": "string", "format": "date-time"},
        "en_changed": {"type": "string", "format": "date-time"},
        "stale": {"enum": ["ko", "en"]},
        "dismissed": {
            "type": "array",
            "description": "Glossary findings dismissed in this text (format 5, optional).",
            "items": {
                "type": "object",
                "properties": {
                    "ko": {"type": "string", "description": "The glossary term, by its Korean."},
                    "variant": {
                        "type": "string",
                        "description": "An English variant to avoid that may stay here.",
                    },
                },
                "required": ["ko"],
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def _schema(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [_schema(a, definitions) for a in get_args(tp) if a is not type(None)]
        return {"anyOf": [*options, {"type": "null"}]}
    if tp is BilingualText:
        definitions["BilingualText"] = _BILINGUAL
        return {"$ref": "#/$defs/BilingualText"}
    if origin is tuple:
        return {"type": "array", "items": _schema(get_args(tp)[0], definitions)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp.__name__ not in definitions:
            definitions[tp.__name__] = {}  # placeholder against recursion
            definitions[tp.__name__] = _object(tp, definitions)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if tp is datetime:
        return {
            "type": "string",
            "pattern": "^" + DATETIME_PATTERN.pattern + "$",
            "description": "A local date and time, 2024-04-18T11:00.",
        }
    if tp is date:
        return {"type": "string", "format": "date"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    return {"type": "string"}


def _object(tp: type[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(tp)
    return {
        "type": "object",
        "description": (tp.__doc__ or "").strip().splitlines()[0],
        "properties": {f.name: _schema(hints[f.name], definitions) for f in dataclasses.fields(tp)},
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) that every draft file of FORMAT_VERSION satisfies."""
    definitions: dict[str, Any] = {}
    kinds = []
    for kind, cls in KINDS.items():
        body = _object(cls, definitions)
        body["properties"] = {
            "format": {"const": FORMAT_VERSION},
            "kind": {"const": kind},
            **body["properties"],
        }
        body["required"] = ["format", "kind"]
        kinds.append(body)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Dari draft",
        "description": f"A Dari draft, format version {FORMAT_VERSION}.",
        "oneOf": kinds,
        "$defs": dict(sorted(definitions.items())),
    }
