"""Corpus views for the web app: actor-pair relations and merged corpus events, read from
the tables `sankore ingest` and `sankore views` keep (migrations 4 and 6), as `sankore
relations` and `sankore events --merged` read them.

A filter selects the corpus events with a mention matching it (`store.corpus_reads`): an
event's id, members and pairs are the whole corpus's, never the filter's. The app only
reads: when the views are behind the store (documents stored by the Python API and not yet
viewed), the answers say how many documents they miss (`views_behind`) instead of
updating them.
"""

from __future__ import annotations

import json
from typing import Any

from ..corpus.relations import Relation, relations_of_pairs, score_of
from ..store import corpus_reads
from ..store.base import Store
from ..store.mentions import EventQuery, iter_corpus_events, iter_pairs
from ..store.queries import EventFilter

CHUNK = 500  # corpus event ids per query (SQLite takes at most 32,766 parameters)


def _relations(store: Store, f: EventFilter, period: str) -> list[Relation]:
    """One Relation per (actor, target, period), built as `corpus.views.stored_relations`
    builds it, over the corpus events `f` selects."""
    return relations_of_pairs(iter_pairs(store, EventQuery(), period,
                                         selection=corpus_reads.corpus_selection(store, f)))


def _briefs(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Id, type, mode, start and mentions of each corpus event in `ids`."""
    out: dict[str, dict[str, Any]] = {}
    for at in range(0, len(ids), CHUNK):
        match = corpus_reads.ids_selection(ids[at:at + CHUNK])
        for item in iter_corpus_events(store, EventQuery(), selection=match):
            out[item["id"]] = {"id": item["id"], "type": item["type"], "mode": item["mode"],
                               "start": item["day_start"], "mentions": [list(m) for m in item["mentions"]]}
    return out


def relation_view(store: Store, f: EventFilter, period: str) -> list[dict[str, Any]]:
    """`sankore relations` for the filter: one row per (actor, target, period) with its
    counts, score and the corpus events (and their mentions) behind it."""
    table = _relations(store, f, period)
    briefs = _briefs(store, sorted({i for relation in table for i in relation.event_ids}))
    return [{"actor": r.actor, "target": r.target, "period": r.period, "events": r.events,
             "by_type": r.by_type, "by_quad": r.by_quad, "score": r.score,
             "corpus_events": [briefs[i] for i in dict.fromkeys(r.event_ids) if i in briefs]}
            for r in table]


def network(relation_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Relations summed over periods into one edge per (actor, target): nodes, and edges
    with their event count and mean score (weighted by each period's events)."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in relation_rows:
        edge = edges.setdefault((row["actor"], row["target"]), {
            "actor": row["actor"], "target": row["target"], "events": 0, "score_sum": 0.0,
            "periods": [], "corpus_events": []})
        edge["events"] += row["events"]
        edge["score_sum"] += row["score"] * row["events"]
        edge["periods"].append(row["period"])
        edge["corpus_events"] += row["corpus_events"]
    nodes: dict[str, int] = {}
    for edge in edges.values():
        edge["score"] = round(edge.pop("score_sum") / edge["events"], 3) if edge["events"] else 0.0
        for name in (edge["actor"], edge["target"]):
            nodes[name] = nodes.get(name, 0) + edge["events"]
    return {"nodes": [{"id": n, "events": c} for n, c in sorted(nodes.items())],
            "edges": sorted(edges.values(), key=lambda e: (-e["events"], e["actor"], e["target"]))}


def corpus_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """A merged event with its mentions, first report, corroboration and clusters."""
    found = next(iter_corpus_events(store, EventQuery(),
                              selection=corpus_reads.ids_selection([event_id])), None)
    if found is None:
        return None
    first = [found["first_doc"], found["first_event"]]
    mentions = corpus_reads.corpus_mentions(store, event_id)
    for mention in mentions:
        mention["first"] = [mention["doc_id"], mention["event_id"]] == first
    scored = score_of(found["type"], found["mode"])
    return {
        "id": found["id"], "type": found["type"], "mode": found["mode"],
        "actors": json.loads(found["actors"]), "targets": json.loads(found["targets"]),
        "start": found["day_start"], "end": found["day_end"], "country": found["country"],
        "place": found["place"], "first_report": first, "first_published": found["first_published"],
        "outlets": json.loads(found["outlets"]), "corroboration": int(found["corroboration"]),
        "confidence": float(found["confidence"]),
        "quad": scored[0] if scored else None, "score": scored[1] if scored else None,
        "mentions": mentions,
        "clusters": sorted({m["cluster"] for m in mentions if m["cluster"]}),
    }


def corpus_event_of(store: Store, doc_id: str) -> dict[str, str]:
    """Event id → corpus event id, for the events of one document."""
    return corpus_reads.corpus_ids_of(store, doc_id)
