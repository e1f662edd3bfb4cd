"""The founding article's acceptance list (issue 2), read off the records."""


import pytest

from sankore.distance import haversine_km

REAL = {  # city: (country, lat, lon) of the real place
    "Bamako": ("MLI", 12.65, -8.00), "Niamey": ("NER", 13.51, 2.11),
    "Ouagadougou": ("BFA", 12.37, -1.53), "Moscow": ("RUS", 55.75, 37.62),
    "Berbera": ("SOM", 10.44, 45.01), "Mogadishu": ("SOM", 2.04, 45.34),
    "Kyiv": ("UKR", 50.45, 30.52),
}


km = haversine_km  # the package's one definition: tests measure as it does


def test_metadata(seed_record):
    doc = seed_record.doc
    assert doc.published == "2025-04-30"
    assert doc.author == "Abayomi Azikiwe"
    assert "Alliance of Sahel States" in doc.title


@pytest.mark.parametrize("city", sorted(REAL))
def test_cities_are_places_within_50_km(seed_record, city):
    country, lat, lon = REAL[city]
    found = [p for p in seed_record.places if p.text == city]
    assert found, f"{city} not found among places"
    for place in found:
        assert place.country == country
        assert km(place.lat, place.lon, lat, lon) < 50, place


@pytest.mark.parametrize("name, code", [("Mali", "MLI"), ("Niger", "NER"), ("Chad", "TCD"),
                                        ("Burkina Faso", "BFA"), ("Somalia", "SOM"),
                                        ("Ukraine", "UKR")])
def test_countries_are_country_places(seed_record, name, code):
    found = [p for p in seed_record.places if p.text == name]
    assert found and all(p.country == code and p.feature == "country" for p in found)


def test_no_place_is_a_person_or_a_date(seed_record):
    text = seed_record.doc.text
    persons = {text[s:e] for ent in seed_record.entities if ent.kind == "person"
               for s, e in ent.mentions}
    assert not persons & {*REAL, "Niger", "Mali", "Burkina Faso", "Sahel"}
    assert not {t.text for t in seed_record.times} & {"Niger", "We", "Mali"}


@pytest.mark.parametrize("text, value", [
    ("December 2023", "2023-12"), ("last year", "2024"), ("April 15-16", "2025-04-15/2025-04-16"),
])
def test_times(seed_record, text, value):
    found = [t for t in seed_record.times if t.text == text]
    assert found and all(t.value == value for t in found)


def test_extractors_ignore_the_boilerplate(seed_record):
    (start, end), = seed_record.boilerplate
    assert seed_record.doc.text[start:end].endswith("Source link")
    spans = [p.span for p in seed_record.places] + [t.span for t in seed_record.times]
    spans += [m for e in seed_record.entities for m in e.mentions]
    assert all(s_end <= start or s_start >= end for s_start, s_end in spans)
