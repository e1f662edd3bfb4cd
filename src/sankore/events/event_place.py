"""Where an event happened: the place named in its clause, read off the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..mentions import ActorMention, PlaceMention
from ..pipeline.generic_actors import DATELINE_CHARS, dateline_spans
from ..pipeline.seats import visited

_PLACE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "within"}
_SPECIFIC = {"city": 0, "admin": 1, "region": 2, "water": 2, "country": 3, "continent": 4}


def event_place(doc: Doc, anchor: Token, places: list[PlaceMention],
                exclude: list[tuple[int, int]]) -> PlaceMention | None:
    """The most specific non-metonymic place in the anchor's clause: one under an "in/at"
    phrase first, then one in the object ("visited Moscow"), never a participant's name but
    a capital visited (the government visited is the target, the city the place)."""
    clause = _clause_tokens(anchor)
    by_idx = {t.idx: t for t in clause}
    candidates = [p for p in places if p.start in by_idx and not p.metonymy
                  and (not any(s <= p.start < e for s, e in exclude) or _visited(doc, p))]
    if not candidates:
        return None

    def rank(p: PlaceMention) -> tuple[int, int]:
        tok = by_idx[p.start]
        under_prep = any(a.dep_ == "prep" and a.lower_ in _PLACE_PREPS for a in tok.ancestors
                         if a.i in {t.i for t in clause})
        return (0 if under_prep else 1, _SPECIFIC.get(p.feature or "", 5))

    return min(candidates, key=rank)


# Verbs whose subject is an event and that say only that it happened ("clashes erupted in
# Vadodara", "fresh violence was reported in the town", "a province rocked by heavy fighting"):
# their place and time are the event's own.
HAPPENING_VERBS = {"occur", "erupt", "break", "spread", "report", "flare", "rage",
                   "escalate", "intensify", "rock", "grip", "engulf", "hit", "persist",
                   # meetings held or to be held: "talks were held in Astana", "talks are
                   # expected in Geneva", "a round of talks is due to be held in Astana"
                   "hold", "stage", "resume", "convene", "reconvene", "open", "begin", "start",
                   "continue", "expect", "schedule"}
# Nouns that count or group the events of their "of" phrase: "a new round of talks".
_GROUPS = {"round", "series", "wave", "spate", "string", "flurry", "cycle"}
# Predicates through which a subject's event reaches the verb that tells it: "are due to be
# held", "is set to resume", "are scheduled to open".
_ON_THE_WAY = {"due", "set", "scheduled", "expected", "likely", "planned", "poised"}


def told_with_place(doc: Doc, noun: Token, places: list[PlaceMention],
                    actors: list[ActorMention]) -> Token | None:
    """The clause that tells a noun event naming no participant, where it names the event's
    own place: the happening verb the noun is the subject (or "by" agent) of, else the noun's
    own phrase ("violence in Bharuch"); None without such a place. The guidelines code a noun
    event when it is specific (§9), not a vague "the violence"; a noun that names people, one
    of the `actors` ("protesters in Tehran"), tells no event."""
    if any(a.start <= noun.idx < a.end for a in actors):
        return None
    subject = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _GROUPS:
        subject = noun.head.head  # "a new round of talks … is due to be held"
    agent = subject.dep_ == "pobj" and subject.head.dep_ == "agent"
    head = _telling_verb(subject.head.head if agent else subject.head)
    told = head if (agent or subject.dep_ in ("nsubj", "nsubjpass")) and head.pos_ == "VERB" \
        and head.lemma_.lower() in HAPPENING_VERBS else noun
    return told if event_place(doc, told, places, []) is not None else None


def _telling_verb(verb: Token) -> Token:
    """The verb an event's subject reaches through "is due to", "is set to", "is expected to"."""
    for head in (verb, *(c for c in verb.children if c.dep_ == "acomp")):
        if head.i == verb.i and verb.lemma_ != "be" and verb.lower_ not in _ON_THE_WAY:
            continue
        if head.i != verb.i and head.lower_ not in _ON_THE_WAY:
            continue
        for c in head.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                return c
    return verb


def dateline_place(doc: Doc) -> PlaceMention | None:
    """The place a dateline names ("ahmedabad:", "HANOI, Vietnam (AP) —"): the place of the
    events the story reports that name no place of their own (guidelines §5)."""
    # A few tokens' text, not `doc.text`, which spaCy rebuilds from every token on each access.
    spans = dateline_spans(doc[:80].text[:DATELINE_CHARS])
    for p in doc._.places:
        if p.start >= DATELINE_CHARS:
            break
        if not p.metonymy and any(a <= p.start and p.end <= b for a, b in spans):
            return p
    return None


def _visited(doc: Doc, place: PlaceMention) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and visited(span.root)


def _clause_tokens(anchor: Token) -> list[Token]:
    """The anchor's subtree without nested clauses that have their own subject."""
    out = []
    stack = [anchor]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            nested = child.dep_ in ("relcl", "ccomp", "advcl", "csubj")
            if nested or child.dep_ == "conj" and child.pos_ == "VERB":
                continue
            stack.append(child)
    return out
