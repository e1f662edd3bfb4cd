"""Reading an ingest run's sources and cutting what still needs analysis into chunks."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from ..api import Failure
from ..errors import ReadError
from ..readers import Article, ReadFailure, TableOptions, document_id, read_sources
from .summary import IngestSummary, Progress

Source = str | Path | Article | ReadFailure


def read_items(sources: Iterable[Source], options: TableOptions) -> Iterator[Article | ReadFailure]:
    """Paths (str or Path; "-" for standard input) are read by their reader; Articles pass."""
    for source in sources:
        if isinstance(source, (Article, ReadFailure)):
            yield source
        else:
            yield from read_sources([source], options)


def rereadable(sources: Iterable[Source]) -> list[Source] | None:
    """`sources` as a list if they can be read twice (no stdin, not a one-shot iterator)."""
    if not isinstance(sources, (list, tuple)):
        return None
    if any(str(s) == "-" for s in sources if not isinstance(s, (Article, ReadFailure))):
        return None
    return list(sources)



def new_chunks(items: Iterator[Article | ReadFailure], has: Callable[[str], bool], override: str | None,
                summary: IngestSummary, fail: Callable[[Failure], None], bar: Progress,
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


def tapered(chunks: Iterator[list[Article]], workers: int, batch_size: int) -> Iterator[list[Article]]:
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

