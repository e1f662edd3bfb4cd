"""What is not a place, though the gazetteer or the NER says so: persons, groups,
organizations and diseases that carry a place's name.

The classes come from the errors the issue lists (Guardian sample: "Saratova" as Saratov,
"Yazidi", "Isis", "DfID"; an analyst's "Bidens") and the LGL dev set ("President
Saakashvili", "Petrova said"): each rule is about a kind of name, never a single name.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..resources import lexicons
from .gazetteer import Gazetteer, GazPlace
from .locative import PLACE_LABELS, SETTLEMENTS
from .longer_names import GEO_HEADS, NATURAL, POLITY_WORDS, STREET_WORDS
from .metonymy import acts
from .names import name_key
from .priors import is_strong, prior_best

# Titles before a name make it a person ("President Jackson", "Mr. Paris").
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president",
          "minister", "general", "gen", "col", "colonel", "captain", "capt", "sgt", "sergeant",
          "judge", "justice", "senator", "sen", "rep", "governor", "gov", "mayor", "pope",
          "king", "queen", "prince", "princess", "saint", "st", "rev", "reverend", "father",
          "bishop", "officer", "deputy", "detective", "coach", "professor", "prof", "chief",
          "sheriff", "attorney", "commissioner", "chairman", "secretary", "ambassador",
          "spokesman", "spokeswoman", "director", "agent", "trooper", "lt", "lieutenant",
          "maj", "major", "cpl", "corporal", "pvt", "private", "sister", "brother", "uncle",
          "aunt", "dean", "speaker", "councilman", "councilwoman", "principal", "superintendent"}
DISEASE_WORDS = {"virus", "viruses", "fever", "disease", "flu", "influenza", "encephalitis",
                 "syndrome", "strain", "virus-like"}
# Kin nouns: a name in apposition to one is a person ("his daughter, Danielle,", "her
# mother Eliana", "sisters Naomi and Jemima"; LGL, tuned on).
KIN = {"wife", "husband", "son", "sons", "daughter", "daughters", "mother", "father", "mom",
       "dad", "sister", "sisters", "brother", "brothers", "granddaughter", "grandson",
       "grandmother", "grandfather", "grandchildren", "children", "aunt", "uncle", "niece",
       "nephew", "cousin", "fiancee", "fiancée", "fiance", "fiancé", "girlfriend",
       "boyfriend", "widow", "widower", "stepson", "stepdaughter", "stepfather",
       "stepmother", "twin", "spouse"}
# A country or a region is never taken for a kinsman's name.
NEVER_KIN = {"country", "continent", "region", "water"}
# "DfID", "DoJ", "MoD": a capital after a lower-case letter inside one word is an
# organization's acronym; no place name in the gazetteer is written that way unknown.
_ACRONYM = re.compile(r"[A-Z][a-z]+[A-Z]")


def names_disease(doc: Doc, end: int) -> bool:
    """"Marburg virus", "West Nile fever", "Spanish flu": the place names a disease."""
    return end < len(doc) and doc[end].lower_ in DISEASE_WORDS


@lru_cache(maxsize=1)
def actor_keys() -> frozenset[str]:
    """Name keys of the organizations, communities and persons of Sankore's actor tables."""
    keys: set[str] = set()
    for table in (lexicons.organizations(), lexicons.groups()):
        for actor in table.values():
            keys.update(name_key(n) for n in (actor.name, *actor.names) if n)
    for person in lexicons.persons().values():
        keys.update(name_key(n) for n in (person.name, *person.names) if n)
    return frozenset(keys)


def names_an_actor(text: str, by_shape: bool = True) -> bool:
    """A name the actor tables know ("Yazidi", "Isis", "Congress"), or (`by_shape`, for a
    name the gazetteer does not know: "DeKalb" is a county) one written like an
    organization's acronym ("DfID"), or a person's name in the plural ("the Bidens")."""
    key = name_key(text)
    if key in actor_keys() or (by_shape and _ACRONYM.search(text)):
        return True
    return key.endswith("s") and key[:-1] in actor_keys()


def reads_as_person(doc: Doc, start: int, end: int, places: tuple[GazPlace, ...]) -> bool:
    """"President Saakashvili", "Petrova said", "Saratova says": a name after a title, or
    a name that speaks while the gazetteer knows it at most as a small town or only by an
    alternate spelling, is a person the NER called a place."""
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in TITLES - {"st", "saint"}:
        return True
    best = prior_best(places)
    if named_as_kin(doc, start) and (best is None or best.feature not in NEVER_KIN):
        return True
    if best is not None and is_strong(best) and (
            best.feature != "city" or name_key(best.name) == name_key(doc[start:end].text)):
        return False
    return acts(doc[start:end])


def does(span: Span) -> bool:
    """"Pawlenty figures", "Petrojet beat Ismaili", "Danielle knows": the subject of an
    active verb (not "be" or "have"), unless the name says what kind of place it is ("the
    Red River will crest", "Darby Street makes a turn"). Evidence against a name no
    gazetteer row knows only: a known place does things too ("Sochi hosted the Games")."""
    root = span.root
    return (root.dep_ == "nsubj" and root.head.pos_ == "VERB"
            and root.head.lemma_ not in ("be", "have")
            and span[-1].lower_.rstrip(".") not in GEO_HEADS | NATURAL | STREET_WORDS)


def named_as_kin(doc: Doc, start: int) -> bool:
    """The name at token `start` (or the first name of its list) follows a kin noun, after at
    most a comma: "his 8-month-old daughter, Danielle", "sisters Naomi and Jemima"."""
    tok = doc[start]
    for _ in range(3):  # "Naomi and Jemima": from Jemima up to Naomi
        if tok.dep_ != "conj" or tok.head.i >= tok.i:
            break
        tok = tok.head
    i = tok.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return i >= 0 and doc[i].text in KIN  # lower case: not "Save the Children Australia"


def unknown_word(text: str, places: tuple[GazPlace, ...], vocabulary: set[str], gaz: Gazetteer) -> bool:
    """Ordinary English words the NER called a place that no gazetteer row knows ("Scouting",
    "Literacy", "United Way", "Heavy Sandwich", "County Judges", "the City of"): a heading, a
    body's or a firm's name or a fragment, not a place to report unresolved. Not a street's,
    a natural feature's or an area's name ("Main Street", "Flat Creek", "Historic District"),
    nor one that holds a well-known place's name ("United Russia": LGL marks the country
    inside it). LGL, tuned on: one word, 20 false places for 2 gold ones ("Institute", "Gun"
    of "Gun Barrel City"); more words, see the data card."""
    words = [w for w in text.lower().replace("’s", "").replace("'s", "").split() if w not in _LINKS]
    if places or not words or not all(w in vocabulary for w in words):
        return False
    if len(words) == 1:
        return True
    last = words[-1].rstrip(".")
    return last not in _AREA_ENDS and not last[:1].isdigit() and \
        not any(is_strong(prior_best(gaz.lookup(w))) for w in words)


_LINKS = {"of", "the", "and", "&"}
# Last words of the names of roads, natural features, areas and polities.
_AREA_ENDS = STREET_WORDS | NATURAL | GEO_HEADS | POLITY_WORDS | SETTLEMENTS


def person_tokens(doc: Doc, gaz: Gazetteer) -> set[str]:
    """Words of multi-word PERSON entities anywhere in the document: when "Chad Smith"
    appears once, a later bare "Chad said" is the person. Entities that are themselves a
    strong place name ("Burkina Faso" tagged PERSON) do not count, nor the words before a
    title inside one: "Alexandria Police Chief Daren Coutee" is Daren Coutee, of Alexandria.
    Nor do the function words a PERSON entity opens with ("Inside Afrin", a heading), nor a
    word the NER tags more often as a place the gazetteer knows than it puts it in a
    person's name (in a Guardian article, "Inside Afrin" once tagged PERSON, "Afrin" twelve
    times GPE)."""
    in_persons: Counter[str] = Counter()
    in_places: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and gaz.knows(ent.text):
            in_places.update(t.lower_ for t in ent if t.is_alpha)
        if ent.label_ == "PERSON" and len(ent) > 1:
            if is_strong(prior_best(gaz.lookup(ent.text))):
                continue
            titles = [t.i for t in ent if t.lower_.rstrip(".") in TITLES | {"police"}]
            start = titles[-1] + 1 if titles else ent.start
            while start < ent.end and (doc[start].is_stop or doc[start].pos_ in ("ADP", "DET")):
                start += 1
            if ent.end - start > 1:
                in_persons.update(t.lower_ for t in doc[start:ent.end] if t.is_alpha)
    return {w for w, n in in_persons.items() if in_places[w] <= n}
