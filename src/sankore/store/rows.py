"""A `Record` as table rows and back, the same for every backend.

`record_to_rows` flattens a record into `{table: [row, ...]}` in the order the tables must be
written (a row's foreign keys point only at rows written before it); `record_from_rows`
rebuilds the record from rows read back, so that `get(id).to_dict() == record.to_dict()`.
The SQL lives in the backends; this module knows only the column names of migrations.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..records import Record

Row = dict[str, Any]

# Write order: parents before children (see the foreign keys in migrations.py).
TABLES: tuple[str, ...] = (
    "documents", "entities", "entity_mentions", "places", "times", "quotes", "events",
    "event_participants", "framing", "sentences", "evidence",
)


def _span(prefix: str, span: Sequence[int] | None) -> Row:
    start, end = span if span is not None else (None, None)
    return {f"{prefix}_start": start, f"{prefix}_end": end}


def _unspan(row: Mapping[str, Any], prefix: str) -> list[int] | None:
    start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
    return None if start is None else [start, end]


def record_to_rows(record: Record, ingested_at: str) -> dict[str, list[Row]]:
    """Every row of `record`, by table, in write order."""
    # Work from the JSON form: it is the contract, and its values are plain (lists, not tuples).
    data = record.to_dict()
    doc = data["doc"]
    doc_id = doc["id"]
    rows: dict[str, list[Row]] = {table: [] for table in TABLES}
    evidence = rows["evidence"]

    def audit(kind: str, record_id: str | int, role: str, span: Sequence[int] | None) -> None:
        if span is not None:
            evidence.append({"doc_id": doc_id, "record_kind": kind, "record_id": str(record_id),
                             "span_role": role, **_span("span", span)})

    rows["documents"].append({
        **doc, "schema": data["schema"],
        "boilerplate": json.dumps(data["boilerplate"]),
        "stats": None if data["stats"] is None else json.dumps(data["stats"], ensure_ascii=False),
        "ingested_at": ingested_at,
    })
    for position, span in enumerate(data["boilerplate"]):
        audit("boilerplate", position, "span", span)

    for position, entity in enumerate(data["entities"]):
        span, mentions = entity.pop("span"), entity.pop("mentions")
        rows["entities"].append({"doc_id": doc_id, "position": position, **_span("span", span), **entity})
        audit("entity", entity["id"], "span", span)
        for number, mention in enumerate(mentions):
            rows["entity_mentions"].append({"doc_id": doc_id, "entity_id": entity["id"],
                                            "position": number, **_span("span", mention)})
            audit("entity", entity["id"], "mention", mention)

    for position, place in enumerate(data["places"]):
        span = place.pop("span")
        place["metonymy"] = int(place["metonymy"])
        rows["places"].append({"doc_id": doc_id, "position": position, **_span("span", span), **place})
        audit("place", place["id"], "span", span)

    for position, time in enumerate(data["times"]):
        span = time.pop("span")
        rows["times"].append({"doc_id": doc_id, "position": position, **_span("span", span), **time})
        audit("time", time["id"], "span", span)

    for position, quote in enumerate(data["quotes"]):
        span, speaker_span, cue_span = quote.pop("span"), quote.pop("speaker_span"), quote.pop("cue_span")
        rows["quotes"].append({"doc_id": doc_id, "position": position, **_span("span", span),
                               **_span("speaker", speaker_span), **_span("cue", cue_span), **quote})
        audit("quote", quote["id"], "span", span)
        audit("quote", quote["id"], "speaker", speaker_span)
        audit("quote", quote["id"], "cue", cue_span)

    for position, event in enumerate(data["events"]):
        span = event.pop("evidence")
        participants = {"actor": event.pop("actors"), "target": event.pop("targets")}
        rows["events"].append({"doc_id": doc_id, "position": position, **_span("evidence", span), **event})
        audit("event", event["id"], "evidence", span)
        for role, entity_ids in participants.items():
            for number, entity_id in enumerate(entity_ids):
                rows["event_participants"].append({"doc_id": doc_id, "event_id": event["id"], "role": role,
                                                   "position": number, "entity_id": entity_id})

    for position, framing in enumerate(data["framing"]):
        span = framing.pop("span")
        rows["framing"].append({"doc_id": doc_id, "position": position, **_span("span", span), **framing})
        audit("framing", position, "span", span)

    for position, sentence in enumerate(data["sentences"]):
        span = sentence.pop("span")
        rows["sentences"].append({"doc_id": doc_id, "position": position, **_span("span", span), **sentence})
        audit("sentence", position, "span", span)
    return rows


def _fields(row: Mapping[str, Any], *drop: str) -> Row:
    """The row's columns that are record fields: without the keys the store adds."""
    skip = {"doc_id", "position", *drop}
    return {key: row[key] for key in row.keys() if key not in skip}


def record_from_rows(rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> Record:
    """Rebuild a record from its rows; each table's rows must come in `position` order."""
    doc_row = rows["documents"][0]
    mentions: dict[str, list[list[int]]] = {}
    for row in rows["entity_mentions"]:
        mentions.setdefault(row["entity_id"], []).append([row["span_start"], row["span_end"]])
    participants: dict[tuple[str, str], list[str]] = {}
    for row in rows["event_participants"]:
        participants.setdefault((row["event_id"], row["role"]), []).append(row["entity_id"])

    spanned = ("span_start", "span_end")
    data: dict[str, Any] = {
        "schema": doc_row["schema"],
        "doc": _fields(doc_row, "schema", "boilerplate", "stats", "ingested_at"),
        "boilerplate": json.loads(doc_row["boilerplate"]),
        "entities": [{**_fields(row, *spanned), "span": _unspan(row, "span"),
                      "mentions": mentions.get(row["id"], [])} for row in rows["entities"]],
        "places": [{**_fields(row, *spanned), "span": _unspan(row, "span"),
                    "metonymy": bool(row["metonymy"])} for row in rows["places"]],
        "times": [{**_fields(row, *spanned), "span": _unspan(row, "span")} for row in rows["times"]],
        "quotes": [{**_fields(row, *spanned, "speaker_start", "speaker_end", "cue_start", "cue_end"),
                    "span": _unspan(row, "span"), "speaker_span": _unspan(row, "speaker"),
                    "cue_span": _unspan(row, "cue")} for row in rows["quotes"]],
        "events": [{**_fields(row, "evidence_start", "evidence_end"), "evidence": _unspan(row, "evidence"),
                    "actors": participants.get((row["id"], "actor"), []),
                    "targets": participants.get((row["id"], "target"), [])} for row in rows["events"]],
        "framing": [{**_fields(row, *spanned), "span": _unspan(row, "span")} for row in rows["framing"]],
        "sentences": [{**_fields(row, *spanned), "span": _unspan(row, "span")} for row in rows["sentences"]],
        "stats": None if doc_row["stats"] is None else json.loads(doc_row["stats"]),
    }
    return Record.from_dict(data)
