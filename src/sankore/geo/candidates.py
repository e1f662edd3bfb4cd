"""Find the spans of a parsed `Doc` that name places, with their gazetteer candidates.

Two sources, one list:
- spaCy's GPE and LOC entities (and FAC entities the gazetteer knows as a region or water),
  trimmed of "the" and possessives;
- gazetteer lookups of capitalized token sequences, which recover what the small English
  model misses or mislabels ("Niamey" and "Kyiv" as PERSON, "Niger" as DATE), accepted only
  when population, feature type, the NER label, the tagger and the context agree that the
  words are a place and not a person or an ordinary capitalized word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import cast

from spacy.tokens import Doc, Span, Token

from ..spans import entity_at, entity_within
from .gazetteer import Gazetteer, GazPlace
from .locative import (
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    before_noun,
    locative,
    named_as_place,
    surely_located,
    where,
)
from .longer_names import (
    STREET_WORDS,
    edges_free,
    geographic,
    inside_longer_name,
    known_part,
    part_of_name,
    starts_name,
)
from .names import name_key
from .nonplaces import (
    TITLES,
    does,
    names_an_actor,
    names_disease,
    person_tokens,
    reads_as_person,
)
from .priors import ap_state, is_strong, prior_best

NAMED_THINGS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
# Labels under which the small model hides places it does not know; a gazetteer match
# overriding them must be a strong place and cover the whole entity.
OVERRIDABLE = {"PERSON", "ORG", "DATE", "NORP", "CARDINAL", "TIME", "PRODUCT", "WORK_OF_ART",
               "EVENT", "LAW", "FAC", "MONEY", "QUANTITY", "ORDINAL", "PERCENT", "LANGUAGE"}
# Words that may stand inside a multi-word name ("Bosnia and Herzegovina", "Gulf of Aden",
# "Washington, D.C.").
CONNECTORS = {"of", "the", "and", "de", "del", "la", "le", "du", "des", "da", "do", "al", "el",
              "upon", "on", "-", ",", "'s", "’s", "y", "en", "sur", "am", "an", "der", "bin"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec", "christmas", "easter"}
ROUTE_WORDS = {"highway", "interstate", "route", "road", "hwy", "i", "us", "sr"}
# Words of a county's name, after which a street word ends a road or a court named after the
# county ("Mahnomen County Road 4", "Clarke County Superior Court"), not a street of a town.
COUNTY_WORDS = {"county", "parish", "borough"}
WEAK_POPULATION = 1_000  # below this, only the NER's word makes a name a place
# A town of a state named in the article, under another NER label: (non-PERSON, PERSON).
LOCAL_POPULATION = (1_000, 5_000)
# ... or a town of a country it names ("Malakal" beside "South Sudan"), if this big.
LOCAL_COUNTRY_POPULATION = 20_000


@dataclass(frozen=True)
class Candidate:
    """A span that may name a place, and what the gazetteer knows of it."""

    start: int  # character offsets into doc.text, end exclusive
    end: int
    tok_start: int
    tok_end: int
    text: str
    label: str  # the NER label of the entity it came from, "" for a gazetteer-only match
    places: tuple[GazPlace, ...]
    embedded: bool = False  # the known start of a longer name ("Dublin" of "Dublin City Council")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive or punctuation from a span."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _span_text(doc: Doc, start: int, end: int) -> str:
    # Span.text joins only the span's tokens; doc.text would rebuild the whole text per call.
    return doc[start:end].text


def not_acronym_towns(text: str, places: list[GazPlace]) -> tuple[GazPlace, ...]:
    """"EU", "U.S.", "UK" written in capitals are not the towns Eu, Us and Uk (France,
    Russia), whose names share their key: a short capitalized acronym never means a town
    written in lower case."""
    letters = [c for c in text if c.isalpha()]
    if not 2 <= len(letters) <= 3 or not all(c.isupper() for c in letters):
        return tuple(places)
    return tuple(p for p in places if not (p.feature == "city" and not p.name.isupper()
                                           and name_key(p.name) == name_key(text)))


def _candidate(doc: Doc, gaz: Gazetteer, start: int, end: int, label: str,
               shrink: bool = False) -> Candidate:
    text = _span_text(doc, start, end)
    places = not_acronym_towns(text, gaz.lookup(text))
    whole = end
    if not places and shrink and end - start > 1:
        end, places = known_part(doc, gaz, start, end)
        text = _span_text(doc, start, end)
    return Candidate(doc[start].idx, doc[start].idx + len(text), start, end, text, label, places,
                     embedded=end < whole and not geographic(doc, start, places))


def ner_candidates(doc: Doc, gaz: Gazetteer, persons: set[str]) -> list[Candidate]:
    """GPE/LOC entities (and FAC ones the gazetteer knows as region or water)."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ != "FAC":
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        for s, e in _split_on_commas(doc, start, end, gaz):
            # A street keeps its whole name ("Wichita Street" is no town of Wichita), unless it
            # is a county's road or court ("Mahnomen County Road 4": the county is named).
            road = is_street(doc[s:e])
            street = road and not any(t.lower_ in COUNTY_WORDS for t in doc[s:e - 1])
            cand = _candidate(doc, gaz, s, e, ent.label_, shrink=not street)
            e = cand.tok_end
            if names_an_actor(cand.text, by_shape=not cand.places) and not _surely_a_place(cand):
                continue  # "Yazidi", "Isis", "DfID", "Congress" (a town too) tagged GPE
            if ent.label_ == "FAC" and not (road or any(
                    p.feature in ("region", "water") for p in cand.places)):
                continue
            if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[s:e]):
                continue  # "the region": a lower-case GPE is a mislabel, not a name
            if names_disease(doc, e):
                continue
            if any(t.lower_ in persons for t in doc[s:e]) and not is_strong(
                    prior_best(cand.places)):
                continue  # "Ripley" as GPE, when "John Ripley" is a person of the article
            out.append(_as_state_abbreviation(cand, gaz))
    return out


def _surely_a_place(cand: Candidate) -> bool:
    """A name the actor tables know stays a place only when it means a country, a region or
    a big town by its own name ("EU"), not by an alternate spelling ("Hamas" of Hamm)."""
    best = prior_best(cand.places)
    return best is not None and is_strong(best) and (
        best.feature != "city" or name_key(best.name) == name_key(cand.text))


def _as_state_abbreviation(cand: Candidate, gaz: Gazetteer) -> Candidate:
    """"Kan.", "W.Va.", "Calif.": an AP state abbreviation the NER tagged as a place means the
    state, not the town whose alternate name it happens to spell ("Kan" in China)."""
    code = ap_state(cand.text) if "." in cand.text else None
    state = gaz.admin1("USA", code) if code else None
    if state is None:
        return cand
    return replace(cand, places=(state,))


def is_street(span: Span) -> bool:
    """"Orchard St.", "Interstate 395", "Highway 114": a road is a place, but no gazetteer
    entry; it is reported unresolved."""
    words = [t.lower_.rstrip(".") for t in span]
    return bool(words) and (words[-1] in STREET_WORDS or (
        len(words) > 1 and words[-2] in ROUTE_WORDS and span[-1].like_num))


def _split_on_commas(doc: Doc, start: int, end: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """'Alexandria, Louisiana' as one entity is two toponyms, unless the whole is a name."""
    commas = [i for i in range(start, end) if doc[i].text == ","]
    if not commas or gaz.knows(_span_text(doc, start, end)):
        return [(start, end)]
    bounds, prev = [], start
    for c in commas + [end]:
        s, e = _trim(doc, prev, c)
        if s < e:
            bounds.append((s, e))
        prev = c + 1
    return bounds


def gazetteer_matches(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[tuple[int, int]]:
    """Longest capitalized token sequences (not in `taken`) whose name the gazetteer knows."""
    return longest_names(doc, gaz, taken, starts_name)


def longest_names(doc: Doc, gaz: Gazetteer, taken: set[int],
                  is_word: Callable[[Token], bool]) -> list[tuple[int, int]]:
    """Longest token sequences (not in `taken`) that open and close on a word `is_word` takes,
    with only such words and connectors ("of", "de") between, whose text the gazetteer knows:
    one scan for capitalized copy (`gazetteer_matches`) and lower-cased copy (`lower_case`)."""
    # Each token read once: `doc[i]` builds a new Token per access, `Span.text` and `doc.text`
    # join their tokens anew, and this scan asks up to `max_words` spans of every word of
    # every article (a fifth of the places stage before). A span's text grows token by token.
    tokens = list(doc)
    words = [is_word(t) for t in tokens]
    joins = [w or t.lower_ in CONNECTORS for w, t in zip(words, tokens, strict=True)]
    out = []
    i, n = 0, len(tokens)
    while i < n:
        if i in taken or not words[i]:
            i += 1
            continue
        best = None
        text = ""
        for j in range(i + 1, min(n, i + gaz.max_words) + 1):
            if j - 1 in taken or not joins[j - 1]:
                break
            last = tokens[j - 1]
            text = text + tokens[j - 2].whitespace_ + last.text if j - 1 > i else last.text
            if words[j - 1] and gaz.knows(text):
                best = j
        if best is None:
            i += 1
            continue
        out.append((i, best))
        i = best
    return out


def _covering_entity(doc: Doc, start: int, end: int) -> Span | None:
    """The first entity inside tokens [start, end), else the one token `start` is part of.
    Read off the tokens' IOB tags: `doc.ents` (and `Span.ents`) builds every entity of the
    document on each access, which asked once per candidate made a long text quadratic."""
    return entity_within(doc, start, end) or entity_at(doc, start)


def _common_word(tok: Token, lexicon: set[str]) -> bool:
    return tok.is_stop or tok.lower_ in lexicon or tok.lower_ in CALENDAR


def accept_match(doc: Doc, start: int, end: int, places: list[GazPlace], persons: set[str],
                 lexicon: set[str], areas: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset()
                 ) -> tuple[bool, str]:
    """Whether a gazetteer match outside the NER's places is a place, and the label it hid.

    `areas` holds the (country, admin1) pairs of the states the NER found in the document
    and (country, "*") for its countries: a small town of a state the article names
    ("Moorhead" beside "Minnesota") is a place even where the model called it an
    organization.
    """
    best = cast(GazPlace, prior_best(places))  # a gazetteer match has at least one entry
    key = name_key(doc[start:end].text)
    local = next((p for p in places if p.feature == "city" and name_key(p.name) == key and (
        (p.country, p.admin1) in areas
        or ((p.country, "*") in areas and p.population >= LOCAL_COUNTRY_POPULATION))), None)
    span = doc[start:end]
    ent = _covering_entity(doc, start, end)
    label = ent.label_ if ent is not None else ""
    first, prev = doc[start], doc[start - 1] if start > 0 else None
    main_name = best is not None and name_key(best.name) == name_key(span.text)
    strong = is_strong(best) and (main_name or best.feature != "city")
    if end - start == 1 and _common_word(first, lexicon):
        return False, label
    if prev is not None and prev.lower_.rstrip(".") in TITLES:
        return False, label
    # A town by another of its spellings ("Kobane", "Raqqa", "Dohuk"), big enough, in a
    # country the article names: after "in" or "the town of", that town.
    spelled = any(p.feature == "city" and p.population >= LOCAL_COUNTRY_POPULATION
                  and (p.country, "*") in areas for p in places)
    if named_as_place(doc, start) and (main_name or best.feature != "city" or spelled) and not (
            inside_longer_name(doc, start, end)):
        return True, label  # "in the town of Manbij" (a PRODUCT to the small model)
    if inside_longer_name(doc, start, end) or names_disease(doc, end) or (
            not strong and names_an_actor(span.text, by_shape=False)):  # "in Congress"
        return False, label
    # "lives in Tega Cay", "offered in Parkers Prairie": a town by its own name after "in" or
    # "near" is the town, though the NER called it a person or an organization, and though
    # a person of the article shares a word with it ("Greer Station" tagged PERSON).
    located = (label not in PLACE_LABELS and prev is not None and prev.lower_ in PLACE_PREPOSITIONS
               and ((main_name and best.population >= WEAK_POPULATION) or spelled)
               and (ent is None or (ent.start, ent.end) == (start, end))
               and edges_free(doc, start, end) and not before_noun(doc, end))
    if located:
        return True, label
    if any(t.lower_ in persons for t in span if t.is_alpha) and (
            best.feature == "city" or label == "PERSON" or end - start == 1):
        return False, label
    if ent is not None:
        exact = ent.start == start and ent.end == end
        if label in PLACE_LABELS:
            return True, label
        if label == "FAC" and best.feature in ("water", "region"):
            return True, label  # "the Gulf of Aden Port of Berbera": the gulf is a place
        if label not in OVERRIDABLE:
            return False, label
        if not exact:
            # "Niamey to Kyiv" tagged as one ORG: a strong place whose neighbours inside the
            # entity are not capitalized words (those were caught as longer names above).
            return strong and (label != "PERSON" or edges_free(doc, start, end)), label
        if not strong:
            # A town of a state the article names, at least village-sized.
            ok = local is not None and local.population >= LOCAL_POPULATION[label == "PERSON"]
            return ok, label
        if label == "PERSON" and best.feature == "city" and local is None and not (
                best.capital or best.population >= 500_000 or locative(prev)):
            return False, label  # "Jackson said": a person until the text says otherwise
        return True, label
    if not all(t.pos_ == "PROPN" or t.lower_ in CONNECTORS for t in span):
        return False, label
    if strong or local is not None:
        return True, label
    population = best.population if best is not None else 0
    return (main_name and population >= WEAK_POPULATION and locative(prev, doc)), label


def areas_of(found: list[Candidate]) -> set[tuple[str, str]]:
    """(country, admin1) of the states and (country, "*") of the countries the NER found."""
    areas = set()
    for cand in found:
        best = prior_best(cand.places)
        if best is not None and cand.label in PLACE_LABELS:
            if best.feature == "admin1":
                areas.add((best.country, best.admin1))
            elif best.feature == "country":
                areas.add((best.country, "*"))
    return areas


def find_candidates(doc: Doc, gaz: Gazetteer, lexicon: set[str],
                    home: frozenset[tuple[str, str]] = frozenset()) -> list[Candidate]:
    """All candidate place spans of `doc`, in text order, without overlaps. `home`: the
    (country, admin1) areas of the outlet's home (`geo/outlets.py`), which count as areas
    the article names."""
    persons = person_tokens(doc, gaz)
    found = ner_candidates(doc, gaz, persons)
    taken = {i for c in found for i in range(c.tok_start, c.tok_end)}
    areas = areas_of(found) | home
    for start, end in gazetteer_matches(doc, gaz, taken):
        start, end = _trim(doc, start, end)
        if start >= end:
            continue
        text = _span_text(doc, start, end)
        places = list(not_acronym_towns(text, gaz.lookup(text)))
        if not places:
            continue
        ok, label = accept_match(doc, start, end, places, persons, lexicon, areas)
        if ok:
            cand = _candidate(doc, gaz, start, end, label or "")
            ent = _covering_entity(doc, start, end)
            # "Agence France-Presse", "Alexandria Police Department": the place is part of
            # an organization's name, kept as an embedded toponym, never a literal place;
            # not a gulf, nor the town of "the Port of Berbera" (the NER's one FAC).
            if ent is not None and ent.label_ in NAMED_THINGS and part_of_name(doc, ent, start, end) \
                    and not geographic(doc, start, places):
                cand = replace(cand, embedded=True)
            found.append(cand)
    # One sense per document: a name that reads as a person once ("Saratova says") is that
    # person everywhere in the article ("appealed to Saratova").
    people = {name_key(c.text) for c in found
              if reads_as_person(doc, c.tok_start, c.tok_end, c.places)}
    people.update(name_key(e.text) for e in doc.ents if e.label_ in ("PERSON", "ORG")
                  and reads_as_person(doc, e.start, e.end, tuple(gaz.lookup(e.text))))
    found = [c for c in found
             if name_key(c.text) not in people or surely_located(doc, c.tok_start, c.tok_end)]
    # A name no gazetteer row knows that does things ("Petrojet beat Ismaili", "Pawlenty
    # figures") is a team, a firm or a person, unless the article also puts something in it
    # or takes someone to or from it ("came to Jinwar", "the village of Kocho").
    doers = {name_key(c.text) for c in found if not c.places and does(doc[c.tok_start:c.tok_end])}
    doers.update(name_key(e.text) for e in doc.ents if e.label_ in ("PERSON", "ORG")
                 and does(e) and not gaz.lookup(e.text))  # "Yogananda blended" (an ORG there)
    doers -= {name_key(c.text) for c in found if where(doc, c.tok_start, c.tok_end)}
    found = [c for c in found if c.places or name_key(c.text) not in doers
             or surely_located(doc, c.tok_start, c.tok_end)]
    found.sort(key=lambda c: c.start)
    return found
