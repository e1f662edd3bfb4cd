"""The SQLite store, on a real database file: round trip, idempotency, atomicity, search,
schema and migrations. Records are built by hand, so no model is needed."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from sankore.errors import StoreError
from sankore.records import (
    Document,
    DocumentStats,
    Entity,
    Event,
    Framing,
    Place,
    Quote,
    Record,
    Sentence,
    TimeExpression,
)
from sankore.store import SearchHit, Store, open_store, sqlite_path
from sankore.store.migrations import MIGRATIONS, Migration
from sankore.store.rows import TABLES

NEXT = MIGRATIONS[-1].version + 1  # the version a new migration would get

TEXT = (
    "OUAGADOUGOU, April 30 (Reuters) - Russian Foreign Minister Sergei Lavrov met junta leaders "
    "in Ouagadougou on April 15-16, officials said. \"We will deepen cooperation,\" Lavrov said, "
    "according to state television RTB. The talks purportedly covered security in the Sahel. "
    "Share this article"
)


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(needle, start)
    return begin, begin + len(needle)


def make_record(text: str = TEXT, doc_id: str = "doc-aes-1", title: str = "Lavrov in Ouagadougou") -> Record:
    """A realistic record with every list filled and every optional field used somewhere."""
    lavrov = span_of(text, "Sergei Lavrov")
    lavrov2 = span_of(text, "Lavrov said")[0], span_of(text, "Lavrov said")[0] + len("Lavrov")
    quote = span_of(text, "We will deepen cooperation,")
    return Record(
        doc=Document(id=doc_id, source="examples/aes_2025-04-30.txt", title=title,
                     author="Jane Reporter", outlet="Reuters", published="2025-04-30",
                     language="en", text=text),
        boilerplate=[span_of(text, "Share this article")],
        entities=[
            Entity(id="e1", span=lavrov, text="Sergei Lavrov", kind="person", name="Sergei Lavrov",
                   code="RUS GOV", country="RUS", role="foreign minister", mentions=[lavrov, lavrov2]),
            Entity(id="e2", span=span_of(text, "junta leaders"), text="junta leaders",
                   kind="government", name="junta leaders", code=None, country="BFA",
                   mentions=[span_of(text, "junta leaders")]),
            Entity(id="e3", span=span_of(text, "RTB"), text="RTB", kind="media", name="RTB",
                   code="BFA MED", country="BFA", mentions=[span_of(text, "RTB")]),
        ],
        places=[
            Place(id="p1", span=span_of(text, "OUAGADOUGOU"), text="OUAGADOUGOU", name="Ouagadougou",
                  country="BFA", lat=12.36566, lon=-1.53388, geonameid=2357048, feature="city",
                  confidence=0.97),
            Place(id="p2", span=span_of(text, "Sahel"), text="Sahel", confidence=0.3),
            Place(id="p3", span=span_of(text, "Ouagadougou on"), text="Ouagadougou", name="Ouagadougou",
                  country="BFA", lat=12.36566, lon=-1.53388, geonameid=2357048, feature="city",
                  confidence=0.9, metonymy=False),
        ],
        times=[
            TimeExpression(id="t1", span=span_of(text, "April 15-16"), text="April 15-16",
                           value="2025-04-15/2025-04-16", granularity="day", anchor="published"),
            TimeExpression(id="t2", span=span_of(text, "April 30"), text="April 30", type="DATE",
                           value=None, granularity=None, anchor=None, mod="APPROX"),
        ],
        quotes=[
            Quote(id="q1", span=quote, text=text[slice(*quote)], kind="direct", speaker="e1",
                  speaker_span=lavrov2, speaker_text="Lavrov", cue="said",
                  cue_span=span_of(text, "said,"), via="e3"),
            Quote(id="q2", span=span_of(text, "Russian Foreign"), text="Russian Foreign", kind="indirect"),
        ],
        events=[
            Event(id="v1", type="CONSULT", mode="visit", actors=["e1"], targets=["e2"], time="t1",
                  place="p3", modality="reported", attributed_to="e3",
                  evidence=span_of(text, "Russian Foreign Minister"), confidence=0.81, cameo="04"),
            Event(id="v2", type="COOPERATE", actors=["e1", "e2"], modality="planned",
                  evidence=quote, confidence=0.4),
        ],
        framing=[Framing(span=span_of(text, "purportedly"), kind="hedge", text="purportedly"),
                 Framing(span=span_of(text, "officials said"), kind="attribution", text="officials said")],
        sentences=[Sentence(span=(0, 120), voice="author"),
                   Sentence(span=(121, 200), voice="attributed", source="e1", quote="q1")],
        stats=DocumentStats(sentences=2, author_voice_share=0.5, attributed_share=0.5, sources=1,
                            framing={"hedge": 1, "attribution": 1}),
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sankore.db"


POSTGRES_URL = os.environ.get("SANKORE_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, db_path: Path) -> Iterator[str]:
    """A new, empty database on each backend: a SQLite file, or a PostgreSQL database created
    for the test on the server of SANKORE_TEST_POSTGRES_URL (.ci/run starts one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{db_path}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL backend not tested: set SANKORE_TEST_POSTGRES_URL to a server's URL "
                    "(.ci/run starts one)")
    psycopg = pytest.importorskip("psycopg")
    name = f"sankore_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def store(url: str):
    with open_store(url) as opened:
        yield opened


def table_rows(store: Store, doc_id: str) -> dict[str, int]:
    """Rows per table for one document, counted with plain SQL (any backend)."""
    counts = {}
    for table in (*TABLES, "minhashes", "duplicates"):
        key = "id" if table == "documents" else "doc_id"
        counts[table] = store.query(f"SELECT count(*) FROM {table} WHERE {key} = ?", (doc_id,))[0][0]
    return counts


def test_round_trip_is_exact(store):
    record = make_record()
    assert store.add(record) is True
    again = store.get(record.doc.id)
    assert again is not None
    assert again.to_dict() == record.to_dict()
    assert store.get("no-such-document") is None


def test_round_trip_of_a_minimal_record(store):
    record = Record(doc=Document(id="bare", text="Nothing happened."))
    store.add(record)
    assert store.get("bare").to_dict() == record.to_dict()


def test_same_document_twice_is_stored_once(store):
    record = make_record()
    assert store.add(record) is True
    assert store.add(record) is False
    assert store.count() == 1
    assert store.has(record.doc.id)
    assert table_rows(store, record.doc.id)["entities"] == 3  # not 6


def test_add_many_summarises(store):
    good, bad = make_record(doc_id="a"), make_record(doc_id="b")
    bad.events[0].evidence = (50, 10)  # end before start: the schema's CHECK refuses it
    summary = store.add_many([good, good, bad, make_record(doc_id="c")])
    assert (summary.stored, summary.skipped, summary.failed) == (2, 1, 1)
    assert summary.errors[0].doc_id == "b"
    assert store.count() == 2


def test_a_failing_record_leaves_nothing_and_keeps_the_rest(store):
    earlier = make_record(doc_id="earlier")
    store.add(earlier)
    bad = make_record(doc_id="bad")
    # Everything before the events is valid, so the document, entities, places, times and
    # quotes rows are written before the CHECK on events fails.
    bad.events[1].evidence = (500, 400)
    with pytest.raises(StoreError) as raised:
        store.add(bad)
    message = str(raised.value)
    assert "bad" in message and "events" in message
    assert re.search("CHECK constraint failed|violates check constraint", message)
    assert raised.value.doc_id == "bad"
    assert not any(table_rows(store, "bad").values())
    assert store.search("Lavrov") and {hit.doc_id for hit in store.search("Lavrov")} == {"earlier"}
    assert store.get("earlier").to_dict() == earlier.to_dict()
    assert store.count() == 1
    # The failure did not leave the connection in a transaction: the next document stores.
    assert store.add(make_record(doc_id="later")) is True


def test_a_dangling_reference_is_refused(store):
    bad = make_record(doc_id="dangling")
    bad.events[0].actors = ["e99"]  # no such entity: the record would not be auditable
    with pytest.raises(StoreError, match="(?i)event_participants.*foreign key"):
        store.add(bad)
    assert not any(table_rows(store, "dangling").values())


def test_an_error_after_the_document_row_rolls_back(store, monkeypatch):
    store.add(make_record(doc_id="earlier"))
    original = type(store)._insert

    def failing_insert(self, doc_id, table, rows):
        if table == "framing":
            raise RuntimeError("disk on fire")
        original(self, doc_id, table, rows)

    monkeypatch.setattr(type(store), "_insert", failing_insert)
    with pytest.raises(StoreError, match="document bad not stored: disk on fire"):
        store.add(make_record(doc_id="bad"))
    assert not any(table_rows(store, "bad").values())
    assert table_rows(store, "earlier")["events"] == 2


def test_a_crash_mid_document_leaves_nothing_and_ingest_resumes(db_path):
    # SQLite only: the same crash on PostgreSQL is the server rolling back a transaction whose
    # client died, which the server does by itself (and test_ingest_resume kills a real run).
    """A process killed between the document row and COMMIT: on reopening, that document is
    absent, the ones before it are whole, and adding it again stores it."""
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_store import make_record
        from sankore.store import open_store
        from sankore.store.sqlite import SQLiteStore
        store = open_store({str(db_path)!r})
        store.add(make_record(doc_id="first"))
        original = SQLiteStore._insert
        def crash(self, doc_id, table, rows):
            if table == "events":
                os._exit(3)
            original(self, doc_id, table, rows)
        SQLiteStore._insert = crash
        store.add(make_record(doc_id="second"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    with open_store(db_path) as store:
        assert store.count() == 1
        assert not any(table_rows(store, "second").values())
        assert store.get("first").to_dict() == make_record(doc_id="first").to_dict()
        assert store.add(make_record(doc_id="second")) is True


def test_search_finds_words_in_text_and_title(store):
    store.add(make_record())
    store.add(make_record(text=TEXT.replace("Lavrov", "Blinken").replace("Sahel", "Baltic"),
                          doc_id="other", title="Talks in Vilnius"))
    hits = store.search("Sahel")
    assert [hit.doc_id for hit in hits] == ["doc-aes-1"]
    assert isinstance(hits[0], SearchHit) and hits[0].title == "Lavrov in Ouagadougou"
    assert "[Sahel]" in hits[0].snippet
    assert [hit.doc_id for hit in store.search("vilnius")] == ["other"]  # title, any case
    assert {hit.doc_id for hit in store.search("ouagadougou")} == {"doc-aes-1", "other"}
    assert len(store.search("ouagadougou", limit=1)) == 1
    assert store.search("Sahel OR Baltic", limit=5) and len(store.search("Sahel OR Baltic")) == 2
    assert store.search("nonexistentword") == []
    assert store.search("  ") == []


def test_search_survives_text_that_is_not_fts_syntax(store):
    store.add(make_record())
    assert [hit.doc_id for hit in store.search('"Lavrov')] == ["doc-aes-1"]
    assert [hit.doc_id for hit in store.search("(Reuters) -")] == ["doc-aes-1"]


def test_the_file_reads_with_plain_sqlite(db_path):
    record = make_record()
    with open_store(db_path) as store:
        store.add(record)
    conn = sqlite3.connect(db_path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "entities", "entity_mentions", "places", "times", "quotes", "events",
            "event_participants", "framing", "sentences", "evidence", "schema_version",
            "documents_fts"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Who did what to whom, in plain SQL.
    rows = conn.execute("""
        SELECT e.type, a.name, t.value, p.name
        FROM events e
        JOIN event_participants ep ON ep.doc_id = e.doc_id AND ep.event_id = e.id AND ep.role = 'actor'
        JOIN entities a ON a.doc_id = ep.doc_id AND a.id = ep.entity_id
        LEFT JOIN times t ON t.doc_id = e.doc_id AND t.id = e.time
        LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
        WHERE e.type = 'CONSULT'
    """).fetchall()
    assert rows == [("CONSULT", "Sergei Lavrov", "2025-04-15/2025-04-16", "Ouagadougou")]
    # Every evidence span reads back the text it stands for.
    for kind, record_id, role, start, end, text in conn.execute("""
        SELECT v.record_kind, v.record_id, v.span_role, v.span_start, v.span_end, d.text
        FROM evidence v JOIN documents d ON d.id = v.doc_id"""):
        assert 0 <= start <= end <= len(text), (kind, record_id, role)
    quote_spans = conn.execute(
        "SELECT span_role, substr(d.text, span_start + 1, span_end - span_start) "
        "FROM evidence v JOIN documents d ON d.id = v.doc_id "
        "WHERE record_kind = 'quote' AND record_id = 'q1' ORDER BY span_role").fetchall()
    assert quote_spans == [("cue", "said,"), ("span", "We will deepen cooperation,"), ("speaker", "Lavrov")]
    kinds = {row[0] for row in conn.execute("SELECT DISTINCT record_kind FROM evidence")}
    assert kinds == {"boilerplate", "entity", "place", "time", "quote", "event", "framing", "sentence"}
    # Deleting a document removes all of it (the foreign keys cascade), search index included.
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM documents WHERE id = ?", (record.doc.id,))
    conn.commit()
    conn.close()
    with open_store(db_path) as reopened:
        assert not any(table_rows(reopened, record.doc.id).values())
        assert reopened.search("Lavrov") == []


def test_schema_version_is_recorded_and_not_rerun(db_path):
    with open_store(f"sqlite:///{db_path}") as store:
        assert store.schema_version() == MIGRATIONS[-1].version
        store.add(make_record())
    with open_store(str(db_path)) as store:  # a second open: nothing to apply
        assert store.migrate() == []
        assert store.count() == 1
    conn = sqlite3.connect(db_path)
    versions = conn.execute("SELECT version, description FROM schema_version").fetchall()
    assert versions == [(m.version, m.description) for m in MIGRATIONS]


def test_a_new_migration_is_applied_once_and_a_failing_one_not_at_all(url):
    with open_store(url) as store:
        store.add(make_record())
        added = [*MIGRATIONS,
                 Migration(NEXT, "outlet country", "ALTER TABLE documents ADD COLUMN outlet_country TEXT;")]
        assert store.migrate(added) == [NEXT]
        assert store.migrate(added) == []
        broken = [*added, Migration(NEXT + 1, "broken",
                                    "CREATE TABLE x (a INTEGER);\nSELECT * FROM no_such_table;")]
        with pytest.raises(Exception, match="no_such_table"):
            store.migrate(broken)
        assert store.schema_version() == NEXT
        assert store.query("SELECT count(*) FROM documents WHERE outlet_country IS NULL") == [(1,)]
        with pytest.raises(Exception, match='(no such table|relation "x" does not exist)'):
            store.query("SELECT * FROM x")  # the failed migration's first statement was undone


def test_a_database_from_a_newer_sankore_is_refused(db_path):
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(db_path)


@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:///data/sankore.db", "data/sankore.db"),
    ("sqlite:////var/lib/sankore.db", "/var/lib/sankore.db"),
    ("sqlite:///:memory:", ":memory:"),
    ("sankore.db", "sankore.db"),
    ("postgresql://user:secret@host/db", None),
])
def test_urls(url, path):
    assert sqlite_path(url) == path


def test_bad_urls_and_files_give_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="PostgreSQL") as raised:
        open_store("postgresql://user:secret@host/db")
    assert "secret" not in str(raised.value)
    with pytest.raises(StoreError, match="no folder"):
        open_store(f"sqlite:///{tmp_path}/missing/sankore.db")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("just some text, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot use"):
        open_store(not_a_db)


def test_in_memory_store(tmp_path):
    with open_store("sqlite:///:memory:") as store:
        store.add(make_record())
        assert store.count() == 1 and store.search("Lavrov")


def test_a_pipeline_record_round_trips(seed_record, store):
    """The founding article as the pipeline analyses it: real ids, references and spans."""
    assert store.add(seed_record) is True
    assert store.get(seed_record.doc.id).to_dict() == seed_record.to_dict()
    assert store.search("Lavrov")[0].doc_id == seed_record.doc.id


def test_a_query_that_brings_the_views_up_to_date_waits_for_the_views_lock(url, seed_record):
    """Reading events first adds the documents the corpus views lack (corpus.views._fresh);
    it takes the views lock as every views update does, so it never merges beside an ingest's
    own update. Found by the hardening review: it updated without the lock."""
    import threading
    import time

    from sankore.corpus.views import iter_rows
    from sankore.store.base import VIEWS_LOCK

    def read() -> None:
        # its own store: a SQLite connection serves the thread that opened it
        with open_store(url) as reader:
            rows.extend(iter_rows(reader))

    with open_store(url) as holder:
        holder.add(seed_record)  # stored, not yet in the views
        rows: list = []
        with holder.exclusive(VIEWS_LOCK):
            query = threading.Thread(target=read)
            query.start()
            time.sleep(0.5)
            assert query.is_alive() and not rows  # waiting for the lock
        query.join(60)
        assert not query.is_alive()
        assert {row.doc_id for row in rows} == {seed_record.doc.id}
        assert len(rows) == len(seed_record.events)


def test_each_backend_is_the_one_its_url_names(store, url):
    assert type(store).__name__ == ("PostgresStore" if url.startswith("postgresql://") else "SQLiteStore")


def test_exclusive_makes_a_second_process_wait_for_the_first(url):
    """Store.exclusive (issue 21): on PostgreSQL a session advisory lock that a second
    connection waits for, released when the block ends or the connection closes; on SQLite an
    flock on a file beside the database (issue 19: it held none, and two ingests ending at once
    could each miss the other's near-duplicates)."""
    import threading
    import time

    entered: list[float] = []
    with open_store(url) as first, open_store(url) as second, open_store(url) as third:
        def wait_for_lock() -> None:
            with second.exclusive("views"):
                entered.append(time.monotonic())

        with first.exclusive("views"):
            waiter = threading.Thread(target=wait_for_lock)
            waiter.start()
            time.sleep(0.5)
            assert not entered  # still waiting
            with third.exclusive("other"):  # another name is another lock
                pass
            released = time.monotonic()
        waiter.join(10)
        assert entered and entered[0] >= released
    # A connection that ends releases its lock: a new one takes it at once.
    held = open_store(url)
    with held.exclusive("views"):
        held.close()
    with open_store(url) as fourth, fourth.exclusive("views"):
        pass


HOLD_LOCK = """
import sys, time
from sankore.store import open_store
store = open_store(sys.argv[1])
with store.exclusive("corpus views"):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_killed_process_leaves_no_lock_held(url):
    # The lock of a process killed mid-update (SIGKILL: no finally runs) is free at once.
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, url], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    finally:
        holder.kill()
        holder.wait(30)
    with open_store(url) as store, store.exclusive("corpus views"):
        pass


def test_the_sqlite_lock_file_is_only_ever_a_regular_file(db_path, tmp_path):
    from sankore.store.base import VIEWS_LOCK

    with open_store(db_path) as store:
        with store.exclusive(VIEWS_LOCK):
            pass
        lock = Path(f"{db_path}.corpus-views.lock")
        assert lock.is_file()  # beside the database, named after the lock
        lock.unlink()
        target = tmp_path / "elsewhere"
        target.write_text("not to be touched\n")
        lock.symlink_to(target)
        with pytest.raises(StoreError, match="lock file"), store.exclusive(VIEWS_LOCK):
            pass
        lock.unlink()
        os.mkfifo(lock)
        with pytest.raises(StoreError, match="not a regular file"), store.exclusive(VIEWS_LOCK):
            pass
        assert target.read_text() == "not to be touched\n"
    with open_store("sqlite:///:memory:") as memory, memory.exclusive(VIEWS_LOCK):
        pass  # one connection's alone: nothing to lock, no file
