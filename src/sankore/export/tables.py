"""The exportable tables: one flat row per record, as plain SQL that runs on every backend.

Each table is a query with `?` placeholders and the type of each column (for Parquet, whose
columns are typed: a column that is NULL in the first thousand rows must still be a string).
Spans are `<what>_start`/`<what>_end` code-point offsets into the document's text, as in the
store. `cluster_id` (near-duplicate cluster; the document's own id when it has no copies)
lets a reader count each story once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple, Protocol


class Table(NamedTuple):
    sql: str
    # column -> "str", "int", "float", "bool", "date" (YYYY-MM-DD), "timestamp" (ISO 8601,
    # UTC) or "list" (of strings). Parquet and JSONL keep these types; CSV writes text.
    types: dict[str, str]


class QueryStore(Protocol):
    def query(self, sql: str, params: tuple = ()) -> list[tuple]: ...

    def iter_query(self, sql: str, params: tuple = (), size: int = 1000
                   ) -> tuple[list[str], Iterator[list[tuple]]]: ...


def _cols(spec: str) -> dict[str, str]:
    return {name: kind for name, kind in (item.split(":") for item in spec.split())}


_CLUSTER = "LEFT JOIN duplicates AS x ON x.doc_id = d.id"

TABLES: dict[str, Table] = {
    "documents": Table(
        "SELECT d.id AS doc_id, COALESCE(x.cluster_id, d.id) AS cluster_id, d.source, d.title, d.author, "
        "d.outlet, d.published, d.language, d.ingested_at, d.text "
        f"FROM documents AS d {_CLUSTER} ORDER BY d.published, d.id",
        _cols("doc_id:str cluster_id:str source:str title:str author:str outlet:str published:date "
              "language:str ingested_at:timestamp text:str")),
    "entities": Table(
        "SELECT r.doc_id, COALESCE(x.cluster_id, d.id) AS cluster_id, r.id, r.kind, r.name, r.code, "
        "r.country, r.role, r.text, r.span_start, r.span_end, "
        "(SELECT count(*) FROM entity_mentions AS m WHERE m.doc_id = r.doc_id AND m.entity_id = r.id) "
        "AS mentions FROM entities AS r JOIN documents AS d ON d.id = r.doc_id "
        f"{_CLUSTER} ORDER BY d.published, r.doc_id, r.position",
        _cols("doc_id:str cluster_id:str id:str kind:str name:str code:str country:str role:str text:str "
              "span_start:int span_end:int mentions:int")),
    "places": Table(
        "SELECT r.doc_id, COALESCE(x.cluster_id, d.id) AS cluster_id, r.id, r.text, r.name, r.country, "
        "r.lat, r.lon, r.geonameid, r.feature, r.confidence, r.metonymy, r.kind, r.span_start, r.span_end "
        f"FROM places AS r JOIN documents AS d ON d.id = r.doc_id {_CLUSTER} "
        "ORDER BY d.published, r.doc_id, r.position",
        _cols("doc_id:str cluster_id:str id:str text:str name:str country:str lat:float lon:float "
              "geonameid:int feature:str confidence:float metonymy:bool kind:str span_start:int "
              "span_end:int")),
    "times": Table(
        "SELECT r.doc_id, COALESCE(x.cluster_id, d.id) AS cluster_id, r.id, r.text, r.type, r.value, "
        "r.granularity, r.anchor, r.mod, r.span_start, r.span_end "
        f"FROM times AS r JOIN documents AS d ON d.id = r.doc_id {_CLUSTER} "
        "ORDER BY d.published, r.doc_id, r.position",
        _cols("doc_id:str cluster_id:str id:str text:str type:str value:str granularity:str anchor:str "
              "mod:str span_start:int span_end:int")),
    "quotes": Table(
        "SELECT r.doc_id, COALESCE(x.cluster_id, d.id) AS cluster_id, r.id, r.kind, r.speaker, "
        "s.name AS speaker_name, r.cue, r.via, r.text, r.span_start, r.span_end "
        "FROM quotes AS r JOIN documents AS d ON d.id = r.doc_id "
        "LEFT JOIN entities AS s ON s.doc_id = r.doc_id AND s.id = r.speaker "
        f"{_CLUSTER} ORDER BY d.published, r.doc_id, r.position",
        _cols("doc_id:str cluster_id:str id:str kind:str speaker:str speaker_name:str cue:str via:str "
              "text:str span_start:int span_end:int")),
    # Actors and targets are lists of entity ids (ids within the document: join them with the
    # entities table on doc_id and id), added from event_participants (see `rows`); a CSV
    # cell joins them with ';'.
    "events": Table(
        "SELECT r.doc_id, COALESCE(x.cluster_id, d.id) AS cluster_id, r.id, r.type, r.mode, r.cameo, "
        "r.modality, r.time, tm.value AS time_value, r.place, p.name AS place_name, p.lat, p.lon, "
        "r.attributed_to, r.confidence, r.evidence_start, r.evidence_end, "
        "substr(d.text, r.evidence_start + 1, r.evidence_end - r.evidence_start) AS evidence_text "
        "FROM events AS r JOIN documents AS d ON d.id = r.doc_id "
        "LEFT JOIN times AS tm ON tm.doc_id = r.doc_id AND tm.id = r.time "
        "LEFT JOIN places AS p ON p.doc_id = r.doc_id AND p.id = r.place "
        f"{_CLUSTER} ORDER BY d.published, r.doc_id, r.position",
        _cols("doc_id:str cluster_id:str id:str type:str mode:str cameo:str modality:str time:str "
              "time_value:str place:str place_name:str lat:float lon:float attributed_to:str "
              "confidence:float evidence_start:int evidence_end:int evidence_text:str "
              "actors:list targets:list")),
}


def rows(store: QueryStore, table: str, size: int = 1000) -> tuple[list[str], Iterator[list[dict]]]:
    """The columns of `table` and its rows as dicts, in lists of `size` (streamed)."""
    spec = TABLES[table]
    names, batches = store.iter_query(spec.sql, (), size)

    def dicts() -> Iterator[list[dict]]:
        for batch in batches:
            records = [dict(zip(names, row, strict=True)) for row in batch]
            if table == "events":
                _add_participants(store, records)
            yield records

    return list(spec.types), dicts()


def _add_participants(store: QueryStore, events: list[dict]) -> None:
    doc_ids = sorted({event["doc_id"] for event in events})
    found: dict[tuple[str, str, str], list[str]] = {}
    for start in range(0, len(doc_ids), 500):  # bounded IN lists
        part = doc_ids[start:start + 500]
        marks = ", ".join("?" * len(part))
        for doc_id, event_id, role, entity_id in store.query(
                "SELECT doc_id, event_id, role, entity_id FROM event_participants "
                f"WHERE doc_id IN ({marks}) ORDER BY doc_id, event_id, role, position", tuple(part)):
            found.setdefault((doc_id, event_id, role), []).append(entity_id)
    for event in events:
        for role in ("actor", "target"):
            event[f"{role}s"] = found.get((event["doc_id"], event["id"], role), [])
