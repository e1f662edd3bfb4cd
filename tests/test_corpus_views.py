"""Corpus views on real pipeline output: events merged across outlets, relations, queries."""

import json
import random
from datetime import date

import pytest

import sankore
from sankore.corpus.merge import merge_events
from sankore.corpus.query import EventQuery, as_dicts, select
from sankore.corpus.relations import period_of, relations, score_of
from sankore.corpus.rows import event_rows, interval_of
from sankore.readers import Article

# Four short reports written for this test: two outlets on the Moscow talks (told from
# either side), two on a US strike in Somalia, and one unrelated protest.
REPORTS = [
    ("Russian Foreign Minister Sergei Lavrov met his counterparts from Mali, Niger and "
     "Burkina Faso in Moscow on Thursday.", "Reuters", "2025-04-04"),
    ("The foreign ministers of Mali, Niger and Burkina Faso held talks with Russian Foreign "
     "Minister Sergei Lavrov in Moscow on Thursday.", "AFP", "2025-04-04"),
    ("U.S. forces carried out an air strike against al-Shabaab fighters in Somalia on "
     "Tuesday, the Pentagon said.", "Reuters", "2025-04-10"),
    ("American troops bombed al-Shabaab positions in Somalia on Tuesday.", "BBC", "2025-04-09"),
    ("Thousands of workers protested in Nairobi on Monday against new taxes.", "BBC", "2025-04-08"),
]


@pytest.fixture(scope="module")
def records(nlp):
    articles = [Article(text=t, outlet=o, published=p, source=f"report-{i}")
                for i, (t, o, p) in enumerate(REPORTS)]
    return list(sankore.analyze_many(articles, nlp=nlp))


def by_type(events, kind):
    return [e for e in events if e.type == kind]


def test_same_event_from_two_outlets_is_one_corpus_event(records):
    events = merge_events(event_rows(records))
    [talks] = by_type(events, "CONSULT")
    assert talks.corroboration == 2 and set(talks.outlets) == {"Reuters", "AFP"}
    assert {"RUS GOV", "MLI", "NER", "BFA"} <= set(talks.actors + talks.targets)
    assert talks.start == talks.end == date(2025, 4, 3)
    [strike] = by_type(events, "ASSAULT")
    assert strike.corroboration == 2 and strike.actors == ("USA MIL",)
    assert strike.first_report[0] == records[3].doc.id  # the BBC reported it a day earlier


def test_near_duplicates_count_once(records):
    rows = event_rows(records)
    # The two strike reports declared copies of one wire story: one source, not two.
    clusters = {records[2].doc.id: "wire-1", records[3].doc.id: "wire-1"}
    [strike] = by_type(merge_events(rows, clusters), "ASSAULT")
    assert strike.corroboration == 1 and len(strike.mentions) == 2


def test_corpus_event_ids_do_not_depend_on_ingestion_order(records):
    first = {e.id: e.mentions for e in merge_events(event_rows(records))}
    shuffled = list(records)
    random.Random(4).shuffle(shuffled)
    again = {e.id: e.mentions for e in merge_events(event_rows(shuffled))}
    assert first == again


def test_different_events_stay_apart(records):
    events = merge_events(event_rows(records))
    types = sorted(e.type for e in events)
    assert types.count("CONSULT") == 1 and types.count("ASSAULT") == 1
    # A document gives one corpus event several mentions only as the dyads of one statement
    # (events.dyads: Lavrov meeting each of three ministers), never two of its statements.
    evidence = {(r.doc.id, v.id): v.evidence for r in records for v in r.events}
    for e in events:
        for doc in {d for d, _ in e.mentions}:
            assert len({evidence[(d, v)] for d, v in e.mentions if d == doc}) == 1


def test_relations_by_month_with_scores_and_evidence(records):
    events = merge_events(event_rows(records))
    table = relations(events, "month")
    strike = [r for r in table if (r.actor, r.target) == ("USA MIL", "SOM REB")]
    assert strike and strike[0].period == "2025-04"
    assert strike[0].by_type == {"ASSAULT": 1} and strike[0].by_quad == {"material_conflict": 1}
    assert strike[0].score == score_of("ASSAULT", "aerial")[1] < 0
    ids = {e.id for e in events}
    assert all(set(r.event_ids) <= ids for r in table)  # every number traces to events


def test_query_by_actor_country_type_place_and_source(records):
    rows = event_rows(records)
    assert {r.type for r in select(rows, EventQuery(actor="USA"))} == {"ASSAULT"}
    assert all(r.type == "CONSULT" for r in select(rows, EventQuery(type="consult")))
    near_moscow = select(rows, EventQuery(near=(55.75, 37.62), radius_km=50))
    assert near_moscow and all(r.place == "Moscow" for r in near_moscow)
    assert all(r.outlet == "BBC" for r in select(rows, EventQuery(source="bbc")))
    assert select(rows, EventQuery(since=date(2025, 4, 5), actor="RUS")) == []
    json.dumps(as_dicts(select(rows, EventQuery())))  # JSON-able


def test_timex_intervals_and_periods():
    assert interval_of("2025-04-15/2025-04-16") == (date(2025, 4, 15), date(2025, 4, 16))
    assert interval_of("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert interval_of("2025-W14") == (date(2025, 3, 31), date(2025, 4, 6))
    assert interval_of("2025-Q2") == (date(2025, 4, 1), date(2025, 6, 30))
    assert interval_of("PT24H") is None and interval_of("PRESENT_REF") is None
    assert period_of(date(2025, 4, 3), "week") == "2025-W14"
    assert period_of(date(2025, 4, 3), "month") == "2025-04"


def test_cli_events_merged_and_relations_from_a_real_store(tmp_path):
    import csv
    import io

    from .test_cli import run

    dump = tmp_path / "reports.csv"
    with dump.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "date", "source"])
        for text, outlet, published in REPORTS:
            writer.writerow([text, published, outlet])
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    assert run("ingest", str(dump), "--db", url, "--no-progress").returncode == 0
    merged = run("events", "--db", url, "--merged", "--format", "json")
    assert merged.returncode == 0, merged.stderr
    events = json.loads(merged.stdout)
    strike = [e for e in events if e["type"] == "ASSAULT"]
    assert len(strike) == 1 and strike[0]["corroboration"] == 2
    # In CSV a corpus event's mentions ([doc_id, event_id] pairs) are JSON, not a Python repr.
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", url, "--merged", "--format", "csv").stdout)))
    by_id = {row["id"]: row for row in rows}
    assert json.loads(by_id[strike[0]["id"]]["mentions"]) == strike[0]["mentions"]
    mentions = json.loads(run("events", "--db", url, "--actor", "USA", "--format", "json").stdout)
    assert len(mentions) == 2 and {m["outlet"] for m in mentions} == {"Reuters", "BBC"}
    table = json.loads(run("relations", "--db", url, "--period", "week", "--format", "json").stdout)
    pair = [r for r in table if (r["actor"], r["target"]) == ("USA MIL", "SOM REB")]
    assert pair and pair[0]["period"] == "2025-W15" and pair[0]["event_ids"] == [strike[0]["id"]]
    as_csv = run("relations", "--db", url, "--format", "csv")
    assert as_csv.stdout.startswith("actor,target,period,events,by_type,by_quad,event_ids,score")
