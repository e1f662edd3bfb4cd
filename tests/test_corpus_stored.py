"""Corpus views kept in the database (corpus.stored) and queried in SQL (store.mentions), on
SQLite and PostgreSQL: the same rows as the Python filters, the same corpus events as a
merge of the whole corpus at once, whatever order the documents arrive in."""

from __future__ import annotations

import csv
import itertools
import random
from datetime import date

import pytest

import sankore
from sankore.corpus import stored
from sankore.corpus.merge import compatible, compatible_pairs, merge_events
from sankore.corpus.query import EventQuery, select
from sankore.corpus.rows import EventRow, event_rows
from sankore.corpus.views import stored_corpus_events, stored_relations, stored_rows
from sankore.errors import QueryError
from sankore.readers import Article
from sankore.store import open_store
from sankore.store.migrations import MIGRATIONS
from sankore.store.queries import is_sqlite

from .conftest import shared
from .test_corpus_views import REPORTS
from .test_store import db_path, url  # noqa: F401  (fixtures: both backends)

GUARDIAN_DOCS = 12


@pytest.fixture(scope="module")
def records(nlp):
    """The test's five reports and the first Guardian articles: real pipeline output."""
    articles = [Article(text=t, outlet=o, published=p, source=f"report-{i}")
                for i, (t, o, p) in enumerate(REPORTS)]
    with shared("corpus", "guardian", "Guardian_SDF_sample.csv").open(encoding="utf-8") as handle:
        for row in itertools.islice(csv.DictReader(handle), GUARDIAN_DOCS):
            articles.append(Article(text=row["text"], published=row["date"], outlet="The Guardian",
                                    source=row["source"] or None))
    return list(sankore.analyze_many(articles, nlp=nlp))


def _store(url, records, order=None, batch=stored.BATCH):  # noqa: F811
    store = open_store(url)
    for record in order or records:
        store.add(record)
    stored.update(store, batch=batch)
    return store


def _row(doc, event, etype="AID", actors=(), targets=(), day="2019-04-10", outlet="X"):
    start = date.fromisoformat(day)
    return EventRow(doc_id=doc, event_id=event, type=etype, mode=None, modality="asserted", confidence=0.9,
                    actors=tuple(actors), targets=tuple(targets), start=start, end=start, date_value=day,
                    date_source="published", place=None, country=None, lat=None, lon=None, outlet=outlet,
                    published=day, evidence=(0, 1), evidence_text="x")


def test_half_empty_mentions_do_not_make_an_event_neither_states():
    # "The US, in return, sent jets" (no target) and aid to Islamic State with no actor, in
    # two articles: not one "USA AID IMG:Islamic State" event.
    sent = _row("a", "v1", actors=["USA"])
    aided = _row("b", "v2", targets=["IMG:Islamic State"])
    assert not compatible(sent, aided)
    assert len(merge_events([sent, aided])) == 2
    # A report that states the whole event still joins each half to it.
    whole = _row("c", "v3", actors=["USA"], targets=["IMG:Islamic State"])
    [event] = merge_events([sent, aided, whole])
    assert len(event.mentions) == 3


def test_incremental_views_equal_one_merge_of_the_whole_corpus(url, records):  # noqa: F811
    expected = merge_events(event_rows(records))
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    with _store(url, records, order=shuffled, batch=3) as store:  # many small batches, shuffled
        got = stored_corpus_events(store)
        assert [(e.id, e.mentions, e.actors, e.targets, e.start, e.corroboration) for e in got] == \
            [(e.id, e.mentions, e.actors, e.targets, e.start, e.corroboration) for e in expected]
        assert got == expected
        before = store.query("SELECT * FROM corpus_members ORDER BY doc_id, event_id")
        summary = stored.rebuild(store)
        assert summary.documents == len(records)
        assert store.query("SELECT * FROM corpus_members ORDER BY doc_id, event_id") == before
        assert stored_corpus_events(store) == expected


def test_a_batch_finds_every_compatible_pair_without_testing_all(records):
    """The incremental merge pairs a batch's mentions by (type, party) buckets swept in date
    order (merge.compatible_pairs): the same pairs as testing every pair, on real rows plus
    undated, vague and overlapping ones."""
    rows = event_rows(records)
    extra = [_row("u", "v1", actors=["USA"]), _row("w", "v1", actors=["USA"], day="2019-04-11"),
             _row("x", "v1", etype="CONSULT", targets=["USA"]),
             _row("y", "v1", etype="CONSULT", actors=["USA"])]
    year = {"start": date(2019, 1, 1), "end": date(2019, 12, 31)}
    extra += [EventRow(**{**_row("z", "v1", actors=["USA"]).__dict__, "start": None, "end": None}),
              EventRow(**{**_row("q", "v1", actors=["USA"]).__dict__, **year}),
              EventRow(**{**_row("r", "v1", actors=["USA"]).__dict__, **year})]
    rows += extra
    brute = {(a, b) for i, a in enumerate(rows) for b in rows[i + 1:] if compatible(a, b)}
    found = list(compatible_pairs(rows))
    assert len(found) == len(set(found))  # each pair once
    key = {id(r): i for i, r in enumerate(rows)}
    assert {tuple(sorted((a, b), key=lambda r: key[id(r)])) for a, b in found} == brute
    assert len(brute) > len(extra)  # the real rows have compatible pairs too


def test_merged_event_ids_do_not_depend_on_the_query(url, records):  # noqa: F811
    with _store(url, records) as store:
        every = {e.id: e for e in stored_corpus_events(store)}
        for query in (EventQuery(actor="USA"), EventQuery(type="consult"), EventQuery(source="bbc"),
                      EventQuery(since=date(2025, 4, 1))):
            found = stored_corpus_events(store, query)
            assert found
            assert all(every[e.id] == e for e in found)  # the same event, whole, under any filter
        relations = stored_relations(store, "month")
        ids = {i for r in relations for i in r.event_ids}
        assert ids <= set(every)


QUERIES = [
    EventQuery(),
    EventQuery(actor="USA"), EventQuery(actor="usa"), EventQuery(actor="RUS GOV"), EventQuery(target="SOM"),
    EventQuery(actor="IGO"), EventQuery(type="assault"), EventQuery(type="CONSULT", actor="RUS"),
    EventQuery(modality="reported"), EventQuery(since=date(2019, 4, 1), until=date(2019, 4, 30)),
    EventQuery(since=date(2025, 4, 5)), EventQuery(until=date(2019, 1, 1)),
    EventQuery(near=(55.75, 37.62), radius_km=50), EventQuery(near=(33.3, 44.4), radius_km=500),
    EventQuery(source="guardian"), EventQuery(source="BBC"), EventQuery(min_confidence=0.8),
    EventQuery(actor="USA", since=date(2019, 1, 1), source="guardian"),
]


def test_sql_queries_give_the_python_filters_rows(url, records):  # noqa: F811
    rows = event_rows(sorted(records, key=lambda r: r.doc.id))  # the store's order: doc id, then record
    with _store(url, records) as store:
        assert stored_rows(store) == rows
        for query in QUERIES:
            assert stored_rows(store, query) == select(rows, query), query
        # paging: a stable order, pages that add up to the whole
        whole = stored_rows(store, EventQuery(actor="USA"))
        pages = [stored_rows(store, EventQuery(actor="USA"), limit=3, offset=o)
                 for o in range(0, len(whole), 3)]
        assert [r for page in pages for r in page] == whole
        near = EventQuery(near=(33.3, 44.4), radius_km=500)
        assert stored_rows(store, near, limit=2, offset=1) == select(rows, near)[1:3]


def test_actor_matches_names_codes_any_case(url, records):  # noqa: F811
    with _store(url, records) as store:
        lavrov = {(r.doc_id, r.event_id) for r in stored_rows(store, EventQuery(actor="Lavrov"))}
        assert lavrov and lavrov == {(r.doc_id, r.event_id)
                                     for r in stored_rows(store, EventQuery(actor="sergei  LAVROV"))}
        assert all("RUS GOV" in r.actors for r in stored_rows(store, EventQuery(actor="Lavrov")))
        assert stored_rows(store, EventQuery(actor="usa")) == stored_rows(store, EventQuery(actor="USA"))
        assert stored_rows(store, EventQuery(actor="Lavro")) == []  # whole words of a name


@pytest.mark.parametrize("options, message", [
    ({"near": (float("inf"), 0.0)}, "not a point"), ({"near": (999.0, 999.0)}, "not a point"),
    ({"near": (float("nan"), 0.0)}, "not a point"), ({"near": (1.0, 1.0), "radius_km": -5.0}, "positive"),
    ({"since": date(2025, 5, 1), "until": date(2025, 4, 1)}, "after --until"),
    ({"type": "BOGUS"}, "not a PLOVER type"), ({"actor": " "}, "blank"), ({"target": ""}, "blank"),
])
def test_impossible_queries_are_refused(options, message):
    with pytest.raises(QueryError, match=message):
        EventQuery(**options)


def test_cli_query_options_are_checked_and_csv_has_its_header(tmp_path, records):
    from .test_cli import run

    db = f"sqlite:///{tmp_path / 'q.db'}"
    _store(db, records[:2]).close()
    refused = [(["--near", "inf,0"], "--near"), (["--near", "999,999"], "--near"),
               (["--near", "nan,0"], "--near"), (["--near", "1,1", "--radius", "-3"], "--radius"),
               (["--radius", "10"], "--radius"),
               (["--since", "2025-05-01", "--until", "2025-04-01"], "--since"),
               (["--type", "BOGUS"], "--type"), (["--actor", " "], "--actor")]
    for args, message in refused:
        done = run("events", "--db", db, *args)
        assert done.returncode != 0, args
        lines = done.stderr.strip().splitlines()
        assert message in done.stderr and len(lines) == 1, done.stderr
        assert lines[0].startswith("sankore: error:"), done.stderr
    empty = run("events", "--db", db, "--actor", "Nobody Atall", "--format", "csv")
    assert empty.returncode == 0 and empty.stdout.startswith("doc_id,event_id,type"), empty.stdout
    lavrov = run("events", "--db", db, "--actor", "Lavrov", "--format", "json")
    assert lavrov.returncode == 0 and '"RUS GOV"' in lavrov.stdout


def test_a_store_from_before_the_views_is_brought_up_to_date(tmp_path, records):
    with open_store(f"sqlite:///{tmp_path / 'old.db'}") as store:
        for record in records:
            store.add(record)
        # as a store written before migration 4 (or by another process) would be: no views
        assert store.query("SELECT count(*) FROM viewed")[0][0] == 0
        assert stored_rows(store) == event_rows(sorted(records, key=lambda r: r.doc.id))
        assert stored.pending(store) is False


def _counts_differ(store) -> bool:
    counts = [store.query(f"SELECT count(*) FROM {table}")[0][0] for table in ("documents", "viewed")]
    return counts[0] != counts[1]


def test_pending_stays_exact_whoever_writes(url, records):  # noqa: F811
    # `pending` reads counts that triggers keep: every way a document or a view row comes or
    # goes must keep it equal to comparing the tables themselves.
    with _store(url, records[:3]) as store, open_store(url) as other:
        assert stored.pending(store) is False
        other.add(records[3])  # another process stores a document
        assert stored.pending(store) is True is _counts_differ(store)
        stored.update(store)
        assert stored.pending(store) is False is _counts_differ(store)
        store.write([("DELETE FROM viewed WHERE doc_id = ?", [(records[1].doc.id,)])])
        assert stored.pending(store) is True is _counts_differ(store)
        stored.rebuild(store)  # every view row deleted in one statement, then written again
        assert stored.pending(store) is False is _counts_differ(store)
        assert stored_rows(store) == event_rows(sorted(records[:4], key=lambda r: r.doc.id))


def test_a_store_from_before_the_counts_gets_them(url, records):  # noqa: F811
    # A store at migration 7 (no counts, no triggers) with views and a document stored since:
    # migration 8 counts what is there, and the document is still pending.
    with _store(url, records[:3]) as store:
        sqlite = is_sqlite(store)
        drops = [f"DROP TRIGGER {t}_counted_{e}" + ("" if sqlite else f" ON {t}")
                 for t in ("documents", "viewed") for e in ("insert", "delete")]
        if not sqlite:  # and the stored full-text vector, back to migration 1's index
            drops += ["DROP FUNCTION sankore_count_added", "DROP FUNCTION sankore_count_deleted",
                      "ALTER TABLE documents DROP COLUMN fts",
                      "CREATE INDEX documents_fts ON documents "
                      "USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || text))"]
        store.write([(sql, [()]) for sql in [*drops, "DROP TABLE store_counts",
                                             "DELETE FROM schema_version WHERE version >= 8"]])
        store.add(records[3])
    with open_store(url) as store:
        assert store.schema_version() == MIGRATIONS[-1].version
        assert stored.pending(store) is True
        stored.update(store)
        assert stored.pending(store) is False
        assert stored_rows(store) == event_rows(sorted(records[:4], key=lambda r: r.doc.id))
        word = next(w for w in records[3].doc.text.split() if w.isalpha() and len(w) > 3)
        assert records[3].doc.id in {hit.doc_id for hit in store.search(word, limit=50)}
        assert {r.doc_id for r in stored_rows(store, EventQuery(text=word))} >= \
            {r.doc_id for r in event_rows([records[3]])}
