"""Ingest at scale: read sources, skip what is stored, analyse the rest, store each document.

This is orchestration, so it sits above every layer it drives (readers, pipeline, api,
store); the store itself knows only records and SQL.

    summary = ingest([Path("dumps/")], "sqlite:///sankore.db", workers=2)
    print(summary.stored, summary.duplicates, summary.failed)

How the work flows, and why:
- The parent process reads the sources and checks each document's id (`document_id` of its
  text) against the store BEFORE analysis, so a rerun after a crash only pays for what is
  missing; a second copy within the run is counted as a duplicate without being analysed.
- With one worker the parent analyses and stores. With more, analysis runs in `workers`
  processes, each holding the pipeline once (loading it costs seconds and ~hundreds of MB,
  so it is never reloaded per chunk) and its own connection to the store: each worker
  stores the records it makes, and sends back only what became of each document (stored,
  already stored, or a `Failure`). The parent thus only reads, checks ids and dispatches,
  and leaves the cores to the workers; writers take turns per document (SQLite: WAL and a
  busy timeout; PostgreSQL: row locks). Documents travel in chunks of `batch_size`, with
  at most two chunks per worker in flight and one more per worker held back (the last
  ones are split small, longest first, so that the workers finish together), so memory
  stays flat however many documents a run holds. (An in-memory SQLite store exists in one
  process only: it is ingested with one worker whatever `workers` says.)
- Every write is one transaction per document (`Store.add`): a kill at any moment leaves
  whole documents, and the next run stores the rest.
- The outlets' home areas (`geo/outlets.py`: a local paper's bare "Alexandria" is the one
  near its other articles' towns) are learned from what earlier runs stored (homes.py):
  this process reads the places of the documents stored since, then each worker asks the
  store for the homes of the outlets it meets. With `learn_homes`, a first reading of the
  run's new documents (spaCy and the places stage, by the same workers) votes too, and the
  homes are decided before the analysis begins (first_reading.py). Either way, records do
  not depend on the number of workers, the engine or the order of the documents.
- A document that makes the pipeline raise, or that cannot be stored, is a `Failure` with
  its reason; a worker process that dies (segfault, out of memory) is replaced, the
  documents of the chunks in flight that it had not stored are retried one at a time, and
  only the culprit fails.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from types import ModuleType

from ..api import Failure
from ..models import require_installed
from ..pipeline import DEFAULT_EVENT_CODER, DEFAULT_MODEL, get_pipeline
from ..readers import DEFAULT_TABLE_OPTIONS, TableOptions
from ..store import MEMORY, Store, open_store, sqlite_path
from .chunks import Source, new_chunks, read_items, rereadable
from .first_reading import read_here
from .homes import GivenHomes, Homes, StoredHomes, read_anchors
from .summary import IngestSummary, Progress, count
from .workers import analyze_and_store, run_pool

__all__ = ["MAX_WORKERS", "IngestSummary", "Source", "ingest"]

log = logging.getLogger(__name__)

# Each worker holds the whole pipeline (~600 MB with the sentence encoder) and a core:
# more workers than cores only adds memory and contention.
MAX_WORKERS = max(1, os.cpu_count() or 1)


def ingest(
    sources: Iterable[Source],
    store_url: str | Path | None,
    *,
    workers: int = 1,
    batch_size: int = 32,
    published: str | date | None = None,
    model: str = DEFAULT_MODEL,
    event_coder: str = DEFAULT_EVENT_CODER,
    table_options: TableOptions = DEFAULT_TABLE_OPTIONS,
    progress: bool = True,
    dedupe: bool = True,
    on_failure: Callable[[Failure], None] | None = None,
    engine: str = "local",
    address: str | None = None,
    out: Path | None = None,
    outlet_homes: bool = True,
    learn_homes: bool = False,
) -> IngestSummary:
    """Analyse and store every document of `sources` not yet in the store at `store_url`.

    `sources`: paths (files or folders, read by the reader of each file; "-" for standard
    input) or `Article`s. `published` overrides every document's date. `progress` shows a
    bar on stderr (only when stderr is a terminal). `dedupe` adds the new documents to the
    near-duplicate clusters at the end. `on_failure` is called for each failure as it happens.
    `engine="ray"` runs the analysis on a Ray cluster (`address`, or a local one with
    `workers` CPUs; see ray_engine.py); with `out` (a folder) it writes the records to a
    Parquet dataset there instead of a store (`store_url` is then None; parquet_out.py).
    `outlet_homes`: resolve places with the home areas of the documents' outlets learned from
    what the store held before this run (homes.py; with `out`, which has no store, only what
    `learn_homes` learns). `learn_homes`: learn them from a first reading of this run's new
    documents too (first_reading.py; it reads `sources` twice: a list of paths or Articles,
    not standard input). Raises `StoreError` only if the store cannot be opened, ValueError
    for arguments that do not go together; every per-document problem is in the summary's
    `failed`.
    """
    if workers < 1 or (engine == "local" and workers > MAX_WORKERS):  # a Ray cluster has its own
        raise ValueError(f"workers must be between 1 and {MAX_WORKERS} (this machine's cores: each "
                         f"worker holds the pipeline in memory), not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if out is not None and engine != "ray":
        raise ValueError("a Parquet dataset (out) is written by the Ray engine: engine='ray'")
    if learn_homes and not outlet_homes:
        raise ValueError("learn_homes learns the outlets' homes that outlet_homes=False turns off")
    replayable = rereadable(sources) if learn_homes or (progress and sys.stderr.isatty()) else None
    if learn_homes and replayable is None:
        raise ValueError("learn_homes reads the sources twice: give a list of paths or Articles, "
                         "not standard input ('-') or an iterator")
    # Here, not in each worker: a worker that cannot load its coder would fail every document
    # as "the worker died" instead of saying once what to install.
    require_installed(event_coder)
    override = None
    if published is not None:
        day = published if isinstance(published, date) else date.fromisoformat(published)
        override = day.isoformat()
    show = progress and sys.stderr.isatty()
    total = sum(1 for _ in read_items(replayable, table_options)) if show and replayable is not None else None
    summary = IngestSummary()
    bar = Progress(show, total, first_reading=learn_homes)

    def fail(failure: Failure) -> None:
        summary.failed.append(failure)
        if on_failure is not None:
            on_failure(failure)
        bar.advance(summary)

    if out is not None:
        from .ray_engine import ingest_ray

        try:
            ingest_ray(replayable or sources, None, out=out, table_options=table_options, address=address,
                       workers=workers, batch_size=batch_size, override=override, model=model,
                       event_coder=event_coder, summary=summary, fail=fail, bar=bar,
                       learn_homes=learn_homes)
        finally:
            bar.close()
        return summary
    if store_url is None:
        raise ValueError("ingest needs a store URL, or a folder for a Parquet dataset (out)")
    # The store is opened (created, migrated) first: if it cannot be, that is the one error.
    store = open_store(store_url)
    if outlet_homes:
        _read_anchors(store)
    items = read_items(replayable or sources, table_options)
    try:
        try:
            if engine == "ray":  # ray_engine.py: Ray Data, an actor pool of `workers`
                from .ray_engine import ingest_ray

                store.close()
                # Ray reads the sources itself, on the cluster: `items` stays unread.
                ingest_ray(replayable or sources, store_url, table_options=table_options, address=address,
                           workers=workers, batch_size=batch_size, override=override, model=model,
                           event_coder=event_coder, summary=summary, fail=fail, bar=bar,
                           outlet_homes=outlet_homes, learn_homes=learn_homes)
                store = open_store(store_url)
            elif workers > 1 and sqlite_path(store_url) != MEMORY:
                store.close()  # the pool keeps its own connection: see workers.Pool._start
                # The near-duplicate pass is imported (~0.25 s of CPU) while the workers load
                # their pipeline, rather than at the end, on one core, when they are done.
                run_pool(store_url, items, workers, model, override, summary, fail, bar, batch_size,
                         meanwhile=_import_dedupe if dedupe else None, event_coder=event_coder,
                         outlet_homes=outlet_homes,
                         first=read_items(replayable, table_options)
                         if learn_homes and replayable is not None else None)
                store = open_store(store_url)
            else:
                # The pipeline loads with the first document to analyse: a rerun over stored
                # documents only reads and checks ids.
                homes: Homes | None = StoredHomes(store) if outlet_homes else None
                if learn_homes and replayable is not None:
                    homes = GivenHomes(read_here(read_items(replayable, table_options), store, model,
                                                 event_coder, batch_size, bar))
                for chunk in new_chunks(items, store.has, override, summary, fail, bar, batch_size):
                    nlp = get_pipeline(model, event_coder)
                    count(analyze_and_store(chunk, nlp, store, homes), summary, fail, bar)
        finally:
            bar.close()
        summary.clusters = update_views(store, dedupe)
    finally:
        store.close()
    return summary


def _read_anchors(store: Store) -> None:
    """The places of the documents stored since the last run, for the outlets' homes; a
    failure here costs this run those documents' votes, never the run."""
    try:
        read_anchors(store)
    except Exception:  # noqa: BLE001 - homes are context: the documents are still analysed
        log.exception("cannot read the stored places for the outlets' homes; going on without them")


def update_views(store: Store, dedupe: bool = True) -> int | None:
    """Add the new documents to the near-duplicate clusters (`dedupe`; returns their number)
    and merge their mentions into the stored corpus views (corpus.stored)."""
    from ..corpus import stored
    from ..store.base import VIEWS_LOCK

    # Two ingests ending at once take turns (store.exclusive): the second finds the first's
    # documents already clustered and in the views, so no near-duplicate pair and no merge
    # between their documents is missed.
    with store.exclusive(VIEWS_LOCK):
        clusters = _import_dedupe().update_clusters(store) if dedupe else None
        stored.update(store)  # after the clusters: corroboration counts each cluster once
    return clusters


def _import_dedupe() -> ModuleType:
    from ..corpus import dedupe_store  # imported when needed: it costs a fraction of a second

    return dedupe_store

