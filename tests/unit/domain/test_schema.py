"""The documented JSON Schema matches the code and accepts what Dari writes."""

import json
from pathlib import Path

import jsonschema
import pytest

from desktop_app.domain import from_json, to_json
from desktop_app.domain.schema import json_schema
from tests.helpers.samples import sample_payload

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "draft-format.schema.json"


def test_documented_schema_is_the_one_the_code_derives() -> None:
    documented = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert documented == json_schema(), (
        "docs/draft-format.schema.json is out of date: regenerate it from "
        "desktop_app.domain.schema.json_schema()"
    )


def test_sample_satisfies_the_schema_and_a_broken_one_does_not() -> None:
    # The shipped letter is in format 5; the schema is the current format's, which Dari
    # writes once it has read (and upgraded) the file.
    written = to_json(from_json(sample_payload()))
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(written)
    broken = {**written, "subject": "plain text"}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
