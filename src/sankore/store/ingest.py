"""Ingest at scale: read sources, skip what is stored, analyse the rest, store each document.

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
- A document that makes the pipeline raise, or that cannot be stored, is a `Failure` with
  its reason; a worker process that dies (segfault, out of memory) is replaced, the
  documents of the chunks in flight that it had not stored are retried one at a time, and
  only the culprit fails.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from multiprocessing.util import Finalize
from pathlib import Path
from types import ModuleType

from ..api import Failure, analyze_many
from ..errors import AnalysisError, ReadError, StoreError
from ..events.classifier import packaged
from ..pipeline import DEFAULT_EVENT_CODER, DEFAULT_MODEL, get_pipeline
from ..readers import DEFAULT_TABLE_OPTIONS, Article, ReadFailure, TableOptions, document_id, read_sources
from . import open_store, sqlite_path
from .base import Store

log = logging.getLogger(__name__)

Source = str | Path | Article | ReadFailure
# What became of one document: True stored, False already stored (by another process
# meanwhile), or why it failed.
Outcome = bool | Failure


@dataclass
class IngestSummary:
    """What a run did: documents stored, skipped as already stored, and those that failed."""

    stored: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    clusters: int | None = None  # near-duplicate clusters after the run (None: not computed)

    @property
    def total(self) -> int:
        return self.stored + self.duplicates + len(self.failed)

    def line(self) -> str:
        """The summary line the CLI prints (its format is relied on by scripts)."""
        return f"stored {self.stored}, skipped {self.duplicates} already stored, failed {len(self.failed)}"


# -- reading ---------------------------------------------------------------------------

def _read(sources: Iterable[Source], options: TableOptions) -> Iterator[Article | ReadFailure]:
    """Paths (str or Path; "-" for standard input) are read by their reader; Articles pass."""
    for source in sources:
        if isinstance(source, (Article, ReadFailure)):
            yield source
        else:
            yield from read_sources([source], options)


def _countable(sources: Iterable[Source]) -> list[Source] | None:
    """`sources` as a list if they can be read twice (no stdin, not a one-shot iterator)."""
    if not isinstance(sources, (list, tuple)):
        return None
    if any(str(s) == "-" for s in sources if not isinstance(s, (Article, ReadFailure))):
        return None
    return list(sources)


# -- analysis and storage --------------------------------------------------------------

def _analyze_and_store(articles: list[Article], nlp: object, store: Store) -> list[Outcome]:
    """One outcome per article, in order: each record is stored in its own transaction as
    soon as it is made; neither a failing analysis nor a failing write raises."""
    outcomes: list[Outcome] = []
    results = analyze_many(articles, nlp=nlp, batch_size=len(articles) or 1, errors="yield")
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Failure):
            outcomes.append(result)
            continue
        try:
            outcomes.append(store.add(result))
        except StoreError as error:
            outcomes.append(Failure(article.source or "<text>", error.reason, error.code))
    return outcomes


# -- worker processes ------------------------------------------------------------------

_worker_nlp = None  # the pipeline of this worker process, built once by _init_worker
_worker_store: Store | None = None  # this worker's own connection to the store
_worker_error: StoreError | None = None  # why it has none


def _init_worker(model: str, event_coder: str, store_url: str | Path, threads: int) -> None:
    global _worker_nlp, _worker_store, _worker_error
    model_file = packaged(event_coder)
    if model_file is not None and model_file.needs_embedding:
        import torch

        torch.set_num_threads(threads)  # torch takes every core per process by default
    _worker_nlp = get_pipeline(model, event_coder)
    try:
        _worker_store = open_store(store_url)
    except StoreError as error:  # every document sent here fails with the reason, none is lost
        _worker_error = error
        return
    Finalize(_worker_store, _worker_store.close, exitpriority=0)  # run when the worker exits


def _analyze_chunk(articles: list[Article]) -> list[Outcome]:
    """Runs in a worker: analyse and store each article; one outcome per article, in order."""
    if _worker_store is None:
        error = _worker_error or StoreError("the worker has no store")
        return [Failure(article.source or "<text>", error.reason, error.code) for article in articles]
    return _analyze_and_store(articles, _worker_nlp, _worker_store)


def _started() -> None:
    """A task that does nothing: submitting it makes the executor start its processes."""


class _Pool:
    """Worker processes that analyse and store, and this process's own connection to the
    store for checking ids; a worker's death costs only the document that caused it."""

    def __init__(self, workers: int, model: str, store_url: str | Path,
                 event_coder: str = DEFAULT_EVENT_CODER) -> None:
        self.workers, self.model, self.store_url = workers, model, store_url
        self.event_coder = event_coder
        self.store: Store | None = None
        self.pending: dict[Future, list[Article]] = {}
        self._start()

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
                                                      max(1, (os.cpu_count() or 1) // self.workers)))
        for _ in range(self.workers):  # the processes start now, not at the first chunk
            self.executor.submit(_started)
        try:
            self.store = open_store(self.store_url)
        except BaseException:
            self.executor.shutdown(wait=False, cancel_futures=True)
            raise

    def has(self, doc_id: str) -> bool:
        assert self.store is not None
        return self.store.has(doc_id)

    def submit(self, chunk: list[Article]) -> None:
        self.pending[self.executor.submit(_analyze_chunk, chunk)] = chunk

    def full(self) -> bool:
        return len(self.pending) >= 2 * self.workers

    def collect(self, block: bool) -> Iterator[tuple[list[Article], list[Outcome]]]:
        """Outcomes of the chunks that are done (waiting for one if `block`)."""
        if not self.pending:
            return
        done, _ = wait(self.pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        broken: list[list[Article]] = []
        for future in done:
            chunk = self.pending.pop(future)
            try:
                yield chunk, future.result()
            except BrokenProcessPool:
                broken.append(chunk)
        if broken:
            yield from self._recover(broken)

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self._start()

    def _recover(self, broken: list[list[Article]]) -> Iterator[tuple[list[Article], list[Outcome]]]:
        # Every future of a broken pool fails: take all that were in flight, restart, and
        # retry each document alone so that the one that kills a worker is found.
        # The workers stored what they finished before the pool went down. This process
        # queued each of these documents after finding it absent from the store, so one
        # found there now (or by its retry) was stored by this run: it counts as stored.
        broken.extend(self.pending.values())
        self.pending.clear()
        self._restart()
        for chunk in broken:
            for article in chunk:
                if self.has(document_id(article.text)):
                    yield [article], [True]
                    continue
                future = self.executor.submit(_analyze_chunk, [article])
                try:
                    outcome = future.result()[0]
                    yield [article], [True if outcome is False else outcome]
                except BrokenProcessPool:
                    self._restart()
                    stored = self.has(document_id(article.text))
                    yield [article], [True if stored else Failure(
                        article.source or "<text>", "the worker process died while analysing it",
                        AnalysisError.code)]

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.store is not None:
            self.store.close()
            self.store = None


# -- progress --------------------------------------------------------------------------

class _Progress:
    """A rich progress bar on stderr (documents, documents/s, ETA), or nothing."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), TextColumn("{task.fields[status]}"),
            console=Console(file=sys.stderr), transient=False)
        self.task = self.bar.add_task("ingest", total=total, rate="-", status="")
        self.bar.start()

    def advance(self, summary: IngestSummary) -> None:
        if self.bar is None:
            return
        task = self.bar.tasks[0]
        speed = task.finished_speed or task.speed
        self.bar.update(self.task, advance=1, rate=f"{speed:.1f}" if speed else "-",
                        status=f"stored {summary.stored}, skipped {summary.duplicates}, "
                               f"failed {len(summary.failed)}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# -- the run ---------------------------------------------------------------------------

def ingest(
    sources: Iterable[Source],
    store_url: str | Path,
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
) -> IngestSummary:
    """Analyse and store every document of `sources` not yet in the store at `store_url`.

    `sources`: paths (files or folders, read by the reader of each file; "-" for standard
    input) or `Article`s. `published` overrides every document's date. `progress` shows a
    bar on stderr (only when stderr is a terminal). `dedupe` clusters near-duplicates over
    the whole store at the end. `on_failure` is called for each failure as it happens.
    Raises `StoreError` only if the store cannot be opened; every per-document problem is in
    the summary's `failed`.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    override = None
    if published is not None:
        day = published if isinstance(published, date) else date.fromisoformat(published)
        override = day.isoformat()
    show = progress and sys.stderr.isatty()
    replayable = _countable(sources) if show else None
    total = sum(1 for _ in _read(replayable, table_options)) if replayable is not None else None
    # The store is opened (created, migrated) first: if it cannot be, that is the one error.
    store = open_store(store_url)
    summary = IngestSummary()
    bar = _Progress(show, total)

    def fail(failure: Failure) -> None:
        summary.failed.append(failure)
        if on_failure is not None:
            on_failure(failure)
        bar.advance(summary)

    items = _read(replayable or sources, table_options)
    try:
        try:
            if workers > 1 and sqlite_path(store_url) != ":memory:":
                store.close()  # the pool keeps its own connection: see _Pool._start
                # The near-duplicate pass is imported (~0.25 s of CPU) while the workers load
                # their pipeline, rather than at the end, on one core, when they are done.
                _run_pool(store_url, items, workers, model, override, summary, fail, bar, batch_size,
                          meanwhile=_import_dedupe if dedupe else None, event_coder=event_coder)
                store = open_store(store_url)
            else:
                nlp = get_pipeline(model, event_coder)
                for chunk in _new_chunks(items, store.has, override, summary, fail, bar, batch_size):
                    _count(_analyze_and_store(chunk, nlp, store), summary, fail, bar)
        finally:
            bar.close()
        if dedupe:
            summary.clusters = _import_dedupe().update_clusters(store)
    finally:
        store.close()
    return summary


def _new_chunks(items: Iterator[Article | ReadFailure], has: Callable[[str], bool], override: str | None,
                summary: IngestSummary, fail: Callable[[Failure], None], bar: _Progress,
                batch_size: int) -> Iterator[list[Article]]:
    """Chunks of the articles that still need analysis; the rest are counted here."""
    seen: set[str] = set()  # ids queued in this run: a copy later in the same run is a duplicate

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadFailure):
                fail(Failure(item.source, item.reason, item.code))
                continue
            if not item.text.strip():  # readers refuse empty files; an Article may still be empty
                fail(Failure(item.source or "<text>", "empty document: no text to analyse", ReadError.code))
                continue
            if override:
                item.published = override
            doc_id = document_id(item.text)
            if doc_id in seen or has(doc_id):
                summary.duplicates += 1
                bar.advance(summary)
                continue
            seen.add(doc_id)
            yield item

    stream = fresh()
    while chunk := list(islice(stream, batch_size)):
        yield chunk


def _tapered(chunks: Iterator[list[Article]], workers: int, batch_size: int) -> Iterator[list[Article]]:
    """The same articles; the last ones longest first, in ever smaller chunks.

    Workers take chunks as they free up, so a run ends when the last chunk does: with
    full chunks to the end, one worker idles while the other finishes its last one. Holding
    back `workers` chunks and splitting them, each chunk a share of what is left, longest
    documents first (analysis time grows with length), makes the workers finish together
    (analysis costs the same per document in chunks of 1 or 16).
    """
    held: deque[list[Article]] = deque()
    for chunk in chunks:
        held.append(chunk)
        if len(held) > workers:
            yield held.popleft()
    rest = sorted((article for chunk in held for article in chunk), key=lambda a: len(a.text), reverse=True)
    start = 0
    while start < len(rest):
        size = min(batch_size, -(-(len(rest) - start) // (2 * workers)))  # ceil: never 0
        yield rest[start:start + size]
        start += size


def _import_dedupe() -> ModuleType:
    from ..corpus import dedupe  # imported when needed: it costs a fraction of a second

    return dedupe


def _run_pool(store_url: str | Path, items: Iterator[Article | ReadFailure], workers: int, model: str,
              override: str | None, summary: IngestSummary, fail: Callable[[Failure], None],
              bar: _Progress, batch_size: int, meanwhile: Callable[[], object] | None = None,
              event_coder: str = DEFAULT_EVENT_CODER) -> None:
    pool = _Pool(workers, model, store_url, event_coder)
    try:
        if meanwhile is not None:  # the workers have started: this process's work runs beside theirs
            meanwhile()
        chunks = _new_chunks(items, pool.has, override, summary, fail, bar, batch_size)
        for chunk in _tapered(chunks, workers, batch_size):
            pool.submit(chunk)
            for _, outcomes in pool.collect(block=pool.full()):
                _count(outcomes, summary, fail, bar)
        while pool.pending:
            for _, outcomes in pool.collect(block=True):
                _count(outcomes, summary, fail, bar)
    finally:
        pool.close()


def _count(outcomes: list[Outcome], summary: IngestSummary, fail: Callable[[Failure], None],
           bar: _Progress) -> None:
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            fail(outcome)
            continue
        if outcome:
            summary.stored += 1
        else:  # stored meanwhile by another process: harmless, that is what ids are for
            summary.duplicates += 1
        bar.advance(summary)
