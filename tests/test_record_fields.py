"""A record field is declared once, in records.py; the store and the exports follow it.

Adding a field to a record model without a column in the store (where a record is kept
whole) fails here, and so does adding one without a column in the export, unless it is
listed below as left out on purpose, with the reason. Spans are stored as `<name>_start`
and `<name>_end` (a trailing `_span` dropped: `speaker_span` -> `speaker_start`).
"""

from __future__ import annotations

import types
import typing

import pytest

from sankore import records
from sankore.export import TABLES
from sankore.store import open_store

MODELS = {"documents": records.Document, "entities": records.Entity, "places": records.Place,
          "times": records.TimeExpression, "quotes": records.Quote, "events": records.Event,
          "framing": records.Framing, "sentences": records.Sentence}
# Lists of ids or spans live in a child table of the store, one row per item.
CHILD_TABLES = {("entities", "mentions"): "entity_mentions", ("events", "actors"): "event_participants",
                ("events", "targets"): "event_participants"}
# Fields a flat export row leaves out on purpose (each row stays one line of a spreadsheet).
NOT_EXPORTED = {
    ("quotes", "speaker_span"): "the speaker is exported by entity id and name",
    ("quotes", "speaker_text"): "the speaker is exported by entity id and name",
    ("quotes", "cue_span"): "the cue word is exported; its offsets stay in the store",
}
NO_EXPORT_TABLE = {"framing", "sentences"}  # read from the store or JSONL, not flattened yet


def _is_span(model: type, name: str) -> bool:
    annotation = model.model_fields[name].annotation
    optional = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    return annotation == records.Span or optional and records.Span in typing.get_args(annotation)


def columns(model: type, name: str) -> set[str]:
    if not _is_span(model, name):
        return {name}
    base = name.removesuffix("_span")
    return {f"{base}_start", f"{base}_end"}


@pytest.fixture(scope="module")
def store_columns() -> dict[str, set[str]]:
    with open_store(":memory:") as store:
        tables = [row[0] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: {row[1] for row in store.query(f"PRAGMA table_info({t})")} for t in tables}


@pytest.mark.parametrize("table", sorted(MODELS))
def test_every_field_has_its_store_columns(table, store_columns):
    model = MODELS[table]
    missing = []
    for name in model.model_fields:
        child = CHILD_TABLES.get((table, name))
        if child is not None:
            assert child in store_columns
            continue
        if not columns(model, name) <= store_columns[table]:
            missing.append(name)
    assert missing == [], f"records.{model.__name__} fields with no column in the store's {table}"


def test_the_record_level_fields_are_stored(store_columns):
    top = set(records.Record.model_fields) - {"doc", *MODELS}
    stored = {"schema_": "schema", "boilerplate": "boilerplate", "stats": "stats"}
    assert top <= set(stored) and set(stored.values()) <= store_columns["documents"]


@pytest.mark.parametrize("table", sorted(set(MODELS) - NO_EXPORT_TABLE))
def test_every_field_is_exported_or_left_out_with_a_reason(table):
    model = MODELS[table]
    exported = set(TABLES[table].types) | {"doc_id"}
    missing = [name for name in model.model_fields
               if (table, name) not in NOT_EXPORTED
               and not columns(model, name) <= exported
               and not (table == "documents" and name == "id")]
    assert missing == [], f"records.{model.__name__} fields missing from the {table} export"


def test_the_checks_see_a_new_field():
    """A field the store lacks is caught: the check is not vacuous."""

    class Widened(records.Place):
        elevation: float | None = None

    assert not columns(Widened, "elevation") <= {"id", "span_start", "span_end"}
    assert columns(records.Quote, "speaker_span") == {"speaker_start", "speaker_end"}
