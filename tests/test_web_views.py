"""The web app's kept answers and its reads of the stored corpus views, on real articles: a
kept answer is byte for byte the computed one and is dropped when the store is written;
the network and corpus-event pages read the view tables, with the whole corpus's ids under
any filter, and never write, even when the views are behind the store."""

from __future__ import annotations

import pytest

from .web_support import postgres_database, web_records

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

PATHS = ("/api/events?type=CONSULT", "/api/events?actor=NER", "/api/search?q=Niger", "/api/stats",
         "/api/network", "/api/relations?period=year", "/search?q=talks", "/api/timeline")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    with postgres_database() as pg_url:
        if request.param == "sqlite":
            yield f"sqlite:///{tmp_path / 'web.db'}"
        elif pg_url is None:
            pytest.skip("PostgreSQL backend not tested: set SANKORE_TEST_POSTGRES_URL (.ci/run does)")
        else:
            yield pg_url


def _client(url: str, cache_mb: float):
    from fastapi.testclient import TestClient

    from sankore.web.app import create_app

    return TestClient(create_app(url, cache_mb))


def test_kept_answers_equal_computed_ones_and_go_when_the_store_changes(nlp, url):
    from sankore.corpus import stored
    from sankore.store import open_store

    records = web_records(nlp)
    with open_store(url) as store:
        store.add_many(records[:-1])
        stored.update(store)
    with _client(url, 64) as kept, _client(url, 0) as computed:
        for path in PATHS:
            first, again = kept.get(path), kept.get(path)
            assert first.status_code == again.status_code == 200, path
            assert first.content == again.content == computed.get(path).content, path
            assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
        assert kept.app.state.cache.hits >= len(PATHS)
        before = kept.get("/api/stats").json()
        with open_store(url) as store:  # an ingest while the app runs
            store.add(records[-1])
        assert kept.get("/api/stats").json()["documents"] == before["documents"] + 1
        assert computed.get("/api/stats").json() == kept.get("/api/stats").json()


def test_corpus_views_are_read_from_their_tables_with_the_corpus_ids(nlp, url):
    from sankore.corpus import stored
    from sankore.corpus.views import stored_corpus_events
    from sankore.store import open_store

    records = web_records(nlp)
    with open_store(url) as store:
        store.add_many(records)
        stored.update(store)
        merged = {e.id: e for e in stored_corpus_events(store)}
    with _client(url, 0) as client:
        for event_id, event in list(merged.items())[:5]:
            body = client.get(f"/api/corpus-events/{event_id}").json()
            assert [(m["doc_id"], m["event_id"]) for m in body["mentions"]] == list(event.mentions)
            assert body["first_report"] == list(event.first_report)
            assert body["corroboration"] == event.corroboration
        doc = records[0].doc.id
        of_doc = client.get(f"/api/documents/{doc}/corpus-events").json()
        assert of_doc == {m: e.id for e in merged.values() for d, m in e.mentions if d == doc}
        everything = client.get("/api/relations", params={"period": "year"}).json()
        assert everything["views_behind"] == 0
        whole = {ce["id"]: ce for r in everything["relations"] for ce in r["corpus_events"]}
        some = client.get("/api/relations", params={"period": "year", "actor": "NER"}).json()["relations"]
        assert some, "the founding article's Niger events make relations"
        for relation in some:  # a filter picks corpus events; it never changes what they are
            for ce in relation["corpus_events"]:
                assert ce == whole[ce["id"]]


def test_views_behind_the_store_are_read_as_they_are_and_never_written(nlp, url):
    from sankore.store import open_store

    records = web_records(nlp)
    with open_store(url) as store:
        store.add_many(records[:2])  # stored by the Python API: no views yet
    with _client(url, 64) as client:
        network = client.get("/api/network").json()
        assert network["views_behind"] == 2 and network["edges"] == []
        assert client.get("/api/relations").json()["views_behind"] == 2
    with open_store(url) as store:
        assert store.query("SELECT count(*) FROM viewed")[0][0] == 0
