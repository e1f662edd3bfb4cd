"""The web app's reads of the stored corpus views (tables of migrations 4 and 6, kept by
`sankore.corpus.stored`): which corpus events a filter over the records selects, one corpus
event with its mentions, the corpus events of one document. Nothing here writes: a store
whose views are behind its documents is read as it is (`views_behind` says by how many).

A filter selects the corpus events with a mention matching it, so that an event's id and
members never depend on the filter (the same rule as `store.mentions`).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .base import Store
from .queries import EventFilter, event_from, event_where, is_sqlite


def views_behind(store: Store) -> int:
    """How many stored documents the corpus views do not hold yet (`sankore views` adds them):
    the store's count of documents less its count of viewed ones (every viewed document is
    stored: a foreign key). Triggers keep the counts (migration 8), so every query and page
    can ask: one read of a few rows, not two `count(*)`."""
    found = store.query("SELECT coalesce(sum(CASE WHEN name = 'documents' THEN n ELSE -n END), 0) "
                        "FROM store_counts")
    return int(found[0][0])


def _searchable(store: Store, f: EventFilter) -> EventFilter:
    """`f` with a full-text query that is not valid FTS5 syntax ('U.S.', a stray quote)
    searched as plain words, as everywhere else on SQLite."""
    if not f.q or not is_sqlite(store):
        return f
    try:
        store.query("SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1", [f.q])
        return f
    except sqlite3.OperationalError:
        from dataclasses import replace

        return replace(f, q=" ".join('"' + word.replace('"', '""') + '"' for word in f.q.split()))


def corpus_selection(store: Store, f: EventFilter) -> tuple[str, list[object]]:
    """SQL over `corpus_events ce` (with its parameters): the corpus events with a mention
    that matches `f`."""
    if f == EventFilter():
        return "1 = 1", []
    f = _searchable(store, f)
    where, params = event_where(store, f)
    return ("ce.id IN (SELECT cm.corpus_id FROM corpus_members cm WHERE (cm.doc_id, cm.event_id) IN "
            f"(SELECT e.doc_id, e.id {event_from(f)}{where}))", params)


def ids_selection(ids: list[str]) -> tuple[str, list[object]]:
    return f"ce.id IN ({', '.join('?' * len(ids))})", list(ids)


def corpus_mentions(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The mentions of corpus event `event_id` in report order: document, event, outlet,
    date, modality, confidence, evidence text and near-duplicate cluster (None if none)."""
    rows = store.query(
        "SELECT m.doc_id, m.event_id, m.outlet, m.published, m.modality, m.confidence, "
        "substr(d.text, m.evidence_start + 1, m.evidence_end - m.evidence_start), x.cluster_id "
        "FROM corpus_members cm JOIN mentions m ON m.doc_id = cm.doc_id AND m.event_id = cm.event_id "
        "JOIN documents d ON d.id = m.doc_id LEFT JOIN duplicates x ON x.doc_id = m.doc_id "
        "WHERE cm.corpus_id = ? ORDER BY cm.rank", [event_id])
    keys = ("doc_id", "event_id", "outlet", "published", "modality", "confidence", "evidence_text", "cluster")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def corpus_ids_of(store: Store, doc_id: str) -> dict[str, str]:
    """Event id → the corpus event it belongs to, for the events of one document."""
    return {event_id: corpus_id for event_id, corpus_id in store.query(
        "SELECT event_id, corpus_id FROM corpus_members WHERE doc_id = ? ORDER BY event_id", [doc_id])}
