"""`ingest(..., engine="ray")`: the same ingest on a Ray cluster, with Ray Data.

    ingest(["dumps/"], "postgresql://…", engine="ray", address="auto", workers=8)

How, and why:
- This process reads the sources and skips the documents already stored, as the local
  engine does (so a rerun pays only for what is missing), and hands the rest to Ray Data.
- `map_batches` sends batches of articles through a pool of `workers` actors; each actor
  loads the pipeline once and opens its own connection to the store, then analyses and
  stores each document in its own transaction (`Store.add`, the local engine's
  `analyze_and_store`). The store's primary key makes every write exactly-once by document
  id: a batch retried after an actor died stores only what the dead actor had not stored.
- A killed actor is restarted by Ray and its batch retried (Ray Data's actor pools restart
  actors and retry their tasks); a document that was stored before the kill comes back as
  "already stored", and since this process dispatched only absent documents, it counts as
  stored by this run, as in the local engine's recovery.
- The near-duplicate clusters and the corpus views are updated here at the end, in the
  database, as after a local run.
- SQLite works when the cluster is this machine (every actor opens the same file); for a
  multi-node cluster, give a PostgreSQL URL every node can reach.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..api import Failure
from ..errors import AnalysisError
from ..readers import Article, ReadFailure
from ..store import Store, open_store
from .chunks import new_chunks
from .summary import IngestSummary, Progress


class _Analyzer:
    """One Ray actor: the pipeline, loaded once, and a connection to the store."""

    def __init__(self, store_url: str, model: str, event_coder: str) -> None:
        from ..events.classifier import packaged
        from ..pipeline import get_pipeline

        model_file = packaged(event_coder)
        if model_file is not None and model_file.needs_embedding:
            import torch

            torch.set_num_threads(1)  # one core per actor, as Ray's scheduling assumes
        self.nlp = get_pipeline(model, event_coder)
        self.store_url = store_url
        self.local = threading.local()

    def _store(self) -> Store:
        # Ray Data may call an actor from another thread than the one that built it, and a
        # SQLite connection belongs to its thread: one connection per calling thread.
        if getattr(self.local, "store", None) is None:
            self.local.store = open_store(self.store_url)
        return self.local.store

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from .workers import analyze_and_store

        articles = [Article(**json.loads(str(item))) for item in batch["article"]]
        outcomes = analyze_and_store(articles, self.nlp, self._store())
        return {
            "source": [a.source or "<text>" for a in articles],
            "stored": [o is not False and not isinstance(o, Failure) for o in outcomes],
            "already": [o is False for o in outcomes],
            "reason": [o.reason if isinstance(o, Failure) else "" for o in outcomes],
            "code": [o.code if isinstance(o, Failure) else "" for o in outcomes],
        }


def _item(article: Article) -> dict[str, str]:
    """An article as one JSON cell: Ray Data's columns would turn a missing title into NaN."""
    data = asdict(article)
    data["boilerplate"] = [list(span) for span in article.boilerplate]
    return {"article": json.dumps(data, ensure_ascii=False)}


def connect(address: str | None, workers: int) -> None:
    """Join the cluster at `address` ('auto', 'ray://host:10001', 'host:6379'), or start a
    local one with `workers` CPUs; a Ray already initialised in this process is used as is."""
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)


def ingest_ray(
    items: Iterator[Article | ReadFailure],
    store_url: str | Path,
    *,
    address: str | None = None,
    workers: int = 2,
    batch_size: int = 16,
    override: str | None = None,
    model: str,
    event_coder: str,
    summary: IngestSummary,
    fail: Callable[[Failure], None],
    bar: Progress,
) -> None:
    """Analyse and store on Ray every document of `items` not yet in the store, counting
    into `summary`; the clusters and corpus views are the caller's to update (`ingest` does)."""
    import ray.data

    with open_store(store_url) as store:
        articles = [a for chunk in new_chunks(items, store.has, override, summary, fail, bar, batch_size)
                    for a in chunk]
    if not articles:
        return
    connect(address, workers)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # Enough blocks for every actor to have work, each about one batch.
    blocks = max(workers, -(-len(articles) // batch_size))
    dataset = ray.data.from_items([_item(a) for a in articles],
                                  override_num_blocks=min(blocks, len(articles)))
    results = dataset.map_batches(
        _Analyzer, fn_constructor_kwargs={"store_url": str(store_url), "model": model,
                                          "event_coder": event_coder},
        batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
        batch_format="numpy")
    for row in results.iter_rows():
        if row["stored"] or row["already"]:
            # This process dispatched only absent documents: one found stored was stored by
            # this run (by an actor that died after its commit, then by the retry's check).
            summary.stored += 1
            bar.advance(summary)
        else:
            fail(Failure(str(row["source"]), str(row["reason"]), str(row["code"]) or AnalysisError.code))
