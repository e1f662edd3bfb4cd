"""The SQLite schema, as an ordered list of migrations.

Migration 1 is the initial schema; a change to the schema is a new entry at the end of
`MIGRATIONS`, never an edit of an old one, because databases in users' hands have already
run the old ones. Each migration runs in one transaction together with the row that records
it in `schema_version`, so a database is always at exactly one version.

Conventions, so that the file reads well in any SQLite tool:
- every record table has `doc_id` (the document) and the record's own `id` ('e3', 'v4');
- a span `[start, end)` is two integer columns `<what>_start`, `<what>_end` (code-point
  offsets into `documents.text`; `substr(text, span_start + 1, span_end - span_start)`
  reads it back). Not `start`/`end`: END is a reserved word in PostgreSQL, and the
  PostgreSQL backend is to share these column names;
- `position` is the record's place in its list in the `sankore/1` JSON, so that a stored
  record reads back exactly as it was written;
- list fields are link tables (`entity_mentions`, `event_participants`), not JSON, so that
  "every event with RUS GOV as actor" is a plain join;
- `evidence` lists every span of every record (derived, written in the same transaction),
  so that any record can be audited against the text it came from.
Vocabularies (entity kinds, modalities…) are checked by `sankore.records`, not repeated
here as CHECKs: a new kind should not need a migration.
"""

from __future__ import annotations

from typing import NamedTuple

from .corpus_schema import CORPUS_INTERVALS, CORPUS_TABLES, POSTGRES_STORE_COUNTS, STORE_COUNTS
from .outlet_anchors import OUTLET_ANCHORS


class Migration(NamedTuple):
    version: int
    description: str
    sql: str


INITIAL_SCHEMA = """
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,          -- hash of the normalized text
    schema      TEXT NOT NULL,             -- 'sankore/1'
    source      TEXT,                      -- path or URL
    title       TEXT,
    author      TEXT,
    outlet      TEXT,
    published   TEXT,                      -- YYYY-MM-DD
    language    TEXT NOT NULL,
    text        TEXT NOT NULL,
    boilerplate TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(boilerplate)),  -- [[start, end], ...]
    stats       TEXT CHECK (stats IS NULL OR json_valid(stats)),             -- DocumentStats as JSON
    ingested_at TEXT NOT NULL              -- UTC, ISO 8601
);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE entities (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    position   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,           -- first mention
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    code       TEXT,                       -- 'RUS GOV'; NULL when unknown
    country    TEXT,                       -- ISO 3166 alpha-3
    role       TEXT,
    PRIMARY KEY (doc_id, id),
    CHECK (0 <= span_start AND span_start <= span_end)
);
CREATE INDEX entities_code ON entities (code);

CREATE TABLE entity_mentions (
    doc_id     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, entity_id, position),
    FOREIGN KEY (doc_id, entity_id) REFERENCES entities (doc_id, id) ON DELETE CASCADE,
    CHECK (0 <= span_start AND span_start <= span_end)
);

CREATE TABLE places (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    position   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT,                       -- gazetteer name; NULL when unresolved
    country    TEXT,
    lat        REAL,
    lon        REAL,
    geonameid  INTEGER,
    feature    TEXT,
    confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    metonymy   INTEGER NOT NULL DEFAULT 0 CHECK (metonymy IN (0, 1)),  -- 'Moscow said'
    PRIMARY KEY (doc_id, id),
    CHECK (0 <= span_start AND span_start <= span_end)
);
CREATE INDEX places_geonameid ON places (geonameid);

CREATE TABLE times (
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,             -- TIMEX3 type: DATE, TIME, DURATION, SET
    value       TEXT,                      -- TIMEX3 / ISO 8601; NULL when unresolved
    granularity TEXT,
    anchor      TEXT,                      -- published, absolute, context
    mod         TEXT,                      -- TIMEX3 mod: START, MID, END, APPROX...
    PRIMARY KEY (doc_id, id),
    CHECK (0 <= span_start AND span_start <= span_end)
);

CREATE TABLE quotes (
    doc_id        TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    position      INTEGER NOT NULL,
    span_start    INTEGER NOT NULL,        -- the content: what is attributed
    span_end      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,           -- direct, indirect, mixed
    speaker       TEXT,                    -- entity id
    speaker_start INTEGER,                 -- the words naming the speaker here
    speaker_end   INTEGER,
    speaker_text  TEXT,
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    via           TEXT,                    -- entity id of the relaying outlet
    PRIMARY KEY (doc_id, id),
    FOREIGN KEY (doc_id, speaker) REFERENCES entities (doc_id, id),
    FOREIGN KEY (doc_id, via) REFERENCES entities (doc_id, id),
    CHECK (0 <= span_start AND span_start <= span_end),
    CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND speaker_start <= speaker_end),
    CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND cue_start <= cue_end)
);

CREATE TABLE events (
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,          -- PLOVER event type
    mode           TEXT,                   -- PLOVER mode
    time           TEXT,                   -- time id
    place          TEXT,                   -- place id
    modality       TEXT NOT NULL,          -- asserted, reported, planned, hypothetical, negated
    attributed_to  TEXT,                   -- entity id
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    confidence     REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    cameo          TEXT,
    PRIMARY KEY (doc_id, id),
    FOREIGN KEY (doc_id, time) REFERENCES times (doc_id, id),
    FOREIGN KEY (doc_id, place) REFERENCES places (doc_id, id),
    FOREIGN KEY (doc_id, attributed_to) REFERENCES entities (doc_id, id),
    CHECK (0 <= evidence_start AND evidence_start <= evidence_end)
);
CREATE INDEX events_type ON events (type);

-- Who did what to whom: one row per actor or target of an event, in the record's order.
CREATE TABLE event_participants (
    doc_id    TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('actor', 'target')),
    position  INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, event_id, role, position),
    FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, id) ON DELETE CASCADE,
    FOREIGN KEY (doc_id, entity_id) REFERENCES entities (doc_id, id)
);
CREATE INDEX event_participants_entity ON event_participants (doc_id, entity_id);

CREATE TABLE framing (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,           -- framing spans have no id of their own
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    kind       TEXT NOT NULL,              -- hedge, ...
    text       TEXT NOT NULL,
    PRIMARY KEY (doc_id, position),
    CHECK (0 <= span_start AND span_start <= span_end)
);

-- Whose voice each sentence speaks in: the author's own, or a source's.
CREATE TABLE sentences (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    voice      TEXT NOT NULL,              -- author, attributed
    source     TEXT,                       -- entity id
    quote      TEXT,                       -- quote id
    PRIMARY KEY (doc_id, position),
    FOREIGN KEY (doc_id, source) REFERENCES entities (doc_id, id),
    FOREIGN KEY (doc_id, quote) REFERENCES quotes (doc_id, id),
    CHECK (0 <= span_start AND span_start <= span_end)
);

-- Every span of every record. record_kind: boilerplate, entity, place, time, quote, event,
-- framing, sentence; record_id: the record's id, or for the kinds without one (boilerplate,
-- framing, sentence) its position in its list; span_role: span, mention, speaker, cue,
-- evidence.
CREATE TABLE evidence (
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    span_role   TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    CHECK (0 <= span_start AND span_start <= span_end)
);
CREATE INDEX evidence_doc_span ON evidence (doc_id, span_start, span_end);
CREATE INDEX evidence_record ON evidence (doc_id, record_kind, record_id);

-- Full-text search over title and text. External content: the text is stored once, in
-- documents, and the triggers keep the index in step with it.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""

# Near-duplicate clusters (sankore.corpus.dedupe). `minhashes` keeps each document's MinHash
# signature (128 little-endian uint64), computed once, so that clustering after an ingest
# only hashes the new documents. `duplicates` lists the members of clusters of two or more
# documents; `cluster_id` is the id of the cluster's first-stored member, its original.
NEAR_DUPLICATES = """
CREATE TABLE minhashes (
    doc_id    TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE duplicates (
    doc_id     TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL
);
CREATE INDEX duplicates_cluster ON duplicates (cluster_id);
"""

# Indexes for the web app's filters (sankore.store.queries): an actor by country, an event's
# day by its time value, a place within a box. Measured on a 100,000-event store
# (benchmarks/web_bench.py): without them each of those filters scans its whole table.
READ_INDEXES = """
CREATE INDEX entities_country ON entities (country);
CREATE INDEX times_value ON times (value);
CREATE INDEX places_lat_lon ON places (lat, lon);
"""

# A place's GeoWebNews kind (records.PlaceKind); rows stored before it were literal, or
# metonymic where the metonymy flag says so.
PLACE_KIND = """
ALTER TABLE places ADD COLUMN kind TEXT NOT NULL DEFAULT 'literal';
UPDATE places SET kind = 'metonymic' WHERE metonymy = 1;
"""

# Migration 7. Indexes that hold every column a filter's probe reads, so that it never reads
# the table row (profiled: the row reads were the time of these queries):
# - the web app's actor and target tests (queries.py: event -> participant -> entity code and
#   country); on the 100,000-event bench store 'RUS' counts in 40 ms instead of 90;
# - the participant codes and names of the stored views, with the mention they belong to,
#   and a mention's listing position and place by its key (mentions.py: a rare party's
#   mentions, then a page of their keys); on the 1,000,000-mention store a page of 'IRQ GOV'
#   in 42 ms instead of 117 (one run each, on a loaded machine). Two replace narrower indexes.
# IF (NOT) EXISTS: a store whose later migrations were undone by hand runs it again.
COVERING_INDEXES = """
CREATE INDEX IF NOT EXISTS entities_keys ON entities (doc_id, id, country, code);
CREATE INDEX IF NOT EXISTS event_participants_keys ON event_participants (doc_id, event_id, role, entity_id);
DROP INDEX IF EXISTS mention_parties_code;
CREATE INDEX IF NOT EXISTS mention_parties_code ON mention_parties (code_lower, role, doc_id, event_id);
DROP INDEX IF EXISTS mention_parties_name;
CREATE INDEX IF NOT EXISTS mention_parties_name ON mention_parties (name_lower, role, doc_id, event_id);
CREATE INDEX IF NOT EXISTS mentions_keys ON mentions (doc_id, event_id, position, lat, lon);
"""

# Migration 9. Each document's LSH band keys (corpus.dedupe.band_keys: band number, 64-bit hash
# of the band's values), so that clustering a new document looks up the stored documents in its
# buckets instead of loading every signature. A document has keys once its cluster is written
# (corpus.dedupe_store): a store from before has none, and the next ingest adds them. The doc_id
# index finds those, and serves the cascade. IF NOT EXISTS: see migration 7.
MINHASH_BANDS = """
CREATE TABLE IF NOT EXISTS minhash_bands (
    band   INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, doc_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS minhash_bands_doc ON minhash_bands (doc_id);
"""

MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema (sankore/1)", INITIAL_SCHEMA),
    Migration(2, "near-duplicate clusters", NEAR_DUPLICATES),
    Migration(3, "indexes for the web app's filters", READ_INDEXES),
    Migration(4, "corpus views in tables", CORPUS_TABLES),
    Migration(5, "places' pragmatic kind (GeoWebNews)", PLACE_KIND),
    Migration(6, "corpus views: interval ends in the participant index", CORPUS_INTERVALS),
    Migration(7, "covering indexes for the actor, target and page queries", COVERING_INDEXES),
    Migration(8, "document and viewed counts kept by triggers; PostgreSQL: full-text vector stored",
              STORE_COUNTS),
    Migration(9, "near-duplicate clusters: LSH band keys, for clustering new documents alone", MINHASH_BANDS),
    Migration(10, "places with one reading per outlet, for outlets' home areas", OUTLET_ANCHORS),
]

SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL              -- UTC, ISO 8601
)
"""


def statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (with their own ';') whole.

    `sqlite3.executescript` would do the splitting, but it commits any open transaction
    first, and a migration must run inside the one transaction that records it.
    """
    import sqlite3

    result: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            result.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:80]}")
    return result


# -- PostgreSQL ---------------------------------------------------------------------------
# The same migrations, with the same tables and column names, translated for PostgreSQL by
# `postgres_sql`: the few SQLite-only parts are its types (REAL is 4-byte in PostgreSQL, too
# coarse for coordinates; BLOB is BYTEA), `json_valid` (a cast to jsonb fails on bad JSON,
# which rejects the row as the CHECK would) and the FTS5 index, which becomes a GIN index on
# the same title-and-text expression that `PostgresStore.search` queries. The translation is
# exact text substitution on migrations that never change once released, and the store tests
# run every migration on both backends.

POSTGRES_FTS = """
CREATE INDEX documents_fts ON documents
    USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || text));
"""

_POSTGRES_TYPES = (("REAL", "DOUBLE PRECISION"), ("BLOB", "BYTEA"))


def postgres_sql(migration: Migration) -> str:
    """The PostgreSQL form of `migration`."""
    import re

    sql = migration.sql
    if sql == STORE_COUNTS:  # triggers: PostgreSQL's own syntax, not a substitution
        return POSTGRES_STORE_COUNTS
    if "CREATE VIRTUAL TABLE documents_fts" in sql:
        # FTS5 table and its triggers are the end of migration 1; PostgreSQL indexes instead.
        sql = sql[:sql.index("-- Full-text search")] + POSTGRES_FTS
    sql = re.sub(r"json_valid\((\w+)\)", r"(\1::jsonb IS NOT NULL)", sql)
    sql = sql.replace(") WITHOUT ROWID;", ");")  # SQLite's clustered primary key: PostgreSQL has none
    for sqlite_type, postgres_type in _POSTGRES_TYPES:
        sql = re.sub(rf"\b{sqlite_type}\b", postgres_type, sql)
    return sql
