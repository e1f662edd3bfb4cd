"""Choose the gazetteer entry a candidate toponym means, and say how sure that is.

A candidate's entries are scored by what a bare name most often means in news (a country
before a town of the same name, a big city before a village), then by the document: the
countries and US states its other, unambiguous place names point to, and a qualifier that
follows the name ("Alexandria, Louisiana", "Paris, Texas", "Bamako (Mali)"). The score
margin between the best and the next entry becomes the confidence; a name the gazetteer
does not know stays unresolved with a low confidence, never a guess.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..distance import EARTH_RADIUS_KM, haversine_km
from .candidates import Candidate, is_strong
from .gazetteer import GazPlace
from .names import name_key
from .outlets import LOCAL_FEATURES, OutletHome
from .priors import prior_score

CONTEXT_COUNTRY = 2.0  # the document names this entry's country elsewhere (+1 per further
CONTEXT_COUNTRY_MAX = 4.0  # name, up to this: local news full of US towns means a US town)
NEAR_KM = 80.0  # a town this close to another the document names is its neighbour
NEIGHBOUR = 2.0  # per neighbouring name, up to NEIGHBOUR_MAX (LGL dev set, 2026-12-06)
NEIGHBOUR_MAX = 6.0
CONTEXT_ADMIN1 = 3.0  # ... or its US state / admin1: "Dublin" beside "Georgia" is Dublin, GA
MAIN_NAME = 3.0  # the text is the entry's main name, not one of its alternates
QUALIFIER = 20.0  # "Alexandria, Louisiana": the qualifier decides
# A province or state that shares its name with its country's capital yields to the capital
# unless the document points to it ("Washington" is the US capital before Washington State;
# an analyst's 5 articles, 3 errors, and 17 in the LGL dev set).
CAPITAL_NAMESAKE = 3.0
# NEAR_KM as degrees of latitude, a hair wide so that rounding never leaves a neighbour out.
_NEAR_DEGREES = math.degrees(NEAR_KM / EARTH_RADIUS_KM) * (1 + 1e-9) + 1e-9


@dataclass
class Context:
    """Which countries and admin1 areas the document's confident place names point to,
    with the candidate keys that point there (a name is no evidence for itself)."""

    countries: dict[str, set[str]] = field(default_factory=dict)
    admin1: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # Towns and districts a first reading resolved, by name key: a second reading prefers
    # the namesake near them (spatial minimality: local news names neighbouring towns).
    points: list[tuple[str, float, float]] = field(default_factory=list)
    # `points` without repeats, sorted by latitude, and the counts `neighbours` gave, for as
    # many points as they were made from (add_points only appends).
    _by_latitude: tuple[int, list[tuple[float, float, str]]] = field(
        default=(0, []), init=False, repr=False, compare=False)
    _counted: dict[tuple[float, float, str], int] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def neighbours(self, place: GazPlace, key: str) -> int:
        """How many other names' first-reading places lie within NEAR_KM of `place`.

        Only the points less than NEAR_KM away in latitude alone are measured (the
        great-circle distance is at least the latitude difference's), each place and key
        once: asked per candidate of every point of the document, a long text was quadratic."""
        if place.lat is None or place.lon is None:
            return 0
        if self._by_latitude[0] != len(self.points):
            self._by_latitude = (len(self.points), sorted({(lat, lon, k) for k, lat, lon in self.points}))
            self._counted = {}
        asked = (place.lat, place.lon, key)
        if asked not in self._counted:
            points = self._by_latitude[1]
            low = bisect_left(points, (place.lat - _NEAR_DEGREES,))
            high = bisect_right(points, (place.lat + _NEAR_DEGREES, math.inf))
            self._counted[asked] = len({k for lat, lon, k in points[low:high] if k != key
                                        and haversine_km(place.lat, place.lon, lat, lon) <= NEAR_KM})
        return self._counted[asked]

    def country_support(self, country: str, key: str) -> int:
        """How many other names of the document (and its outlet) point to `country`."""
        keys = self.countries.get(country, set())
        return len(keys) - (key in keys)  # not a copy of the set less `key`, per candidate

    def supports_admin1(self, country: str, admin1: str, key: str) -> bool:
        keys = self.admin1.get((country, admin1), set())
        return len(keys) > (key in keys)


def document_context(candidates: list[Candidate]) -> Context:
    ctx = Context()
    for cand in candidates:
        if not cand.places:
            continue
        best = max(cand.places, key=prior_score)
        # Only names that are nearly certain count: one entry, or a strong one (a country,
        # a state, a capital, a big city), so that one wrong guess does not pull others.
        if len(cand.places) > 1 and not is_strong(best):
            continue
        key = name_key(cand.text)
        if best.country:
            ctx.countries.setdefault(best.country, set()).add(key)
        # A national capital is named for its government, not as a local anchor: "London"
        # is no evidence that a Guardian article's "Washington" lies in England.
        if best.feature in ("admin1", "city") and best.admin1 and best.country \
                and not best.capital:
            ctx.admin1.setdefault((best.country, best.admin1), set()).add(key)
    return ctx


OUTLET = "\0outlet"  # the key under which the outlet's home speaks in a Context


def add_home(ctx: Context, home: OutletHome) -> None:
    """The outlet's home (`geo/outlets.py`) as one more voice for its areas and countries,
    and its unambiguous places as one more neighbour: a Tennessee paper's "Paris" with no
    state named is Paris, Tennessee."""
    for country, admin1 in home.areas:
        ctx.admin1.setdefault((country, admin1), set()).add(OUTLET)
    for country in home.countries:
        ctx.countries.setdefault(country, set()).add(OUTLET)
    ctx.points.extend((OUTLET, lat, lon) for lat, lon in home.points)


def add_points(ctx: Context, resolved: list[tuple[Candidate, GazPlace | None]]) -> None:
    """Record a first reading's towns and districts as `ctx.points` for the second."""
    for cand, place in resolved:
        if place is not None and place.feature in LOCAL_FEATURES and place.lat is not None \
                and place.lon is not None:
            ctx.points.append((name_key(cand.text), place.lat, place.lon))


FEW_NAMESAKES = 20  # a name with at most this many towns and districts is evidence (LGL: 5: 19
# fewer misresolved of 547, 10: 37, 20: 40, 40 or no limit: 31)


def add_namesakes(ctx: Context, candidates: list[Candidate]) -> None:
    """Every town or district a rare name may mean, as `ctx.points` for the second reading:
    "Alexandria" beside "Nokomis", "Brandon" and "Kensington" is the one near them all
    (Minnesota), though no state is named and the first reading took each name's most
    populous namesake. Names with many namesakes ("Washington", "Springfield") would place
    a point near every town, so they are left out."""
    for cand in candidates:
        local = [p for p in cand.places if p.feature in LOCAL_FEATURES
                 and p.lat is not None and p.lon is not None]
        if 1 < len(local) <= FEW_NAMESAKES:
            key = name_key(cand.text)
            ctx.points.extend((key, p.lat, p.lon) for p in local if p.lat is not None and p.lon is not None)


@dataclass(frozen=True)
class Qualifier:
    country: str | None = None
    admin1: str | None = None

    def matches(self, place: GazPlace) -> bool:
        if self.country and place.country != self.country:
            return False
        return not (self.admin1 and place.admin1 != self.admin1)


def qualifier_of(place: GazPlace | None, ap_code: str | None = None) -> Qualifier | None:
    """What a following ", X" or "(X)" restricts a name to, when X is a state or country."""
    if ap_code:
        return Qualifier("USA", ap_code)
    if place is None:
        return None
    if place.feature == "country":
        return Qualifier(place.country)
    if place.feature == "admin1":
        # Curated provinces carry no GeoNames admin1 code: their country still narrows.
        return Qualifier(place.country, place.admin1 or None)
    return None


def score_places(cand: Candidate, ctx: Context,
                 qualifier: Qualifier | None = None) -> list[tuple[float, GazPlace]]:
    key = name_key(cand.text)
    capitals = {p.country for p in cand.places if p.capital}
    scored = []
    for place in cand.places:
        score = prior_score(place)
        if place.feature == "admin1" and place.country in capitals:
            score -= CAPITAL_NAMESAKE
        support = ctx.country_support(place.country, key) if place.country else 0
        if support:
            score += min(CONTEXT_COUNTRY + support - 1, CONTEXT_COUNTRY_MAX)
        if place.admin1 and ctx.supports_admin1(place.country, place.admin1, key):
            score += CONTEXT_ADMIN1
        if name_key(place.name) == key:
            score += MAIN_NAME
        if ctx.points and place.feature in LOCAL_FEATURES:
            score += min(NEIGHBOUR * ctx.neighbours(place, key), NEIGHBOUR_MAX)
        if qualifier is not None and qualifier.matches(place):
            score += QUALIFIER
        scored.append((score, place))
    scored.sort(key=lambda sp: -sp[0])
    return scored


RECOGNITION = {"GPE": 0.9, "LOC": 0.8, "FAC": 0.7}


def resolve(cand: Candidate, ctx: Context,
            qualifier: Qualifier | None = None) -> tuple[GazPlace | None, float]:
    """The entry `cand` most likely means (None when unknown) and a confidence in 0..1."""
    recognition = RECOGNITION.get(cand.label, 0.75 if is_strong(_best(cand)) else 0.55)
    scored = score_places(cand, ctx, qualifier)
    if not scored:
        return None, round(0.2 * recognition, 2)
    top_score, top = scored[0]
    margin = top_score - scored[1][0] if len(scored) > 1 else 6.0
    certainty = 1.0 / (1.0 + math.exp(-margin))  # 0.5 for a tie, ~1 for a clear winner
    if top.lat is None:
        certainty *= 0.5
    return top, round(recognition * certainty, 2)


def _best(cand: Candidate) -> GazPlace | None:
    return max(cand.places, key=prior_score, default=None)
