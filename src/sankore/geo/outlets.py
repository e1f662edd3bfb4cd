"""An outlet's home area, learned from the places its own articles name without ambiguity.

A local paper writes "Alexandria", "Mansfield" or "Paris" without a state: its readers know
which one. Sankore cannot know the paper, but a corpus can show it: the places an outlet's
articles name that have one reading only ("Cottonport", "Rapides Parish") cluster around
its home. That home (the admin-1 areas and countries where most of its articles point, and
the unambiguous places themselves) is then context for the outlet's ambiguous names, as a
state named in the article would be (`resolve.Context`).

Nothing here is a table of outlets: a home is learned from the input, an outlet with too
few articles or with articles all over the map (a wire service, an international paper)
has none, and `OutletEvidence.home` can leave one document out, so that an evaluation never
lets an article inform its own resolution. The outlet's name is the document's outlet as
its reader found it (`Document.outlet`, `doc._.outlet`: a CSV's outlet column, an HTML
page's site name, a feed's title); a document without one gets no home.

Who learns homes: `sankore ingest` from the documents already in its store (`ingest/homes.py`,
each run from what earlier runs stored) and, with `--learn-homes`, from a first reading of
the run's new documents too (`ingest/first_reading.py`, the two sets of votes `added`),
`sankore analyze --outlet-homes` from a first reading of its inputs, `sankore eval geo` out
of fold (`OutletEvidence`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from .gazetteer import Gazetteer
from .names import name_key

LOCAL_FEATURES = ("city", "admin2")
AREA_FEATURES = (*LOCAL_FEATURES, "admin1")
# Kinds of place mention whose name says where the outlet writes about: a town where
# something happened or one opening a local body's name ("Alexandria Police Department").
ANCHOR_KINDS = ("literal", "mixed", "embedded", "modifier")
# A home needs this many articles with anchors, besides the one being resolved (LGL,
# 2026-12-07: 85 outlets, about 7 articles each).
MIN_ARTICLES = 2
# An area is home when at least this share of the outlet's articles with anchors has one
# there: a paper that covers two states near a border has both, a wire service none.
AREA_SHARE = 0.4


class NamedPlace(Protocol):
    """What an anchor is read from: a `PlaceMention`, a record's `Place` or a stored row."""

    @property
    def text(self) -> str: ...
    @property
    def feature(self) -> str | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Anchor:
    """A place a document names that has one reading only: a state or province, or a town
    or district whose every namesake lies in one admin-1 area."""

    key: str  # the name's key
    country: str
    admin1: str
    point: tuple[float, float] | None  # a town's or district's; None for an admin-1 area


def anchors(places: Iterable[NamedPlace], gaz: Gazetteer) -> list[Anchor]:
    """The unambiguous places among a document's resolved place names, once each."""
    out: dict[str, Anchor] = {}
    for place in places:
        if place.feature not in AREA_FEATURES or place.kind not in ANCHOR_KINDS \
                or place.lat is None or place.lon is None:
            continue
        key = name_key(place.text)
        if key in out:
            continue
        entries = [p for p in gaz.by_key(key) if p.feature == place.feature]
        areas = {(p.country, p.admin1) for p in entries}
        if len(areas) != 1:
            continue
        ((country, admin1),) = areas
        if country and admin1:
            point = (place.lat, place.lon) if place.feature in LOCAL_FEATURES else None
            out[key] = Anchor(key, country, admin1, point)
    return list(out.values())


@dataclass(frozen=True)
class OutletHome:
    """Where an outlet's articles point: context for its ambiguous names."""

    areas: tuple[tuple[str, str], ...]  # (country, admin1 code)
    countries: tuple[str, ...]
    points: tuple[tuple[float, float], ...]  # its anchors in those areas, each name once


@dataclass(frozen=True)
class OutletVotes:
    """What a home is decided from: how many of an outlet's articles name places with one
    reading, how many of them point at each admin-1 area and each country, and the points
    of the towns and districts among those places. Counted in memory (`learn_home`) or in
    the store's SQL (`ingest/homes.py`), and decided by `home_from_votes` either way."""

    articles: int
    areas: Mapping[tuple[str, str], int]  # (country, admin1) -> articles
    countries: Mapping[str, int]  # country -> articles
    points: Mapping[str, tuple[str, str, float, float]]  # name key -> (country, admin1, lat, lon)


def home_from_votes(votes: OutletVotes) -> OutletHome | None:
    """The outlet's home, or None when too few articles point anywhere or they do not agree."""
    if votes.articles < MIN_ARTICLES:
        return None
    need = max(MIN_ARTICLES, AREA_SHARE * votes.articles)
    areas = tuple(sorted(a for a, n in votes.areas.items() if n >= need))
    countries = tuple(sorted(c for c, n in votes.countries.items() if n >= need))
    if not areas and not countries:
        return None
    points = tuple(sorted((lat, lon) for country, admin1, lat, lon in votes.points.values()
                          if (country, admin1) in areas))
    return OutletHome(areas, countries, points)


def one_point(current: tuple[str, str, float, float] | None,
              new: tuple[str, str, float, float]) -> tuple[str, str, float, float]:
    """One point per name, the same whatever order the articles come in: two towns of one
    name in one state (both anchors of it) give the smaller (lat, lon)."""
    return new if current is None or new[2:] < current[2:] else current


class VoteCount:
    """An outlet's votes counted one document at a time (`votes_of`; a first reading of an
    ingest run counts each outlet's this way, `ingest/first_reading.py`).

    Each document votes once for every area and country it has anchors in, so one long
    list of towns weighs as much as a short story."""

    def __init__(self) -> None:
        self.articles = 0
        self.areas: Counter[tuple[str, str]] = Counter()
        self.countries: Counter[str] = Counter()
        self.points: dict[str, tuple[str, str, float, float]] = {}

    def add(self, found: list[Anchor]) -> None:
        if not found:
            return
        self.articles += 1
        self.areas.update({(a.country, a.admin1) for a in found})
        self.countries.update({a.country for a in found})
        for a in found:
            if a.point is not None:
                self.points[a.key] = one_point(self.points.get(a.key), (a.country, a.admin1, *a.point))

    def votes(self) -> OutletVotes:
        return OutletVotes(self.articles, self.areas, self.countries, self.points)


def votes_of(documents: Iterable[list[Anchor]]) -> OutletVotes:
    """An outlet's votes from its documents' anchors, in memory."""
    count = VoteCount()
    for found in documents:
        count.add(found)
    return count.votes()


def added(one: OutletVotes, other: OutletVotes) -> OutletVotes:
    """The votes of two disjoint sets of an outlet's documents (what a store holds and what
    a run reads first), as if counted together: the same whatever the order."""
    points = dict(one.points)
    for key, point in other.points.items():
        points[key] = one_point(points.get(key), point)
    return OutletVotes(one.articles + other.articles, Counter(one.areas) + Counter(other.areas),
                       Counter(one.countries) + Counter(other.countries), points)


def learn_home(documents: Iterable[list[Anchor]]) -> OutletHome | None:
    """The home of an outlet from its documents' anchors, or None when they do not agree."""
    return home_from_votes(votes_of(documents))


@dataclass
class OutletEvidence:
    """Anchors per outlet and document, from which homes are learned."""

    by_outlet: dict[str, dict[str, list[Anchor]]] = field(default_factory=dict)

    def add(self, outlet: str | None, doc_id: str, found: list[Anchor]) -> None:
        if outlet:
            self.by_outlet.setdefault(outlet, {})[doc_id] = found

    def home(self, outlet: str | None, without: str | None = None) -> OutletHome | None:
        """The outlet's home, learned from all its documents but `without` (out of fold)."""
        docs = self.by_outlet.get(outlet or "", {})
        return learn_home(found for doc_id, found in docs.items() if doc_id != without)

    def homes(self) -> dict[str, OutletHome]:
        """Every outlet's home, from all its documents (for a corpus, not for scoring)."""
        learned = {outlet: self.home(outlet) for outlet in self.by_outlet}
        return {outlet: home for outlet, home in learned.items() if home is not None}


def learn_outlet_homes(documents: Iterable[tuple[str | None, str, Iterable[NamedPlace]]],
                       gaz: Gazetteer) -> dict[str, OutletHome]:
    """Homes of the outlets of a corpus, from `(outlet, document id, places)` triples: the
    places of a first run's records (`record.places`), keyed by the outlet's name as
    `Document.outlet` gives it. Give the result to `sankore.analyze_many(outlet_homes=...)`
    (or to the places component's call: `component_cfg={"sankore_places": {"outlet_homes":
    ...}}`)."""
    evidence = OutletEvidence()
    for outlet, doc_id, places in documents:
        evidence.add(outlet, doc_id, anchors(places, gaz))
    return evidence.homes()
