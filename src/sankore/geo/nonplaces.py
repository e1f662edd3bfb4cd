"""What is not a place, though the gazetteer or the NER says so: persons, groups,
organizations and diseases that carry a place's name.

The classes come from the errors the issue lists (Guardian sample: "Saratova" as Saratov,
"Yazidi", "Isis", "DfID"; an analyst's "Bidens") and the LGL dev set ("President
Saakashvili", "Petrova said"): each rule is about a kind of name, never a single name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..resources import lexicons
from .gazetteer import GazPlace
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
    if best is not None and is_strong(best) and (
            best.feature != "city" or name_key(best.name) == name_key(doc[start:end].text)):
        return False
    return acts(doc[start:end])


def unknown_word(text: str, places: tuple[GazPlace, ...], vocabulary: set[str]) -> bool:
    """One ordinary English word the NER called a place that no gazetteer row knows
    ("Scouting", "Literacy", "Resort", "District"): a capitalized heading or a name's
    fragment, not a place to report unresolved (LGL, tuned on: 20 such false places for 2
    gold ones, "Institute" and "Gun" of "Gun Barrel City")."""
    return not places and " " not in text.strip() and text.strip().lower() in vocabulary
