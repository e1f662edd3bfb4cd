"""The tables of migration 4: corpus views stored in the database (see migrations.py
for the conventions; PostgreSQL gets them through the same translation)."""

# Corpus views in tables (sankore.corpus.stored), so that `events`, `--merged` and
# `relations` are SQL over indexed rows instead of every record read into Python:
# - `mentions`: one row per event mention, as corpus.rows.EventRow flattens it (participant
#   codes, the date interval, the place, the outlet), with `mention_parties` listing each
#   participant with its code, country and name for the actor and target filters;
# - `corpus_events` and `corpus_members`: mentions merged across articles (ids are hashes
#   of the earliest report, so they stay stable as documents arrive in any order);
# - `corpus_pairs`: each corpus event's (actor, target) pairs with their periods, for
#   relations by GROUP BY;
# - `viewed`: the documents already in these tables, with the near-duplicate cluster their
#   mentions were counted under, so that an update reads only the rest (and recounts the
#   corroboration of the events whose documents changed cluster).
CORPUS_TABLES = """
CREATE TABLE mentions (
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    event_id       TEXT NOT NULL,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    mode           TEXT,
    modality       TEXT NOT NULL,
    confidence     REAL NOT NULL,
    actors         TEXT NOT NULL,          -- participant codes, JSON list
    targets        TEXT NOT NULL,
    day_start      TEXT,                   -- the date interval, YYYY-MM-DD, both inclusive
    day_end        TEXT,
    date_value     TEXT,
    date_source    TEXT,                   -- text, published
    place          TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    outlet         TEXT NOT NULL,
    outlet_lower   TEXT NOT NULL,
    published      TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, event_id)
);
CREATE INDEX mentions_order ON mentions (doc_id, position);
-- type and modality lead indexes in the listing order, so that a page of a common type is
-- read in order and stops after its rows, without sorting every match
CREATE INDEX mentions_type ON mentions (type, doc_id, position);
CREATE INDEX mentions_day_start ON mentions (day_start);
CREATE INDEX mentions_day_end ON mentions (day_end);
CREATE INDEX mentions_lat_lon ON mentions (lat, lon);
CREATE INDEX mentions_modality ON mentions (modality, doc_id, position);
CREATE INDEX mentions_outlet ON mentions (outlet_lower);

CREATE TABLE mention_parties (
    doc_id     TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('actor', 'target')),
    code       TEXT NOT NULL,              -- participant code: 'RUS GOV', 'IGO:African Union'
    code_lower TEXT NOT NULL,
    name_lower TEXT NOT NULL,              -- the entity's name, lower case
    -- the mention's type and date interval again, so that finding the mentions a new one
    -- may merge with is one index range: same participant, same type, nearby start
    type       TEXT NOT NULL,
    day_start  TEXT,
    long_span  INTEGER NOT NULL,           -- 1: undated, or an interval over SHORT_SPAN days
    mergeable  INTEGER NOT NULL,           -- 1: asserted or reported (merge.MERGED_MODALITIES)
    PRIMARY KEY (doc_id, event_id, role, code, name_lower),
    FOREIGN KEY (doc_id, event_id) REFERENCES mentions (doc_id, event_id) ON DELETE CASCADE
);
CREATE INDEX mention_parties_code ON mention_parties (code_lower, role);
CREATE INDEX mention_parties_name ON mention_parties (name_lower);
CREATE INDEX mention_parties_merge ON mention_parties (code, type, mergeable, long_span, day_start);

CREATE TABLE corpus_events (
    id              TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    mode            TEXT,
    actors          TEXT NOT NULL,          -- JSON list
    targets         TEXT NOT NULL,
    day_start       TEXT,
    day_end         TEXT,
    country         TEXT,
    place           TEXT,
    first_doc       TEXT NOT NULL,
    first_event     TEXT NOT NULL,
    first_published TEXT,
    outlets         TEXT NOT NULL,          -- JSON list
    corroboration   INTEGER NOT NULL,
    confidence      REAL NOT NULL
);
CREATE INDEX corpus_events_order ON corpus_events (first_published, id);

CREATE TABLE corpus_members (
    doc_id    TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    corpus_id TEXT NOT NULL,
    rank      INTEGER NOT NULL,            -- place in report order, earliest first
    PRIMARY KEY (doc_id, event_id)
);
CREATE INDEX corpus_members_event ON corpus_members (corpus_id);

CREATE TABLE corpus_pairs (
    corpus_id TEXT NOT NULL,
    actor     TEXT NOT NULL,
    target    TEXT NOT NULL,
    day       TEXT NOT NULL,
    week      TEXT NOT NULL,
    month     TEXT NOT NULL,
    year      TEXT NOT NULL,
    PRIMARY KEY (corpus_id, actor, target)
);

CREATE TABLE viewed (
    doc_id     TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL               -- '' when in no cluster
);
"""

# Migration 6. The participant index gets each interval's end, so that an incremental merge
# reads only the stored intervals that meet a new one; and merging changed (a date vaguer
# than a month merges only with the same interval, corpus.merge). The views are emptied:
# the next ingest, query or `sankore views` builds them again from the records.
CORPUS_INTERVALS = """
DELETE FROM corpus_pairs;
DELETE FROM corpus_members;
DELETE FROM corpus_events;
DELETE FROM mention_parties;
DELETE FROM mentions;
DELETE FROM viewed;
ALTER TABLE mention_parties ADD COLUMN day_end TEXT;
DROP INDEX mention_parties_merge;
CREATE INDEX mention_parties_merge ON mention_parties (code, type, mergeable, long_span, day_start, day_end);
"""

# Migration 8. Whether the views are behind the documents was two count(*) per query, which
# every query paid (PostgreSQL, 59,000 documents: 7 ms idle, ~60 ms loaded). Triggers keep the counts
# in `store_counts`, in the transaction that adds or deletes the rows, so the check is one
# read of a few rows and stays exact whoever writes (an ingest, another Sankore, a script).
# Written to run again on a store whose later migrations were undone by hand (as 7).
# `slot`: PostgreSQL counts in one row per connection slot, so that concurrent ingests do not
# wait on one row's lock; the counts are the sums over slots. SQLite has one writer: slot 0.
STORE_COUNTS = """
CREATE TABLE IF NOT EXISTS store_counts (
    name TEXT NOT NULL,                    -- the table counted: documents or viewed
    slot INTEGER NOT NULL,
    n    INTEGER NOT NULL,                 -- rows added less rows deleted, in this slot
    PRIMARY KEY (name, slot)
);
DELETE FROM store_counts;
INSERT INTO store_counts (name, slot, n) SELECT 'documents', 0, count(*) FROM documents;
INSERT INTO store_counts (name, slot, n) SELECT 'viewed', 0, count(*) FROM viewed;
CREATE TRIGGER IF NOT EXISTS documents_counted_insert AFTER INSERT ON documents BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'documents' AND slot = 0;
END;
CREATE TRIGGER IF NOT EXISTS documents_counted_delete AFTER DELETE ON documents BEGIN
    UPDATE store_counts SET n = n - 1 WHERE name = 'documents' AND slot = 0;
END;
CREATE TRIGGER IF NOT EXISTS viewed_counted_insert AFTER INSERT ON viewed BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'viewed' AND slot = 0;
END;
CREATE TRIGGER IF NOT EXISTS viewed_counted_delete AFTER DELETE ON viewed BEGIN
    UPDATE store_counts SET n = n - 1 WHERE name = 'viewed' AND slot = 0;
END;
"""

# The same on PostgreSQL: a trigger per statement over its transition table (a row trigger
# would update one counter row once per row: `DELETE FROM viewed` of a rebuild would chain a
# million row versions in one transaction). The function bodies are quoted strings, not
# $$…$$, so that `migrations.statements` does not split them at their semicolons.
_COUNT = """
CREATE OR REPLACE FUNCTION sankore_count_{what}() RETURNS trigger LANGUAGE plpgsql AS '
DECLARE k BIGINT;
BEGIN
    SELECT count(*) INTO k FROM {table};
    IF k > 0 THEN
        INSERT INTO store_counts AS c (name, slot, n) VALUES (TG_TABLE_NAME, pg_backend_pid() % 64, {sign}k)
        ON CONFLICT (name, slot) DO UPDATE SET n = c.n + excluded.n;
    END IF;
    RETURN NULL;
END';
"""
# And on PostgreSQL only, the documents' full-text vector stored in a column, its GIN index
# replacing the index over the expression: a query that tests documents one by one (a page
# of a common word, walked in id order) read each text and computed its vector again
# (~0.7 ms a document), and ranking computed it once more. SQLite has its FTS5 table.
POSTGRES_FTS_COLUMN = """
ALTER TABLE documents ADD COLUMN IF NOT EXISTS fts tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
DROP INDEX IF EXISTS documents_fts;
CREATE INDEX documents_fts ON documents USING gin (fts);
"""
POSTGRES_STORE_COUNTS = (
    POSTGRES_FTS_COLUMN + STORE_COUNTS[:STORE_COUNTS.index("CREATE TRIGGER")]
    + _COUNT.format(what="added", table="added", sign="")
    + _COUNT.format(what="deleted", table="gone", sign="-")
    # in a DO block: `statements` (sqlite3.complete_statement) reads CREATE TRIGGER as
    # SQLite's, which ends at END;
    + "DO '\nBEGIN\n" + "".join(
        f"    DROP TRIGGER IF EXISTS {table}_counted_{event} ON {table};\n"
        f"    CREATE TRIGGER {table}_counted_{event} AFTER {event.upper()} ON {table} "
        f"REFERENCING {'NEW TABLE AS added' if event == 'insert' else 'OLD TABLE AS gone'} FOR EACH "
        f"STATEMENT EXECUTE FUNCTION sankore_count_{'added' if event == 'insert' else 'deleted'}();\n"
        for table in ("documents", "viewed") for event in ("insert", "delete")) + "END';\n")
