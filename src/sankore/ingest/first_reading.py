"""A first reading of an ingest run's new documents, so that a corpus ingested in one run
gets its outlets' homes (`ingest(..., learn_homes=True)`, `sankore ingest --learn-homes`).

Without it, a run's homes come from what earlier runs stored (homes.py), and a fresh store
ingested in one run gets none. With it, the run reads its sources twice:

1. `first_chunks` picks what to read: the documents that name their outlet, are not stored
   yet (a stored document votes through the store: `read_anchors`), and are not a second
   copy of a text under the same outlet. `api.first_reading` reads each with spaCy and the
   places stage only, alone (no home), and keeps its places with one reading; `RunVotes`
   counts them per outlet, each (outlet, document) once.
2. `run_homes` adds each outlet's votes in the store to the run's (`geo.outlets.added`) and
   decides its home (`home_from_votes`) once, before any document is analysed; the second
   reading, the usual ingest, sends each chunk the homes of its outlets (`GivenHomes`).

A text that two outlets carry (a wire story in two papers) votes once for each; a text
already stored votes for the outlet it was stored under, through the store. Votes are counts
and sets, so the homes depend on which documents the run brings, never on their order, the
number of workers or the engine. Where the reading runs: in this process with one worker,
in the worker processes with several (workers.py), on the cluster with Ray (ray_homes.py).
The cost is one more spaCy parse and places stage per new document (geo DATA_CARD part 4:
`benchmarks/geo_ingest_homes.py`). The sources are read twice, so they must be re-readable:
paths or Articles, not standard input.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from spacy.language import Language

from ..api import first_reading
from ..geo.outlets import Anchor, OutletHome, VoteCount, added, home_from_votes
from ..pipeline import get_pipeline
from ..readers import Article, ReadFailure, document_id
from ..store import Store
from .homes import stored_votes
from .summary import Progress

log = logging.getLogger(__name__)


class RunVotes:
    """The first reading's votes per outlet: `claim` a document before reading it (False:
    that outlet's copy of the text is claimed already), then `count` what it names."""

    def __init__(self) -> None:
        self.claimed: set[tuple[str, str]] = set()
        self.by_outlet: dict[str, VoteCount] = {}

    def claim(self, outlet: str, doc_id: str) -> bool:
        if (outlet, doc_id) in self.claimed:
            return False
        self.claimed.add((outlet, doc_id))
        self.by_outlet.setdefault(outlet, VoteCount())
        return True

    def count(self, outlet: str, found: list[Anchor]) -> None:
        self.by_outlet[outlet].add(found)


def first_chunks(items: Iterable[Article | ReadFailure], has: Callable[[str], bool], votes: RunVotes,
                 batch_size: int, passing: Callable[[], None]) -> Iterator[list[Article]]:
    """Chunks of the articles the first reading reads (see the module docstring); the rest
    are passed over: the second reading reports failures and counts what is stored.
    `passing` is called for every item (the progress bar's `read`)."""
    def wanted() -> Iterator[Article]:
        for item in items:
            passing()
            if isinstance(item, ReadFailure) or not item.outlet or not item.text.strip():
                continue
            doc_id = document_id(item.text)
            if not has(doc_id) and votes.claim(item.outlet, doc_id):
                yield item

    chosen = wanted()
    while chunk := list(islice(chosen, batch_size)):
        yield chunk


def run_homes(store: Store | None, votes: RunVotes) -> dict[str, OutletHome]:
    """The home of each outlet the run reads, from the store's votes (none without a store:
    `--out`) and the first reading's; an outlet whose home cannot be decided gets none."""
    homes: dict[str, OutletHome] = {}
    for outlet, count in sorted(votes.by_outlet.items()):
        try:
            mine = count.votes()
            home = home_from_votes(added(stored_votes(store, outlet), mine) if store is not None else mine)
        except Exception:  # noqa: BLE001 - a home is context; the documents go on without it
            log.exception("cannot learn the home of outlet %r", outlet)
            continue
        if home is not None:
            homes[outlet] = home
    return homes


def read_here(items: Iterable[Article | ReadFailure], store: Store, model: str, event_coder: str,
              batch_size: int, bar: Progress) -> dict[str, OutletHome]:
    """The first reading in this process (one worker), with the pipeline the second reading
    uses (loaded with the first document to read); the run's homes."""
    votes = RunVotes()
    for chunk in first_chunks(items, store.has, votes, batch_size, bar.read):
        for article, found in first_reading(chunk, get_pipeline(model, event_coder), len(chunk)):
            votes.count(str(article.outlet), found)
    return run_homes(store, votes)


def read_chunk(articles: list[Article], nlp: Language) -> list[list[Anchor]]:
    """One list of anchors per article, in order ([] for one the pipeline failed on): what a
    worker process or a Ray actor sends back from the first reading."""
    found = {id(article): anchors for article, anchors in first_reading(articles, nlp, len(articles) or 1)}
    return [found.get(id(article), []) for article in articles]


def anchors_json(found: list[Anchor]) -> str:
    """Anchors as one JSON cell (a Ray Data column)."""
    return json.dumps([[a.key, a.country, a.admin1, *(a.point or (None, None))] for a in found],
                      ensure_ascii=False)


def anchors_from_json(text: str) -> list[Anchor]:
    return [Anchor(key, country, admin1, None if lat is None else (lat, lon))
            for key, country, admin1, lat, lon in json.loads(text)]
