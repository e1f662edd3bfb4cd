"""`sankore ingest --learn-homes`: a corpus ingested in one run learns its outlets' homes from
a first reading of its own new documents, with the votes of what the store already holds.
Real pipeline, real LGL articles, real SQLite."""

from __future__ import annotations

import json
import random

import pytest

from sankore.api import analyze_many, learn_homes
from sankore.distance import haversine_km
from sankore.eval.geo import GoldDoc, read_gold
from sankore.ingest import ingest
from sankore.readers import Article, document_id
from sankore.records import Record
from sankore.store import open_store

from .conftest import shared
from .test_cli import run
from .test_geo_outlets import ALEXANDRIA_LA, BARE, LOCAL
from .test_store import db_path, url  # noqa: F401 (the two-backend database fixture)

PAPER = "The Town Talk"
WITHIN_KM = 161.0  # the eval's threshold for a right resolution


def lgl_outlet(outlet: str) -> list[GoldDoc]:
    [docs] = read_gold(shared("geo", "lgl.xml")).values()
    return [d for d in docs if d.outlet == outlet]


def as_articles(docs: list[GoldDoc]) -> list[Article]:
    return [Article(d.text, source=f"lgl:{d.id}", outlet=d.outlet) for d in docs]


def ingested(articles: list[Article], db_url: str, **options) -> dict[str, Record]:
    summary = ingest(articles, db_url, progress=False, dedupe=False, **options)
    assert summary.failed == []
    with open_store(db_url) as store:
        return {a.text: record for a in articles if (record := store.get(document_id(a.text))) is not None}


def errors_km(record: Record, doc: GoldDoc, name: str) -> list[float]:
    """How far each of the record's places over a gold toponym `name` lies from the gold point."""
    found = []
    for gold in (g for g in doc.toponyms if g.text == name and g.lat is not None and g.lon is not None):
        [place] = [p for p in record.places if p.span[0] < gold.end and gold.start < p.span[1]]
        assert place.lat is not None and place.lon is not None
        found.append(haversine_km(place.lat, place.lon, gold.lat, gold.lon))
    assert found
    return found


# A local paper's home town, named bare, whose better-known namesake is elsewhere: Lebanon,
# Pennsylvania in the Lebanon Daily News (the country otherwise), Lancaster, England in the
# Lancaster and Morecambe Citizen (Lancaster, Pennsylvania otherwise). Each outlet's six LGL
# articles, ingested in one run into a fresh store.
@pytest.mark.parametrize(("outlet", "doc_id", "name"), [
    ("ldnews.com", "38551579", "Lebanon"),
    ("thelancasterandmorecambecitizen.co.uk", "41728486", "Lancaster"),
])
def test_one_run_resolves_a_local_papers_bare_home_town_with_a_first_reading(tmp_path, nlp, outlet, doc_id,
                                                                           name):
    docs = lgl_outlet(outlet)
    [doc] = [d for d in docs if d.id == doc_id]
    articles = as_articles(docs)
    without = ingested(articles, f"sqlite:///{tmp_path / 'without.db'}")
    assert min(errors_km(without[doc.text], doc, name)) > 1000  # a fresh store: no home
    learned = ingested(articles, f"sqlite:///{tmp_path / 'with.db'}", learn_homes=True)
    assert max(errors_km(learned[doc.text], doc, name)) < WITHIN_KM
    # The homes are those `sankore analyze --outlet-homes` learns from the same articles.
    analysed = analyze_many(articles, nlp=nlp, outlet_homes=learn_homes(articles, nlp=nlp))
    assert [r.places for r in analysed if isinstance(r, Record)] == [learned[a.text].places for a in articles]


def town_talk(texts: list[str], outlet: str = PAPER) -> list[Article]:
    return [Article(text, source=f"{outlet}-{i}", outlet=outlet) for i, text in enumerate(texts)]


def alexandria_km(record: Record) -> float:
    [place] = [p for p in record.places if p.text == "Alexandria"]
    assert place.lat is not None and place.lon is not None
    return haversine_km(place.lat, place.lon, *ALEXANDRIA_LA)


def test_first_reading_votes_add_to_the_stores_and_count_each_document_once(url, tmp_path):  # noqa: F811
    # One local story stored, one in the run: neither alone makes a home (two articles are
    # needed), together they do (on each backend: the store's votes are counted in SQL).
    ingested(town_talk(LOCAL[:1]), url)
    brought = town_talk([LOCAL[1], BARE])
    assert alexandria_km(ingested(brought, url, learn_homes=True)[BARE]) < 20
    fresh = ingested(brought, f"sqlite:///{tmp_path / 'fresh.db'}", learn_homes=True)
    assert alexandria_km(fresh[BARE]) > 1000
    # A stored document is not read again (its vote is the store's), and a second copy of a
    # text under the same outlet is one vote: one article each time, no home.
    db_url = f"sqlite:///{tmp_path / 'once.db'}"
    ingested(town_talk(LOCAL[:1]), db_url)
    again = ingested(town_talk([LOCAL[0], BARE]), db_url, learn_homes=True)
    assert alexandria_km(again[BARE]) > 1000
    copies = [*town_talk([LOCAL[0], BARE]), Article(LOCAL[0], source="copy", outlet=PAPER)]
    once = ingested(copies, f"sqlite:///{tmp_path / 'copies.db'}", learn_homes=True)
    assert alexandria_km(once[BARE]) > 1000


def test_the_homes_do_not_depend_on_the_order_of_the_documents(tmp_path):
    other = "Alexandria police closed the bridge."
    articles = [*town_talk([*LOCAL, BARE]), *town_talk([other], "Another Paper")]
    shuffled = articles[:]
    random.Random(7).shuffle(shuffled)
    first = ingested(articles, f"sqlite:///{tmp_path / 'a.db'}", learn_homes=True)
    second = ingested(shuffled, f"sqlite:///{tmp_path / 'b.db'}", learn_homes=True, batch_size=1)
    assert {t: r.places for t, r in first.items()} == {t: r.places for t, r in second.items()}
    assert alexandria_km(first[BARE]) < 20
    assert alexandria_km(first[other]) > 1000  # another outlet


@pytest.mark.slow  # two worker processes each load the pipeline
def test_the_homes_do_not_depend_on_the_number_of_workers(tmp_path):
    articles = as_articles(lgl_outlet("ldnews.com"))
    records = {workers: ingested(articles, f"sqlite:///{tmp_path / f'{workers}.db'}", learn_homes=True,
                                 workers=workers, batch_size=1)
               for workers in (1, 2)}
    assert {t: r.places for t, r in records[1].items()} == {t: r.places for t, r in records[2].items()}


def test_learn_homes_needs_sources_it_can_read_twice(tmp_path):
    db = f"sqlite:///{tmp_path / 'sankore.db'}"
    with pytest.raises(ValueError, match="twice"):
        ingest(iter(town_talk(LOCAL)), db, progress=False, learn_homes=True)
    with pytest.raises(ValueError, match="outlet_homes"):
        ingest(town_talk(LOCAL), db, progress=False, learn_homes=True, outlet_homes=False)
    refused = run("ingest", "-", "--db", db, "--learn-homes", stdin=BARE)
    [error] = [line for line in refused.stderr.splitlines() if line.startswith("Error:")]
    assert refused.returncode == 2 and "--learn-homes" in error and "standard input" in error
    refused = run("ingest", "x.txt", "--db", db, "--learn-homes", "--no-outlet-homes")
    assert refused.returncode == 2 and "--no-outlet-homes" in refused.stderr


def test_sankore_ingest_learn_homes_in_one_run(tmp_path):
    corpus = tmp_path / "paper.jsonl"
    rows = [{"text": t, "outlet": PAPER, "date": "2011-05-02"} for t in [*LOCAL, BARE]]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'sankore.db'}"
    result = run("ingest", str(corpus), "--db", db, "--learn-homes", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "stored 4, skipped 0 already stored, failed 0"
    with open_store(db) as store:
        record = store.get(document_id(BARE))
    assert record is not None and alexandria_km(record) < 20
