"""`ingest(..., engine="ray")`: the same ingest on a Ray cluster, with Ray Data.

    ingest(["dumps/"], "postgresql://…", engine="ray", address="auto", workers=8)
    ingest(["dumps/"], None, engine="ray", out=Path("records/"))   # a Parquet dataset

How, and why:
- Ray Data reads the inputs: each path (a file or a folder) is read by a task on the
  cluster, with the readers the local engine uses, and its documents flow on in batches of
  `batch_size` as they are read, so neither this process nor a task holds more than a few
  batches (Ray Data's streaming executor holds back a reader whose output is not consumed).
  The reading task checks each document's id against the store (or the dataset) and within
  its input, as the local engine does, so a rerun pays only for what is missing. Paths must
  be where every node sees them (a shared file system) at the same place. Documents given as
  `Article`s, and standard input, are read here and join the same stream (ray_stream.py).
- `map_batches` sends the batches through a pool of `workers` actors; each actor loads the
  pipeline once and opens its own connection to the store, then analyses and stores each
  document in its own transaction (`Store.add`, the local engine's `analyze_and_store`),
  with the outlets' home areas it asks of the store (homes.py: learned from what was stored
  before the run, so the same on any number of actors). With `learn_homes`, a first reading
  on the cluster decides the homes before the analysis (ray_homes.py), and the actors get
  them with their constructor; with `out` and no first reading, there is no store to learn
  homes from: the documents are analysed without them.
  The store's primary key makes every write exactly-once by document id: a batch retried
  after an actor died stores only what the dead actor had not stored. With `out`, the
  actors return the records and this process writes them to the Parquet dataset, once per
  document id (parquet_out.py).
- A killed actor is restarted by Ray and its batch retried (Ray Data's actor pools restart
  actors and retry their tasks); a document that was stored before the kill comes back as
  "already stored", and since only absent documents were sent, it counts as stored by this
  run, as in the local engine's recovery. A document that two inputs both hold is analysed
  by each, stored by one, and counted once stored, once a duplicate.
- The near-duplicate clusters and the corpus views are updated at the end, in the
  database, as after a local run (the caller's job: `ingest` does it).
- SQLite works when the cluster is this machine (every actor opens the same file); for a
  multi-node cluster, give a PostgreSQL URL every node can reach, or `out` on a shared file
  system.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from ..api import Failure, analyze_many
from ..errors import AnalysisError
from ..geo.outlets import OutletHome
from ..readers import Article, ReadFailure, TableOptions
from ..store import Store, open_store
from .chunks import Source
from .homes import GivenHomes, Homes, StoredHomes
from .parquet_out import PartWriter, known_ids
from .ray_stream import as_columns, batch_rows, classified, inputs
from .summary import IngestSummary, Progress

BLOCK_BYTES = 1  # Ray Data's block size here: any row is over it, so a block is a document


class _Analyzer:
    """One Ray actor: the pipeline, loaded once, and a connection to the store (none with `out`)."""

    def __init__(self, store_url: str | None, model: str, event_coder: str,
                 outlet_homes: bool = True, homes: dict[str, OutletHome] | None = None) -> None:
        from ..events.classifier import packaged
        from ..models import require_installed
        from ..pipeline import get_pipeline

        model_file = packaged(event_coder)
        if model_file is not None and model_file.needs_embedding:
            require_installed(event_coder)  # on this node: a cluster's nodes may differ
            import torch

            torch.set_num_threads(1)  # one core per actor, as Ray's scheduling assumes
        self.nlp = get_pipeline(model, event_coder)
        self.store_url = store_url
        self.outlet_homes = outlet_homes
        self.given = GivenHomes(homes) if homes is not None else None  # a first reading's
        self.local = threading.local()

    def _store(self) -> Store:
        # Ray Data may call an actor from another thread than the one that built it, and a
        # SQLite connection belongs to its thread: one connection per calling thread.
        if getattr(self.local, "store", None) is None:
            self.local.store = open_store(str(self.store_url))
        return self.local.store

    def _homes(self) -> Homes | None:
        """The outlets' homes: a first reading's, or asked of the store through this thread's
        connection (homes.py)."""
        if self.given is not None or not self.outlet_homes:
            return self.given
        if getattr(self.local, "homes", None) is None:
            self.local.homes = StoredHomes(self._store())
        return self.local.homes

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from .workers import analyze_and_store

        rows = batch_rows(batch)
        new = [row for row in rows if row["status"] == "new"]
        articles = [Article(**json.loads(str(row["article"]))) for row in new]
        if self.store_url is None:
            homes = self.given.of(a.outlet for a in articles) if self.given is not None else None
            outcomes: list[Any] = list(analyze_many(articles, nlp=self.nlp, batch_size=len(articles) or 1,
                                                    errors="yield", outlet_homes=homes))
        else:
            outcomes = analyze_and_store(articles, self.nlp, self._store(), self._homes())
        for row, outcome in zip(new, outcomes, strict=True):
            row["article"] = ""
            if isinstance(outcome, Failure):
                row.update(status="failed", reason=outcome.reason, code=outcome.code)
            elif outcome is False:
                row["status"] = "already"
            else:
                row["status"] = "stored"
                if self.store_url is None:
                    row["record"] = json.dumps(outcome.to_dict(), ensure_ascii=False)
        return as_columns(rows)


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


def _split(sources: Iterable[Source]) -> tuple[list[str], list[Source]]:
    """Paths Ray reads on the cluster (absolute: a task's working folder is not this one's),
    and what this process reads itself (Articles, standard input)."""
    paths: list[str] = []
    here: list[Source] = []
    for source in sources:
        if isinstance(source, (Article, ReadFailure)) or str(source) == "-":
            here.append(source)
        else:
            paths.append(os.path.abspath(str(source)))
    return paths, here


def ingest_ray(
    sources: Iterable[Source],
    store_url: str | Path | None,
    *,
    out: Path | None = None,
    table_options: TableOptions,
    address: str | None = None,
    workers: int = 2,
    batch_size: int = 16,
    override: str | None = None,
    model: str,
    event_coder: str,
    summary: IngestSummary,
    fail: Callable[[Failure], None],
    bar: Progress,
    outlet_homes: bool = True,
    learn_homes: bool = False,
) -> None:
    """Analyse on Ray every document of `sources` not yet in the store at `store_url` (or in
    the dataset at `out`), storing (or writing) each, counting into `summary`; the clusters
    and corpus views are the caller's to update (`ingest` does). `learn_homes`: a first
    reading of the new documents on the cluster decides the outlets' homes (ray_homes.py)."""
    import ray
    import ray.data

    written = known_ids(out) if out is not None else set()
    url = None if out is not None else str(store_url)
    paths, here = _split(sources)
    connect(address, workers)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # Ray Data joins a task's outputs into blocks of up to 128 MiB, and an actor takes a block
    # whole: one input file would be one block, analysed by one actor while the others wait
    # (and blocks of ~64 KiB, a dozen Guardian articles, share 40 documents 24 to 16 at
    # best). A block per document, which Ray Data bundles `batch_size` to a call, shares
    # them out evenly (the setting is restored after the run).
    previous = context.target_max_block_size
    context.target_max_block_size = BLOCK_BYTES
    try:
        homes = None
        if learn_homes:
            from .ray_homes import first_rows, learn_on_ray

            reading = inputs(paths, here, url, written, table_options,
                              partial(first_rows, batch_size=batch_size), workers, batch_size)
            homes = learn_on_ray(reading, url, workers, batch_size, model, bar) if reading is not None else {}
        dataset = inputs(paths, here, url, written, table_options,
                          partial(classified, override=override, batch_size=batch_size), workers, batch_size)
        if dataset is None:
            return
        results = dataset.map_batches(
            _Analyzer, fn_constructor_kwargs={"store_url": url, "model": model, "event_coder": event_coder,
                                              "outlet_homes": outlet_homes, "homes": homes},
            batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
            batch_format="numpy")
        _collect(results.iter_rows(), PartWriter(out, written) if out is not None else None, summary, fail,
                 bar)
    finally:
        context.target_max_block_size = previous


def _collect(rows: Iterable[dict[str, Any]], writer: PartWriter | None, summary: IngestSummary,
             fail: Callable[[Failure], None], bar: Progress) -> None:
    """Count what became of each document, writing the records to the dataset with `out`."""
    done: set[str] = set()  # documents stored (or written) by this run
    for row in rows:
        status, doc_id = str(row["status"]), str(row["doc_id"])
        if status in ("stored", "already"):
            # Only absent documents were sent: one found stored was stored by this run (by an
            # actor that died after its commit, then by the retry's check), unless an earlier
            # row of this run stored it: a copy in another input.
            if doc_id in done:
                summary.duplicates += 1
            else:
                done.add(doc_id)
                summary.stored += 1
                if writer is not None:
                    writer.add(doc_id, str(row["record"]))
            bar.advance(summary)
        elif status == "duplicate":
            summary.duplicates += 1
            bar.advance(summary)
        else:
            fail(Failure(str(row["source"]), str(row["reason"]), str(row["code"]) or AnalysisError.code))
    if writer is not None:
        writer.flush()
