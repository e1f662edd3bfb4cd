"""Issue 20: the place names the first pass of candidates left out, on real LGL articles
(the set the places rules are tuned on): names inside longer names (kind `embedded`, kept
off `doc._.places`), datelines, lists of counties, legislators' home towns, and a name the
article already uses as a place."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sankore.distance import haversine_km
from sankore.eval.geo import read_lgl

from .conftest import shared


@pytest.fixture(scope="module")
def lgl():
    path = shared("geo", "lgl.xml")
    return [d.text for d in read_lgl(ET.parse(path).getroot())]


@pytest.fixture(scope="module")
def places_nlp():
    from sankore.pipeline import build_pipeline

    return build_pipeline(components=("sankore_places",))


def _around(places_nlp, lgl, phrase):
    """The first LGL article with `phrase`, parsed, and the place mentions (both lists)
    whose start lies inside the phrase."""
    text = next(t for t in lgl if phrase in t)
    doc = places_nlp(text)
    start = text.index(phrase)
    inside = [p for p in [*doc._.places, *doc._.demonyms] if start <= p.start < start + len(phrase)]
    return doc, inside


def test_a_town_opening_an_organization_name_is_embedded_and_off_the_places(places_nlp, lgl):
    doc, inside = _around(places_nlp, lgl, "Shreveport Police Department")
    assert [(p.text, p.kind) for p in inside] == [("Shreveport", "embedded")]
    assert haversine_km(inside[0].lat, inside[0].lon, 32.53, -93.75) < 50  # Louisiana
    # Events, actors and the map read doc._.places: no embedded name reaches them.
    assert all(p.kind != "embedded" for p in doc._.places)


def test_a_state_after_a_region_word_in_an_organization_name_is_embedded(places_nlp, lgl):
    for phrase, state in (("Western Pennsylvania Kennel Association", "Pennsylvania"),
                          ("Eastern Kentucky University", "Kentucky")):
        _, inside = _around(places_nlp, lgl, phrase)
        assert [(p.text, p.kind, p.name) for p in inside] == [(state, "embedded", state)]


def test_a_person_named_like_a_town_opens_no_place(places_nlp, lgl):
    _, inside = _around(places_nlp, lgl, "George Washington High School")
    assert not [p for p in inside if p.text == "George"], inside


def test_a_dateline_in_capitals_is_the_town_filed_from(places_nlp, lgl):
    _, inside = _around(places_nlp, lgl, "TORRINGTON —")
    assert [(p.text, p.kind) for p in inside] == [("TORRINGTON", "literal")]
    assert haversine_km(inside[0].lat, inside[0].lon, 41.80, -73.12) < 50  # Connecticut


def test_a_list_before_counties_names_counties(places_nlp, lgl):
    phrase = "Becker, Clay, Douglas, Grant, Mahnomen, Otter Tail, Swift and Wilkin counties"
    _, inside = _around(places_nlp, lgl, phrase)
    names = {p.text: p for p in inside}
    assert set(names) == {"Becker", "Clay", "Douglas", "Grant", "Mahnomen", "Otter Tail", "Swift",
                          "Wilkin"}
    for p in names.values():
        assert p.feature == "admin2" and p.kind == "literal" and p.name.endswith("County"), p
        assert 45 < p.lat < 48 and -97 < p.lon < -94, p  # west-central Minnesota


def test_a_legislators_home_town_after_the_party(places_nlp, lgl):
    _, inside = _around(places_nlp, lgl, "R-Elbow Lake")
    assert [p.text for p in inside] == ["Elbow Lake"]
    assert haversine_km(inside[0].lat, inside[0].lon, 45.99, -95.98) < 50  # Minnesota


@pytest.mark.parametrize("phrase,name,point", [
    ("Rebecca Sears, 41, of Grovetown", "Grovetown", (33.45, -82.20)),  # a person's "of"
    ("A Coral Gables man was", "Coral Gables", (25.72, -80.27)),  # a town's resident
    ("Roselle police", "Roselle", (41.98, -88.08)),  # a town's police (Illinois)
])
def test_where_a_person_lives_is_a_place(places_nlp, lgl, phrase, name, point):
    doc, inside = _around(places_nlp, lgl, phrase)
    found = [p for p in inside if p.text == name]
    assert len(found) == 1 and found[0] in doc._.places, inside
    assert haversine_km(found[0].lat, found[0].lon, *point) < 50, found


def test_a_given_name_before_a_surname_is_no_place(places_nlp, lgl):
    """"Nadia Moayyad said" (an ORG to the NER): Nadia is also a district of India."""
    text = next(t for t in lgl if "Nadia Moayyad" in t)
    doc = places_nlp(text)
    assert not [p for p in [*doc._.places, *doc._.demonyms] if p.text == "Nadia"]


def test_rare_names_place_their_neighbours(places_nlp, lgl):
    """No state is named in the headline: Hall County and Forsyth County each have a few
    namesakes, and only Georgia's lie near each other (resolve.add_namesakes)."""
    phrase = "Former Hall County official named to Forsyth County post"
    _, inside = _around(places_nlp, lgl, phrase)
    points = {p.text: (p.lat, p.lon) for p in inside}
    assert haversine_km(*points["Hall County"], 34.32, -83.82) < 50, points
    assert haversine_km(*points["Forsyth County"], 34.22, -84.13) < 50, points
