"""Queries over the stored corpus views (tables of migration 4, written by
`sankore.corpus.stored`): event mentions, merged corpus events and actor-pair relations,
filtered in SQL on both backends, streamed, paged in a stable order.

`EventQuery` is the one description of a filter that the CLI (`events`, `relations`), the
Python API (`sankore.corpus.views`) and the benchmarks use; it refuses impossible values
with one line (`QueryError`). Every value reaches SQL as a parameter; the only text put
into SQL is chosen here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..distance import haversine_km
from ..errors import QueryError
from ..events.categories import CAMEO_ROOT
from .base import Store
from .queries import KM_PER_DEGREE, _fts, _like, is_sqlite

MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated")
EVENT_TYPES = tuple(sorted(CAMEO_ROOT))  # the PLOVER types records carry

MENTION_KEYS = ("doc_id", "event_id", "type", "mode", "modality", "confidence", "actors", "targets",
                "day_start", "day_end", "date_value", "date_source", "place", "country", "lat", "lon",
                "outlet", "published", "evidence_start", "evidence_end", "evidence_text")
CORPUS_KEYS = ("id", "type", "mode", "actors", "targets", "day_start", "day_end", "country", "place",
               "first_doc", "first_event", "first_published", "outlets", "corroboration", "confidence")


@dataclass(frozen=True)
class EventQuery:
    """Which event mentions to read; None means any. A merged (corpus) event matches when
    one of its mentions does, so its id and its members never depend on the filter."""

    actor: str | None = None  # a code ('RUS GOV'), a country ('RUS'), or words of a name ('Lavrov')
    target: str | None = None
    type: str | None = None  # PLOVER type, any case
    modality: str | None = None
    since: date | None = None  # the event's date interval meets [since, until]
    until: date | None = None
    near: tuple[float, float] | None = None  # (lat, lon)
    radius_km: float = 50.0
    source: str | None = None  # outlet, case-insensitive substring
    text: str | None = None  # full-text query over the mention's document
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        for name in ("actor", "target", "source", "text"):
            value = getattr(self, name)
            if value is not None and not value.strip():
                raise QueryError(f"--{name} is blank: give a code, a name or leave it out")
        if self.type is not None and self.type.upper() not in EVENT_TYPES:
            raise QueryError(f"--type {self.type!r} is not a PLOVER type (one of {', '.join(EVENT_TYPES)})")
        if self.modality is not None and self.modality not in MODALITIES:
            raise QueryError(f"--modality {self.modality!r} is not one of {', '.join(MODALITIES)}")
        if self.since and self.until and self.since > self.until:
            raise QueryError(f"--since {self.since} is after --until {self.until}")
        if self.near is not None:
            lat, lon = self.near
            if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
                raise QueryError(f"--near {lat},{lon} is not a point: latitude -90..90, longitude -180..180")
        if not (math.isfinite(self.radius_km) and self.radius_km > 0):
            raise QueryError(f"--radius {self.radius_km} must be a positive number of kilometres")
        if not 0 <= self.min_confidence <= 1:
            raise QueryError(f"--min-confidence {self.min_confidence} must be between 0 and 1")


_CODE_LIKE = re.compile(r"[a-z]{3}( [a-z]{3})*|[^:]+:.*")


# Past this many distinct names (or outlets) in the store, a name word (an outlet substring) is
# tested on every row as it is walked instead of being looked up first.
MAX_DISTINCT = 20_000


def _distinct(store: Store, table: str, column: str) -> list[str] | None:
    """The distinct values of an indexed `column` (a loose index scan: one index seek per
    value, on both backends), or None when there are more than MAX_DISTINCT."""
    rows = store.query(
        f"WITH RECURSIVE v(value, n) AS (SELECT min({column}), 1 FROM {table} UNION ALL "
        f"SELECT (SELECT min({column}) FROM {table} WHERE {column} > v.value), v.n + 1 FROM v "
        "WHERE v.value IS NOT NULL AND v.n <= ?) SELECT value FROM v WHERE value IS NOT NULL", [MAX_DISTINCT])
    return None if len(rows) > MAX_DISTINCT else [row[0] for row in rows]


# A party with fewer mentions than this is looked up in the index and its mentions sorted;
# a commoner one is tested on each mention walked in listing order (a page of 100 then reads
# about 100 x total / found mentions).
DENSE_PARTY = 10_000


def _in(column: str, values: list[str]) -> tuple[str, list[object]]:
    return (f"{column} IN ({', '.join('?' * len(values))})", list(values)) if values else ("1 = 0", [])


def _party(store: Store, role: str, wanted: str) -> tuple[str, list[object]]:
    """True when the mention has a `role` participant matching `wanted`, case-insensitively:
    its code or a code under it ('usa' finds USA, USA GOV, USA MIL; 'igo' IGO:African Union),
    or whole words of the entity's name ('Lavrov', 'Sergei Lavrov'). Codes are matched as
    ranges ('usa ' <= code < 'usa!'), and a name is looked for word by word only when
    `wanted` does not read as a code: among the store's distinct names first, so that the
    names index finds its mentions.

    A party of fewer than DENSE_PARTY mentions is looked up in the index and its mentions
    sorted; a common one is tested per mention as the mentions are walked in listing order,
    so that a page of it stops early."""
    w = " ".join(wanted.lower().split())
    # each alternative alone is one index range (the count below reads them one by one)
    tests: list[tuple[str, list[object]]] = [
        ("mp.code_lower = ?", [w]), ("mp.code_lower >= ? AND mp.code_lower < ?", [w + " ", w + "!"]),
        ("mp.code_lower >= ? AND mp.code_lower < ?", [w + ":", w + ";"])]
    if not _CODE_LIKE.fullmatch(w) or ":" in w:
        names = _distinct(store, "mention_parties", "name_lower")
        if names is None:
            words = w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            tests.append(("mp.name_lower = ?", [w]))
            for pattern in (words + " %", "% " + words, "% " + words + " %"):
                tests.append(("mp.name_lower LIKE ? ESCAPE '\\'", [pattern]))
        elif found := [n for n in names if n == w or n.startswith(w + " ") or n.endswith(" " + w)
                       or f" {w} " in n]:
            tests.append(_in("mp.name_lower", found))
    match = " OR ".join(f"({sql})" for sql, _ in tests)
    params = [v for _, values in tests for v in values]
    if is_sqlite(store):
        count = (f"SELECT count(*) FROM (SELECT 1 FROM mention_parties mp WHERE mp.role = ? AND ({match}) "
                 "LIMIT ?) n", [role, *params, DENSE_PARTY])
    else:  # PostgreSQL plans an OR of ranges as a bitmap (or a scan) read whole before the LIMIT
        ranges = " UNION ALL ".join(f"SELECT 1 FROM mention_parties mp WHERE mp.role = ? AND {sql}"
                                    for sql, _ in tests)
        count = (f"SELECT count(*) FROM ({ranges} LIMIT ?) n",
                 [v for _, values in tests for v in (role, *values)] + [DENSE_PARTY])
    keys = f"FROM mention_parties mp WHERE mp.role = ? AND ({match})"
    if store.query(*count)[0][0] >= DENSE_PARTY:
        return ("EXISTS (SELECT 1 FROM mention_parties mp WHERE mp.doc_id = m.doc_id "
                f"AND mp.event_id = m.event_id AND mp.role = ? AND ({match}))", [role, *params])
    if is_sqlite(store):
        return f"(m.doc_id, m.event_id) IN (SELECT mp.doc_id, mp.event_id {keys})", [role, *params]
    # PostgreSQL: the documents as an array computed once, which the mentions' index is
    # probed with (a plain IN: it walked the mentions in listing order, testing each,
    # ~0.6 s for a party of 237 mentions in 1,000,000)
    return (f"m.doc_id = ANY (ARRAY(SELECT mp.doc_id {keys})) "
            f"AND (m.doc_id, m.event_id) IN (SELECT mp.doc_id, mp.event_id {keys})", [role, *params] * 2)


# A full-text query matching at least this many documents is dense: PostgreSQL finds a page
# of it by walking the documents in id order and testing each one's stored vector; a rarer
# one (or one that matches nothing: the walk read every document, 1.4 s on 59,000) is looked
# up in the GIN index and its mentions sorted (~17 a document here).
DENSE_DOCUMENTS = 1000


def _dense_text(store: Store, sql: str, values: list[object]) -> bool:
    found = store.query(f"SELECT count(*) FROM (SELECT 1 FROM documents d WHERE {sql} LIMIT ?) n",
                        [*values, DENSE_DOCUMENTS])
    return bool(found[0][0] >= DENSE_DOCUMENTS)


def box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) around a point, wide enough for every place within the radius."""
    dlat = radius_km / KM_PER_DEGREE
    scale = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = 180.0 if scale < 0.01 else min(180.0, dlat / scale)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def mention_where(store: Store, q: EventQuery, documents: bool = False) -> tuple[str, list[object]]:
    """The WHERE clause over `mentions m` (`documents`: joined to `documents d`, which the
    full-text test then reads directly)."""
    clauses: list[str] = []
    params: list[object] = []

    def add(sql: str, values: Sequence[object] = ()) -> None:
        clauses.append(sql)
        params.extend(values)

    if q.actor:
        add(*_party(store, "actor", q.actor))
    if q.target:
        add(*_party(store, "target", q.target))
    if q.type:
        add("m.type = ?", [q.type.upper()])
    if q.modality:
        add("m.modality = ?", [q.modality])
    if q.min_confidence:
        add("m.confidence >= ?", [q.min_confidence])
    if q.since:  # an interval is kept when it meets the range; an undated mention is not
        add("m.day_end >= ?", [q.since.isoformat()])
    if q.until:
        add("m.day_start <= ?", [q.until.isoformat()])
    if q.near:
        south, north, west, east = box(*q.near, q.radius_km)
        if west < -180 or east > 180:  # the box crosses the antimeridian: latitude alone
            add("m.lat BETWEEN ? AND ? AND m.lon IS NOT NULL", [south, north])
        else:
            add("m.lat BETWEEN ? AND ? AND m.lon BETWEEN ? AND ?", [south, north, west, east])
    if q.source:  # a substring of the outlet: the few matching outlets first, when they are few
        outlets = _distinct(store, "mentions", "outlet_lower")
        if outlets is None:
            add("m.outlet_lower LIKE ? ESCAPE '\\'", [_like(q.source)])
        else:
            add(*_in("m.outlet_lower", [o for o in outlets if q.source.lower() in o]))
    if q.text:
        sql, values = _fts(store, q.text)
        if documents:
            add(sql, values)
        elif is_sqlite(store) or _dense_text(store, sql, values):
            add(f"m.doc_id IN (SELECT d.id FROM documents d WHERE {sql})", values)
        else:  # a few documents: their ids first (GIN), then their mentions, as for a rare party
            add(f"m.doc_id = ANY (ARRAY(SELECT d.id FROM documents d WHERE {sql}))", values)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _near(q: EventQuery, lat: float | None, lon: float | None) -> bool:
    """The exact test after the box: great-circle distance within the radius."""
    return q.near is None or (lat is not None and lon is not None
                              and haversine_km(q.near[0], q.near[1], lat, lon) <= q.radius_km)


def _paged(store: Store, sql: str, params: list[object], q: EventQuery, limit: int | None, offset: int,
           lat_lon: tuple[int, int] | None) -> Iterator[tuple]:
    """Stream the rows of `sql`; paging is SQL's unless the exact distance test has to drop
    rows after the box, then it is done here, as the rows pass."""
    if q.near is None or lat_lon is None:
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, -1 if limit is None and is_sqlite(store) else limit, offset]
            if limit is None and not is_sqlite(store):
                sql = sql.replace(" LIMIT ? OFFSET ?", " OFFSET ?")
                params = params[:-2] + [offset]
        yield from _stream(store, sql, params)
        return
    skipped = kept = 0
    for row in _stream(store, sql, params):
        if not _near(q, row[lat_lon[0]], row[lat_lon[1]]):
            continue
        if skipped < offset:
            skipped += 1
            continue
        if limit is not None and kept >= limit:
            return
        kept += 1
        yield row


def _stream(store: Store, sql: str, params: Sequence[object]) -> Iterator[tuple]:
    """The rows of `sql`, a batch in memory at a time; the server-side cursor is closed even
    when the reader stops early (a page is full), so that the next query can open its own."""
    _, batches = store.iter_query(sql, params)
    try:
        for batch in batches:
            yield from batch
    finally:
        batches.close()  # type: ignore[attr-defined]  # iter_query's batches are generators


# A filter that matches at least this many mentions is dense: a page of it is found sooner
# by walking the mentions in listing order than by collecting and sorting every match.
DENSE = 2000


def _source(store: Store, where: str, params: list[object], limit: int | None) -> str:
    """`mentions m`, told on SQLite to walk in listing order when the filter is dense (its
    planner would otherwise sort every match of an indexed filter to return one page;
    PostgreSQL's planner weighs the LIMIT itself)."""
    if not is_sqlite(store) or not where or limit is None:
        return "mentions m"
    found = store.query(f"SELECT count(*) FROM (SELECT 1 FROM mentions m{where} LIMIT ?) n", [*params, DENSE])
    return "mentions m INDEXED BY mentions_order" if found[0][0] >= DENSE else "mentions m"


def iter_mentions(store: Store, q: EventQuery, limit: int | None = None, offset: int = 0
                  ) -> Iterator[dict[str, Any]]:
    """The mentions matching `q` as dicts (MENTION_KEYS; actors and targets as JSON text),
    in document id then record order: the order the records themselves list them in."""
    columns = ", ".join(f"m.{k}" for k in MENTION_KEYS[:-1])
    if q.text and is_sqlite(store):
        # The documents are walked in id order (their id index holds the rowid the full-text
        # index returns), each matching one's mentions read in order, so that a page stops
        # after its rows instead of collecting and sorting the mentions of every match
        # (ORDER BY d.id is the listing order: d.id = m.doc_id).
        where, params = mention_where(store, q, documents=True)
        sql = (f"SELECT {columns}, substr(d.text, m.evidence_start + 1, m.evidence_end - m.evidence_start) "
               "FROM documents d INDEXED BY sqlite_autoindex_documents_1 CROSS JOIN mentions m "
               f"ON m.doc_id = d.id{where} ORDER BY d.id, m.position")
    else:
        where, params = mention_where(store, q)
        # Participant tests and the exact distance run per row: a page is found by walking.
        table = _source(store, where, params, None if q.near or q.actor or q.target else limit)
        if limit is not None:
            yield from _page_by_keys(store, f"FROM {table}{where}", params, q, limit, offset, columns)
            return
        sql = (f"SELECT {columns}, substr(d.text, m.evidence_start + 1, m.evidence_end - m.evidence_start) "
               f"FROM {table} JOIN documents d ON d.id = m.doc_id{where} ORDER BY m.doc_id, m.position")
    lat_lon = (MENTION_KEYS.index("lat"), MENTION_KEYS.index("lon"))
    for row in _paged(store, sql, params, q, limit, offset, lat_lon):
        yield dict(zip(MENTION_KEYS, row, strict=True))


def _page_by_keys(store: Store, source: str, params: list[object], q: EventQuery, limit: int, offset: int,
                  columns: str) -> Iterator[dict[str, Any]]:
    """One page: the keys of the matches first, sorted and cut to the page (the exact
    distance tested on the way), then the page's rows with their evidence text, so that a
    filter matching thousands of mentions does not read the text of each before the sort."""
    sql = f"SELECT m.doc_id, m.event_id, m.lat, m.lon {source} ORDER BY m.doc_id, m.position"
    keys = list(_paged(store, sql, params, q, limit, offset, (2, 3)))
    rows: dict[tuple[str, str], tuple] = {}
    for chunk in _chunks([(d, e) for d, e, _, _ in keys], 400):
        match = " OR ".join(["(m.doc_id = ? AND m.event_id = ?)"] * len(chunk))
        values = [v for key in chunk for v in key]
        for row in store.query(
                f"SELECT {columns}, substr(d.text, m.evidence_start + 1, m.evidence_end - m.evidence_start) "
                f"FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE {match}", values):
            rows[(row[0], row[1])] = row
    for doc_id, event_id, _, _ in keys:
        yield dict(zip(MENTION_KEYS, rows[(doc_id, event_id)], strict=True))


def _matching_events(store: Store, q: EventQuery) -> tuple[str, list[object]]:
    """SQL for the ids of the corpus events with a mention matching `q` (the filter picks
    events; it never changes what an event is)."""
    where, params = mention_where(store, q)
    if q.near:  # the exact distance cannot be SQL on both backends: list the keys here
        keys = [(d, e) for d, e, la, lo in store.query(
            f"SELECT m.doc_id, m.event_id, m.lat, m.lon FROM mentions m{where}", params) if _near(q, la, lo)]
        ids = sorted({row[0] for chunk in _chunks(keys, 400) for row in store.query(
            "SELECT corpus_id FROM corpus_members WHERE " + " OR ".join(
                ["(doc_id = ? AND event_id = ?)"] * len(chunk)), [v for key in chunk for v in key])})
        if not ids:
            return "1 = 0", []
        return f"ce.id IN ({', '.join('?' * len(ids))})", list(ids)
    if not where:
        return "1 = 1", []
    return ("ce.id IN (SELECT cm.corpus_id FROM corpus_members cm JOIN mentions m "
            f"ON m.doc_id = cm.doc_id AND m.event_id = cm.event_id{where})", params)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def iter_corpus_events(store: Store, q: EventQuery, min_confidence: float = 0.0, limit: int | None = None,
                       offset: int = 0, selection: tuple[str, list[object]] | None = None
                       ) -> Iterator[dict[str, Any]]:
    """Corpus events with a mention matching `q` (and, at least, `min_confidence` as their
    most confident mention), first reported first, each with `mentions`: its (doc_id,
    event_id) pairs in report order. `selection`: SQL over `ce` (and its parameters) that picks
    the events instead of `q` (the web app's filters, `store.corpus_reads`)."""
    match, params = selection or _matching_events(store, q)
    sql = (f"SELECT {', '.join('ce.' + k for k in CORPUS_KEYS)} FROM corpus_events ce "
           f"WHERE {match} AND ce.confidence >= ? ORDER BY ce.first_published, ce.id")
    rows = _paged(store, sql, [*params, min_confidence], EventQuery(), limit, offset, None)
    for page in _chunks_of(rows, 500):
        ids = [row[0] for row in page]
        members: dict[str, list[tuple[str, str]]] = {}
        for corpus_id, doc_id, event_id in store.query(
                f"SELECT corpus_id, doc_id, event_id FROM corpus_members WHERE corpus_id IN "
                f"({', '.join('?' * len(ids))}) ORDER BY corpus_id, rank", ids):
            members.setdefault(corpus_id, []).append((doc_id, event_id))
        for row in page:
            yield {**dict(zip(CORPUS_KEYS, row, strict=True)), "mentions": members.get(row[0], [])}


def _chunks_of(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    page: list[tuple] = []
    for row in rows:
        page.append(row)
        if len(page) == size:
            yield page
            page = []
    if page:
        yield page


PERIODS = ("day", "week", "month", "year")


def iter_pairs(store: Store, q: EventQuery, period: str, min_confidence: float = 0.0,
               selection: tuple[str, list[object]] | None = None
               ) -> Iterator[tuple[str, str, str, str, str, str | None]]:
    """(actor, target, period, corpus event id, type, mode) of every pair of the corpus
    events matching `q` (or `selection`, as for `iter_corpus_events`), by period, actor,
    target, then first report."""
    if period not in PERIODS:
        raise QueryError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    match, params = selection or _matching_events(store, q)
    sql = (f"SELECT p.actor, p.target, p.{period}, ce.id, ce.type, ce.mode FROM corpus_pairs p "
           f"JOIN corpus_events ce ON ce.id = p.corpus_id WHERE {match} AND ce.confidence >= ? "
           f"ORDER BY p.{period}, p.actor, p.target, ce.first_published, ce.id")
    yield from _stream(store, sql, [*params, min_confidence])

