"""The rows Ray Data carries through an ingest on Ray (ray_engine.py, ray_homes.py): how the
inputs are read into them, on the cluster (a task per path) or in this process (what the
caller handed over in memory), and what each row holds.

A row is a document to read ("new": the article itself, as one JSON cell) or what already
became of one ("duplicate", "failed"; "passed" for the first reading); `classified` (the
analysis) and `ray_homes.first_rows` (the first reading) decide which, given whether a
document is stored or written already.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import partial
from typing import Any

from ..api import Failure
from ..readers import Article, ReadFailure, TableOptions
from ..store import open_store
from .chunks import Source, new_chunks, read_items
from .summary import IngestSummary, Progress

# One row of the stream: a document to analyse ("new"), or what already became of one.
FIELDS = ("article", "doc_id", "source", "status", "reason", "code", "record")


def make_row(status: str, *, article: Article | None = None, doc_id: str = "", source: str = "",
             reason: str = "", code: str = "", record: str = "") -> dict[str, Any]:
    # An article travels as one JSON cell: Ray Data's columns would turn a missing title into NaN.
    text = ""
    if article is not None:
        data = asdict(article)
        data["boilerplate"] = [list(span) for span in article.boilerplate]
        text = json.dumps(data, ensure_ascii=False)
    return {"article": text, "doc_id": doc_id, "source": source, "status": status, "reason": reason,
            "code": code, "record": record}


def as_columns(rows: list[dict[str, Any]]) -> dict[str, list]:
    return {field: [row[field] for row in rows] for field in FIELDS}


def batch_rows(batch: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a batch of the stream, as `make_row` made them."""
    by_row = zip(*(batch[f] for f in FIELDS), strict=True)
    return [dict(zip(FIELDS, values, strict=True)) for values in by_row]


def classified(items: Iterator[Article | ReadFailure], has: Callable[[str], bool], override: str | None,
               batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """`items` as batches of rows: new articles, duplicates and failures (chunks.new_chunks
    decides which, as for the local engine)."""
    from ..readers import document_id

    summary, rows = IngestSummary(), []
    bar = Progress(False, None)

    def fail(failure: Failure) -> None:
        rows.append(make_row("failed", source=failure.source, reason=failure.reason, code=failure.code))

    for chunk in new_chunks(items, has, override, summary, fail, bar, batch_size):
        rows += [make_row("duplicate")] * summary.duplicates
        summary.duplicates = 0
        rows += [make_row("new", article=a, doc_id=document_id(a.text), source=a.source or "<text>")
                 for a in chunk]
        yield rows
        rows = []
    rows += [make_row("duplicate")] * summary.duplicates
    if rows:
        yield rows


# What a reading task makes of one input's documents, given `has` (is this id stored or
# written already?): batches of rows (`classified` for the analysis, ray_homes.first_rows
# for the first reading).
RowsOf = Callable[[Iterator[Article | ReadFailure], Callable[[str], bool]], Iterator[list[dict[str, Any]]]]


def read_paths(batch: dict[str, Any], *, store_url: str | None, known: Any, options: TableOptions,
               rows_of: RowsOf) -> Iterator[Any]:
    """A Ray Data task: read the paths of `batch`, yield their documents in batches."""
    import ray

    from ..readers import read_sources

    written: set[str] = ray.get(known) if known is not None else set()
    store = open_store(store_url) if store_url else None
    try:
        def has(doc_id: str) -> bool:
            return doc_id in written or (store is not None and store.has(doc_id))

        for path in batch["path"]:
            for rows in rows_of(read_sources([str(path)], options), has):
                yield as_columns(rows)
    finally:
        if store is not None:
            store.close()


def inputs(paths: list[str], here: list[Source], url: str | None, written: set[str], options: TableOptions,
           rows_of: RowsOf, workers: int, batch_size: int) -> Any:
    """The stream of rows of one reading: `paths` read on the cluster, `here` (what the caller
    handed over in memory) read in this process; None if there is nothing to read."""
    import ray
    import ray.data

    datasets = []
    if paths:
        known = ray.put(written) if written else None
        # Reading is light: it takes no CPU from the actors (num_cpus=0), one task per path.
        datasets.append(ray.data.from_items([{"path": p} for p in paths], override_num_blocks=len(paths))
                        .map_batches(partial(read_paths, store_url=url, known=known, options=options,
                                             rows_of=rows_of), batch_size=1, num_cpus=0))
    local_rows: list[dict[str, Any]] = []
    if here:
        with (open_store(url) if url else NoStore()) as store:
            def has(doc_id: str) -> bool:
                return doc_id in written or (store is not None and store.has(doc_id))

            for rows in rows_of(read_items(here, options), has):
                local_rows += rows
    if local_rows:
        datasets.append(ray.data.from_items(local_rows, override_num_blocks=max(
            1, min(len(local_rows), max(workers, -(-len(local_rows) // batch_size))))))
    if not datasets:
        return None
    return datasets[0].union(*datasets[1:]) if len(datasets) > 1 else datasets[0]


class NoStore:
    """No store (with `out`): a context manager that gives None."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
