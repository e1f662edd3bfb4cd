"""Outlets' home areas for an ingest run, learned from what the store already holds (and
from a first reading of the run's own documents: first_reading.py).

A local paper's bare "Alexandria" is the one near the towns its other articles name
(`geo/outlets.py`). `sankore ingest` learns that from the documents earlier runs stored:

- At the start of a run, `read_anchors` reads the places of the stored documents whose
  places were not read yet (those of the previous runs) and keeps the ones with one reading
  in the store (`store/outlet_anchors.py`, a few rows per document, 500 documents per
  transaction): only new documents are read, never the whole store.
- Each worker (process, Ray actor, or this process) asks the store once per outlet it meets
  for that outlet's votes, counted in SQL (`outlet_votes`: one index range), and decides the
  home as the evaluation does (`geo.outlets.home_from_votes`); the places stage gets the
  homes of a chunk's outlets with the call (`analyze_many(outlet_homes=...)`).
- Nothing a run stores changes the homes of that run: they come from what was stored before
  it started, so a document's record is the same whatever the number of workers or the
  engine, and whatever order the run's documents come in. Without a first reading, the
  first articles of a new outlet get none; the next run's articles get the home they point
  to. (Another ingest that starts meanwhile may add the anchors of documents stored before
  it started: a run's homes are then those of a slightly later snapshot.)
- With a first reading (`learn_homes`, first_reading.py), the run's new documents vote too:
  the homes of the run's outlets are decided once, before any document is analysed, from the
  store's votes and the first reading's, and sent with each chunk (`GivenHomes`). They
  depend on the set of documents stored before the run and the set the run brings, never
  on their order, the number of workers or the engine, so the property above holds.
- A failure to read or decide a home costs that home only (logged); the documents are
  analysed without it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from ..geo.gazetteer import Gazetteer, load_gazetteer
from ..geo.outlets import (
    ANCHOR_KINDS,
    AREA_FEATURES,
    OutletHome,
    OutletVotes,
    anchors,
    home_from_votes,
    one_point,
)
from ..store import Store
from ..store.outlet_anchors import outlet_votes, place_rows, unread_documents, write_read

log = logging.getLogger(__name__)

BATCH = 500  # documents read per transaction


class StoredPlace(NamedTuple):
    """A stored place row, as `geo.outlets.anchors` reads a place."""

    text: str
    feature: str | None
    lat: float | None
    lon: float | None
    kind: str


def read_anchors(store: Store, gaz: Gazetteer | None = None, batch: int = BATCH) -> int:
    """Keep the places with one reading of every stored document that names its outlet and
    was not read yet; returns how many documents were read."""
    todo = unread_documents(store)
    if not todo:
        return 0
    gaz = gaz or load_gazetteer()
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        places: dict[str, list[StoredPlace]] = {doc_id: [] for doc_id, _ in chunk}
        for doc_id, *row in place_rows(store, [doc_id for doc_id, _ in chunk], AREA_FEATURES,
                                       ANCHOR_KINDS):
            places[doc_id].append(StoredPlace(*row))
        documents, rows = [], []
        for doc_id, outlet in chunk:
            found = anchors(places[doc_id], gaz)
            documents.append((doc_id, outlet, len(found)))
            rows += [(doc_id, a.key, outlet, a.country, a.admin1, *(a.point or (None, None)))
                     for a in found]
        write_read(store, documents, rows)
    return len(todo)


def stored_votes(store: Store, outlet: str) -> OutletVotes:
    """The votes of `outlet`'s documents the store holds, counted in SQL."""
    articles, areas, countries, found = outlet_votes(store, outlet)
    points: dict[str, tuple[str, str, float, float]] = {}
    for key, country, admin1, lat, lon in found:
        points[key] = one_point(points.get(key), (country, admin1, lat, lon))
    return OutletVotes(articles, {(country, admin1): n for country, admin1, n in areas},
                       {country: n for country, n in countries}, points)


def stored_home(store: Store, outlet: str) -> OutletHome | None:
    """The home of `outlet` from the anchors the store holds (None: too few, or no agreement)."""
    return home_from_votes(stored_votes(store, outlet))


class Homes(Protocol):
    """Where a worker gets the homes of a chunk's outlets: `StoredHomes` asks the store,
    `GivenHomes` holds those a first reading decided (first_reading.py)."""

    def of(self, outlets: Iterable[str | None]) -> dict[str, OutletHome]: ...


class GivenHomes:
    """Homes decided before the analysis began, for the outlets of a chunk."""

    def __init__(self, homes: Mapping[str, OutletHome]) -> None:
        self.homes = homes

    def of(self, outlets: Iterable[str | None]) -> dict[str, OutletHome]:
        return {o: home for o in sorted({o for o in outlets if o}) if (home := self.homes.get(o)) is not None}


class StoredHomes:
    """The homes of the outlets one worker meets in a run, each asked of the store once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, OutletHome | None] = {}

    def of(self, outlets: Iterable[str | None]) -> dict[str, OutletHome]:
        """The homes of those of `outlets` that have one."""
        wanted = sorted({o for o in outlets if o})
        for outlet in wanted:
            if outlet not in self.known:
                try:
                    self.known[outlet] = stored_home(self.store, outlet)
                except Exception:  # noqa: BLE001 - a home is context; the documents go on
                    log.exception("cannot learn the home of outlet %r from the store", outlet)
                    self.known[outlet] = None
        return {o: home for o in wanted if (home := self.known[o]) is not None}
