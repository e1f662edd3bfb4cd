"""What a place name means before the document is read: the prior of each gazetteer entry,
and the AP-style US state abbreviations.

Both the candidate finder and the resolver need these; they live here, below both, so that
neither imports the other.
"""

from __future__ import annotations

import math

from .gazetteer import GazPlace

# Scores are log10-population-like: a city scores log10(population), a country 11, as
# if it outranked any city of its name (Mexico before Mexico City, Niger before any Niger).
FEATURE_PRIOR = {"country": 11.0, "continent": 11.0, "admin1": 9.0, "region": 9.0,
                 "water": 9.0, "admin2": 6.0, "city": 0.0}
CAPITAL_BONUS = 1.5
# Admin areas with a population (every country's, built from GeoNames cities) score like a
# city of that population, admin-1 one step up; rows without one keep the flat prior.
AREA_BONUS = {"admin1": 1.0, "admin2": 0.0}
# AP-style state abbreviations, exactly as written ("L.A." is Los Angeles, not "La.").
AP_STATES = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Cal": "CA", "Colo": "CO",
    "Conn": "CT", "Del": "DE", "Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN",
    "Kan": "KS", "Kans": "KS", "Ky": "KY", "La": "LA", "Md": "MD", "Mass": "MA",
    "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT", "Neb": "NE",
    "Nebr": "NE", "Nev": "NV", "N.H": "NH", "N.J": "NJ", "N.M": "NM", "N.Y": "NY",
    "N.C": "NC", "N.D": "ND", "Okla": "OK", "Ore": "OR", "Pa": "PA", "R.I": "RI",
    "S.C": "SC", "S.D": "SD", "Tenn": "TN", "Tex": "TX", "Vt": "VT", "Va": "VA",
    "Wash": "WA", "W.Va": "WV", "W. Va": "WV", "Wis": "WI", "Wisc": "WI", "Wyo": "WY",
    "D.C": "DC",
}


def prior_score(place: GazPlace) -> float:
    if place.feature in AREA_BONUS and place.population:
        return math.log10(place.population + 1) + AREA_BONUS[place.feature]
    score = FEATURE_PRIOR.get(place.feature, 0.0)
    if place.feature == "city":
        score += math.log10(place.population + 1) + (CAPITAL_BONUS if place.capital else 0.0)
    return score


def ap_state(text: str) -> str | None:
    """The USPS code of an AP state abbreviation ("Ga.", "W.Va."), else None."""
    return AP_STATES.get(text.strip().rstrip("."))


STRONG_POPULATION = 100_000  # a city this size is a place before it is anything else


def prior_best(places: tuple[GazPlace, ...] | list[GazPlace]) -> GazPlace | None:
    """The candidate a bare name most likely means: countries and regions first, then size."""
    return max(places, key=prior_score, default=None)


def is_strong(place: GazPlace | None) -> bool:
    if place is None:
        return False
    # A county name ("Laurel County") carries its place type in it: as sure as a state.
    return place.feature != "city" or place.capital or place.population >= STRONG_POPULATION
