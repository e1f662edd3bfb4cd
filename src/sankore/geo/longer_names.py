"""Whether a place name stands alone or is part of a longer capitalized name: "Alliance of
Sahel States" and "Shreveport Police Department" are names of their own (the place word is
at most an `embedded` toponym), "Port of Berbera" and "Gulf of Aden" are still places.

Shared by the first pass of candidates and the second (`second_pass`), below both.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer, GazPlace
from .locative import DIRECTIONS, SETTLEMENTS
from .priors import prior_best

# Words that make a longer name a place name too ("Port of Berbera", "Washington State").
GEO_HEADS = {"port", "gulf", "bay", "city", "republic", "province", "state", "island",
             "islands", "sea", "lake", "strait", "straits", "isle", "cape", "coast", "region",
             "district", "county", "parish", "valley", "river", "peninsula", "harbor",
             "harbour", "kingdom", "emirate", "territory", "basin", "delta", "plateau"}

# The last words of a road's name and of a natural feature's ("Red River", "Darby Street").
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive",
                "dr", "lane", "ln", "parkway", "pkwy", "highway", "hwy", "way", "place", "pl",
                "court", "ct", "terrace", "square", "plaza", "circle", "trail", "pike",
                "turnpike", "expressway", "freeway", "bridge"}
REGION_WORDS = {"northern", "southern", "eastern", "western", "central", "upper", "lower",
                "greater", "downtown", "inner", "outer", "mid", "north-east", "north-west",
                "south-east", "south-west", "far", "northeastern", "northwestern", "southeastern",
                "southwestern"}
# Words of a state's formal name before "of" ("State of Illinois", "Commonwealth of Kentucky").
POLITY_WORDS = {"state", "province", "commonwealth", "republic", "kingdom", "territory", "empire"}
NATURAL = {"creek", "falls", "park", "forest", "canyon", "beach", "hill", "hills", "mountain",
           "mountains", "mount", "desert", "lakes", "ridge", "swamp", "reservoir", "dam", "river",
           "lake", "sea", "bay", "gulf", "strait", "island", "islands", "valley", "peninsula",
           "basin", "delta", "plateau", "coast", "harbor", "harbour", "cape", "isle"}


def starts_name(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """"Alliance of Sahel States", "Tanzania Daily News": the place word is part of a
    longer capitalized name (an organization, a newspaper), not a toponym of its own."""
    nxt = doc[end] if end < len(doc) else None
    if (nxt is not None and starts_name(nxt) and nxt.pos_ == "PROPN" and not nxt.is_sent_start
            and nxt.lower_ not in GEO_HEADS):
        return True
    if start >= 2 and doc[start - 1].lower_ in ("of", "for") and starts_name(doc[start - 2]):
        if doc[start - 2].lower_ in GEO_HEADS:
            return False  # "Port of Berbera", "Gulf of Aden": still a place
        return not doc[start - 2].is_sent_start or doc[start - 2].pos_ == "PROPN"
    return False


def part_of_name(doc: Doc, ent: Span, start: int, end: int) -> bool:
    """The place [start, end) inside entity `ent` touches another word of the entity's name
    ("Agence France-Presse", "University of Alexandria"), not only the words between two
    places the NER ran together ("Niamey to Kyiv")."""
    if (ent.start, ent.end) == (start, end):
        return False
    after = doc[end:min(ent.end, end + 2)]
    if after and (starts_name(after[0]) or (after[0].text == "-" and len(after) > 1
                                            and starts_name(after[1]))):
        return True
    before = doc[max(ent.start, start - 2):start]
    return bool(before) and (starts_name(before[-1]) or (
        before[-1].lower_ in ("of", "for") and len(before) > 1 and starts_name(before[0])))


def geographic(doc: Doc, start: int, places: list[GazPlace] | tuple[GazPlace, ...]) -> bool:
    """A gulf or region, or the town of a "Port of X": a place even inside a longer name."""
    best = prior_best(places)
    return (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in GEO_HEADS) or (
        best is not None and best.feature in ("water", "region"))


def edges_free(doc: Doc, start: int, end: int) -> bool:
    """Neither neighbour of the span is a capitalized word (part of a person's name)."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return not any(t is not None and starts_name(t) for t in (before, after))


def known_part(doc: Doc, gaz: Gazetteer, start: int, end: int) -> tuple[int, tuple[GazPlace, ...]]:
    """The end and entries of an unknown name's known part: "Northeast Georgia" and "West
    Wichita" lie in Georgia and Wichita (the whole span stays); "Titus County Jail" and
    "Dublin City Council" name Titus County and Dublin (the span shrinks to them). LGL dev
    set: 60 such spans were matched but unresolved."""
    if doc[start].lower_ in DIRECTIONS or doc[start].lower_ in REGION_WORDS:
        if found := gaz.lookup(doc[start + 1:end].text):
            return end, tuple(found)
    if end - start > 2 and doc[start + 1].lower_ == "of" and doc[start].lower_ in POLITY_WORDS | SETTLEMENTS:
        # "the State of Illinois", "the Province of Ontario", "the City of Canton" name the
        # state or the town itself.
        kinds = ("admin1", "country") if doc[start].lower_ in POLITY_WORDS else ("city", "admin2")
        found = [p for p in gaz.lookup(doc[start + 2:end].text) if p.feature in kinds]
        if found:
            return end, tuple(found)
    for stop in range(end - 1, start, -1):
        if doc[stop].lower_ in NATURAL:
            continue  # "Red River" is a river, not the town of Red
        if found := gaz.lookup(doc[start:stop].text):
            return stop, tuple(found)
    return end, ()
