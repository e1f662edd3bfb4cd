"""Corpus views over a store, read from their tables (`corpus.stored` keeps them): the event
mentions of every stored record, corpus events (mentions merged across articles,
near-duplicate clusters counted once) and actor-pair relations, filtered and paged in SQL.

Each call first adds to the views the documents stored since they were last updated (none,
after an ingest, which updates them itself), so a store from an older Sankore or filled by
another process reads the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..store import mentions
from ..store.base import VIEWS_LOCK, Store
from ..store.mentions import EventQuery, iter_mentions, iter_pairs
from . import stored
from .dedupe import clusters
from .merge import CorpusEvent
from .relations import Relation, relations_of_pairs
from .rows import EventRow


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _fresh(store: Store) -> None:
    if stored.pending(store):
        # Under the lock every views update holds (an ingest ending, `sankore views`), then
        # asked again: the update may have been another process's while this one waited.
        with store.exclusive(VIEWS_LOCK):
            if stored.pending(store):
                stored.update(store)


def row_of(item: dict[str, Any]) -> EventRow:
    """An EventRow from a row of `store.mentions.iter_mentions`."""
    return EventRow(
        doc_id=item["doc_id"], event_id=item["event_id"], type=item["type"], mode=item["mode"],
        modality=item["modality"], confidence=item["confidence"], actors=tuple(json.loads(item["actors"])),
        targets=tuple(json.loads(item["targets"])), start=_day(item["day_start"]), end=_day(item["day_end"]),
        date_value=item["date_value"], date_source=item["date_source"], place=item["place"],
        country=item["country"], lat=item["lat"], lon=item["lon"], outlet=item["outlet"],
        published=item["published"], evidence=(item["evidence_start"], item["evidence_end"]),
        evidence_text=item["evidence_text"])


def iter_rows(store: Store, query: EventQuery | None = None, limit: int | None = None,
              offset: int = 0) -> Iterator[EventRow]:
    """The event mentions matching `query`, streamed, in document id then record order."""
    _fresh(store)
    for item in iter_mentions(store, query or EventQuery(), limit, offset):
        yield row_of(item)


def stored_rows(store: Store, query: EventQuery | None = None, limit: int | None = None,
                offset: int = 0) -> list[EventRow]:
    return list(iter_rows(store, query, limit, offset))


def cluster_map(store: Store) -> dict[str, str]:
    """Document id → near-duplicate cluster id, for the documents that have copies."""
    return {doc: cluster for cluster, docs in clusters(store).items() for doc in docs}


def corpus_event_of(item: dict[str, Any]) -> CorpusEvent:
    return CorpusEvent(
        id=item["id"], type=item["type"], mode=item["mode"], actors=tuple(json.loads(item["actors"])),
        targets=tuple(json.loads(item["targets"])), start=_day(item["day_start"]), end=_day(item["day_end"]),
        country=item["country"], place=item["place"],
        mentions=tuple((d, e) for d, e in item["mentions"]),
        first_report=(item["first_doc"], item["first_event"]),
        first_published=item["first_published"], outlets=tuple(json.loads(item["outlets"])),
        corroboration=int(item["corroboration"]), confidence=float(item["confidence"]))


def iter_corpus_events(store: Store, query: EventQuery | None = None, min_confidence: float = 0.0,
                       limit: int | None = None, offset: int = 0) -> Iterator[CorpusEvent]:
    """Corpus events with a mention matching `query`, first reported first. The merge is the
    whole corpus's: an event's id and mentions are the same under any filter, and
    `min_confidence` keeps the events whose most confident mention reaches it."""
    _fresh(store)
    for item in mentions.iter_corpus_events(store, query or EventQuery(), min_confidence, limit, offset):
        yield corpus_event_of(item)


def stored_corpus_events(store: Store, query: EventQuery | None = None, min_confidence: float = 0.0,
                         limit: int | None = None, offset: int = 0) -> list[CorpusEvent]:
    return list(iter_corpus_events(store, query, min_confidence, limit, offset))


def stored_relations(store: Store, period: str = "month", query: EventQuery | None = None,
                     min_confidence: float = 0.0) -> list[Relation]:
    """Actor-pair relations per period over the corpus events `query` selects; the pairs
    come sorted, so one relation is built at a time."""
    _fresh(store)
    return relations_of_pairs(iter_pairs(store, query or EventQuery(), period, min_confidence))


__all__ = ["EventQuery", "cluster_map", "iter_corpus_events", "iter_rows", "stored_corpus_events",
           "stored_relations", "stored_rows"]
