import json

import jsonschema
import pytest
from pydantic import ValidationError

from sankore.records import Document, Record, json_schema, schema_path


def test_shipped_schema_matches_the_model():
    shipped = json.loads(schema_path().read_text("utf-8"))
    assert shipped == json_schema(), (
        "regenerate: python -m sankore.records > src/sankore/schema/sankore-1.schema.json")


def test_real_output_validates_against_the_schema(seed_record):
    schema = json.loads(schema_path().read_text("utf-8"))
    jsonschema.validate(seed_record.to_dict(), schema)


def test_record_round_trips_through_json(seed_record):
    again = Record.from_dict(json.loads(seed_record.to_json()))
    assert again.to_dict() == seed_record.to_dict()


def test_every_span_indexes_the_text(seed_record):
    text = seed_record.doc.text
    for entity in seed_record.entities:
        assert text[slice(*entity.span)] == entity.text
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(text)
    for item in [*seed_record.places, *seed_record.times]:
        assert text[slice(*item.span)] == item.text


def test_schema_rejects_a_bad_record(seed_record):
    data = seed_record.to_dict()
    data["entities"] = [{**data["entities"][0], "kind": "spaceship"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(schema_path().read_text("utf-8")))
    with pytest.raises(ValidationError):
        Record.from_dict(data)


def test_published_must_be_a_date():
    with pytest.raises(ValidationError):
        Document(id="x", text="t", published="30 April 2025")
