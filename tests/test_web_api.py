"""The web app in process (FastAPI's TestClient): every API endpoint and page on a store of
real articles, on SQLite and (where a server is given) PostgreSQL; every number checked
against the records; bad parameters answered with a 400 that names them."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from .web_support import HOSTILE_SOURCE, fill, postgres_database, web_records

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "sankore" / "web" / "templates"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app_and_records(request, nlp, tmp_path_factory):
    from fastapi.testclient import TestClient

    from sankore.web.app import create_app

    records = web_records(nlp)
    with postgres_database() as pg_url:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
        elif pg_url is None:
            pytest.skip("PostgreSQL backend not tested: set SANKORE_TEST_POSTGRES_URL (.ci/run does)")
        else:
            url = pg_url
        fill(url, records)
        with TestClient(create_app(url)) as client:
            yield client, records, url


@pytest.fixture
def client(app_and_records):
    return app_and_records[0]


@pytest.fixture
def records(app_and_records):
    return app_and_records[1]


def founding(records):
    return records[0]


def test_stats_count_the_records(client, records):
    assert client.get("/api/stats").json() == {
        "documents": len(records), "events": sum(len(r.events) for r in records)}


def test_search_finds_the_founding_article_with_a_snippet_and_pages(client, records):
    body = client.get("/api/search", params={"q": "Sahel"}).json()
    assert body["total"] >= 1
    hit = next(h for h in body["results"] if h["doc_id"] == founding(records).doc.id)
    assert "[" in hit["snippet"] and hit["events"] == len(founding(records).events)
    page2 = client.get("/api/search", params={"q": "the", "size": 1, "page": 2}).json()
    assert page2["total"] == len(records) and len(page2["results"]) == 1
    # Text that is not valid full-text syntax is searched as words, not an error.
    for odd in ('"', "U.S.", "AND OR", "(", "*"):
        assert client.get("/api/search", params={"q": odd}).status_code == 200


def test_events_total_and_pages_trace_to_the_records(client, records):
    total = sum(len(r.events) for r in records)
    body = client.get("/api/events", params={"size": 7, "page": 2}).json()
    assert body["total"] == total and len(body["results"]) == 7
    by_key = {(r.doc.id, e.id): (r, e) for r in records for e in r.events}
    for row in body["results"]:
        record, event = by_key[(row["doc_id"], row["event_id"])]
        assert row["type"] == event.type and row["modality"] == event.modality
        assert row["evidence_text"] == record.doc.text[event.evidence[0]:event.evidence[1]]
        assert [a["id"] for a in row["actors"]] == event.actors


@pytest.mark.parametrize("params", [
    {"type": "CONSULT"}, {"modality": "reported"}, {"actor": "RUS"}, {"target": "RUS"},
    {"quad": "verbal_cooperation"}, {"since": "2025-01-01"}, {"until": "2020-01-01"},
    {"near": "13.51,2.11", "radius": "300"}, {"bbox": "0,-20,30,20"}, {"outlet": "guardian"},
    {"q": "Sahel"}, {"q": "Sahel", "type": "CONSULT", "actor": "RUS"},
])
def test_each_filter_selects_what_it_says(client, records, params):
    from sankore.web.params import quad_of

    body = client.get("/api/events", params={**params, "size": 200}).json()
    assert body["total"] == len(body["results"])
    entity = {(r.doc.id, e.id): e for r in records for e in r.entities}
    for row in body["results"]:
        if "type" in params:
            assert row["type"] == params["type"]
        if "modality" in params:
            assert row["modality"] == params["modality"]
        for role in ("actor", "target"):
            if role in params:
                codes = [entity[(row["doc_id"], p["id"])] for p in row[role + "s"]]
                assert any((e.code or "").startswith("RUS") or e.country == "RUS" for e in codes)
        if "quad" in params:
            assert quad_of(row["type"], row["mode"]) == params["quad"]
        if "since" in params:
            assert row["day"] >= params["since"]
        if "until" in params:
            assert row["day"] <= params["until"]
        if "bbox" in params:
            assert 0 <= row["lat"] <= 30 and -20 <= row["lon"] <= 20
        if "near" in params:
            assert abs(row["lat"] - 13.51) < 3 and abs(row["lon"] - 2.11) < 3
        if "outlet" in params:
            assert "guardian" in f"{row['outlet']} {row['source']}".lower()
    if "q" in params and len(params) == 1:
        assert body["total"] >= len(founding(records).events)


def test_document_support_spans_are_the_records_spans(client, records):
    record = founding(records)
    body = client.get(f"/api/documents/{record.doc.id}").json()
    assert body["record"] == record.to_dict()
    text = record.doc.text
    for view, event in zip(body["events"], record.events, strict=True):
        assert view["id"] == event.id and view["evidence_text"] == text[slice(*event.evidence)]
        for item in view["support"]:
            assert item["text"] == text[slice(*item["span"])]
        fields = {item["field"] for item in view["support"]}
        assert ("time" in fields) == bool(event.time) and ("place" in fields) == bool(event.place)
        assert ("actor" in fields) == bool(event.actors)
    assert client.get("/api/documents/nope").status_code == 404


def test_timeline_and_places_add_up_to_the_events(client, records):
    rows = client.get("/api/events", params={"size": 200}).json()["results"]
    dated = sum(1 for row in rows if row["day"])  # an event without a date has no place in time
    assert dated >= len(founding(records).events)
    for by in ("type", "quad"):
        body = client.get("/api/timeline", params={"by": by, "interval": "year"}).json()
        assert body["total"] == sum(b["events"] for b in body["buckets"]) == dated
    def mapped(record, place_id):  # the map shows where things happened: literal places (issue 20)
        place = next(p for p in record.places if p.id == place_id)
        return place.lat is not None and place.kind in ("literal", "mixed")

    placed = sum(1 for r in records for e in r.events if e.place and mapped(r, e.place))
    assert client.get("/api/places").json()["total"] == placed


def test_relations_are_what_sankore_relations_computes(client, app_and_records):
    from sankore.corpus.views import stored_relations
    from sankore.store import open_store

    with open_store(app_and_records[2]) as store:
        expected = {(r.actor, r.target, r.period): r.events for r in stored_relations(store, "month")}
    got = client.get("/api/relations", params={"period": "month"}).json()["relations"]
    assert {(r["actor"], r["target"], r["period"]): r["events"] for r in got} == expected
    network = client.get("/api/network").json()
    assert sum(e["events"] for e in network["edges"]) == sum(expected.values())


def test_corpus_event_has_mentions_first_report_and_corroboration(client, records):
    merged = client.get(f"/api/documents/{founding(records).doc.id}/corpus-events").json()
    assert merged
    event_id = next(iter(merged.values()))
    body = client.get(f"/api/corpus-events/{event_id}").json()
    assert body["corroboration"] >= 1 and body["mentions"]
    first = [m for m in body["mentions"] if m["first"]]
    assert [[m["doc_id"], m["event_id"]] for m in first] == [body["first_report"]]
    assert client.get(f"/corpus-event/{event_id}").status_code == 200
    assert client.get("/api/corpus-events/ce_nope").status_code == 404
    assert client.get("/api/documents/nope/corpus-events").status_code == 404


def test_downloads_hold_the_filters_events(client):
    total = client.get("/api/events", params={"type": "CONSULT"}).json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"type": "CONSULT"}).text)))
    assert len(rows) == total and all(r["type"] == "CONSULT" for r in rows)
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/api/events.parquet", params={"type": "CONSULT"}).content))
    assert table.num_rows == total


@pytest.mark.parametrize("path, params, parameter", [
    ("/api/events", {"type": "BOGUS"}, "type"),
    ("/api/events", {"since": "2020-13-01"}, "since"),
    ("/api/events", {"since": "2025-02-01", "until": "2025-01-01"}, "until"),
    ("/api/events", {"near": "abc"}, "near"),
    ("/api/events", {"near": "100,0"}, "near"),
    ("/api/events", {"radius": "10"}, "radius"),
    ("/api/events", {"near": "1,1", "radius": "-1"}, "radius"),
    ("/api/events", {"page": "0"}, "page"),
    ("/api/events", {"size": "1000"}, "size"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"quad": "nope"}, "quad"),
    ("/api/events", {"modality": "maybe"}, "modality"),
    ("/api/events", {"actor": "x" * 500}, "actor"),
    ("/api/relations", {"period": "fortnight"}, "period"),
    ("/api/timeline", {"interval": "hour"}, "interval"),
    ("/api/search", {}, "q"),
    ("/api/mentions", {"keys": "nonsense"}, "keys"),
    ("/search", {"since": "yesterday"}, "since"),
    ("/timeline", {"type": "<script>"}, "type"),
])
def test_bad_parameters_get_a_400_naming_them(client, path, params, parameter):
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert parameter in response.text


def test_pages_render_and_carry_the_security_headers(client, records):
    record = founding(records)
    for path in ("/search", "/search?q=Sahel&type=CONSULT", "/timeline", "/map", "/network", "/docs",
                 f"/doc/{record.doc.id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert client.get("/api/stats").headers["x-content-type-options"] == "nosniff"
    assert "/api/events" in client.get("/openapi.json").json()["paths"]
    assert client.get("/static/vendor/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
    assert client.get("/").status_code == 200


def test_stored_markup_is_rendered_as_text(client, records):
    hostile = records[-1]
    page = client.get(f"/doc/{hostile.doc.id}").text
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert "<img src=x" not in page and 'href="javascript:' not in page
    assert HOSTILE_SOURCE.replace("'", "&#39;") in page  # shown, as text, not as a link
    search = client.get("/search", params={"q": "agreement"}).text
    assert "<script>window.__pwned" not in search


def test_templates_hold_no_inline_script_or_handlers():
    for template in TEMPLATES.glob("*.html"):
        html = template.read_text("utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template.name
        assert not re.search(r"\son[a-z]+\s*=", html), template.name


def test_serve_listens_on_this_machine_only_by_default_and_refuses_a_bad_store(tmp_path):
    from click.testing import CliRunner

    from sankore.web.cli import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    result = CliRunner().invoke(serve, ["--db", f"sqlite:///{tmp_path / 'no' / 'such.db'}"])
    assert result.exit_code == 1 and "sankore: error:" in result.output


def test_the_app_never_writes(app_and_records):
    client, records, url = app_and_records
    from sankore.store import open_store

    def counts() -> list[int]:
        with open_store(url) as store:
            return [store.query(f"SELECT count(*) FROM {t}")[0][0]
                    for t in ("documents", "events", "entities", "evidence", "schema_version")]

    before = counts()
    for path in ("/api/events", "/api/search?q=Sahel", "/api/network", "/api/timeline", "/api/places",
                 f"/doc/{records[0].doc.id}", "/search?q=Niger"):
        assert client.get(path).status_code == 200
    assert counts() == before


def test_a_capped_count_says_so_and_an_exact_one_counts_all(client, app_and_records):
    from sankore.store import open_store
    from sankore.store.queries import EventFilter, count_events

    total = client.get("/api/events", params={"exact": "true"}).json()
    assert total["total_exact"] and total["total"] == sum(len(r.events) for r in app_and_records[1])
    with open_store(app_and_records[2]) as store:
        assert count_events(store, EventFilter(), cap=5) == 6  # stopped past the cap
        assert count_events(store, EventFilter(type="CONSULT"), cap=10_000) == count_events(
            store, EventFilter(type="CONSULT"))


@pytest.mark.parametrize("params", [{}, {"actor": "RUS"}, {"target": "USA"},
                                    {"type": "CONSULT", "actor": "MLI"}])
def test_the_fast_paths_for_broad_filters_give_the_same_events(app_and_records, monkeypatch, params):
    """A large store takes other plans (EXISTS for common actors, documents walked newest first
    for broad filters); on this small one, forced, they must give the same answer."""
    from sankore.store import open_store, queries
    from sankore.store.queries import EventFilter

    f = EventFilter(**params)
    with open_store(app_and_records[2]) as store:
        expected = queries.filter_events(store, f, 200, 0)
        count = queries.count_events(store, f)
        monkeypatch.setattr(queries, "MANY_ENTITIES", 0)
        assert queries.filter_events(store, f, 200, 0, broad=True) == expected
        assert queries.count_events(store, f) == count
        assert queries.filter_events(store, f, 5, 3, broad=True) == expected[3:8]
