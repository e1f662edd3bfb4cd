"""The worker processes of an ingest run: each holds the pipeline once and its own store
connection, analyses and stores the chunks it is sent, and a worker's death costs only the
document that caused it (see the package docstring for the whole flow)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.util import Finalize
from pathlib import Path

from spacy.language import Language

from ..api import Failure, analyze_many
from ..errors import AnalysisError, StoreError
from ..events.classifier import packaged
from ..geo.outlets import Anchor, OutletHome
from ..models import require_installed
from ..pipeline import DEFAULT_EVENT_CODER, get_pipeline
from ..readers import Article, ReadFailure, document_id
from ..store import Store, open_store
from .chunks import new_chunks, tapered
from .first_reading import RunVotes, first_chunks, read_chunk, run_homes
from .homes import GivenHomes, Homes, StoredHomes
from .summary import IngestSummary, Outcome, Progress, count


def analyze_and_store(articles: list[Article], nlp: Language | None, store: Store,
                      homes: Homes | None = None) -> list[Outcome]:
    """One outcome per article, in order: each record is stored in its own transaction as
    soon as it is made; neither a failing analysis nor a failing write raises. `homes`: the
    outlets' home areas, asked of the store or decided by a first reading (homes.py), or
    None for none."""
    outcomes: list[Outcome] = []
    outlet_homes = homes.of(a.outlet for a in articles) if homes is not None else None
    results = analyze_many(articles, nlp=nlp, batch_size=len(articles) or 1, errors="yield",
                           outlet_homes=outlet_homes)
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Failure):
            outcomes.append(result)
            continue
        try:
            outcomes.append(store.add(result))
        except StoreError as error:
            outcomes.append(Failure(article.source or "<text>", error.reason, error.code))
    return outcomes


_worker_nlp = None  # the pipeline of this worker process, built once by _init_worker
_worker_store: Store | None = None  # this worker's own connection to the store
_worker_error: StoreError | None = None  # why it has none
_worker_homes: StoredHomes | None = None  # the outlets' homes, asked of the store (None: off)


def _init_worker(model: str, event_coder: str, store_url: str | Path, threads: int,
                 outlet_homes: bool = True) -> None:
    global _worker_nlp, _worker_store, _worker_error, _worker_homes
    model_file = packaged(event_coder)
    if model_file is not None and model_file.needs_embedding:
        require_installed(event_coder)
        import torch

        torch.set_num_threads(threads)  # torch takes every core per process by default
    _worker_nlp = get_pipeline(model, event_coder)
    try:
        _worker_store = open_store(store_url)
    except StoreError as error:  # every document sent here fails with the reason, none is lost
        _worker_error = error
        return
    Finalize(_worker_store, _worker_store.close, exitpriority=0)  # run when the worker exits
    _worker_homes = StoredHomes(_worker_store) if outlet_homes else None


def _analyze_chunk(articles: list[Article], given: Mapping[str, OutletHome] | None = None) -> list[Outcome]:
    """Runs in a worker: analyse and store each article; one outcome per article, in order.
    `given`: the homes a first reading decided for the chunk's outlets (else the store's)."""
    if _worker_store is None:
        error = _worker_error or StoreError("the worker has no store")
        return [Failure(article.source or "<text>", error.reason, error.code) for article in articles]
    homes = GivenHomes(given) if given is not None else _worker_homes
    return analyze_and_store(articles, _worker_nlp, _worker_store, homes)


def _read_chunk(articles: list[Article]) -> list[list[Anchor]]:
    """Runs in a worker: the first reading of each article (first_reading.py), in order."""
    assert _worker_nlp is not None
    return read_chunk(articles, _worker_nlp)


def _started() -> None:
    """A task that does nothing: submitting it makes the executor start its processes."""


class Pool:
    """Worker processes that analyse and store, and this process's own connection to the
    store for checking ids; a worker's death costs only the document that caused it.

    The processes start with the first chunk, not before: a rerun over documents that are
    all stored already never loads the pipeline. While `reading`, chunks go to the first
    reading (`_read_chunk`: anchors back, nothing stored); after it, to the analysis with
    the `homes` it decided, if any."""

    def __init__(self, workers: int, model: str, store_url: str | Path,
                 event_coder: str = DEFAULT_EVENT_CODER,
                 on_start: Callable[[], object] | None = None, outlet_homes: bool = True) -> None:
        self.workers, self.model, self.store_url = workers, model, store_url
        self.event_coder = event_coder
        self.outlet_homes = outlet_homes
        self.on_start = on_start
        self.executor: ProcessPoolExecutor | None = None
        self.pending: dict[Future, list[Article]] = {}
        self.orphans: list[list[Article]] = []  # chunks a broken pool refused at submission
        self.store: Store | None = open_store(store_url)
        self.reading = False
        self.homes: Mapping[str, OutletHome] | None = None

    def _start(self) -> None:
        # A forked child inherits SQLite's per-process record of the files this process has
        # open and of their locks; a worker opening the same database next to such a stale
        # copy could believe it holds locks it does not. So this process's connection is
        # closed while workers are forked, and opened again once they are.
        if self.store is not None:
            self.store.close()
            self.store = None
        self.executor = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                            initargs=(self.model, self.event_coder, self.store_url,
                                                      max(1, (os.cpu_count() or 1) // self.workers),
                                                      self.outlet_homes))
        try:
            for _ in range(self.workers):  # the processes start now, not at the next chunk
                self.executor.submit(_started)
        except BrokenProcessPool:
            pass  # a worker died at once: the next submission finds out and recovers
        try:
            self.store = open_store(self.store_url)
        except BaseException:
            self.executor.shutdown(wait=False, cancel_futures=True)
            raise
        if self.on_start is not None:  # the workers load their pipeline: run this beside them
            self.on_start()
            self.on_start = None

    def has(self, doc_id: str) -> bool:
        assert self.store is not None
        return self.store.has(doc_id)

    def submit(self, chunk: list[Article]) -> None:
        if self.executor is None:
            self._start()
        assert self.executor is not None
        try:
            self.pending[self._submit(chunk)] = chunk
        except BrokenProcessPool:  # a worker died since the last look: recovered in collect
            self.orphans.append(chunk)

    def _submit(self, chunk: list[Article]) -> Future:
        assert self.executor is not None
        if self.reading:
            return self.executor.submit(_read_chunk, chunk)
        given = GivenHomes(self.homes).of(a.outlet for a in chunk) if self.homes is not None else None
        return self.executor.submit(_analyze_chunk, chunk, given)

    def full(self) -> bool:
        return len(self.pending) + len(self.orphans) >= 2 * self.workers

    def busy(self) -> bool:
        return bool(self.pending or self.orphans)

    def collect(self, block: bool) -> Iterator[tuple[list[Article], list]]:
        """Outcomes of the chunks that are done (waiting for one if `block`); while
        `reading`, their anchors."""
        broken, self.orphans = self.orphans, []
        if self.pending and not broken:
            done, _ = wait(self.pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        else:
            done = {future for future in self.pending if future.done()}
        for future in done:
            chunk = self.pending.pop(future)
            try:
                yield chunk, future.result()
            except BrokenProcessPool:
                broken.append(chunk)
        if broken:
            yield from self._recover(broken)

    def _restart(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self._start()

    def _recover(self, broken: list[list[Article]]) -> Iterator[tuple[list[Article], list]]:
        # Every future of a broken pool fails: take all that were in flight, restart, and
        # retry each document alone so that the one that kills a worker is found.
        # The workers stored what they finished before the pool went down. This process
        # queued each of these documents after finding it absent from the store, so one
        # found there now (or by its retry) was stored by this run: it counts as stored.
        broken.extend(self.pending.values())
        self.pending.clear()
        self._restart()
        # A document that kills a worker in the first reading gives no anchors; the second
        # reading finds it the culprit again and reports it.
        for chunk in broken:
            for article in chunk:
                if not self.reading and self.has(document_id(article.text)):
                    yield [article], [True]
                    continue
                try:
                    outcome = self._submit([article]).result()[0]
                    if not self.reading and outcome is False:
                        outcome = True  # queued as absent, found stored: by this run
                    yield [article], [outcome]
                except BrokenProcessPool:
                    self._restart()
                    if self.reading:
                        yield [article], [[]]
                        continue
                    stored = self.has(document_id(article.text))
                    yield [article], [True if stored else Failure(
                        article.source or "<text>", "the worker process died while analysing it",
                        AnalysisError.code)]

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        if self.store is not None:
            self.store.close()
            self.store = None


def run_pool(store_url: str | Path, items: Iterator[Article | ReadFailure], workers: int, model: str,
             override: str | None, summary: IngestSummary, fail: Callable[[Failure], None],
             bar: Progress, batch_size: int, meanwhile: Callable[[], object] | None = None,
             event_coder: str = DEFAULT_EVENT_CODER, outlet_homes: bool = True,
             first: Iterator[Article | ReadFailure] | None = None) -> None:
    """Analyse and store `items` in `workers` processes. `first`: the same items once more,
    read first to learn the outlets' homes (first_reading.py) by the same processes, which
    thus load the pipeline once for both readings."""
    pool = Pool(workers, model, store_url, event_coder, on_start=meanwhile,
                outlet_homes=outlet_homes and first is None)
    try:
        if first is not None:
            votes = RunVotes()
            pool.reading = True
            for chunk, found in _through(pool, first_chunks(first, pool.has, votes, batch_size, bar.read),
                                         workers, batch_size):
                for article, anchors in zip(chunk, found, strict=True):
                    votes.count(str(article.outlet), anchors)
            pool.reading = False
            assert pool.store is not None
            pool.homes = run_homes(pool.store, votes)
        chunks = new_chunks(items, pool.has, override, summary, fail, bar, batch_size)
        for _, outcomes in _through(pool, chunks, workers, batch_size):
            count(outcomes, summary, fail, bar)
    finally:
        pool.close()


def _through(pool: Pool, chunks: Iterator[list[Article]], workers: int,
             batch_size: int) -> Iterator[tuple[list[Article], list]]:
    """Each chunk with what the pool made of it, as the chunks are done."""
    for chunk in tapered(chunks, workers, batch_size):
        pool.submit(chunk)
        yield from pool.collect(block=pool.full())
    while pool.busy():
        yield from pool.collect(block=True)
