"""What users run learns outlets' home areas: `sankore ingest` from what earlier runs stored,
`analyze_many(outlet_homes=...)` and `sankore analyze --outlet-homes` from a first reading.
Real pipeline, real text, real SQLite (and PostgreSQL where the fixture has a server)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sankore.api import analyze_many, learn_homes
from sankore.distance import haversine_km
from sankore.geo.gazetteer import load_gazetteer
from sankore.geo.outlets import learn_outlet_homes
from sankore.ingest import ingest
from sankore.ingest.homes import stored_home
from sankore.readers import Article, document_id
from sankore.records import Record
from sankore.store import open_store

from .test_cli import run
from .test_geo_outlets import ALEXANDRIA_LA, LOCAL
from .test_store import db_path, url  # noqa: F401 (the two-backend database fixture)

PAPER = "The Town Talk"
# Bare "Alexandria" stories of the same paper: no state named, as a local paper writes.
STORIES = [
    "Alexandria woman charged in connection with house fire. She was arrested Tuesday.",
    "Alexandria man sentenced for burglary. The judge gave him five years on Monday.",
    "Alexandria school board approves new budget after a long debate on Thursday night.",
]


def articles(texts: list[str], outlet: str | None = PAPER) -> list[Article]:
    return [Article(text, source=f"{outlet}-{i}", outlet=outlet, published="2011-05-02")
            for i, text in enumerate(texts)]


def alexandria_km(record: Record) -> float:
    """How far the record's "Alexandria" lies from Alexandria, Louisiana."""
    [place] = [p for p in record.places if p.text == "Alexandria"]
    assert place.lat is not None and place.lon is not None
    return haversine_km(place.lat, place.lon, *ALEXANDRIA_LA)


def stored(target: str, text: str) -> Record:
    with open_store(target) as store:
        record = store.get(document_id(text))
    assert record is not None
    return record


def test_ingest_learns_an_outlets_home_from_earlier_runs(url, tmp_path):  # noqa: F811
    # First run: the paper's local stories and one bare "Alexandria": nothing was stored
    # before, so no home yet, and the bare name takes its most likely namesake.
    first = ingest(articles([*LOCAL, STORIES[0]]), url, progress=False)
    assert (first.stored, first.failed) == (4, [])
    assert alexandria_km(stored(url, STORIES[0])) > 1000
    # Second run: the first run's stories make the home; the paper's bare "Alexandria" is
    # the Louisiana town, another paper's is not.
    second = ingest([*articles(STORIES[1:2]), *articles(STORIES[2:], "Another Paper")], url,
                    progress=False)
    assert (second.stored, second.failed) == (2, [])
    assert alexandria_km(stored(url, STORIES[1])) < 20
    assert alexandria_km(stored(url, STORIES[2])) > 1000
    with open_store(url) as store:
        # The first run's documents were read at the second's start; the second's wait for
        # the next run (a run's own documents never change its homes).
        assert store.query("SELECT count(*), sum(anchors) FROM outlet_documents")[0][0] == 4
        home = stored_home(store, PAPER)
        # The home counted in SQL is the one learned in memory from the same records.
        records = [r for d in store.doc_ids() if (r := store.get(d)) is not None]
    first_run = [r for r in records if r.doc.text in LOCAL or r.doc.text == STORIES[0]]
    learned = learn_outlet_homes(((r.doc.outlet, r.doc.id, r.places) for r in first_run),
                                 load_gazetteer())
    assert home is not None and home == learned[PAPER] and home.areas == (("USA", "LA"),)


def test_ingest_without_outlet_homes_reads_each_article_alone(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'sankore.db'}"
    ingest(articles(LOCAL), db_url, progress=False)
    ingest(articles(STORIES[:1]), db_url, progress=False, outlet_homes=False)
    assert alexandria_km(stored(db_url, STORIES[0])) > 1000
    with open_store(db_url) as store:  # nothing read for homes either
        assert store.query("SELECT count(*) FROM outlet_documents") == [(0,)]


def test_a_store_that_cannot_give_homes_still_ingests(tmp_path, caplog):
    db = tmp_path / "sankore.db"
    db_url = f"sqlite:///{db}"
    ingest(articles(LOCAL), db_url, progress=False)
    with sqlite3.connect(db) as con:  # a damaged store: the anchors' table is gone
        con.execute("DROP TABLE outlet_anchors")
    summary = ingest(articles(STORIES[:1]), db_url, progress=False)
    assert (summary.stored, summary.failed) == (1, [])
    assert alexandria_km(stored(db_url, STORIES[0])) > 1000
    assert "outlet" in caplog.text  # said, not swallowed


@pytest.mark.slow  # two worker processes each load the pipeline
def test_homes_do_not_depend_on_the_number_of_workers(tmp_path):
    records = {}
    for workers in (1, 2):
        db_url = f"sqlite:///{tmp_path / f'{workers}.db'}"
        ingest(articles(LOCAL), db_url, progress=False)
        ingest([*articles(STORIES[:2]), *articles(STORIES[2:], "Another Paper")], db_url,
               workers=workers, batch_size=1, progress=False)
        records[workers] = [stored(db_url, text).places for text in STORIES]
    assert records[1] == records[2]
    assert alexandria_km(stored(db_url, STORIES[0])) < 20


def test_analyze_many_takes_homes_learned_from_a_first_reading(nlp):
    homes = learn_homes(articles([*LOCAL, *STORIES[:1]]), nlp=nlp)
    assert set(homes) == {PAPER} and homes[PAPER].areas == (("USA", "LA"),)
    [alone] = analyze_many(articles(STORIES[1:2]), nlp=nlp)
    [with_home] = analyze_many(articles(STORIES[1:2]), nlp=nlp, outlet_homes=homes)
    assert isinstance(alone, Record) and isinstance(with_home, Record)
    assert alexandria_km(alone) > 1000 and alexandria_km(with_home) < 20
    # The homes went with that call only: the shared pipeline keeps nothing of them.
    [again] = analyze_many(articles(STORIES[1:2]), nlp=nlp)
    assert isinstance(again, Record) and again.places == alone.places


def test_sankore_analyze_outlet_homes_reads_the_inputs_twice(tmp_path):
    corpus = tmp_path / "paper.jsonl"
    rows = [{"text": t, "outlet": PAPER, "date": "2011-05-02"} for t in [*LOCAL, STORIES[1]]]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run("analyze", str(corpus), "--outlet-homes", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [Record.model_validate_json(line) for line in result.stdout.splitlines()]
    assert alexandria_km(records[-1]) < 20
    refused = run("analyze", "-", "--outlet-homes", stdin=STORIES[0])
    assert refused.returncode == 2 and "standard input" in refused.stderr
