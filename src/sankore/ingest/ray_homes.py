"""`ingest(..., engine="ray", learn_homes=True)`: the first reading (first_reading.py) on the
Ray cluster, before the analysis (ray_engine.py).

Why on the cluster, not in this process: the first reading costs a spaCy parse and the
places stage per document, most of what an analysis costs (geo DATA_CARD part 4). Here it
would run on one core while the cluster waits, and this process would read every input,
where the Ray engine's driver holds a batch. So it flows as the analysis does: Ray Data
reads each path in a task (`first_rows`: passes over what is stored or written already, and
claims each (outlet, text) once within its input), a pool of `workers` actors reads the
documents with spaCy and the places stage and sends back their anchors, and this process
counts them (`RunVotes`, which claims each (outlet, text) once across the inputs) and
decides the homes (`run_homes`, with the store's votes; none with `out`), which reach the
analysis actors with their constructor. The two readings' actors are two pools: each actor
loads the pipeline once per pool (seconds), a cost paid once per run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..geo.outlets import OutletHome
from ..readers import Article, ReadFailure, document_id
from ..store import open_store
from .first_reading import RunVotes, anchors_from_json, anchors_json, first_chunks, read_chunk, run_homes
from .ray_stream import NoStore, batch_rows, make_row
from .summary import Progress


def first_rows(items: Iterator[Article | ReadFailure], has: Callable[[str], bool],
               batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """`items` as batches of rows: the articles to read ("new") and one "passed" row for
    each item passed over (for the progress bar)."""
    passed = 0

    def one_more() -> None:
        nonlocal passed
        passed += 1

    for chunk in first_chunks(items, has, RunVotes(), batch_size, one_more):
        rows = [make_row("passed")] * (passed - len(chunk))
        rows += [make_row("new", article=a, doc_id=document_id(a.text), source=a.source or "<text>")
                 for a in chunk]
        passed = 0
        yield rows
    if passed:
        yield [make_row("passed")] * passed


class _FirstReader:
    """One Ray actor of the first reading: the pipeline, loaded once; anchors back, nothing
    stored. The events stage is off in this reading, so the default event coder is loaded
    whatever the analysis uses."""

    def __init__(self, model: str) -> None:
        from ..pipeline import get_pipeline

        self.nlp = get_pipeline(model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        rows = batch_rows(batch)
        new = [row for row in rows if row["status"] == "new"]
        articles = [Article(**json.loads(str(row["article"]))) for row in new]
        found = iter(read_chunk(articles, self.nlp))
        outlets = iter(a.outlet for a in articles)
        columns: dict[str, list] = {"status": [], "doc_id": [], "outlet": [], "anchors": []}
        for row in rows:
            is_new = row["status"] == "new"
            columns["status"].append(row["status"])
            columns["doc_id"].append(row["doc_id"])
            columns["outlet"].append(next(outlets) if is_new else "")
            columns["anchors"].append(anchors_json(next(found)) if is_new else "")
        return columns


def learn_on_ray(reading: Any, store_url: str | None, workers: int, batch_size: int, model: str,
                 bar: Progress) -> dict[str, OutletHome]:
    """The homes of the run's outlets from the first reading of `reading` (ray_stream.inputs'
    stream of `first_rows`) by a pool of `workers` actors, and from the store's votes."""
    import ray.data

    results = reading.map_batches(_FirstReader, fn_constructor_kwargs={"model": model}, batch_size=batch_size,
                                  compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
                                  batch_format="numpy")
    votes = RunVotes()
    for row in results.iter_rows():
        bar.read()
        outlet, doc_id = str(row["outlet"]), str(row["doc_id"])
        if row["status"] == "new" and votes.claim(outlet, doc_id):
            votes.count(outlet, anchors_from_json(str(row["anchors"])))
    with (open_store(store_url) if store_url else NoStore()) as store:
        return run_homes(store, votes)
