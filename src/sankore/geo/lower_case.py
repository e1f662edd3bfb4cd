"""Place names in a document written (nearly) all in lower case.

Some sources lower-case their whole copy (the Times of India archive that IndiaPoliceEvents
holds: "ahmedabad: the police nabbed the accused from godhra."). There the NER finds little
and the first pass, which reads capitals, finds no place at all, so an event can never take
the dateline's place. Such a document is a class of its own (`lower_cased`), and its places
are found by looking its words up in the gazetteer, with what capitals would have said
replaced by what the words are and where they stand (`_tier`):

1. sure: a dateline, the words that open a line before ":" ("ahmedabad:", "new delhi:"),
   names the place the story was filed from, whatever else the words mean; a country or a
   state; a name the gazetteer knows whose words are not all English words ("uttar
   pradesh", "ferozepur");
2. a big town (`priors.is_strong`), in a country a sure place lies in (or anywhere when the
   document has none): "sabha" of "lok sabha" in a story from Delhi is not Sabha, Libya;
3. a town of at least village size whose name is no English word, in a country a sure place
   or a big town lies in ("godhra" beside "gujarat");

and never an ordinary word: an adjective, verb or adverb of the model's tables, a stop word,
a weekday or month ("nice", "police", "march"); a word the tagger reads as a verb or an
adjective ("got": Got, India); an English noun unless the tagger reads a proper noun in it and
it is a big place ("delhi", not "temple" or "bank": Temple, Texas; Bānk, India); a name after
a title, inside a person the NER found ("asghar ali"), or that speaks while it is at most a
small town (`nonplaces.reads_as_person`), as in capitalized text.

Measured on IndiaPoliceEvents dev articles read by hand and on LGL and GeoVirus lower-cased
(geo DATA_CARD, "Lower-cased text").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from .candidates import CALENDAR, CONNECTORS, Candidate, longest_names
from .gazetteer import Gazetteer, GazPlace
from .names import name_key
from .nonplaces import TITLES, reads_as_person
from .priors import is_strong, prior_best

# A document is lower-cased when most of its sentences open in lower case and at most this
# share of its words hold a capital, over at least MIN_WORDS words. Measured 2026-12-07 (share
# of capitalized words; sentence openers): LGL, GeoVirus and the Guardian sample, 0.06 at least
# (median 0.16-0.19), openers nearly all capitals, none lower-cased; IndiaPoliceEvents, whose
# capitals are the archive's "This story is from March 10, 2002" line and a "Facebook Twitter"
# footer, 1,256 of 1,257 lower-cased (the other: 34 words, one opener of two in lower case).
MAX_CAPITALIZED = 0.15
MIN_WORDS = 8
# A town of a country the sure places lie in is a place from this size (a village; the
# gazetteer's smallest rows are towns of 500).
LOCAL_POPULATION = 1_000
# What the tagger may call the last word of a place name.
NAME_TAGS = ("PROPN", "NOUN", "X")
SURE, BIG, LOCAL = 1, 2, 3
# Areas an English word may name ("punjab", "georgia", "the balkans"), a state at least.
AREAS = ("admin1", "region", "continent", "water")

Found = tuple[int, int, list[GazPlace], int]  # token start, end, gazetteer entries, tier


def lower_cased(doc: Doc) -> bool:
    """Whether `doc` is written (nearly) all in lower case: most sentences open in lower
    case (the first word of the text and each word after ".", "!", "?" or a line break) and
    few words hold a capital."""
    # One pass reading each token's text once: this runs on every article.
    words = capitalized = openers = lower_openers = 0
    opens = True
    for tok in doc:
        text, alpha = tok.text, tok.is_alpha
        if alpha:
            words += 1
            # islower() first: most words hold no capital, and then none is upper case
            capitalized += not text.islower() and any(c.isupper() for c in text)
            if opens:
                openers += 1
                lower_openers += text[0].islower()
        if "\n" in text or text in (".", "!", "?"):
            opens = True
        elif alpha or tok.like_num:
            opens = False
    if words < MIN_WORDS:
        return False
    return capitalized <= MAX_CAPITALIZED * words and 2 * lower_openers > openers


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """"ahmedabad: the police ...": the name opens a line (spaCy makes a line break a token
    of its own) and a colon follows it."""
    return (start == 0 or "\n" in doc[start - 1].text) and end < len(doc) and doc[end].text == ":"


def _ordinary(tok: Token, lexicon: set[str]) -> bool:
    return tok.is_stop or tok.lower_ in lexicon or tok.lower_ in CALENDAR or not tok.is_alpha


def _named(doc: Doc, start: int, end: int, english: bool) -> bool:
    """The tagger reads the name's last word as a name (or, for a word no English dictionary
    holds, a modifier: "the ayodhya stalemate"), and the NER finds no longer person's name
    around it ("asghar ali"; on lower-cased text it calls a lone "ludhiana" a person too)."""
    if doc[end - 1].pos_ not in NAME_TAGS and (english or doc[end - 1].pos_ != "ADJ"):
        return False
    for tok in (doc[start - 1] if start > 0 else None, doc[end] if end < len(doc) else None):
        if tok is not None and tok.ent_type_ == "PERSON" and doc[start].ent_type_ == "PERSON":
            return False
    return True


def _tier(doc: Doc, start: int, end: int, places: list[GazPlace], lexicon: set[str],
          vocabulary: set[str]) -> int:
    """How sure a name is a place, read without capitals (the module docstring); 0: none."""
    if _dateline(doc, start, end):
        return SURE
    words = [t for t in doc[start:end] if t.lower_ not in CONNECTORS]
    best = prior_best(places)
    # An English word, or the plural or inflection of one ("halls", "grants": Halls, Tennessee).
    english = all(_ordinary(t, lexicon) or t.lower_ in vocabulary or t.lemma_.lower() in vocabulary
                  for t in words)
    if best is None or not words or not _named(doc, start, end, english):
        return 0
    if len(words) == 1 and _ordinary(words[0], lexicon):
        return 0
    if english:
        # English words all ("temple", "turkey", "delhi", "new delhi", "long beach").
        if best.feature == "country":
            return SURE
        if best.feature in AREAS or is_strong(best) and any(t.pos_ == "PROPN" for t in words):
            return BIG
        return 0
    if len(words) > 1 or best.feature in ("country", "continent", "region", "water"):
        return SURE
    # One word: a state, a district or a big town may still be a namesake abroad ("sabha" of
    # "lok sabha" is a district and a town of Libya).
    return BIG if is_strong(best) else LOCAL


def _matches(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[tuple[int, int]]:
    """Longest word sequences (not in `taken`) whose name the gazetteer knows."""
    return longest_names(doc, gaz, taken, lambda t: t.is_alpha and t.lower_ not in CONNECTORS)


def _countries(found: list[Found], tier: int) -> set[str]:
    """The countries of the names of `tier`, or of SURE: all; of BIG: the most named."""
    named = Counter(best.country for _, _, places, t in found
                    if t == tier and (best := prior_best(places)) is not None and best.country)
    if tier == SURE or not named:
        return set(named)
    most = max(named.values())
    return {country for country, n in named.items() if n == most}


def lower_case_candidates(doc: Doc, gaz: Gazetteer, lexicon: set[str], vocabulary: set[str],
                          taken: set[int]) -> list[Candidate]:
    """The place names of a lower-cased document outside the tokens `taken`, in text order
    (the module docstring says which). `lexicon`: adjectives, verbs and adverbs;
    `vocabulary`: every English word the model knows (nouns too)."""
    found: list[Found] = []
    for start, end in _matches(doc, gaz, taken):
        places = gaz.lookup(doc[start:end].text)
        prev = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
        if not places or prev in TITLES - {"st", "saint"}:
            continue
        tier = _tier(doc, start, end, places, lexicon, vocabulary)
        if tier == SURE or (tier and not reads_as_person(doc, start, end, tuple(places))):
            found.append((start, end, places, tier))
    # The document's countries: those of its sure places, else the one most of its states
    # and big towns lie in.
    countries = _countries(found, SURE) or _countries(found, BIG)
    out = []
    for start, end, places, tier in found:
        key = name_key(doc[start:end].text)
        if tier == BIG and not any(p.country in countries or not p.country for p in places):
            continue
        if tier == LOCAL and not any(p.country in countries and p.population >= LOCAL_POPULATION
                                     and name_key(p.name) == key for p in places):
            continue
        span = doc[start:end]
        out.append(Candidate(span.start_char, span.end_char, start, end, span.text, "GPE",
                             tuple(places)))
    return out
