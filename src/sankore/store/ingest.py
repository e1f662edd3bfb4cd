"""Ingest at scale: read sources, skip what is stored, analyse the rest, store each document.

    summary = ingest([Path("dumps/")], "sqlite:///sankore.db", workers=2)
    print(summary.stored, summary.duplicates, summary.failed)

How the work flows, and why:
- The parent process reads the sources and checks each document's id (`document_id` of its
  text) against the store BEFORE analysis, so a rerun after a crash only pays for what is
  missing.
- Analysis runs in `workers` processes, each holding the pipeline once (loading it costs
  seconds and ~hundreds of MB, so it is never reloaded per chunk). Documents travel in
  chunks of `batch_size`, with at most two chunks per worker in flight, so memory stays flat
  however many documents a run holds.
- Only the parent writes, one transaction per document (`Store.add`): a kill at any moment
  leaves whole documents, and the next run stores the rest.
- A document that makes the pipeline raise is a `Failure` with its reason; a worker process
  that dies (segfault, out of memory) is replaced, and the documents it held are retried one
  at a time so that only the culprit fails.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from ..api import Failure, analyze_many
from ..errors import AnalysisError, ReadError, StoreError
from ..pipeline import DEFAULT_MODEL, get_pipeline
from ..readers import DEFAULT_TABLE_OPTIONS, Article, ReadFailure, TableOptions, document_id, read_sources
from ..records import Record
from . import open_store
from .base import Store

log = logging.getLogger(__name__)

Source = str | Path | Article | ReadFailure
Result = Record | Failure


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


# -- analysis in worker processes ------------------------------------------------------

_worker_nlp = None  # the pipeline of this worker process, built once by _init_worker


def _init_worker(model: str) -> None:
    global _worker_nlp
    # Workers must not print the parent's progress bar or inherit its log handlers' noise.
    _worker_nlp = get_pipeline(model)


def _analyze_chunk(articles: list[Article]) -> list[Result]:
    """Runs in a worker: one result per article, in order (a failure never raises)."""
    return list(analyze_many(articles, nlp=_worker_nlp, batch_size=len(articles) or 1, errors="yield"))


class _Pool:
    """A process pool that survives a worker's death: in-flight chunks are retried one
    document at a time, and a document that kills a worker on its own is a failure."""

    def __init__(self, workers: int, model: str) -> None:
        self.workers, self.model = workers, model
        self.executor = self._start()
        self.pending: dict[Future, list[Article]] = {}

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.model,))

    def submit(self, chunk: list[Article]) -> None:
        self.pending[self.executor.submit(_analyze_chunk, chunk)] = chunk

    def full(self) -> bool:
        return len(self.pending) >= 2 * self.workers

    def collect(self, block: bool) -> Iterator[tuple[list[Article], list[Result]]]:
        """Results of the chunks that are done (waiting for one if `block`)."""
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

    def _recover(self, broken: list[list[Article]]) -> Iterator[tuple[list[Article], list[Result]]]:
        # Every future of a broken pool fails: take all that were in flight, restart, and
        # retry each document alone so that the one that kills a worker is found.
        broken.extend(self.pending.values())
        self.pending.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()
        for chunk in broken:
            for article in chunk:
                future = self.executor.submit(_analyze_chunk, [article])
                try:
                    yield [article], future.result()
                except BrokenProcessPool:
                    yield [article], [Failure(article.source or "<text>",
                                              "the worker process died while analysing it",
                                              AnalysisError.code)]
                    self.executor.shutdown(wait=False, cancel_futures=True)
                    self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


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
    summary = IngestSummary()
    bar = _Progress(show, total)

    def fail(failure: Failure) -> None:
        summary.failed.append(failure)
        if on_failure is not None:
            on_failure(failure)
        bar.advance(summary)

    with open_store(store_url) as store:
        try:
            chunks = _new_chunks(_read(replayable or sources, table_options), store, override, summary,
                                 fail, bar, batch_size)
            if workers == 1:
                nlp = get_pipeline(model)
                for chunk in chunks:
                    results = list(analyze_many(chunk, nlp=nlp, batch_size=len(chunk), errors="yield"))
                    _store_results(store, chunk, results, summary, fail, bar)
            else:
                _run_pool(store, chunks, workers, model, summary, fail, bar)
        finally:
            bar.close()
        if dedupe:
            from ..corpus.dedupe import update_clusters

            summary.clusters = update_clusters(store)
    return summary


def _new_chunks(items: Iterator[Article | ReadFailure], store: Store, override: str | None,
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
            if doc_id in seen or store.has(doc_id):
                summary.duplicates += 1
                bar.advance(summary)
                continue
            seen.add(doc_id)
            yield item

    stream = fresh()
    while chunk := list(islice(stream, batch_size)):
        yield chunk


def _run_pool(store: Store, chunks: Iterator[list[Article]], workers: int, model: str,
              summary: IngestSummary, fail: Callable[[Failure], None], bar: _Progress) -> None:
    pool = _Pool(workers, model)
    try:
        for chunk in chunks:
            pool.submit(chunk)
            for done, results in pool.collect(block=pool.full()):
                _store_results(store, done, results, summary, fail, bar)
        while pool.pending:
            for done, results in pool.collect(block=True):
                _store_results(store, done, results, summary, fail, bar)
    finally:
        pool.close()


def _store_results(store: Store, chunk: list[Article], results: list[Result], summary: IngestSummary,
                   fail: Callable[[Failure], None], bar: _Progress) -> None:
    for article, result in zip(chunk, results, strict=True):
        if isinstance(result, Failure):
            fail(result)
            continue
        try:
            if store.add(result):
                summary.stored += 1
            else:  # stored meanwhile by another process: harmless, that is what ids are for
                summary.duplicates += 1
        except StoreError as error:
            fail(Failure(article.source or "<text>", error.reason, error.code))
            continue
        bar.advance(summary)
