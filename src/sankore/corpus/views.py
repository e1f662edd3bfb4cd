"""Corpus views over a store: the event mentions of every stored record, merged into
corpus events (near-duplicate clusters counted once), and actor-pair relations."""

from __future__ import annotations

from ..store.base import Store
from .dedupe import clusters
from .merge import CorpusEvent, merge_events
from .query import EventQuery, select
from .relations import Relation, relations
from .rows import EventRow, event_rows


def stored_rows(store: Store, query: EventQuery | None = None) -> list[EventRow]:
    rows = event_rows(store.records())
    return select(rows, query) if query else rows


def cluster_map(store: Store) -> dict[str, str]:
    """Document id → near-duplicate cluster id, for the documents that have copies."""
    return {doc: cluster for cluster, docs in clusters(store).items() for doc in docs}


def stored_corpus_events(store: Store, query: EventQuery | None = None,
                         min_confidence: float = 0.0) -> list[CorpusEvent]:
    return merge_events(stored_rows(store, query), cluster_map(store), min_confidence)


def stored_relations(store: Store, period: str = "month", query: EventQuery | None = None,
                     min_confidence: float = 0.0) -> list[Relation]:
    return relations(stored_corpus_events(store, query, min_confidence), period)
