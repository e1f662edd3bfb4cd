"""The stored places with one reading of each outlet (migration 10), from which `sankore
ingest` learns the outlets' home areas (`ingest/homes.py`; what a home is: `geo/outlets.py`).

SQL only, as the rest of the store: which documents' places are still to be read, the rows
those places are read from, writing what was read (one transaction per batch, harmless if
another ingest wrote it first), and the votes of a few outlets, counted in the database.
Which places count (their features and kinds) is the caller's to say: the store knows no
gazetteer.
"""

from __future__ import annotations

from collections.abc import Sequence

from .base import Store

# Migration 10. `outlet_documents` marks a document whose places were read (with how many
# anchors it has, 0 included), `outlet_anchors` holds the anchors, the outlet repeated so that
# an outlet's votes are one index range. `documents_outlet` finds the documents not yet read
# without reading the documents' rows (their text).
OUTLET_ANCHORS = """
CREATE TABLE IF NOT EXISTS outlet_documents (
    doc_id  TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    outlet  TEXT NOT NULL,
    anchors INTEGER NOT NULL               -- places with one reading it names
);
CREATE INDEX IF NOT EXISTS outlet_documents_outlet ON outlet_documents (outlet, anchors);
CREATE TABLE IF NOT EXISTS outlet_anchors (
    doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name_key TEXT NOT NULL,                -- geo.names.name_key of the place's name
    outlet   TEXT NOT NULL,
    country  TEXT NOT NULL,
    admin1   TEXT NOT NULL,
    lat      REAL,                         -- a town's or district's point; NULL for a state
    lon      REAL,
    PRIMARY KEY (doc_id, name_key)
);
CREATE INDEX IF NOT EXISTS outlet_anchors_votes ON outlet_anchors (outlet, country, admin1, doc_id);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents (outlet, id);
"""

# A stored place row as the anchors are read from it.
PLACE_COLUMNS = ("p.doc_id", "p.text", "p.feature", "p.lat", "p.lon", "p.kind")


def unread_documents(store: Store) -> list[tuple[str, str]]:
    """(doc_id, outlet) of the stored documents that name their outlet and whose places
    were not read yet, by id."""
    return [(row[0], row[1]) for row in store.query(
        "SELECT d.id, d.outlet FROM documents d LEFT JOIN outlet_documents o ON o.doc_id = d.id "
        "WHERE d.outlet IS NOT NULL AND o.doc_id IS NULL ORDER BY d.id")]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def place_rows(store: Store, doc_ids: Sequence[str], features: Sequence[str],
               kinds: Sequence[str]) -> list[tuple]:
    """(doc_id, text, feature, lat, lon, kind) of the resolved places of `doc_ids`
    with one of `features` and `kinds`, in document and record order."""
    if not doc_ids:
        return []
    return store.query(
        f"SELECT {', '.join(PLACE_COLUMNS)} FROM places p "
        f"WHERE p.doc_id IN ({_marks(doc_ids)}) AND p.feature IN ({_marks(features)}) "
        f"AND p.kind IN ({_marks(kinds)}) AND p.lat IS NOT NULL AND p.lon IS NOT NULL "
        "ORDER BY p.doc_id, p.position", [*doc_ids, *features, *kinds])


def write_read(store: Store, documents: Sequence[tuple[str, str, int]],
               anchors: Sequence[tuple[str, str, str, str, str, float | None, float | None]]) -> None:
    """Store what was read, in one transaction: `documents` as (doc_id, outlet, anchors),
    `anchors` as (doc_id, name_key, outlet, country, admin1, lat, lon). A row another
    process wrote first (two ingests starting at once read the same documents) is kept."""
    store.write([
        ("INSERT INTO outlet_documents (doc_id, outlet, anchors) VALUES (?, ?, ?) "
         "ON CONFLICT DO NOTHING", documents),
        ("INSERT INTO outlet_anchors (doc_id, name_key, outlet, country, admin1, lat, lon) "
         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", anchors)])


def outlet_votes(store: Store, outlet: str) -> tuple[int, list[tuple], list[tuple], list[tuple]]:
    """What the home of `outlet` is decided from, counted in the database: the number of its
    documents with anchors; (country, admin1, documents) per area; (country, documents) per
    country; and its anchors' distinct (name_key, country, admin1, lat, lon) with a point.
    Index ranges of one outlet: the cost grows with that outlet's anchors, not the store."""
    articles = store.query("SELECT count(*) FROM outlet_documents WHERE outlet = ? AND anchors > 0",
                           [outlet])[0][0]
    areas = store.query(
        "SELECT country, admin1, count(DISTINCT doc_id) FROM outlet_anchors WHERE outlet = ? "
        "GROUP BY country, admin1 ORDER BY country, admin1", [outlet])
    countries = store.query(
        "SELECT country, count(DISTINCT doc_id) FROM outlet_anchors WHERE outlet = ? "
        "GROUP BY country ORDER BY country", [outlet])
    points = store.query(
        "SELECT DISTINCT name_key, country, admin1, lat, lon FROM outlet_anchors "
        "WHERE outlet = ? AND lat IS NOT NULL AND lon IS NOT NULL "
        "ORDER BY name_key, lat, lon", [outlet])
    return articles, areas, countries, points
