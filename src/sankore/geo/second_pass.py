"""The place names the first pass (`candidates.find_candidates`) leaves out but the document
shows to be places. LGL dev set, 2026-12-06 (`benchmarks/geo_errors.py`): of 1,911 gold
toponyms missed, 720 sat inside a longer name, 95 were a name the article already used as a
place, 35 were datelines, and lists of counties and legislators' home towns made more.

- Names that open a longer name: "Shreveport Police Department", "Minnesota House",
  "University of Alexandria", "Fargo Mayor Dennis Walaker". GeoWebNews calls these
  `embedded` toponyms: places, but not where anything happens, so they go apart from the
  literal places (events and actors never read them as a place of their own).
- One sense per document (Gale, Church and Yarowsky 1992): a name the first pass took as a
  place is a place wherever else the article writes it ("Roselle police", "in Roselle"),
  unless that occurrence reads as a person.
- Datelines: "TORRINGTON —", "ROSWELL -" opening a story name the town it was filed from.
- A plural area word shared by a list: "Barrow, Jackson and Madison counties" names three
  counties, not three towns or persons.
- Legislators' parties and home towns: "Tom Bakk, DFL-Cook", "James Clyburn, D-S.C.".
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..spans import DASHES
from .candidates import (
    CONNECTORS,
    LOCAL_COUNTRY_POPULATION,
    LOCAL_POPULATION,
    NAMED_THINGS,
    PLACE_LABELS,
    WEAK_POPULATION,
    Candidate,
    _as_state_abbreviation,
    _candidate,
    _common_word,
    _covering_entity,
    _trim,
    areas_of,
    gazetteer_matches,
    is_street,
    not_acronym_towns,
)
from .gazetteer import Gazetteer, GazPlace
from .locative import DIRECTIONS, surely_located
from .longer_names import REGION_WORDS, inside_longer_name, starts_name
from .names import name_key
from .nonplaces import TITLES, names_an_actor, names_disease, person_tokens, reads_as_person
from .priors import is_strong, prior_best

# A plural area word after a list of names, and the singular each name takes ("Clay and
# Wilkin counties" = Clay County, Wilkin County).
PLURAL_AREAS = {"counties": "County", "parishes": "Parish", "boroughs": "Borough",
                "provinces": "Province", "districts": "District", "townships": "Township"}
LIST_WORDS = {",", "and", "or", "&", "/"}
# A town this big (or a capital) opens a longer name as itself anywhere; a smaller strong
# town only in a country the article names ("George Washington High School" in a Georgia
# paper is no George, South Africa).
BIG_CITY = 1_000_000
# Nouns after a town that say it is where people live or things are ("a Coral Gables man",
# "Camarillo residents", "Roselle police", "a Buford home").
RESIDENTS = {"man", "woman", "men", "women", "resident", "residents", "native", "natives",
             "couple", "family", "teen", "teenager", "boy", "girl", "home", "homes", "police",
             "officers", "firefighters", "neighborhood", "neighborhoods", "area", "city",
             "town", "village", "township", "residence", "business", "businesses", "schools",
             "officials", "voters", "students", "senior", "youth", "restaurant"}
# US party labels before a legislator's home town ("R-Elbow Lake", "DFL-Cook", "D-S.C.").
PARTIES = {"r", "d", "i", "dfl", "ind", "rep", "dem", "gop", "l", "g"}
# Words after a place that make "<place> <word> <Name>" a title, not a person's name
# ("Fargo Mayor Dennis Walaker", "Alexandria Police went").
OFFICES = TITLES - {"st", "saint", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord",
                    "lady", "father", "sister", "brother", "uncle", "aunt"} | {"police"}


def more_candidates(doc: Doc, gaz: Gazetteer, words: tuple[set[str], set[str]],
                    found: list[Candidate],
                    home: frozenset[tuple[str, str]] = frozenset()) -> list[Candidate]:
    """Candidates the first pass left out (see the module docstring), in text order. A
    county of a list replaces a first-pass candidate over the same words. `words`: the
    common-word lexicon of the first pass (adjectives, verbs, adverbs) and every English
    word the model knows (nouns too). `home`: the outlet's home areas, as in
    `find_candidates`."""
    out = county_lists(doc, gaz)
    out += party_homes(doc, gaz, _taken(found + out))
    taken = _taken(found + out)
    # Names the NER called places, or that stand after "in", "near" or "the town of".
    place_keys = {name_key(c.text) for c in found if c.places and (
        c.label in PLACE_LABELS or surely_located(doc, c.tok_start, c.tok_end))}
    persons = person_tokens(doc, gaz)
    areas = areas_of(found) | home
    # The countries of the places the first pass found, whatever the NER called them.
    countries = {best.country for c in found if (best := prior_best(c.places)) is not None}
    by_token = {i: c for c in found if c.places for i in range(c.tok_start, c.tok_end)}
    for start, end in gazetteer_matches(doc, gaz, taken):
        start, end = _trim(doc, start, end)
        if start >= end:
            continue
        listed = _listed_beside(doc, start, end, by_token, gaz, areas)
        cand = _judge(doc, gaz, words, (start, end), (place_keys, areas, countries), persons,
                      listed)
        if cand is not None:
            out.append(cand)
    out.sort(key=lambda c: c.start)
    return out


def merge(found: list[Candidate], more: list[Candidate]) -> list[Candidate]:
    """Both lists in text order; a first-pass candidate that a second-pass one overlaps gives
    way (only county lists are found over taken words)."""
    spans = [(c.tok_start, c.tok_end) for c in more]
    kept = [c for c in found if not any(c.tok_start < e and s < c.tok_end for s, e in spans)]
    return sorted(kept + more, key=lambda c: c.start)


def _taken(cands: list[Candidate]) -> set[int]:
    return {i for c in cands for i in range(c.tok_start, c.tok_end)}


def _local(places: tuple[GazPlace, ...], key: str, areas: set[tuple[str, str]]) -> bool:
    """A town of a state the article names ("Youngstown" beside "Ohio"), or a big one of a
    country it names, by its own name."""
    return any(p.feature == "city" and name_key(p.name) == key and (
        ((p.country, p.admin1) in areas and p.population >= LOCAL_POPULATION[0])
        or ((p.country, "*") in areas and p.population >= LOCAL_COUNTRY_POPULATION))
        for p in places)


def _judge(doc: Doc, gaz: Gazetteer, words: tuple[set[str], set[str]], bounds: tuple[int, int],
           known: tuple[set[str], set[tuple[str, str]], set[str]],
           persons: set[str], listed: bool = False) -> Candidate | None:
    """A gazetteer match the first pass refused, as a literal or embedded candidate.
    `known`: the name keys the first pass took as places, the areas and the countries of
    the places it found; `listed`: the name stands in a list beside a place of its state
    (`_listed_beside`)."""
    start, end = bounds
    place_keys, areas, countries = known
    lexicon, vocabulary = words
    span = doc[start:end]
    places = not_acronym_towns(span.text, gaz.lookup(span.text))
    if not places or (end - start == 1 and _common_word(doc[start], lexicon)):
        return None
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in TITLES:
        return None  # "President Jackson", "St. James"
    if names_disease(doc, end) or reads_as_person(doc, start, end, places):
        return None
    best = prior_best(places)
    key = name_key(span.text)
    strong = best is not None and is_strong(best) and (
        best.feature != "city" or name_key(best.name) == key)
    if strong and best is not None and best.feature == "city" and not (
            best.capital or best.population >= BIG_CITY or best.country in countries):
        strong = False  # "George Washington High School": George, South Africa, in Georgia
    if not strong and names_an_actor(span.text, by_shape=False):
        return None
    ent = _covering_entity(doc, start, end)
    label = ent.label_ if ent is not None else ""
    named_like_person = any(t.lower_ in persons for t in span)
    if _located(doc, start, end):
        # "Steven Sachs of Alexandria", "St. John's Lutheran School in Lombard": one entity
        # to the NER, a person or school and where it is to a reader.
        if not named_like_person and (strong or key in place_keys or _local(places, key, areas)
                                      or _town(places, key)):
            return _candidate(doc, gaz, start, end, label)
        return None
    longer = inside_longer_name(doc, start, end) or (
        ent is not None and ent.label_ in NAMED_THINGS | {"PERSON"}
        and (ent.start, ent.end) != (start, end))
    office = end < len(doc) and doc[end].lower_ in OFFICES
    if longer:
        if _street(doc, end) or not _opens_name(doc, start):
            return None
        if (label == "PERSON" or named_like_person) and not office:
            return None  # "George Bush", "Chad Smith": a person named like a place
        if _given_name(doc, start, end, vocabulary):
            return None  # "Nadia Moayyad" (an ORG to the NER): a name, then a surname
        if not (strong or key in place_keys or _local(places, key, areas)):
            return None
        return replace(_candidate(doc, gaz, start, end, label), embedded=True)
    if listed:
        # "Harwinton, Bantam, Litchfield, Winsted and all Torrington volunteer departments":
        # a town of the state of the place beside it in a list (LGL, tuned on).
        return _candidate(doc, gaz, start, end, label)
    if named_like_person:
        return None
    resident = end < len(doc) and doc[end].lower_ in RESIDENTS and _town(places, key)
    if key in place_keys or resident or (_dateline(doc, start, end) and best is not None):
        return _candidate(doc, gaz, start, end, label)
    return None


def _listed_beside(doc: Doc, start: int, end: int, by_token: dict[int, Candidate], gaz: Gazetteer,
                   areas: set[tuple[str, str]]) -> bool:
    """The name at [start, end) is a town of at least WEAK_POPULATION people (by its own name)
    in a list next to a place the first pass found, in that place's state or in a state the
    article names: "Paris and Roxton", "Athens, McMinn County and Etowah"."""
    key = name_key(doc[start:end].text)
    towns = {(p.country, p.admin1) for p in gaz.lookup(doc[start:end].text) if p.feature == "city"
             and name_key(p.name) == key and p.population >= WEAK_POPULATION}
    if not towns:
        return False
    beside = []
    i = start - 1
    if i >= 1 and doc[i].lower_ in LIST_WORDS:
        j = i - 2 if doc[i].lower_ in ("and", "or") and doc[i - 1].text == "," else i - 1
        beside.append(by_token.get(j))
    if end + 1 < len(doc) and doc[end].lower_ in LIST_WORDS:
        beside.append(by_token.get(end + 1))
    found = [c for c in beside if c is not None]
    states = {(b.country, b.admin1) for c in found
              if (b := prior_best(c.places)) is not None and b.feature != "country"}
    return bool(found) and bool(towns & (states | areas))


def _given_name(doc: Doc, start: int, end: int, vocabulary: set[str]) -> bool:
    """The place and one word more make the whole name, and that word is no English word:
    a given name and a surname ("Nadia Moayyad"), not "Fargo Police" or "Egypt Telecom"."""
    if end >= len(doc):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return (doc[end].is_alpha and starts_name(doc[end])
            and doc[end].lower_ not in vocabulary and doc[end].lemma_.lower() not in vocabulary
            and (after is None or after.text != ".")  # "West Chester Twp."
            and (start == 0 or not starts_name(doc[start - 1]) or bool(doc[start - 1].is_sent_start))
            and (after is None or not starts_name(after)))


def _located(doc: Doc, start: int, end: int) -> bool:
    """The place closes a name after "in", "near", "at" or a person's "of" ("Mindy Miller
    of Ravenel", "Rebecca Sears, 41, of Grovetown"): where someone or something is."""
    if start < 2 or (end < len(doc) and starts_name(doc[end]) and not doc[end].is_sent_start):
        return False
    prev, before = doc[start - 1].lower_, doc[start - 2]
    if prev in ("in", "near", "at", "outside"):
        return True
    return prev == "of" and (before.ent_type_ == "PERSON" or before.text == ",")


def _town(places: tuple[GazPlace, ...], key: str) -> bool:
    """A town of at least WEAK_POPULATION people by its own name, or an admin area."""
    return any(p.feature in ("admin1", "admin2") or (
        p.feature == "city" and name_key(p.name) == key and p.population >= WEAK_POPULATION)
        for p in places)


def _street(doc: Doc, end: int) -> bool:
    """The longer name is a street or road ("Memphis Street", "Augusta St."): no town.
    A court is an institution here ("Ohio Supreme Court", "Kanawha Circuit Court")."""
    stop = end
    while stop < len(doc) and stop - end < 4 and doc[stop].text[:1].isupper():
        stop += 1
    return stop > end and doc[stop - 1].lower_ != "court" and is_street(doc[end:stop])


def _opens_name(doc: Doc, start: int) -> bool:
    """The place is the first word of the longer name, or follows "of", "the", a direction
    or a region word ("University of Alexandria", "North Las Vegas", "Western Pennsylvania
    Kennel Association"): not "George Washington High School", whose place word is a
    person's surname."""
    if start == 0:
        return True
    prev = doc[start - 1]
    return not prev.text[:1].isupper() or prev.is_sent_start or prev.lower_ in CONNECTORS \
        or prev.lower_ in DIRECTIONS or prev.lower_ in REGION_WORDS


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """"TORRINGTON — A fire destroyed", "CHARLESTON, W.Va. --": a name in capitals at the
    start of a sentence, before a dash (after an optional ", STATE")."""
    span = doc[start:end]
    if not span.text.isupper() or not (doc[start].is_sent_start or start == 0 or
                                       doc[start - 1].text in (".", "\n") or "\n" in doc[start - 1].text):
        return False
    after = doc[end:end + 4]
    return any(t.text in DASHES for t in after[:1]) or (
        len(after) >= 3 and after[0].text == "," and any(t.text in DASHES for t in after[2:4]))


def county_lists(doc: Doc, gaz: Gazetteer) -> list[Candidate]:
    """"Becker, Clay, Otter Tail and Wilkin counties": each name of the list is a county
    (the area word's singular after the name), when the gazetteer knows it as one."""
    out: list[Candidate] = []
    for tok in doc:
        head = PLURAL_AREAS.get(tok.lower_)
        if head is None:
            continue
        for start, end in _list_before(doc, tok.i):
            text = doc[start:end].text
            places = tuple(p for p in gaz.lookup(f"{text} {head}")
                           if p.feature in ("admin1", "admin2"))
            if places:
                cand = _candidate(doc, gaz, start, end, "")
                out.append(replace(cand, places=places))
    return out


def _list_before(doc: Doc, i: int) -> list[tuple[int, int]]:
    """The capitalized names of the list that ends before token `i`, as token ranges."""
    names: list[tuple[int, int]] = []
    end = i
    j = i - 1
    while j >= 0:
        if doc[j].text[:1].isupper() and doc[j].is_alpha:
            j -= 1
            continue
        if end > j + 1:
            names.append((j + 1, end))
        if doc[j].lower_ not in LIST_WORDS or end == j + 1:
            break
        end = j
        j -= 1
    else:
        if end > 0:
            names.append((0, end))
    return names[::-1]


def party_homes(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Candidate]:
    """"Tom Bakk, DFL-Cook," / "(R-Elbow Lake)": the home town after a party label."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ not in PARTIES or not tok.text[:1].isupper() or tok.i + 2 >= len(doc):
            continue
        if doc[tok.i + 1].text != "-" or tok.i == 0 or doc[tok.i - 1].text not in (",", "("):
            continue
        start = end = tok.i + 2
        while end < len(doc) and doc[end].text not in (",", ")") and end - start < 4:
            end += 1
        if end >= len(doc) or doc[end].text not in (",", ")") or any(
                i in taken for i in range(start, end)):
            continue
        span: Span = doc[start:end]
        if span.text[:1].isupper() and gaz.lookup(span.text):
            out.append(_as_state_abbreviation(_candidate(doc, gaz, start, end, ""), gaz))
    return out
