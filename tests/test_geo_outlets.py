"""An outlet's home, learned from the unambiguous places of its other articles, decides a
local namesake the article leaves bare ("Alexandria" in a central Louisiana paper)."""

from __future__ import annotations

import pytest

from sankore.distance import haversine_km
from sankore.geo.gazetteer import load_gazetteer
from sankore.geo.outlets import (
    Anchor,
    OutletEvidence,
    OutletHome,
    anchors,
    learn_home,
    learn_outlet_homes,
)

# Short local stories of one paper: each names places of central Louisiana with one reading
# only (Cottonport, Avoyelles Parish, Rapides Parish, Natchitoches), none names the state.
LOCAL = [
    "Deputies arrested two men in Cottonport on Friday after a chase through Avoyelles Parish.",
    "The Pineville City Council voted to repave roads near the Rapides Parish line.",
    "A Natchitoches man was injured in a crash on the highway near Boyce.",
]
BARE = "Alexandria woman charged in connection with house fire. She was arrested Tuesday."
ALEXANDRIA_LA = (31.31, -92.45)


@pytest.fixture(scope="module")
def places_nlp():
    from sankore.pipeline import build_pipeline

    return build_pipeline(components=("sankore_places",))


def test_anchors_are_the_places_with_one_reading(places_nlp):
    gaz = load_gazetteer()
    found = anchors(places_nlp(LOCAL[0])._.places, gaz)
    assert {(a.key, a.country, a.admin1) for a in found} == {
        ("cottonport", "USA", "LA"), ("avoyelles parish", "USA", "LA")}
    # "Alexandria" has namesakes in many states and countries: no anchor.
    assert anchors(places_nlp(BARE)._.places, gaz) == []


def test_the_home_is_where_most_articles_point():
    la = [Anchor("a", "USA", "LA", (31.0, -92.0))]
    tx = [Anchor("b", "USA", "TX", (32.7, -97.3))]
    home = learn_home([la, la, tx])
    assert home is not None and home.areas == (("USA", "LA"),) and home.countries == ("USA",)
    assert home.points == ((31.0, -92.0),)
    # One article is too little; a national paper's home is its country, no state; articles
    # all over the map (a wire service) agree on nothing.
    assert learn_home([la]) is None
    national = [[Anchor(str(i), "USA", state, None)] for i, state in enumerate("AL AK AZ AR CA".split())]
    assert learn_home(national) == OutletHome((), ("USA",), ())
    world = [[Anchor(str(i), country, "01", None)] for i, country in enumerate("USA FRA IND BRA".split())]
    assert learn_home(world) is None


def test_out_of_fold_leaves_the_document_out():
    evidence = OutletEvidence()
    evidence.add("towntalk", "1", [Anchor("a", "USA", "LA", None)])
    evidence.add("towntalk", "2", [Anchor("b", "USA", "LA", None)])
    evidence.add("towntalk", "3", [Anchor("c", "USA", "LA", None)])
    evidence.add(None, "4", [Anchor("d", "USA", "TX", None)])  # no outlet: no evidence
    assert evidence.home("towntalk") is not None
    home = evidence.home("towntalk", without="3")
    assert home is not None and home.areas == (("USA", "LA"),)
    evidence.add("towntalk", "2", [])
    assert evidence.home("towntalk", without="3") is None  # one article with anchors left
    assert evidence.home("other") is None and set(evidence.by_outlet) == {"towntalk"}


def test_a_bare_local_namesake_takes_the_outlets_home(places_nlp):
    gaz = load_gazetteer()
    docs = [places_nlp(text) for text in LOCAL]
    homes = learn_outlet_homes((("The Town Talk", str(i), d._.places) for i, d in enumerate(docs)), gaz)
    assert set(homes) == {"The Town Talk"} and homes["The Town Talk"].areas == (("USA", "LA"),)

    def alexandria(outlet: str | None, homes: dict | None = None) -> tuple[float, float]:
        doc = places_nlp.make_doc(BARE)
        doc._.outlet = outlet
        # The homes travel with the call, as analyze_many passes them, never on the component.
        doc = places_nlp(doc, component_cfg={"sankore_places": {"outlet_homes": homes}})
        [place] = [p for p in doc._.places if p.text == "Alexandria"]
        assert place.lat is not None and place.lon is not None
        return place.lat, place.lon

    alone = alexandria("The Town Talk")  # no homes learned yet: the most likely namesake
    assert haversine_km(*alone, *ALEXANDRIA_LA) > 1000
    assert haversine_km(*alexandria("The Town Talk", homes), *ALEXANDRIA_LA) < 20
    assert alexandria("Another Paper", homes) == alone  # another outlet's home is no evidence
