"""Metonymy: a country, union or capital that speaks or decides stands for its government.

"Moscow said", "Washington and Paris agreed", "Mali rejected the offer": the place is the
grammatical subject of a speech or decision verb, or its agent in the passive ("rebels backed
by Ankara"), so it is an actor here. The coordinates
are kept (the place is still where the actor sits); only `metonymy` is set, which the actor
component reads to turn the mention into a state actor.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import PlaceKind

# Verbs of saying and deciding (lemmas). A place that is the subject of one acts.
SPEECH_DECISION = {
    "say", "state", "announce", "claim", "agree", "decide", "deny", "reject", "accept", "warn",
    "threaten", "demand", "urge", "call", "respond", "reply", "insist", "condemn", "accuse",
    "welcome", "declare", "vow", "pledge", "promise", "refuse", "approve", "sign", "ratify",
    "veto", "order", "ask", "request", "propose", "offer", "protest", "complain", "criticize",
    "criticise", "praise", "blame", "confirm", "acknowledge", "admit", "argue", "assert",
    "note", "stress", "emphasize", "emphasise", "reiterate", "suggest", "recognize",
    "recognise", "expel", "impose", "sanction", "recall", "summon", "negotiate", "mediate",
    "support", "back", "oppose", "endorse", "retaliate", "vote", "hail",
    "dismiss", "denounce", "reaffirm", "commit", "deploy", "withdraw", "suspend", "sever",
    "invite", "seek", "want", "plan", "intend", "hope", "believe", "fear",
    # rebuffing, rebuking, courting, brokering and arming are a government's acts too ("demands
    # rebuffed by Moscow", "rebels armed by Tehran", "a deal brokered by Doha")
    "rebuff", "snub", "spurn", "rebuke", "slam", "lambast", "castigate", "dispute", "resist", "block",
    "host", "court", "woo", "broker", "fund", "arm", "supply", "train", "pressure", "press", "lobby",
    "thank", "congratulate", "extradite", "deport", "brand",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _subject_head(tok: Token) -> Token | None:
    """The verb `tok` is the subject of, following conjunctions ("Washington and Paris")."""
    for _ in range(4):
        if tok.dep_ in SUBJECT_DEPS:
            return tok.head
        if tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


# Places that can stand for a government or a union's institutions ("the EU decided").
SEATS_OF_POWER = {"country", "region", "continent"}


def is_metonymic(span: Span, feature: str | None, capital: bool) -> bool:
    """True when the country, union ("the EU") or capital `span` is the subject or the passive
    agent of a speech/decision verb."""
    if feature not in SEATS_OF_POWER and not capital:
        return False
    return acts(span)


def _agent_head(tok: Token) -> Token | None:
    """The passive verb `tok` is the agent of ("backed by Moscow and Tehran")."""
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            return tok.head.head
        if tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


def acts(span: Span) -> bool:
    """True when `span` is the subject of a speech or decision verb, or the agent of one in
    the passive ("rebels backed by Ankara", "sanctions imposed by Washington")."""
    agent_of = _agent_head(span.root)
    if agent_of is not None:
        return agent_of.lemma_ in SPEECH_DECISION
    verb = _subject_head(span.root)
    if verb is None:
        return False
    if verb.lemma_ in SPEECH_DECISION:
        return True
    # "Moscow has said", "Paris is expected to agree": look through to the main verb once.
    return any(c.dep_ == "xcomp" and c.lemma_ in SPEECH_DECISION for c in verb.children)


# Dependencies by which a name modifies the noun after it ("Texas officials", "EU ministers",
# "the Iraq war"): GeoWebNews' modifier kind, which names a place's people or things.
MODIFIER_DEPS = {"compound", "amod", "nmod"}
# Nouns that name the kind of place the name is ("Barrow and Jackson counties", "Clay
# County"): a name before one is a literal place, not a modifier.
AREA_NOUNS = {"county", "counties", "parish", "parishes", "borough", "boroughs", "province",
              "provinces", "district", "districts", "township", "townships"}


def modifies_noun(tok: Token, end: int) -> bool:
    """True when `tok` (a name's root, the name ending before token `end`) modifies a noun
    after the name, directly or as a conjunct of a word that does ("French and U.S.
    forces")."""
    for _ in range(3):
        if tok.dep_ in MODIFIER_DEPS and tok.head.i >= end and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head.lower_ not in AREA_NOUNS
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def place_kind(span: Span, metonymic: bool, embedded: bool) -> PlaceKind:
    """The GeoWebNews kind of a place name (records.PlaceKind) that the component found:
    metonymic, embedded in a longer name, modifying a noun, else literal."""
    if metonymic:
        return "metonymic"
    if embedded:
        return "embedded"
    return "modifier" if modifies_noun(span.root, span.end) else "literal"
