"""Read queries over a store, the same on SQLite and PostgreSQL: full-text search over
documents with paging and a count, and event filters (actor, target, type, quad class,
modality, date range, place within a radius or a box, outlet) for the web app and its API.

Every query is parameterized (`?` placeholders, which the PostgreSQL store rewrites); the
only text put into SQL is chosen here, never taken from a caller. Nothing here writes.

An event's day (`EVENT_DAY`) is the day its time expression names, or the first day of the
month it names, else the document's publication date: the same choice `corpus.rows` makes
for a day or a month, without reading the records into Python.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .base import Store
from .sqlite import SQLiteStore

KM_PER_DEGREE = 111.195  # on the mean Earth radius (6371 km)
SNIPPET_TOKENS = 16
# Past this many events with a matching participant (or 5 x as many entities) an actor filter
# tests each event instead of listing those events first (on 100,000 events: 20 ms instead of
# 220 for 'USA', 1 ms instead of 145 for a rare country the other way round; 'IND' names 2,208
# entities but is the actor of 46 events).
MANY_ENTITIES = 2000


def _is_date(value: str, length: int) -> str:
    """SQL that is true when the TIMEX3 `value` column starts like YYYY-MM (length 7) or
    YYYY-MM-DD (length 10)."""
    checks = [f"substr({value}, 1, 1) BETWEEN '0' AND '9'", f"substr({value}, 5, 1) = '-'",
              f"substr({value}, 6, 1) BETWEEN '0' AND '9'"]
    if length == 10:
        checks += [f"length({value}) >= 10", f"substr({value}, 8, 1) = '-'"]
    else:
        checks += [f"(length({value}) = 7 OR substr({value}, 8, 1) = '/')"]
    return " AND ".join(checks)


EVENT_DAY = (f"(CASE WHEN {_is_date('t.value', 10)} THEN substr(t.value, 1, 10) "
             f"WHEN {_is_date('t.value', 7)} THEN substr(t.value, 1, 7) || '-01' "
             "ELSE d.published END)")
DATE_SOURCE = (f"(CASE WHEN {_is_date('t.value', 7)} OR {_is_date('t.value', 10)} "
               "THEN 'text' ELSE 'published' END)")

EVENT_FROM = """
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time
LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
"""

EVENT_COLUMNS = (
    "e.doc_id", "e.id", "e.type", "e.mode", "e.modality", "e.confidence", "e.cameo",
    "e.evidence_start", "e.evidence_end", f"{EVENT_DAY} AS day", f"{DATE_SOURCE} AS date_source",
    "t.value AS time_value", "p.name AS place", "p.country AS country", "p.lat", "p.lon",
    "d.title", "d.outlet", "d.source", "d.published",
    "substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence_text",
)
EVENT_KEYS = ("doc_id", "event_id", "type", "mode", "modality", "confidence", "cameo", "evidence_start",
              "evidence_end", "day", "date_source", "time_value", "place", "country", "lat", "lon",
              "title", "outlet", "source", "published", "evidence_text")


@dataclass(frozen=True)
class EventFilter:
    """What the search page and the API filter events by; None means any."""

    q: str | None = None  # full-text query over the event's document
    actor: str | None = None  # 'RUS GOV', 'RUS' (any sector), 'IGO:African Union', 'name:…', or a name
    target: str | None = None
    type: str | None = None  # PLOVER type
    # (TYPE, mode or '') pairs of one quad class; (TYPE, '-mode'): a mode of a whole type
    # that belongs to another class
    quad: tuple[tuple[str, str], ...] | None = None
    modality: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive, on the event's day
    until: str | None = None
    near: tuple[float, float] | None = None  # (lat, lon)
    radius_km: float = 50.0
    bbox: tuple[float, float, float, float] | None = None  # (south, west, north, east)
    outlet: str | None = None  # case-insensitive substring of the outlet or the source
    doc_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def is_sqlite(store: Store) -> bool:
    return isinstance(store, SQLiteStore)


def _like(text: str) -> str:
    """`text` as a LIKE substring pattern, its own % and _ matched literally."""
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_CODE = re.compile(r"^[A-Z]{3}( [A-Z]{3})*$")


def _participant(store: Store, role: str, wanted: str) -> tuple[str, list[object]]:
    """SQL (and its parameters) true when an event has a `role` participant matching `wanted`:
    a country ('RUS': any of its actors), a code ('RUS GOV'), 'CODE:Name' as corpus views
    write generic codes, 'name:Name', or else part of a name. Read from the entities side,
    so that the code and country indexes find the few matching entities first."""
    wanted = wanted.strip()
    head, _, name = wanted.partition(":")
    if name and head == "name":
        match, params = "lower(en.name) = ?", [name.lower()]
    elif name:
        match, params = "(en.code = ? AND lower(en.name) = ?)", [head, name.lower()]
    elif _CODE.match(wanted) and len(wanted) == 3:
        match, params = "(en.country = ? OR en.code = ?)", [wanted, wanted]
    elif _CODE.match(wanted):
        match, params = "en.code = ?", [wanted]
    else:
        match, params = "lower(en.name) LIKE ? ESCAPE '\\'", [_like(wanted)]
    # Few matching events: collect them first (IN). Many: test each event as it comes (EXISTS).
    found = store.query(f"SELECT count(*) FROM (SELECT 1 FROM entities en WHERE {match} LIMIT ?) n",
                        [*params, 5 * MANY_ENTITIES + 1])[0][0]
    if found <= 5 * MANY_ENTITIES:
        found = store.query("SELECT count(*) FROM (SELECT 1 FROM entities en JOIN event_participants ep ON "
                            f"ep.doc_id = en.doc_id AND ep.entity_id = en.id WHERE ep.role = ? AND {match} "
                            "LIMIT ?) n", [role, *params, MANY_ENTITIES + 1])[0][0]
    if found > MANY_ENTITIES:
        sql = ("EXISTS (SELECT 1 FROM event_participants ep JOIN entities en "
               "ON en.doc_id = ep.doc_id AND en.id = ep.entity_id "
               f"WHERE ep.doc_id = e.doc_id AND ep.event_id = e.id AND ep.role = ? AND {match})")
    else:
        sql = ("(e.doc_id, e.id) IN (SELECT ep.doc_id, ep.event_id FROM entities en "
               "JOIN event_participants ep ON ep.doc_id = en.doc_id AND ep.entity_id = en.id "
               f"WHERE ep.role = ? AND {match})")
    return sql, [role, *params]


def _fts(store: Store, q: str) -> tuple[str, list[object]]:
    """SQL true when the event's document matches the full-text query `q`."""
    if is_sqlite(store):
        return ("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", [q])
    return ("d.fts @@ websearch_to_tsquery('simple', ?)", [q])  # the stored vector (migration 8)


def event_from(f: EventFilter, documents: bool = False) -> str:
    """The FROM clause a count or a grouping over `f` needs: only the joins its filters read,
    so that counting every event does not join every event's document, time and place."""
    sql = "FROM events e"
    if documents or f.q or f.outlet or f.since or f.until:
        sql += " JOIN documents d ON d.id = e.doc_id"
    if f.since or f.until:
        sql += " LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time"
    if f.near or f.bbox:
        sql += " LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place"
    return sql + " "


def _quad(pairs: tuple[tuple[str, str], ...]) -> tuple[str, list[object]]:
    """SQL true for an event of one quad class, given as its (TYPE, mode or '') pairs: a type
    listed with '' belongs whole, less the modes listed as (TYPE, '-mode'); a
    (type, mode) pair of another type belongs alone. Types are compared first, so that
    most events are decided by one IN."""
    from itertools import chain

    whole = sorted({t for t, m in pairs if not m})
    modes = {(t, m) for t, m in pairs if m and not m.startswith("-")}
    excluded = sorted((t, m[1:]) for t, m in pairs if m.startswith("-"))
    sql, params = "1 = 0", list[object]()
    if whole:
        sql = f"e.type IN ({', '.join('?' * len(whole))})"
        params += whole
        for event_type, mode in excluded:
            sql += " AND NOT (e.type = ? AND coalesce(lower(e.mode), '') = ?)"
            params += [event_type, mode]
    extra = sorted((t, m) for t, m in modes if t not in whole)
    if extra:
        sql = f"({sql} OR {' OR '.join(['(e.type = ? AND lower(e.mode) = ?)'] * len(extra))})"
        params += list(chain.from_iterable(extra))
    return f"({sql})", params


def _in_box(south: float, west: float, north: float, east: float) -> tuple[str, list[object]]:
    return ("(e.doc_id, e.place) IN (SELECT doc_id, id FROM places "
            "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)", [south, north, west, east])


def event_where(store: Store, f: EventFilter) -> tuple[str, list[object]]:
    """The WHERE clause (with its parameters) of `f` over EVENT_FROM (or `event_from(f)`)."""
    clauses: list[str] = []
    params: list[object] = []

    def add(sql: str, values: Sequence[object]) -> None:
        clauses.append(sql)
        params.extend(values)

    # The event's own columns first: SQLite tests the terms no index serves in the order
    # written, and these are the cheap ones.
    if f.doc_id:
        add("e.doc_id = ?", [f.doc_id])
    if f.type:
        add("e.type = ?", [f.type.upper()])
    if f.quad is not None:
        add(*_quad(f.quad))
    if f.modality:
        add("e.modality = ?", [f.modality])
    if f.q:
        add(*_fts(store, f.q))
    if f.actor:
        add(*_participant(store, "actor", f.actor))
    if f.target:
        add(*_participant(store, "target", f.target))
    if f.since:
        add(f"{EVENT_DAY} >= ?", [f.since])
    if f.until:
        add(f"{EVENT_DAY} <= ?", [f.until])
    if f.near:
        # Equirectangular distance: within 0.5% of the great circle below 500 km, and cheap
        # enough for SQL on both backends (no trigonometric functions needed); the places
        # in the surrounding box come first, from the (lat, lon) index.
        lat, lon = f.near
        scale = math.cos(math.radians(lat))
        dlat = f.radius_km / KM_PER_DEGREE
        dlon = 180.0 if scale < 0.01 else min(180.0, dlat / scale)
        add(_in_box(lat - dlat, lon - dlon, lat + dlat, lon + dlon)[0],
            _in_box(lat - dlat, lon - dlon, lat + dlat, lon + dlon)[1])
        add("((p.lat - ?) * (p.lat - ?) + (p.lon - ?) * ? * (p.lon - ?) * ?) <= ?",
            [lat, lat, lon, scale, lon, scale, dlat ** 2])
    if f.bbox:
        add(*_in_box(*f.bbox))
    if f.outlet:
        add("lower(coalesce(d.outlet, '') || ' ' || coalesce(d.source, '')) LIKE ? ESCAPE '\\'",
            [_like(f.outlet)])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _run(store: Store, sql: str, params: Sequence[object], f: EventFilter) -> list[tuple]:
    """Run `sql`; on SQLite, a query that is not valid FTS5 syntax ('U.S.', a stray quote)
    is searched again as plain words, as `SQLiteStore.search` does."""
    try:
        return store.query(sql, params)
    except sqlite3.OperationalError:
        if not f.q:
            raise
        phrases = " ".join('"' + word.replace('"', '""') + '"' for word in f.q.split())
        return store.query(sql, [phrases if p == f.q else p for p in params])


def count_events(store: Store, f: EventFilter, cap: int | None = None) -> int:
    """How many events match `f`; with `cap`, counting stops past it (the answer is then
    cap + 1), so that a filter matching most of a large store is counted in milliseconds."""
    where, params = event_where(store, f)
    if cap is None:
        return int(_run(store, f"SELECT count(*) {event_from(f)}{where}", params, f)[0][0])
    sql = f"SELECT count(*) FROM (SELECT 1 AS one {event_from(f)}{where} LIMIT ?) capped"
    return int(_run(store, sql, [*params, cap + 1], f)[0][0])


def filter_events(store: Store, f: EventFilter, limit: int = 50, offset: int = 0,
                  broad: bool = False) -> list[dict[str, Any]]:
    """One page of the events matching `f`, newest report first, with their participants.
    `broad`: the filter matches many events (its capped count was reached), so walking the
    documents newest first finds a page sooner than sorting every match; SQLite is held to
    that order by CROSS JOIN (PostgreSQL's planner decides for itself)."""
    where, params = event_where(store, f)
    source = event_from(f, documents=True)
    if broad:
        source = source.replace("FROM events e JOIN documents d ON d.id = e.doc_id",
                                "FROM documents d CROSS JOIN events e")
        where = (where + " AND" if where else " WHERE") + " e.doc_id = d.id"
    # The page's keys first, then its columns: the evidence text is read for 20 rows, not
    # for every matching row before the sort.
    keys = (f"SELECT e.doc_id AS k_doc, e.id AS k_id, d.published AS k_pub, e.position AS k_pos "
            f"{source}{where} "
            "ORDER BY d.published DESC, e.doc_id, e.position LIMIT ? OFFSET ?")
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM ({keys}) k "
           f"JOIN events e ON e.doc_id = k.k_doc AND e.id = k.k_id {EVENT_FROM.replace('FROM events e', '')}"
           "ORDER BY k.k_pub DESC, k.k_doc, k.k_pos")
    rows = [dict(zip(EVENT_KEYS, row, strict=False)) for row in _run(store, sql, [*params, limit, offset], f)]
    add_participants(store, rows)
    return rows


def add_participants(store: Store, rows: list[dict[str, Any]]) -> None:
    """Set each event row's `actors` and `targets`: lists of {id, code, name, kind}."""
    for row in rows:
        row["actors"], row["targets"] = [], []
    docs = sorted({row["doc_id"] for row in rows})
    found: list[tuple] = []
    for at in range(0, len(docs), 500):  # in chunks: a query takes at most 32,766 parameters
        chunk = docs[at:at + 500]
        found += store.query(
            "SELECT ep.doc_id, ep.event_id, ep.role, en.id, en.code, en.name, en.kind "
            "FROM event_participants ep JOIN entities en ON en.doc_id = ep.doc_id AND en.id = ep.entity_id "
            f"WHERE ep.doc_id IN ({', '.join('?' * len(chunk))}) ORDER BY ep.role, ep.position", chunk)
    index = {(row["doc_id"], row["event_id"]): row for row in rows}
    for doc_id, event_id, role, entity_id, code, name, kind in found:
        if (owner := index.get((doc_id, event_id))) is not None:
            owner[role + "s"].append({"id": entity_id, "code": code, "name": name, "kind": kind})


def event_groups(store: Store, f: EventFilter, period: str) -> list[tuple[str, str, str | None, int]]:
    """(period, type, mode, count) for the events matching `f`; `period` is day, month or year."""
    width = {"day": 10, "month": 7, "year": 4}[period]
    where, params = event_where(store, f)
    bucket = f"substr({EVENT_DAY}, 1, {width})"
    sql = (f"SELECT {bucket} AS bucket, e.type, e.mode, count(*) {EVENT_FROM}{where} "
           f"GROUP BY {bucket}, e.type, e.mode ORDER BY 1, 2")
    return [(b, t, m, int(n)) for b, t, m, n in _run(store, sql, params, f) if b]


def place_groups(store: Store, f: EventFilter, limit: int = 5000) -> list[dict[str, Any]]:
    """The places events matching `f` happened at, with coordinates, and how many events each."""
    where, params = event_where(store, f)
    # A map shows where things happened: literal places only, not "Texas officials" or the
    # "Dublin" of "Dublin City Council" (GeoWebNews kinds, issue 20).
    where = (where + " AND" if where else " WHERE") + (" p.lat IS NOT NULL AND p.lon IS NOT NULL"
                                                       " AND p.kind IN ('literal', 'mixed')")
    sql = (f"SELECT p.name, p.country, p.lat, p.lon, count(*) {EVENT_FROM}{where} "
           "GROUP BY p.name, p.country, p.lat, p.lon ORDER BY 5 DESC, 1 LIMIT ?")
    return [{"name": n, "country": c, "lat": la, "lon": lo, "events": int(k)}
            for n, c, la, lo, k in _run(store, sql, [*params, limit], f)]


def search_documents(store: Store, q: str, outlet: str | None = None, limit: int = 20,
                     offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Documents matching the full-text query `q` (best first): their total and one page,
    each with a snippet whose matched words stand between [ and ]."""
    f = EventFilter(q=q, outlet=outlet)
    clauses, params = [], []
    fts, fts_params = _fts(store, q)
    clauses.append(fts)
    params += fts_params
    if outlet:
        clauses.append("lower(coalesce(d.outlet, '') || ' ' || coalesce(d.source, '')) LIKE ? ESCAPE '\\'")
        params.append(_like(outlet))
    where = " WHERE " + " AND ".join(clauses)
    if is_sqlite(store) and not outlet:  # the index alone counts its matches, without the documents
        counted = _run(store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", [q], f)
        total = int(counted[0][0])
    else:
        total = int(_run(store, f"SELECT count(*) FROM documents d{where}", params, f)[0][0])
    if is_sqlite(store):
        sql = ("SELECT d.id, d.title, d.outlet, d.source, d.published, "
               "snippet(documents_fts, -1, '[', ']', '…', ?) "
               "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
               "WHERE documents_fts MATCH ?" + "".join(" AND " + c for c in clauses[1:])
               + " ORDER BY documents_fts.rank LIMIT ? OFFSET ?")  # a tie-break would rank every match
        rows = _run(store, sql, [SNIPPET_TOKENS, q, *params[1:], limit, offset], f)
    else:
        sql = ("SELECT d.id, d.title, d.outlet, d.source, d.published, ts_headline('simple', d.text, "
               "websearch_to_tsquery('simple', ?), 'StartSel=[, StopSel=], MaxWords=16, MinWords=8, "
               "FragmentDelimiter=…, MaxFragments=1') FROM documents d" + where
               + " ORDER BY ts_rank(d.fts, "
               "websearch_to_tsquery('simple', ?)) DESC, d.id LIMIT ? OFFSET ?")
        rows = store.query(sql, [q, *params, q, limit, offset])
    keys = ("doc_id", "title", "outlet", "source", "published", "snippet")
    return total, [dict(zip(keys, row, strict=False)) for row in rows]


def document_event_counts(store: Store, doc_ids: Sequence[str]) -> dict[str, int]:
    if not doc_ids:
        return {}
    marks = ", ".join("?" * len(doc_ids))
    rows = store.query(f"SELECT doc_id, count(*) FROM events WHERE doc_id IN ({marks}) GROUP BY doc_id",
                       list(doc_ids))
    return {doc_id: int(n) for doc_id, n in rows}


def corpus_counts(store: Store) -> dict[str, int]:
    """How many documents and events the store holds."""
    documents = int(store.query("SELECT count(*) FROM documents")[0][0])
    events = int(store.query("SELECT count(*) FROM events")[0][0])
    return {"documents": documents, "events": events}


def duplicate_cluster(store: Store, doc_id: str) -> list[str]:
    """The documents in `doc_id`'s near-duplicate cluster (itself included), or [] if none."""
    rows = store.query("SELECT d2.doc_id FROM duplicates d1 "
                       "JOIN duplicates d2 ON d2.cluster_id = d1.cluster_id "
                       "WHERE d1.doc_id = ? ORDER BY d2.doc_id", [doc_id])
    return [row[0] for row in rows]


def documents_brief(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, source and date of each document (without its text)."""
    if not doc_ids:
        return {}
    rows = store.query(f"SELECT id, title, outlet, source, published FROM documents WHERE id IN "
                       f"({', '.join('?' * len(doc_ids))})", list(doc_ids))
    return {r[0]: {"doc_id": r[0], "title": r[1], "outlet": r[2], "source": r[3], "published": r[4]}
            for r in rows}


def event_keys(store: Store, f: EventFilter) -> set[tuple[str, str]]:
    """(doc_id, event_id) of every event matching `f`."""
    where, params = event_where(store, f)
    return {(d, e) for d, e in _run(store, f"SELECT e.doc_id, e.id {event_from(f)}{where}", params, f)}
