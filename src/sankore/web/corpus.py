"""Corpus views for the web app: actor-pair relations and merged corpus events, as
`sankore relations` and `sankore events --merged` compute them (sankore.corpus).

Those views read every stored record into Python (a later change moves them into SQL), so
the rows are read once per state of the store and kept: the cache key is the number of
documents and the latest ingest time, which change whenever an ingest stores something.
The current filter is applied in SQL (the same clause as the search page) and the views
then run over the matching event mentions only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ..corpus.merge import CorpusEvent, merge_events
from ..corpus.relations import Relation, relations, score_of
from ..corpus.rows import EventRow, event_rows
from ..corpus.views import cluster_map
from ..store.base import Store
from ..store.queries import EventFilter, event_keys


@dataclass(frozen=True)
class Snapshot:
    rows: list[EventRow]
    clusters: dict[str, str]
    merged: list[CorpusEvent]  # every corpus event, unfiltered


_lock = threading.Lock()
_cache: dict[str, tuple[tuple[Any, ...], Snapshot]] = {}


def snapshot(store: Store, key: str) -> Snapshot:
    """The store's event rows, clusters and corpus events, read once per state of the store."""
    state = tuple(store.query("SELECT count(*), max(ingested_at) FROM documents")[0])
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == state:
            return cached[1]
        rows = event_rows(store.records())
        clusters = cluster_map(store)
        snap = Snapshot(rows, clusters, merge_events(rows, clusters))
        _cache[key] = (state, snap)
        return snap


def filtered_rows(store: Store, key: str, f: EventFilter) -> tuple[Snapshot, list[EventRow]]:
    snap = snapshot(store, key)
    if f == EventFilter():
        return snap, snap.rows
    keys = event_keys(store, f)
    return snap, [row for row in snap.rows if (row.doc_id, row.event_id) in keys]


def relation_view(store: Store, key: str, f: EventFilter, period: str) -> list[dict[str, Any]]:
    """`sankore relations` for the filter: one row per (actor, target, period) with its
    counts, score and the mentions behind it."""
    snap, rows = filtered_rows(store, key, f)
    merged = merge_events(rows, snap.clusters)
    by_id = {event.id: event for event in merged}
    out = []
    for relation in relations(merged, period):
        out.append(_relation_dict(relation, by_id))
    return out


def _relation_dict(relation: Relation, by_id: dict[str, CorpusEvent]) -> dict[str, Any]:
    events = [by_id[i] for i in relation.event_ids if i in by_id]
    return {
        "actor": relation.actor, "target": relation.target, "period": relation.period,
        "events": relation.events, "by_type": relation.by_type, "by_quad": relation.by_quad,
        "score": relation.score,
        "corpus_events": [{"id": e.id, "type": e.type, "mode": e.mode,
                           "start": e.start.isoformat() if e.start else None,
                           "mentions": [list(m) for m in e.mentions]} for e in events],
    }


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


def corpus_event(store: Store, key: str, event_id: str) -> dict[str, Any] | None:
    """A merged event with its mentions, first report, corroboration and clusters."""
    snap = snapshot(store, key)
    found = next((e for e in snap.merged if e.id == event_id), None)
    if found is None:
        return None
    rows = {(r.doc_id, r.event_id): r for r in snap.rows}
    scored = score_of(found.type, found.mode)
    mentions = []
    for doc_id, mention_id in found.mentions:
        row = rows.get((doc_id, mention_id))
        if row is None:
            continue
        mentions.append({"doc_id": doc_id, "event_id": mention_id, "outlet": row.outlet,
                         "published": row.published, "modality": row.modality,
                         "confidence": row.confidence, "evidence_text": row.evidence_text,
                         "cluster": snap.clusters.get(doc_id),
                         "first": (doc_id, mention_id) == found.first_report})
    return {
        "id": found.id, "type": found.type, "mode": found.mode, "actors": list(found.actors),
        "targets": list(found.targets), "start": found.start.isoformat() if found.start else None,
        "end": found.end.isoformat() if found.end else None, "country": found.country,
        "place": found.place, "first_report": list(found.first_report),
        "first_published": found.first_published, "outlets": list(found.outlets),
        "corroboration": found.corroboration, "confidence": found.confidence,
        "quad": scored[0] if scored else None, "score": scored[1] if scored else None,
        "mentions": mentions,
        "clusters": sorted({m["cluster"] for m in mentions if m["cluster"]}),
    }


def corpus_event_of(store: Store, key: str, doc_id: str) -> dict[str, str]:
    """Event id → corpus event id, for the events of one document that were merged."""
    snap = snapshot(store, key)
    return {event_id: e.id for e in snap.merged for d, event_id in e.mentions if d == doc_id}
